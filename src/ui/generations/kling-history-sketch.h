/* kling-history-sketch.h — what a generation sent, drawn small
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task.h"

G_BEGIN_DECLS

void        kling_history_sketch_async  (KlingTask            *task,
                                         int                   width,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GdkTexture *kling_history_sketch_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
