/* kling-video-paintable.c — a video file played by GStreamer, as a GtkMediaStream
 *
 * A playbin decodes into an appsink, and the paintable draws the newest
 * frame it was given. GtkMediaStream holds what a player shows and sets
 * (playing, timestamp, duration, loop, volume, mute, error); this file holds
 * the object, its GdkPaintable side and its statistics; the concerns live in
 * kling-video-paintable-frames.c (the appsink, and how its frames reach the
 * screen) and kling-video-paintable-playback.c (GtkMediaStream's play,
 * pause, seek and audio, the state of the pipeline and its bus).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>

#include "kling-video-paintable-private.h"

/* playbin's GstPlayFlags, which no public header declares. */
#define PLAY_FLAG_VIDEO        (1 << 0)
#define PLAY_FLAG_AUDIO        (1 << 1)
#define PLAY_FLAG_SOFT_VOLUME  (1 << 4)
#define PLAY_FLAG_NATIVE_VIDEO (1 << 6)

static void kling_video_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlingVideoPaintable, kling_video_paintable, GTK_TYPE_MEDIA_STREAM,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      kling_video_paintable_paintable_init))

static GParamSpec *properties[N_PROPS];

/* For the other files, which do not see the pspecs. */
void
kling_video_paintable_notify (KlingVideoPaintable *self,
                              guint                prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* — GdkPaintable — */

static void
kling_video_paintable_snapshot (GdkPaintable *paintable,
                                GdkSnapshot  *snapshot,
                                double        width,
                                double        height)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    kling_video_paintable_draw_frame (self, snapshot, width, height);
}

static GdkPaintable *
kling_video_paintable_get_current_image (GdkPaintable *paintable)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    return GDK_PAINTABLE (g_object_ref (self->texture));
  return gdk_paintable_new_empty (self->width, self->height);
}

static int
kling_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return KLING_VIDEO_PAINTABLE (paintable)->width;
}

static int
kling_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return KLING_VIDEO_PAINTABLE (paintable)->height;
}

static double
kling_video_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  return self->height > 0 ? (double) self->width / self->height : 0.0;
}

static void
kling_video_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = kling_video_paintable_snapshot;
  iface->get_current_image = kling_video_paintable_get_current_image;
  iface->get_intrinsic_width = kling_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = kling_video_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = kling_video_paintable_get_intrinsic_aspect_ratio;
}

/* — GObject — */

static void
kling_video_paintable_init (KlingVideoPaintable *self)
{
  GError *error = NULL;

  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_d = 1;
  self->queued_seek = -1;
  self->duration = -1;

  if (!gst_init_check (NULL, NULL, &error))
    {
      gtk_media_stream_gerror (GTK_MEDIA_STREAM (self), error);
      return;
    }
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      gtk_media_stream_error (GTK_MEDIA_STREAM (self), GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                              _("GStreamer’s “playbin” is not installed"));
      return;
    }
  gst_object_ref_sink (self->playbin);
  g_object_set (self->playbin,
                "video-sink", kling_video_paintable_make_video_sink (self),
                "flags", PLAY_FLAG_VIDEO | PLAY_FLAG_AUDIO | PLAY_FLAG_SOFT_VOLUME | PLAY_FLAG_NATIVE_VIDEO,
                NULL);
  self->bus = gst_element_get_bus (self->playbin);
  gst_bus_add_watch (self->bus, kling_video_paintable_bus_message_cb, self);
}

static void
kling_video_paintable_dispose (GObject *object)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  g_clear_handle_id (&self->position_id, g_source_remove);
  if (self->bus != NULL)
    {
      gst_bus_remove_watch (self->bus);
      g_clear_pointer (&self->bus, gst_object_unref);
    }
  /* Joins the streaming threads: no frame can be stored after this. */
  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_clear_pointer (&self->playbin, gst_object_unref);
      self->appsink = NULL;
    }
  self->loaded = FALSE;
  kling_video_paintable_forget_frames (self);
  kling_video_paintable_drop_frame (self);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (kling_video_paintable_parent_class)->dispose (object);
}

