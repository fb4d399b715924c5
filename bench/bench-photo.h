/* bench-photo.h — a generated picture that behaves like a photograph
 *
 * A hazy sky gradient, a ground with texture and many subjects with soft
 * edges, some in colours close to the regions' tints (blue on blue sky, teal,
 * red): what makes a canvas slow (no flat areas to compress, detail at every
 * scale) and what makes region outlines hard to see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

static inline void
bench_photo_blob (guint8 *pixels,
                  int     stride,
                  int     width,
                  int     height,
                  double  cx,
                  double  cy,
                  double  rx,
                  double  ry,
                  double  haze,
                  const guint8 color[3])
{
  int x0 = MAX (0, (int) (cx - rx * (1 + haze))), x1 = MIN (width, (int) (cx + rx * (1 + haze)) + 1);
  int y0 = MAX (0, (int) (cy - ry * (1 + haze))), y1 = MIN (height, (int) (cy + ry * (1 + haze)) + 1);

  for (int y = y0; y < y1; y++)
    {
      guint8 *p = pixels + (gsize) y * stride + (gsize) x0 * 3;
      double dy = (y - cy) / ry;

      for (int x = x0; x < x1; x++, p += 3)
        {
          double dx = (x - cx) / rx;
          double d = sqrt (dx * dx + dy * dy);
          double a = d <= 1 ? 1 : d >= 1 + haze ? 0 : 1 - (d - 1) / haze;

          if (a <= 0)
            continue;
          /* A little shading, so a subject is not a flat disc. */
          a *= 0.92 + 0.08 * sin (x * 0.004 + y * 0.0031);
          for (int c = 0; c < 3; c++)
            p[c] = (guint8) (p[c] * (1 - a) + color[c] * a);
        }
    }
}

static inline GdkPixbuf *
bench_photo_new (int width,
                 int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 seed = 12345;
  /* static blue, dynamic tints and their neighbours, and plain colours */
  static const guint8 colors[][3] = {
    { 60, 110, 200 }, { 40, 150, 220 }, { 230, 70, 60 }, { 240, 200, 40 },
    { 40, 170, 160 }, { 150, 80, 200 }, { 250, 140, 30 }, { 90, 160, 70 },
    { 240, 240, 235 }, { 70, 60, 50 }, { 200, 90, 140 }, { 30, 90, 160 },
  };

  for (int y = 0; y < height; y++)
    {
      guint8 *p = pixels + (gsize) y * stride;
      double t = (double) y / height;
      gboolean ground = t > 0.62 + 0.04 * sin (y * 0.0003);

      for (int x = 0; x < width; x++, p += 3)
        {
          seed = seed * 1664525u + 1013904223u;
          if (!ground)
            {
              /* hazy blue sky, lighter near the horizon */
              p[0] = (guint8) (70 + 120 * t + (seed >> 29));
              p[1] = (guint8) (130 + 90 * t + (seed >> 29));
              p[2] = (guint8) (215 + 30 * t + (seed >> 30));
            }
          else
            {
              /* grass with texture at several scales */
              double v = 0.5 + 0.25 * sin (x * 0.013) * cos (y * 0.021) + 0.25 * sin (x * 0.31 + y * 0.17);
              p[0] = (guint8) (50 + 60 * v + (seed >> 28));
              p[1] = (guint8) (90 + 80 * v + (seed >> 28));
              p[2] = (guint8) (30 + 30 * v + (seed >> 29));
            }
        }
    }

  for (int i = 0; i < 48; i++)
    {
      double cx, cy, rx, ry;

      seed = seed * 1664525u + 1013904223u;
      cx = (seed >> 8) % width;
      seed = seed * 1664525u + 1013904223u;
      cy = (seed >> 8) % height;
      seed = seed * 1664525u + 1013904223u;
      rx = width / 60.0 + (seed >> 8) % (width / 12);
      ry = rx * (0.4 + ((seed >> 4) % 100) / 80.0);
      bench_photo_blob (pixels, stride, width, height, cx, cy, rx, ry,
                        0.1 + (i % 5) * 0.15, colors[i % G_N_ELEMENTS (colors)]);
    }
  return pixbuf;
}
