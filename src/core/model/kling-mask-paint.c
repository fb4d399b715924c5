/* kling-mask-paint.c — the round brush, lines of dabs, and filled rectangles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dab visits only the tiles under it and allocates only those that
 * receive paint; erasing never allocates.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-mask-private.h"

static void
rect_union (KlingRect       *acc,
            const KlingRect *rect)
{
  int x1, y1;

  if (rect->width <= 0 || rect->height <= 0)
    return;
  if (acc->width <= 0 || acc->height <= 0)
    {
      *acc = *rect;
      return;
    }
  x1 = MAX (acc->x + acc->width, rect->x + rect->width);
  y1 = MAX (acc->y + acc->height, rect->y + rect->height);
  acc->x = MIN (acc->x, rect->x);
  acc->y = MIN (acc->y, rect->y);
  acc->width = x1 - acc->x;
  acc->height = y1 - acc->y;
}

/* Painting combines with max(), erasing with min(255 − coverage), so going
 * over the same spot twice in one stroke does not build up. */
static inline void
apply (guint8   *pixel,
       guint8    coverage,
       gboolean  erase)
{
  if (erase)
    *pixel = MIN (*pixel, 255 - coverage);
  else
    *pixel = MAX (*pixel, coverage);
}

typedef struct {
  double   cx, cy;
  double   outer;      /* no coverage from this distance on */
  double   inner;      /* full coverage within this distance */
  double   falloff;    /* outer − inner, the soft edge */
  gboolean erase;
} Dab;

/* One row of one tile: the span inside the disc, the inner part at full
 * coverage without a square root per pixel. */
static void
dab_row (const Dab *dab,
         guint8    *row,
         int        py,
         int        col0,
         int        col1)
{
  double dy = py + 0.5 - dab->cy;
  double dy2 = dy * dy;
  double r2 = dab->outer * dab->outer;
  double inner2 = dab->inner > 0 ? dab->inner * dab->inner : -1.0;
  double half;
  int x0, x1;

  if (dy2 >= r2)
    return;
  half = sqrt (r2 - dy2);
  x0 = MAX (col0, (int) ceil (dab->cx - half - 0.5));
  x1 = MIN (col1, (int) floor (dab->cx + half - 0.5) + 1);

  for (int px = x0; px < x1; px++)
    {
      double dx = px + 0.5 - dab->cx;
      double d2 = dx * dx + dy2;
      double cov;

      if (d2 <= inner2)
        {
          apply (&row[px - col0], 255, dab->erase);
          continue;
        }
      cov = (dab->outer - sqrt (d2)) / dab->falloff;
      if (cov > 0)
        apply (&row[px - col0], (guint8) (MIN (cov, 1.0) * 255.0 + 0.5), dab->erase);
    }
}

static gboolean
tile_touches_disc (const Dab *dab,
                   int        x0,
                   int        y0)
{
  /* nearest pixel centre of the tile to the dab's centre */
  double nx = CLAMP (dab->cx, x0 + 0.5, x0 + TILE - 0.5);
  double ny = CLAMP (dab->cy, y0 + 0.5, y0 + TILE - 0.5);
  double dx = nx - dab->cx, dy = ny - dab->cy;

  return dx * dx + dy * dy < dab->outer * dab->outer;
}

/**
 * kling_mask_paint_dab:
 * @radius: in pixels
 * @hardness: 0 (soft edge over the whole radius) to 1 (a one-pixel
 *   anti-aliased edge centred on @radius)
 * @erase: lower the coverage instead of raising it
 * @out_dirty: (out) (optional): the pixels that may have changed, clipped to
 *   the mask; zero width when none
 *
 * Stamps one round brush dab. Only the tiles under the dab are visited and
 * only tiles that receive paint are allocated.
 */
