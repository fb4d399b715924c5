/* bench-plain-canvas.c — the reference canvas of bench-canvas
 *
 * A plain GTK 4 widget, as a minimal image viewer would be written: one
 * texture, the photo scaled once to fit the window, drawn at the view's zoom
 * and offset; Ctrl+scroll zooms, scroll and a middle drag pan, a left drag
 * paints round dabs, and a circle follows the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bench-plain-canvas.h"

struct _BenchPlain
{
  GtkWidget   parent_instance;
  GdkTexture *copy;         /* the photo scaled to fit the window */
  int         photo_w, photo_h;
  double      zoom, offset_x, offset_y;
  gboolean    placed;
  double      pointer_x, pointer_y;
  double      drag_x, drag_y, start_x, start_y;
  GArray     *dabs;         /* graphene_point_t, photo pixels */
};

G_DEFINE_FINAL_TYPE (BenchPlain, bench_plain, GTK_TYPE_WIDGET)

static void
bench_plain_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BenchPlain *self = BENCH_PLAIN (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, w, h);
  cairo_t *cr;

  if (!self->placed)
    {
      self->zoom = MIN ((w - 48) / self->photo_w, (h - 48) / self->photo_h);
      self->offset_x = (w - self->photo_w * self->zoom) / 2;
      self->offset_y = (h - self->photo_h * self->zoom) / 2;
      self->placed = TRUE;
    }
  gtk_snapshot_push_clip (snapshot, &bounds);
  gtk_snapshot_append_texture (snapshot, self->copy,
                               &GRAPHENE_RECT_INIT (self->offset_x, self->offset_y,
                                                    self->photo_w * self->zoom, self->photo_h * self->zoom));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_source_rgba (cr, 0.9, 0.2, 0.2, 0.5);
  for (guint i = 0; i < self->dabs->len; i++)
    {
      graphene_point_t *p = &g_array_index (self->dabs, graphene_point_t, i);
      cairo_new_sub_path (cr);
      cairo_arc (cr, p->x * self->zoom + self->offset_x, p->y * self->zoom + self->offset_y,
                 20 * self->zoom, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_arc (cr, self->pointer_x, self->pointer_y, 20 * self->zoom, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static gboolean
plain_scroll (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              BenchPlain               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      double ratio = pow (1.2, -dy);
      self->zoom *= ratio;
      self->offset_x = self->pointer_x - (self->pointer_x - self->offset_x) * ratio;
      self->offset_y = self->pointer_y - (self->pointer_y - self->offset_y) * ratio;
    }
  else
    {
      self->offset_x -= dx * 48;
      self->offset_y -= dy * 48;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
plain_motion (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              BenchPlain               *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
plain_drag_begin (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  BenchPlain     *self)
{
  self->drag_x = x;
  self->drag_y = y;
  self->start_x = self->offset_x;
  self->start_y = self->offset_y;
}

static void
plain_drag_update (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   BenchPlain     *self)
{
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_MIDDLE)
    {
      self->offset_x = self->start_x + dx;
      self->offset_y = self->start_y + dy;
    }
  else
    {
      graphene_point_t p = GRAPHENE_POINT_INIT ((self->drag_x + dx - self->offset_x) / self->zoom,
                                                (self->drag_y + dy - self->offset_y) / self->zoom);
      g_array_append_val (self->dabs, p);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bench_plain_finalize (GObject *object)
{
  BenchPlain *self = BENCH_PLAIN (object);

  g_clear_object (&self->copy);
  g_array_unref (self->dabs);
  G_OBJECT_CLASS (bench_plain_parent_class)->finalize (object);
}

static void
bench_plain_class_init (BenchPlainClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_plain_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = bench_plain_snapshot;
}

static void
add_drag (BenchPlain *self,
          guint       button)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), button);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (plain_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (plain_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

static void
bench_plain_init (BenchPlain *self)
{
  GtkEventController *controller;

  self->dabs = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (plain_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (plain_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  add_drag (self, GDK_BUTTON_PRIMARY);
  add_drag (self, GDK_BUTTON_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
bench_plain_new (GdkPixbuf *photo)
{
  BenchPlain *self = g_object_new (BENCH_TYPE_PLAIN, NULL);
  g_autoptr(GdkPixbuf) copy = NULL;
  double scale;

  self->photo_w = gdk_pixbuf_get_width (photo);
  self->photo_h = gdk_pixbuf_get_height (photo);
  scale = MIN (1280.0 / self->photo_w, 800.0 / self->photo_h);
  copy = gdk_pixbuf_scale_simple (photo, (int) (self->photo_w * scale), (int) (self->photo_h * scale),
                                  GDK_INTERP_BILINEAR);
  self->copy = gdk_texture_new_for_pixbuf (copy);
  return GTK_WIDGET (self);
}
