/* kling-fal-response.c — reading fal's queue answers
 *
 * Outside data: every member is type-checked before it is read. fal's errors
 * carry `detail`, a sentence or FastAPI's list of {loc, msg, type}; it is
 * what the artist reads, with the HTTP status (kling-api.md §8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-fal.h"
#include "kling-json.h"

/* "image_url: field required; duration: …" from FastAPI's list. */
static char *
detail_from_list (JsonArray *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (list) && i < 8; i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *loc = item != NULL ? kling_json_member_array (item, "loc") : NULL;
      const char *msg = item != NULL ? kling_json_member_string (item, "msg") : NULL;
      const char *field = NULL;

      if (msg == NULL)
        continue;
      /* The last part of loc names the field ("body", "duration"). */
      if (loc != NULL && json_array_get_length (loc) > 0)
        field = kling_json_node_string (json_array_get_element (loc, json_array_get_length (loc) - 1));
      if (text->len > 0)
        g_string_append (text, "; ");
      if (field != NULL)
        g_string_append_printf (text, "%s: ", field);
      g_string_append (text, msg);
    }
  return text->len > 0 ? kling_json_clean_text (text->str) : NULL;
}

/* fal's own words about a failure, or %NULL. */
static char *
fal_detail (JsonObject *root)
{
  JsonNode *detail = root != NULL ? json_object_get_member (root, "detail") : NULL;

  if (detail != NULL && JSON_NODE_HOLDS_ARRAY (detail))
    return detail_from_list (json_node_get_array (detail));
  if (detail != NULL && kling_json_node_string (detail) != NULL)
    return kling_json_clean_text (kling_json_node_string (detail));
  if (root != NULL && kling_json_member_string (root, "error") != NULL)
    return kling_json_member_clean_text (root, "error");
  return NULL;
}

static GError *
fal_error (guint       http_status,
           JsonObject *root)
{
  g_autofree char *detail = fal_detail (root);
  const char *request_id = root != NULL ? kling_json_member_string (root, "request_id") : NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;

  if (http_status == 405)
    {
      /* Ours to fix: fal answers 405 on a status or result path built from
       * the model's path instead of its app id. */
      what = g_strdup_printf (_("fal refused the request’s address (%s)"),
                              detail != NULL ? detail : _("method not allowed"));
      text = kling_error_format_details (what, NULL, http_status, request_id);
      return g_error_new_literal (KLING_ERROR, KLING_ERROR_PROTOCOL, text);
    }
  return kling_error_new_from_server (http_status, -1, detail, request_id);
}

/* The root object of an answer; an error (fal's, or about the body) when
 * the HTTP status or the body is not one of a good answer. */
static JsonParser *
parse_answer (guint         http_status,
              const char   *data,
              gsize         length,
              gboolean      errors_are_answers,
              JsonObject  **root,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = NULL;

  *root = NULL;
  if (length > 0)
    parser = kling_json_parse_object (data, length, root, &local_error);
  if (http_status >= 400 && !(errors_are_answers && http_status < 500 && *root != NULL))
    {
      g_propagate_error (error, fal_error (http_status, *root));
      return NULL;
    }
  if (parser == NULL)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL,
                   _("fal’s answer could not be read (HTTP %u): %s"), http_status,
                   local_error != NULL ? local_error->message : _("it is empty"));
      return NULL;
    }
  return g_steal_pointer (&parser);
}

static KlingTaskInfo *
wrong_shape (GError     **error,
             guint        http_status,
             const char  *what)
{
  g_set_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL, _("fal’s answer has no %s (HTTP %u)"),
               what, http_status);
  return NULL;
}

/* Reads one answer's root object into a task, or sets @error. */
typedef KlingTaskInfo *(*AnswerReader) (guint        http_status,
                                        JsonObject  *root,
                                        GError     **error);

static KlingTaskInfo *
read_answer (guint          http_status,
             const char    *data,
             gsize          length,
             gboolean       errors_are_answers,
             AnswerReader   reader,
             GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;

  parser = parse_answer (http_status, data, length, errors_are_answers, &root, error);
  if (parser == NULL)
    return NULL;
  return reader (http_status, root, error);
}

static KlingTaskInfo *
read_submit (guint        http_status,
             JsonObject  *root,
             GError     **error)
{
  g_autoptr(KlingTaskInfo) info = NULL;

  if (kling_json_member_string (root, "request_id") == NULL)
    return wrong_shape (error, http_status, "request_id");
  if (kling_json_member_string (root, "status_url") == NULL ||
      kling_json_member_string (root, "response_url") == NULL)
    return wrong_shape (error, http_status, "status_url or response_url");

  info = kling_task_info_new ();
  info->task_id = g_strdup (kling_json_member_string (root, "request_id"));
  info->request_id = g_strdup (info->task_id);
  info->status = KLING_TASK_STATUS_SUBMITTED;
  info->status_url = g_strdup (kling_json_member_string (root, "status_url"));
  info->response_url = g_strdup (kling_json_member_string (root, "response_url"));
  info->cancel_url = g_strdup (kling_json_member_string (root, "cancel_url"));
  return g_steal_pointer (&info);
}

