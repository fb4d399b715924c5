/* kling-fake-fal-server.c — fal's queue on 127.0.0.1: submit, status, result, cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-fal-private.h"
#include "kling-fake-http.h"

#define FAL_APP_PATH "/fal-ai/kling-video"
#define REQUESTS FAL_APP_PATH "/requests/"
#define FILES "/files/"

static const char *const model_paths[] = {
  FAL_APP_PATH "/v1/standard/image-to-video",
  FAL_APP_PATH "/v1/pro/image-to-video",
  FAL_APP_PATH "/v1.5/pro/image-to-video",
};

typedef struct {
  char   *id;
  gint64  submitted_us;
  guint   in_progress_after_ms;
  guint   completed_after_ms;
  gboolean cancelled;
  char   *failure;   /* the result's 422 body, or NULL */
  gboolean rendering;
  GBytes *video;     /* the request's picture moving, once rendered */
} FakeRequest;

struct _KlingFakeFalServer
{
  SoupServer   *server;
  GMainContext *context;
  char         *base_url;
  char         *key;
  KlingFakeRenders renders;   /* freeing waits for them to end */
  GPtrArray    *requests;   /* FakeRequest */
  KlingFakeHttpLog *seen;
  GBytes       *last_body;
  char         *last_model_path;
  guint         in_progress_after_ms;
  guint         completed_after_ms;
  guint         submit_lost;
  char         *fail_next;
  guint         next_id;
};

static void
fake_request_free (FakeRequest *request)
{
  g_free (request->id);
  g_free (request->failure);
  g_clear_pointer (&request->video, g_bytes_unref);
  g_free (request);
}

KlingFakeFalServer *
kling_fake_fal_server_new (const char *key)
{
  KlingFakeFalServer *self = g_new0 (KlingFakeFalServer, 1);

  self->key = g_strdup (key);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->seen = kling_fake_http_log_new ();
  self->in_progress_after_ms = 300;
  self->completed_after_ms = 1200;
  return self;
}

void
kling_fake_fal_server_free (KlingFakeFalServer *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  kling_fake_renders_end (&self->renders, self->context);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->last_body, g_bytes_unref);
  g_ptr_array_unref (self->requests);
  kling_fake_http_log_free (self->seen);
  g_free (self->last_model_path);
  g_free (self->fail_next);
  g_free (self->base_url);
  g_free (self->key);
  g_free (self);
}

void
kling_fake_fal_server_set_timing (KlingFakeFalServer *self,
                                  guint               in_progress_after_ms,
                                  guint               completed_after_ms)
{
  self->in_progress_after_ms = in_progress_after_ms;
  self->completed_after_ms = MAX (completed_after_ms, in_progress_after_ms);
}

void
kling_fake_fal_server_set_log (KlingFakeFalServer *self,
                               gboolean            log)
{
  kling_fake_http_log_set_echo (self->seen, log);
}

void
kling_fake_fal_server_set_log_auth (KlingFakeFalServer *self,
                                    gboolean            log_auth)
{
  kling_fake_http_log_set_echo_authorization (self->seen, log_auth);
}

void
kling_fake_fal_server_arm_submit_lost (KlingFakeFalServer *self,
                                       guint               times)
{
  self->submit_lost = times;
}

void
kling_fake_fal_server_fail_next (KlingFakeFalServer *self,
                                 const char         *detail)
{
  g_free (self->fail_next);
  self->fail_next = g_strdup (detail);
}

/* ---- Answers ------------------------------------------------------------ */

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
answer_take (SoupServerMessage *msg,
             guint              status,
             char              *json)
{
  answer (msg, status, json);
  g_free (json);
}

static FakeRequest *
find_request (KlingFakeFalServer *self,
              const char         *id)
{
  for (guint i = 0; i < self->requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (request->id, id) == 0)
        return request;
    }
  return NULL;
}

static const char *
request_status (FakeRequest *request)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - request->submitted_us) / 1000;

  if (request->cancelled)
    return "CANCELLED";
  if (elapsed_ms < request->in_progress_after_ms)
    return "IN_QUEUE";
  /* Done only once its clip is: a real generation takes its time too. */
  if (elapsed_ms < request->completed_after_ms || request->rendering)
    return "IN_PROGRESS";
  return "COMPLETED";
}

const char *
kling_fake_fal_server_get_status (KlingFakeFalServer *self,
                                  const char         *request_id)
{
  FakeRequest *request = find_request (self, request_id);

  return request != NULL ? request_status (request) : NULL;
}

static gboolean
authorized (KlingFakeFalServer *self,
            SoupServerMessage  *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree char *expected = g_strconcat ("Key ", self->key, NULL);

  return header != NULL && g_str_equal (header, expected);
}

/* ---- Submit ------------------------------------------------------------- */

static gboolean
cut_connection (gpointer data)
{
  kling_fake_http_cut_connection (data);
  return G_SOURCE_REMOVE;
}

