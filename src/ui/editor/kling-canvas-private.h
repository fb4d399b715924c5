/* kling-canvas-private.h — shared between the canvas's drawing and input halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-canvas.h"

G_BEGIN_DECLS

/* The overlay is cut in tiles of this size, rebuilt only where a mask changed. */
#define OVERLAY_TILE 256
/* How far (logical pixels) a click may land from a point or segment to hit it. */
#define HIT_DISTANCE 9.0

struct _KlingCanvas
{
  GtkWidget      parent_instance;

  KlingDocument *document;
  GHashTable    *overlay_tiles;  /* tile key → OverlayTile (kling-canvas.c), or the empty sentinel */

  KlingTool      tool;
  int            region;
  double         brush_size;     /* diameter, image pixels */
  double         hardness;
  double         fill_tolerance;
  gboolean       smoothing;

  double         zoom;
  double         offset_x;       /* widget position of the image's top-left corner */
  double         offset_y;
  gboolean       fit;            /* follow the widget's size until the user zooms */
  guint          notify_zoom_id;

  /* pointer and gestures */
  gboolean       pointer_inside;
  double         pointer_x;
  double         pointer_y;
  gboolean       space_held;
  gboolean       panning;
  double         pan_start_x;
  double         pan_start_y;
  gboolean       stroking;
  double         last_x;         /* image pixels */
  double         last_y;
  int            drag_point;     /* trajectory point being moved, or -1 */
  gboolean       freehand;
  GArray        *freehand_points; /* KlingPoint */
  int            selected_point;
};

void  kling_canvas_setup_input       (KlingCanvas *self);
void  kling_canvas_invalidate_overlay (KlingCanvas *self,
                                       int          x,
                                       int          y,
                                       int          width,
                                       int          height);
double kling_canvas_brush_radius     (KlingCanvas *self,
                                      double       pressure);

/* Space held anywhere in the window: a drag on the canvas pans instead of
 * painting. The window tells the canvas, which may not have the focus. */
void  kling_canvas_set_pan_armed     (KlingCanvas *self,
                                      gboolean     armed);

G_END_DECLS
