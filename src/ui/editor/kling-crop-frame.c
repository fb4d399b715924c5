/* kling-crop-frame.c — the part of the picture a crop keeps, moved by hand
 *
 * A layer over the canvas, shown only while the artist chooses what a crop
 * keeps: the frame has the size the crop allows and darkens the rest of the
 * picture. A drag anywhere moves it, as do the arrow keys (Shift moves
 * further); Enter or the Crop button applies, Esc or Cancel leaves the
 * picture as it is. The frame only says where: the window crops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-crop-frame.h"

/* screen pixels an arrow key moves the frame; with Shift, the far step */
#define KEY_STEP 4.0
#define KEY_STEP_FAST 40.0
#define BAR_MARGIN 18

struct _KlingCropFrame
{
  GtkWidget      parent_instance;

  KlingCanvas   *canvas;
  KlingDocument *document;
  GtkWidget     *bar;
  KlingRect      area;        /* image pixels */
  int            drag_x, drag_y;
  gboolean       active;
};

G_DEFINE_FINAL_TYPE (KlingCropFrame, kling_crop_frame, GTK_TYPE_WIDGET)

enum {
  APPLY,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
kling_crop_frame_get_active (KlingCropFrame *self)
{
  g_return_val_if_fail (KLING_IS_CROP_FRAME (self), FALSE);
  return self->active;
}

void
kling_crop_frame_get_area (KlingCropFrame *self,
                           KlingRect      *area)
{
  g_return_if_fail (KLING_IS_CROP_FRAME (self));
  *area = self->area;
}

/* The frame stays on the picture. */
void
kling_crop_frame_move_to (KlingCropFrame *self,
                          int             x,
                          int             y)
{
  int width, height;

  g_return_if_fail (KLING_IS_CROP_FRAME (self));
  if (self->document == NULL)
    return;

  width = kling_document_get_width (self->document);
  height = kling_document_get_height (self->document);
  self->area.x = CLAMP (x, 0, MAX (width - self->area.width, 0));
  self->area.y = CLAMP (y, 0, MAX (height - self->area.height, 0));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stop (KlingCropFrame *self)
{
  self->active = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (self->canvas != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/**
 * kling_crop_frame_start:
 * @width: the crop's size, in image pixels
 *
 * Shows a frame of that size in the middle of the picture, with the focus,
 * for the artist to move.
 */
void
kling_crop_frame_start (KlingCropFrame *self,
                        int             width,
                        int             height)
{
  g_return_if_fail (KLING_IS_CROP_FRAME (self));
  if (self->document == NULL || kling_document_get_texture (self->document) == NULL)
    return;

  self->area.width = CLAMP (width, 1, kling_document_get_width (self->document));
  self->area.height = CLAMP (height, 1, kling_document_get_height (self->document));
  self->active = TRUE;
  kling_crop_frame_move_to (self, (kling_document_get_width (self->document) - self->area.width) / 2,
                            (kling_document_get_height (self->document) - self->area.height) / 2);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
kling_crop_frame_cancel (KlingCropFrame *self)
{
  g_return_if_fail (KLING_IS_CROP_FRAME (self));
  if (!self->active)
    return;
  stop (self);
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
apply (KlingCropFrame *self)
{
  if (!self->active)
    return;
  stop (self);
  g_signal_emit (self, signals[APPLY], 0);
}

/* — following the canvas — */

/* The picture changed under the frame (an undo): its place means nothing now. */
static void
image_changed_cb (KlingCropFrame *self)
{
  kling_crop_frame_cancel (self);
}

static void
canvas_document_changed_cb (KlingCropFrame *self)
{
  KlingDocument *document = self->canvas ? kling_canvas_get_document (self->canvas) : NULL;

  kling_crop_frame_cancel (self);
  if (kling_document_follow (&self->document, document, self) && document != NULL)
    g_signal_connect_object (document, "image-changed", G_CALLBACK (image_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

void
kling_crop_frame_set_canvas (KlingCropFrame *self,
                             KlingCanvas    *canvas)
{
  g_return_if_fail (KLING_IS_CROP_FRAME (self));

  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    {
      g_signal_connect_swapped (canvas, "notify::zoom", G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (canvas, "notify::document", G_CALLBACK (canvas_document_changed_cb), self);
    }
  canvas_document_changed_cb (self);
}

/* — input — */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               KlingCropFrame *self)
{
  self->drag_x = self->area.x;
  self->drag_y = self->area.y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                KlingCropFrame *self)
{
  double zoom = self->canvas ? kling_canvas_get_zoom (self->canvas) : 1;

  kling_crop_frame_move_to (self, self->drag_x + (int) round (dx / zoom),
                            self->drag_y + (int) round (dy / zoom));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KlingCropFrame        *self)
{
  double zoom = self->canvas ? kling_canvas_get_zoom (self->canvas) : 1;
  int step = (int) MAX (1, round (((state & GDK_SHIFT_MASK) ? KEY_STEP_FAST : KEY_STEP) / zoom));
  int dx = 0, dy = 0;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = step; break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      apply (self);
      return TRUE;
    case GDK_KEY_Escape:
      kling_crop_frame_cancel (self);
      return TRUE;
    default:
      return FALSE;
    }
  kling_crop_frame_move_to (self, self->area.x + dx, self->area.y + dy);
  return TRUE;
}

/* — drawing — */

static void
kling_crop_frame_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KlingCropFrame *self = KLING_CROP_FRAME (widget);
  const GdkRGBA shade = { 0, 0, 0, 0.6 }, light = { 1, 1, 1, 1 }, dark = { 0, 0, 0, 0.8 };
  double x0, y0, x1, y1, fx0, fy0, fx1, fy1;
  GskRoundedRect outline;

  if (self->active && self->canvas != NULL && self->document != NULL)
    {
      kling_canvas_image_to_widget (self->canvas, 0, 0, &x0, &y0);
      kling_canvas_image_to_widget (self->canvas, kling_document_get_width (self->document),
                                    kling_document_get_height (self->document), &x1, &y1);
      kling_canvas_image_to_widget (self->canvas, self->area.x, self->area.y, &fx0, &fy0);
      kling_canvas_image_to_widget (self->canvas, self->area.x + self->area.width,
                                    self->area.y + self->area.height, &fx1, &fy1);
      /* what the crop takes away, darkened */
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, fy0 - y0));
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x0, fy1, x1 - x0, y1 - fy1));
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x0, fy0, fx0 - x0, fy1 - fy0));
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (fx1, fy0, x1 - fx1, fy1 - fy0));
      /* a light line in a dark one reads on any picture */
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (fx0 - 3, fy0 - 3, fx1 - fx0 + 6, fy1 - fy0 + 6), 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { dark, dark, dark, dark });
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (fx0 - 2, fy0 - 2, fx1 - fx0 + 4, fy1 - fy0 + 4), 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { light, light, light, light });
    }
  gtk_widget_snapshot_child (widget, self->bar, snapshot);
}

