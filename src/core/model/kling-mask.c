/* kling-mask.c — a tiled 8-bit coverage bitmap for the motion brush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mask has the input image's pixel size. It is cut into 64×64 tiles that
 * exist only once something is painted in them, so seven empty masks on a
 * 4096×4096 image cost a few pointers, and a dab touches only the tiles
 * under it. Values are coverage 0–255; a pixel counts as painted from 128
 * up, which is what the PNG export sends (as 255).
 *
 * PNG reading and writing live in kling-mask-png.c.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-mask-private.h"

/**
 * kling_mask_new:
 * @width: 1 to %KLING_MASK_MAX_SIDE
 * @height: 1 to %KLING_MASK_MAX_SIDE
 *
 * Returns: (transfer full): an empty mask
 */
KlingMask *
kling_mask_new (int width,
                int height)
{
  KlingMask *self;

  g_return_val_if_fail (width > 0 && width <= KLING_MASK_MAX_SIDE, NULL);
  g_return_val_if_fail (height > 0 && height <= KLING_MASK_MAX_SIDE, NULL);

  self = g_new0 (KlingMask, 1);
  self->width = width;
  self->height = height;
  self->tiles_x = (width + TILE - 1) / TILE;
  self->tiles_y = (height + TILE - 1) / TILE;
  self->tiles = g_new0 (guint8 *, (gsize) self->tiles_x * self->tiles_y);
  return self;
}

KlingMask *
kling_mask_copy (const KlingMask *self)
{
  KlingMask *copy;
  gsize n;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kling_mask_new (self->width, self->height);
  n = (gsize) self->tiles_x * self->tiles_y;
  for (gsize i = 0; i < n; i++)
    if (self->tiles[i] != NULL)
      copy->tiles[i] = g_memdup2 (self->tiles[i], TILE_BYTES);
  copy->n_tiles = self->n_tiles;
  return copy;
}

void
kling_mask_free (KlingMask *self)
{
  if (self == NULL)
    return;
  kling_mask_clear (self);
  g_free (self->tiles);
  g_free (self);
}

int
kling_mask_get_width (const KlingMask *self)
{
  return self->width;
}

int
kling_mask_get_height (const KlingMask *self)
{
  return self->height;
}

int
kling_mask_get_tiles_x (const KlingMask *self)
{
  return self->tiles_x;
}

int
kling_mask_get_tiles_y (const KlingMask *self)
{
  return self->tiles_y;
}

/**
 * kling_mask_get_n_tiles:
 *
 * Returns: how many tiles are allocated (what the mask costs in memory)
 */
guint
kling_mask_get_n_tiles (const KlingMask *self)
{
  return self->n_tiles;
}

/**
 * kling_mask_get_tile:
 * @create: allocate the tile (all zero) when it does not exist
 *
 * Gives direct access to one 64×64 tile (row-major, 64 bytes a row) so the
 * editor's undo can keep only the tiles a stroke changed. Bytes of an edge
 * tile that lie outside the mask must stay 0.
 *
 * Returns: (transfer none) (nullable): the tile, or %NULL when it does not
 *   exist and @create is %FALSE
 */
guint8 *
kling_mask_get_tile (KlingMask *self,
                     int        tx,
                     int        ty,
                     gboolean   create)
{
  guint8 **slot;

  g_return_val_if_fail (tx >= 0 && tx < self->tiles_x, NULL);
  g_return_val_if_fail (ty >= 0 && ty < self->tiles_y, NULL);

  slot = &self->tiles[ty * self->tiles_x + tx];
  if (*slot == NULL && create)
    {
      *slot = g_malloc0 (TILE_BYTES);
      self->n_tiles++;
    }
  return *slot;
}

/**
 * kling_mask_set_tile:
 * @data: (nullable): %KLING_MASK_TILE_SIZE² bytes to copy, or %NULL to make
 *   the tile empty (and free it)
 *
 * Restores one tile, e.g. on undo. Bytes outside the mask are zeroed.
 */
