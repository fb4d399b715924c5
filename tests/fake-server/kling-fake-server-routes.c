/* kling-fake-server-routes.c — what each request gets
 *
 * Routing by path suffix, authentication first, then create, query or list,
 * with the armed faults applied where kling-fake-server.h says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-private.h"

#define API_COLLECTION_PATH "/v1/videos/image2video"
#define DEFAULT_PAGE_SIZE   30
#define MAX_PAGE_SIZE       500

typedef enum {
  ROUTE_NONE,
  ROUTE_COLLECTION,   /* POST: create; GET: list */
  ROUTE_TASK,         /* GET: query */
} Route;

static guint
count_unfinished (KlingFakeServer *self)
{
  guint n = 0;

  for (guint i = 0; i < self->tasks->len; i++)
    {
      KlingFakeStatus status =
        kling_fake_task_get_status (g_ptr_array_index (self->tasks, i), NULL);

      if (status == KLING_FAKE_STATUS_SUBMITTED || status == KLING_FAKE_STATUS_PROCESSING)
        n++;
    }
  return n;
}

static char *
random_task_id (gboolean letters)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  GString *id = g_string_new (NULL);

  /* The seed page's example id, "Cl6kH2gHPegAAAAACQhRzQ": 22 base64url characters. */
  if (letters)
    {
      while (id->len < 22)
        g_string_append_c (id, alphabet[g_random_int_range (0, 64)]);
      return g_string_free (id, FALSE);
    }

  /* 18 digits, never a leading zero: the real ids are 64-bit numbers. */
  g_string_append_c (id, (char) ('1' + g_random_int_range (0, 9)));
  while (id->len < 18)
    g_string_append_c (id, (char) ('0' + g_random_int_range (0, 10)));
  return g_string_free (id, FALSE);
}

static void
record_request (KlingFakeServer   *self,
                SoupServerMessage *msg,
                const char        *path)
{
  const char *method = soup_server_message_get_method (msg);

  kling_fake_http_log_add (self->request_log, msg, path);
  if (g_strcmp0 (method, SOUP_METHOD_POST) == 0)
    {
      g_clear_pointer (&self->last_body, g_bytes_unref);
      self->last_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
    }
}

/* Routes are matched by suffix so that any base prefix (like /kling) works. */
static Route
route_for_path (const char  *path,
                const char **task_id)
{
  const char *item;

  if (g_str_has_suffix (path, API_COLLECTION_PATH))
    return ROUTE_COLLECTION;

  item = g_strrstr (path, API_COLLECTION_PATH "/");
  if (item == NULL)
    return ROUTE_NONE;
  item += strlen (API_COLLECTION_PATH "/");
  if (*item == '\0' || strchr (item, '/') != NULL)
    return ROUTE_NONE;
  *task_id = item;
  return ROUTE_TASK;
}

static void
handle_query (KlingFakeServer   *self,
              SoupServerMessage *msg,
              const char        *task_id)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);

  /* The official API finds a task by the caller's own id too; relays do not. */
  if (task == NULL && !self->no_list)
    task = kling_fake_server_find_external (self, task_id);
  if (task == NULL)
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, 1203, "task not found");
      return;
    }
  kling_fake_reply_task (self, msg, task);
}

static gboolean
parse_page_param (GHashTable *query,
                  const char *name,
                  guint       fallback,
                  guint       max,
                  guint      *value)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 number;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

static void
handle_list (KlingFakeServer   *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  guint page_num, page_size;
  guint64 first;

  if (!parse_page_param (query, "pageNum", 1, 1000, &page_num))
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, 1201,
                              "pageNum must be an integer between 1 and 1000");
      return;
    }
  if (!parse_page_param (query, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, &page_size))
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, 1201,
                              "pageSize must be an integer between 1 and 500");
      return;
    }

  /* Newest first. */
  first = (guint64) (page_num - 1) * page_size;
  for (guint64 i = first; i < self->tasks->len && i < first + page_size; i++)
    g_ptr_array_add (page, g_ptr_array_index (self->tasks, self->tasks->len - 1 - i));

  kling_fake_reply_task_list (self, msg, page);
}

static JsonNode *
parse_create_body (SoupServerMessage  *msg,
                   char              **message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      *message = g_strdup ("Content-Type must be application/json");
      return NULL;
    }
  if (length == 0 || !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      *message = g_strdup_printf ("Request body is not valid JSON%s%s",
                                  error != NULL ? ": " : "",
                                  error != NULL ? error->message : "");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static KlingFakeTask *
add_task (KlingFakeServer *self,
          KlingFakeCreate *create)
{
  KlingFakeTask *task = g_new0 (KlingFakeTask, 1);

  do
    {
      g_free (task->task_id);
      task->task_id = random_task_id (self->letter_ids);
    }
  while (kling_fake_server_find_task (self, task->task_id) != NULL);

  task->external_task_id = g_strdup (create->external_task_id);
  task->video_id = g_uuid_string_random ();
  task->duration = g_strdup (create->duration);
  task->fail_message = g_strdup (create->fail_message);
  task->created_at_ms = kling_fake_server_now_ms (self);
  task->created_mono_us = g_get_monotonic_time ();
  task->processing_after_ms = self->processing_after_ms;
  task->succeed_after_ms = self->succeed_after_ms;
  task->files = g_steal_pointer (&create->files);
  if (task->files == NULL)
    task->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_bytes_unref);
  if (create->urls != NULL && g_hash_table_size (create->urls) > 0)
    {
      task->urls = g_steal_pointer (&create->urls);
      task->body = json_node_ref (create->root);
    }
  if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_MODERATION))
    {
      g_free (task->fail_message);
      task->fail_message = g_strdup ("Failure to pass the risk control system");
    }
  kling_fake_task_keep_paths (task, create->root);
  g_ptr_array_add (self->tasks, task);
  kling_fake_task_schedule_fetch (self, task);
  if (task->urls == NULL)
    kling_fake_task_render (self, task);
  return task;
}