static void
kling_crop_frame_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* over the canvas, never making it larger */
  *minimum = *natural = 0;
}

static void
kling_crop_frame_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KlingCropFrame *self = KLING_CROP_FRAME (widget);
  int bar_width, bar_height;

  gtk_widget_measure (self->bar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &bar_width, NULL, NULL);
  bar_width = MIN (bar_width, MAX (width - 2 * BAR_MARGIN, 0));
  gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, bar_width, NULL, &bar_height, NULL, NULL);
  gtk_widget_size_allocate (self->bar,
                            &(GtkAllocation) { (width - bar_width) / 2,
                                               MAX (height - bar_height - BAR_MARGIN, 0),
                                               bar_width, bar_height },
                            -1);
}

/* — the bar: what to do, and the two ways out — */

static GtkWidget *
make_bar (KlingCropFrame *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *hint = gtk_label_new (_("Drag the frame or use the arrow keys to choose what stays"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *crop = gtk_button_new_with_mnemonic (_("C_rop"));

  gtk_widget_add_css_class (bar, "osd");
  gtk_widget_add_css_class (bar, "toolbar");
  /* one line where there is room, wrapped where there is not */
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (hint), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_margin_start (hint, 6);
  gtk_widget_set_tooltip_text (cancel, _("Keep the whole picture (Esc)"));
  gtk_widget_set_tooltip_text (crop, _("Keep what is in the frame (Enter)"));
  gtk_widget_add_css_class (crop, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (kling_crop_frame_cancel), self);
  g_signal_connect_swapped (crop, "clicked", G_CALLBACK (apply), self);
  gtk_box_append (GTK_BOX (bar), hint);
  gtk_box_append (GTK_BOX (bar), cancel);
  gtk_box_append (GTK_BOX (bar), crop);
  return bar;
}

static void
kling_crop_frame_dispose (GObject *object)
{
  KlingCropFrame *self = KLING_CROP_FRAME (object);

  kling_crop_frame_set_canvas (self, NULL);
  kling_document_follow (&self->document, NULL, self);
  g_clear_pointer (&self->bar, gtk_widget_unparent);
  G_OBJECT_CLASS (kling_crop_frame_parent_class)->dispose (object);
}

static void
kling_crop_frame_class_init (KlingCropFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_crop_frame_dispose;
  widget_class->snapshot = kling_crop_frame_snapshot;
  widget_class->measure = kling_crop_frame_measure;
  widget_class->size_allocate = kling_crop_frame_size_allocate;

  /* The artist chose: kling_crop_frame_get_area() says where. */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kling_crop_frame_init (KlingCropFrame *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "move");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Crop frame"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->bar = make_bar (self);
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));
  gtk_widget_set_cursor_from_name (self->bar, "default");
}
