/* kling-canvas-select.c — the object selection on the canvas
 *
 * Select object: a box dragged around an object (or a click on it, which
 * seeds a box around the click) gives the active region the object's
 * shape, found by GrabCut off the main thread. Shift-strokes then mark what
 * belongs to the object and Alt- (or Ctrl-) strokes what does not, and each
 * runs GrabCut again with those hints. A box starts a new selection: the
 * region's paint from before it stays, and the object is added to it.
 *
 * The input code calls the press, motion and release hooks below for this
 * tool and the lasso (kling-canvas-lasso.c), which they hand on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"
#include "kling-grabcut.h"
#include "kling-mask-ops.h"

/* How far (logical pixels) a press must move to be a box and not a click. */
#define CLICK_DISTANCE 5.0
/* A click seeds a box this share of the picture's shorter side. */
#define CLICK_BOX_SHARE 0.45
/* Hint strokes are this wide on screen (logical pixels). */
#define HINT_RADIUS 5.0

typedef enum {
  HINT_NONE,
  HINT_OBJECT,
  HINT_BACKGROUND,
} Hint;

typedef struct {
  Hint    kind;
  double  radius;     /* image pixels */
  GArray *points;     /* KlingPoint */
} Stroke;

struct _KlingCanvasSelect
{
  /* a press being dragged */
  gboolean      box_drag;
  KlingPoint    press;
  KlingPoint    pointer;
  Stroke       *stroke;

  /* the selection being refined */
  gboolean      active;
  int           region;
  KlingRect     box;
  KlingMask    *base;           /* the region's paint before it */
  KlingMask    *object_hints;
  KlingMask    *background_hints;
  GPtrArray    *strokes;        /* Stroke, to draw */

  GCancellable *cancellable;
  gboolean      busy;
};

typedef struct {
  GdkPixbuf *pixbuf;
  KlingRect  box;
  KlingMask *object_hints;
  KlingMask *background_hints;
  KlingMask *base;
  int        region;
  gboolean   refining;
} Job;

static void
stroke_free (Stroke *stroke)
{
  g_array_unref (stroke->points);
  g_free (stroke);
}

static void
job_free (Job *job)
{
  g_object_unref (job->pixbuf);
  g_clear_pointer (&job->object_hints, kling_mask_free);
  g_clear_pointer (&job->background_hints, kling_mask_free);
  g_clear_pointer (&job->base, kling_mask_free);
  g_free (job);
}

static void
set_busy (KlingCanvas *self,
          gboolean     busy)
{
  if (self->select->busy == busy)
    return;
  self->select->busy = busy;
  if (busy)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO
                                     ? "crosshair" : "none");
  g_object_notify (G_OBJECT (self), "busy");
}

static void
emit_message (KlingCanvas *self,
              const char  *text)
{
  g_signal_emit_by_name (self, "message", text);
}

/* — the object selection — */

static void
end_selection (KlingCanvasSelect *select)
{
  select->active = FALSE;
  g_clear_pointer (&select->base, kling_mask_free);
  g_clear_pointer (&select->object_hints, kling_mask_free);
  g_clear_pointer (&select->background_hints, kling_mask_free);
  g_ptr_array_set_size (select->strokes, 0);
}

static void
find_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GdkPixbuf *pixbuf = job->pixbuf;
  KlingPixels pixels = { gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                         gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                         gdk_pixbuf_get_n_channels (pixbuf) };
  g_autoptr(KlingMask) object = kling_mask_new (pixels.width, pixels.height);
  GError *error = NULL;

  if (!kling_grabcut_select (&pixels, &job->box, job->object_hints, job->background_hints,
                             object, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) kling_mask_free);
}

static void
find_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  KlingCanvas *self = KLING_CANVAS (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(KlingMask) object = NULL;
  g_autoptr(GError) error = NULL;

  object = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  g_clear_object (&self->select->cancellable);
  if (object == NULL)
    {
      emit_message (self, error->message);
      return;
    }
  if (self->document == NULL || kling_document_get_pixbuf (self->document) != job->pixbuf)
    return;
  if (kling_mask_is_empty (object))
    {
      emit_message (self, _("No object found in the box: draw it closer around the object"));
      return;
    }
  kling_mask_union (object, job->base);
  kling_document_set_mask (self->document, job->region, object,
                           job->refining ? _("Refine Selection") : _("Select Object"));
}

static void
find_object (KlingCanvas *self,
             gboolean     refining)
{
  KlingCanvasSelect *select = self->select;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (select->cancellable != NULL)
    g_cancellable_cancel (select->cancellable);
  g_clear_object (&select->cancellable);
  select->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->pixbuf = g_object_ref (kling_document_get_pixbuf (self->document));
  job->box = select->box;
  job->object_hints = kling_mask_copy (select->object_hints);
  job->background_hints = kling_mask_copy (select->background_hints);
  job->base = kling_mask_copy (select->base);
  job->region = select->region;
  job->refining = refining;

  task = g_task_new (self, select->cancellable, find_done, NULL);
  g_task_set_source_tag (task, find_object);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, find_thread);
}

