/* kling-poller.h — following every unfinished task until its video is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-client.h"
#include "kling-task-store.h"

G_BEGIN_DECLS

#define KLING_TYPE_POLLER (kling_poller_get_type ())
G_DECLARE_FINAL_TYPE (KlingPoller, kling_poller, KLING, POLLER, GObject)

KlingPoller *kling_poller_new                 (KlingTaskStore  *store,
                                               KlingClient     *client);

/* Polling interval: starts at @first_ms, grows ×1.5 up to @max_ms.
 * Defaults: 2000 and 15000. */
void         kling_poller_set_intervals       (KlingPoller     *self,
                                               guint            first_ms,
                                               guint            max_ms);
/* Waiting for a free slot (1302/1303): starts at @first_ms, doubles up to
 * @max_ms. Defaults: 2000 and 60000. */
void         kling_poller_set_queue_intervals (KlingPoller     *self,
                                               guint            first_ms,
                                               guint            max_ms);
/* How long to keep waiting for a task before marking it failed.
 * Default: two hours. */
void         kling_poller_set_give_up_after   (KlingPoller     *self,
                                               guint            seconds);
/* The monitor whose word is final on whether the network is up (tests).
 * By default the system's monitor, ignored for a loopback API base. */
void         kling_poller_set_network_monitor (KlingPoller     *self,
                                               GNetworkMonitor *monitor);

void         kling_poller_start               (KlingPoller     *self);
void         kling_poller_stop                (KlingPoller     *self);
void         kling_poller_submit              (KlingPoller     *self,
                                               KlingTask       *task);
void         kling_poller_send_again          (KlingPoller     *self,
                                               KlingTask       *task);
void         kling_poller_check_now           (KlingPoller     *self,
                                               KlingTask       *task);
gboolean     kling_poller_is_following        (KlingPoller     *self,
                                               KlingTask       *task);
/* Withdrawing a task that still waits in fal's queue (kling-poller-cancel.c). */
gboolean     kling_poller_can_cancel          (KlingPoller     *self,
                                               KlingTask       *task);
void         kling_poller_cancel_async        (KlingPoller         *self,
                                               KlingTask           *task,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     kling_poller_cancel_finish       (KlingPoller         *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
