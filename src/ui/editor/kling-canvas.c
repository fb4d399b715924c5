/* kling-canvas.c — the image with its regions and paths, where motion is painted
 *
 * This file holds the canvas's state: the document it shows, the view (zoom
 * and offset), the tool settings. Drawing is in kling-canvas-draw.c, pointer
 * and key input in kling-canvas-input.c; the regions' overlay is a
 * KlingCanvasOverlay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"

G_DEFINE_FINAL_TYPE (KlingCanvas, kling_canvas, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (KlingTool, kling_tool,
  G_DEFINE_ENUM_VALUE (KLING_TOOL_BRUSH, "brush"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_ERASER, "eraser"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_FILL, "fill"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_TRAJECTORY, "trajectory"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_SELECT, "select"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_LASSO, "lasso"))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TOOL,
  PROP_REGION,
  PROP_BRUSH_SIZE,
  PROP_HARDNESS,
  PROP_ZOOM,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_ZOOM 0.02
#define MAX_ZOOM 32.0

/* — the view — */

void
kling_canvas_widget_to_image (KlingCanvas *self,
                              double       widget_x,
                              double       widget_y,
                              double      *image_x,
                              double      *image_y)
{
  *image_x = (widget_x - self->offset_x) / self->zoom;
  *image_y = (widget_y - self->offset_y) / self->zoom;
}

void
kling_canvas_image_to_widget (KlingCanvas *self,
                              double       image_x,
                              double       image_y,
                              double      *widget_x,
                              double      *widget_y)
{
  *widget_x = image_x * self->zoom + self->offset_x;
  *widget_y = image_y * self->zoom + self->offset_y;
}

