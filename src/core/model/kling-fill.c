/* kling-fill.c — fuzzy fill: the area around a pixel whose colour is alike
 *
 * Like GIMP's fuzzy select: the contiguous area around the pixel clicked
 * whose red, green and blue each differ from it by at most the tolerance.
 * Pure pixels, so the editor, the command line and the tests share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fill.h"

typedef struct {
  const KlingPixels *pixels;
  guint8             seed[3];
  int                threshold;
  guint8            *selected;   /* width × height, 1 where selected */
  GArray            *stack;      /* pairs of gint32: x, y */
} Fill;

static gboolean
alike (const Fill *fill,
       int         x,
       int         y)
{
  const KlingPixels *pixels = fill->pixels;
  const guint8 *p = pixels->data + (gsize) y * pixels->stride + (gsize) x * pixels->n_channels;

  return ABS (p[0] - fill->seed[0]) <= fill->threshold &&
         ABS (p[1] - fill->seed[1]) <= fill->threshold &&
         ABS (p[2] - fill->seed[2]) <= fill->threshold;
}

static gboolean
fillable (Fill *fill,
          int   x,
          int   y)
{
  return !fill->selected[(gsize) y * fill->pixels->width + x] && alike (fill, x, y);
}

static void
push_seed (Fill *fill,
           int   x,
           int   y)
{
  gint32 seed[2] = { x, y };

  g_array_append_vals (fill->stack, seed, 1);
}

/* One seed per run of fillable pixels in row @y between @left and @right. */
static void
push_runs (Fill *fill,
           int   y,
           int   left,
           int   right)
{
  gboolean in_run = FALSE;

  if (y < 0 || y >= fill->pixels->height)
    return;
  for (int x = left; x <= right; x++)
    {
      gboolean here = fillable (fill, x, y);

      if (here && !in_run)
        push_seed (fill, x, y);
      in_run = here;
    }
}

static void
grow_bounds (KlingRect *bounds,
             int        left,
             int        right,
             int        y)
{
  int x1 = MAX (bounds->x + bounds->width - 1, right);
  int y1 = MAX (bounds->y + bounds->height - 1, y);

  bounds->x = MIN (bounds->x, left);
  bounds->y = MIN (bounds->y, y);
  bounds->width = x1 - bounds->x + 1;
  bounds->height = y1 - bounds->y + 1;
}

/* The selection starts as the pixel clicked, which must be in the picture. */
static gboolean
fill_start (Fill              *fill,
            const KlingPixels *pixels,
            int                x,
            int                y,
            double             tolerance,
            KlingRect         *bounds)
{
  g_return_val_if_fail (x >= 0 && x < pixels->width && y >= 0 && y < pixels->height, FALSE);

  *bounds = (KlingRect) { x, y, 1, 1 };
  *fill = (Fill) { pixels, { 0, 0, 0 }, (int) (CLAMP (tolerance, 0.0, 1.0) * 255.0 + 0.5), NULL, NULL };
  memcpy (fill->seed, pixels->data + (gsize) y * pixels->stride + (gsize) x * pixels->n_channels, 3);
  fill->selected = g_malloc0 ((gsize) pixels->width * pixels->height);
  return TRUE;
}

/**
 * kling_fill_select:
 * @pixels: the picture
 * @x: the pixel clicked, inside the picture
 * @y: likewise
 * @tolerance: 0 (the same colour only) to 1 (everything)
 * @bounds: (out): the smallest rectangle holding the selection
 *
 * Returns: (transfer full): a width × height map, 1 where selected
 */
guint8 *
kling_fill_select (const KlingPixels *pixels,
                   int                x,
                   int                y,
                   double             tolerance,
                   KlingRect         *bounds)
{
  Fill fill;

  if (!fill_start (&fill, pixels, x, y, tolerance, bounds))
    return NULL;
  fill.stack = g_array_new (FALSE, FALSE, sizeof (gint32) * 2);
  push_seed (&fill, x, y);

  /* Scanline flood fill: each popped seed fills its whole run, then pushes
   * one seed per run above and below. */
  while (fill.stack->len > 0)
    {
      gint32 *top = &g_array_index (fill.stack, gint32, (fill.stack->len - 1) * 2);
      int sx = top[0], sy = top[1];
      int left = sx, right = sx;

      g_array_set_size (fill.stack, fill.stack->len - 1);
      if (!fillable (&fill, sx, sy))
        continue;
      while (left > 0 && fillable (&fill, left - 1, sy))
        left--;
      while (right < pixels->width - 1 && fillable (&fill, right + 1, sy))
        right++;
      memset (fill.selected + (gsize) sy * pixels->width + left, 1, right - left + 1);
      grow_bounds (bounds, left, right, sy);
      push_runs (&fill, sy - 1, left, right);
      push_runs (&fill, sy + 1, left, right);
    }
  g_array_unref (fill.stack);
  return fill.selected;
}

/**
 * kling_fill_select_everywhere:
 * @pixels: the picture
 * @x: the pixel clicked, inside the picture
 * @y: likewise
 * @tolerance: 0 (the same colour only) to 1 (everything)
 * @bounds: (out): the smallest rectangle holding the selection
 *
 * Like kling_fill_select(), but every pixel of the picture whose colour is
 * alike, joined to the one clicked or not.
 *
 * Returns: (transfer full): a width × height map, 1 where selected
 */
guint8 *
kling_fill_select_everywhere (const KlingPixels *pixels,
                              int                x,
                              int                y,
                              double             tolerance,
                              KlingRect         *bounds)
{
  Fill fill;

  if (!fill_start (&fill, pixels, x, y, tolerance, bounds))
    return NULL;
  for (int py = 0; py < pixels->height; py++)
    for (int px = 0; px < pixels->width; px++)
      if (alike (&fill, px, py))
        {
          fill.selected[(gsize) py * pixels->width + px] = 1;
          grow_bounds (bounds, px, px, py);
        }
  return fill.selected;
}

/**
 * kling_fill_paint_mask:
 * @mask: at the picture's size
 * @selection: what kling_fill_select() returned
 * @bounds: its bounds
 * @erase: take the paint away instead of adding it
 */
void
kling_fill_paint_mask (KlingMask       *mask,
                       const guint8    *selection,
                       const KlingRect *bounds,
                       gboolean         erase)
{
  int width = kling_mask_get_width (mask);

  for (int py = bounds->y; py < bounds->y + bounds->height; py++)
    {
      const guint8 *sel = selection + (gsize) py * width;

      for (int px = bounds->x; px < bounds->x + bounds->width; px++)
        if (sel[px])
          kling_mask_set_value (mask, px, py, erase ? 0 : 255);
    }
}
