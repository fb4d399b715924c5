/* kling-motion-preview.c — the paths' motion, played over the canvas
 *
 * A layer the size of the canvas, above it and transparent to the pointer
 * (drawing is in kling-motion-preview-draw.c). It always draws a tick every half second along each path (where the
 * region will be when, as Kling is asked: kling_trajectory_sample_in_time()
 * read back by kling_motion_position_at()). While active it also covers the
 * picture with the frame of the clip at the current time, rendered by the
 * core's KlingMotionScene at the size the picture is shown (never larger
 * than the image), so each frame costs what the screen shows, not what the
 * image holds. The scene follows the document region by region: a brush
 * stroke refreshes that region's mask, a path edit only its points. The
 * slow part of a mask change (the hole fill, the scaled copies) is made in
 * a worker thread on a copy, and the frames keep the previous fill until it
 * is ready, so painting and playing never wait for it; a path edit shows
 * at the next frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-motion-preview-private.h"

G_DEFINE_FINAL_TYPE (KlingMotionPreview, kling_motion_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CANVAS,
  PROP_ACTIVE,
  PROP_PLAYING,
  PROP_FRAME,
  PROP_N_FRAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* — time — */

double
_kling_motion_preview_clip_seconds (KlingMotionPreview *self)
{
  const char *duration;
  double seconds;

  if (self->document == NULL)
    return 5;
  duration = kling_request_get_duration (kling_document_get_request (self->document));
  seconds = duration != NULL ? g_ascii_strtod (duration, NULL) : 0;
  return seconds > 0 && seconds <= 60 ? seconds : 5;
}

guint
kling_motion_preview_get_n_frames (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), 0);

  return MAX (2, (guint) round (_kling_motion_preview_clip_seconds (self) * KLING_MOTION_PREVIEW_FPS));
}

guint
kling_motion_preview_get_frame (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), 0);

  return MIN ((guint) floor (self->position * KLING_MOTION_PREVIEW_FPS + 1e-6),
              kling_motion_preview_get_n_frames (self) - 1);
}

/**
 * kling_motion_preview_get_shown_frame:
 *
 * Returns: the frame on screen (drawn in the last snapshot), or -1
 */
int
kling_motion_preview_get_shown_frame (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), -1);

  return self->shown_frame;
}

static void
set_position (KlingMotionPreview *self,
              double              position)
{
  guint before = kling_motion_preview_get_frame (self);

  self->position = position;
  if (kling_motion_preview_get_frame (self) != before)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
      if (self->active)
        gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
kling_motion_preview_set_frame (KlingMotionPreview *self,
                                guint               frame)
{
  g_return_if_fail (KLING_IS_MOTION_PREVIEW (self));

  frame = MIN (frame, kling_motion_preview_get_n_frames (self) - 1);
  set_position (self, (double) frame / KLING_MOTION_PREVIEW_FPS);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double loop = (double) kling_motion_preview_get_n_frames (self) / KLING_MOTION_PREVIEW_FPS;

  if (self->last_frame_time != 0)
    set_position (self, fmod (self->position + (now - self->last_frame_time) / 1e6, loop));
  self->last_frame_time = now;
  return G_SOURCE_CONTINUE;
}

/* Ticking only while it shows: a hidden or paused preview costs nothing. */
static void
update_ticking (KlingMotionPreview *self)
{
  gboolean tick = self->active && self->playing && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (tick && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!tick && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

void
kling_motion_preview_set_playing (KlingMotionPreview *self,
                                  gboolean            playing)
{
  g_return_if_fail (KLING_IS_MOTION_PREVIEW (self));

  playing = !!playing;
  if (self->playing == playing)
    return;
  self->playing = playing;
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
kling_motion_preview_get_playing (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), FALSE);

  return self->playing;
}

/**
 * kling_motion_preview_set_active:
 *
 * Shows the motion over the picture, or the picture alone again. Turning
 * it on plays from the start.
 */
void
kling_motion_preview_set_active (KlingMotionPreview *self,
                                 gboolean            active)
{
  g_return_if_fail (KLING_IS_MOTION_PREVIEW (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  if (active)
    {
      set_position (self, 0);
      kling_motion_preview_set_playing (self, TRUE);
    }
  else
    self->shown_frame = -1;
  update_ticking (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
kling_motion_preview_get_active (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), FALSE);

  return self->active;
}

/* — export — */

double
kling_motion_preview_get_duration (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), 0);

  return _kling_motion_preview_clip_seconds (self);
}

gboolean
kling_motion_preview_has_motion (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), FALSE);

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL)
    return FALSE;
  _kling_motion_preview_refresh_scene (self);
  return kling_motion_scene_has_motion (self->scene);
}

/**
 * kling_motion_preview_dup_scene:
 *
 * What the preview shows, as it is now, for an export that goes on in a
 * thread while the artist edits.
 *
 * Returns: (transfer full) (nullable): a copy of the scene, or %NULL with
 *   no picture
 */
