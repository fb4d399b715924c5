/* kling-poller-follow.c — the steps of following one task
 *
 * Each step sends at most one request; its answer is saved to task.json,
 * then the next step is scheduled with a single timeout. PENDING and QUEUED
 * tasks are sent, SENDING and UNCONFIRMED ones looked up by external_task_id
 * first (the POST may have arrived), SUBMITTED and PROCESSING ones polled,
 * SUCCEEDED ones downloaded. A task whose create may have arrived is never
 * failed and never sent again by itself: when it cannot be looked up it
 * stays UNCONFIRMED until the next start, a check, or the user's word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/file.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kling-downloader.h"
#include "kling-error.h"
#include "kling-poller-private.h"

/* Following */

static void
release_lock (KlingFollow *follow)
{
  if (follow->lock_fd >= 0)
    g_close (follow->lock_fd, NULL);   /* closing lets go of the lock */
  follow->lock_fd = -1;
}

static void
follow_clear (KlingFollow *follow)
{
  release_lock (follow);
  g_clear_object (&follow->task);
  g_clear_object (&follow->cancellable);
}

KlingFollow *
kling_follow_ref (KlingFollow *follow)
{
  return g_rc_box_acquire (follow);
}

void
kling_follow_unref (KlingFollow *follow)
{
  g_rc_box_release_full (follow, (GDestroyNotify) follow_clear);
}

/* Lets go of a task: cancels its request, removes its timeout. */
void
kling_follow_detach (KlingFollow *follow)
{
  follow->poller = NULL;
  g_cancellable_cancel (follow->cancellable);
  g_clear_handle_id (&follow->timeout_id, g_source_remove);
  kling_follow_unref (follow);
}

KlingFollow *
kling_follow_new (KlingPoller *self,
                  KlingTask   *task)
{
  KlingFollow *follow = g_rc_box_new0 (KlingFollow);

  follow->poller = self;
  follow->task = g_object_ref (task);
  follow->cancellable = g_cancellable_new ();
  follow->interval_ms = self->first_ms;
  follow->queue_delay_ms = self->queue_first_ms;
  follow->since_us = g_get_monotonic_time ();
  follow->lock_fd = -1;
  return follow;
}

static void
unfollow (KlingPoller *self,
          KlingFollow *follow)
{
  g_hash_table_remove (self->follows, follow->task);
}

static gboolean
on_timeout (gpointer user_data)
{
  KlingFollow *follow = user_data;

  follow->timeout_id = 0;
  kling_follow_step (follow);
  return G_SOURCE_REMOVE;
}

void
kling_follow_schedule (KlingFollow *follow,
          guint   delay_ms)
{
  g_clear_handle_id (&follow->timeout_id, g_source_remove);
  follow->timeout_id = g_timeout_add (delay_ms, on_timeout, follow);
}

/* The next poll, each one later than the last, up to the longest interval. */
static void
schedule_poll (KlingFollow *follow)
{
  KlingPoller *self = follow->poller;

  kling_follow_schedule (follow, follow->interval_ms);
  follow->interval_ms = MIN (self->max_ms, follow->interval_ms + follow->interval_ms / 2);
  follow->interval_ms = MAX (follow->interval_ms, 1);
}

static void
save_task (KlingPoller *self,
           KlingTask   *task)
{
  g_autoptr(GError) error = NULL;

  if (!kling_task_store_save (self->store, task, &error))
    g_warning ("Cannot save task %s: %s", kling_task_get_local_id (task), error->message);
  kling_poller_emit_task_changed (self, task);
}

/* Nothing more to do: tells whoever waits (the app, the CLI). */
static void
follow_finish (KlingFollow *follow)
{
  g_autoptr(KlingPoller) self = g_object_ref (follow->poller);
  g_autoptr(KlingTask) task = g_object_ref (follow->task);

  unfollow (self, follow);
  kling_poller_emit_task_finished (self, task);
}

static void
follow_fail (KlingFollow  *follow,
             const GError *error)
{
  kling_task_set_error (follow->task, error);
  kling_task_set_state (follow->task, KLING_TASK_STATE_FAILED);
  save_task (follow->poller, follow->task);
  follow_finish (follow);
}

/* The create may have reached the server and nobody can say: keep the task
 * as it is (same external id), say why, and stop until the next start, a
 * check or the user's word. Never failed, never sent again by itself. */
