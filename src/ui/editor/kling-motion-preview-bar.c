/* kling-motion-preview-bar.c — play, pause and scrub the motion preview
 *
 * A small on-screen bar over the bottom of the canvas, shown while the
 * preview is: play/pause, a slider over the clip's frames and the time to
 * the frame ("0:02.14 / 0:05.00 · frame 75 of 150").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-frame-time.h"
#include "kling-motion-preview-bar.h"

struct _KlingMotionPreviewBar
{
  GtkWidget           parent_instance;

  KlingMotionPreview *preview;
  GtkWidget          *play_button;
  GtkWidget          *scale;
  GtkWidget          *time_label;
};

G_DEFINE_FINAL_TYPE (KlingMotionPreviewBar, kling_motion_preview_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_time (KlingMotionPreviewBar *self)
{
  guint frame = kling_motion_preview_get_frame (self->preview);
  guint n_frames = kling_motion_preview_get_n_frames (self->preview);
  g_autofree char *text = kling_frame_time_format_position (frame, n_frames, KLING_MOTION_PREVIEW_FPS);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->scale));

  gtk_adjustment_configure (adjustment, frame, 0, n_frames - 1, 1, KLING_MOTION_PREVIEW_FPS, 0);
  gtk_label_set_text (GTK_LABEL (self->time_label), text);
}

static void
update_playing (KlingMotionPreviewBar *self)
{
  gboolean playing = kling_motion_preview_get_playing (self->preview);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, playing ? _("Pause") : _("Play"));
}

static void
update_active (KlingMotionPreviewBar *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), kling_motion_preview_get_active (self->preview));
}

static void
play_clicked_cb (KlingMotionPreviewBar *self)
{
  kling_motion_preview_set_playing (self->preview, !kling_motion_preview_get_playing (self->preview));
}

/* Only a person moves the slider this way: the preview follows it. */
static gboolean
change_value_cb (KlingMotionPreviewBar *self,
                 GtkScrollType          scroll,
                 double                 value)
{
  kling_motion_preview_set_frame (self->preview, (guint) CLAMP (value + 0.5, 0, G_MAXUINT));
  return FALSE;
}

void
kling_motion_preview_bar_set_preview (KlingMotionPreviewBar *self,
                                      KlingMotionPreview    *preview)
{
  g_return_if_fail (KLING_IS_MOTION_PREVIEW_BAR (self));

  if (self->preview == preview)
    return;
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_set_object (&self->preview, preview);
  if (preview != NULL)
    {
      g_signal_connect_swapped (preview, "notify::frame", G_CALLBACK (update_time), self);
      g_signal_connect_swapped (preview, "notify::n-frames", G_CALLBACK (update_time), self);
      g_signal_connect_swapped (preview, "notify::playing", G_CALLBACK (update_playing), self);
      g_signal_connect_swapped (preview, "notify::active", G_CALLBACK (update_active), self);
      update_time (self);
      update_playing (self);
      update_active (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}

static void
kling_motion_preview_bar_dispose (GObject *object)
{
  KlingMotionPreviewBar *self = KLING_MOTION_PREVIEW_BAR (object);
  GtkWidget *child;

  kling_motion_preview_bar_set_preview (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kling_motion_preview_bar_parent_class)->dispose (object);
}

static void
kling_motion_preview_bar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KlingMotionPreviewBar *self = KLING_MOTION_PREVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_PREVIEW: g_value_set_object (value, self->preview); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_motion_preview_bar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KlingMotionPreviewBar *self = KLING_MOTION_PREVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_PREVIEW: kling_motion_preview_bar_set_preview (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_motion_preview_bar_class_init (KlingMotionPreviewBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_motion_preview_bar_dispose;
  object_class->get_property = kling_motion_preview_bar_get_property;
  object_class->set_property = kling_motion_preview_bar_set_property;

  properties[PROP_PREVIEW] =
    g_param_spec_object ("preview", NULL, NULL, KLING_TYPE_MOTION_PREVIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "toolbar");
}

static void
kling_motion_preview_bar_init (KlingMotionPreviewBar *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 6);
  gtk_widget_add_css_class (widget, "osd");
  gtk_widget_set_visible (widget, FALSE);

  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_add_css_class (self->play_button, "flat");
  gtk_widget_set_parent (self->play_button, widget);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (play_clicked_cb), self);

  self->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 149, 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_size_request (self->scale, 280, -1);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_widget_set_parent (self->scale, widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview time"), -1);
  g_signal_connect_swapped (self->scale, "change-value", G_CALLBACK (change_value_cb), self);

  self->time_label = gtk_label_new ("0:00.00");
  gtk_label_set_width_chars (GTK_LABEL (self->time_label), 32);
  gtk_label_set_xalign (GTK_LABEL (self->time_label), 0);
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_widget_set_parent (self->time_label, widget);
}
