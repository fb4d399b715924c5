/* kling-video-paintable.c — a video file played by GStreamer, as a GdkPaintable
 *
 * A playbin decodes into an appsink, and the paintable draws the newest
 * frame it was given. This file holds the object, its GdkPaintable side and
 * its settings and statistics; the concerns live in
 * kling-video-paintable-frames.c (the appsink, and how its frames reach the
 * screen) and kling-video-paintable-playback.c (what is played: state,
 * position, seeks and the bus).
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

G_DEFINE_FINAL_TYPE_WITH_CODE (KlingVideoPaintable, kling_video_paintable, G_TYPE_OBJECT,
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
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
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
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_d = 1;
  self->queued_seek = -1;
  self->position = 0;
  self->duration = -1;
  self->volume = 1.0;

  if (!gst_init_check (NULL, NULL, &self->error))
    return;
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      self->error = g_error_new_literal (GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
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
  kling_video_paintable_forget_frames (self);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (kling_video_paintable_parent_class)->dispose (object);
}

static void
kling_video_paintable_finalize (GObject *object)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  g_clear_error (&self->error);
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
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_POSITION: g_value_set_int64 (value, self->position); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_LOOP: g_value_set_boolean (value, self->loop); break;
    case PROP_VOLUME: g_value_set_double (value, self->volume); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
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
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        kling_video_paintable_play (self);
      else
        kling_video_paintable_pause (self);
      break;
    case PROP_LOOP: kling_video_paintable_set_loop (self, g_value_get_boolean (value)); break;
    case PROP_VOLUME: kling_video_paintable_set_volume (self, g_value_get_double (value)); break;
    case PROP_MUTED: kling_video_paintable_set_muted (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_video_paintable_class_init (KlingVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kling_video_paintable_dispose;
  object_class->finalize = kling_video_paintable_finalize;
  object_class->get_property = kling_video_paintable_get_property;
  object_class->set_property = kling_video_paintable_set_property;

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, rw);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, -1, G_MAXINT64, 0, ro);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  properties[PROP_VOLUME] = g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0, rw);
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE, rw);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* — public API — */

KlingVideoPaintable *
kling_video_paintable_new (void)
{
  return g_object_new (KLING_TYPE_VIDEO_PAINTABLE, NULL);
}

void
kling_video_paintable_set_loop (KlingVideoPaintable *self,
                                gboolean             loop)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

gboolean
kling_video_paintable_get_loop (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->loop;
}

/**
 * kling_video_paintable_set_volume:
 * @volume: 0 to 1, as the ear hears it (a volume slider's scale)
 */
void
kling_video_paintable_set_volume (KlingVideoPaintable *self,
                                  double               volume)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (self->volume == volume)
    return;
  self->volume = volume;
  /* playbin's volume is linear amplitude; loudness follows its cube root. */
  if (self->playbin != NULL)
    g_object_set (self->playbin, "volume", volume * volume * volume, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
kling_video_paintable_get_volume (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0.0);
  return self->volume;
}

void
kling_video_paintable_set_muted (KlingVideoPaintable *self,
                                 gboolean             muted)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  muted = !!muted;
  if (self->muted == muted)
    return;
  self->muted = muted;
  if (self->playbin != NULL)
    g_object_set (self->playbin, "mute", muted, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

gboolean
kling_video_paintable_get_muted (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->muted;
}

/* Returns: (nullable): why the video cannot be played */
const GError *
kling_video_paintable_get_error (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->error;
}

/* Returns: (nullable) (transfer none): the frame on screen */
GdkTexture *
kling_video_paintable_get_texture (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->texture;
}

/* Returns: the stream time of the frame on screen, in ns, or -1 */
gint64
kling_video_paintable_get_frame_timestamp (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->frame_timestamp;
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
