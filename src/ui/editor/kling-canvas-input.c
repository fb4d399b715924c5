/* kling-canvas-input.c — pointer, tablet, scroll and key input on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"

/* How far a press must move (logical pixels) before it is a drag, not a click. */
#define DRAG_THRESHOLD 5.0

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
static void
update_cursor (KlingCanvas *self)
{
  const char *name = "none";

  if (self->panning)
    name = "grabbing";
  else if (self->space_held)
    name = "grab";
  else if (self->tool == KLING_TOOL_TRAJECTORY || self->tool == KLING_TOOL_FILL ||
           self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO)
    name = kling_canvas_get_busy (self) ? "progress" : "crosshair";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
clamp_to_image (KlingCanvas *self,
                double      *x,
                double      *y)
{
  *x = CLAMP (*x, 0, kling_document_get_width (self->document) - 1);
  *y = CLAMP (*y, 0, kling_document_get_height (self->document) - 1);
}

static int
hit_point (KlingCanvas *self,
           double       image_x,
           double       image_y)
{
  KlingTrajectory *path;

  if (self->region == KLING_STATIC_REGION)
    return -1;
  path = kling_document_get_trajectory (self->document, self->region);
  return kling_trajectory_find_nearest_point (path, image_x, image_y, HIT_DISTANCE / self->zoom);
}

static int
hit_segment (KlingCanvas *self,
             double       image_x,
             double       image_y)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, self->region);

  return kling_trajectory_find_nearest_segment (path, image_x, image_y, HIT_DISTANCE / self->zoom);
}

static void
emit_message (KlingCanvas *self,
              const char  *text)
{
  g_signal_emit_by_name (self, "message", text);
}

