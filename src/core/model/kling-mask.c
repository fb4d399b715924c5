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
 * Painting lives in kling-mask-paint.c, PNG reading and writing in
 * kling-mask-png.c.
 */
#include "config.h"

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
 * kling_mask_count_overlap:
 * @bounds: (out) (optional): the bounding box of the pixels both paint
 *
 * Returns: how many pixels both masks paint (≥ 128): what would be sent
 *   as part of both
 */
guint64
kling_mask_count_overlap (const KlingMask *a,
                          const KlingMask *b,
                          KlingRect       *bounds)
{
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
  guint64 count = 0;

  g_return_val_if_fail (a->width == b->width && a->height == b->height, 0);

  for (int ty = 0; ty < a->tiles_y; ty++)
    for (int tx = 0; tx < a->tiles_x; tx++)
      {
        const guint8 *ta = kling_mask_tile_at (a, tx, ty), *tb = kling_mask_tile_at (b, tx, ty);

        if (ta == NULL || tb == NULL)
          continue;
        for (int p = 0; p < TILE_BYTES; p++)
          if (ta[p] & tb[p] & 0x80)
            {
              int x = tx * TILE + p % TILE, y = ty * TILE + p / TILE;

              count++;
              x0 = MIN (x0, x);
              y0 = MIN (y0, y);
              x1 = MAX (x1, x);
              y1 = MAX (y1, y);
            }
      }
  if (bounds != NULL)
    *bounds = count > 0 ? (KlingRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 } : (KlingRect) { 0, 0, 0, 0 };
  return count;
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
