/* kling-poller.c — following every unfinished task until its video is saved
 *
 * Each followed task has at most one request in flight and, between
 * requests, one timeout on the main loop: no wake-ups between polls. Every
 * change is written to task.json before anything else happens, so that a
 * crash at any point resumes from what is on disk.
 *
 * A create that may have reached the server (state SENDING) is never sent
 * again blindly: its external_task_id is looked up first.
 *
 * This file holds the poller's life (start, stop, network, the store); the
 * steps of following one task are in kling-poller-follow.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-poller-private.h"

enum {
  TASK_CHANGED,
  TASK_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KlingPoller, kling_poller, G_TYPE_OBJECT)

gboolean
kling_poller_network_is_usable (KlingPoller *self)
{
  if (g_network_monitor_get_network_available (self->monitor))
    return TRUE;
  /* A local API (a proxy on this machine, the tests' fake) needs no network. */
  return !self->monitor_is_final && self->api_is_loopback;
}

static KlingFollow *
follow_task (KlingPoller *self,
             KlingTask   *task)
{
  KlingFollow *follow = g_hash_table_lookup (self->follows, task);

  if (follow == NULL)
    {
      follow = kling_follow_new (self, task);
      g_hash_table_insert (self->follows, task, follow);
    }
  return follow;
}

void
kling_poller_emit_task_changed (KlingPoller *self,
                                KlingTask   *task)
{
  g_signal_emit (self, signals[TASK_CHANGED], 0, task);
}

void
kling_poller_emit_task_finished (KlingPoller *self,
                                 KlingTask   *task)
{
  g_signal_emit (self, signals[TASK_FINISHED], 0, task);
}

/* Starting and stopping */

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  KlingPoller *self = user_data;
  GHashTableIter iter;
  KlingFollow *follow;

  if (!kling_poller_network_is_usable (self))
    return;
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &follow))
    {
      if (!follow->waiting_for_network)
        continue;
      follow->waiting_for_network = FALSE;
      kling_follow_schedule (follow, 0);
    }
}

/* A deleted task is not followed any more. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  KlingPoller *self = user_data;
  GHashTableIter iter;
  KlingTask *task;

  if (removed == 0)
    return;
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &task, NULL))
    {
      if (!kling_task_store_contains (self->store, task))
        g_hash_table_iter_remove (&iter);
    }
}

static char *
normalize_base_url (const char *base_url)
{
  g_autoptr(GUri) uri = base_url != NULL ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;

  if (uri == NULL)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "", -1);
  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  return g_strdup_printf ("%s://%s:%d%s", g_uri_get_scheme (uri), host,
                          g_uri_get_port (uri), path);
}

/* Tasks sent to another provider are left alone: their ids mean nothing
 * to this client. */
gboolean
kling_poller_is_for_this_client (KlingPoller *self,
                    KlingTask   *task)
{
  g_autofree char *ours = normalize_base_url (kling_client_get_base_url (self->client));
  g_autofree char *theirs = normalize_base_url (kling_task_get_base_url (task));

  return theirs == NULL || g_strcmp0 (ours, theirs) == 0;
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
kling_poller_dispose (GObject *object)
{
  KlingPoller *self = KLING_POLLER (object);

  kling_poller_stop (self);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_signal_handler (&self->items_changed_id, self->store);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kling_poller_parent_class)->dispose (object);
}

static void
kling_poller_finalize (GObject *object)
{
  KlingPoller *self = KLING_POLLER (object);

  g_hash_table_unref (self->follows);

  G_OBJECT_CLASS (kling_poller_parent_class)->finalize (object);
}

static void
kling_poller_class_init (KlingPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kling_poller_dispose;
  object_class->finalize = kling_poller_finalize;

  /**
   * KlingPoller::task-changed:
   * @task: the task, already saved
   */
  signals[TASK_CHANGED] =
    g_signal_new ("task-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KLING_TYPE_TASK);

  /**
   * KlingPoller::task-finished:
   * @task: the task
   *
   * Nothing more will happen to @task: it failed (see its error message),
   * or it succeeded and #KlingTask:video-path is its video, or (rarely) it
   * succeeded but the video could not be downloaded (video-path is %NULL,
   * error-message says why).
   */
  signals[TASK_FINISHED] =
    g_signal_new ("task-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KLING_TYPE_TASK);
}

static void
kling_poller_init (KlingPoller *self)
{
  self->follows = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) kling_follow_detach);
  self->first_ms = 2000;
  self->max_ms = 15000;
  self->queue_first_ms = 2000;
  self->queue_max_ms = 60000;
  self->give_up_s = 2 * 3600;
}

/**
 * kling_poller_new:
 * @store: the tasks to follow, and where their changes are saved
 * @client: how to reach the API
 */