static gboolean
needs_dynamic_region (KlingCanvas *self)
{
  if (self->region != KLING_STATIC_REGION)
    return FALSE;
  emit_message (self, _("Paths belong to dynamic regions: choose one with the keys 1 to 6"));
  return TRUE;
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

static void
fill_at (KlingCanvas *self,
         double       image_x,
         double       image_y)
{
  kling_document_begin_mask_edit (self->document, self->region, _("Fill"));
  kling_document_fill (self->document, (int) floor (image_x), (int) floor (image_y),
                       self->fill_tolerance, self->fill_contiguous, FALSE);
  kling_document_end_mask_edit (self->document);
}

/* — trajectories — */

static void
begin_path_gesture (KlingCanvas *self,
                    double       image_x,
                    double       image_y)
{
  self->drag_point = hit_point (self, image_x, image_y);
  self->freehand = FALSE;
  g_array_set_size (self->freehand_points, 0);
  kling_document_begin_trajectory_edit (self->document, self->region,
                                        self->drag_point >= 0 ? _("Move Point") : _("Draw Path"));
  if (self->drag_point >= 0)
    {
      self->selected_point = self->drag_point;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
update_path_gesture (KlingCanvas *self,
                     double       image_x,
                     double       image_y,
                     double       distance)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, self->region);
  KlingPoint point = { image_x, image_y };

  clamp_to_image (self, &point.x, &point.y);

  if (self->drag_point >= 0)
    {
      kling_trajectory_move (path, self->drag_point, point.x, point.y);
      kling_document_notify_trajectory (self->document, self->region);
      return;
    }

  if (!self->freehand && distance < DRAG_THRESHOLD)
    return;

  /* A drag on empty canvas draws the path freehand; it replaces the old one. */
  if (!self->freehand)
    {
      KlingPoint start = { self->last_x, self->last_y };

      clamp_to_image (self, &start.x, &start.y);
      self->freehand = TRUE;
      g_array_append_val (self->freehand_points, start);
    }
  g_array_append_val (self->freehand_points, point);

  kling_trajectory_clear (path);
  for (guint i = 0; i < self->freehand_points->len; i++)
    {
      KlingPoint *p = &g_array_index (self->freehand_points, KlingPoint, i);
      kling_trajectory_append (path, p->x, p->y);
    }
  kling_document_notify_trajectory (self->document, self->region);
}

static void
end_path_gesture (KlingCanvas *self,
                  double       image_x,
                  double       image_y)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, self->region);

  if (self->drag_point >= 0)
    {
      self->drag_point = -1;
    }
  else if (self->freehand)
    {
      /* What a hand draws has far more points than it means. */
      kling_trajectory_simplify (path, 1.5 / self->zoom);
      if (self->smoothing)
        kling_trajectory_smooth (path, 2);
      kling_trajectory_resample (path, KLING_TRAJECTORY_MAX_POINTS);
      self->selected_point = -1;
      self->freehand = FALSE;
    }
  else if (kling_trajectory_get_n_points (path) > 0 && hit_segment (self, image_x, image_y) >= 0)
    {
      /* A click on the line itself: double-click inserts there. */
    }
  else if (kling_trajectory_get_n_points (path) >= KLING_TRAJECTORY_MAX_POINTS)
    {
      emit_message (self, _("A path has at most 77 points"));
    }
  else
    {
      clamp_to_image (self, &image_x, &image_y);
      kling_trajectory_append (path, image_x, image_y);
      self->selected_point = kling_trajectory_get_n_points (path) - 1;
    }

  kling_document_end_trajectory_edit (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
kling_canvas_delete_selected_point (KlingCanvas *self)
{
  KlingTrajectory *path;

  if (!has_image (self) || self->region == KLING_STATIC_REGION || self->selected_point < 0)
    return FALSE;

  path = kling_document_get_trajectory (self->document, self->region);
  if (self->selected_point >= (int) kling_trajectory_get_n_points (path))
    return FALSE;

  kling_document_begin_trajectory_edit (self->document, self->region, _("Delete Point"));
  kling_trajectory_remove (path, self->selected_point);
  self->selected_point = MIN (self->selected_point, (int) kling_trajectory_get_n_points (path) - 1);
  kling_document_end_trajectory_edit (self->document);
  return TRUE;
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

  if (self->space_held)
    {
      self->panning = TRUE;
      self->pan_start_x = self->offset_x;
      self->pan_start_y = self->offset_y;
      update_cursor (self);
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
      fill_at (self, ix, iy);
      break;
    case KLING_TOOL_SELECT:
    case KLING_TOOL_LASSO:
      _kling_canvas_select_press (self, ix, iy,
                                  gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
      break;
    case KLING_TOOL_TRAJECTORY:
      if (needs_dynamic_region (self))
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      else
        begin_path_gesture (self, ix, iy);
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
  else if (self->tool == KLING_TOOL_TRAJECTORY && self->region != KLING_STATIC_REGION)
    update_path_gesture (self, ix, iy, hypot (dx, dy));
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
      update_cursor (self);
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
  else if (self->tool == KLING_TOOL_TRAJECTORY && self->region != KLING_STATIC_REGION)
    end_path_gesture (self, ix, iy);
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
  update_cursor (self);
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
  update_cursor (self);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               KlingCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  KlingTrajectory *path;
  double ix, iy;
  int index;

  if (!has_image (self) || self->tool != KLING_TOOL_TRAJECTORY || self->region == KLING_STATIC_REGION)
    return;

  kling_canvas_widget_to_image (self, x, y, &ix, &iy);
  path = kling_document_get_trajectory (self->document, self->region);

  if (button == GDK_BUTTON_SECONDARY && (index = hit_point (self, ix, iy)) >= 0)
    {
      self->selected_point = index;
      kling_canvas_delete_selected_point (self);
    }
  else if (button == GDK_BUTTON_PRIMARY && n_press == 2 &&
           hit_point (self, ix, iy) < 0 && (index = hit_segment (self, ix, iy)) >= 0)
    {
      if (kling_trajectory_get_n_points (path) >= KLING_TRAJECTORY_MAX_POINTS)
        {
          emit_message (self, _("A path has at most 77 points"));
          return;
        }
      kling_document_begin_trajectory_edit (self->document, self->region, _("Insert Point"));
      kling_trajectory_insert (path, index + 1, ix, iy);
      self->selected_point = index + 1;
      kling_document_end_trajectory_edit (self->document);
    }
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        KlingCanvas              *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->tool == KLING_TOOL_BRUSH || self->tool == KLING_TOOL_ERASER)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave (GtkEventControllerMotion *controller,
       KlingCanvas              *self)
{
  self->pointer_inside = FALSE;
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
  update_cursor (self);
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
  return FALSE;
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
