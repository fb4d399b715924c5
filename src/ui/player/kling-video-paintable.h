/* kling-video-paintable.h — a video file played by GStreamer, as a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KLING_TYPE_VIDEO_PAINTABLE (kling_video_paintable_get_type ())
G_DECLARE_FINAL_TYPE (KlingVideoPaintable, kling_video_paintable, KLING, VIDEO_PAINTABLE, GObject)

KlingVideoPaintable *kling_video_paintable_new            (void);

void          kling_video_paintable_set_uri               (KlingVideoPaintable *self,
                                                           const char          *uri);
void          kling_video_paintable_set_file              (KlingVideoPaintable *self,
                                                           GFile               *file);
const char   *kling_video_paintable_get_uri               (KlingVideoPaintable *self);

void          kling_video_paintable_play                  (KlingVideoPaintable *self);
void          kling_video_paintable_pause                 (KlingVideoPaintable *self);
gboolean      kling_video_paintable_is_playing            (KlingVideoPaintable *self);

/* Times are in nanoseconds; -1 when not known (yet). */
gint64        kling_video_paintable_get_position          (KlingVideoPaintable *self);
gint64        kling_video_paintable_get_duration          (KlingVideoPaintable *self);
void          kling_video_paintable_seek                  (KlingVideoPaintable *self,
                                                           gint64               position);
void          kling_video_paintable_step_frame            (KlingVideoPaintable *self,
                                                           gboolean             forward);

void          kling_video_paintable_set_loop              (KlingVideoPaintable *self,
                                                           gboolean             loop);
gboolean      kling_video_paintable_get_loop              (KlingVideoPaintable *self);
void          kling_video_paintable_set_volume            (KlingVideoPaintable *self,
                                                           double               volume);
double        kling_video_paintable_get_volume            (KlingVideoPaintable *self);
void          kling_video_paintable_set_muted             (KlingVideoPaintable *self,
                                                           gboolean             muted);
gboolean      kling_video_paintable_get_muted             (KlingVideoPaintable *self);

const GError *kling_video_paintable_get_error             (KlingVideoPaintable *self);

/* What is on screen, for the player's overlay, tests and benchmarks. */
GdkTexture   *kling_video_paintable_get_texture           (KlingVideoPaintable *self);
gint64        kling_video_paintable_get_frame_timestamp   (KlingVideoPaintable *self);
double        kling_video_paintable_get_framerate         (KlingVideoPaintable *self);
guint64       kling_video_paintable_get_frames_shown      (KlingVideoPaintable *self);
guint64       kling_video_paintable_get_frames_dropped    (KlingVideoPaintable *self);

G_END_DECLS