static char *
request_url (KlingFakeFalServer *self,
             const char         *id,
             const char         *suffix)
{
  return g_strconcat (self->base_url, REQUESTS, id, suffix, NULL);
}

static void
request_rendered (gpointer      server,
                  const char   *request_id,
                  GBytes       *video,
                  const GError *error)
{
  FakeRequest *request = find_request (server, request_id);

  if (request == NULL)
    return;
  request->rendering = FALSE;
  if (video != NULL)
    request->video = g_bytes_ref (video);
  else if (request->failure == NULL)
    request->failure = kling_fake_fal_detail (NULL, "The video could not be rendered", "render_error");
}

static void
start_render (KlingFakeFalServer *self,
              FakeRequest        *request,
              JsonObject         *body)
{
  KlingFakeRender *render = kling_fake_fal_render_of (body, &request->failure);

  if (render == NULL)
    return;
  request->rendering = TRUE;
  kling_fake_renders_start (&self->renders, render, request->id, request_rendered, self);
}

static void
submit (KlingFakeFalServer *self,
        SoupServerMessage  *msg,
        const char         *model_path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *problem = NULL;
  g_autofree char *status_url = NULL, *response_url = NULL, *cancel_url = NULL;
  FakeRequest *request;

  g_clear_pointer (&self->last_body, g_bytes_unref);
  self->last_body = g_bytes_ref (bytes);
  g_free (self->last_model_path);
  self->last_model_path = g_strdup (model_path + 1);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      answer_take (msg, 422, kling_fake_fal_detail (NULL, "value is not a valid dict", "type_error.dict"));
      return;
    }
  problem = kling_fake_fal_validate (json_node_get_object (json_parser_get_root (parser)));
  if (problem != NULL)
    {
      answer (msg, 422, problem);
      return;
    }

  request = g_new0 (FakeRequest, 1);
  request->id = g_strdup_printf ("%08x-fa1e-4c1b-9d7e-%012u", g_random_int (), ++self->next_id);
  request->submitted_us = g_get_monotonic_time ();
  request->in_progress_after_ms = self->in_progress_after_ms;
  request->completed_after_ms = self->completed_after_ms;
  if (self->fail_next != NULL)
    request->failure = kling_fake_fal_detail (NULL, self->fail_next, "value_error");
  g_clear_pointer (&self->fail_next, g_free);
  g_ptr_array_add (self->requests, request);
  if (request->failure == NULL)
    start_render (self, request, json_node_get_object (json_parser_get_root (parser)));

  status_url = request_url (self, request->id, "/status");
  response_url = request_url (self, request->id, "");
  cancel_url = request_url (self, request->id, "/cancel");
  answer_take (msg, SOUP_STATUS_OK,
               g_strdup_printf ("{\"request_id\": \"%s\", \"response_url\": \"%s\", \"status_url\": \"%s\", "
                                "\"cancel_url\": \"%s\", \"queue_position\": 0}",
                                request->id, response_url, status_url, cancel_url));
  if (self->submit_lost > 0)
    {
      self->submit_lost--;
      soup_server_message_pause (msg);
      g_idle_add_full (G_PRIORITY_DEFAULT, cut_connection, g_object_ref (msg), g_object_unref);
    }
}

/* ---- Status, result, cancel --------------------------------------------- */

static void
status (KlingFakeFalServer *self,
        SoupServerMessage  *msg,
        FakeRequest        *request)
{
  const char *state = request_status (request);
  g_autofree char *response_url = request_url (self, request->id, "");

  if (g_str_equal (state, "IN_QUEUE"))
    answer_take (msg, SOUP_STATUS_OK,
                 g_strdup_printf ("{\"status\": \"IN_QUEUE\", \"request_id\": \"%s\", \"queue_position\": %u, "
                                  "\"response_url\": \"%s\"}", request->id, 0u, response_url));
  else
    answer_take (msg, SOUP_STATUS_OK,
                 g_strdup_printf ("{\"status\": \"%s\", \"request_id\": \"%s\", \"response_url\": \"%s\"}",
                                  g_str_equal (state, "CANCELLED") ? "COMPLETED" : state, request->id,
                                  response_url));
}

static void
result (KlingFakeFalServer *self,
        SoupServerMessage  *msg,
        FakeRequest        *request)
{
  const char *state = request_status (request);

  if (g_str_equal (state, "CANCELLED"))
    answer (msg, 400, "{\"detail\": \"Request was cancelled\"}");
  else if (!g_str_equal (state, "COMPLETED"))
    answer (msg, 400, "{\"detail\": \"Request is still in progress\"}");
  else if (request->failure != NULL)
    answer (msg, 422, request->failure);
  else
    answer_take (msg, SOUP_STATUS_OK,
                 g_strdup_printf ("{\"video\": {\"url\": \"%s" FILES "%s.mp4\", \"content_type\": \"video/mp4\", "
                                  "\"file_name\": \"output.mp4\", \"file_size\": %" G_GSIZE_FORMAT "}}",
                                  self->base_url, request->id, g_bytes_get_size (request->video)));
}

