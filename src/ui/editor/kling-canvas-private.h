/* kling-canvas-private.h — the canvas's state, shared with its part files
 *
 * kling-canvas.c calls the part files (draw, input) through the
 * _kling_canvas_* functions below; they read the state and reach back only
 * through the canvas's API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-canvas.h"
#include "kling-canvas-overlay.h"
#include "kling-image-pyramid.h"

G_BEGIN_DECLS

/* How far (logical pixels) a click may land from a point or segment to hit it. */
#define HIT_DISTANCE 9.0

struct _KlingCanvas
{
  GtkWidget      parent_instance;

  KlingDocument *document;
  KlingCanvasOverlay *overlay;
  KlingImagePyramid *pyramid;    /* NULL without a picture */
  GCancellable  *pyramid_cancellable;
  guint          pyramid_idle_id;
  guint          frame_stamp;    /* counts frames: which tiles were drawn lately */

  KlingTool      tool;
  int            region;
  gboolean       solo;           /* only the selected region is shown */
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

/* kling-canvas-draw.c */
void              _kling_canvas_snapshot            (GtkWidget        *widget,
                                                     GtkSnapshot      *snapshot);

/* kling-canvas-input.c */
void              _kling_canvas_setup_input         (KlingCanvas      *self);

/* kling-canvas.c */
double            _kling_canvas_brush_radius        (KlingCanvas      *self,
                                                     double            pressure);
void              _kling_canvas_build_pyramid_later (KlingCanvas      *self);

G_END_DECLS