void
kling_mask_paint_dab (KlingMask *self,
                      double     cx,
                      double     cy,
                      double     radius,
                      double     hardness,
                      gboolean   erase,
                      KlingRect *out_dirty)
{
  Dab dab;
  int x0, y0, x1, y1;

  if (out_dirty != NULL)
    *out_dirty = (KlingRect) { 0, 0, 0, 0 };
  if (!(radius > 0) || !isfinite (cx) || !isfinite (cy) || !isfinite (radius))
    return;

  hardness = CLAMP (hardness, 0.0, 1.0);
  dab.cx = cx;
  dab.cy = cy;
  /* The edge is centred on @radius (coverage ½ there when hard), so the
   * painted area of a hard dab is the disc of that radius. */
  dab.outer = radius + 0.5;
  dab.falloff = MAX (radius * (1.0 - hardness), 1.0);
  dab.inner = dab.outer - dab.falloff;
  dab.erase = erase;

  x0 = (int) MAX (floor (cx - dab.outer), 0);
  y0 = (int) MAX (floor (cy - dab.outer), 0);
  x1 = (int) MIN (ceil (cx + dab.outer), self->width);
  y1 = (int) MIN (ceil (cy + dab.outer), self->height);
  if (x0 >= x1 || y0 >= y1)
    return;

  for (int ty = y0 / TILE; ty <= (y1 - 1) / TILE; ty++)
    for (int tx = x0 / TILE; tx <= (x1 - 1) / TILE; tx++)
      {
        int row0 = MAX (y0, ty * TILE), row1 = MIN (y1, (ty + 1) * TILE);
        guint8 *tile;

        if (!tile_touches_disc (&dab, tx * TILE, ty * TILE))
          continue;
        /* erasing where nothing is painted changes nothing */
        tile = kling_mask_get_tile (self, tx, ty, !erase);
        if (tile == NULL)
          continue;
        for (int py = row0; py < row1; py++)
          dab_row (&dab, tile + (py % TILE) * TILE, py,
                   tx * TILE, MIN ((tx + 1) * TILE, self->width));
      }

  if (out_dirty != NULL)
    *out_dirty = (KlingRect) { x0, y0, x1 - x0, y1 - y0 };
}

/**
 * kling_mask_paint_line:
 *
 * Paints dabs from (@x0, @y0) to (@x1, @y1), both ends included, at most a
 * quarter radius apart so a fast stroke leaves no gaps.
 */
void
kling_mask_paint_line (KlingMask *self,
                       double     x0,
                       double     y0,
                       double     x1,
                       double     y1,
                       double     radius,
                       double     hardness,
                       gboolean   erase,
                       KlingRect *out_dirty)
{
  KlingRect dirty = { 0, 0, 0, 0 };
  double length = hypot (x1 - x0, y1 - y0);
  double spacing = MAX (radius / 4.0, 0.5);
  guint n;

  if (!(radius > 0) || !isfinite (length))
    {
      if (out_dirty != NULL)
        *out_dirty = dirty;
      return;
    }

  n = (guint) MIN (ceil (length / spacing), 1e6);
  for (guint i = 0; i <= n; i++)
    {
      double t = n > 0 ? (double) i / n : 0.0;
      KlingRect dab_dirty;

      kling_mask_paint_dab (self, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t,
                            radius, hardness, erase, &dab_dirty);
      rect_union (&dirty, &dab_dirty);
    }

  if (out_dirty != NULL)
    *out_dirty = dirty;
}

/**
 * kling_mask_fill_rect:
 *
 * Sets every pixel of @rect (clipped to the mask) to @value.
 */
void
kling_mask_fill_rect (KlingMask       *self,
                      const KlingRect *rect,
                      guint8           value)
{
  int x0 = MAX (rect->x, 0);
  int y0 = MAX (rect->y, 0);
  int x1 = MIN ((gint64) rect->x + rect->width, self->width);
  int y1 = MIN ((gint64) rect->y + rect->height, self->height);

  if (x0 >= x1 || y0 >= y1)
    return;

  for (int ty = y0 / TILE; ty <= (y1 - 1) / TILE; ty++)
    for (int tx = x0 / TILE; tx <= (x1 - 1) / TILE; tx++)
      {
        int c0 = MAX (x0, tx * TILE), c1 = MIN (x1, (tx + 1) * TILE);
        int r0 = MAX (y0, ty * TILE), r1 = MIN (y1, (ty + 1) * TILE);
        guint8 *tile = kling_mask_get_tile (self, tx, ty, value != 0);

        if (tile == NULL)
          continue;
        for (int y = r0; y < r1; y++)
          memset (tile + (y % TILE) * TILE + c0 % TILE, value, c1 - c0);
      }
}
