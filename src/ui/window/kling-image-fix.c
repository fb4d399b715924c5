/* kling-image-fix.c — turning a picture the API refuses into one it takes
 *
 * The API takes PNG or JPEG, at most 10 MB, each side at least 300 pixels,
 * and a width/height ratio between 1:2.5 and 2.5:1. The fix turns a photo
 * upright if its EXIF says so, crops to the ratio around the centre, scales
 * up a side that is too short, and encodes as PNG, or as JPEG when a PNG
 * would be too large. A picture too large to open whole is decoded scaled
 * down (kling_image_fix_decode()), so its memory stays bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-error.h"
#include "kling-image-check.h"
#include "kling-image-fix.h"

#define MAX_RATIO 2.5

/**
 * kling_image_fix_describe:
 *
 * The label of the button that fixes an image, naming everything it will
 * do: "Crop to 1:2.5 and Scale Up".
 */
char *
kling_image_fix_describe (GdkPixbuf          *pixbuf,
                          gsize               n_bytes,
                          KlingImageFixSteps  fix_steps)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  const char *orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  double ratio;
  const char *steps[3];
  guint n = 0;

  /* the size that is cropped is the upright one: EXIF 5 to 8 swap the sides */
  if (fix_steps & KLING_IMAGE_FIX_ROTATE)
    {
      steps[n++] = _("Rotate Upright");
      if (orientation != NULL && g_ascii_strtoll (orientation, NULL, 10) >= 5)
        {
          width = gdk_pixbuf_get_height (pixbuf);
          height = gdk_pixbuf_get_width (pixbuf);
        }
    }
  if (fix_steps & KLING_IMAGE_FIX_SCALE_DOWN)
    steps[n++] = _("Scale Down");
  ratio = (double) width / MAX (height, 1);
  if (ratio > MAX_RATIO)
    steps[n++] = _("Crop to 2.5:1");
  else if (ratio < 1 / MAX_RATIO)
    steps[n++] = _("Crop to 1:2.5");
  /* after the crop, the short side is still the short side */
  if (MIN (width, height) < KLING_IMAGE_MIN_SIDE && n < G_N_ELEMENTS (steps))
    steps[n++] = _("Scale Up");
  if ((fix_steps & KLING_IMAGE_FIX_CONVERT) && n < G_N_ELEMENTS (steps))
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

/**
 * kling_image_fix_rotation_problem:
 *
 * What the banner says about a photo stored on its side.
 */
char *
kling_image_fix_rotation_problem (const char *name)
{
  return g_strdup_printf (_("“%s” is stored turned: other viewers show it upright, but Kling "
                            "and the masks use it as stored, as shown here"), name);
}

typedef struct {
  KlingImageFixSteps *steps;
} DecodeSize;

/* Too large to open whole: decoded at the largest size that may be opened.
 * Only libjpeg decodes at a smaller scale; every other loader decodes the
 * full size and then scales, so it may only do that while the full size has
 * no more pixels than may be opened (a side too long). Anything larger is
 * stopped before its pixels are allocated (0×0, as
 * gdk_pixbuf_get_file_info() does). */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  DecodeSize      *size)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_autofree char *format_name = format ? gdk_pixbuf_format_get_name (format) : NULL;
  int fit_width, fit_height;

  if (kling_image_size_is_allowed (width, height))
    return;
  if (g_strcmp0 (format_name, "jpeg") != 0 && (gint64) width * height > KLING_IMAGE_MAX_PIXELS)
    {
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  kling_image_fit_size (width, height, &fit_width, &fit_height);
  gdk_pixbuf_loader_set_size (loader, fit_width, fit_height);
  *size->steps |= KLING_IMAGE_FIX_SCALE_DOWN;
}

/**
 * kling_image_fix_decode:
 * @steps: (out): %KLING_IMAGE_FIX_SCALE_DOWN when the picture was decoded
 *   smaller than it is, %KLING_IMAGE_FIX_ROTATE when it is stored turned
 *
 * Decodes any picture gdk-pixbuf reads, never larger than
 * kling_image_size_is_allowed() takes.
 *
 * Returns: (transfer full) (nullable): the pixels
 */
GdkPixbuf *
kling_image_fix_decode (GBytes              *bytes,
                        KlingImageFixSteps  *steps,
                        GError             **error)
{
  DecodeSize size = { steps };
  GdkPixbuf *pixbuf;
  const char *orientation;

  *steps = 0;
  pixbuf = kling_image_decode (bytes, G_CALLBACK (on_size_prepared), &size, error);
  if (pixbuf == NULL)
    return NULL;
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  if (orientation != NULL && !g_str_equal (orientation, "1"))
    *steps |= KLING_IMAGE_FIX_ROTATE;
  return pixbuf;
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
 * Returns an image made from @pixbuf that passes kling_image_check(),
 * upright if @pixbuf's "orientation" option says it is stored turned (the
 * new file has no EXIF, so no viewer turns it again).
 */
KlingImage *
kling_image_fix (GdkPixbuf   *pixbuf,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GdkPixbuf) upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  g_autoptr(GdkPixbuf) cropped = crop_to_ratio (upright);
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
