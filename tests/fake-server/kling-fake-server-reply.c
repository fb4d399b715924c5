/* kling-fake-server-reply.c — the fake server's answers, in both dialects
 *
 * Kling dialect: {"code": int, "message", "request_id", "data"} with the
 * HTTP status of kling-api.md §4.
 *
 * Relay dialect (a "new-api" proxy in front of Kling): creates answer
 * {"id", "task_id", "object": "video", "status": "queued", "progress": 0,
 * "created_at": seconds}; queries {"code": "success", "message": "",
 * "data": {"task_id", "status", "progress": "N%", "fail_reason",
 * "result_url", "data": <the raw Kling envelope>}}; the list the same
 * objects in an array. Errors carry a string code and the upstream Kling
 * message; our choice of codes and statuses (relays differ, none is
 * documented):
 *   1000–1004     → 401 "invalid_token"
 *   1100–1102     → 403 "insufficient_user_quota"
 *   1203          → 400 "task_not_exist"
 *   1302, 1303    → 429 "rate_limit_exceeded" (Retry-After kept)
 *   5000–5002     → the same 5xx, "upstream_error"
 *   anything else → 400 "task_failed"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-private.h"

#define HUGE_BODY_SIZE   (20 * 1024 * 1024)
#define HUGE_CHUNK_SIZE  (64 * 1024)

const char *
kling_fake_status_to_string (KlingFakeStatus status)
{
  switch (status)
    {
    case KLING_FAKE_STATUS_SUBMITTED: return "submitted";
    case KLING_FAKE_STATUS_PROCESSING: return "processing";
    case KLING_FAKE_STATUS_SUCCEED: return "succeed";
    case KLING_FAKE_STATUS_FAILED: return "failed";
    default: g_assert_not_reached ();
    }
}

static void
reply_node (SoupServerMessage *msg,
            guint              http_status,
            JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, http_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
relay_error_for (int          code,
                 guint        http_status,
                 guint       *relay_status,
                 const char **relay_code)
{
  *relay_status = SOUP_STATUS_BAD_REQUEST;
  *relay_code = "task_failed";
  if (code >= 1000 && code <= 1004)
    {
      *relay_status = SOUP_STATUS_UNAUTHORIZED;
      *relay_code = "invalid_token";
    }
  else if (code >= 1100 && code <= 1102)
    {
      *relay_status = SOUP_STATUS_FORBIDDEN;
      *relay_code = "insufficient_user_quota";
    }
  else if (code == 1203)
    *relay_code = "task_not_exist";
  else if (code == 1302 || code == 1303)
    {
      *relay_status = 429;
      *relay_code = "rate_limit_exceeded";
    }
  else if (code >= 5000)
    {
      *relay_status = http_status;
      *relay_code = "upstream_error";
    }
}

void
kling_fake_reply_error (KlingFakeServer   *self,
                        SoupServerMessage *msg,
                        guint              http_status,
                        int                code,
                        const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *request_id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  if (self->dialect == KLING_FAKE_DIALECT_RELAY)
    {
      const char *relay_code;

      relay_error_for (code, http_status, &http_status, &relay_code);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, relay_code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
    }
  else
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_set_member_name (builder, "request_id");
      json_builder_add_string_value (builder, request_id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  reply_node (msg, http_status, root);
}

static char *
video_url (KlingFakeServer *self,
           KlingFakeTask   *task)
{
  return g_strdup_printf ("%s/cdn/videos/%s.mp4", self->base_url, task->task_id);
}

static void
add_task_result (KlingFakeServer *self,
                 JsonBuilder     *builder,
                 KlingFakeTask   *task,
                 KlingFakeStatus  status)
{
  g_autofree char *url = NULL;
  g_autofree char *duration = NULL;

  /* Absent while submitted or failed, {} while processing. */
  if (status == KLING_FAKE_STATUS_SUBMITTED || status == KLING_FAKE_STATUS_FAILED)
    return;

  json_builder_set_member_name (builder, "task_result");
  json_builder_begin_object (builder);
  if (status == KLING_FAKE_STATUS_SUCCEED)
    {
      url = video_url (self, task);
      duration = g_strdup_printf ("%s.066", task->duration);
      json_builder_set_member_name (builder, "videos");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, task->video_id);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
      json_builder_set_member_name (builder, "duration");
      json_builder_add_string_value (builder, duration);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_task_info (JsonBuilder   *builder,
               KlingFakeTask *task)
{
  json_builder_set_member_name (builder, "task_info");
  json_builder_begin_object (builder);
  if (task->external_task_id != NULL)
    {
      json_builder_set_member_name (builder, "external_task_id");
      json_builder_add_string_value (builder, task->external_task_id);
    }
  json_builder_end_object (builder);
}