static void
reply_too_many_tasks (KlingFakeServer   *self,
                      SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", "1");
  kling_fake_reply_error (self, msg, 429, 1303, "parallel task over resource pack limit");
}

static void
handle_create (KlingFakeServer   *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  KlingFakeCreate create = { 0 };
  KlingFakeTask *task;
  int code;

  root = parse_create_body (msg, &message);
  if (root == NULL)
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, 1200, message);
      return;
    }
  code = kling_fake_server_validate_create (self, root, &create, &message);
  if (code != 0)
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, code, message);
      kling_fake_create_clear (&create);
      return;
    }

  if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_RATE_LIMIT) ||
      count_unfinished (self) >= self->max_in_flight)
    reply_too_many_tasks (self, msg);
  else if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_CONTENT_1301))
    kling_fake_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, 1301,
                            "Content security policy violation: the input did not pass the review");
  else
    {
      task = add_task (self, &create);
      if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_POST_LOST))
        kling_fake_server_cut_connection_later (self, msg, TRUE);
      else
        kling_fake_reply_task_created (self, msg, task);
    }
  kling_fake_create_clear (&create);
}

/* What a new-api relay's router (gin) answers for a path it does not route. */
static void
reply_no_route (SoupServerMessage *msg)
{
  static const char text[] = "404 page not found";

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, text, strlen (text));
}

/* Gateway-level faults, answered before the request is even authenticated. */
static gboolean
answer_gateway_fault (KlingFakeServer   *self,
                      SoupServerMessage *msg)
{
  if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_HTTP_500))
    kling_fake_reply_error (self, msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 5000,
                            "Internal server error");
  else if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_HTTP_503))
    kling_fake_reply_error (self, msg, SOUP_STATUS_SERVICE_UNAVAILABLE, 5001,
                            "Service is under maintenance, please try again later");
  else if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_HTML))
    kling_fake_reply_html (msg);
  else if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_HUGE))
    kling_fake_reply_huge (self, msg);
  else
    return FALSE;
  return TRUE;
}

/* For tests run against the program: how many tasks exist, whatever the
 * dialect (a relay has no list). Not part of any API the client speaks. */
static void
reply_task_count (KlingFakeServer   *self,
                  SoupServerMessage *msg)
{
  g_autofree char *body = g_strdup_printf ("{\"count\":%u}", self->tasks->len);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handle_api (KlingFakeServer   *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *task_id = NULL;
  g_autofree char *message = NULL;
  Route route = route_for_path (path, &task_id);
  gboolean is_create = route == ROUTE_COLLECTION && g_strcmp0 (method, SOUP_METHOD_POST) == 0;
  gboolean is_get = g_strcmp0 (method, SOUP_METHOD_GET) == 0;
  int code;

  if (route == ROUTE_NONE || (!is_create && !is_get))
    {
      kling_fake_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, 1202,
                              route == ROUTE_NONE ? "path not found"
                                                  : "request method is not allowed");
      return;
    }
  if (answer_gateway_fault (self, msg))
    return;

  code = kling_fake_server_check_auth (self, msg, &message);
  if (code != 0)
    kling_fake_reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, code, message);
  else if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_ACCOUNT_1102))
    kling_fake_reply_error (self, msg, 429, 1102, "Account balance not enough");
  else if (is_create)
    handle_create (self, msg);
  else if (route == ROUTE_COLLECTION && self->no_list)
    reply_no_route (msg);
  else if (route == ROUTE_COLLECTION)
    handle_list (self, msg, query);
  else
    handle_query (self, msg, task_id);

  /* These two act on whatever the answer is, including a create that
   * did create its task. */
  if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_TRUNCATED))
    kling_fake_reply_truncate (msg);
  if (kling_fake_server_take_fault (self, KLING_FAKE_FAULT_SLOW))
    {
      kling_fake_server_delay_answer (self, msg, self->slow_ms);
    }
}

void
kling_fake_server_handle_request (SoupServer        *server,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query,
                                  gpointer           user_data)
{
  KlingFakeServer *self = user_data;

  record_request (self, msg, path);
  if (g_str_has_prefix (path, "/cdn/videos/"))
    kling_fake_server_serve_video (self, msg, path);
  else if (g_str_has_prefix (path, "/_fake/files/") || g_str_has_prefix (path, "/_fake/images/"))
    kling_fake_server_serve_file (self, msg, path);
  else if (g_strcmp0 (path, "/_fake/task-count") == 0)
    reply_task_count (self, msg);
  else
    handle_api (self, msg, path, query);
}
