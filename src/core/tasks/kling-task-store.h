/* kling-task-store.h — every task on disk, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-client.h"
#include "kling-task.h"

G_BEGIN_DECLS

#define KLING_TYPE_TASK_STORE (kling_task_store_get_type ())
G_DECLARE_FINAL_TYPE (KlingTaskStore, kling_task_store, KLING, TASK_STORE, GObject)

KlingTaskStore *kling_task_store_new          (const char      *dir);
const char     *kling_task_store_default_dir  (void);
const char     *kling_task_store_get_dir      (KlingTaskStore  *self);

gboolean        kling_task_store_load         (KlingTaskStore  *self,
                                               GError         **error);
KlingTask      *kling_task_store_create       (KlingTaskStore  *self,
                                               GBytes          *body,
                                               const char      *base_url,
                                               KlingAuthMode    auth_mode,
                                               GError         **error);
void            kling_task_store_create_async (KlingTaskStore      *self,
                                               GBytes              *body,
                                               const char          *base_url,
                                               KlingAuthMode        auth_mode,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
KlingTask      *kling_task_store_create_full  (KlingTaskStore  *self,
                                               GBytes          *body,
                                               KlingRequest    *request,
                                               const char      *base_url,
                                               KlingAuthMode    auth_mode,
                                               GError         **error);
void            kling_task_store_create_full_async (KlingTaskStore      *self,
                                               GBytes              *body,
                                               KlingRequest        *request,
                                               const char          *base_url,
                                               KlingAuthMode        auth_mode,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
KlingTask      *kling_task_store_create_finish (KlingTaskStore  *self,
                                               GAsyncResult    *result,
                                               GError         **error);
gboolean        kling_task_store_save         (KlingTaskStore  *self,
                                               KlingTask       *task,
                                               GError         **error);
gboolean        kling_task_store_delete       (KlingTaskStore  *self,
                                               KlingTask       *task,
                                               GError         **error);
KlingTask      *kling_task_store_find         (KlingTaskStore  *self,
                                               const char      *id);
gboolean        kling_task_store_contains     (KlingTaskStore  *self,
                                               KlingTask       *task);

/* Task folders whose task.json could not be read at the last load: they
 * are left on disk untouched, and listed here, so that the app and the CLI
 * can say so once each ("n-damaged" notifies when the list changes). */
guint           kling_task_store_get_n_damaged      (KlingTaskStore *self);
const char     *kling_task_store_get_damaged_folder (KlingTaskStore *self,
                                                     guint           index);
const char     *kling_task_store_get_damaged_reason (KlingTaskStore *self,
                                                     guint           index);

G_END_DECLS