static void
follow_unconfirmed (KlingFollow  *follow,
                    const GError *error)
{
  kling_task_set_error (follow->task, error);
  kling_task_set_state (follow->task, KLING_TASK_STATE_UNCONFIRMED);
  save_task (follow->poller, follow->task);
  follow_finish (follow);
}

/* What to do once the server's answer is saved. */
static void
follow_continue (KlingFollow *follow)
{
  switch (kling_task_get_state (follow->task))
    {
    case KLING_TASK_STATE_SUCCEEDED:
    case KLING_TASK_STATE_FAILED:
      kling_follow_step (follow);
      break;
    case KLING_TASK_STATE_PENDING:
    case KLING_TASK_STATE_SENDING:
    case KLING_TASK_STATE_UNCONFIRMED:
    case KLING_TASK_STATE_QUEUED:
    case KLING_TASK_STATE_SUBMITTED:
    case KLING_TASK_STATE_PROCESSING:
    default:
      schedule_poll (follow);
      break;
    }
}

/* Whether the answer to a request still matters; takes the request's
 * reference on @follow either way when it does not. */
static gboolean
follow_answered (KlingFollow  *follow,
                 const GError *error)
{
  follow->busy = FALSE;
  if (follow->poller != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  kling_follow_unref (follow);
  return FALSE;
}

/* Errors after which the same request may be sent again later. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, KLING_ERROR, KLING_ERROR_NETWORK) ||
         g_error_matches (error, KLING_ERROR, KLING_ERROR_SERVER) ||
         g_error_matches (error, KLING_ERROR, KLING_ERROR_PROTOCOL) ||
         g_error_matches (error, KLING_ERROR, KLING_ERROR_TIMEOUT) ||
         g_error_matches (error, KLING_ERROR, KLING_ERROR_RATE_LIMITED) ||
         (error != NULL && error->domain == G_IO_ERROR);
}

/* Taking the server's view of the task (create, lookup or query). */
static void
adopt_info (KlingFollow         *follow,
            const KlingTaskInfo *info)
{
  KlingTask *task = follow->task;

  if (kling_task_update_from_info (task, info) ||
      kling_task_get_state (task) < KLING_TASK_STATE_SUBMITTED)
    {
      if (kling_task_get_state (task) < KLING_TASK_STATE_SUBMITTED)
        kling_task_set_state (task, KLING_TASK_STATE_SUBMITTED);
      save_task (follow->poller, task);
    }

  if (kling_task_get_state (task) == KLING_TASK_STATE_SUCCEEDED &&
      kling_task_get_video_url (task) == NULL)
    {
      g_autoptr(GError) error =
        g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                     _("The server reported task %s as done but gave no video address"),
                     kling_task_get_task_id (task));
      follow_fail (follow, error);
      return;
    }
  follow_continue (follow);
}

/* Creating */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KlingFollow *follow = user_data;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  KlingPoller *self;

  info = kling_client_create_task_finish (KLING_CLIENT (object), result, &error);
  if (!follow_answered (follow, error))
    return;
  self = follow->poller;

  if (info != NULL)
    {
      follow->interval_ms = self->first_ms;
      follow->queue_delay_ms = self->queue_first_ms;
      adopt_info (follow, info);
    }
  else if (g_error_matches (error, KLING_ERROR, KLING_ERROR_RATE_LIMITED))
    {
      /* No slot free: the server created nothing, so sending again is safe. */
      kling_task_set_state (follow->task, KLING_TASK_STATE_QUEUED);
      kling_task_set_status_message (follow->task, error->message);
      save_task (self, follow->task);
      kling_follow_schedule (follow, follow->queue_delay_ms);
      follow->queue_delay_ms = MIN (self->queue_max_ms, follow->queue_delay_ms * 2);
    }
  else if (is_transient (error))
    {
      /* It may have reached the server: stay SENDING, look it up next time. */
      kling_task_set_status_message (follow->task, error->message);
      save_task (self, follow->task);
      schedule_poll (follow);
    }
  else if (g_error_matches (error, KLING_ERROR, KLING_ERROR_UNCONFIRMED))
    follow_unconfirmed (follow, error);
  else
    follow_fail (follow, error);

  kling_follow_unref (follow);
}