/* A click seeds a box around itself, and marks its spot as the object's. */
static KlingRect
box_around_click (KlingCanvas *self,
                  double       x,
                  double       y)
{
  int width = kling_document_get_width (self->document);
  int height = kling_document_get_height (self->document);
  int side = MAX (8, (int) (MIN (width, height) * CLICK_BOX_SHARE));
  KlingRect box = { (int) x - side / 2, (int) y - side / 2, MIN (side, width), MIN (side, height) };

  box.x = CLAMP (box.x, 0, width - box.width);
  box.y = CLAMP (box.y, 0, height - box.height);
  return box;
}

static void
start_selection (KlingCanvas *self,
                 double       x0,
                 double       y0,
                 double       x1,
                 double       y1,
                 gboolean     click)
{
  KlingCanvasSelect *select = self->select;
  int width = kling_document_get_width (self->document);
  int height = kling_document_get_height (self->document);

  end_selection (select);
  select->active = TRUE;
  select->region = self->region;
  select->base = kling_mask_copy (kling_document_get_mask (self->document, self->region));
  select->object_hints = kling_mask_new (width, height);
  select->background_hints = kling_mask_new (width, height);
  if (click)
    {
      select->box = box_around_click (self, x0, y0);
      kling_mask_paint_dab (select->object_hints, x0, y0, MAX (3.0, MIN (width, height) / 100.0),
                            1.0, FALSE, NULL);
    }
  else
    {
      int left = (int) floor (CLAMP (MIN (x0, x1), 0, width));
      int top = (int) floor (CLAMP (MIN (y0, y1), 0, height));

      select->box = (KlingRect) { left, top,
                                  (int) ceil (CLAMP (MAX (x0, x1), 0, width)) - left,
                                  (int) ceil (CLAMP (MAX (y0, y1), 0, height)) - top };
    }
  find_object (self, FALSE);
}

static void
finish_stroke (KlingCanvas *self)
{
  KlingCanvasSelect *select = self->select;
  Stroke *stroke = g_steal_pointer (&select->stroke);
  KlingMask *hints = stroke->kind == HINT_OBJECT ? select->object_hints : select->background_hints;

  for (guint i = 0; i < stroke->points->len; i++)
    {
      KlingPoint *a = &g_array_index (stroke->points, KlingPoint, i);
      KlingPoint *b = &g_array_index (stroke->points, KlingPoint, MAX (i, 1) - 1);

      kling_mask_paint_line (hints, b->x, b->y, a->x, a->y, stroke->radius, 1.0, FALSE, NULL);
    }
  g_ptr_array_add (select->strokes, stroke);
  find_object (self, TRUE);
}

/* — hooks the input code calls — */

static gboolean
subtracts (GdkModifierType state)
{
  return (state & (GDK_ALT_MASK | GDK_CONTROL_MASK)) != 0;
}

void
_kling_canvas_select_press (KlingCanvas        *self,
                            GtkEventController *gesture,
                            double              x,
                            double              y)
{
  KlingCanvasSelect *select = self->select;
  GdkModifierType state = gtk_event_controller_get_current_event_state (gesture);

  if (self->tool == KLING_TOOL_LASSO)
    {
      _kling_canvas_lasso_press (self, x, y, state, gtk_event_controller_get_current_event_time (gesture));
      return;
    }
  select->press = select->pointer = (KlingPoint) { x, y };
  if (select->active && select->region == self->region &&
      (state & GDK_SHIFT_MASK || subtracts (state)))
    {
      select->stroke = g_new0 (Stroke, 1);
      select->stroke->kind = state & GDK_SHIFT_MASK ? HINT_OBJECT : HINT_BACKGROUND;
      select->stroke->radius = MAX (1.5, HINT_RADIUS / self->zoom);
      select->stroke->points = g_array_new (FALSE, FALSE, sizeof (KlingPoint));
      g_array_append_val (select->stroke->points, select->press);
    }
  else
    select->box_drag = TRUE;
}

