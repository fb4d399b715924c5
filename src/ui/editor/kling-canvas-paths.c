/* kling-canvas-paths.c — what a press with the trajectory tool grabs, and what it does
 *
 * A path is hours of an artist's intent: nothing here throws one away by
 * accident. A press grabs what is under it, in this order: a point of the
 * active path, a point of another region's path (that region becomes the
 * active one), the active path's line, another path's line. Only a press
 * on the picture itself adds anything, and a freehand drag replaces a path
 * only when the path is empty or Shift is held; then it is one undo step
 * and a toast says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kling-canvas-private.h"

/* How far a press must move (logical pixels) before it is a drag, not a click. */
#define DRAG_THRESHOLD 5.0

static void
emit_message (KlingCanvas *self,
              const char  *text)
{
  g_signal_emit_by_name (self, "message", text);
}

gboolean
_kling_canvas_in_image (KlingCanvas *self,
                        double       image_x,
                        double       image_y)
{
  return image_x >= 0 && image_y >= 0 &&
         image_x < kling_document_get_width (self->document) &&
         image_y < kling_document_get_height (self->document);
}

static void
clamp_to_image (KlingCanvas *self,
                double      *x,
                double      *y)
{
  *x = CLAMP (*x, 0, kling_document_get_width (self->document) - 1);
  *y = CLAMP (*y, 0, kling_document_get_height (self->document) - 1);
}

static KlingTrajectory *
path_of (KlingCanvas *self,
         int          region)
{
  if (region <= KLING_STATIC_REGION || !kling_document_get_region (self->document, region)->visible)
    return NULL;
  return kling_document_get_trajectory (self->document, region);
}

static char *
region_name (KlingCanvas *self,
             int          region)
{
  const char *name = kling_document_get_region (self->document, region)->name;

  return name != NULL ? g_strdup (name) : kling_draft_default_region_name (region);
}

/* Points before lines, and the active region before the others, so that
 * a point lying on another path's line is still the one grabbed. */
KlingCanvasGrab
_kling_canvas_find_grab (KlingCanvas *self,
                         double       image_x,
                         double       image_y)
{
  KlingCanvasGrab grab = { 0, -1, -1 };
  double reach = HIT_DISTANCE / self->zoom;
  int order[KLING_N_REGIONS];
  int n = 0;

  if (self->region > KLING_STATIC_REGION)
    order[n++] = self->region;
  for (int region = 1; region < KLING_N_REGIONS; region++)
    if (region != self->region)
      order[n++] = region;

  for (int i = 0; i < n && grab.region == 0; i++)
    {
      KlingTrajectory *path = path_of (self, order[i]);
      int point = path ? kling_trajectory_find_nearest_point (path, image_x, image_y, reach) : -1;

      if (point >= 0)
        grab = (KlingCanvasGrab) { order[i], point, -1 };
    }
  for (int i = 0; i < n && grab.region == 0; i++)
    {
      KlingTrajectory *path = path_of (self, order[i]);
      int segment = path && kling_trajectory_get_n_points (path) > 1
                      ? kling_trajectory_find_nearest_segment (path, image_x, image_y, reach) : -1;

      if (segment >= 0)
        grab = (KlingCanvasGrab) { order[i], -1, segment };
    }
  return grab;
}

/**
 * _kling_canvas_update_hover:
 *
 * Remembers what a press at (@image_x, @image_y) would grab, for the
 * cursor and the highlight; redraws when that changed.
 */