static gboolean
notify_zoom_idle (gpointer data)
{
  KlingCanvas *self = data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

/* Called during size allocation too, when others must not be resized: the
 * zoom is announced once the frame is done. */
static void
apply_fit (KlingCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int img_w, img_h;
  double margin = 24;

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL ||
      width <= 0 || height <= 0)
    return;

  img_w = kling_document_get_width (self->document);
  img_h = kling_document_get_height (self->document);
  self->zoom = MIN ((width - 2 * margin) / img_w, (height - 2 * margin) / img_h);
  self->zoom = CLAMP (self->zoom, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = round ((width - img_w * self->zoom) / 2);
  self->offset_y = round ((height - img_h * self->zoom) / 2);
  if (self->notify_zoom_id == 0)
    self->notify_zoom_id = g_idle_add (notify_zoom_idle, self);
}

void
kling_canvas_zoom_to_fit (KlingCanvas *self)
{
  self->fit = TRUE;
  apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kling_canvas_set_view (KlingCanvas *self,
                       double       zoom,
                       double       offset_x,
                       double       offset_y)
{
  self->fit = FALSE;
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = offset_x;
  self->offset_y = offset_y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooms keeping the image point under (widget_x, widget_y) where it is. */
void
kling_canvas_zoom_by (KlingCanvas *self,
                      double       factor,
                      double       widget_x,
                      double       widget_y)
{
  double zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  double ratio = zoom / self->zoom;

  kling_canvas_set_view (self, zoom,
                         widget_x - (widget_x - self->offset_x) * ratio,
                         widget_y - (widget_y - self->offset_y) * ratio);
}

double
kling_canvas_get_zoom (KlingCanvas *self)
{
  return self->zoom;
}

double
_kling_canvas_brush_radius (KlingCanvas *self,
                            double       pressure)
{
  return MAX (0.5, self->brush_size / 2.0 * pressure);
}


static void
kling_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KlingCanvas *self = KLING_CANVAS (widget);

  if (self->fit)
    apply_fit (self);
}

/* — document — */

static void
on_image_changed (KlingDocument *document,
                  KlingCanvas   *self)
{
  kling_canvas_overlay_clear (self->overlay);
  self->selected_point = -1;
  kling_canvas_zoom_to_fit (self);
}

static void
on_mask_changed (KlingDocument *document,
                 int            region,
                 int            x,
                 int            y,
                 int            width,
                 int            height,
                 KlingCanvas   *self)
{
  kling_canvas_overlay_invalidate (self->overlay, x, y, width, height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_region_changed (KlingDocument *document,
                   int            region,
                   KlingCanvas   *self)
{
  kling_canvas_overlay_clear (self->overlay);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_trajectory_changed (KlingDocument *document,
                       int            region,
                       KlingCanvas   *self)
{
  KlingTrajectory *path = kling_document_get_trajectory (document, region);

  if (region == self->region && self->selected_point >= (int) kling_trajectory_get_n_points (path))
    self->selected_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kling_canvas_set_document (KlingCanvas   *self,
                           KlingDocument *document)
{
  g_return_if_fail (KLING_IS_CANVAS (self));

  if (!kling_document_follow (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_object (document, "image-changed", G_CALLBACK (on_image_changed), self, 0);
      g_signal_connect_object (document, "mask-changed", G_CALLBACK (on_mask_changed), self, 0);
      g_signal_connect_object (document, "region-changed", G_CALLBACK (on_region_changed), self, 0);
      g_signal_connect_object (document, "trajectory-changed", G_CALLBACK (on_trajectory_changed), self, 0);
    }
  kling_canvas_overlay_clear (self->overlay);
  kling_canvas_zoom_to_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlingDocument *
kling_canvas_get_document (KlingCanvas *self)
{
  return self->document;
}

/* — tool settings — */

void
kling_canvas_set_tool (KlingCanvas *self,
                       KlingTool    tool)
{
  if (self->tool == tool)
    return;
  self->tool = tool;
  _kling_canvas_select_reset (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   tool == KLING_TOOL_TRAJECTORY || tool == KLING_TOOL_FILL ||
                                   tool == KLING_TOOL_SELECT || tool == KLING_TOOL_LASSO
                                   ? "crosshair" : "none");
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

KlingTool
kling_canvas_get_tool (KlingCanvas *self)
{
  return self->tool;
}

void
kling_canvas_set_region (KlingCanvas *self,
                         int          region)
{
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);
  if (self->region == region)
    return;
  self->region = region;
  self->selected_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

int
kling_canvas_get_region (KlingCanvas *self)
{
  return self->region;
}

void
kling_canvas_set_brush_size (KlingCanvas *self,
                             double       diameter)
{
  diameter = CLAMP (diameter, KLING_CANVAS_MIN_BRUSH, KLING_CANVAS_MAX_BRUSH);
  if (self->brush_size == diameter)
    return;
  self->brush_size = diameter;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_SIZE]);
}

double
kling_canvas_get_brush_size (KlingCanvas *self)
{
  return self->brush_size;
}

void
kling_canvas_set_hardness (KlingCanvas *self,
                           double       hardness)
{
  hardness = CLAMP (hardness, 0.0, 1.0);
  if (self->hardness == hardness)
    return;
  self->hardness = hardness;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HARDNESS]);
}

double
kling_canvas_get_hardness (KlingCanvas *self)
{
  return self->hardness;
}

void
kling_canvas_set_fill_tolerance (KlingCanvas *self,
                                 double       tolerance)
{
  self->fill_tolerance = CLAMP (tolerance, 0.0, 1.0);
}

/* Everywhere (not only the area joined to the click) when FALSE. */
void
kling_canvas_set_fill_contiguous (KlingCanvas *self,
                                  gboolean     contiguous)
{
  self->fill_contiguous = contiguous;
}

gboolean
kling_canvas_get_busy (KlingCanvas *self)
{
  g_return_val_if_fail (KLING_IS_CANVAS (self), FALSE);
  return _kling_canvas_select_is_busy (self);
}

void
kling_canvas_set_smoothing (KlingCanvas *self,
                            gboolean     smoothing)
{
  self->smoothing = smoothing;
}

/* — GObject — */

static void
kling_canvas_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KlingCanvas *self = KLING_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_TOOL: g_value_set_enum (value, self->tool); break;
    case PROP_REGION: g_value_set_int (value, self->region); break;
    case PROP_BRUSH_SIZE: g_value_set_double (value, self->brush_size); break;
    case PROP_HARDNESS: g_value_set_double (value, self->hardness); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_BUSY: g_value_set_boolean (value, _kling_canvas_select_is_busy (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_canvas_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KlingCanvas *self = KLING_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kling_canvas_set_document (self, g_value_get_object (value)); break;
    case PROP_TOOL: kling_canvas_set_tool (self, g_value_get_enum (value)); break;
    case PROP_REGION: kling_canvas_set_region (self, g_value_get_int (value)); break;
    case PROP_BRUSH_SIZE: kling_canvas_set_brush_size (self, g_value_get_double (value)); break;
    case PROP_HARDNESS: kling_canvas_set_hardness (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_canvas_dispose (GObject *object)
{
  KlingCanvas *self = KLING_CANVAS (object);

  kling_document_follow (&self->document, NULL, self);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);
  g_clear_pointer (&self->overlay, kling_canvas_overlay_free);
  g_clear_pointer (&self->freehand_points, g_array_unref);
  _kling_canvas_select_free (self);

  G_OBJECT_CLASS (kling_canvas_parent_class)->dispose (object);
}

static void
kling_canvas_class_init (KlingCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_canvas_dispose;
  object_class->get_property = kling_canvas_get_property;
  object_class->set_property = kling_canvas_set_property;

  widget_class->snapshot = _kling_canvas_snapshot;
  widget_class->size_allocate = kling_canvas_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, KLING_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, KLING_TYPE_TOOL, KLING_TOOL_BRUSH,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REGION] =
    g_param_spec_int ("region", NULL, NULL, 0, KLING_N_REGIONS - 1, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_double ("brush-size", NULL, NULL, KLING_CANVAS_MIN_BRUSH, KLING_CANVAS_MAX_BRUSH, 40,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HARDNESS] =
    g_param_spec_double ("hardness", NULL, NULL, 0, 1, 0.8,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the user, e.g. why a click did nothing. */
  g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "klingcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kling_canvas_init (KlingCanvas *self)
{
  self->overlay = kling_canvas_overlay_new ();
  self->tool = KLING_TOOL_BRUSH;
  self->region = 1;
  self->brush_size = 40;
  self->hardness = 0.8;
  self->fill_tolerance = 0.15;
  self->fill_contiguous = TRUE;
  self->zoom = 1;
  self->fit = TRUE;
  self->drag_point = -1;
  self->selected_point = -1;
  self->freehand_points = g_array_new (FALSE, FALSE, sizeof (KlingPoint));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Canvas"),
                                  -1);
  _kling_canvas_setup_input (self);
  _kling_canvas_select_init (self);
}

GtkWidget *
kling_canvas_new (void)
{
  return g_object_new (KLING_TYPE_CANVAS, NULL);
}
