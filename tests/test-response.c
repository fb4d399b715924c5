/* test-response.c — reading the API's answers in both dialects
 *
 * Table-driven: each case is a body as a server (or a broken proxy) could
 * send it, and what the user gets from it: the task's fields, or the error's
 * code and the words its message must contain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-error.h"
#include "kling-response.h"

typedef struct {
  const char      *name;
  guint            http_status;
  const char      *body;
  /* A failure: its code and up to three pieces of its message. */
  gboolean         fails;
  int              code;
  const char      *message_has[3];
  const char      *message_lacks;
  /* A success: every field (NULL strings must be NULL). */
  const char      *task_id;
  KlingTaskStatus  status;
  const char      *status_message;
  const char      *external_task_id;
  const char      *video_id;
  const char      *video_url;
  const char      *video_duration;
  gint64           created_at_ms;
  gint64           updated_at_ms;
  int              progress;
  const char      *request_id;
  KlingDialect     dialect;
} TaskCase;

#define KLING_VIDEO \
  "\"task_result\":{\"videos\":[{\"id\":\"v-1\",\"url\":\"https://cdn.example/v-1.mp4\",\"duration\":\"5.066\"}]}"

static const TaskCase task_cases[] = {
  /* ---- Kling dialect ---- */
  { .name = "kling-create", .http_status = 200,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"req-1\",\"data\":{"
            "\"task_id\":\"861309198188019719\",\"task_status\":\"submitted\","
            "\"task_info\":{\"external_task_id\":\"ext-1\"},"
            "\"created_at\":1722769557708,\"updated_at\":1722769557709}}",
    .task_id = "861309198188019719", .status = KLING_TASK_STATUS_SUBMITTED,
    .external_task_id = "ext-1", .created_at_ms = 1722769557708, .updated_at_ms = 1722769557709,
    .progress = -1, .request_id = "req-1", .dialect = KLING_DIALECT_KLING },
  { .name = "kling-succeed", .http_status = 200,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"req-2\",\"data\":{"
            "\"task_id\":\"t2\",\"task_status\":\"succeed\",\"task_status_msg\":\"\","
            "\"task_info\":{}," KLING_VIDEO ",\"created_at\":1000,\"updated_at\":2000}}",
    .task_id = "t2", .status = KLING_TASK_STATUS_SUCCEED, .video_id = "v-1",
    .video_url = "https://cdn.example/v-1.mp4", .video_duration = "5.066",
    .created_at_ms = 1000, .updated_at_ms = 2000, .progress = -1, .request_id = "req-2" },
  { .name = "kling-failed-moderation", .http_status = 200,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"req-3\",\"data\":{"
            "\"task_id\":\"t3\",\"task_status\":\"failed\","
            "\"task_status_msg\":\"Failure to pass the risk control system\",\"task_result\":null}}",
    .task_id = "t3", .status = KLING_TASK_STATUS_FAILED,
    .status_message = "Failure to pass the risk control system", .progress = -1, .request_id = "req-3" },
  { .name = "kling-processing-nulls", .http_status = 200,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":null,\"data\":{"
            "\"task_id\":\"t4\",\"task_status\":\"processing\",\"task_status_msg\":null,"
            "\"task_info\":null,\"task_result\":null,\"created_at\":null}}",
    .task_id = "t4", .status = KLING_TASK_STATUS_PROCESSING, .progress = -1 },
  { .name = "kling-empty-objects", .http_status = 200,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"t5\",\"task_status\":\"processing\","
            "\"task_status_msg\":{},\"task_result\":{},\"task_info\":{\"external_task_id\":{}}}}",
    .task_id = "t5", .status = KLING_TASK_STATUS_PROCESSING, .progress = -1 },
  { .name = "kling-wrong-types", .http_status = 200,
    .body = "{\"code\":0,\"message\":7,\"request_id\":[1],\"data\":{\"task_id\":\"t6\","
            "\"task_status\":17,\"task_result\":{\"videos\":{\"url\":\"x\"}},"
            "\"created_at\":\"soon\",\"updated_at\":true}}",
    .task_id = "t6", .status = KLING_TASK_STATUS_UNKNOWN, .progress = -1 },
  { .name = "kling-videos-odd", .http_status = 200,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"t7\",\"task_status\":\"succeed\","
            "\"task_result\":{\"videos\":[\"https://x\",{\"url\":\"https://y\"}]}}}",
    .task_id = "t7", .status = KLING_TASK_STATUS_SUCCEED, .progress = -1 },
  { .name = "kling-videos-empty", .http_status = 200,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"t8\",\"task_status\":\"succeed\","
            "\"task_result\":{\"videos\":[]}}}",
    .task_id = "t8", .status = KLING_TASK_STATUS_SUCCEED, .progress = -1 },
  { .name = "kling-numbers-as-text", .http_status = 200,
    .body = "{\"code\":\"0\",\"data\":{\"task_id\":861309198188019719,\"task_status\":\"SUCCEED\","
            "\"task_result\":{\"videos\":[{\"id\":12,\"url\":\"https://z\",\"duration\":5}]},"
            "\"created_at\":\"1722769557708\",\"updated_at\":1.7227695577e12}}",
    .task_id = "861309198188019719", .status = KLING_TASK_STATUS_SUCCEED, .video_id = "12",
    .video_url = "https://z", .video_duration = "5", .created_at_ms = 1722769557708,
    .updated_at_ms = 1722769557700, .progress = -1, .dialect = KLING_DIALECT_KLING },
  { .name = "kling-huge-numbers", .http_status = 200,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"t9\",\"task_status\":\"submitted\","
            "\"created_at\":1e300,\"updated_at\":-5}}",
    .task_id = "t9", .status = KLING_TASK_STATUS_SUBMITTED, .progress = -1 },
  { .name = "kling-control-chars", .http_status = 200,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"t10\",\"task_status\":\"failed\","
            "\"task_status_msg\":\"line one\\nline two\\u0007\"}}",
    .task_id = "t10", .status = KLING_TASK_STATUS_FAILED, .status_message = "line one line two ",
    .progress = -1 },

  /* ---- Relay dialect ---- */
  { .name = "relay-create", .http_status = 200,
    .body = "{\"id\":\"r1\",\"task_id\":\"r1\",\"object\":\"video\",\"status\":\"queued\","
            "\"progress\":0,\"created_at\":1722769557}",
    .task_id = "r1", .status = KLING_TASK_STATUS_SUBMITTED, .created_at_ms = 1722769557000,
    .progress = 0, .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-create-id-only", .http_status = 200,
    .body = "{\"id\":\"r2\",\"object\":\"video\",\"status\":\"NOT_START\"}",
    .task_id = "r2", .status = KLING_TASK_STATUS_SUBMITTED, .progress = -1,
    .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-success-raw", .http_status = 200,
    .body = "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"r3\",\"status\":\"SUCCESS\","
            "\"progress\":\"100%\",\"fail_reason\":\"\",\"result_url\":\"https://relay/r3.mp4\","
            "\"created_at\":1722769557,"
            "\"data\":{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"raw-req\",\"data\":{"
            "\"task_id\":\"k3\",\"task_status\":\"succeed\",\"task_info\":{\"external_task_id\":\"ext-3\"},"
            KLING_VIDEO ",\"created_at\":1722769557708,\"updated_at\":1722769600000}}}}",
    .task_id = "r3", .status = KLING_TASK_STATUS_SUCCEED, .external_task_id = "ext-3",
    .video_id = "v-1", .video_url = "https://cdn.example/v-1.mp4", .video_duration = "5.066",
    .created_at_ms = 1722769557000, .updated_at_ms = 1722769600000, .progress = 100,
    .request_id = "raw-req", .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-success-result-url", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r4\",\"status\":\"SUCCESS\","
            "\"progress\":\"100%\",\"result_url\":\"https://relay/r4.mp4\",\"data\":null}}",
    .task_id = "r4", .status = KLING_TASK_STATUS_SUCCEED, .video_url = "https://relay/r4.mp4",
    .progress = 100, .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-failure", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r5\",\"status\":\"FAILURE\","
            "\"progress\":\"100%\",\"fail_reason\":\"content moderation\"}}",
    .task_id = "r5", .status = KLING_TASK_STATUS_FAILED, .status_message = "content moderation",
    .progress = 100, .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-in-progress", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r6\",\"status\":\"IN_PROGRESS\","
            "\"progress\":\"45%\",\"data\":{}}}",
    .task_id = "r6", .status = KLING_TASK_STATUS_PROCESSING, .progress = 45,
    .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-unknown-state", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r7\",\"status\":\"UNKNOWN\",\"progress\":\"n/a\"}}",
    .task_id = "r7", .status = KLING_TASK_STATUS_UNKNOWN, .progress = -1,
    .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-odd-state-raw-wins", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r8\",\"status\":\"WEIRD\",\"progress\":150,"
            "\"data\":{\"task_status\":\"processing\",\"task_status_msg\":\"busy\"}}}",
    .task_id = "r8", .status = KLING_TASK_STATUS_PROCESSING, .status_message = "busy",
    .progress = 100, .dialect = KLING_DIALECT_RELAY },
  { .name = "relay-progress-float", .http_status = 200,
    .body = "{\"code\":\"success\",\"data\":{\"task_id\":\"r9\",\"status\":\"QUEUED\",\"progress\":-3.5}}",
    .task_id = "r9", .status = KLING_TASK_STATUS_SUBMITTED, .progress = 0,
    .dialect = KLING_DIALECT_RELAY },

  /* ---- Error envelopes (kling-api.md §4), whatever the HTTP status ---- */
  { .name = "error-1002", .http_status = 401, .fails = TRUE, .code = KLING_ERROR_AUTHENTICATION,
    .body = "{\"code\":1002,\"message\":\"Authorization is invalid\",\"request_id\":\"req-a\"}",
    .message_has = { "Authorization is invalid", "request id req-a", "code 1002" } },
  { .name = "error-1004", .http_status = 401, .fails = TRUE, .code = KLING_ERROR_AUTHENTICATION,
    .body = "{\"code\":1004,\"message\":\"token expired\",\"request_id\":\"req-b\"}",
    .message_has = { "expired", "token expired", "req-b" } },
  { .name = "error-1100", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_ACCOUNT,
    .body = "{\"code\":1100,\"message\":\"account abnormal\",\"request_id\":\"r\"}",
    .message_has = { "account abnormal", "request id r" } },
  { .name = "error-1102", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_RESOURCE_EXHAUSTED,
    .body = "{\"code\":1102,\"message\":\"resource pack exhausted\",\"request_id\":\"r\"}",
    .message_has = { "resource pack exhausted", "code 1102" } },
  { .name = "error-1103", .http_status = 403, .fails = TRUE, .code = KLING_ERROR_PERMISSION,
    .body = "{\"code\":1103,\"message\":\"no permission\",\"request_id\":\"r\"}",
    .message_has = { "no permission" } },
  { .name = "error-1201", .http_status = 400, .fails = TRUE, .code = KLING_ERROR_INVALID_PARAMETERS,
    .body = "{\"code\":1201,\"message\":\"File is not in a valid base64 format\",\"request_id\":\"r1201\"}",
    .message_has = { "File is not in a valid base64 format", "request id r1201" } },
  { .name = "error-1201-http-200", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_INVALID_PARAMETERS,
    .body = "{\"code\":1201,\"message\":\"bad duration\",\"request_id\":\"r200\",\"data\":{\"task_id\":\"x\"}}",
    .message_has = { "bad duration", "HTTP 200", "r200" } },
  { .name = "error-1203", .http_status = 404, .fails = TRUE, .code = KLING_ERROR_NOT_FOUND,
    .body = "{\"code\":1203,\"message\":\"task not found\",\"request_id\":\"r\"}",
    .message_has = { "task not found" } },
  { .name = "error-1301", .http_status = 400, .fails = TRUE, .code = KLING_ERROR_CONTENT_REFUSED,
    .body = "{\"code\":1301,\"message\":\"content risk\",\"request_id\":\"r\"}",
    .message_has = { "content risk" } },
  { .name = "error-1303", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_RATE_LIMITED,
    .body = "{\"code\":1303,\"message\":\"parallel task over resource pack limit\",\"request_id\":\"r\"}",
    .message_has = { "parallel task over resource pack limit" } },
  { .name = "error-1304", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_IP_NOT_ALLOWED,
    .body = "{\"code\":1304,\"message\":\"ip not allowed\",\"request_id\":\"r\"}",
    .message_has = { "ip not allowed" } },
  { .name = "error-5001", .http_status = 503, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "{\"code\":5001,\"message\":\"maintenance\",\"request_id\":\"r5001\"}",
    .message_has = { "maintenance", "r5001", "503" } },
  { .name = "error-code-huge", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_INVALID_PARAMETERS,
    .body = "{\"code\":2147483648,\"message\":\"odd\",\"data\":{\"task_id\":\"x\"}}",
    .message_has = { "odd" } },
  { .name = "error-code-numeric-string", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_RATE_LIMITED,
    .body = "{\"code\":\"1303\",\"message\":\"too many\"}",
    .message_has = { "too many", "code 1303" } },
  { .name = "error-success-with-500", .http_status = 500, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r500\",\"data\":{\"task_id\":\"x\"}}",
    .message_has = { "HTTP 500", "r500" } },
  { .name = "error-message-wrong-type", .http_status = 401, .fails = TRUE, .code = KLING_ERROR_AUTHENTICATION,
    .body = "{\"code\":1002,\"message\":{\"text\":\"x\"},\"request_id\":\"rq\"}",
    .message_has = { "request id rq", "code 1002" } },
  { .name = "relay-task-not-exist", .http_status = 400, .fails = TRUE, .code = KLING_ERROR_NOT_FOUND,
    .body = "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}",
    .message_has = { "The task does not exist", "code task_not_exist", "HTTP 400" } },
  { .name = "relay-task-failed", .http_status = 400, .fails = TRUE, .code = KLING_ERROR_TASK_FAILED,
    .body = "{\"code\":\"task_failed\",\"message\":\"upstream said no\"}",
    .message_has = { "upstream said no", "task_failed" } },
  { .name = "relay-other-code-200", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_INVALID_PARAMETERS,
    .body = "{\"code\":\"invalid_request\",\"message\":\"model not supported\"}",
    .message_has = { "model not supported", "invalid_request" } },
  { .name = "relay-other-code-502", .http_status = 502, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "{\"code\":\"upstream_error\",\"message\":\"bad upstream\"}",
    .message_has = { "bad upstream" } },
  { .name = "relay-invalid-token", .http_status = 401, .fails = TRUE, .code = KLING_ERROR_AUTHENTICATION,
    .body = "{\"code\":\"invalid_token\",\"message\":\"Authorization is invalid\"}",
    .message_has = { "Authorization is invalid", "code invalid_token", "HTTP 401" } },
  { .name = "relay-quota", .http_status = 403, .fails = TRUE, .code = KLING_ERROR_RESOURCE_EXHAUSTED,
    .body = "{\"code\":\"insufficient_user_quota\",\"message\":\"Account balance not enough\"}",
    .message_has = { "Account balance not enough" } },
  { .name = "relay-rate-limit", .http_status = 429, .fails = TRUE, .code = KLING_ERROR_RATE_LIMITED,
    .body = "{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}",
    .message_has = { "slow down" } },
  { .name = "openai-style-500", .http_status = 500, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "{\"error\":{\"message\":\"boom\",\"type\":\"server\"}}",
    .message_has = { "boom", "HTTP 500" } },
  { .name = "plain-404", .http_status = 404, .fails = TRUE, .code = KLING_ERROR_NOT_FOUND,
    .body = "{\"message\":\"Not Found\"}",
    .message_has = { "Not Found", "HTTP 404" } },

  /* ---- Not JSON, or JSON of the wrong shape ---- */
  { .name = "html-502", .http_status = 502, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
            "<body><h1>Bad Gateway</h1><p>secret-looking stuff</p></body></html>",
    .message_has = { "HTML", "HTTP 502" }, .message_lacks = "Bad Gateway" },
  { .name = "plain-text-200", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "OK", .message_has = { "not JSON", "HTTP 200" } },
  { .name = "truncated", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"86130919",
    .message_has = { "cut short" }, .message_lacks = "86130919" },
  { .name = "empty-200", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "", .message_has = { "empty", "HTTP 200" } },
  { .name = "blank-200", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = " \r\n\t ", .message_has = { "empty" } },
  { .name = "empty-503", .http_status = 503, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "", .message_has = { "HTTP 503" } },
  { .name = "empty-404", .http_status = 404, .fails = TRUE, .code = KLING_ERROR_NOT_FOUND,
    .body = "", .message_has = { "HTTP 404" } },
  { .name = "root-array", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "[{\"code\":0}]", .message_has = { "not an object" } },
  { .name = "root-array-500", .http_status = 500, .fails = TRUE, .code = KLING_ERROR_SERVER,
    .body = "[]", .message_has = { "HTTP 500" } },
  { .name = "root-null", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "null", .message_has = { "not an object" } },
  { .name = "root-string", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "\"hello\"", .message_has = { "not an object" } },
  { .name = "root-number", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "42", .message_has = { "not an object" } },
  { .name = "no-data", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"rnd\"}",
    .message_has = { "“data”", "request id rnd" } },
  { .name = "data-null", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":null}", .message_has = { "“data”" } },
  { .name = "data-array", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":[{\"task_id\":\"x\"}]}", .message_has = { "“data”" } },
  { .name = "data-string", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":\"t1\"}", .message_has = { "“data”" } },
  { .name = "no-task-id", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"request_id\":\"rid\",\"data\":{\"task_status\":\"submitted\"}}",
    .message_has = { "“task_id”", "rid" } },
  { .name = "task-id-empty", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"\",\"task_status\":\"submitted\"}}",
    .message_has = { "“task_id”" } },
  { .name = "task-id-object", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":{\"task_id\":{\"id\":1},\"task_status\":\"submitted\"}}",
    .message_has = { "“task_id”" } },
  { .name = "invalid-utf8", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,\"data\":{\"task_id\":\"\xff\xfe\"}}", .message_has = { "HTTP 200" } },
  { .name = "trailing-comma", .http_status = 200, .fails = TRUE, .code = KLING_ERROR_PROTOCOL,
    .body = "{\"code\":0,}", .message_has = { "not valid JSON" } },
};

