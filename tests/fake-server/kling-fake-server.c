/* kling-fake-server.c — a strict stand-in for the Kling API, on 127.0.0.1
 *
 * The server's state, settings and public API, and the answers that wait.
 * Routes, authentication, body validation, the JSON it answers and the
 * video live in the other kling-fake-server-*.c.
 * Everything runs on the GMainContext that was thread-default when the
 * server was started; nothing here blocks that context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/gst.h>

#include "kling-fake-server-private.h"
#include "kling-motion-encode.h"

/* A request whose answer waits: SLOW (unpause later) or a cut connection. */
typedef struct {
  KlingFakeServer   *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             finished_id;
  gboolean           finished;
  gboolean           cut;
} KlingFakePending;

static const struct {
  const char     *nick;
  KlingFakeFault  fault;
} fault_nicks[] = {
  { "500", KLING_FAKE_FAULT_HTTP_500 },
  { "503", KLING_FAKE_FAULT_HTTP_503 },
  { "html", KLING_FAKE_FAULT_HTML },
  { "truncated", KLING_FAKE_FAULT_TRUNCATED },
  { "huge", KLING_FAKE_FAULT_HUGE },
  { "slow", KLING_FAKE_FAULT_SLOW },
  { "rate-limit", KLING_FAKE_FAULT_RATE_LIMIT },
  { "1102", KLING_FAKE_FAULT_ACCOUNT_1102 },
  { "1301", KLING_FAKE_FAULT_CONTENT_1301 },
  { "moderation", KLING_FAKE_FAULT_MODERATION },
  { "post-lost", KLING_FAKE_FAULT_POST_LOST },
  { "video-cut", KLING_FAKE_FAULT_VIDEO_CUT },
};

gboolean
kling_fake_fault_from_nick (const char     *nick,
                            KlingFakeFault *fault)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_nicks); i++)
    {
      if (g_strcmp0 (nick, fault_nicks[i].nick) == 0)
        {
          *fault = fault_nicks[i].fault;
          return TRUE;
        }
    }
  return FALSE;
}

static void
kling_fake_task_free (KlingFakeTask *task)
{
  g_free (task->task_id);
  g_free (task->external_task_id);
  g_free (task->video_id);
  g_free (task->duration);
  g_free (task->fail_message);
  g_clear_pointer (&task->files, g_hash_table_unref);
  g_clear_pointer (&task->urls, g_hash_table_unref);
  g_clear_pointer (&task->body, json_node_unref);
  g_clear_pointer (&task->paths, g_ptr_array_unref);
  g_clear_pointer (&task->video, g_bytes_unref);
  if (task->fetch_source != NULL)
    {
      g_source_destroy (task->fetch_source);
      g_source_unref (task->fetch_source);
    }
  g_free (task);
}

static void
pending_free (KlingFakePending *pending)
{
  g_source_destroy (pending->source);
  g_source_unref (pending->source);
  if (!pending->finished)
    g_signal_handler_disconnect (pending->msg, pending->finished_id);
  g_object_unref (pending->msg);
  g_free (pending);
}

KlingFakeServer *
kling_fake_server_new (KlingFakeDialect dialect)
{
  KlingFakeServer *self = g_new0 (KlingFakeServer, 1);

  self->dialect = dialect;
  self->processing_after_ms = 300;
  self->succeed_after_ms = 1200;
  self->max_in_flight = 5;
  self->slow_ms = 2000;
  self->video_short_side = kling_fake_server_default_short_side ();
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_fake_task_free);
  self->request_log = kling_fake_http_log_new ();
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  return self;
}

void
kling_fake_server_free (KlingFakeServer *self)
{
  if (self == NULL)
    return;

  /* Sources first: none of them may run once the server is gone. */
  g_ptr_array_unref (self->pending);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  kling_fake_renders_end (&self->renders, self->context);
  g_clear_object (&self->fetch_session);
  g_clear_pointer (&self->served_files, g_hash_table_unref);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_object_unref (self->server);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_ptr_array_unref (self->tasks);
  kling_fake_http_log_free (self->request_log);
  g_clear_pointer (&self->last_body, g_bytes_unref);
  g_clear_pointer (&self->video_request_headers, soup_message_headers_unref);
  g_clear_pointer (&self->filler, g_bytes_unref);
  g_free (self->base_url);
  g_free (self->token);
  g_free (self->access_key);
  g_free (self->secret_key);
  g_free (self);
}

void
kling_fake_server_set_no_list (KlingFakeServer *self,
                               gboolean         no_list)
{
  self->no_list = no_list;
}

void
kling_fake_server_set_refuse_retired (KlingFakeServer *self,
                                      gboolean         refuse)
{
  self->refuse_retired = refuse;
}

void
kling_fake_server_set_letter_ids (KlingFakeServer *self,
                                  gboolean         letters)
{
  self->letter_ids = letters;
}

void
kling_fake_server_set_token (KlingFakeServer *self,
                             const char      *token)
{
  g_free (self->token);
  self->token = g_strdup (token);
}

