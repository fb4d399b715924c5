/* kling-video-paintable-playback.c — what is played: GtkMediaStream's side
 *
 * Loading a URI, and GtkMediaStream's play, pause, seek and audio: the state
 * of the pipeline, the timestamp, seeks and frame steps. The playbin's bus
 * messages come on the main context, through a bus watch: the first
 * ASYNC_DONE after a URI is set prepares the stream (its duration known),
 * later ones end seeks; EOS loops or ends the stream; an error puts the
 * stream in its error state until the next URI.
 *
 * Seeks are flushing; while one is under way (until ASYNC_DONE) a newer seek
 * waits, and only the last one waiting is made, so dragging a seek bar does
 * not pile up work in the pipeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/gst.h>

#include "kling-video-paintable-private.h"

/* How often the position is read again while playing. */
#define POSITION_INTERVAL_MS 100

/* — position and state — */

/* @position in nanoseconds; GtkMediaStream counts microseconds. */
void
kling_video_paintable_set_position (KlingVideoPaintable *self,
                                    gint64               position)
{
  gtk_media_stream_update (GTK_MEDIA_STREAM (self), position / GST_USECOND);
}

static void
query_position (KlingVideoPaintable *self)
{
  gint64 position;

  if (self->busy || self->queued_seek >= 0)
    return;
  if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position))
    kling_video_paintable_set_position (self, position);
}

static gboolean
position_tick (gpointer user_data)
{
  query_position (user_data);
  return G_SOURCE_CONTINUE;
}

static void
follow_position (KlingVideoPaintable *self,
                 gboolean             playing)
{
  if (playing && self->position_id == 0)
    self->position_id = g_timeout_add (POSITION_INTERVAL_MS, position_tick, self);
  else if (!playing)
    g_clear_handle_id (&self->position_id, g_source_remove);
}

static void
change_state (KlingVideoPaintable *self,
              GstState             state)
{
  GstStateChangeReturn ret = gst_element_set_state (self->playbin, state);

  /* Going to PAUSED waits for a frame; ASYNC_DONE says when it came. A
   * failure is posted on the bus as an error too, and shown from there. */
  if (ret == GST_STATE_CHANGE_ASYNC && state == GST_STATE_PAUSED)
    self->busy = TRUE;
}

static gboolean
start_seek (KlingVideoPaintable *self,
            gint64               position)
{
  GstSeekFlags flags = GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE;

  if (!gst_element_seek_simple (self->playbin, GST_FORMAT_TIME, flags, position))
    return FALSE;
  /* The flush ends a frame step, which then reports nothing. */
  self->stepping = FALSE;
  self->step_back = FALSE;
  self->busy = TRUE;
  return TRUE;
}

static void
prepare (KlingVideoPaintable *self)
{
  gint64 duration = -1;
  int n_audio = 0;

  if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration))
    duration = -1;
  self->duration = duration;
  g_object_get (self->playbin, "n-audio", &n_audio, NULL);
  gtk_media_stream_stream_prepared (GTK_MEDIA_STREAM (self), n_audio > 0, TRUE, TRUE,
                                    duration > 0 ? duration / GST_USECOND : 0);
}

/* — the bus — */

static void
on_async_done (KlingVideoPaintable *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 queued = self->queued_seek;

  self->busy = FALSE;
  if (!self->loaded)
    return;
  if (!gtk_media_stream_is_prepared (stream))
    prepare (self);
  if (queued >= 0)
    {
      self->queued_seek = -1;
      if (start_seek (self, queued))
        return;
    }
  if (gtk_media_stream_is_seeking (stream))
    {
      if (queued >= 0)
        gtk_media_stream_seek_failed (stream);
      else
        gtk_media_stream_seek_success (stream);
    }
  if (gtk_media_stream_get_playing (stream))
    query_position (self);
  else
    kling_video_paintable_show_position (self);
}

static void
on_eos (KlingVideoPaintable *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  if (gtk_media_stream_get_loop (stream) && gtk_media_stream_get_playing (stream))
    {
      gtk_media_stream_seek (stream, 0);
      return;
    }
  /* Pauses, through our pause(), on the last frame. */
  if (!gtk_media_stream_get_ended (stream))
    gtk_media_stream_stream_ended (stream);
  if (self->duration > 0)
    kling_video_paintable_set_position (self, self->duration);
}

static void
on_error (KlingVideoPaintable *self,
          GstMessage          *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &error, &debug);
  g_debug ("Playing %s failed: %s (%s)", self->uri, error->message, debug ? debug : "");
  /* Only the first error of a URI is shown. */
  if (!self->loaded)
    return;

  self->loaded = FALSE;
  gst_element_set_state (self->playbin, GST_STATE_NULL);
  self->busy = FALSE;
  self->stepping = FALSE;
  self->step_back = FALSE;
  self->queued_seek = -1;
  follow_position (self, FALSE);
  gtk_media_stream_gerror (GTK_MEDIA_STREAM (self), g_steal_pointer (&error));
}

gboolean
kling_video_paintable_bus_message_cb (GstBus     *bus,
                                      GstMessage *message,
                                      gpointer    user_data)
{
  KlingVideoPaintable *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      on_error (self, message);
      break;
    case GST_MESSAGE_EOS:
      on_eos (self);
      break;
    case GST_MESSAGE_ASYNC_DONE:
      on_async_done (self);
      break;
    case GST_MESSAGE_STEP_DONE:
      self->stepping = FALSE;
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* — GtkMediaStream — */

static gboolean
kling_video_paintable_play_vfunc (GtkMediaStream *stream)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (stream);

  if (!self->loaded)
    return FALSE;
  /* Play after the end starts again. */
  if (gtk_media_stream_get_ended (stream))
    gtk_media_stream_seek (stream, 0);
  follow_position (self, TRUE);
  change_state (self, GST_STATE_PLAYING);
  return TRUE;
}

