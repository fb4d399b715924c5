/* kling-task-update.c — what the server's answers make of a task
 *
 * The server's status mapped onto the task's state, its progress and
 * timestamps, and a failure's reason as the user reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-task-private.h"

static gboolean
set_int64 (KlingTask *self,
           gint64    *field,
           gint64     value,
           int        prop_id)
{
  if (value <= 0 || *field == value)
    return FALSE;
  *field = value;
  kling_task_notify (self, prop_id);
  return TRUE;
}

/* One whole sentence per case, so that each translates as a sentence. */
static char *
failure_text (const char *reason,
              const char *task_id,
              const char *request_id)
{
  gboolean has_reason = reason != NULL && *reason != '\0';
  gboolean has_request_id = request_id != NULL && *request_id != '\0';

  if (has_reason && has_request_id)
    /* Translators: the server's reason, the task id and the request id */
    return g_strdup_printf (_("The video generation failed: %s (task id %s, request id %s)"),
                            reason, task_id, request_id);
  if (has_reason)
    return g_strdup_printf (_("The video generation failed: %s (task id %s)"), reason, task_id);
  if (has_request_id)
    return g_strdup_printf (_("The video generation failed (task id %s, request id %s)"),
                            task_id, request_id);
  return g_strdup_printf (_("The video generation failed (task id %s)"), task_id);
}

static void
set_failed_from_info (KlingTask           *self,
                      const KlingTaskInfo *info)
{
  g_autofree char *text = failure_text (info->status_message,
                                        self->task_id != NULL ? self->task_id : "?",
                                        info->request_id);

  kling_task_replace_string (self, &self->request_id, info->request_id, 0);
  kling_task_set_error_message (self, "task-failed", text);
}

static KlingTaskState
state_for_status (KlingTaskStatus status,
                  KlingTaskState  current)
{
  switch (status)
    {
    case KLING_TASK_STATUS_SUBMITTED: return KLING_TASK_STATE_SUBMITTED;
    case KLING_TASK_STATUS_PROCESSING: return KLING_TASK_STATE_PROCESSING;
    case KLING_TASK_STATUS_SUCCEED: return KLING_TASK_STATE_SUCCEEDED;
    case KLING_TASK_STATUS_FAILED: return KLING_TASK_STATE_FAILED;
    case KLING_TASK_STATUS_UNKNOWN:
    default:
      /* A server that does not say: the task at least exists there. */
      return current < KLING_TASK_STATE_SUBMITTED ? KLING_TASK_STATE_SUBMITTED : current;
    }
}

/* Kept from the submit answer on: a status answer names no cancel URL. */
static gboolean
update_queue_urls (KlingTask           *self,
                   const KlingTaskInfo *info)
{
  const char *urls[KLING_QUEUE_N_URLS] = { info->status_url, info->response_url, info->cancel_url };
  gboolean changed = FALSE;

  for (guint i = 0; i < KLING_QUEUE_N_URLS; i++)
    if (urls[i] != NULL && *urls[i] != '\0')
      changed |= kling_task_replace_string (self, &self->queue_urls[i], urls[i], 0);
  return changed;
}

const char *
kling_task_get_queue_url (KlingTask     *self,
                          KlingQueueUrl  which)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  g_return_val_if_fail (which < KLING_QUEUE_N_URLS, NULL);
  return self->queue_urls[which];
}

/**
 * kling_task_update_from_info:
 * @info: what the server said about this task
 *
 * Takes the server's view: task id, status (mapped onto the task's state),
 * failure reason, progress, timestamps and video URL.
 *
 * Returns: whether anything changed (and should be saved)
 */
gboolean
kling_task_update_from_info (KlingTask           *self,
                             const KlingTaskInfo *info)
{
  gboolean changed = FALSE;
  KlingTaskState state;
  int progress;

  g_return_val_if_fail (KLING_IS_TASK (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  if (info->task_id != NULL && *info->task_id != '\0')
    changed |= kling_task_replace_string (self, &self->task_id, info->task_id, PROP_TASK_ID);
  changed |= kling_task_replace_string (self, &self->status_message, info->status_message, PROP_STATUS_MESSAGE);
  if (info->video_url != NULL && *info->video_url != '\0')
    changed |= kling_task_replace_string (self, &self->video_url, info->video_url, PROP_VIDEO_URL);
  changed |= update_queue_urls (self, info);
  changed |= set_int64 (self, &self->created_at, info->created_at_ms, PROP_CREATED_AT);
  changed |= set_int64 (self, &self->updated_at, info->updated_at_ms, PROP_UPDATED_AT);

  progress = CLAMP (info->progress, -1, 100);
  if (info->status == KLING_TASK_STATUS_SUCCEED)
    progress = 100;
  if (self->progress != progress)
    {
      self->progress = progress;
      kling_task_notify (self, PROP_PROGRESS);
      changed = TRUE;
    }

  state = state_for_status (info->status, self->state);
  if (state == KLING_TASK_STATE_FAILED && self->state != KLING_TASK_STATE_FAILED)
    set_failed_from_info (self, info);
  else if (state != KLING_TASK_STATE_FAILED && self->error_message != NULL)
    kling_task_set_error_message (self, NULL, NULL);
  if (state != self->state)
    {
      kling_task_set_state (self, state);
      changed = TRUE;
    }

  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

/**
 * kling_task_can_cancel:
 *
 * Whether @task can still be withdrawn: it waits in a queue that takes a
 * cancel (fal's, at the address its submit answered), as far as the last
 * answer said. Kling's API has no cancel.
 */
gboolean
kling_task_can_cancel (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), FALSE);
  return self->auth_mode == KLING_AUTH_FAL && self->state == KLING_TASK_STATE_SUBMITTED &&
         kling_task_get_queue_url (self, KLING_QUEUE_CANCEL_URL) != NULL;
}

gboolean
kling_task_is_cancelled (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), FALSE);
  return self->state == KLING_TASK_STATE_FAILED &&
         g_strcmp0 (self->error_kind, KLING_TASK_ERROR_KIND_CANCELLED) == 0;
}

/**
 * kling_task_set_cancelled:
 *
 * The provider took @task out of its queue: it ends here, with no video.
 */
void
kling_task_set_cancelled (KlingTask *self)
{
  g_return_if_fail (KLING_IS_TASK (self));

  g_object_freeze_notify (G_OBJECT (self));
  kling_task_set_status_message (self, NULL);
  kling_task_set_error_message (self, KLING_TASK_ERROR_KIND_CANCELLED,
                                _("Cancelled while it waited in the queue; no video was made"));
  kling_task_set_state (self, KLING_TASK_STATE_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kling_task_dup_display_prompt:
 *
 * The prompt as a person should see it: whole up to Kling's limit of
 * %KLING_TASK_DISPLAY_PROMPT_CHARS characters, beyond that cut there with
 * "…". Kling never takes a longer one, but a task file may hold one
 * (edited by hand, or damaged): laying out megabytes of text froze the
 * app for seconds. kling_task_get_prompt() keeps the whole value.
 *
 * Returns: (transfer full) (nullable): the prompt to show
 */
char *
kling_task_dup_display_prompt (KlingTask *self)
{
  const char *prompt = kling_task_get_prompt (self);
  const char *end = prompt;

  if (prompt == NULL)
    return NULL;
  for (guint i = 0; i < KLING_TASK_DISPLAY_PROMPT_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (prompt);
  {
    g_autofree char *head = g_strndup (prompt, (gsize) (end - prompt));

    return g_strconcat (head, "…", NULL);
  }
}