/**
 * kling_fal_parse_submit:
 *
 * `{request_id, status_url, response_url, cancel_url}`: the request is in
 * fal's queue; its id and addresses are what follows it from now on.
 */
KlingTaskInfo *
kling_fal_parse_submit (guint        http_status,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  return read_answer (http_status, data, length, FALSE, read_submit, error);
}

static KlingTaskInfo *
read_status (guint        http_status,
             JsonObject  *root,
             GError     **error)
{
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  const char *status = kling_json_member_string (root, "status");
  gint64 position;

  info->request_id = g_strdup (kling_json_member_string (root, "request_id"));
  info->response_url = g_strdup (kling_json_member_string (root, "response_url"));
  if (g_strcmp0 (status, "IN_QUEUE") == 0)
    {
      info->status = KLING_TASK_STATUS_SUBMITTED;
      if (kling_json_member_integer (root, "queue_position", &position))
        info->status_message = g_strdup_printf (_("Waiting in fal’s queue (position %d)"),
                                                (int) CLAMP (position, 0, G_MAXINT));
    }
  else if (g_strcmp0 (status, "IN_PROGRESS") == 0)
    info->status = KLING_TASK_STATUS_PROCESSING;
  else if (g_strcmp0 (status, "COMPLETED") == 0)
    {
      info->status_message = fal_detail (root);
      info->status = info->status_message != NULL ? KLING_TASK_STATUS_FAILED : KLING_TASK_STATUS_UNKNOWN;
    }
  else
    return wrong_shape (error, http_status, "status IN_QUEUE, IN_PROGRESS or COMPLETED");
  return g_steal_pointer (&info);
}

/**
 * kling_fal_parse_status:
 *
 * `IN_QUEUE` (submitted), `IN_PROGRESS` (processing) or `COMPLETED`: then
 * the result is read from the response URL (status %KLING_TASK_STATUS_UNKNOWN
 * here says so), unless the status already carries the failure.
 */
KlingTaskInfo *
kling_fal_parse_status (guint        http_status,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  return read_answer (http_status, data, length, FALSE, read_status, error);
}

static KlingTaskInfo *
read_result (guint        http_status,
             JsonObject  *root,
             GError     **error)
{
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  JsonObject *video;

  if (http_status >= 400)
    {
      g_autoptr(GError) failure = fal_error (http_status, root);

      info->status = KLING_TASK_STATUS_FAILED;
      info->status_message = g_strdup (failure->message);
      return g_steal_pointer (&info);
    }
  video = kling_json_member_object (root, "video");
  if (video == NULL || kling_json_member_string (video, "url") == NULL)
    return wrong_shape (error, http_status, "video.url");
  info->status = KLING_TASK_STATUS_SUCCEED;
  info->progress = 100;
  info->video_url = g_strdup (kling_json_member_string (video, "url"));
  return g_steal_pointer (&info);
}

/**
 * kling_fal_parse_result:
 *
 * `{"video": {"url", …}}` for a video; fal's error for the request (a 4xx
 * with `detail`) is the task's failure, in fal's words.
 */
KlingTaskInfo *
kling_fal_parse_result (guint        http_status,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  return read_answer (http_status, data, length, TRUE, read_result, error);
}

static KlingTaskInfo *
read_cancel (guint        http_status,
             JsonObject  *root,
             GError     **error)
{
  const char *status = kling_json_member_string (root, "status");
  KlingTaskInfo *info;

  if (http_status == 400 && g_strcmp0 (status, "ALREADY_COMPLETED") == 0)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_PARAMETERS,
                           _("fal has already started this request, so it goes on (ALREADY_COMPLETED)"));
      return NULL;
    }
  if (http_status == 404 && g_strcmp0 (status, "NOT_FOUND") == 0)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NOT_FOUND,
                           _("fal has no such request in its queue (NOT_FOUND)"));
      return NULL;
    }
  if (http_status >= 400)
    {
      g_propagate_error (error, fal_error (http_status, root));
      return NULL;
    }
  if (g_strcmp0 (status, "CANCELLATION_REQUESTED") != 0)
    return wrong_shape (error, http_status, "status CANCELLATION_REQUESTED");
  info = kling_task_info_new ();
  info->status = KLING_TASK_STATUS_FAILED;
  info->status_message = g_strdup (_("Withdrawn from fal’s queue"));
  return info;
}

/**
 * kling_fal_parse_cancel:
 *
 * fal says `CANCELLATION_REQUESTED` (202) for a request it took out of its
 * queue, `ALREADY_COMPLETED` (400) for one that has left the queue: it has
 * started or finished, and goes on. Other answers are fal's errors.
 */
KlingTaskInfo *
kling_fal_parse_cancel (guint        http_status,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  return read_answer (http_status, data, length, TRUE, read_cancel, error);
}