KlingMotionScene *
kling_motion_preview_dup_scene (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), NULL);

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL)
    return NULL;
  _kling_motion_preview_refresh_scene (self);
  return kling_motion_scene_copy (self->scene);
}

/* — following the document — */

static void
mark_dirty (KlingMotionPreview *self,
            guint               regions)
{
  self->dirty_regions |= regions;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
image_changed_cb (KlingMotionPreview *self)
{
  g_clear_pointer (&self->scene, kling_motion_scene_free);
  _kling_motion_preview_drop_shown (self);
  mark_dirty (self, ALL_REGIONS);
}

static void
mask_changed_cb (KlingMotionPreview *self,
                 int                 region)
{
  if (region >= 0 && region < KLING_N_REGIONS)
    mark_dirty (self, 1u << region);
}

static void
trajectory_changed_cb (KlingMotionPreview *self,
                       int                 region)
{
  if (region > 0 && region < KLING_N_REGIONS)
    mark_dirty (self, 1u << region);
}

/* Undo, a loaded draft, the duration: anything may have changed. */
static void
document_changed_cb (KlingMotionPreview *self)
{
  guint n_frames = kling_motion_preview_get_n_frames (self);

  mark_dirty (self, ALL_REGIONS);
  if (kling_motion_preview_get_frame (self) >= n_frames - 1)
    set_position (self, MIN (self->position, (double) (n_frames - 1) / KLING_MOTION_PREVIEW_FPS));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
}

static void
set_document (KlingMotionPreview *self,
              KlingDocument      *document)
{
  if (!kling_document_follow (&self->document, document, self))
    return;
  image_changed_cb (self);
  if (document == NULL)
    return;
  g_signal_connect_swapped (document, "image-changed", G_CALLBACK (image_changed_cb), self);
  g_signal_connect_swapped (document, "mask-changed", G_CALLBACK (mask_changed_cb), self);
  g_signal_connect_swapped (document, "trajectory-changed", G_CALLBACK (trajectory_changed_cb), self);
  g_signal_connect_swapped (document, "region-changed", G_CALLBACK (trajectory_changed_cb), self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  document_changed_cb (self);
}

static void
canvas_document_changed_cb (KlingMotionPreview *self)
{
  set_document (self, self->canvas != NULL ? kling_canvas_get_document (self->canvas) : NULL);
}

void
kling_motion_preview_set_canvas (KlingMotionPreview *self,
                                 KlingCanvas        *canvas)
{
  g_return_if_fail (KLING_IS_MOTION_PREVIEW (self));

  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    {
      /* the view moved: the ticks and the frame follow it */
      g_signal_connect_swapped (canvas, "notify::zoom", G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (canvas, "notify::document", G_CALLBACK (canvas_document_changed_cb), self);
    }
  canvas_document_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

KlingCanvas *
kling_motion_preview_get_canvas (KlingMotionPreview *self)
{
  g_return_val_if_fail (KLING_IS_MOTION_PREVIEW (self), NULL);

  return self->canvas;
}

/* — the object — */

static void
kling_motion_preview_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kling_motion_preview_parent_class)->map (widget);
  update_ticking (KLING_MOTION_PREVIEW (widget));
}

static void
kling_motion_preview_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kling_motion_preview_parent_class)->unmap (widget);
  update_ticking (KLING_MOTION_PREVIEW (widget));
}

static void
kling_motion_preview_dispose (GObject *object)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (object);

  kling_motion_preview_set_canvas (self, NULL);
  _kling_motion_preview_drop_shown (self);
  g_clear_pointer (&self->scene, kling_motion_scene_free);
  G_OBJECT_CLASS (kling_motion_preview_parent_class)->dispose (object);
}

static void
kling_motion_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_CANVAS: g_value_set_object (value, self->canvas); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_FRAME: g_value_set_uint (value, kling_motion_preview_get_frame (self)); break;
    case PROP_N_FRAMES: g_value_set_uint (value, kling_motion_preview_get_n_frames (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_motion_preview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_CANVAS: kling_motion_preview_set_canvas (self, g_value_get_object (value)); break;
    case PROP_ACTIVE: kling_motion_preview_set_active (self, g_value_get_boolean (value)); break;
    case PROP_PLAYING: kling_motion_preview_set_playing (self, g_value_get_boolean (value)); break;
    case PROP_FRAME: kling_motion_preview_set_frame (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_motion_preview_class_init (KlingMotionPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kling_motion_preview_dispose;
  object_class->get_property = kling_motion_preview_get_property;
  object_class->set_property = kling_motion_preview_set_property;
  widget_class->snapshot = _kling_motion_preview_snapshot;
  widget_class->map = kling_motion_preview_map;
  widget_class->unmap = kling_motion_preview_unmap;

  properties[PROP_CANVAS] = g_param_spec_object ("canvas", NULL, NULL, KLING_TYPE_CANVAS, rw);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, rw);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_FRAME] = g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 2, G_MAXUINT, 150,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kling_motion_preview_init (KlingMotionPreview *self)
{
  self->shown_frame = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}
