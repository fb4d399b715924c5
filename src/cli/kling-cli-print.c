/* kling-cli-print.c — what kling-studio-cli prints about a task
 *
 * One JSON description for every command, one line per task for people,
 * and one line on stderr for a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kling-cli.h"
#include "kling-json.h"

/* One line on stderr for a task that ended in failure: its reason and the
 * request id to quote. A reason built by kling_error_new_from_server()
 * already names the request id; it is not repeated. */
void
kling_cli_print_task_failure (const char *id,
                              const char *reason,
                              const char *request_id)
{
  gboolean has_reason = reason != NULL && *reason != '\0';
  gboolean add_request_id = request_id != NULL && *request_id != '\0' &&
                            (!has_reason || strstr (reason, request_id) == NULL);

  if (has_reason && add_request_id)
    g_printerr (_("kling-studio-cli: task %s failed: %s (request id %s)\n"), id, reason, request_id);
  else if (has_reason)
    g_printerr (_("kling-studio-cli: task %s failed: %s\n"), id, reason);
  else if (add_request_id)
    g_printerr (_("kling-studio-cli: task %s failed with no reason given (request id %s)\n"), id, request_id);
  else
    g_printerr (_("kling-studio-cli: task %s failed with no reason given\n"), id);
}

void
kling_cli_print_json (JsonNode *node)
{
  /* The same writer as the request body: 0.3 prints as 0.3. */
  g_autofree char *text = kling_json_to_data (node, TRUE, NULL);

  g_print ("%s\n", text);
}

/* The CLI's JSON names every member it knows, null when there is no value,
 * so that scripts never have to test for a missing key. */
static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value,
                gboolean     known)
{
  json_builder_set_member_name (builder, name);
  if (known)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * kling_cli_task_to_json:
 * @info: the task as the server describes it
 * @local_id: (nullable): the generation's id in the task store (submit)
 * @video_path: (nullable): where its video is saved (submit --wait)
 *
 * The one JSON description of a task that submit, status and list print:
 * every member always present, null when unknown, and the API's own status
 * words (submitted, processing, succeed, failed).
 */
JsonNode *
kling_cli_task_to_json (const KlingTaskInfo *info,
                        const char          *local_id,
                        const char          *video_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *status = info->status != KLING_TASK_STATUS_UNKNOWN
                       ? kling_task_status_to_string (info->status) : NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "task_id", info->task_id);
  add_string_member (builder, "local_id", local_id);
  add_string_member (builder, "external_task_id", info->external_task_id);
  add_string_member (builder, "status", status);
  add_string_member (builder, "status_message", info->status_message);
  add_int_member (builder, "progress", info->progress, info->progress >= 0);
  add_string_member (builder, "video_url", info->video_url);
  add_string_member (builder, "video_duration", info->video_duration);
  add_string_member (builder, "video_path", video_path);
  add_int_member (builder, "created_at", info->created_at_ms, info->created_at_ms > 0);
  add_int_member (builder, "updated_at", info->updated_at_ms, info->updated_at_ms > 0);
  add_string_member (builder, "request_id", info->request_id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
format_time_ms (gint64 ms)
{
  g_autoptr(GDateTime) time = NULL;

  if (ms <= 0)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_local (ms / 1000);
  if (time == NULL)
    return g_strdup ("-");
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

void
kling_cli_print_task_info (const KlingTaskInfo *info)
{
  g_autofree char *created = format_time_ms (info->created_at_ms);

  g_print ("%s\t%s\t%s", info->task_id ? info->task_id : "-",
           kling_task_status_to_string (info->status), created);
  if (info->video_url != NULL)
    g_print ("\t%s", info->video_url);
  if (info->status == KLING_TASK_STATUS_FAILED && info->status_message != NULL)
    g_print ("\t%s", info->status_message);
  g_print ("\n");
}

static KlingTaskStatus
status_for_state (KlingTaskState state)
{
  switch (state)
    {
    case KLING_TASK_STATE_SUBMITTED:  return KLING_TASK_STATUS_SUBMITTED;
    case KLING_TASK_STATE_PROCESSING: return KLING_TASK_STATUS_PROCESSING;
    case KLING_TASK_STATE_SUCCEEDED:  return KLING_TASK_STATUS_SUCCEED;
    case KLING_TASK_STATE_FAILED:     return KLING_TASK_STATUS_FAILED;
    case KLING_TASK_STATE_PENDING:
    case KLING_TASK_STATE_SENDING:
    case KLING_TASK_STATE_UNCONFIRMED:
    case KLING_TASK_STATE_QUEUED:
    default:                          return KLING_TASK_STATUS_UNKNOWN;
    }
}

/* The task as status would describe it, so that submit prints the same
 * JSON. A failure that is ours (refused create, gave up) is its reason. */
static KlingTaskInfo *
info_from_task (KlingTask *task)
{
  KlingTaskInfo *info = kling_task_info_new ();
  const char *reason = kling_task_get_status_message (task);

  if ((kling_task_get_state (task) == KLING_TASK_STATE_FAILED ||
       kling_task_get_state (task) == KLING_TASK_STATE_UNCONFIRMED) &&
      kling_task_get_error_message (task) != NULL)
    reason = kling_task_get_error_message (task);
  info->task_id = g_strdup (kling_task_get_task_id (task));
  info->external_task_id = g_strdup (kling_task_get_external_task_id (task));
  info->status = status_for_state (kling_task_get_state (task));
  info->status_message = g_strdup (reason);
  info->video_url = g_strdup (kling_task_get_video_url (task));
  info->created_at_ms = kling_task_get_created_at (task);
  info->updated_at_ms = kling_task_get_updated_at (task);
  info->progress = kling_task_get_progress (task);
  info->request_id = g_strdup (kling_task_get_request_id (task));
  return info;
}

/* A task kept here, as status would print it (submit's --json).
 * @request_id: (nullable): the create's, when the task holds none */
void
kling_cli_print_task_json (KlingTask  *task,
                           const char *request_id)
{
  g_autoptr(KlingTaskInfo) info = info_from_task (task);
  g_autoptr(JsonNode) node = NULL;

  if (info->request_id == NULL)
    info->request_id = g_strdup (request_id);
  node = kling_cli_task_to_json (info, kling_task_get_local_id (task),
                                 kling_task_get_video_path (task));

  kling_cli_print_json (node);
}
