/* kling-mask.h — a tiled 8-bit coverage bitmap for the motion brush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tiles are allocated on first paint, so an empty mask costs nothing. */
#define KLING_MASK_TILE_SIZE 64
/* Masks are refused beyond this many pixels a side (memory and time). */
#define KLING_MASK_MAX_SIDE 16384
/* A pixel counts as painted (is sent as 255) from this coverage up. */
#define KLING_MASK_PAINTED 128

typedef struct {
  int x, y, width, height;
} KlingRect;

typedef struct _KlingMask KlingMask;

KlingMask *kling_mask_new            (int              width,
                                      int              height);
KlingMask *kling_mask_copy           (const KlingMask *self);
void       kling_mask_free           (KlingMask       *self);

KlingMask *kling_mask_new_from_png   (GBytes          *png,
                                      GError         **error);
KlingMask *kling_mask_new_from_file  (const char      *path,
                                      GError         **error);
KlingMask *kling_mask_new_from_coverage_png (GBytes   *png,
                                             int       expected_width,
                                             int       expected_height,
                                             GError  **error);

int        kling_mask_get_width      (const KlingMask *self);
int        kling_mask_get_height     (const KlingMask *self);
guint8     kling_mask_get_value      (const KlingMask *self,
                                      int              x,
                                      int              y);
void       kling_mask_set_value      (KlingMask       *self,
                                      int              x,
                                      int              y,
                                      guint8           value);
void       kling_mask_read_row       (const KlingMask *self,
                                      int              y,
                                      int              x,
                                      int              width,
                                      guint8          *out);

void       kling_mask_paint_dab      (KlingMask       *self,
                                      double           cx,
                                      double           cy,
                                      double           radius,
                                      double           hardness,
                                      gboolean         erase,
                                      KlingRect       *out_dirty);
void       kling_mask_paint_line     (KlingMask       *self,
                                      double           x0,
                                      double           y0,
                                      double           x1,
                                      double           y1,
                                      double           radius,
                                      double           hardness,
                                      gboolean         erase,
                                      KlingRect       *out_dirty);
void       kling_mask_fill_rect      (KlingMask       *self,
                                      const KlingRect *rect,
                                      guint8           value);
void       kling_mask_clear          (KlingMask       *self);
void       kling_mask_threshold      (KlingMask       *self);

gboolean   kling_mask_is_empty       (const KlingMask *self);
gboolean   kling_mask_equal          (const KlingMask *a,
                                      const KlingMask *b);
void       kling_mask_subtract       (KlingMask       *self,
                                      const KlingMask *other);
gboolean   kling_mask_intersects     (const KlingMask *a,
                                      const KlingMask *b);
guint64    kling_mask_count_overlap  (const KlingMask *a,
                                      const KlingMask *b,
                                      KlingRect       *bounds);
void       kling_mask_get_bounds     (const KlingMask *self,
                                      KlingRect       *out);

GBytes    *kling_mask_to_png         (const KlingMask *self,
                                      GError         **error);
char      *kling_mask_to_base64      (const KlingMask *self,
                                      GError         **error);
GBytes    *kling_mask_to_coverage_png (const KlingMask *self,
                                       GError         **error);

int        kling_mask_get_tiles_x    (const KlingMask *self);
int        kling_mask_get_tiles_y    (const KlingMask *self);
guint8    *kling_mask_get_tile       (KlingMask       *self,
                                      int              tx,
                                      int              ty,
                                      gboolean         create);
void       kling_mask_set_tile       (KlingMask       *self,
                                      int              tx,
                                      int              ty,
                                      const guint8    *data);
guint      kling_mask_get_n_tiles    (const KlingMask *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingMask, kling_mask_free)

G_END_DECLS