void
_kling_canvas_update_hover (KlingCanvas *self,
                            double       image_x,
                            double       image_y)
{
  KlingCanvasGrab grab = { 0, -1, -1 };

  if (self->tool == KLING_TOOL_TRAJECTORY && (self->pointer_inside || self->key_cursor_shown))
    grab = _kling_canvas_find_grab (self, image_x, image_y);
  if (memcmp (&grab, &self->hover, sizeof grab) == 0)
    return;
  self->hover = grab;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* — a press, a drag, a release — */

/**
 * _kling_canvas_path_begin:
 * @replace: the modifier that lets a drag draw the path anew is held
 *
 * Returns: %FALSE when the press does nothing (outside the picture, or on
 *   the static region), so that the gesture lets it go
 */
gboolean
_kling_canvas_path_begin (KlingCanvas *self,
                          double       image_x,
                          double       image_y,
                          gboolean     replace)
{
  KlingCanvasGrab grab = _kling_canvas_find_grab (self, image_x, image_y);
  KlingTrajectory *path;

  if (grab.region == 0 && !_kling_canvas_in_image (self, image_x, image_y))
    return FALSE;
  if (grab.region > 0 && grab.region != self->region)
    kling_canvas_set_region (self, grab.region);
  if (self->region == KLING_STATIC_REGION)
    {
      emit_message (self, _("Paths belong to dynamic regions: choose one with the keys 1 to 6"));
      return FALSE;
    }

  path = kling_document_get_trajectory (self->document, self->region);
  self->drag_point = grab.point;
  self->on_line = grab.segment >= 0;
  self->freehand = FALSE;
  self->refused_freehand = FALSE;
  self->replaces = kling_trajectory_get_n_points (path) > 0;
  self->may_replace = grab.region == 0 && (!self->replaces || replace);
  g_array_set_size (self->freehand_points, 0);
  kling_document_begin_trajectory_edit (self->document, self->region,
                                        self->drag_point >= 0 ? _("Move Point")
                                          : self->replaces ? _("Replace Path") : _("Draw Path"));
  if (self->drag_point >= 0)
    self->selected_point = self->drag_point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
draw_freehand (KlingCanvas     *self,
               KlingTrajectory *path,
               KlingPoint       point)
{
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

void
_kling_canvas_path_update (KlingCanvas *self,
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
  if (self->on_line)
    return;
  if (!self->may_replace)
    {
      self->refused_freehand = TRUE;
      return;
    }
  draw_freehand (self, path, point);
}

static void
finish_freehand (KlingCanvas     *self,
                 KlingTrajectory *path)
{
  /* What a hand draws has far more points than it means. */
  kling_trajectory_simplify (path, 1.5 / self->zoom);
  if (self->smoothing)
    kling_trajectory_smooth (path, 2);
  kling_trajectory_resample (path, KLING_TRAJECTORY_MAX_POINTS);
  self->selected_point = -1;
  self->freehand = FALSE;
  if (self->replaces)
    {
      g_autofree char *name = region_name (self, self->region);
      g_autofree char *text = g_strdup_printf (_("%s’s path was drawn anew; Ctrl+Z brings the old one back"), name);

      emit_message (self, text);
    }
}

void
_kling_canvas_path_end (KlingCanvas *self,
                        double       image_x,
                        double       image_y)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, self->region);

  if (self->drag_point >= 0)
    self->drag_point = -1;
  else if (self->freehand)
    finish_freehand (self, path);
  else if (self->refused_freehand)
    emit_message (self, _("To draw this path anew, hold Shift while you drag"));
  else if (self->on_line)
    {
      /* A click on a line selects its region; a double-click inserts a point there. */
    }
  else if (kling_trajectory_get_n_points (path) >= KLING_TRAJECTORY_MAX_POINTS)
    emit_message (self, _("A path has at most 77 points"));
  else if (_kling_canvas_in_image (self, image_x, image_y))
    {
      kling_trajectory_append (path, image_x, image_y);
      self->selected_point = kling_trajectory_get_n_points (path) - 1;
    }

  self->on_line = FALSE;
  self->refused_freehand = FALSE;
  kling_document_end_trajectory_edit (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A right-click on a point removes it; a double-click on a line inserts one. */
void
_kling_canvas_path_click (KlingCanvas *self,
                          guint        button,
                          int          n_press,
                          double       image_x,
                          double       image_y)
{
  KlingCanvasGrab grab = _kling_canvas_find_grab (self, image_x, image_y);
  KlingTrajectory *path;

  if (grab.region == 0)
    return;
  if (grab.region != self->region)
    kling_canvas_set_region (self, grab.region);
  path = kling_document_get_trajectory (self->document, self->region);

  if (button == GDK_BUTTON_SECONDARY && grab.point >= 0)
    {
      self->selected_point = grab.point;
      kling_canvas_delete_selected_point (self);
    }
  else if (button == GDK_BUTTON_PRIMARY && n_press == 2 && grab.segment >= 0)
    {
      if (kling_trajectory_get_n_points (path) >= KLING_TRAJECTORY_MAX_POINTS)
        {
          emit_message (self, _("A path has at most 77 points"));
          return;
        }
      kling_document_begin_trajectory_edit (self->document, self->region, _("Insert Point"));
      kling_trajectory_insert (path, grab.segment + 1, image_x, image_y);
      self->selected_point = grab.segment + 1;
      kling_document_end_trajectory_edit (self->document);
    }
}

/**
 * _kling_canvas_path_add_point:
 *
 * Adds a point at the end of the active region's path, as a click does: the
 * keyboard's way to draw a path.
 *
 * Returns: whether a point was added
 */
gboolean
_kling_canvas_path_add_point (KlingCanvas *self,
                              double       image_x,
                              double       image_y)
{
  KlingTrajectory *path;

  if (self->region == KLING_STATIC_REGION)
    {
      emit_message (self, _("Paths belong to dynamic regions: choose one with the keys 1 to 6"));
      return FALSE;
    }
  path = kling_document_get_trajectory (self->document, self->region);
  if (kling_trajectory_get_n_points (path) >= KLING_TRAJECTORY_MAX_POINTS)
    {
      emit_message (self, _("A path has at most 77 points"));
      return FALSE;
    }
  kling_document_begin_trajectory_edit (self->document, self->region, _("Add Point"));
  kling_trajectory_append (path, image_x, image_y);
  self->selected_point = kling_trajectory_get_n_points (path) - 1;
  kling_document_end_trajectory_edit (self->document);
  return TRUE;
}

gboolean
kling_canvas_delete_selected_point (KlingCanvas *self)
{
  KlingTrajectory *path;

  if (kling_document_get_texture (self->document) == NULL ||
      self->region == KLING_STATIC_REGION || self->selected_point < 0)
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

/* The pointer says what a press would do: move a point, pick a line, add a
 * point, or nothing at all outside the picture. */
const char *
_kling_canvas_path_cursor (KlingCanvas *self)
{
  double ix, iy;

  if (self->path_gesture && self->drag_point >= 0)
    return "grabbing";
  if (self->hover.point >= 0)
    return "grab";
  if (self->hover.segment >= 0)
    return "pointer";
  if (self->document == NULL || kling_document_get_texture (self->document) == NULL)
    return "default";
  kling_canvas_widget_to_image (self, self->pointer_x, self->pointer_y, &ix, &iy);
  return _kling_canvas_in_image (self, ix, iy) ? "crosshair" : "default";
}