static void
kling_video_paintable_finalize (GObject *object)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  g_free (self->uri);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kling_video_paintable_parent_class)->finalize (object);
}

static void
kling_video_paintable_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_video_paintable_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_URI: kling_video_paintable_set_uri (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_video_paintable_class_init (KlingVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kling_video_paintable_dispose;
  object_class->finalize = kling_video_paintable_finalize;
  object_class->get_property = kling_video_paintable_get_property;
  object_class->set_property = kling_video_paintable_set_property;

  kling_video_paintable_class_init_playback (GTK_MEDIA_STREAM_CLASS (klass));

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* — public API — */

KlingVideoPaintable *
kling_video_paintable_new (void)
{
  return g_object_new (KLING_TYPE_VIDEO_PAINTABLE, NULL);
}

/* Returns: (nullable) (transfer none): the frame on screen */
GdkTexture *
kling_video_paintable_get_texture (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->texture;
}

/* Returns: the stream time of the frame on screen, in µs, or -1 */
gint64
kling_video_paintable_get_frame_timestamp (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->frame_timestamp < 0 ? -1 : self->frame_timestamp / GST_USECOND;
}

/* Returns: frames per second, or 0 when not known */
double
kling_video_paintable_get_framerate (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0.0);
  return self->fps_n > 0 ? (double) self->fps_n / self->fps_d : 0.0;
}

/* Returns: how many different frames were put on screen since the URI was set */
guint64
kling_video_paintable_get_frames_shown (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0);
  return self->frames_shown;
}

/**
 * kling_video_paintable_get_frames_dropped:
 *
 * Returns: frames decoded but never shown since the URI was set: late
 *   ones the sink threw away, and ones replaced by a newer frame before the
 *   main loop could show them
 */
guint64
kling_video_paintable_get_frames_dropped (KlingVideoPaintable *self)
{
  g_autoptr(GstStructure) stats = NULL;
  guint64 late = 0, replaced;

  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0);

  if (self->appsink != NULL)
    {
      g_object_get (self->appsink, "stats", &stats, NULL);
      if (stats != NULL)
        gst_structure_get_uint64 (stats, "dropped", &late);
    }
  g_mutex_lock (&self->lock);
  replaced = self->frames_replaced;
  g_mutex_unlock (&self->lock);
  return late + replaced;
}

/**
 * kling_video_paintable_is_settled:
 *
 * Returns: whether no state change, seek, frame step or frame is under way:
 *   until something is asked of it (or, playing, until the next frame), the
 *   frame on screen and the timestamp stay as they are
 */
gboolean
kling_video_paintable_is_settled (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return !self->busy && !self->stepping && self->queued_seek < 0 &&
         !gtk_media_stream_is_seeking (GTK_MEDIA_STREAM (self)) &&
         !kling_video_paintable_has_pending (self);
}

/**
 * kling_video_paintable_follow_renderer:
 * @widget: the widget that shows the paintable, realized
 *
 * Draws the frames the way @widget's renderer draws fastest: as textures
 * with GL, as cairo surfaces with cairo. Call it when @widget is realized.
 */
void
kling_video_paintable_follow_renderer (KlingVideoPaintable *self,
                                       GtkWidget           *widget)
{
  GtkNative *native;
  GskRenderer *renderer;

  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  self->draws_with_cairo = renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

void
kling_video_paintable_play (KlingVideoPaintable *self)
{
  gtk_media_stream_play (GTK_MEDIA_STREAM (self));
}

gboolean
kling_video_paintable_is_playing (KlingVideoPaintable *self)
{
  return gtk_media_stream_get_playing (GTK_MEDIA_STREAM (self));
}

void
kling_video_paintable_set_loop (KlingVideoPaintable *self,
                                gboolean             loop)
{
  gtk_media_stream_set_loop (GTK_MEDIA_STREAM (self), loop);
}
