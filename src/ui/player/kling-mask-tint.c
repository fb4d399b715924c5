/* kling-mask-tint.c — a region's mask drawn in its colour, with an outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-mask-tint.h"

#define FILL_OPACITY 0.3
#define OUTLINE_ALPHA 220

static gboolean
is_painted (const guint8 *pixels,
            int           stride,
            int           n_channels,
            int           x,
            int           y)
{
  return pixels[(gsize) y * stride + (gsize) x * n_channels] >= 128;
}

/* An unpainted pixel @r away marks the edge of the painted area. */
static gboolean
is_edge (const guint8 *pixels,
         int           stride,
         int           n_channels,
         int           width,
         int           height,
         int           x,
         int           y,
         int           r)
{
  return (x >= r && !is_painted (pixels, stride, n_channels, x - r, y)) ||
         (x + r < width && !is_painted (pixels, stride, n_channels, x + r, y)) ||
         (y >= r && !is_painted (pixels, stride, n_channels, x, y - r)) ||
         (y + r < height && !is_painted (pixels, stride, n_channels, x, y + r));
}

/**
 * kling_mask_tint:
 *
 * The mask as a cairo surface in @color: a light fill where it is painted,
 * an opaque band along its edges, so that a region stands out on any
 * picture.
 *
 * Returns: (nullable): the surface, or %NULL for a mask with no paint
 */
cairo_surface_t *
kling_mask_tint (GdkPixbuf     *mask,
                 const GdkRGBA *color)
{
  int width = gdk_pixbuf_get_width (mask);
  int height = gdk_pixbuf_get_height (mask);
  int stride = gdk_pixbuf_get_rowstride (mask);
  int n_channels = gdk_pixbuf_get_n_channels (mask);
  const guint8 *pixels = gdk_pixbuf_read_pixels (mask);
  int band = MAX (2, MAX (width, height) / 250);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);
  guint red = (guint) (color->red * 255), green = (guint) (color->green * 255), blue = (guint) (color->blue * 255);
  gboolean any = FALSE;

  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++)
        {
          guint coverage = pixels[(gsize) y * stride + (gsize) x * n_channels];
          guint alpha = (guint) (coverage * FILL_OPACITY);

          if (coverage >= 128 && is_edge (pixels, stride, n_channels, width, height, x, y, band))
            alpha = OUTLINE_ALPHA;
          any |= coverage != 0;
          /* premultiplied, native-endian ARGB */
          row[x] = alpha << 24 | (red * alpha / 255) << 16 | (green * alpha / 255) << 8 | (blue * alpha / 255);
        }
    }
  cairo_surface_mark_dirty (surface);
  if (!any)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}
