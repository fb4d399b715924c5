/* kling-task-info.c — one task as the server described it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-enum.h"
#include "kling-response.h"

KlingTaskInfo *
kling_task_info_new (void)
{
  KlingTaskInfo *info = g_new0 (KlingTaskInfo, 1);

  info->progress = -1;
  return info;
}

KlingTaskInfo *
kling_task_info_copy (const KlingTaskInfo *info)
{
  KlingTaskInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->task_id = g_strdup (info->task_id);
  copy->external_task_id = g_strdup (info->external_task_id);
  copy->status_message = g_strdup (info->status_message);
  copy->video_id = g_strdup (info->video_id);
  copy->video_url = g_strdup (info->video_url);
  copy->video_duration = g_strdup (info->video_duration);
  copy->request_id = g_strdup (info->request_id);
  copy->status_url = g_strdup (info->status_url);
  copy->response_url = g_strdup (info->response_url);
  copy->cancel_url = g_strdup (info->cancel_url);
  return copy;
}

void
kling_task_info_free (KlingTaskInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->task_id);
  g_free (info->external_task_id);
  g_free (info->status_message);
  g_free (info->video_id);
  g_free (info->video_url);
  g_free (info->video_duration);
  g_free (info->request_id);
  g_free (info->status_url);
  g_free (info->response_url);
  g_free (info->cancel_url);
  g_free (info);
}

/* The relays' spellings (kling-api.md §3); Kling's own are the nicks of
 * KlingTaskStatus, made by glib-mkenums. */
static const struct {
  const char      *text;
  KlingTaskStatus  status;
} relay_status_names[] = {
  { "queued",      KLING_TASK_STATUS_SUBMITTED },
  { "not_start",   KLING_TASK_STATUS_SUBMITTED },
  { "in_progress", KLING_TASK_STATUS_PROCESSING },
  { "success",     KLING_TASK_STATUS_SUCCEED },
  { "succeeded",   KLING_TASK_STATUS_SUCCEED },
  { "failure",     KLING_TASK_STATUS_FAILED },
};

const char *
kling_task_status_to_string (KlingTaskStatus status)
{
  const char *nick = kling_enum_to_nick (KLING_TYPE_TASK_STATUS, status);

  return nick != NULL ? nick : "unknown";
}

/**
 * kling_task_status_from_string:
 * @text: (nullable): a state in either dialect, in any case
 *
 * Returns: the state, %KLING_TASK_STATUS_UNKNOWN for anything unexpected
 */
KlingTaskStatus
kling_task_status_from_string (const char *text)
{
  g_autofree char *lower = NULL;
  int status;
  guint i;

  if (text == NULL)
    return KLING_TASK_STATUS_UNKNOWN;
  lower = g_ascii_strdown (text, -1);
  if (kling_enum_from_nick (KLING_TYPE_TASK_STATUS, lower, &status))
    return status;
  for (i = 0; i < G_N_ELEMENTS (relay_status_names); i++)
    if (g_str_equal (relay_status_names[i].text, lower))
      return relay_status_names[i].status;
  return KLING_TASK_STATUS_UNKNOWN;
}