void
kling_mask_set_tile (KlingMask    *self,
                     int           tx,
                     int           ty,
                     const guint8 *data)
{
  guint8 *tile;
  int valid_w, valid_h;

  g_return_if_fail (tx >= 0 && tx < self->tiles_x);
  g_return_if_fail (ty >= 0 && ty < self->tiles_y);

  if (data == NULL)
    {
      guint8 **slot = &self->tiles[ty * self->tiles_x + tx];

      if (*slot != NULL)
        {
          g_clear_pointer (slot, g_free);
          self->n_tiles--;
        }
      return;
    }

  tile = kling_mask_get_tile (self, tx, ty, TRUE);
  memcpy (tile, data, TILE_BYTES);

  valid_w = MIN (TILE, self->width - tx * TILE);
  valid_h = MIN (TILE, self->height - ty * TILE);
  for (int y = 0; y < TILE; y++)
    {
      if (y >= valid_h)
        memset (tile + y * TILE, 0, TILE);
      else if (valid_w < TILE)
        memset (tile + y * TILE + valid_w, 0, TILE - valid_w);
    }
}

guint8
kling_mask_get_value (const KlingMask *self,
                      int              x,
                      int              y)
{
  const guint8 *tile;

  if (x < 0 || y < 0 || x >= self->width || y >= self->height)
    return 0;
  tile = kling_mask_tile_at (self, x / TILE, y / TILE);
  return tile != NULL ? tile[(y % TILE) * TILE + x % TILE] : 0;
}

void
kling_mask_set_value (KlingMask *self,
                      int        x,
                      int        y,
                      guint8     value)
{
  guint8 *tile;

  g_return_if_fail (x >= 0 && y >= 0 && x < self->width && y < self->height);

  tile = kling_mask_get_tile (self, x / TILE, y / TILE, value != 0);
  if (tile != NULL)
    tile[(y % TILE) * TILE + x % TILE] = value;
}

/**
 * kling_mask_read_row:
 * @out: (out caller-allocates): @width bytes
 *
 * Copies the coverage of row @y from column @x on; pixels outside the mask
 * read as 0.
 */
void
kling_mask_read_row (const KlingMask *self,
                     int              y,
                     int              x,
                     int              width,
                     guint8          *out)
{
  int start, end;

  memset (out, 0, MAX (width, 0));
  if (y < 0 || y >= self->height)
    return;

  start = MAX (x, 0);
  end = MIN (x + width, self->width);
  while (start < end)
    {
      int tx = start / TILE;
      int span = MIN (end, (tx + 1) * TILE) - start;
      const guint8 *tile = kling_mask_tile_at (self, tx, y / TILE);

      if (tile != NULL)
        memcpy (out + (start - x), tile + (y % TILE) * TILE + start % TILE, span);
      start += span;
    }
}

/* Stores a whole row of coverage; all-zero spans allocate nothing. */
void
_kling_mask_write_row (KlingMask    *self,
                       int           y,
                       const guint8 *values)
{
  int ty = y / TILE;

  for (int tx = 0; tx < self->tiles_x; tx++)
    {
      int x0 = tx * TILE;
      int span = MIN (TILE, self->width - x0);
      guint8 *tile = kling_mask_tile_at (self, tx, ty);

      if (tile == NULL)
        {
          gboolean any = FALSE;

          for (int i = 0; i < span && !any; i++)
            any = values[x0 + i] != 0;
          if (!any)
            continue;
          tile = kling_mask_get_tile (self, tx, ty, TRUE);
        }
      memcpy (tile + (y % TILE) * TILE, values + x0, span);
    }
}

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

/**
 * kling_mask_clear:
 *
 * Makes the mask empty and frees every tile.
 */
void
kling_mask_clear (KlingMask *self)
{
  gsize n = (gsize) self->tiles_x * self->tiles_y;

  for (gsize i = 0; i < n; i++)
    g_clear_pointer (&self->tiles[i], g_free);
  self->n_tiles = 0;
}

/**
 * kling_mask_threshold:
 *
 * Turns coverage into what is sent: 255 where painted (≥ 128), else 0.
 */
void
kling_mask_threshold (KlingMask *self)
{
  gsize n = (gsize) self->tiles_x * self->tiles_y;

  for (gsize i = 0; i < n; i++)
    {
      guint8 *tile = self->tiles[i];

      for (int p = 0; tile != NULL && p < TILE_BYTES; p++)
        tile[p] = tile[p] >= KLING_MASK_PAINTED ? 255 : 0;
    }
}

