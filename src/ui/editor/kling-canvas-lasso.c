/* kling-canvas-lasso.c — the polygon lasso on the canvas
 *
 * Clicks set corners and a drag draws freehand; a double-click, Enter or a
 * click on the first corner closes the lasso and fills it into the active
 * region (one undo step); Esc cancels it and Backspace takes the last
 * corner back. Alt or Ctrl held at the first corner takes paint away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"

/* A freehand lasso adds a corner every so many logical pixels. */
#define LASSO_STEP 4.0
/* Two presses this close (logical pixels) make a double-click. */
#define DOUBLE_CLICK_DISTANCE 5.0

struct _KlingCanvasLasso
{
  GArray    *corners;       /* KlingPoint, image pixels */
  gboolean   subtract;
  gboolean   dragging;
  KlingPoint pointer;
  gint64     last_press;    /* µs, for double-clicks */
  double     last_x;        /* widget */
  double     last_y;
};

static void
cancel (KlingCanvas *self)
{
  g_array_set_size (self->lasso->corners, 0);
  self->lasso->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
close_lasso (KlingCanvas *self)
{
  KlingCanvasLasso *lasso = self->lasso;

  if (lasso->corners->len >= 3)
    {
      kling_document_begin_mask_edit (self->document, self->region,
                                      lasso->subtract ? _("Lasso Away") : _("Lasso"));
      kling_document_fill_polygon (self->document, (KlingPoint *) (gpointer) lasso->corners->data,
                                   lasso->corners->len, lasso->subtract);
      kling_document_end_mask_edit (self->document);
    }
  else if (lasso->corners->len > 0)
    g_signal_emit_by_name (self, "message", _("A lasso needs at least three corners"));
  cancel (self);
}

static gboolean
near_first_corner (KlingCanvas *self,
                   double       x,
                   double       y)
{
  GArray *corners = self->lasso->corners;
  KlingPoint *first = &g_array_index (corners, KlingPoint, 0);

  return corners->len >= 3 && hypot (first->x - x, first->y - y) * self->zoom <= HIT_DISTANCE;
}

static void
add_corner (KlingCanvas *self,
            double       x,
            double       y)
{
  KlingPoint point = { CLAMP (x, 0, kling_document_get_width (self->document)),
                       CLAMP (y, 0, kling_document_get_height (self->document)) };

  g_array_append_val (self->lasso->corners, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A second press soon and near the first: the double-click that closes. */
static gboolean
is_double_click (KlingCanvas *self)
{
  KlingCanvasLasso *lasso = self->lasso;
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  gint64 now = g_get_monotonic_time ();
  int time_ms = 400;
  gboolean twice;

  g_object_get (settings, "gtk-double-click-time", &time_ms, NULL);
  twice = lasso->last_press != 0 && now - lasso->last_press <= time_ms * 1000 &&
          hypot (self->pointer_x - lasso->last_x, self->pointer_y - lasso->last_y) <= DOUBLE_CLICK_DISTANCE;
  lasso->last_press = twice ? 0 : now;
  lasso->last_x = self->pointer_x;
  lasso->last_y = self->pointer_y;
  return twice;
}

void
_kling_canvas_lasso_press (KlingCanvas     *self,
                           double           x,
                           double           y,
                           GdkModifierType  state)
{
  KlingCanvasLasso *lasso = self->lasso;

  lasso->pointer = (KlingPoint) { x, y };
  if (is_double_click (self) && lasso->corners->len > 0)
    {
      close_lasso (self);
      return;
    }
  if (lasso->corners->len == 0)
    lasso->subtract = (state & (GDK_ALT_MASK | GDK_CONTROL_MASK)) != 0;
  else if (near_first_corner (self, x, y))
    {
      close_lasso (self);
      return;
    }
  add_corner (self, x, y);
  lasso->dragging = TRUE;
}

void
_kling_canvas_lasso_motion (KlingCanvas *self,
                            double       x,
                            double       y)
{
  KlingCanvasLasso *lasso = self->lasso;
  KlingPoint *last;

  lasso->pointer = (KlingPoint) { x, y };
  if (!lasso->dragging || lasso->corners->len == 0)
    return;
  last = &g_array_index (lasso->corners, KlingPoint, lasso->corners->len - 1);
  if (hypot (last->x - x, last->y - y) * self->zoom >= LASSO_STEP)
    add_corner (self, x, y);
}

void
_kling_canvas_lasso_release (KlingCanvas *self)
{
  self->lasso->dragging = FALSE;
}

void
_kling_canvas_lasso_cancel (KlingCanvas *self)
{
  cancel (self);
}

void
_kling_canvas_lasso_snapshot (KlingCanvas *self,
                              cairo_t     *cr)
{
  GArray *corners = self->lasso->corners;
  KlingPoint *first;
  double fx, fy;

  if (corners->len == 0)
    return;
  cairo_new_path (cr);
  for (guint i = 0; i < corners->len; i++)
    _kling_canvas_select_line_to (self, cr, &g_array_index (corners, KlingPoint, i));
  if (self->pointer_inside)
    cairo_line_to (cr, self->pointer_x, self->pointer_y);
  _kling_canvas_select_outline (cr);

  /* The first corner, where a click closes the lasso. */
  first = &g_array_index (corners, KlingPoint, 0);
  kling_canvas_image_to_widget (self, first->x, first->y, &fx, &fy);
  cairo_arc (cr, fx, fy, near_first_corner (self, self->lasso->pointer.x, self->lasso->pointer.y) ? 6 : 4,
             0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  cairo_stroke (cr);
}

static void
pointer_moved (GtkEventControllerMotion *controller,
               double                    x,
               double                    y,
               KlingCanvas              *self)
{
  if (self->tool == KLING_TOOL_LASSO && self->lasso->corners->len > 0)
    {
      kling_canvas_widget_to_image (self, x, y, &self->lasso->pointer.x, &self->lasso->pointer.y);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             KlingCanvas           *self)
{
  GArray *corners = self->lasso->corners;

  if (self->tool != KLING_TOOL_LASSO || corners->len == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      close_lasso (self);
      return TRUE;
    case GDK_KEY_Escape:
      cancel (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      g_array_set_size (corners, corners->len - 1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
}

void
_kling_canvas_lasso_init (KlingCanvas *self)
{
  GtkEventController *controller;

  self->lasso = g_new0 (KlingCanvasLasso, 1);
  self->lasso->corners = g_array_new (FALSE, FALSE, sizeof (KlingPoint));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_kling_canvas_lasso_free (KlingCanvas *self)
{
  if (self->lasso == NULL)
    return;
  g_array_unref (self->lasso->corners);
  g_clear_pointer (&self->lasso, g_free);
}