static void
send_create (KlingFollow *follow)
{
  KlingPoller *self = follow->poller;
  KlingTask *task = follow->task;
  KlingTaskState previous = kling_task_get_state (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = kling_task_build_body (task, &error);
  if (body == NULL)
    {
      follow_fail (follow, error);
      return;
    }

  /* On disk before the POST leaves: after a crash, we will look it up. */
  kling_task_set_state (task, KLING_TASK_STATE_SENDING);
  if (!kling_task_store_save (self->store, task, &error))
    {
      g_warning ("Not sending task %s, it cannot be saved: %s",
                 kling_task_get_local_id (task), error->message);
      kling_task_set_state (task, previous);
      schedule_poll (follow);
      return;
    }
  kling_poller_emit_task_changed (self, task);

  follow->busy = TRUE;
  kling_client_create_task_async (self->client, body, kling_task_get_external_task_id (task),
                                  follow->cancellable, created_cb, kling_follow_ref (follow));
}

/* Looking a possibly sent task up */

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KlingFollow *follow = user_data;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = kling_client_find_task_finish (KLING_CLIENT (object), result, &error);
  if (!follow_answered (follow, error))
    return;

  if (info != NULL)
    adopt_info (follow, info);
  else if (error == NULL)
    send_create (follow);   /* it never arrived: now sending again is safe */
  else if (is_transient (error))
    schedule_poll (follow);
  else
    follow_unconfirmed (follow, error);   /* nobody can say whether it exists */

  kling_follow_unref (follow);
}

static void
find_task (KlingFollow *follow)
{
  follow->busy = TRUE;
  kling_client_find_task_async (follow->poller->client,
                                kling_task_get_external_task_id (follow->task),
                                follow->cancellable, found_cb, kling_follow_ref (follow));
}

/* Polling */

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KlingFollow *follow = user_data;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = kling_client_query_task_finish (KLING_CLIENT (object), result, &error);
  if (!follow_answered (follow, error))
    return;

  if (info != NULL)
    adopt_info (follow, info);
  else if (g_error_matches (error, KLING_ERROR, KLING_ERROR_NOT_FOUND))
    follow_fail (follow, error);
  else
    {
      /* Transient, or something the user must fix (e.g. the token): say
       * so, and keep asking. */
      if (!is_transient (error))
        {
          kling_task_set_error (follow->task, error);
          save_task (follow->poller, follow->task);
        }
      schedule_poll (follow);
    }

  kling_follow_unref (follow);
}

static void
query_task (KlingFollow *follow)
{
  follow->busy = TRUE;
  kling_client_follow_task_async (follow->poller->client, kling_task_get_task_id (follow->task),
                                  kling_task_get_queue_url (follow->task, KLING_QUEUE_STATUS_URL),
                                  kling_task_get_queue_url (follow->task, KLING_QUEUE_RESPONSE_URL),
                                  follow->cancellable, queried_cb, kling_follow_ref (follow));
}

/* Downloading */

static void
download_progress_cb (goffset  received,
                      goffset  total,
                      gpointer user_data)
{
  KlingFollow *follow = user_data;

  if (total > 0)
    kling_task_set_download_progress (follow->task, (double) received / (double) total);
}

static void
video_saved (KlingFollow *follow)
{
  kling_task_set_download_progress (follow->task, 1.0);
  kling_task_set_error (follow->task, NULL);
  kling_task_set_video_file (follow->task, KLING_TASK_VIDEO_FILE);
  save_task (follow->poller, follow->task);
  follow_finish (follow);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KlingFollow *follow = user_data;
  g_autoptr(GError) error = NULL;

  kling_downloader_download_finish (result, &error);
  release_lock (follow);
  if (!follow_answered (follow, error))
    return;

  if (error == NULL)
    video_saved (follow);
  else
    {
      kling_task_set_error (follow->task, error);
      save_task (follow->poller, follow->task);
      if (is_transient (error) || g_error_matches (error, KLING_ERROR, KLING_ERROR_IO))
        schedule_poll (follow);
      else
        follow_finish (follow);   /* e.g. the CDN no longer has it */
    }

  kling_follow_unref (follow);
}

/* One process downloads a task at a time: the app and a CLI's submit --wait
 * may follow the same task. An advisory lock on a file in its folder, held
 * for the download; FALSE when another process holds it. A folder where no
 * lock can be made (read-only) is downloaded into without one. */