static void
assert_task_case (gconstpointer data)
{
  const TaskCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  guint i;

  info = kling_response_parse_task (c->http_status, c->body, strlen (c->body), &error);

  if (c->fails)
    {
      g_assert_null (info);
      g_assert_error (error, KLING_ERROR, c->code);
      for (i = 0; i < G_N_ELEMENTS (c->message_has) && c->message_has[i] != NULL; i++)
        if (strstr (error->message, c->message_has[i]) == NULL)
          g_error ("“%s” lacks “%s”", error->message, c->message_has[i]);
      if (c->message_lacks != NULL)
        g_assert_null (strstr (error->message, c->message_lacks));
      /* One line, never the whole body. */
      g_assert_null (strchr (error->message, '\n'));
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->task_id, ==, c->task_id);
  g_assert_cmpint (info->status, ==, c->status);
  g_assert_cmpstr (info->status_message, ==, c->status_message);
  g_assert_cmpstr (info->external_task_id, ==, c->external_task_id);
  g_assert_cmpstr (info->video_id, ==, c->video_id);
  g_assert_cmpstr (info->video_url, ==, c->video_url);
  g_assert_cmpstr (info->video_duration, ==, c->video_duration);
  g_assert_cmpint (info->created_at_ms, ==, c->created_at_ms);
  g_assert_cmpint (info->updated_at_ms, ==, c->updated_at_ms);
  g_assert_cmpint (info->progress, ==, c->progress);
  g_assert_cmpstr (info->request_id, ==, c->request_id);
  g_assert_cmpint (info->dialect, ==, c->dialect);
}

