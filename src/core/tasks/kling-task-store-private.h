/* kling-task-store-private.h — the task store's disk work, for its part file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-task-store.h"

G_BEGIN_DECLS

/* kling-task-store-write.c: safe to call from any thread. */
gboolean   kling_task_store_write_file    (const char     *path,
                                           const void     *data,
                                           gsize           length,
                                           GError        **error);
gboolean   kling_task_store_remove_folder (const char     *folder,
                                           GError        **error);
KlingTask *kling_task_store_write_task    (const char     *dir,
                                           GBytes         *body,
                                           GPtrArray      *paths,
                                           gint64          time_ms,
                                           const char     *base_url,
                                           KlingAuthMode   auth_mode,
                                           GCancellable   *cancellable,
                                           GError        **error);

G_END_DECLS