KlingPoller *
kling_poller_new (KlingTaskStore *store,
                  KlingClient    *client)
{
  KlingPoller *self;

  g_return_val_if_fail (KLING_IS_TASK_STORE (store), NULL);
  g_return_val_if_fail (KLING_IS_CLIENT (client), NULL);

  self = g_object_new (KLING_TYPE_POLLER, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->api_is_loopback = is_loopback_url (kling_client_get_base_url (client));
  self->items_changed_id = g_signal_connect (store, "items-changed",
                                             G_CALLBACK (on_items_changed), self);
  kling_poller_set_network_monitor (self, NULL);
  self->monitor_is_final = FALSE;
  return self;
}

void
kling_poller_set_intervals (KlingPoller *self,
                            guint        first_ms,
                            guint        max_ms)
{
  g_return_if_fail (KLING_IS_POLLER (self));

  self->first_ms = MAX (first_ms, 1);
  self->max_ms = MAX (max_ms, self->first_ms);
}

void
kling_poller_set_queue_intervals (KlingPoller *self,
                                  guint        first_ms,
                                  guint        max_ms)
{
  g_return_if_fail (KLING_IS_POLLER (self));

  self->queue_first_ms = MAX (first_ms, 1);
  self->queue_max_ms = MAX (max_ms, self->queue_first_ms);
}

void
kling_poller_set_give_up_after (KlingPoller *self,
                                guint        seconds)
{
  g_return_if_fail (KLING_IS_POLLER (self));
  self->give_up_s = seconds;
}

/**
 * kling_poller_set_network_monitor:
 * @monitor: (nullable): a monitor, or %NULL for the system's
 *
 * While @monitor says the network is unavailable, no request is sent;
 * waiting tasks resume when it comes back.
 */
void
kling_poller_set_network_monitor (KlingPoller     *self,
                                  GNetworkMonitor *monitor)
{
  g_return_if_fail (KLING_IS_POLLER (self));

  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
  self->monitor_is_final = monitor != NULL;
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (on_network_changed), self);
}

static gboolean
wants_following (KlingPoller *self,
                 KlingTask   *task)
{
  return !kling_task_is_finished (task) && kling_poller_is_for_this_client (self, task);
}

/**
 * kling_poller_start:
 *
 * Follows every unfinished task of the store: sends those never sent, looks
 * up those that may have been sent, polls the others, downloads the videos
 * of those that succeeded.
 */
void
kling_poller_start (KlingPoller *self)
{
  guint i, n;

  g_return_if_fail (KLING_IS_POLLER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!wants_following (self, task) || g_hash_table_contains (self->follows, task))
        continue;
      /* A queued task waited for a slot: give the slot time to free up. */
      kling_follow_schedule (follow_task (self, task),
                kling_task_get_state (task) == KLING_TASK_STATE_QUEUED ? self->queue_first_ms : 0);
    }
}

/**
 * kling_poller_stop:
 *
 * Lets go of every task; requests in flight are cancelled. What is on disk
 * lets a later kling_poller_start() carry on.
 */
void
kling_poller_stop (KlingPoller *self)
{
  g_return_if_fail (KLING_IS_POLLER (self));
  g_hash_table_remove_all (self->follows);
}

/**
 * kling_poller_submit:
 * @task: a task of the store, usually just created (PENDING)
 *
 * Sends @task now and follows it until it is finished.
 */
void
kling_poller_submit (KlingPoller *self,
                     KlingTask   *task)
{
  g_return_if_fail (KLING_IS_POLLER (self));
  g_return_if_fail (KLING_IS_TASK (task));

  kling_poller_check_now (self, task);
}

/**
 * kling_poller_check_now:
 *
 * Takes the next step for @task now instead of at its next poll (the user
 * asked), unless a request for it is already in flight. A task we gave up
 * waiting for (kling_task_gave_up_waiting()) is followed again: the server
 * may not have given up.
 */
void
kling_poller_check_now (KlingPoller *self,
                        KlingTask   *task)
{
  KlingFollow *follow;

  g_return_if_fail (KLING_IS_POLLER (self));
  g_return_if_fail (KLING_IS_TASK (task));

  if (kling_task_gave_up_waiting (task) && kling_poller_is_for_this_client (self, task))
    {
      g_autoptr(GError) error = NULL;

      kling_task_set_error (task, NULL);
      kling_task_set_state (task, KLING_TASK_STATE_SUBMITTED);
      if (!kling_task_store_save (self->store, task, &error))
        g_warning ("Cannot save task %s: %s", kling_task_get_local_id (task), error->message);
    }
  if (!g_hash_table_contains (self->follows, task) && !wants_following (self, task))
    return;
  follow = follow_task (self, task);
  follow->interval_ms = self->first_ms;
  if (!follow->busy)
    kling_follow_schedule (follow, 0);
}

/**
 * kling_poller_send_again:
 *
 * Sends a task whose create may already have reached the server
 * (%KLING_TASK_STATE_UNCONFIRMED) once more, because the user said so: it may
 * be charged twice. The same external id goes out, so a server that keeps
 * external ids unique refuses the copy instead of making a second task.
 */
void
kling_poller_send_again (KlingPoller *self,
                         KlingTask   *task)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KLING_IS_POLLER (self));
  g_return_if_fail (KLING_IS_TASK (task));

  if (kling_task_get_state (task) != KLING_TASK_STATE_UNCONFIRMED || !kling_poller_is_for_this_client (self, task))
    return;
  kling_task_set_error (task, NULL);
  kling_task_set_status_message (task, NULL);
  kling_task_set_state (task, KLING_TASK_STATE_PENDING);
  if (!kling_task_store_save (self->store, task, &error))
    g_warning ("Cannot save task %s: %s", kling_task_get_local_id (task), error->message);
  kling_follow_schedule (follow_task (self, task), 0);
}

gboolean
kling_poller_is_following (KlingPoller *self,
                           KlingTask   *task)
{
  g_return_val_if_fail (KLING_IS_POLLER (self), FALSE);
  return g_hash_table_contains (self->follows, task);
}