/* The "data" object of a query, in Kling's shape. */
static void
add_kling_task (KlingFakeServer *self,
                JsonBuilder     *builder,
                KlingFakeTask   *task)
{
  gint64 updated_at;
  KlingFakeStatus status = kling_fake_task_get_status (task, &updated_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, task->task_id);
  json_builder_set_member_name (builder, "task_status");
  json_builder_add_string_value (builder, kling_fake_status_to_string (status));
  json_builder_set_member_name (builder, "task_status_msg");
  json_builder_add_string_value (builder, status == KLING_FAKE_STATUS_FAILED ? task->fail_message : "");
  add_task_info (builder, task);
  add_task_result (self, builder, task, status);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, task->created_at_ms);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_int_value (builder, updated_at);
  if (status == KLING_FAKE_STATUS_SUCCEED)
    {
      /* Newer servers add fields; a client must ignore what it does not know. */
      json_builder_set_member_name (builder, "final_unit_deduction");
      json_builder_add_string_value (builder, "1");
    }
  json_builder_end_object (builder);
}

static void
begin_kling_envelope (JsonBuilder *builder)
{
  g_autofree char *request_id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "SUCCEED");
  json_builder_set_member_name (builder, "request_id");
  json_builder_add_string_value (builder, request_id);
  json_builder_set_member_name (builder, "data");
}

static void
add_kling_envelope (KlingFakeServer *self,
                    JsonBuilder     *builder,
                    KlingFakeTask   *task)
{
  begin_kling_envelope (builder);
  add_kling_task (self, builder, task);
  json_builder_end_object (builder);
}

static const char *
relay_status (KlingFakeTask   *task,
              KlingFakeStatus  status,
              int             *progress)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - task->created_mono_us) / 1000;
  gint64 span_ms = (gint64) task->succeed_after_ms - task->processing_after_ms;

  switch (status)
    {
    case KLING_FAKE_STATUS_SUBMITTED:
      *progress = 0;
      /* Relays say SUBMITTED first, then QUEUED: both mean "submitted". */
      return elapsed_ms * 2 < task->processing_after_ms ? "SUBMITTED" : "QUEUED";
    case KLING_FAKE_STATUS_PROCESSING:
      *progress = 10 + (int) (span_ms > 0 ? 89 * (elapsed_ms - task->processing_after_ms) / span_ms : 0);
      return "IN_PROGRESS";
    case KLING_FAKE_STATUS_SUCCEED:
      *progress = 100;
      return "SUCCESS";
    case KLING_FAKE_STATUS_FAILED:
      *progress = 100;
      return "FAILURE";
    default:
      g_assert_not_reached ();
    }
}

static void
add_relay_task (KlingFakeServer *self,
                JsonBuilder     *builder,
                KlingFakeTask   *task)
{
  KlingFakeStatus status = kling_fake_task_get_status (task, NULL);
  g_autofree char *progress_text = NULL;
  g_autofree char *url = NULL;
  int progress;
  const char *status_text = relay_status (task, status, &progress);

  progress_text = g_strdup_printf ("%d%%", progress);
  url = status == KLING_FAKE_STATUS_SUCCEED ? video_url (self, task) : g_strdup ("");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, task->task_id);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, "generate");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_text);
  json_builder_set_member_name (builder, "fail_reason");
  json_builder_add_string_value (builder, status == KLING_FAKE_STATUS_FAILED ? task->fail_message : "");
  json_builder_set_member_name (builder, "submit_time");
  json_builder_add_int_value (builder, task->created_at_ms / 1000);
  json_builder_set_member_name (builder, "progress");
  json_builder_add_string_value (builder, progress_text);
  json_builder_set_member_name (builder, "result_url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "data");
  add_kling_envelope (self, builder, task);
  json_builder_end_object (builder);
}

static void
begin_relay_envelope (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "success");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "data");
}

void
kling_fake_reply_task (KlingFakeServer   *self,
                       SoupServerMessage *msg,
                       KlingFakeTask     *task)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->dialect == KLING_FAKE_DIALECT_RELAY)
    {
      begin_relay_envelope (builder);
      add_relay_task (self, builder, task);
      json_builder_end_object (builder);
    }
  else
    add_kling_envelope (self, builder, task);

  root = json_builder_get_root (builder);
  reply_node (msg, SOUP_STATUS_OK, root);
}

