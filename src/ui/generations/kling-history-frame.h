/* kling-history-frame.h — a frame of a generation's video, as its thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task-store.h"

G_BEGIN_DECLS

#define KLING_TYPE_HISTORY_FRAMES (kling_history_frames_get_type ())
G_DECLARE_FINAL_TYPE (KlingHistoryFrames, kling_history_frames, KLING, HISTORY_FRAMES, GObject)

KlingHistoryFrames *kling_history_frames_new (KlingTaskStore *store);

gboolean kling_history_frame_wanted        (KlingTask            *task);
void     kling_history_frame_extract_async (KlingTask            *task,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean kling_history_frame_extract_finish (GAsyncResult        *result,
                                            GError              **error);

void        kling_history_texture_load_async  (gpointer              source,
                                               const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkTexture *kling_history_texture_load_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
