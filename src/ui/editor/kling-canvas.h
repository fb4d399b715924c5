/* kling-canvas.h — the image with its regions and paths, where motion is painted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-document.h"

G_BEGIN_DECLS

typedef enum {
  KLING_TOOL_BRUSH,
  KLING_TOOL_ERASER,
  KLING_TOOL_FILL,
  KLING_TOOL_TRAJECTORY,
  KLING_TOOL_SELECT,
  KLING_TOOL_LASSO,
} KlingTool;

#define KLING_TYPE_TOOL (kling_tool_get_type ())
GType kling_tool_get_type (void) G_GNUC_CONST;

#define KLING_CANVAS_MIN_BRUSH 1.0
#define KLING_CANVAS_MAX_BRUSH 1000.0

#define KLING_TYPE_CANVAS (kling_canvas_get_type ())
G_DECLARE_FINAL_TYPE (KlingCanvas, kling_canvas, KLING, CANVAS, GtkWidget)

GtkWidget     *kling_canvas_new              (void);

void           kling_canvas_set_document     (KlingCanvas   *self,
                                              KlingDocument *document);
KlingDocument *kling_canvas_get_document     (KlingCanvas   *self);

void           kling_canvas_set_tool         (KlingCanvas   *self,
                                              KlingTool      tool);
KlingTool      kling_canvas_get_tool         (KlingCanvas   *self);
void           kling_canvas_set_region       (KlingCanvas   *self,
                                              int            region);
int            kling_canvas_get_region       (KlingCanvas   *self);
void           kling_canvas_set_brush_size   (KlingCanvas   *self,
                                              double         diameter);
double         kling_canvas_get_brush_size   (KlingCanvas   *self);
void           kling_canvas_set_hardness     (KlingCanvas   *self,
                                              double         hardness);
double         kling_canvas_get_hardness     (KlingCanvas   *self);
void           kling_canvas_set_fill_tolerance (KlingCanvas *self,
                                                double       tolerance);
void           kling_canvas_set_fill_contiguous (KlingCanvas *self,
                                                 gboolean     contiguous);
void           kling_canvas_set_smoothing    (KlingCanvas   *self,
                                              gboolean       smoothing);
/* The object selection is looking for the object (off the main thread). */
gboolean       kling_canvas_get_busy         (KlingCanvas   *self);

/* The view: zoom 1 shows one image pixel per logical pixel. */
double         kling_canvas_get_zoom         (KlingCanvas   *self);
void           kling_canvas_zoom_to_fit      (KlingCanvas   *self);
void           kling_canvas_zoom_by          (KlingCanvas   *self,
                                              double         factor,
                                              double         widget_x,
                                              double         widget_y);
void           kling_canvas_set_view         (KlingCanvas   *self,
                                              double         zoom,
                                              double         offset_x,
                                              double         offset_y);
void           kling_canvas_widget_to_image  (KlingCanvas   *self,
                                              double         widget_x,
                                              double         widget_y,
                                              double        *image_x,
                                              double        *image_y);
void           kling_canvas_image_to_widget  (KlingCanvas   *self,
                                              double         image_x,
                                              double         image_y,
                                              double        *widget_x,
                                              double        *widget_y);

gboolean       kling_canvas_delete_selected_point (KlingCanvas *self);

/* Space held anywhere in the window: a drag on the canvas pans instead of
 * painting. The window tells the canvas, which may not have the focus. */
void           kling_canvas_set_pan_armed    (KlingCanvas   *self,
                                              gboolean       armed);

G_END_DECLS
