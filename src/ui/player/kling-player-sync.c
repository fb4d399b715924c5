/* kling-player-sync.c — a second video that follows the first
 *
 * Two generations compared side by side play as one: the leader is the
 * player's own video, driven by its controls; the follower plays and pauses
 * with it, and is put on the leader's frame whenever the leader stands still
 * (a seek, a frame step, a pause) or, while playing, drifts off by more than
 * the positions' own jitter. The follower is silent: one sound at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-player-private.h"

/* Playing positions are queried every 100 ms by each video on its own:
 * closer than this they are taken as together. */
#define PLAYING_SLACK_US (250 * 1000)

struct _KlingPlayerSync
{
  GtkMediaStream *leader;
  GtkMediaStream *follower;
};

static gint64
frame_us (KlingPlayerSync *self)
{
  double fps = kling_video_paintable_get_framerate (KLING_VIDEO_PAINTABLE (self->leader));

  return fps > 0 ? (gint64) (G_USEC_PER_SEC / fps) : 40000;
}

static void
align (KlingPlayerSync *self,
       gint64           slack_us)
{
  gint64 at = gtk_media_stream_get_timestamp (self->leader);

  if (!gtk_media_stream_is_prepared (self->follower) || gtk_media_stream_get_error (self->follower) != NULL)
    return;
  if (ABS (gtk_media_stream_get_timestamp (self->follower) - at) > slack_us)
    gtk_media_stream_seek (self->follower, at);
}

/* Standing still, the follower shows the leader's frame: it seeks into the
 * middle of it, whatever either container's rounding of its start. */
static void
align_frame (KlingPlayerSync *self)
{
  gint64 frame = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (self->leader));

  if (frame < 0 || gtk_media_stream_is_seeking (self->leader) || !gtk_media_stream_is_prepared (self->follower) ||
      gtk_media_stream_get_error (self->follower) != NULL ||
      frame == kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (self->follower)))
    return;
  gtk_media_stream_seek (self->follower, frame + frame_us (self) / 2);
}

static void
leader_timestamp_cb (KlingPlayerSync *self)
{
  if (gtk_media_stream_get_playing (self->leader))
    align (self, MAX (PLAYING_SLACK_US, 3 * frame_us (self)));
}

/* A new frame of the leader's: a seek, a step, or playing on. */
static void
leader_frame_cb (KlingPlayerSync *self)
{
  if (!gtk_media_stream_get_playing (self->leader))
    align_frame (self);
}

static void
leader_playing_cb (KlingPlayerSync *self)
{
  gboolean playing = gtk_media_stream_get_playing (self->leader);

  gtk_media_stream_set_playing (self->follower, playing);
  /* Paused a moment apart: the follower goes to the leader's frame. */
  if (!playing)
    align_frame (self);
}

static void
leader_loop_cb (KlingPlayerSync *self)
{
  gtk_media_stream_set_loop (self->follower, gtk_media_stream_get_loop (self->leader));
}

/* The follower's video came (later than the leader's): on the same frame. */
static void
follower_prepared_cb (KlingPlayerSync *self)
{
  if (!gtk_media_stream_is_prepared (self->follower))
    return;
  align_frame (self);
  gtk_media_stream_set_playing (self->follower, gtk_media_stream_get_playing (self->leader));
}

KlingPlayerSync *
_kling_player_sync_new (GtkMediaStream *leader,
                        GtkMediaStream *follower)
{
  KlingPlayerSync *self = g_new0 (KlingPlayerSync, 1);

  self->leader = g_object_ref (leader);
  self->follower = g_object_ref (follower);
  gtk_media_stream_set_muted (follower, TRUE);
  gtk_media_stream_set_loop (follower, gtk_media_stream_get_loop (leader));
  g_signal_connect_swapped (leader, "notify::timestamp", G_CALLBACK (leader_timestamp_cb), self);
  g_signal_connect_swapped (leader, "notify::playing", G_CALLBACK (leader_playing_cb), self);
  g_signal_connect_swapped (leader, "notify::loop", G_CALLBACK (leader_loop_cb), self);
  g_signal_connect_swapped (leader, "invalidate-contents", G_CALLBACK (leader_frame_cb), self);
  g_signal_connect_swapped (leader, "notify::seeking", G_CALLBACK (leader_frame_cb), self);
  g_signal_connect_swapped (follower, "notify::prepared", G_CALLBACK (follower_prepared_cb), self);
  return self;
}

void
_kling_player_sync_free (KlingPlayerSync *self)
{
  g_signal_handlers_disconnect_by_data (self->leader, self);
  g_signal_handlers_disconnect_by_data (self->follower, self);
  gtk_media_stream_pause (self->follower);
  g_clear_object (&self->leader);
  g_clear_object (&self->follower);
  g_free (self);
}