void
kling_fake_reply_task_list (KlingFakeServer   *self,
                            SoupServerMessage *msg,
                            GPtrArray         *tasks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->dialect == KLING_FAKE_DIALECT_RELAY)
    begin_relay_envelope (builder);
  else
    begin_kling_envelope (builder);

  json_builder_begin_array (builder);
  for (guint i = 0; i < tasks->len; i++)
    {
      if (self->dialect == KLING_FAKE_DIALECT_RELAY)
        add_relay_task (self, builder, g_ptr_array_index (tasks, i));
      else
        add_kling_task (self, builder, g_ptr_array_index (tasks, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  reply_node (msg, SOUP_STATUS_OK, root);
}

static void
add_relay_created (JsonBuilder   *builder,
                   KlingFakeTask *task)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, task->task_id);
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, task->task_id);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "video");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "queued");
  json_builder_set_member_name (builder, "progress");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, task->created_at_ms / 1000);
  json_builder_end_object (builder);
}

static void
add_kling_created (JsonBuilder   *builder,
                   KlingFakeTask *task)
{
  begin_kling_envelope (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, task->task_id);
  json_builder_set_member_name (builder, "task_status");
  json_builder_add_string_value (builder, "submitted");
  add_task_info (builder, task);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, task->created_at_ms);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_int_value (builder, task->created_at_ms);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

void
kling_fake_reply_task_created (KlingFakeServer   *self,
                               SoupServerMessage *msg,
                               KlingFakeTask     *task)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->dialect == KLING_FAKE_DIALECT_RELAY)
    add_relay_created (builder, task);
  else
    add_kling_created (builder, task);

  root = json_builder_get_root (builder);
  reply_node (msg, SOUP_STATUS_OK, root);
}

void
kling_fake_reply_html (SoupServerMessage *msg)
{
  static const char page[] =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n";

  soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                    page, strlen (page));
}

/* The valid-looking start of the answer, cut half-way; Content-Length is
 * that of the cut body, so only a JSON parser can notice. */
void
kling_fake_reply_truncate (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) full = soup_message_body_flatten (body);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (full, 0, g_bytes_get_size (full) / 2);

  soup_message_body_truncate (body);
  soup_message_body_append_bytes (body, half);
}

/* HUGE: 20 MB sent in 64 KB chunks, each appended once the previous one
 * has been written, so the whole body never sits in memory. */
typedef struct {
  GBytes  *filler;
  guint64  filler_left;
  gboolean done;
} HugeWriter;

static const char huge_prefix[] =
  "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"huge\",\"data\":{\"padding\":\"";
static const char huge_suffix[] = "\"}}";

static void
huge_writer_free (gpointer data,
                  GClosure *closure)
{
  HugeWriter *writer = data;

  g_bytes_unref (writer->filler);
  g_free (writer);
}

static void
huge_write_next (SoupServerMessage *msg,
                 HugeWriter        *writer)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (writer->done)
    return;
  if (writer->filler_left > 0)
    {
      gsize size = (gsize) MIN (writer->filler_left, g_bytes_get_size (writer->filler));
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (writer->filler, 0, size);

      writer->filler_left -= size;
      soup_message_body_append_bytes (body, chunk);
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_suffix, strlen (huge_suffix));
      soup_message_body_complete (body);
      writer->done = TRUE;
    }
  soup_server_message_unpause (msg);
}

void
kling_fake_reply_huge (KlingFakeServer   *self,
                       SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  HugeWriter *writer = g_new0 (HugeWriter, 1);

  if (self->filler == NULL)
    {
      char *filler = g_malloc (HUGE_CHUNK_SIZE);

      memset (filler, 'A', HUGE_CHUNK_SIZE);
      self->filler = g_bytes_new_take (filler, HUGE_CHUNK_SIZE);
    }
  writer->filler = g_bytes_ref (self->filler);
  writer->filler_left = HUGE_BODY_SIZE - strlen (huge_prefix) - strlen (huge_suffix);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_content_length (headers, HUGE_BODY_SIZE);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_prefix, strlen (huge_prefix));
  g_signal_connect_data (msg, "wrote-chunk", G_CALLBACK (huge_write_next),
                         writer, huge_writer_free, 0);
}
