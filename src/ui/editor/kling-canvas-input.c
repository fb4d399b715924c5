/* kling-canvas-input.c — pointer, tablet, scroll and key input on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"

static double
event_pressure (GtkGesture *gesture)
{
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (gesture));
  GdkEvent *event = gtk_gesture_get_last_event (gesture, sequence);
  double pressure;

  /* Tablets report pressure; mice do not, and paint at full size. */
  if (event != NULL && gdk_event_get_axis (event, GDK_AXIS_PRESSURE, &pressure) && pressure > 0)
    return CLAMP (pressure, 0.05, 1.0);
  return 1.0;
}

static gboolean
has_image (KlingCanvas *self)
{
  return self->document != NULL && kling_document_get_texture (self->document) != NULL;
}

/* The pointer says what a press would do: pan, draw a path or fill, or
 * paint (the brush outline is drawn instead of a cursor). */
void
_kling_canvas_update_cursor (KlingCanvas *self)
{
  const char *name = "none";

  if (self->panning)
    name = "grabbing";
  else if (self->space_held)
    name = "grab";
  else if (self->tool == KLING_TOOL_TRAJECTORY)
    name = _kling_canvas_path_cursor (self);
  else if (self->tool == KLING_TOOL_FILL || self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO)
    name = kling_canvas_get_busy (self) ? "progress" : "crosshair";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static gboolean
event_has_shift (GtkGesture *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  return (state & GDK_SHIFT_MASK) != 0;
}

/* — painting — */

static void
begin_stroke (KlingCanvas *self,
              GtkGesture  *gesture,
              double       image_x,
              double       image_y)
{
  gboolean erase = self->tool == KLING_TOOL_ERASER;

  kling_document_begin_mask_edit (self->document, self->region,
                                  erase ? _("Erase") : _("Paint"));
  self->stroking = TRUE;
  self->last_x = image_x;
  self->last_y = image_y;
  kling_document_paint_line (self->document, image_x, image_y, image_x, image_y,
                             _kling_canvas_brush_radius (self, event_pressure (gesture)),
                             self->hardness, erase);
}

static void
continue_stroke (KlingCanvas *self,
                 GtkGesture  *gesture,
                 double       image_x,
                 double       image_y)
{
  /* Dabs are laid along the whole segment since the last event, so a fast
   * stroke leaves no gaps. */
  kling_document_paint_line (self->document, self->last_x, self->last_y, image_x, image_y,
                             _kling_canvas_brush_radius (self, event_pressure (gesture)),
                             self->hardness, self->tool == KLING_TOOL_ERASER);
  self->last_x = image_x;
  self->last_y = image_y;
}

/* A single dab where the keyboard's cursor is: the brush without a pointer. */
void
_kling_canvas_dab_at (KlingCanvas *self,
                      double       image_x,
                      double       image_y)
{
  gboolean erase = self->tool == KLING_TOOL_ERASER;

  kling_document_begin_mask_edit (self->document, self->region, erase ? _("Erase") : _("Paint"));
  kling_document_paint_line (self->document, image_x, image_y, image_x, image_y,
                             _kling_canvas_brush_radius (self, 1.0), self->hardness, erase);
  kling_document_end_mask_edit (self->document);
}

void
_kling_canvas_fill_at (KlingCanvas *self,
                       double       image_x,
                       double       image_y)
{
  kling_document_begin_mask_edit (self->document, self->region, _("Fill"));
  kling_document_fill (self->document, (int) floor (image_x), (int) floor (image_y),
                       self->fill_tolerance, self->fill_contiguous, FALSE);
  kling_document_end_mask_edit (self->document);
}

/* — gestures — */

static void
primary_drag_begin (GtkGestureDrag *gesture,
                    double          x,
                    double          y,
                    KlingCanvas    *self)
{
  double ix, iy;

  if (!has_image (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _kling_canvas_keyboard_hide (self);

  if (self->space_held)
    {
      self->panning = TRUE;
      self->pan_start_x = self->offset_x;
      self->pan_start_y = self->offset_y;
      _kling_canvas_update_cursor (self);
      return;
    }

  kling_canvas_widget_to_image (self, x, y, &ix, &iy);
  self->last_x = ix;
  self->last_y = iy;

  switch (self->tool)
    {
    case KLING_TOOL_BRUSH:
    case KLING_TOOL_ERASER:
      begin_stroke (self, GTK_GESTURE (gesture), ix, iy);
      break;
    case KLING_TOOL_FILL:
      _kling_canvas_fill_at (self, ix, iy);
      break;
    case KLING_TOOL_SELECT:
    case KLING_TOOL_LASSO:
      _kling_canvas_select_press (self, GTK_EVENT_CONTROLLER (gesture), ix, iy);
      break;
    case KLING_TOOL_TRAJECTORY:
      if (!_kling_canvas_path_begin (self, ix, iy, event_has_shift (GTK_GESTURE (gesture))))
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      else
        self->path_gesture = TRUE;
      _kling_canvas_update_cursor (self);
      break;
    default:
      break;
    }
}

static void
primary_drag_update (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     KlingCanvas    *self)
{
  double start_x, start_y, ix, iy;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  self->pointer_x = start_x + dx;
  self->pointer_y = start_y + dy;

  if (self->panning)
    {
      kling_canvas_set_view (self, self->zoom, self->pan_start_x + dx, self->pan_start_y + dy);
      return;
    }

  kling_canvas_widget_to_image (self, start_x + dx, start_y + dy, &ix, &iy);
  if (self->stroking)
    continue_stroke (self, GTK_GESTURE (gesture), ix, iy);
  else if (self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO)
    _kling_canvas_select_motion (self, ix, iy);
  else if (self->path_gesture)
    _kling_canvas_path_update (self, ix, iy, hypot (dx, dy));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
primary_drag_end (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  KlingCanvas    *self)
{
  double start_x, start_y, ix, iy;

  if (self->panning)
    {
      self->panning = FALSE;
      _kling_canvas_update_cursor (self);
      return;
    }

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  kling_canvas_widget_to_image (self, start_x + dx, start_y + dy, &ix, &iy);

  if (self->stroking)
    {
      self->stroking = FALSE;
      kling_document_end_mask_edit (self->document);
    }
  else if (self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO)
    _kling_canvas_select_release (self, ix, iy);
  else if (self->path_gesture)
    {
      self->path_gesture = FALSE;
      _kling_canvas_path_end (self, ix, iy);
      _kling_canvas_update_hover (self, ix, iy);
      _kling_canvas_update_cursor (self);
    }
}

static void
pan_drag_begin (GtkGestureDrag *gesture,
                double          x,
                double          y,
                KlingCanvas    *self)
{
  self->panning = TRUE;
  self->pan_start_x = self->offset_x;
  self->pan_start_y = self->offset_y;
  _kling_canvas_update_cursor (self);
}

static void
pan_drag_update (GtkGestureDrag *gesture,
                 double          dx,
                 double          dy,
                 KlingCanvas    *self)
{
  kling_canvas_set_view (self, self->zoom, self->pan_start_x + dx, self->pan_start_y + dy);
}

static void
pan_drag_end (GtkGestureDrag *gesture,
              double          dx,
              double          dy,
              KlingCanvas    *self)
{
  self->panning = FALSE;
  _kling_canvas_update_cursor (self);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               KlingCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  double ix, iy;

  if (!has_image (self) || self->tool != KLING_TOOL_TRAJECTORY)
    return;
  kling_canvas_widget_to_image (self, x, y, &ix, &iy);
  _kling_canvas_path_click (self, button, n_press, ix, iy);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        KlingCanvas              *self)
{
  double ix, iy;

  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->tool == KLING_TOOL_BRUSH || self->tool == KLING_TOOL_ERASER)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (has_image (self) && !self->path_gesture)
    {
      kling_canvas_widget_to_image (self, x, y, &ix, &iy);
      _kling_canvas_update_hover (self, ix, iy);
      _kling_canvas_update_cursor (self);
    }
}

static void
leave (GtkEventControllerMotion *controller,
       KlingCanvas              *self)
{
  self->pointer_inside = FALSE;
  self->hover = (KlingCanvasGrab) { 0, -1, -1 };
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll (GtkEventControllerScroll *controller,
        double                    dx,
        double                    dy,
        KlingCanvas              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (!has_image (self))
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double steps = wheel ? dy : dy / 20.0;
      kling_canvas_zoom_by (self, pow (1.2, -steps), self->pointer_x, self->pointer_y);
    }
  else
    {
      double step = wheel ? 48.0 : 1.0;

      /* Shift turns a plain wheel into horizontal panning. */
      if ((state & GDK_SHIFT_MASK) && dx == 0)
        {
          dx = dy;
          dy = 0;
        }
      kling_canvas_set_view (self, self->zoom, self->offset_x - dx * step, self->offset_y - dy * step);
    }
  return TRUE;
}

void
kling_canvas_set_pan_armed (KlingCanvas *self,
                            gboolean     armed)
{
  g_return_if_fail (KLING_IS_CANVAS (self));

  armed = !!armed;
  if (self->space_held == armed)
    return;
  self->space_held = armed;
  _kling_canvas_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* With the focus on the canvas; the window arms panning itself when the
 * focus is elsewhere (kling-window-actions.c). */
static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             KlingCanvas           *self)
{
  if (keyval == GDK_KEY_space)
    {
      kling_canvas_set_pan_armed (self, TRUE);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_BackSpace) && self->tool == KLING_TOOL_TRAJECTORY)
    return kling_canvas_delete_selected_point (self);
  return has_image (self) && _kling_canvas_keyboard_key (self, keyval, state);
}

static void
key_released (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              KlingCanvas           *self)
{
  if (keyval == GDK_KEY_space)
    kling_canvas_set_pan_armed (self, FALSE);
}

void
_kling_canvas_setup_input (KlingCanvas *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (primary_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (primary_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (primary_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
