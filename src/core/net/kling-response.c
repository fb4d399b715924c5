/* kling-response.c — parsing the API's responses (both dialects)
 *
 * Everything here reads outside data: every member is type-checked before it
 * is read, nothing is trusted to be present, and no body is ever copied into
 * an error message (only the server's own short "message" and "request_id").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kling-error.h"
#include "kling-json.h"
#include "kling-response.h"

/* Below this a relay timestamp is in seconds, above it in milliseconds
 * (1e11 s is the year 5138; 1e11 ms is 1973). */
#define SECONDS_LIMIT G_GINT64_CONSTANT (100000000000)

/* ---- The envelope ------------------------------------------------------ */

static const char *
skip_space (const char *data,
            gsize       length,
            gsize      *remaining)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  *remaining = length - i;
  return data + i;
}

static GError *
error_not_json (guint       http_status,
                const char *data,
                gsize       length)
{
  gsize remaining;
  const char *start = skip_space (data, length, &remaining);

  if (remaining > 0 && start[0] == '<')
    return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                        _("The server answered with an HTML page instead of JSON (HTTP %u)"),
                        http_status);
  if (remaining > 0 && (start[0] == '{' || start[0] == '['))
    return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                        _("The server's answer is not valid JSON; it may have been cut short (HTTP %u)"),
                        http_status);
  return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                      _("The server answered with something that is not JSON (HTTP %u)"),
                      http_status);
}

/* The body could not be read as an envelope at all. An error status says
 * more than our complaint about the body: a 5xx stays a server error. */
static GError *
error_no_envelope (guint       http_status,
                   const char *problem)
{
  g_autofree char *text = NULL;

  if (http_status >= 400)
    return kling_error_new_from_server (http_status, -1, NULL, NULL);
  text = kling_error_format_details (problem, NULL, http_status, NULL);
  return g_error_new_literal (KLING_ERROR, KLING_ERROR_PROTOCOL, text);
}

/* @problem: a whole sentence about the server's answer */
static GError *
error_wrong_shape (guint       http_status,
                   const char *request_id,
                   const char *problem)
{
  g_autofree char *text = kling_error_format_details (problem, NULL, http_status, request_id);

  return g_error_new_literal (KLING_ERROR, KLING_ERROR_PROTOCOL, text);
}

static int
clamp_server_code (gint64 code)
{
  /* kling_error_new_from_server() takes -1 as "no code". */
  return code >= 0 && code <= G_MAXINT ? (int) code : G_MAXINT;
}

/* The string codes relays ("new-api" and its kin) use, besides the two of
 * kling-api.md §3; any other word is judged by the HTTP status. */
static const struct {
  const char *code;
  KlingError  error_code;
} relay_codes[] = {
  { "task_not_exist",          KLING_ERROR_NOT_FOUND },
  { "task_failed",             KLING_ERROR_TASK_FAILED },
  { "invalid_token",           KLING_ERROR_AUTHENTICATION },
  { "insufficient_user_quota", KLING_ERROR_RESOURCE_EXHAUSTED },
  { "rate_limit_exceeded",     KLING_ERROR_RATE_LIMITED },
};

static const char *
summary_for_relay_error (KlingError error_code)
{
  switch (error_code)
    {
    case KLING_ERROR_NOT_FOUND:          return _("The task does not exist");
    case KLING_ERROR_TASK_FAILED:        return _("The task failed");
    case KLING_ERROR_AUTHENTICATION:     return _("Authentication failed");
    case KLING_ERROR_RESOURCE_EXHAUSTED: return _("The account's quota is used up");
    case KLING_ERROR_RATE_LIMITED:       return _("Too many requests");
    case KLING_ERROR_PERMISSION:         return _("The account has no permission for this API or model");
    case KLING_ERROR_SERVER:             return _("The server had an error");
    default:                             return _("The server refused the request");
    }
}

static GError *
error_from_relay_code (guint       http_status,
                       const char *code,
                       const char *message,
                       const char *request_id)
{
  g_autofree char *clean_code = kling_json_clean_text (code);
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  KlingError error_code = kling_error_code_for_server (http_status, -1);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (relay_codes); i++)
    if (g_ascii_strcasecmp (code, relay_codes[i].code) == 0)
      error_code = relay_codes[i].error_code;

  if (message != NULL)
    what = g_strdup_printf ("%s: %s", summary_for_relay_error (error_code), message);
  else
    what = g_strdup (summary_for_relay_error (error_code));
  text = kling_error_format_details (what, clean_code, http_status, request_id);
  return g_error_new_literal (KLING_ERROR, error_code, text);
}

