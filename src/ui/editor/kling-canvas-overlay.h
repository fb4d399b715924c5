/* kling-canvas-overlay.h — the regions' colours over the image, in tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-document.h"
#include "kling-image-pyramid.h"

G_BEGIN_DECLS

/* The overlay is cut in tiles of this size (pixels of the level in use, as
 * the picture's pyramid), rebuilt only where a mask changed. */
#define OVERLAY_TILE KLING_PYRAMID_TILE

typedef struct _KlingCanvasOverlay KlingCanvasOverlay;

KlingCanvasOverlay *kling_canvas_overlay_new        (void);
void                kling_canvas_overlay_free       (KlingCanvasOverlay *self);
void                kling_canvas_overlay_clear      (KlingCanvasOverlay *self);
void                kling_canvas_overlay_set_only   (KlingCanvasOverlay *self,
                                                     int                 region);
void                kling_canvas_overlay_invalidate (KlingCanvasOverlay *self,
                                                     int                 x,
                                                     int                 y,
                                                     int                 width,
                                                     int                 height);
KlingPyramidTile   *kling_canvas_overlay_get_tile   (KlingCanvasOverlay *self,
                                                     KlingDocument      *document,
                                                     int                 level,
                                                     int                 tx,
                                                     int                 ty);

G_END_DECLS
