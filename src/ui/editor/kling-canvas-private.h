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

typedef struct _KlingCanvasSelect KlingCanvasSelect;
typedef struct _KlingCanvasLasso KlingCanvasLasso;

/* How far (logical pixels) a click may land from a point or segment to hit it. */
#define HIT_DISTANCE 9.0

/* What a press grabs: a point of a region's path, or its line, or nothing
 * (region 0). */
typedef struct {
  int region;
  int point;
  int segment;
} KlingCanvasGrab;

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
  gboolean       path_gesture;   /* the primary button is down on a path's business */
  gboolean       on_line;        /* ... pressed on a path's line */
  gboolean       may_replace;    /* ... may draw the path anew */
  gboolean       replaces;       /* ... and the path had points */
  gboolean       refused_freehand;
  KlingCanvasGrab hover;         /* what a press under the pointer would grab */

  /* where dynamic regions overlap, found again after the masks change */
  gboolean       overlaps_valid;
  guint          n_overlaps;
  KlingRect      overlaps[KLING_N_REGIONS * (KLING_N_REGIONS - 1) / 2];

  /* the keyboard's cursor, image pixels */
  gboolean       key_cursor_shown;
  double         key_x;
  double         key_y;

  KlingCanvasSelect *select;     /* the object selection */
  KlingCanvasLasso  *lasso;
};

/* kling-canvas-draw.c */
void              _kling_canvas_snapshot            (GtkWidget        *widget,
                                                     GtkSnapshot      *snapshot);

/* kling-canvas-picture.c */
void              _kling_canvas_snapshot_picture    (KlingCanvas      *self,
                                                     GtkSnapshot      *snapshot);

/* kling-canvas-input.c */
void              _kling_canvas_setup_input         (KlingCanvas      *self);
void              _kling_canvas_update_cursor       (KlingCanvas      *self);
void              _kling_canvas_dab_at              (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_fill_at             (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);

/* kling-canvas-paths.c */
gboolean          _kling_canvas_in_image            (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
KlingCanvasGrab   _kling_canvas_find_grab           (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_update_hover        (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
const char       *_kling_canvas_path_cursor         (KlingCanvas      *self);
gboolean          _kling_canvas_path_begin          (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y,
                                                     gboolean          replace);
void              _kling_canvas_path_update         (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y,
                                                     double            distance);
void              _kling_canvas_path_end            (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_path_click          (KlingCanvas      *self,
                                                     guint             button,
                                                     int               n_press,
                                                     double            image_x,
                                                     double            image_y);
gboolean          _kling_canvas_path_add_point      (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);

/* kling-canvas-keyboard.c */
gboolean          _kling_canvas_keyboard_key        (KlingCanvas      *self,
                                                     guint             keyval,
                                                     GdkModifierType   state);
void              _kling_canvas_keyboard_hide       (KlingCanvas      *self);

/* kling-canvas-marks.c: what a press would grab, the keyboard's cursor,
 * where dynamic regions overlap */
void              _kling_canvas_trace_path          (KlingCanvas      *self,
                                                     cairo_t          *cr,
                                                     KlingTrajectory  *path);
gboolean          _kling_canvas_marks_bounds        (KlingCanvas      *self,
                                                     graphene_rect_t  *bounds);
void              _kling_canvas_draw_marks          (KlingCanvas      *self,
                                                     cairo_t          *cr);
void              _kling_canvas_snapshot_focus_ring (KlingCanvas      *self,
                                                     GtkSnapshot      *snapshot);

/* kling-canvas-select.c */
void              _kling_canvas_select_init         (KlingCanvas      *self);
void              _kling_canvas_select_free         (KlingCanvas      *self);
void              _kling_canvas_select_press        (KlingCanvas      *self,
                                                     GtkEventController *gesture,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_select_motion       (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_select_release      (KlingCanvas      *self,
                                                     double            image_x,
                                                     double            image_y);
void              _kling_canvas_select_click        (KlingCanvas      *self,
                                                     double            x,
                                                     double            y);
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
                                                     GdkModifierType   state,
                                                     guint32           time);
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
void              _kling_canvas_build_pyramid_later (KlingCanvas      *self);

G_END_DECLS