void
kling_fake_server_set_keys (KlingFakeServer *self,
                            const char      *access_key,
                            const char      *secret_key)
{
  g_free (self->access_key);
  g_free (self->secret_key);
  self->access_key = g_strdup (access_key);
  self->secret_key = g_strdup (secret_key);
}

void
kling_fake_server_set_clock_offset (KlingFakeServer *self,
                                    gint64           seconds)
{
  self->clock_offset_s = seconds;
}

void
kling_fake_server_set_timing (KlingFakeServer *self,
                              guint            processing_after_ms,
                              guint            succeed_after_ms)
{
  self->processing_after_ms = processing_after_ms;
  self->succeed_after_ms = MAX (succeed_after_ms, processing_after_ms);
}

void
kling_fake_server_set_concurrency (KlingFakeServer *self,
                                   guint            max_in_flight)
{
  self->max_in_flight = max_in_flight;
}

void
kling_fake_server_set_slow_ms (KlingFakeServer *self,
                               guint            slow_ms)
{
  self->slow_ms = slow_ms;
}

void
kling_fake_server_arm (KlingFakeServer *self,
                       KlingFakeFault   fault,
                       guint            times)
{
  g_return_if_fail ((guint) fault < KLING_FAKE_N_FAULTS);
  self->armed[fault] = times;
}

guint
kling_fake_server_get_armed (KlingFakeServer *self,
                             KlingFakeFault   fault)
{
  g_return_val_if_fail ((guint) fault < KLING_FAKE_N_FAULTS, 0);
  return self->armed[fault];
}

/* Consumes one shot of @fault if it is armed. */
gboolean
kling_fake_server_take_fault (KlingFakeServer *self,
            KlingFakeFault   fault)
{
  if (self->armed[fault] == 0)
    return FALSE;
  self->armed[fault]--;
  return TRUE;
}

gint64
kling_fake_server_now_ms (KlingFakeServer *self)
{
  return g_get_real_time () / 1000 + self->clock_offset_s * 1000;
}

KlingFakeStatus
kling_fake_task_get_status (const KlingFakeTask *task,
                            gint64              *updated_at_ms)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - task->created_mono_us) / 1000;
  KlingFakeStatus status;
  gint64 changed_ms;

  if (elapsed_ms < task->processing_after_ms)
    {
      status = KLING_FAKE_STATUS_SUBMITTED;
      changed_ms = 0;
    }
  else if (task->failed_mono_us != 0)
    {
      /* A picture URL failed: the task fails then, not at the end. */
      status = KLING_FAKE_STATUS_FAILED;
      changed_ms = (task->failed_mono_us - task->created_mono_us) / 1000;
    }
  else if (elapsed_ms < task->succeed_after_ms || task->fetches_pending > 0 || task->rendering)
    {
      status = KLING_FAKE_STATUS_PROCESSING;
      changed_ms = task->processing_after_ms;
    }
  else
    {
      status = task->fail_message != NULL ? KLING_FAKE_STATUS_FAILED
                                          : KLING_FAKE_STATUS_SUCCEED;
      /* It succeeded when its clip was ready, if that came later. */
      changed_ms = MAX ((gint64) task->succeed_after_ms,
                        task->video_ready_mono_us != 0
                        ? (task->video_ready_mono_us - task->created_mono_us) / 1000 : 0);
    }

  if (updated_at_ms != NULL)
    *updated_at_ms = task->created_at_ms + changed_ms;
  return status;
}

KlingFakeTask *
kling_fake_server_find_task (KlingFakeServer *self,
                             const char      *task_id)
{
  for (guint i = 0; i < self->tasks->len; i++)
    {
      KlingFakeTask *task = g_ptr_array_index (self->tasks, i);

      if (g_strcmp0 (task->task_id, task_id) == 0)
        return task;
    }
  return NULL;
}

KlingFakeTask *
kling_fake_server_find_external (KlingFakeServer *self,
                                 const char      *external_task_id)
{
  for (guint i = 0; i < self->tasks->len; i++)
    {
      KlingFakeTask *task = g_ptr_array_index (self->tasks, i);

      if (external_task_id != NULL &&
          g_strcmp0 (task->external_task_id, external_task_id) == 0)
        return task;
    }
  return NULL;
}

/* Pending answers: SLOW unpauses after a delay; a cut steals the connection
 * and closes it, which is how a client sees a network failure. */

static void
pending_msg_finished (SoupServerMessage *msg,
                      KlingFakePending  *pending)
{
  pending->finished = TRUE;
  g_signal_handler_disconnect (msg, pending->finished_id);
}

static gboolean
pending_fire (gpointer data)
{
  KlingFakePending *pending = data;

  if (!pending->finished)
    {
      if (pending->cut)
        kling_fake_http_cut_connection (pending->msg);
      else
        soup_server_message_unpause (pending->msg);
    }

  g_ptr_array_remove (pending->self->pending, pending);
  return G_SOURCE_REMOVE;
}