/* Some relays answer OpenAI-style: {"error": {"message": …}} or {"error": "…"}. */
static char *
envelope_message (JsonObject *root)
{
  char *message = kling_json_member_clean_text (root, "message");

  if (message == NULL)
    message = kling_json_member_clean_text (kling_json_member_object (root, "error"),
                                            "message");
  if (message == NULL)
    message = kling_json_member_clean_text (root, "error");
  return message;
}

/* Checks "code" whatever the HTTP status (proxies send business errors with
 * 200). Returns FALSE with @error set when the envelope reports a failure. */
static gboolean
check_envelope_code (guint          http_status,
                     JsonObject    *root,
                     KlingDialect  *dialect,
                     GError       **error)
{
  JsonNode *code_node = json_object_get_member (root, "code");
  const char *code_text = kling_json_node_string (code_node);
  g_autofree char *message = envelope_message (root);
  g_autofree char *request_id = kling_json_member_clean_text (root, "request_id");
  gint64 code;

  *dialect = code_text != NULL ? KLING_DIALECT_RELAY : KLING_DIALECT_KLING;

  if (kling_json_node_integer (code_node, &code))
    {
      if (code != 0)
        {
          *error = kling_error_new_from_server (http_status, clamp_server_code (code),
                                                message, request_id);
          return FALSE;
        }
    }
  else if (code_text != NULL && *code_text != '\0' &&
           g_ascii_strcasecmp (code_text, "success") != 0)
    {
      *error = error_from_relay_code (http_status, code_text, message, request_id);
      return FALSE;
    }
  else if (code_node == NULL || JSON_NODE_HOLDS_NULL (code_node))
    {
      /* No envelope: a relay's bare task (create), or some other reply. */
      *dialect = KLING_DIALECT_RELAY;
    }

  /* "Success" with an error status is not success. */
  if (http_status >= 400)
    {
      *error = kling_error_new_from_server (http_status, -1, message, request_id);
      return FALSE;
    }
  return TRUE;
}

/* Parses @data into a root object whose envelope reports success. */
static JsonParser *
parse_envelope (guint          http_status,
                const char    *data,
                gsize          length,
                JsonObject   **root_out,
                KlingDialect  *dialect,
                GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root = NULL;
  gsize remaining;

  skip_space (data, length, &remaining);
  if (remaining == 0)
    {
      *error = error_no_envelope (http_status, _("The server's answer is empty"));
      return NULL;
    }
  parser = kling_json_parse (data, length, &root, NULL);
  if (parser == NULL)
    {
      *error = error_not_json (http_status, data, length);
      return NULL;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *error = error_no_envelope (http_status, _("The server's answer is JSON but not an object"));
      return NULL;
    }

  *root_out = json_node_get_object (root);
  if (!check_envelope_code (http_status, *root_out, dialect, error))
    return NULL;
  return g_steal_pointer (&parser);
}

/* Both task readers open the answer the same way: the envelope, checked,
 * and the request id that every later complaint names. */
static JsonParser *
open_envelope (guint          http_status,
               const char    *data,
               gsize          length,
               JsonObject   **root,
               KlingDialect  *dialect,
               char         **request_id,
               GError       **error)
{
  GError *local_error = NULL;
  JsonParser *parser;

  parser = parse_envelope (http_status, data != NULL ? data : "", length,
                           root, dialect, &local_error);
  if (parser == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  *request_id = kling_json_member_clean_text (*root, "request_id");
  return parser;
}

/* ---- Tasks ------------------------------------------------------------- */

static gint64
timestamp_ms (JsonObject *object,
              const char *name,
              gboolean    may_be_seconds)
{
  gint64 value;

  if (!kling_json_member_integer (object, name, &value) || value <= 0)
    return 0;
  if (may_be_seconds && value < SECONDS_LIMIT)
    return value * 1000;
  return value;
}

/* 0–100 from 42, 42.5, "42%" or "42"; -1 when it is none of those. */
static int
parse_progress (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "progress");
  const char *text = kling_json_node_string (node);
  gint64 value;

  if (text != NULL)
    {
      char *end = NULL;

      value = g_ascii_strtoll (text, &end, 10);
      if (end == text)
        return -1;
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double number = json_node_get_double (node);

      value = number >= 100 ? 100 : number > 0 ? (gint64) number : 0;
    }
  else if (!kling_json_node_integer (node, &value))
    return -1;

  return (int) CLAMP (value, 0, 100);
}

