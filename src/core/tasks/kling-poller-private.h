/* kling-poller-private.h — shared by kling-poller.c and kling-poller-follow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-poller.h"

G_BEGIN_DECLS

struct _KlingPoller
{
  GObject          parent_instance;

  KlingTaskStore  *store;
  KlingClient     *client;
  GNetworkMonitor *monitor;
  gboolean         monitor_is_final;
  gboolean         api_is_loopback;
  gulong           network_changed_id;
  gulong           items_changed_id;

  GHashTable      *follows;   /* KlingTask* → KlingFollow* */

  guint            first_ms;
  guint            max_ms;
  guint            queue_first_ms;
  guint            queue_max_ms;
  guint            give_up_s;
};

/* One followed task. Reference-counted: the poller holds one reference,
 * every request in flight another, so a late answer after the poller let go
 * finds `poller == NULL` and does nothing. */
typedef struct {
  KlingPoller  *poller;
  KlingTask    *task;
  GCancellable *cancellable;
  guint         timeout_id;
  guint         interval_ms;
  guint         queue_delay_ms;
  gint64        since_us;
  gboolean      busy;
  gboolean      waiting_for_network;
  int           lock_fd;      /* the task's download lock while this process holds it, or -1 */
} KlingFollow;

KlingFollow *kling_follow_new      (KlingPoller *poller,
                                    KlingTask   *task);
KlingFollow *kling_follow_ref      (KlingFollow *follow);
void         kling_follow_unref    (KlingFollow *follow);
void         kling_follow_detach   (KlingFollow *follow);
void         kling_follow_schedule (KlingFollow *follow,
                                    guint        delay_ms);
void         kling_follow_step     (KlingFollow *follow);

gboolean     kling_poller_network_is_usable  (KlingPoller *self);
gboolean     kling_poller_is_for_this_client (KlingPoller *self,
                                              KlingTask   *task);
void         kling_poller_emit_task_changed  (KlingPoller *self,
                                              KlingTask   *task);
void         kling_poller_emit_task_finished (KlingPoller *self,
                                              KlingTask   *task);

G_END_DECLS
