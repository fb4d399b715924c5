/* kling-test-media.c — test pictures and JSON bodies, made at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "kling-test-media.h"

/**
 * kling_test_png_base64:
 * @mask: a mask (white between columns @x0 and @x1, black elsewhere) rather
 *   than a picture (a colour gradient)
 *
 * Returns: a PNG of @width × @height as raw base64, as the API takes it
 */
char *
kling_test_png_base64 (int      width,
                       int      height,
                       gboolean mask,
                       int      x0,
                       int      x1)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *buffer = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize length;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        if (mask)
          p[0] = p[1] = p[2] = (x >= x0 && x < x1) ? 255 : 0;
        else
          {
            p[0] = (guint8) (x * 255 / width);
            p[1] = (guint8) (y * 255 / height);
            p[2] = 128;
          }
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_base64_encode ((const guchar *) buffer, length);
}

/* The builder's object in json-glib's compact form, as the client sends it. */
GBytes *
kling_test_generate_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* Removes a test's folder and everything in it. */
void
kling_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        kling_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
