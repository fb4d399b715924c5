/* kling-canvas-overlay.h — the regions' colours over the image, in tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-document.h"

G_BEGIN_DECLS

/* The overlay is cut in tiles of this size, rebuilt only where a mask changed. */
#define OVERLAY_TILE 256

/* A cached overlay tile: the pixels for sharp drawing, and the same pixels
 * as a texture for smooth drawing, made when first needed. */
typedef struct {
  cairo_surface_t *surface;
  GdkTexture      *texture;
} KlingOverlayTile;

typedef struct _KlingCanvasOverlay KlingCanvasOverlay;

KlingCanvasOverlay *kling_canvas_overlay_new        (void);
void                kling_canvas_overlay_free       (KlingCanvasOverlay *self);
void                kling_canvas_overlay_clear      (KlingCanvasOverlay *self);
void                kling_canvas_overlay_invalidate (KlingCanvasOverlay *self,
                                                     int                 x,
                                                     int                 y,
                                                     int                 width,
                                                     int                 height);
KlingOverlayTile   *kling_canvas_overlay_get_tile   (KlingCanvasOverlay *self,
                                                     KlingDocument      *document,
                                                     int                 tx,
                                                     int                 ty);
GdkTexture         *kling_overlay_tile_get_texture  (KlingOverlayTile   *tile);

G_END_DECLS
