/* kling-motion-gif-private.h — the animated GIF writer of the export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-motion-private.h"

G_BEGIN_DECLS

typedef struct _KlingMotionGif KlingMotionGif;

KlingMotionGif *_kling_motion_gif_new       (GOutputStream   *stream,
                                             int              width,
                                             int              height,
                                             guint            fps);
gboolean        _kling_motion_gif_add_frame (KlingMotionGif  *self,
                                             const guint8    *rgba,
                                             int              stride,
                                             GCancellable    *cancellable,
                                             GError         **error);
gboolean        _kling_motion_gif_finish    (KlingMotionGif  *self,
                                             GCancellable    *cancellable,
                                             GError         **error);
void            _kling_motion_gif_free      (KlingMotionGif  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingMotionGif, _kling_motion_gif_free)

G_END_DECLS
