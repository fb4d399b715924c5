/* kling-canvas-keyboard.c — drawing paths without a pointer
 *
 * The arrows show and move a cursor over the picture (Shift moves it ten
 * times as far), Enter adds a point where it is to the active region's
 * path (or fills there, or lays a dab of the brush), Escape puts it away. With the keys that choose regions and tools,
 * a whole composition can be made from the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-canvas-private.h"

/* Logical pixels one arrow press moves the cursor, whatever the zoom. */
#define KEY_STEP 4.0
#define KEY_STEP_FAST 40.0

void
_kling_canvas_keyboard_hide (KlingCanvas *self)
{
  if (!self->key_cursor_shown)
    return;
  self->key_cursor_shown = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The cursor starts where the active path ends, or in the middle of what
 * is on screen, so the first arrow press shows it where the eye is. */
static void
show_cursor (KlingCanvas *self)
{
  KlingTrajectory *path = self->region > KLING_STATIC_REGION
                            ? kling_document_get_trajectory (self->document, self->region) : NULL;
  guint n = path ? kling_trajectory_get_n_points (path) : 0;

  if (n > 0)
    {
      KlingPoint end = kling_trajectory_get_point (path, n - 1);

      self->key_x = end.x;
      self->key_y = end.y;
    }
  else
    kling_canvas_widget_to_image (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                  gtk_widget_get_height (GTK_WIDGET (self)) / 2.0,
                                  &self->key_x, &self->key_y);
  self->key_cursor_shown = TRUE;
}

/* Pans just enough that the cursor stays on screen. */
static void
keep_in_view (KlingCanvas *self)
{
  double wx, wy, dx = 0, dy = 0;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  const double margin = 24;

  kling_canvas_image_to_widget (self, self->key_x, self->key_y, &wx, &wy);
  if (wx < margin)
    dx = margin - wx;
  else if (wx > width - margin)
    dx = width - margin - wx;
  if (wy < margin)
    dy = margin - wy;
  else if (wy > height - margin)
    dy = height - margin - wy;
  if (dx != 0 || dy != 0)
    kling_canvas_set_view (self, self->zoom, self->offset_x + dx, self->offset_y + dy);
}

static gboolean
arrow_direction (guint  keyval,
                 int   *dx,
                 int   *dy)
{
  *dx = *dy = 0;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: *dx = -1; return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: *dx = 1; return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: *dy = -1; return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: *dy = 1; return TRUE;
    default: return FALSE;
    }
}

static void
move_cursor (KlingCanvas *self,
             int          dx,
             int          dy,
             gboolean     fast)
{
  double step = (fast ? KEY_STEP_FAST : KEY_STEP) / self->zoom;

  /* Whole image pixels, so that what is sent is where the cursor was drawn. */
  step = MAX (1.0, round (step));
  if (!self->key_cursor_shown)
    show_cursor (self);
  else
    {
      self->key_x += dx * step;
      self->key_y += dy * step;
    }
  self->key_x = CLAMP (round (self->key_x), 0, kling_document_get_width (self->document) - 1);
  self->key_y = CLAMP (round (self->key_y), 0, kling_document_get_height (self->document) - 1);
  keep_in_view (self);
  _kling_canvas_update_hover (self, self->key_x, self->key_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Enter does what a click of the tool there would: add a point to the
 * path, fill, find the object under it, or lay one dab of the brush or the
 * eraser. */
static void
press (KlingCanvas *self)
{
  switch (self->tool)
    {
    case KLING_TOOL_TRAJECTORY:
      _kling_canvas_path_add_point (self, self->key_x, self->key_y);
      break;
    case KLING_TOOL_FILL:
      _kling_canvas_fill_at (self, self->key_x, self->key_y);
      break;
    case KLING_TOOL_SELECT:
      _kling_canvas_select_click (self, self->key_x, self->key_y);
      break;
    case KLING_TOOL_LASSO:
      /* the lasso's corners come from the pointer; a dab would surprise */
      break;
    case KLING_TOOL_BRUSH:
    case KLING_TOOL_ERASER:
    default:
      _kling_canvas_dab_at (self, self->key_x, self->key_y);
      break;
    }
}

/**
 * _kling_canvas_keyboard_key:
 *
 * Returns: whether the key was the cursor's
 */
gboolean
_kling_canvas_keyboard_key (KlingCanvas     *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  int dx, dy;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (arrow_direction (keyval, &dx, &dy))
    {
      move_cursor (self, dx, dy, (state & GDK_SHIFT_MASK) != 0);
      return TRUE;
    }
  if (!self->key_cursor_shown)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      press (self);
      return TRUE;
    case GDK_KEY_Escape:
      _kling_canvas_keyboard_hide (self);
      return TRUE;
    default:
      return FALSE;
    }
}