static void
cancel (KlingFakeFalServer *self,
        SoupServerMessage  *msg,
        FakeRequest        *request)
{
  if (!g_str_equal (request_status (request), "IN_QUEUE"))
    {
      answer (msg, 400, "{\"status\": \"ALREADY_COMPLETED\"}");
      return;
    }
  request->cancelled = TRUE;
  answer (msg, SOUP_STATUS_ACCEPTED, "{\"status\": \"CANCELLATION_REQUESTED\"}");
}

/* {id}, {id}/status or {id}/cancel under the app id's requests. */
static void
on_request_path (KlingFakeFalServer *self,
                 SoupServerMessage  *msg,
                 const char         *rest)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (rest, "/", 3);
  FakeRequest *request = find_request (self, parts[0]);
  const char *what = parts[0] != NULL ? parts[1] : NULL;

  if (request == NULL && g_strcmp0 (what, "cancel") == 0 && parts[2] == NULL && g_str_equal (method, "PUT"))
    answer (msg, SOUP_STATUS_NOT_FOUND, "{\"status\": \"NOT_FOUND\"}");
  else if (request == NULL)
    answer (msg, SOUP_STATUS_NOT_FOUND, "{\"detail\": \"Request not found\"}");
  else if (what == NULL && g_str_equal (method, "GET"))
    result (self, msg, request);
  else if (g_strcmp0 (what, "status") == 0 && parts[2] == NULL && g_str_equal (method, "GET"))
    status (self, msg, request);
  else if (g_strcmp0 (what, "cancel") == 0 && parts[2] == NULL && g_str_equal (method, "PUT"))
    cancel (self, msg, request);
  else
    answer (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "{\"detail\": \"Method Not Allowed\"}");
}

static void
serve_video (KlingFakeFalServer *self,
             SoupServerMessage  *msg,
             const char         *path)
{
  g_autofree char *id = g_strndup (path + strlen (FILES), strlen (path) - strlen (FILES) - strlen (".mp4"));
  FakeRequest *request = find_request (self, id);

  if (request == NULL || !g_str_has_suffix (path, ".mp4") ||
      !g_str_equal (request_status (request), "COMPLETED") || request->video == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "video/mp4", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), request->video);
}

static const char *
model_path_of (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_paths); i++)
    if (g_str_equal (path, model_paths[i]))
      return model_paths[i];
  return NULL;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  KlingFakeFalServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *model = model_path_of (path);

  kling_fake_http_log_add (self->seen, msg, path);

  if (g_str_has_prefix (path, FILES))
    serve_video (self, msg, path);
  else if (!authorized (self, msg))
    answer (msg, SOUP_STATUS_UNAUTHORIZED, "{\"detail\": \"No user found for Key ID and Secret\"}");
  else if (model != NULL && g_str_equal (method, "POST"))
    submit (self, msg, model);
  else if (g_str_has_prefix (path, REQUESTS))
    on_request_path (self, msg, path + strlen (REQUESTS));
  else if (model != NULL || (g_str_has_prefix (path, FAL_APP_PATH "/") && strstr (path, "/requests/") != NULL))
    /* A model's path takes only the submit: status and result live under the app id. */
    answer (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "{\"detail\": \"Method Not Allowed\"}");
  else
    answer (msg, SOUP_STATUS_NOT_FOUND, "{\"detail\": \"Application not found\"}");
}

const char *
kling_fake_fal_server_start (KlingFakeFalServer  *self,
                             guint                port,
                             GError             **error)
{
  self->context = g_main_context_ref_thread_default ();
  self->server = kling_fake_http_listen ("kling-fake-fal-server", port, handle, self, &self->base_url, error);
  return self->server != NULL ? self->base_url : NULL;
}

/* ---- What the tests ask ------------------------------------------------- */

guint
kling_fake_fal_server_count_requests (KlingFakeFalServer *self,
                                      const char         *method,
                                      const char         *path_suffix)
{
  return kling_fake_http_log_count (self->seen, method, path_suffix);
}

guint
kling_fake_fal_server_count_authorized (KlingFakeFalServer *self,
                                        const char         *path_prefix)
{
  return kling_fake_http_log_count_authorized (self->seen, path_prefix);
}

char *
kling_fake_fal_server_get_last_seen (KlingFakeFalServer *self,
                                     const char         *method,
                                     char              **authorization)
{
  return kling_fake_http_log_last (self->seen, method, authorization);
}

GBytes *
kling_fake_fal_server_get_last_body (KlingFakeFalServer *self)
{
  return self->last_body != NULL ? g_bytes_ref (self->last_body) : NULL;
}

char *
kling_fake_fal_server_get_last_model_path (KlingFakeFalServer *self)
{
  return g_strdup (self->last_model_path);
}

guint
kling_fake_fal_server_get_request_count (KlingFakeFalServer *self)
{
  return self->requests->len;
}