static void
add_pending (KlingFakeServer   *self,
             SoupServerMessage *msg,
             guint              delay_ms,
             gboolean           cut)
{
  KlingFakePending *pending = g_new0 (KlingFakePending, 1);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->cut = cut;
  pending->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (pending_msg_finished), pending);
  pending->source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  g_source_set_callback (pending->source, pending_fire, pending, NULL);
  g_source_attach (pending->source, self->context);
  g_ptr_array_add (self->pending, pending);
}

void
kling_fake_server_delay_answer (KlingFakeServer   *self,
                                SoupServerMessage *msg,
                                guint              delay_ms)
{
  soup_server_message_pause (msg);
  add_pending (self, msg, delay_ms, FALSE);
}

void
kling_fake_server_cut_connection_later (KlingFakeServer   *self,
                                        SoupServerMessage *msg,
                                        gboolean           pause)
{
  if (pause)
    soup_server_message_pause (msg);
  add_pending (self, msg, 0, TRUE);
}

const char *
kling_fake_server_start (KlingFakeServer  *self,
                         guint             port,
                         GError          **error)
{
  g_return_val_if_fail (self->server == NULL, NULL);

  if (!gst_init_check (NULL, NULL, error))
    return NULL;
  if (kling_motion_find_h264_encoder () == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "No H.264 encoder (openh264enc or x264enc) is installed");
      return NULL;
    }

  self->context = g_main_context_ref_thread_default ();
  self->server = kling_fake_http_listen ("kling-fake-server", port, kling_fake_server_handle_request,
                                         self, &self->base_url, error);
  return self->server != NULL ? self->base_url : NULL;
}

const char *
kling_fake_server_get_base_url (KlingFakeServer *self)
{
  return self->base_url;
}

guint
kling_fake_server_count_requests (KlingFakeServer *self,
                                  const char      *method,
                                  const char      *path_suffix)
{
  return kling_fake_http_log_count (self->request_log, method, path_suffix);
}

GBytes *
kling_fake_server_get_last_body (KlingFakeServer *self)
{
  return self->last_body != NULL ? g_bytes_ref (self->last_body) : NULL;
}

char *
kling_fake_server_get_video_request_header (KlingFakeServer *self,
                                            const char      *name)
{
  if (self->video_request_headers == NULL)
    return NULL;
  return g_strdup (soup_message_headers_get_list (self->video_request_headers, name));
}

gboolean
kling_fake_server_video_was_requested (KlingFakeServer *self)
{
  return self->video_request_headers != NULL;
}

guint
kling_fake_server_get_task_count (KlingFakeServer *self)
{
  return self->tasks->len;
}

char *
kling_fake_server_lookup_external_task_id (KlingFakeServer *self,
                                           const char      *external_task_id)
{
  KlingFakeTask *task = kling_fake_server_find_external (self, external_task_id);

  return task != NULL ? g_strdup (task->task_id) : NULL;
}

/* The server's clock, moved on for one task: it is processing or done from
 * now on, whatever its timing said (KLING_FAKE_HOLD holds it otherwise). */
gboolean
kling_fake_server_move_task (KlingFakeServer *self,
                             const char      *task_id,
                             const char      *status)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);
  gint64 elapsed_ms;

  if (task == NULL)
    return FALSE;
  /* Its picture URLs are fetched now, as when processing begins. */
  if (task->fetch_source != NULL)
    g_source_set_ready_time (task->fetch_source, 0);
  elapsed_ms = (g_get_monotonic_time () - task->created_mono_us) / 1000;
  if (g_strcmp0 (status, "processing") == 0)
    {
      task->processing_after_ms = MIN (task->processing_after_ms, (guint) elapsed_ms);
      return TRUE;
    }
  /* A task created to fail ends failed, the others succeed. */
  if (g_strcmp0 (status, "succeed") == 0 || g_strcmp0 (status, "failed") == 0)
    {
      task->processing_after_ms = MIN (task->processing_after_ms, (guint) elapsed_ms);
      task->succeed_after_ms = MIN (task->succeed_after_ms, (guint) elapsed_ms);
      return TRUE;
    }
  g_return_val_if_reached (FALSE);
}

const char *
kling_fake_server_get_task_status (KlingFakeServer *self,
                                   const char      *task_id)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);

  if (task == NULL)
    return NULL;
  return kling_fake_status_to_string (kling_fake_task_get_status (task, NULL));
}

const char *
kling_fake_server_get_task_fail_message (KlingFakeServer *self,
                                         const char      *task_id)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);

  if (task == NULL || kling_fake_task_get_status (task, NULL) != KLING_FAKE_STATUS_FAILED)
    return NULL;
  return task->fail_message;
}

GBytes *
kling_fake_server_get_task_file (KlingFakeServer *self,
                                 const char      *task_id,
                                 const char      *field)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);
  GBytes *bytes = task != NULL ? kling_fake_task_get_file (task, field) : NULL;

  return bytes != NULL ? g_bytes_ref (bytes) : NULL;
}