static gboolean
take_lock (KlingFollow *follow)
{
  g_autofree char *path = g_build_filename (kling_task_get_folder (follow->task),
                                            "download.lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return TRUE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_close (fd, NULL);
      return FALSE;
    }
  follow->lock_fd = fd;
  return TRUE;
}

static void
download_video (KlingFollow *follow)
{
  KlingPoller *self = follow->poller;
  g_autofree char *dest = g_build_filename (kling_task_get_folder (follow->task),
                                            KLING_TASK_VIDEO_FILE, NULL);

  if (!take_lock (follow))
    {
      schedule_poll (follow);   /* another process is saving it */
      return;
    }
  /* Saved by another process meanwhile: only a complete video is ever
   * renamed to this name. */
  if (g_file_test (dest, G_FILE_TEST_IS_REGULAR))
    {
      release_lock (follow);
      video_saved (follow);
      return;
    }

  kling_downloader_remove_stale_parts (dest);   /* a killed writer's: restart cleanly */
  follow->busy = TRUE;
  kling_task_set_download_progress (follow->task, 0.0);
  kling_downloader_download_async (kling_client_get_session (self->client),
                                   kling_task_get_video_url (follow->task), dest,
                                   download_progress_cb, follow, follow->cancellable,
                                   downloaded_cb, kling_follow_ref (follow));
}

/* The next step */

/* Gave up waiting: says so, with the id the user can check later. A create
 * that may have arrived stays unconfirmed: it is never failed. */
static gboolean
give_up_if_too_long (KlingFollow *follow)
{
  KlingPoller *self = follow->poller;
  KlingTask *task = follow->task;
  KlingTaskState state = kling_task_get_state (task);
  g_autoptr(GError) error = NULL;
  const char *id;

  if (g_get_monotonic_time () - follow->since_us < (gint64) self->give_up_s * G_USEC_PER_SEC)
    return FALSE;

  if (state == KLING_TASK_STATE_SENDING || state == KLING_TASK_STATE_UNCONFIRMED)
    {
      error = g_error_new (KLING_ERROR, KLING_ERROR_UNCONFIRMED,
                           _("Stopped looking for request %s after %u minutes: it may have been "
                             "created. It was not sent again."),
                           kling_task_get_external_task_id (task), self->give_up_s / 60);
      follow_unconfirmed (follow, error);
      return TRUE;
    }

  id = kling_task_get_task_id (task);
  if (id == NULL)
    id = kling_task_get_external_task_id (task);
  error = g_error_new (KLING_ERROR, KLING_ERROR_TIMEOUT,
                       _("Stopped waiting for task %s after %u minutes; it may still "
                         "finish: check it later with its task id"),
                       id, self->give_up_s / 60);
  if (state == KLING_TASK_STATE_SUCCEEDED)
    {
      /* The server did its part; only the download is missing. */
      kling_task_set_error (task, error);
      save_task (self, task);
      follow_finish (follow);
    }
  else
    follow_fail (follow, error);
  return TRUE;
}

void
kling_follow_step (KlingFollow *follow)
{
  KlingPoller *self = follow->poller;
  KlingTask *task = follow->task;

  g_clear_handle_id (&follow->timeout_id, g_source_remove);
  if (follow->busy)
    return;

  if (kling_task_is_finished (task))
    {
      follow_finish (follow);
      return;
    }
  if (!kling_poller_network_is_usable (self))
    {
      follow->waiting_for_network = TRUE;
      return;
    }
  if (give_up_if_too_long (follow))
    return;

  switch (kling_task_get_state (task))
    {
    case KLING_TASK_STATE_PENDING:
    case KLING_TASK_STATE_QUEUED:
      send_create (follow);
      break;
    case KLING_TASK_STATE_SENDING:
    case KLING_TASK_STATE_UNCONFIRMED:
      find_task (follow);
      break;
    case KLING_TASK_STATE_SUBMITTED:
    case KLING_TASK_STATE_PROCESSING:
      query_task (follow);
      break;
    case KLING_TASK_STATE_SUCCEEDED:
      download_video (follow);
      break;
    case KLING_TASK_STATE_FAILED:
    default:
      follow_finish (follow);
      break;
    }
}

