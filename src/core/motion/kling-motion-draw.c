/* kling-motion-draw.c — one moving region drawn shifted over the frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A region moves rigidly, so every pixel of it is shifted by the same
 * fraction of a pixel: the four bilinear weights are the same for the whole
 * region and are computed once. Integer shifts (most frames of a path along
 * an axis, and every frame of an export at whole-pixel steps) skip the
 * interpolation. The sprite is premultiplied, so drawing it is one
 * multiply-add per channel; under the static region it is faded out.
 */
#include "config.h"

#include <math.h>

#include "kling-motion-private.h"

/* x / 255, exact for 0 ≤ x ≤ 255 × 255. */
static inline guint
div255 (guint x)
{
  return (x + 128 + ((x + 128) >> 8)) >> 8;
}

static inline void
blend_pixel (guint8       *out,
             const guint   src[4],
             guint         still)
{
  guint a = src[3];
  guint keep;

  if (still != 0)
    {
      guint show = 255 - still;

      a = div255 (a * show);
      keep = 255 - a;
      for (int k = 0; k < 3; k++)
        out[k] = (guint8) MIN (255u, div255 (src[k] * show) + div255 (out[k] * keep));
    }
  else
    {
      keep = 255 - a;
      for (int k = 0; k < 3; k++)
        out[k] = (guint8) MIN (255u, src[k] + div255 (out[k] * keep));
    }
  out[3] = (guint8) (a + div255 (out[3] * keep));
}

typedef struct {
  const guint8 *sprite;     /* the padded sprite's first (border) pixel */
  int           padded;     /* its width, border included */
  int           shift_x;    /* output x of the padded sprite's column 0 */
  int           shift_y;
  guint         w[4];       /* weights of the taps (0,0) (-1,0) (0,-1) (-1,-1), sum 65536 */
  gboolean      whole;      /* an integer shift: only tap (0,0) */
} Shift;

static void
draw_row (const Shift  *s,
          guint8       *out_row,
          const guint8 *still_row,
          int           y,
          int           x0,
          int           x1)
{
  const guint8 *row = s->sprite + (gsize) (y - s->shift_y) * s->padded * 4;
  const guint8 *above = row - (gsize) s->padded * 4;

  for (int x = x0; x < x1; x++)
    {
      int u = (x - s->shift_x) * 4;
      guint src[4];

      if (s->whole)
        {
          if (row[u + 3] == 0)
            continue;
          for (int k = 0; k < 4; k++)
            src[k] = row[u + k];
        }
      else
        {
          for (int k = 0; k < 4; k++)
            src[k] = (row[u + k] * s->w[0] + row[u - 4 + k] * s->w[1] +
                      above[u + k] * s->w[2] + above[u - 4 + k] * s->w[3] + 32768) >> 16;
          if (src[3] == 0)
            continue;
        }
      blend_pixel (out_row + x * 4, src, still_row != NULL ? still_row[x] : 0);
    }
}

/**
 * _kling_motion_draw_region:
 * @dx: the shift, output pixels
 * @dy:
 * @row_start: the output rows to draw, for drawing in bands
 * @row_end: (exclusive)
 */
void
_kling_motion_draw_region (KlingMotionScene        *self,
                           const KlingMotionRegion *region,
                           double                   dx,
                           double                   dy,
                           guint8                  *rgba_out,
                           int                      out_stride,
                           int                      row_start,
                           int                      row_end)
{
  const KlingRect *r = &region->sprite_rect;
  double fx_d = floor (dx), fy_d = floor (dy);
  guint fx = (guint) lround ((dx - fx_d) * 256), fy = (guint) lround ((dy - fy_d) * 256);
  Shift s;
  int x0, x1, y0, y1;

  /* A fraction that rounds to a whole pixel is one. */
  if (fx == 256)
    fx_d += 1, fx = 0;
  if (fy == 256)
    fy_d += 1, fy = 0;

  s.sprite = region->sprite;
  s.padded = r->width + 2;
  s.shift_x = r->x - 1 + (int) fx_d;
  s.shift_y = r->y - 1 + (int) fy_d;
  s.whole = fx == 0 && fy == 0;
  s.w[0] = (256 - fx) * (256 - fy);
  s.w[1] = fx * (256 - fy);
  s.w[2] = (256 - fx) * fy;
  s.w[3] = fx * fy;

  /* Inner pixels land at shift + 1 … shift + size; a fractional shift
   * spreads them one pixel further. */
  x0 = MAX (0, s.shift_x + 1);
  y0 = MAX (row_start, s.shift_y + 1);
  x1 = MIN (self->out_width, s.shift_x + 1 + r->width + (fx != 0));
  y1 = MIN (row_end, s.shift_y + 1 + r->height + (fy != 0));
  for (int y = y0; y < y1; y++)
    draw_row (&s, rgba_out + (gsize) y * out_stride,
              self->out_static != NULL ? self->out_static + (gsize) y * self->out_width : NULL,
              y, x0, x1);
}