/* Painted means the top bit is set, so eight pixels are tested at once. */
static gboolean
tile_has_paint (const guint8 *tile)
{
  guint64 acc = 0;

  for (int i = 0; i < TILE_BYTES; i += 8)
    {
      guint64 word;

      memcpy (&word, tile + i, 8);
      acc |= word;
    }
  return (acc & G_GUINT64_CONSTANT (0x8080808080808080)) != 0;
}

/**
 * kling_mask_is_empty:
 *
 * Returns: whether no pixel is painted (≥ 128)
 */
gboolean
kling_mask_is_empty (const KlingMask *self)
{
  gsize n = (gsize) self->tiles_x * self->tiles_y;

  for (gsize i = 0; i < n; i++)
    if (self->tiles[i] != NULL && tile_has_paint (self->tiles[i]))
      return FALSE;
  return TRUE;
}

static gboolean
tile_is_zero (const guint8 *tile)
{
  for (int i = 0; i < TILE_BYTES; i++)
    if (tile[i] != 0)
      return FALSE;
  return TRUE;
}

/**
 * kling_mask_equal:
 *
 * Returns: whether both masks have the same size and the same coverage at
 *   every pixel (a missing tile equals an all-zero one)
 */
gboolean
kling_mask_equal (const KlingMask *a,
                  const KlingMask *b)
{
  gsize n;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->width != b->width || a->height != b->height)
    return FALSE;

  n = (gsize) a->tiles_x * a->tiles_y;
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *ta = a->tiles[i], *tb = b->tiles[i];

      if (ta != NULL && tb != NULL)
        {
          if (memcmp (ta, tb, TILE_BYTES) != 0)
            return FALSE;
        }
      else if ((ta != NULL && !tile_is_zero (ta)) ||
               (tb != NULL && !tile_is_zero (tb)))
        return FALSE;
    }
  return TRUE;
}

/**
 * kling_mask_subtract:
 * @other: a mask of the same size
 *
 * Clears @self wherever @other is painted (≥ 128): used so the static area
 * never overlaps a dynamic one.
 */
void
kling_mask_subtract (KlingMask       *self,
                     const KlingMask *other)
{
  gsize n;

  g_return_if_fail (self->width == other->width && self->height == other->height);

  n = (gsize) self->tiles_x * self->tiles_y;
  for (gsize i = 0; i < n; i++)
    {
      guint8 *mine = self->tiles[i];
      const guint8 *theirs = other->tiles[i];

      if (mine == NULL || theirs == NULL)
        continue;
      for (int p = 0; p < TILE_BYTES; p++)
        if (theirs[p] >= KLING_MASK_PAINTED)
          mine[p] = 0;
    }
}

/**
 * kling_mask_intersects:
 *
 * Returns: whether some pixel is painted in both masks
 */
gboolean
kling_mask_intersects (const KlingMask *a,
                       const KlingMask *b)
{
  gsize n;

  g_return_val_if_fail (a->width == b->width && a->height == b->height, FALSE);

  n = (gsize) a->tiles_x * a->tiles_y;
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *ta = a->tiles[i], *tb = b->tiles[i];

      if (ta == NULL || tb == NULL)
        continue;
      for (int p = 0; p < TILE_BYTES; p++)
        if (ta[p] & tb[p] & 0x80)
          return TRUE;
    }
  return FALSE;
}

/**
 * kling_mask_get_bounds:
 * @out: (out): the bounding box of the painted (≥ 128) pixels; all zero for
 *   an empty mask
 */
void
kling_mask_get_bounds (const KlingMask *self,
                       KlingRect       *out)
{
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;

  for (int ty = 0; ty < self->tiles_y; ty++)
    for (int tx = 0; tx < self->tiles_x; tx++)
      {
        const guint8 *tile = kling_mask_tile_at (self, tx, ty);

        if (tile == NULL || !tile_has_paint (tile))
          continue;
        for (int y = 0; y < TILE; y++)
          for (int x = 0; x < TILE; x++)
            if (tile[y * TILE + x] >= KLING_MASK_PAINTED)
              {
                x0 = MIN (x0, tx * TILE + x);
                x1 = MAX (x1, tx * TILE + x);
                y0 = MIN (y0, ty * TILE + y);
                y1 = MAX (y1, ty * TILE + y);
              }
      }

  if (x1 < 0)
    *out = (KlingRect) { 0, 0, 0, 0 };
  else
    *out = (KlingRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}
