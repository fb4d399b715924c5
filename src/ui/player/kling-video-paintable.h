/* kling-video-paintable.h — a video file played by GStreamer, as a GtkMediaStream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KLING_TYPE_VIDEO_PAINTABLE (kling_video_paintable_get_type ())
G_DECLARE_FINAL_TYPE (KlingVideoPaintable, kling_video_paintable, KLING, VIDEO_PAINTABLE, GtkMediaStream)

/* Playing, pausing, seeking, the timestamp and duration, loop, volume,
 * mute and errors are GtkMediaStream's: use gtk_media_stream_*(). Times
 * are in microseconds, as GtkMediaStream counts them. */

KlingVideoPaintable *kling_video_paintable_new            (void);

void          kling_video_paintable_set_uri               (KlingVideoPaintable *self,
                                                           const char          *uri);
void          kling_video_paintable_set_file              (KlingVideoPaintable *self,
                                                           GFile               *file);
const char   *kling_video_paintable_get_uri               (KlingVideoPaintable *self);

void          kling_video_paintable_step_frame            (KlingVideoPaintable *self,
                                                           gboolean             forward);
gboolean      kling_video_paintable_is_settled            (KlingVideoPaintable *self);
void          kling_video_paintable_follow_renderer       (KlingVideoPaintable *self,
                                                           GtkWidget           *widget);

/* What is on screen, for the player's overlay, tests and benchmarks. */
GdkTexture   *kling_video_paintable_get_texture           (KlingVideoPaintable *self);
gint64        kling_video_paintable_get_frame_timestamp   (KlingVideoPaintable *self);
double        kling_video_paintable_get_framerate         (KlingVideoPaintable *self);
guint64       kling_video_paintable_get_frames_shown      (KlingVideoPaintable *self);
guint64       kling_video_paintable_get_frames_dropped    (KlingVideoPaintable *self);

/* Kept for callers outside the player, which may move to the
 * gtk_media_stream_*() they call. */
void          kling_video_paintable_play                  (KlingVideoPaintable *self);
gboolean      kling_video_paintable_is_playing            (KlingVideoPaintable *self);
void          kling_video_paintable_set_loop              (KlingVideoPaintable *self,
                                                           gboolean             loop);

G_END_DECLS