void
_kling_canvas_select_motion (KlingCanvas *self,
                             double       x,
                             double       y)
{
  KlingCanvasSelect *select = self->select;
  KlingPoint point = { x, y };

  if (self->tool == KLING_TOOL_LASSO)
    {
      _kling_canvas_lasso_motion (self, x, y);
      return;
    }
  select->pointer = point;
  if (select->stroke != NULL)
    g_array_append_val (select->stroke->points, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_kling_canvas_select_release (KlingCanvas *self,
                              double       x,
                              double       y)
{
  KlingCanvasSelect *select = self->select;
  double moved = hypot (x - select->press.x, y - select->press.y) * self->zoom;

  if (self->tool == KLING_TOOL_LASSO)
    {
      _kling_canvas_lasso_release (self);
      return;
    }
  if (select->stroke != NULL)
    finish_stroke (self);
  else if (select->box_drag)
    {
      select->box_drag = FALSE;
      start_selection (self, select->press.x, select->press.y, x, y, moved < CLICK_DISTANCE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Enter at the keyboard cursor: what a click there does, the object under
 * it found. */
void
_kling_canvas_select_click (KlingCanvas *self,
                            double       x,
                            double       y)
{
  start_selection (self, x, y, x, y, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The tool or the region changed: what was being drawn is dropped, and a
 * running search is stopped. */
void
_kling_canvas_select_reset (KlingCanvas *self)
{
  KlingCanvasSelect *select = self->select;

  if (select->cancellable != NULL)
    g_cancellable_cancel (select->cancellable);
  g_clear_object (&select->cancellable);
  set_busy (self, FALSE);
  select->box_drag = FALSE;
  g_clear_pointer (&select->stroke, stroke_free);
  end_selection (select);
  _kling_canvas_lasso_cancel (self);
}

gboolean
_kling_canvas_select_is_busy (KlingCanvas *self)
{
  return self->select->busy;
}

/* — drawing — */

/* A dashed line that reads on any colour: white over a dark halo. */
void
_kling_canvas_select_outline (cairo_t *cr)
{
  static const double dashes[] = { 5, 4 };

  cairo_set_line_width (cr, 3);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
_kling_canvas_select_line_to (KlingCanvas      *self,
                              cairo_t          *cr,
                              const KlingPoint *point)
{
  double wx, wy;

  kling_canvas_image_to_widget (self, point->x, point->y, &wx, &wy);
  cairo_line_to (cr, wx, wy);
}

static void
draw_stroke (KlingCanvas  *self,
             cairo_t      *cr,
             const Stroke *stroke)
{
  cairo_new_path (cr);
  for (guint i = 0; i < stroke->points->len; i++)
    _kling_canvas_select_line_to (self, cr, &g_array_index (stroke->points, KlingPoint, i));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, MAX (3.0, 2 * stroke->radius * self->zoom) + 2);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, MAX (3.0, 2 * stroke->radius * self->zoom));
  /* GNOME's green for "this is the object", red for "this is not". */
  if (stroke->kind == HINT_OBJECT)
    cairo_set_source_rgba (cr, 0.2, 0.82, 0.48, 0.9);
  else
    cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.9);
  cairo_stroke (cr);
}

static void
draw_box (KlingCanvas *self,
          cairo_t     *cr)
{
  KlingCanvasSelect *select = self->select;
  double x0, y0, x1, y1;

  if (select->box_drag)
    {
      kling_canvas_image_to_widget (self, select->press.x, select->press.y, &x0, &y0);
      kling_canvas_image_to_widget (self, select->pointer.x, select->pointer.y, &x1, &y1);
    }
  else if (select->active && select->region == self->region)
    {
      kling_canvas_image_to_widget (self, select->box.x, select->box.y, &x0, &y0);
      kling_canvas_image_to_widget (self, select->box.x + select->box.width,
                                    select->box.y + select->box.height, &x1, &y1);
    }
  else
    return;
  cairo_rectangle (cr, round (MIN (x0, x1)) + 0.5, round (MIN (y0, y1)) + 0.5,
                   round (fabs (x1 - x0)), round (fabs (y1 - y0)));
  _kling_canvas_select_outline (cr);
}

void
_kling_canvas_select_snapshot (KlingCanvas *self,
                               cairo_t     *cr)
{
  KlingCanvasSelect *select = self->select;

  if (self->tool == KLING_TOOL_LASSO)
    {
      _kling_canvas_lasso_snapshot (self, cr);
      return;
    }
  if (self->tool != KLING_TOOL_SELECT)
    return;
  if (select->active && select->region == self->region)
    for (guint i = 0; i < select->strokes->len; i++)
      draw_stroke (self, cr, g_ptr_array_index (select->strokes, i));
  if (select->stroke != NULL)
    draw_stroke (self, cr, select->stroke);
  draw_box (self, cr);
}

/* Esc stops a search that takes too long. */
static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             KlingCanvas           *self)
{
  if (keyval != GDK_KEY_Escape || !self->select->busy)
    return FALSE;
  _kling_canvas_select_reset (self);
  emit_message (self, _("Object selection stopped"));
  return TRUE;
}

void
_kling_canvas_select_init (KlingCanvas *self)
{
  GtkEventController *controller;

  self->select = g_new0 (KlingCanvasSelect, 1);
  self->select->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) stroke_free);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  _kling_canvas_lasso_init (self);
}

void
_kling_canvas_select_free (KlingCanvas *self)
{
  KlingCanvasSelect *select = self->select;

  if (select == NULL)
    return;
  if (select->cancellable != NULL)
    g_cancellable_cancel (select->cancellable);
  g_clear_object (&select->cancellable);
  g_clear_pointer (&select->stroke, stroke_free);
  end_selection (select);
  g_ptr_array_unref (select->strokes);
  g_clear_pointer (&self->select, g_free);
  _kling_canvas_lasso_free (self);
}
