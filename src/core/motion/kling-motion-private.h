/* kling-motion-private.h — what the renderer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-motion-render.h"

G_BEGIN_DECLS

/* One dynamic region. What depends only on the image is kept at the
 * image's size; what depends on the output size too is rebuilt when that
 * size changes (the preview renders at screen size, the export at the
 * clip's size). */
typedef struct {
  KlingMask  *mask;        /* the caller's mask, copied; NULL = unused */
  KlingPoint *points;
  guint       n_points;
  KlingRect   bounds;      /* of the painted pixels, in image pixels */
  guint8     *painted;     /* bounds.width × bounds.height, 1 = painted */

  /* At the output size: premultiplied RGBA with a transparent border of one
   * pixel on every side, so a shifted sample never reads outside. */
  guint8     *sprite;
  KlingRect   sprite_rect; /* where the sprite's inner pixels sit at t = 0 */
  int        *spans;       /* per padded row: its first and last visible
                            * column (padded), or 1, 0 when it has none */
} KlingMotionRegion;

struct _KlingMotionScene {
  int               width;
  int               height;
  guint8           *image;        /* RGBA, straight alpha, width × 4 a row */
  KlingMask        *static_mask;  /* copied; NULL = none */
  KlingMotionRegion regions[KLING_MOTION_MAX_REGIONS];

  guint8           *background;   /* the image with the holes filled; NULL = stale */

  int               out_width;    /* 0 = the output caches are stale */
  int               out_height;
  guint8           *out_background;
  guint8           *out_static;   /* coverage 0/255 at the output size; NULL = none */
};

static inline gboolean
kling_motion_region_moves (const KlingMotionRegion *region)
{
  return region->mask != NULL && region->n_points >= 2 && region->bounds.width > 0;
}

/* kling-motion-fill.c */
void    _kling_motion_fill_holes      (guint8       *rgba,
                                       int           width,
                                       int           height,
                                       const guint8 *hole,
                                       const KlingRect *hole_bounds);

/* kling-motion-cache.c */
void    _kling_motion_region_prepare  (KlingMotionScene  *self,
                                       KlingMotionRegion *region);
void    _kling_motion_prepare         (KlingMotionScene  *self,
                                       int                out_width,
                                       int                out_height);
void    _kling_motion_drop_output     (KlingMotionScene  *self);

/* kling-motion-draw.c */
void    _kling_motion_draw_region     (KlingMotionScene        *self,
                                       const KlingMotionRegion *region,
                                       double                   dx,
                                       double                   dy,
                                       guint8                  *rgba_out,
                                       int                      out_stride,
                                       int                      row_start,
                                       int                      row_end);

G_END_DECLS