static void
kling_video_paintable_pause_vfunc (GtkMediaStream *stream)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (stream);

  follow_position (self, FALSE);
  if (!self->loaded)
    return;
  query_position (self);
  change_state (self, GST_STATE_PAUSED);
}

/* Shows the frame at @timestamp (an accurate seek), playing on from there if
 * playing. */
static void
kling_video_paintable_seek_vfunc (GtkMediaStream *stream,
                                  gint64          timestamp)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (stream);
  gint64 position = MAX (timestamp, 0) * GST_USECOND;

  if (!self->loaded)
    return;
  if (self->duration > 0)
    position = MIN (position, self->duration);
  kling_video_paintable_set_position (self, position);
  if (self->busy)
    self->queued_seek = position;
  else if (!start_seek (self, position))
    gtk_media_stream_seek_failed (stream);
}

static void
kling_video_paintable_update_audio (GtkMediaStream *stream,
                                    gboolean        muted,
                                    double          volume)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (stream);

  /* playbin's volume is linear amplitude; loudness follows its cube root,
   * and a volume slider's scale is loudness. */
  if (self->playbin != NULL)
    g_object_set (self->playbin, "volume", volume * volume * volume, "mute", muted, NULL);
}

void
kling_video_paintable_class_init_playback (GtkMediaStreamClass *stream_class)
{
  stream_class->play = kling_video_paintable_play_vfunc;
  stream_class->pause = kling_video_paintable_pause_vfunc;
  stream_class->seek = kling_video_paintable_seek_vfunc;
  stream_class->update_audio = kling_video_paintable_update_audio;
}

/* — what is played — */

/* GtkMediaStream keeps "ended" when unprepared; a seek that ends at once
 * clears it (our seek() does nothing while nothing is loaded). */
static void
forget_ended (GtkMediaStream *stream)
{
  if (!gtk_media_stream_get_ended (stream))
    return;
  gtk_media_stream_seek (stream, 0);
  if (gtk_media_stream_is_seeking (stream))
    gtk_media_stream_seek_success (stream);
}

static void
reset (KlingVideoPaintable *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  self->loaded = FALSE;
  forget_ended (stream);
  /* Pauses and forgets the timestamp, duration and error. */
  if (gtk_media_stream_is_prepared (stream))
    gtk_media_stream_stream_unprepared (stream);
  else
    gtk_media_stream_pause (stream);
  gst_element_set_state (self->playbin, GST_STATE_NULL);
  kling_video_paintable_forget_frames (self);
  self->busy = FALSE;
  self->stepping = FALSE;
  self->step_back = FALSE;
  self->queued_seek = -1;
  self->duration = -1;
  self->frames_shown = 0;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_n = 0;
  self->fps_d = 1;
  self->frame_duration = 0;
  kling_video_paintable_drop_frame (self);
  g_clear_object (&self->texture);
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  if (self->width != 0 || self->height != 0)
    {
      self->width = self->height = 0;
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
    }
}

/**
 * kling_video_paintable_set_uri:
 * @uri: (nullable): what to play
 *
 * Loads @uri paused on its first frame; %NULL empties the paintable. The
 * stream is prepared once the first frame is ready.
 */
void
kling_video_paintable_set_uri (KlingVideoPaintable *self,
                               const char          *uri)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->playbin == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  reset (self);
  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
      kling_video_paintable_notify (self, PROP_URI);
    }
  if (uri != NULL)
    {
      g_object_set (self->playbin, "uri", uri, NULL);
      self->loaded = TRUE;
      change_state (self, GST_STATE_PAUSED);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
kling_video_paintable_set_file (KlingVideoPaintable *self,
                                GFile               *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file != NULL)
    uri = g_file_get_uri (file);
  kling_video_paintable_set_uri (self, uri);
}

const char *
kling_video_paintable_get_uri (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->uri;
}

/**
 * kling_video_paintable_step_frame:
 * @forward: whether to show the next frame or the previous one
 *
 * Pauses, then moves one frame. Does nothing while a seek is under way.
 */
void
kling_video_paintable_step_frame (KlingVideoPaintable *self,
                                  gboolean             forward)
{
  gint64 duration, start;

  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (!self->loaded)
    return;
  gtk_media_stream_pause (GTK_MEDIA_STREAM (self));
  if (self->busy || self->queued_seek >= 0)
    return;

  if (forward)
    {
      if (gst_element_send_event (self->appsink, gst_event_new_step (GST_FORMAT_BUFFERS, 1, 1.0, TRUE, FALSE)))
        self->stepping = TRUE;
      return;
    }
  start = self->frame_timestamp;
  if (start <= 0)
    return;
  /* Half a frame back lands inside the previous frame whatever the
   * container's rounding of timestamps; the timestamp is then that frame's
   * start, as after a step forward, not where the seek landed in it. */
  duration = self->frame_duration > 0 ? self->frame_duration : GST_SECOND / 30;
  gtk_media_stream_seek (GTK_MEDIA_STREAM (self), MAX (start - duration / 2, 0) / GST_USECOND);
  self->step_back = gtk_media_stream_is_seeking (GTK_MEDIA_STREAM (self));
}
