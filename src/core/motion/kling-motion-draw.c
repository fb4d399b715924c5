/* kling-motion-draw.c — one moving region drawn shifted over the frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A region moves rigidly, so every pixel of it is shifted by the same
 * fraction of a pixel: the four bilinear weights are the same for the whole
 * region and are computed once. Integer shifts (most frames of a path along
 * an axis, and every frame of an export at whole-pixel steps) skip the
 * interpolation. The sprite is premultiplied, so drawing it is one
 * multiply-add per channel, and an opaque pixel is a plain store; under the
 * static region (0 or 255 at the output size) nothing is drawn.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-motion-private.h"

/* Pixels are handled as one 32-bit word, two channels at a time in the
 * 0x00ff00ff lanes: a weight of 0–256 times a channel still fits a lane. */
#define LANES 0x00ff00ffu

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define ALPHA(p) ((p) >> 24)
#else
#define ALPHA(p) ((p) & 0xffu)
#endif

static inline guint32
load (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return v;
}

/* a × (256 − f) + b × f, over 256, per channel; f from 0 to 256. */
static inline guint32
lerp (guint32 a,
      guint32 b,
      guint   f)
{
  guint32 rb = ((a & LANES) * (256 - f) + (b & LANES) * f) >> 8;
  guint32 ag = (((a >> 8) & LANES) * (256 - f) + ((b >> 8) & LANES) * f) >> 8;

  return (rb & LANES) | ((ag & LANES) << 8);
}

/* Premultiplied @src over @dst: src + dst × (1 − alpha). */
static inline guint32
over (guint32 src,
      guint32 dst)
{
  guint keep = 256 - (ALPHA (src) + (ALPHA (src) >> 7));
  guint32 rb = (((dst & LANES) * keep) >> 8) & LANES;
  guint32 ag = ((((dst >> 8) & LANES) * keep) >> 8) & LANES;

  return src + (rb | (ag << 8));
}

typedef struct {
  const guint8 *sprite;     /* the padded sprite's first (border) pixel */
  const int    *spans;
  int           padded;     /* its width, border included */
  int           shift_x;    /* output x of the padded sprite's column 0 */
  int           shift_y;
  guint         fx;         /* the fraction of the shift, 0–255 of 256 */
  guint         fy;
} Shift;

/* Output pixel x takes padded column x − shift_x, and with a fractional
 * shift also the column left of it and the row above. */
static void
draw_row (const Shift  *s,
          guint8       *out_row,
          const guint8 *still_row,
          int           y,
          int           x0,
          int           x1)
{
  int j = y - s->shift_y;
  const guint8 *row = s->sprite + (gsize) j * s->padded * 4;
  const guint8 *above = row - (gsize) s->padded * 4;
  const int *span = s->spans + 2 * j;
  const int *span_above = s->fy != 0 ? span - 2 : span;
  int first = MIN (span[0], span_above[0]);
  int last = MAX (span[1], span_above[1]) + (s->fx != 0);

  x0 = MAX (x0, s->shift_x + first);
  x1 = MIN (x1, s->shift_x + last + 1);
  for (int x = x0; x < x1; x++)
    {
      int u = (x - s->shift_x) * 4;
      guint32 src;

      if (still_row != NULL && still_row[x] != 0)
        continue;
      if (s->fy == 0)
        src = s->fx == 0 ? load (row + u) : lerp (load (row + u), load (row + u - 4), s->fx);
      else
        src = lerp (lerp (load (row + u), load (row + u - 4), s->fx),
                    lerp (load (above + u), load (above + u - 4), s->fx),
                    s->fy);
      if (src == 0)
        continue;
      if (ALPHA (src) == 255)
        memcpy (out_row + x * 4, &src, 4);
      else
        {
          guint32 dst = over (src, load (out_row + x * 4));

          memcpy (out_row + x * 4, &dst, 4);
        }
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
  s.spans = region->spans;
  s.padded = r->width + 2;
  s.shift_x = r->x - 1 + (int) fx_d;
  s.shift_y = r->y - 1 + (int) fy_d;
  s.fx = fx;
  s.fy = fy;

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