/* task_result.videos[0] of a Kling task object. */
static void
read_kling_video (KlingTaskInfo *info,
                  JsonObject    *task)
{
  JsonObject *result = kling_json_member_object (task, "task_result");
  JsonArray *videos = kling_json_member_array (result, "videos");
  JsonNode *first;
  JsonObject *video;

  if (videos == NULL || json_array_get_length (videos) == 0)
    return;
  first = json_array_get_element (videos, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return;

  video = json_node_get_object (first);
  info->video_id = kling_json_member_text (video, "id");
  info->video_url = kling_json_member_text (video, "url");
  info->video_duration = kling_json_member_text (video, "duration");
}

static void
read_kling_task (KlingTaskInfo *info,
                 JsonObject    *task)
{
  info->task_id = kling_json_member_text (task, "task_id");
  info->status = kling_task_status_from_string (kling_json_member_string (task, "task_status"));
  info->status_message = kling_json_member_clean_text (task, "task_status_msg");
  info->external_task_id = kling_json_member_text (kling_json_member_object (task, "task_info"),
                                                   "external_task_id");
  info->created_at_ms = timestamp_ms (task, "created_at", FALSE);
  info->updated_at_ms = timestamp_ms (task, "updated_at", FALSE);
  read_kling_video (info, task);
}

/* The raw Kling JSON a relay keeps in "data": the whole envelope
 * ({"code":0,…,"data":{task}}) or, in some relays, the task itself. */
static JsonObject *
relay_raw_task (JsonObject  *relay_task,
                const char **raw_request_id)
{
  JsonObject *raw = kling_json_member_object (relay_task, "data");
  JsonObject *inner = kling_json_member_object (raw, "data");

  *raw_request_id = kling_json_member_string (raw, "request_id");
  if (inner != NULL)
    return inner;
  if (raw != NULL && (json_object_has_member (raw, "task_status") ||
                      json_object_has_member (raw, "task_result")))
    return raw;
  return NULL;
}

static void
fill_missing (char       **field,
              char        *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static void
read_relay_task (KlingTaskInfo *info,
                 JsonObject    *task)
{
  g_autoptr(KlingTaskInfo) raw_info = kling_task_info_new ();
  const char *raw_request_id = NULL;
  JsonObject *raw = relay_raw_task (task, &raw_request_id);

  if (raw != NULL)
    read_kling_task (raw_info, raw);

  info->task_id = kling_json_member_text (task, "task_id");
  fill_missing (&info->task_id, kling_json_member_text (task, "id"));
  fill_missing (&info->task_id, g_steal_pointer (&raw_info->task_id));

  info->status = kling_task_status_from_string (kling_json_member_string (task, "status"));
  if (info->status == KLING_TASK_STATUS_UNKNOWN)
    info->status = raw_info->status;

  info->status_message = kling_json_member_clean_text (task, "fail_reason");
  fill_missing (&info->status_message, g_steal_pointer (&raw_info->status_message));
  info->progress = parse_progress (task);
  info->external_task_id = g_steal_pointer (&raw_info->external_task_id);

  /* The raw JSON's video first: it has the id and duration too. */
  info->video_id = g_steal_pointer (&raw_info->video_id);
  info->video_duration = g_steal_pointer (&raw_info->video_duration);
  info->video_url = g_steal_pointer (&raw_info->video_url);
  fill_missing (&info->video_url, kling_json_member_text (task, "result_url"));

  info->created_at_ms = timestamp_ms (task, "created_at", TRUE);
  if (info->created_at_ms == 0)
    info->created_at_ms = raw_info->created_at_ms != 0 ? raw_info->created_at_ms
                                                       : timestamp_ms (task, "submit_time", TRUE);
  info->updated_at_ms = timestamp_ms (task, "updated_at", TRUE);
  if (info->updated_at_ms == 0)
    info->updated_at_ms = raw_info->updated_at_ms;

  if (raw_request_id != NULL)
    info->request_id = kling_json_clean_text (raw_request_id);
}

/* One task object in either dialect; the object's own members decide. */
static KlingTaskInfo *
parse_task_object (guint          http_status,
                   JsonObject    *task,
                   KlingDialect   envelope_dialect,
                   const char    *request_id,
                   GError       **error)
{
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  KlingDialect dialect = envelope_dialect;

  if (json_object_has_member (task, "task_status"))
    dialect = KLING_DIALECT_KLING;
  else if (json_object_has_member (task, "status"))
    dialect = KLING_DIALECT_RELAY;

  info->dialect = dialect;
  if (dialect == KLING_DIALECT_KLING)
    read_kling_task (info, task);
  else
    read_relay_task (info, task);

  /* The envelope's request id is the one of this answer: it wins. */
  if (request_id != NULL)
    {
      g_free (info->request_id);
      info->request_id = g_strdup (request_id);
    }

  if (info->task_id == NULL)
    {
      *error = error_wrong_shape (http_status, request_id, _("The server's answer has a task without a “task_id”"));
      return NULL;
    }
  return g_steal_pointer (&info);
}

/**
 * kling_response_parse_task:
 * @http_status: the response's HTTP status
 * @data: (array length=length): the body, not necessarily nul-terminated
 * @length: its length
 * @error: a KLING_ERROR on failure
 *
 * Reads a create or query answer in either dialect. An error envelope, with
 * whatever HTTP status, becomes the matching KLING_ERROR carrying the
 * server's message and request id.
 *
 * Returns: (transfer full): the task, or %NULL with @error set
 */
KlingTaskInfo *
kling_response_parse_task (guint         http_status,
                           const char   *data,
                           gsize         length,
                           GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *request_id = NULL;
  GError *local_error = NULL;
  KlingTaskInfo *info;
  JsonObject *root = NULL;
  JsonObject *task;
  KlingDialect dialect;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parser = open_envelope (http_status, data, length, &root, &dialect, &request_id, error);
  if (parser == NULL)
    return NULL;

  task = kling_json_member_object (root, "data");
  /* A relay's create answer is the bare task. */
  if (task == NULL && !json_object_has_member (root, "data") &&
      (json_object_has_member (root, "task_id") || json_object_has_member (root, "id")))
    task = root;
  if (task == NULL)
    {
      g_propagate_error (error, error_wrong_shape (http_status, request_id,
                                                   _("The server's answer has no “data” object")));
      return NULL;
    }

  info = parse_task_object (http_status, task, dialect, request_id, &local_error);
  if (info == NULL)
    g_propagate_error (error, local_error);
  return info;
}

/**
 * kling_response_parse_task_list:
 *
 * Like kling_response_parse_task() for a list answer, whose "data" is an
 * array of tasks.
 *
 * Returns: (transfer full) (element-type KlingTaskInfo): the tasks, or %NULL
 *   with @error set
 */
GPtrArray *
kling_response_parse_task_list (guint         http_status,
                                const char   *data,
                                gsize         length,
                                GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *request_id = NULL;
  GError *local_error = NULL;
  JsonObject *root = NULL;
  JsonArray *array;
  KlingDialect dialect;
  guint i;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parser = open_envelope (http_status, data, length, &root, &dialect, &request_id, error);
  if (parser == NULL)
    return NULL;

  array = kling_json_member_array (root, "data");
  if (array == NULL)
    {
      g_propagate_error (error, error_wrong_shape (http_status, request_id,
                                                   _("The server's answer has no “data” list of tasks")));
      return NULL;
    }

  tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_task_info_free);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      KlingTaskInfo *info;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, error_wrong_shape (http_status, request_id,
                                                       _("The server's answer has a task list entry that is not an object")));
          return NULL;
        }
      info = parse_task_object (http_status, json_node_get_object (element),
                                dialect, request_id, &local_error);
      if (info == NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_ptr_array_add (tasks, info);
    }

  return g_steal_pointer (&tasks);
}

int
kling_response_get_server_code (const char *data,
                                gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  gint64 code;

  if (data == NULL)
    return -1;
  parser = kling_json_parse_object (data, length, &root, NULL);
  if (parser == NULL || !kling_json_member_integer (root, "code", &code))
    return -1;
  return clamp_server_code (code);
}
