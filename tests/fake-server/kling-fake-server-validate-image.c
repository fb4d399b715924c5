/* kling-fake-server-validate-image.c — image and image_tail, and how files are sent
 *
 * An image field is a URL, fetched later (kling-fake-server-fetch.c), or strict base64 of a JPEG
 * or PNG within kling-api.md §2's limits of size, sides and aspect ratio.
 * The masks come the same way and share the decoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-validate.h"

#define MAX_FILE_SIZE       (10 * 1024 * 1024)
#define MIN_IMAGE_SIDE      300

/* Strict base64: the standard alphabet, padded to a multiple of 4, no
 * whitespace (g_base64_decode alone would skip junk silently). */
static GBytes *
decode_base64_strictly (const char *text)
{
  gsize length = strlen (text);
  guchar *data;
  gsize size;

  if (length == 0 || length % 4 != 0)
    return NULL;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < length - 2 || (i == length - 2 && text[length - 1] != '='))
            return NULL;
        }
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return NULL;
    }
  data = g_base64_decode (text, &size);
  return g_bytes_new_take (data, size);
}

static gboolean
is_url (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://");
}

static GHashTable *
ensure_table (GHashTable     **table,
              GDestroyNotify   free_value)
{
  if (*table == NULL)
    *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_value);
  return *table;
}

/* An image or mask field: a URL (*bytes NULL; the task fetches it while
 * processing) or raw base64. The create remembers either. */
gboolean
kling_fake_decode_file (Validation  *v,
                        const char  *field,
                        const char  *text,
                        GBytes     **bytes)
{
  *bytes = NULL;
  if (is_url (text))
    {
      g_hash_table_replace (ensure_table (&v->create->urls, g_free),
                            g_strdup (field), g_strdup (text));
      return TRUE;
    }
  if (*text == '\0')
    return kling_fake_fail (v, "%s must not be empty", field);
  *bytes = decode_base64_strictly (text);
  if (*bytes == NULL)
    return kling_fake_fail (v, "File is not in a valid base64 format");
  if (g_bytes_get_size (*bytes) > MAX_FILE_SIZE)
    return kling_fake_fail (v, "%s is too large: at most 10MB", field);
  g_hash_table_replace (ensure_table (&v->create->files, (GDestroyNotify) g_bytes_unref),
                        g_strdup (field), g_bytes_ref (*bytes));
  return TRUE;
}

gboolean
kling_fake_has_magic (GBytes     *bytes,
                      const char *magic,
                      gsize       magic_len)
{
  return g_bytes_get_size (bytes) >= magic_len &&
         memcmp (g_bytes_get_data (bytes, NULL), magic, magic_len) == 0;
}

GdkPixbuf *
kling_fake_load_pixbuf (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gboolean written = gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  /* Always close: a loader finalized open complains. */
  gboolean closed = gdk_pixbuf_loader_close (loader, NULL);
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (!written || !closed || pixbuf == NULL)
    return NULL;
  return g_object_ref (pixbuf);
}

gboolean
kling_fake_check_picture (Validation *v,
                          const char *field,
                          gboolean    required)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const char *text;
  int width, height;

  if (!kling_fake_get_string (v, field, &text))
    return FALSE;
  if (text == NULL)
    return required ? kling_fake_fail (v, "%s is required", field) : TRUE;
  if (!kling_fake_decode_file (v, field, text, &bytes))
    return FALSE;
  if (bytes == NULL)
    return TRUE;

  if (!kling_fake_has_magic (bytes, PNG_MAGIC, 8) && !kling_fake_has_magic (bytes, JPEG_MAGIC, 3))
    return kling_fake_fail (v, "%s format is not supported: only jpg, jpeg and png", field);
  pixbuf = kling_fake_load_pixbuf (bytes);
  if (pixbuf == NULL)
    return kling_fake_fail (v, "%s cannot be decoded", field);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE)
    return kling_fake_fail (v, "%s is too small (%dx%d): each side must be at least %d px",
                            field, width, height, MIN_IMAGE_SIDE);
  if (2 * width > 5 * height || 2 * height > 5 * width)
    return kling_fake_fail (v, "%s aspect ratio (%dx%d) must be between 1:2.5 and 2.5:1",
                            field, width, height);

  if (g_strcmp0 (field, "image") == 0)
    {
      v->image_width = width;
      v->image_height = height;
    }
  return TRUE;
}
