/* kling-image-fix.c — turning a picture the API refuses into one it takes
 *
 * The API takes PNG or JPEG, at most 10 MB, each side at least 300 pixels,
 * and a width/height ratio between 1:2.5 and 2.5:1. The fix crops to the
 * ratio around the centre, scales up a side that is too short, and encodes
 * as PNG, or as JPEG when a PNG would be too large.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-error.h"
#include "kling-image-fix.h"

#define MAX_RATIO 2.5

/**
 * kling_image_fix_describe:
 *
 * The label of the button that fixes an image, naming everything it will
 * do: "Crop to 1:2.5 and Scale Up".
 */
char *
kling_image_fix_describe (int      width,
                          int      height,
                          gsize    n_bytes,
                          gboolean wrong_type)
{
  double ratio = (double) width / MAX (height, 1);
  const char *steps[3];
  guint n = 0;

  if (ratio > MAX_RATIO)
    steps[n++] = _("Crop to 2.5:1");
  else if (ratio < 1 / MAX_RATIO)
    steps[n++] = _("Crop to 1:2.5");
  /* after the crop, the short side is still the short side */
  if (MIN (width, height) < KLING_IMAGE_MIN_SIDE)
    steps[n++] = _("Scale Up");
  if (wrong_type)
    steps[n++] = _("Convert to PNG");
  else if (n_bytes > KLING_IMAGE_MAX_BYTES && n < G_N_ELEMENTS (steps))
    steps[n++] = _("Make Smaller");

  switch (n)
    {
    case 0:
      return g_strdup (_("Fix"));
    case 1:
      return g_strdup (steps[0]);
    case 2:
      /* TRANSLATORS: two fixes of an image, as in "Crop to 1:2.5 and Scale Up" */
      return g_strdup_printf (_("%s and %s"), steps[0], steps[1]);
    default:
      /* TRANSLATORS: three fixes of an image, as in "Crop to 1:2.5, Scale Up and Convert to PNG" */
      return g_strdup_printf (_("%s, %s and %s"), steps[0], steps[1], steps[2]);
    }
}

static GdkPixbuf *
crop_to_ratio (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int new_width = width, new_height = height;

  if ((double) width / height > MAX_RATIO)
    new_width = (int) floor (height * MAX_RATIO);
  else if ((double) height / width > MAX_RATIO)
    new_height = (int) floor (width * MAX_RATIO);
  else
    return g_object_ref (pixbuf);

  return gdk_pixbuf_new_subpixbuf (pixbuf, (width - new_width) / 2, (height - new_height) / 2,
                                   new_width, new_height);
}

static GdkPixbuf *
scale_to_min_side (GdkPixbuf *pixbuf,
                   int        min_side)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double factor;

  if (MIN (width, height) >= min_side)
    return g_object_ref (pixbuf);

  factor = (double) min_side / MIN (width, height);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (min_side, (int) ceil (width * factor)),
                                  MAX (min_side, (int) ceil (height * factor)),
                                  GDK_INTERP_BILINEAR);
}

static GBytes *
encode (GdkPixbuf   *pixbuf,
        const char  *type,
        GError     **error)
{
  gchar *buffer = NULL;
  gsize length = 0;
  gboolean ok;

  if (g_str_equal (type, "jpeg"))
    {
      g_autoptr(GdkPixbuf) opaque = NULL;

      /* JPEG has no alpha: flatten on white. */
      if (gdk_pixbuf_get_has_alpha (pixbuf))
        opaque = gdk_pixbuf_composite_color_simple (pixbuf, gdk_pixbuf_get_width (pixbuf),
                                                    gdk_pixbuf_get_height (pixbuf),
                                                    GDK_INTERP_NEAREST, 255, 8,
                                                    0xffffffff, 0xffffffff);
      ok = gdk_pixbuf_save_to_buffer (opaque ? opaque : pixbuf, &buffer, &length,
                                      "jpeg", error, "quality", "92", NULL);
    }
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error,
                                    "compression", "6", NULL);

  return ok ? g_bytes_new_take (buffer, length) : NULL;
}

/**
 * kling_image_fix:
 *
 * Returns an image made from @pixbuf that passes kling_image_check().
 */
KlingImage *
kling_image_fix (GdkPixbuf   *pixbuf,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GdkPixbuf) cropped = crop_to_ratio (pixbuf);
  g_autoptr(GdkPixbuf) current = scale_to_min_side (cropped, KLING_IMAGE_MIN_SIDE);
  g_autoptr(GBytes) bytes = encode (current, "png", error);

  if (bytes == NULL)
    return NULL;

  /* Too large as PNG: a photograph is better served by JPEG, and if even that
   * is too large, by fewer pixels. */
  while (g_bytes_get_size (bytes) > KLING_IMAGE_MAX_BYTES)
    {
      int width = gdk_pixbuf_get_width (current);
      int height = gdk_pixbuf_get_height (current);

      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = encode (current, "jpeg", error);
      if (bytes == NULL)
        return NULL;
      if (g_bytes_get_size (bytes) <= KLING_IMAGE_MAX_BYTES)
        break;
      if (MIN (width, height) * 0.8 < KLING_IMAGE_MIN_SIDE)
        {
          g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                               _("The image cannot be made smaller than 10 MB"));
          return NULL;
        }
      {
        GdkPixbuf *smaller = gdk_pixbuf_scale_simple (current, (int) (width * 0.8),
                                                      (int) (height * 0.8), GDK_INTERP_BILINEAR);
        g_object_unref (current);
        current = smaller;
      }
    }

  return kling_image_new_from_bytes (bytes, name, error);
}
