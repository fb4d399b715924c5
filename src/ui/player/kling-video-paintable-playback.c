/* kling-video-paintable-playback.c — what is played: state, position and seeks
 *
 * Loading a URI, play and pause, the position and duration a seek bar
 * shows, seeks and frame steps. The playbin's bus messages come on the main
 * context, through a bus watch: they end prerolls and seeks, loop or stop
 * at the end, and report errors.
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

void
kling_video_paintable_set_position (KlingVideoPaintable *self,
                                    gint64               position)
{
  if (self->position == position)
    return;
  self->position = position;
  kling_video_paintable_notify (self, PROP_POSITION);
}

static void
update_duration (KlingVideoPaintable *self)
{
  gint64 duration = -1;

  if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration))
    duration = -1;
  if (duration == self->duration)
    return;
  self->duration = duration;
  kling_video_paintable_notify (self, PROP_DURATION);
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
set_playing (KlingVideoPaintable *self,
             gboolean             playing)
{
  if (playing && self->position_id == 0)
    self->position_id = g_timeout_add (POSITION_INTERVAL_MS, position_tick, self);
  else if (!playing)
    g_clear_handle_id (&self->position_id, g_source_remove);

  if (self->playing == playing)
    return;
  self->playing = playing;
  kling_video_paintable_notify (self, PROP_PLAYING);
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

static void
start_seek (KlingVideoPaintable *self,
            gint64               position)
{
  GstSeekFlags flags = GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE;

  if (gst_element_seek_simple (self->playbin, GST_FORMAT_TIME, flags, position))
    self->busy = TRUE;
}

static void
on_async_done (KlingVideoPaintable *self)
{
  gint64 queued = self->queued_seek;

  self->busy = FALSE;
  update_duration (self);
  if (queued >= 0)
    {
      self->queued_seek = -1;
      start_seek (self, queued);
      return;
    }
  if (self->playing)
    query_position (self);
  else if (self->shown_at >= 0)
    kling_video_paintable_set_position (self, self->shown_at);
}

static void
on_eos (KlingVideoPaintable *self)
{
  if (self->loop && self->playing)
    {
      start_seek (self, 0);
      return;
    }
  self->at_eos = TRUE;
  set_playing (self, FALSE);
  if (self->duration > 0)
    kling_video_paintable_set_position (self, self->duration);
  change_state (self, GST_STATE_PAUSED);
}

static void
on_error (KlingVideoPaintable *self,
          GstMessage          *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &error, &debug);
  g_debug ("Playing %s failed: %s (%s)", self->uri, error->message, debug ? debug : "");
  if (self->error != NULL)
    return;

  gst_element_set_state (self->playbin, GST_STATE_NULL);
  self->busy = FALSE;
  self->queued_seek = -1;
  self->error = g_steal_pointer (&error);
  set_playing (self, FALSE);
  kling_video_paintable_notify (self, PROP_ERROR);
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
    case GST_MESSAGE_DURATION_CHANGED:
      update_duration (self);
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* — what is played — */

static void
reset (KlingVideoPaintable *self)
{
  gst_element_set_state (self->playbin, GST_STATE_NULL);
  kling_video_paintable_forget_frames (self);
  set_playing (self, FALSE);
  self->busy = FALSE;
  self->at_eos = FALSE;
  self->queued_seek = -1;
  self->frames_shown = 0;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_n = 0;
  self->fps_d = 1;
  self->frame_duration = 0;
  g_clear_object (&self->texture);
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  if (self->width != 0 || self->height != 0)
    {
      self->width = self->height = 0;
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
    }
  kling_video_paintable_set_position (self, 0);
  if (self->duration != -1)
    {
      self->duration = -1;
      kling_video_paintable_notify (self, PROP_DURATION);
    }
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      kling_video_paintable_notify (self, PROP_ERROR);
    }
}

/**
 * kling_video_paintable_set_uri:
 * @uri: (nullable): what to play
 *
 * Loads @uri paused on its first frame; %NULL empties the paintable.
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

void
kling_video_paintable_play (KlingVideoPaintable *self)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL || self->playing)
    return;
  /* Play after the end starts again. */
  if (self->at_eos)
    kling_video_paintable_seek (self, 0);
  set_playing (self, TRUE);
  change_state (self, GST_STATE_PLAYING);
}

void
kling_video_paintable_pause (KlingVideoPaintable *self)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL || !self->playing)
    return;
  query_position (self);
  set_playing (self, FALSE);
  change_state (self, GST_STATE_PAUSED);
}

gboolean
kling_video_paintable_is_playing (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->playing;
}

gint64
kling_video_paintable_get_position (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->position;
}

gint64
kling_video_paintable_get_duration (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->duration;
}

/**
 * kling_video_paintable_seek:
 * @position: where to go, in nanoseconds
 *
 * Shows the frame on screen at @position (an accurate seek), playing on
 * from there if playing.
 */
void
kling_video_paintable_seek (KlingVideoPaintable *self,
                            gint64               position)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL)
    return;
  position = MAX (position, 0);
  if (self->duration > 0)
    position = MIN (position, self->duration);
  self->at_eos = FALSE;
  kling_video_paintable_set_position (self, position);
  if (self->busy)
    self->queued_seek = position;
  else
    start_seek (self, position);
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

  if (self->uri == NULL || self->error != NULL)
    return;
  kling_video_paintable_pause (self);
  if (self->busy || self->queued_seek >= 0)
    return;

  if (forward)
    {
      gst_element_send_event (self->appsink, gst_event_new_step (GST_FORMAT_BUFFERS, 1, 1.0, TRUE, FALSE));
      return;
    }
  start = self->frame_timestamp;
  if (start <= 0)
    return;
  /* Half a frame back lands inside the previous frame whatever the
   * container's rounding of timestamps. */
  duration = self->frame_duration > 0 ? self->frame_duration : GST_SECOND / 30;
  kling_video_paintable_seek (self, MAX (start - duration / 2, 0));
}
