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

G_BEGIN_DECLS

typedef struct _KlingCanvasSelect KlingCanvasSelect;
typedef struct _KlingCanvasLasso KlingCanvasLasso;

/* How far (logical pixels) a click may land from a point or segment to hit it. */
#define HIT_DISTANCE 9.0

struct _KlingCanvas
{
  GtkWidget      parent_instance;

  KlingDocument *document;
  KlingCanvasOverlay *overlay;

  KlingTool      tool;
  int            region;
  double         brush_size;     /* diameter, image pixels */
  double         hardness;
  double         fill_tolerance;
  gboolean       fill_contiguous;
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

  KlingCanvasSelect *select;     /* the object selection */
  KlingCanvasLasso  *lasso;
};

/* kling-canvas-draw.c */
void              _kling_canvas_snapshot            (GtkWidget        *widget,
                                                     GtkSnapshot      *snapshot);

/* kling-canvas-input.c */
void              _kling_canvas_setup_input         (KlingCanvas      *self);

/* kling-canvas-select.c */
void              _kling_canvas_select_init         (KlingCanvas      *self);
void              _kling_canvas_select_free         (KlingCanvas      *self);
void              _kling_canvas_select_press        (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y,
                                                     GdkModifierType   state);
void              _kling_canvas_select_motion       (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_select_release      (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_select_reset        (KlingCanvas      *self);
gboolean          _kling_canvas_select_is_busy      (KlingCanvas      *self);
void              _kling_canvas_select_snapshot     (KlingCanvas      *self,
                                                     cairo_t          *cr);
void              _kling_canvas_select_outline      (cairo_t          *cr);
void              _kling_canvas_select_line_to      (KlingCanvas      *self,
                                                     cairo_t          *cr,
                                                     const KlingPoint *point);

/* kling-canvas-lasso.c, called by kling-canvas-select.c */
void              _kling_canvas_lasso_init          (KlingCanvas      *self);
void              _kling_canvas_lasso_free          (KlingCanvas      *self);
void              _kling_canvas_lasso_press         (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y,
                                                     GdkModifierType   state);
void              _kling_canvas_lasso_motion        (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_lasso_release       (KlingCanvas      *self);
void              _kling_canvas_lasso_cancel        (KlingCanvas      *self);
void              _kling_canvas_lasso_snapshot      (KlingCanvas      *self,
                                                     cairo_t          *cr);

/* kling-canvas.c */
double            _kling_canvas_brush_radius        (KlingCanvas      *self,
                                                     double            pressure);

G_END_DECLS
