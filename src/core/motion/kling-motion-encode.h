/* kling-motion-encode.h — a scene as a clip: H.264 MP4 or animated GIF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-motion-render.h"

G_BEGIN_DECLS

/* Kling's clips are 24 or 30 fps (kling-api.md §5); which one a model
 * delivers is not documented, so 30. */
#define KLING_MOTION_DEFAULT_FPS 30

typedef enum {
  KLING_MOTION_FORMAT_MP4,   /* H.264 in MP4, through GStreamer */
  KLING_MOTION_FORMAT_GIF,   /* animated GIF89a, looping, 256 colours */
} KlingMotionFormat;

/**
 * KlingMotionProgressFunc:
 * @fraction: of the frames written, 0 to 1
 *
 * Called as frames are written: in the calling thread for
 * kling_motion_encode(), in the thread-default main context of the caller
 * of kling_motion_encode_async() for that one.
 */
typedef void (*KlingMotionProgressFunc) (double   fraction,
                                         gpointer user_data);

const char *kling_motion_find_h264_encoder (void);
guint       kling_motion_count_frames      (double                   duration,
                                            guint                    fps);

gboolean    kling_motion_encode            (KlingMotionScene        *scene,
                                            KlingMotionFormat        format,
                                            GFile                   *file,
                                            int                      width,
                                            int                      height,
                                            guint                    fps,
                                            double                   duration,
                                            GCancellable            *cancellable,
                                            KlingMotionProgressFunc  progress,
                                            gpointer                 progress_data,
                                            GError                 **error);
void        kling_motion_encode_async      (const KlingMotionScene  *scene,
                                            KlingMotionFormat        format,
                                            GFile                   *file,
                                            int                      width,
                                            int                      height,
                                            guint                    fps,
                                            double                   duration,
                                            GCancellable            *cancellable,
                                            KlingMotionProgressFunc  progress,
                                            gpointer                 progress_data,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
gboolean    kling_motion_encode_finish     (GAsyncResult            *result,
                                            GError                 **error);

G_END_DECLS
