/* kling-mask-private.h — what kling-mask.c shares with kling-mask-png.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-mask.h"

G_BEGIN_DECLS

#define TILE KLING_MASK_TILE_SIZE
#define TILE_BYTES (KLING_MASK_TILE_SIZE * KLING_MASK_TILE_SIZE)

struct _KlingMask {
  int      width;
  int      height;
  int      tiles_x;
  int      tiles_y;
  guint8 **tiles;     /* tiles_x × tiles_y, row-major; NULL = all zero */
  guint    n_tiles;   /* allocated ones */
};

static inline guint8 *
kling_mask_tile_at (const KlingMask *self,
                    int              tx,
                    int              ty)
{
  return self->tiles[ty * self->tiles_x + tx];
}

void _kling_mask_write_row (KlingMask    *self,
                            int           y,
                            const guint8 *values);

G_END_DECLS