/* A long, multi-line server message is shown on one bounded line. */
static void
test_response_long_message (void)
{
  g_autoptr(GString) body = g_string_new ("{\"code\":1201,\"request_id\":\"rl\",\"message\":\"first\\nsecond ");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  guint i;

  for (i = 0; i < 5000; i++)
    g_string_append (body, "\xc3\xa9");
  g_string_append (body, "\"}");

  info = kling_response_parse_task (400, body->str, body->len, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_PARAMETERS);
  g_assert_nonnull (strstr (error->message, "first second "));
  g_assert_nonnull (strstr (error->message, "request id rl"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), <, 1200);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* json-glib recurses: a body of nested brackets must not overflow the stack. */
static void
test_response_deep_nesting (void)
{
  gsize length = 1024 * 1024;
  g_autofree char *body = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *shallow = NULL;

  memset (body, '[', length);
  info = kling_response_parse_task (200, body, length, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  g_clear_error (&error);

  memset (body, '{', length);
  tasks = kling_response_parse_task_list (200, body, length, &error);
  g_assert_null (tasks);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  g_assert_cmpint (kling_response_get_server_code (body, length), ==, -1);
  g_clear_error (&error);

  /* Brackets inside strings do not count, and real nesting up to the limit parses. */
  shallow = g_strdup_printf ("{\"code\":0,\"message\":\"%s\",\"data\":{\"task_id\":\"d\","
                             "\"task_status\":\"submitted\",\"task_info\":{\"x\":[[[[[1]]]]]}}}",
                             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
  g_clear_pointer (&info, kling_task_info_free);
  info = kling_response_parse_task (200, shallow, strlen (shallow), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->task_id, ==, "d");
}

/* The body is read by its length, not up to a nul. */
static void
test_response_not_nul_terminated (void)
{
  static const char body[] = "{\"code\":0,\"data\":{\"task_id\":\"n1\",\"task_status\":\"submitted\"}}GARBAGE";
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autofree char *copy = g_memdup2 (body, strlen (body) - 7);

  info = kling_response_parse_task (200, copy, strlen (body) - 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->task_id, ==, "n1");

  /* An embedded nul is not JSON. */
  g_clear_pointer (&info, kling_task_info_free);
  info = kling_response_parse_task (200, "{\"code\":0}\0{}", 13, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
}

static void
test_response_list_kling (void)
{
  static const char body[] =
    "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"lr\",\"data\":["
    "{\"task_id\":\"a\",\"task_status\":\"succeed\",\"task_info\":{\"external_task_id\":\"ea\"},"
    KLING_VIDEO "},"
    "{\"task_id\":\"b\",\"task_status\":\"failed\",\"task_status_msg\":\"nope\",\"task_result\":{}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = kling_response_parse_task_list (200, body, strlen (body), &error);
  KlingTaskInfo *a, *b;

  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  a = tasks->pdata[0];
  b = tasks->pdata[1];
  g_assert_cmpstr (a->task_id, ==, "a");
  g_assert_cmpstr (a->external_task_id, ==, "ea");
  g_assert_cmpstr (a->video_url, ==, "https://cdn.example/v-1.mp4");
  g_assert_cmpstr (a->request_id, ==, "lr");
  g_assert_cmpint (b->status, ==, KLING_TASK_STATUS_FAILED);
  g_assert_cmpstr (b->status_message, ==, "nope");
  g_assert_null (b->video_url);
}

static void
test_response_list_relay (void)
{
  static const char body[] =
    "{\"code\":\"success\",\"data\":["
    "{\"task_id\":\"r\",\"status\":\"IN_PROGRESS\",\"progress\":\"10%\"},"
    "{\"task_id\":\"s\",\"status\":\"SUCCESS\",\"result_url\":\"https://relay/s.mp4\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = kling_response_parse_task_list (200, body, strlen (body), &error);
  KlingTaskInfo *r, *s;

  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  r = tasks->pdata[0];
  s = tasks->pdata[1];
  g_assert_cmpint (r->status, ==, KLING_TASK_STATUS_PROCESSING);
  g_assert_cmpint (r->progress, ==, 10);
  g_assert_cmpint (r->dialect, ==, KLING_DIALECT_RELAY);
  g_assert_cmpstr (s->video_url, ==, "https://relay/s.mp4");
}

static void
test_response_list_errors (void)
{
  static const struct {
    guint       http_status;
    const char *body;
    int         code;
    const char *message_has;
  } cases[] = {
    { 200, "{\"code\":0,\"data\":[]}", 0, NULL },
    { 200, "{\"code\":0,\"data\":{\"task_id\":\"x\"}}", KLING_ERROR_PROTOCOL, "“data” list" },
    { 200, "{\"code\":0,\"data\":null}", KLING_ERROR_PROTOCOL, "“data” list" },
    { 200, "{\"code\":0,\"data\":[1,2]}", KLING_ERROR_PROTOCOL, "not an object" },
    { 200, "{\"code\":0,\"data\":[{\"task_status\":\"failed\"}]}", KLING_ERROR_PROTOCOL, "“task_id”" },
    { 200, "[]", KLING_ERROR_PROTOCOL, "not an object" },
    { 401, "{\"code\":1001,\"message\":\"no header\",\"request_id\":\"lq\"}", KLING_ERROR_AUTHENTICATION, "lq" },
    { 502, "<html>gateway</html>", KLING_ERROR_PROTOCOL, "HTTP 502" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tasks = kling_response_parse_task_list (cases[i].http_status, cases[i].body,
                                                                   strlen (cases[i].body), &error);

      if (cases[i].message_has == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (tasks->len, ==, 0);
          continue;
        }
      g_assert_null (tasks);
      g_assert_error (error, KLING_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_has));
    }
}

static void
test_response_server_code (void)
{
  static const char auth[] = "{\"code\":1004,\"message\":\"expired\"}";
  static const char text[] = "{\"code\":\"1303\"}";
  static const char relay[] = "{\"code\":\"task_failed\"}";

  g_assert_cmpint (kling_response_get_server_code (auth, strlen (auth)), ==, 1004);
  g_assert_cmpint (kling_response_get_server_code (text, strlen (text)), ==, 1303);
  g_assert_cmpint (kling_response_get_server_code (relay, strlen (relay)), ==, -1);
  g_assert_cmpint (kling_response_get_server_code ("<html>", 6), ==, -1);
  g_assert_cmpint (kling_response_get_server_code ("[1]", 3), ==, -1);
  g_assert_cmpint (kling_response_get_server_code ("", 0), ==, -1);
}

static void
test_response_status_strings (void)
{
  g_assert_cmpint (kling_task_status_from_string ("succeed"), ==, KLING_TASK_STATUS_SUCCEED);
  g_assert_cmpint (kling_task_status_from_string ("SUCCESS"), ==, KLING_TASK_STATUS_SUCCEED);
  g_assert_cmpint (kling_task_status_from_string ("NOT_START"), ==, KLING_TASK_STATUS_SUBMITTED);
  g_assert_cmpint (kling_task_status_from_string ("QUEUED"), ==, KLING_TASK_STATUS_SUBMITTED);
  g_assert_cmpint (kling_task_status_from_string ("IN_PROGRESS"), ==, KLING_TASK_STATUS_PROCESSING);
  g_assert_cmpint (kling_task_status_from_string ("FAILURE"), ==, KLING_TASK_STATUS_FAILED);
  g_assert_cmpint (kling_task_status_from_string ("UNKNOWN"), ==, KLING_TASK_STATUS_UNKNOWN);
  g_assert_cmpint (kling_task_status_from_string ("banana"), ==, KLING_TASK_STATUS_UNKNOWN);
  g_assert_cmpint (kling_task_status_from_string (NULL), ==, KLING_TASK_STATUS_UNKNOWN);

  g_assert_cmpstr (kling_task_status_to_string (KLING_TASK_STATUS_SUBMITTED), ==, "submitted");
  g_assert_cmpstr (kling_task_status_to_string (KLING_TASK_STATUS_PROCESSING), ==, "processing");
  g_assert_cmpstr (kling_task_status_to_string (KLING_TASK_STATUS_SUCCEED), ==, "succeed");
  g_assert_cmpstr (kling_task_status_to_string (KLING_TASK_STATUS_FAILED), ==, "failed");
  g_assert_cmpstr (kling_task_status_to_string (KLING_TASK_STATUS_UNKNOWN), ==, "unknown");
}

static void
test_response_info_copy (void)
{
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  g_autoptr(KlingTaskInfo) copy = NULL;

  g_assert_cmpint (info->progress, ==, -1);
  info->task_id = g_strdup ("t");
  info->video_url = g_strdup ("https://v");
  info->status = KLING_TASK_STATUS_SUCCEED;
  info->created_at_ms = 42;

  copy = kling_task_info_copy (info);
  g_assert_true (copy->task_id != info->task_id);
  g_assert_cmpstr (copy->task_id, ==, "t");
  g_assert_cmpstr (copy->video_url, ==, "https://v");
  g_assert_null (copy->request_id);
  g_assert_cmpint (copy->status, ==, KLING_TASK_STATUS_SUCCEED);
  g_assert_cmpint (copy->created_at_ms, ==, 42);
  kling_task_info_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (task_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/response/task/%s", task_cases[i].name);

      g_test_add_data_func (path, &task_cases[i], assert_task_case);
    }
  g_test_add_func ("/response/long-message", test_response_long_message);
  g_test_add_func ("/response/deep-nesting", test_response_deep_nesting);
  g_test_add_func ("/response/not-nul-terminated", test_response_not_nul_terminated);
  g_test_add_func ("/response/list/kling", test_response_list_kling);
  g_test_add_func ("/response/list/relay", test_response_list_relay);
  g_test_add_func ("/response/list/errors", test_response_list_errors);
  g_test_add_func ("/response/server-code", test_response_server_code);
  g_test_add_func ("/response/status-strings", test_response_status_strings);
  g_test_add_func ("/response/info-copy", test_response_info_copy);

  return g_test_run ();
}
