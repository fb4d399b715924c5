/* test-fal.c — fal as a provider: the bytes each model's queue receives, the
 * refusals said before sending, the queue followed to a saved video, a lost
 * submit kept as "may have been created" after one POST, failures in fal's
 * words, and cancelling while queued. Against tests/fake-fal-server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-error.h"
#include "kling-fake-fal-server.h"
#include "kling-fal.h"
#include "kling-poller.h"
#include "kling-request.h"
#include "kling-test-media.h"
#include "kling-test-wait.h"

#define KEY "fal-test-key-0123"
#define W 480
#define H 320

typedef struct {
  char               *tmp;
  KlingFakeFalServer *server;
  const char         *base;
  KlingClient        *client;
  KlingTaskStore     *store;
  KlingPoller        *poller;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  f->tmp = g_dir_make_tmp ("kling-fal-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = kling_fake_fal_server_new (KEY);
  kling_fake_fal_server_set_timing (f->server, 60, 150);
  f->base = kling_fake_fal_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->client = kling_client_new_fal (f->base, KEY, &error);
  g_assert_no_error (error);
  kling_client_set_retry_policy (f->client, 10, 3);
  dir = g_build_filename (f->tmp, "tasks", NULL);
  f->store = kling_task_store_new (dir);
  g_assert_true (kling_task_store_load (f->store, &error));
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_set_intervals (f->poller, 20, 40);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->server, kling_fake_fal_server_free);
  kling_test_remove_tree (f->tmp);
  g_free (f->tmp);
}

/* A picture, a static area on the left, and two dynamic areas with paths. */
static KlingRequest *
make_request (const char *model,
              const char *mode,
              gboolean    masks)
{
  g_autofree char *base64 = kling_test_png_base64 (W, H, FALSE, 0, 0);
  g_autofree guchar *png = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(GError) error = NULL;
  KlingRequest *request = kling_request_new ();

  png = g_base64_decode (base64, &length);
  bytes = g_bytes_new (png, length);
  image = kling_image_new_from_bytes (bytes, "picture.png", &error);
  g_assert_no_error (error);
  kling_request_set_image (request, image);
  kling_request_set_model (request, model);
  kling_request_set_mode (request, mode);
  kling_request_set_prompt (request, "The kite rises");
  if (masks)
    {
      g_autoptr(KlingMask) still = kling_mask_new (W, H);
      const KlingRect left = { 0, 0, 100, H };

      kling_mask_fill_rect (still, &left, 255);
      kling_request_set_static_mask (request, still);
      for (int i = 0; i < 2; i++)
        {
          g_autoptr(KlingMask) moving = kling_mask_new (W, H);
          g_autoptr(KlingTrajectory) path = kling_trajectory_new ();
          const KlingRect area = { 150 + i * 150, 100, 60, 60 };

          kling_mask_fill_rect (moving, &area, 255);
          kling_trajectory_append (path, 180 + i * 150, 130);
          kling_trajectory_append (path, 200 + i * 150, 60);
          kling_trajectory_append (path, 260 + i * 150, 40);
          kling_request_add_dynamic (request, moving, path);
        }
    }
  return request;
}

static GBytes *
build_body (KlingRequest *request)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = kling_request_build_body (request, &error);

  g_assert_no_error (error);
  return body;
}

static JsonObject *
parse_object (GBytes *bytes, JsonParser **parser)
{
  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return json_node_get_object (json_parser_get_root (*parser));
}

/* The bytes a data: URI carries, checking its type. */
static GBytes *
decode_data_uri (const char *uri,
                 const char *mime_type)
{
  g_autofree char *prefix = g_strdup_printf ("data:%s;base64,", mime_type);
  guchar *bytes;
  gsize length;

  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, prefix));
  bytes = g_base64_decode (uri + strlen (prefix), &length);
  return g_bytes_new_take (bytes, length);
}

static GBytes *
decode_base64 (const char *text)
{
  gsize length;
  guchar *bytes = g_base64_decode (text, &length);

  return g_bytes_new_take (bytes, length);
}

typedef struct {
  gboolean     done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static KlingTaskInfo *
submit (Fixture *f, GBytes *body, GError **error)
{
  Wait wait = { FALSE, NULL };
  KlingTaskInfo *info;

  kling_client_create_task_async (f->client, body, NULL, NULL, wait_cb, &wait);
  g_assert_true (kling_test_run_until (&wait.done, KLING_TEST_PATIENCE_MS));
  info = kling_client_create_task_finish (f->client, wait.result, error);
  g_object_unref (wait.result);
  return info;
}

/* Each model's queue gets fal's field names, the picture and every mask as
 * data: URIs whose bytes are the very PNGs the app made, and the paths. */
static void
test_request_bytes (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *model, *mode, *path; } models[] = {
    { "kling-v1", "std", "fal-ai/kling-video/v1/standard/image-to-video" },
    { "kling-v1", "pro", "fal-ai/kling-video/v1/pro/image-to-video" },
    { "kling-v1-5", "pro", "fal-ai/kling-video/v1.5/pro/image-to-video" },
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr(KlingRequest) request = make_request (models[m].model, models[m].mode, TRUE);
      g_autoptr(GBytes) body = build_body (request);
      g_autoptr(GError) error = NULL;
      g_autoptr(KlingTaskInfo) info = submit (f, body, &error);
      g_autoptr(GBytes) sent = kling_fake_fal_server_get_last_body (f->server);
      g_autofree char *path = kling_fake_fal_server_get_last_model_path (f->server);
      g_autoptr(JsonParser) sent_parser = NULL, kling_parser = NULL;
      JsonObject *fal = parse_object (sent, &sent_parser);
      JsonObject *kling = parse_object (body, &kling_parser);
      JsonArray *dynamic = json_object_get_array_member (fal, "dynamic_masks");
      JsonArray *kling_dynamic = json_object_get_array_member (kling, "dynamic_masks");
      g_autoptr(GBytes) image = decode_data_uri (json_object_get_string_member (fal, "image_url"), "image/png");
      g_autoptr(GBytes) still = decode_data_uri (json_object_get_string_member (fal, "static_mask_url"), "image/png");
      g_autoptr(GBytes) kling_still = decode_base64 (json_object_get_string_member (kling, "static_mask"));
      GBytes *original = kling_image_get_bytes (kling_request_get_image (request));

      g_assert_no_error (error);
      g_assert_nonnull (info->task_id);
      g_assert_true (g_str_has_prefix (info->status_url, f->base));
      g_assert_nonnull (strstr (info->status_url, "/fal-ai/kling-video/requests/"));
      g_assert_true (g_str_has_suffix (info->status_url, "/status"));
      g_assert_cmpstr (path, ==, models[m].path);
      g_assert_cmpstr (json_object_get_string_member (fal, "prompt"), ==, "The kite rises");
      /* Sent even when empty: fal's default is "blur, distort, and low quality". */
      g_assert_true (json_object_has_member (fal, "negative_prompt"));
      g_assert_cmpstr (json_object_get_string_member (fal, "duration"), ==, "5");
      g_assert_false (json_object_has_member (fal, "model_name"));
      g_assert_false (json_object_has_member (fal, "external_task_id"));
      g_assert_true (g_bytes_equal (image, original));
      g_assert_true (g_bytes_equal (still, kling_still));
      g_assert_cmpuint (json_array_get_length (dynamic), ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          JsonObject *mask = json_array_get_object_element (dynamic, i);
          JsonObject *kling_mask = json_array_get_object_element (kling_dynamic, i);
          g_autoptr(GBytes) png = decode_data_uri (json_object_get_string_member (mask, "mask_url"), "image/png");
          g_autoptr(GBytes) kling_png = decode_base64 (json_object_get_string_member (kling_mask, "mask"));
          g_autoptr(KlingMask) decoded = kling_mask_new_from_png (png, &error);
          g_autoptr(JsonNode) a = json_node_init_array (json_node_alloc (),
                                                        json_object_get_array_member (mask, "trajectories"));
          g_autoptr(JsonNode) b = json_node_init_array (json_node_alloc (),
                                                        json_object_get_array_member (kling_mask, "trajectories"));

          g_assert_no_error (error);
          g_assert_true (g_bytes_equal (png, kling_png));
          g_assert_true (kling_mask_equal (decoded, kling_request_get_dynamic_mask (request, i)));
          g_assert_true (json_node_equal (a, b));
        }
    }
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "POST", NULL), ==, 3);
}

/* A Kling body as kling_request_build_body() writes it, changed by hand
 * where the request's own checks would already refuse. */
static GBytes *
body_with (GBytes     *body,
           const char *member,
           const char *value)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object = parse_object (body, &parser);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  if (value == NULL)
    json_object_remove_member (object, member);
  else
    json_object_set_string_member (object, member, value);
  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* What fal would refuse is said before anything leaves: masks with 10 s,
 * no prompt, a model fal does not serve. */
static void
test_refused_before_sending (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", TRUE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(GBytes) ten = body_with (body, "duration", "10");
  g_autoptr(GBytes) no_prompt = body_with (body, "prompt", NULL);
  g_autoptr(GBytes) v2 = body_with (body, "model_name", "kling-v2-6");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;

  g_assert_false (kling_client_check_body (f->client, ten, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "5-second"));
  g_clear_error (&error);
  info = submit (f, ten, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (kling_client_check_body (f->client, no_prompt, &error));
  g_assert_nonnull (strstr (error->message, "prompt"));
  g_clear_error (&error);
  g_assert_false (kling_client_check_body (f->client, v2, &error));
  g_assert_nonnull (strstr (error->message, "kling-v2-6"));
  g_clear_error (&error);

  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, NULL, NULL), ==, 0);
  g_assert_true (kling_client_check_body (f->client, body, &error));
  g_assert_no_error (error);
}

/* The fake is as strict as fal: masks with 10 s get a 422 with detail. */
static void
test_fake_refuses_masks_with_ten_seconds (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", TRUE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(GBytes) fal = kling_fal_body_from_kling (body, NULL, NULL);
  g_autoptr(GBytes) ten = body_with (fal, "duration", "10");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->base, "/fal-ai/kling-video/v1/standard/image-to-video", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { FALSE, NULL };

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Key " KEY);
  soup_message_set_request_body_from_bytes (message, "application/json", ten);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, wait_cb, &wait);
  g_assert_true (kling_test_run_until (&wait.done, KLING_TEST_PATIENCE_MS));
  answer = soup_session_send_and_read_finish (session, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 422);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), "\"detail\""));
  g_assert_cmpuint (kling_fake_fal_server_get_request_count (f->server), ==, 0);
}

static KlingTask *
keep_task (Fixture *f, GBytes *body)
{
  g_autoptr(GError) error = NULL;
  KlingTask *task = kling_task_store_create (f->store, body, kling_client_get_base_url (f->client),
                                             kling_client_get_auth_mode (f->client), &error);

  g_assert_no_error (error);
  return g_object_ref (task);
}

typedef struct {
  KlingTask      *task;
  KlingTaskState  state;
} StateWait;

static gboolean
task_in_state (gpointer data)
{
  StateWait *wait = data;

  return kling_task_get_state (wait->task) == wait->state &&
         (wait->state != KLING_TASK_STATE_SUCCEEDED || kling_task_get_video_path (wait->task) != NULL);
}

static void
wait_for_state (KlingTask *task, KlingTaskState state)
{
  StateWait wait = { task, state };

  g_assert_true (kling_test_wait_for (task_in_state, &wait, KLING_TEST_PATIENCE_MS));
}

/* Sent, followed at the addresses the submit answer gave (the app id's,
 * never the model's), and saved; the key reached the queue only. */
static void
test_followed_to_video (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "pro", TRUE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(KlingTask) task = keep_task (f, body);
  g_autoptr(KlingTask) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kling_task_get_auth_mode (task), ==, KLING_AUTH_FAL);
  kling_poller_submit (f->poller, task);
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED);

  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "GET", "/status"), >=, 1);
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "GET", ".mp4"), ==, 1);
  g_assert_cmpuint (kling_fake_fal_server_count_authorized (f->server, "/files/"), ==, 0);
  g_assert_cmpuint (kling_fake_fal_server_count_authorized (f->server, "/fal-ai/kling-video/v1/pro/image-to-video/"), ==, 0);
  g_assert_true (g_file_test (kling_task_get_video_path (task), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (kling_fake_fal_server_get_status (f->server, kling_task_get_task_id (task)), ==, "COMPLETED");

  /* What the queue gave is kept on disk, and the provider with it. */
  reloaded = kling_task_new_from_folder (kling_task_get_folder (task), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_task_get_auth_mode (reloaded), ==, KLING_AUTH_FAL);
  g_assert_cmpstr (kling_task_get_queue_url (reloaded, KLING_QUEUE_STATUS_URL), ==,
                   kling_task_get_queue_url (task, KLING_QUEUE_STATUS_URL));
  g_assert_nonnull (kling_task_get_queue_url (reloaded, KLING_QUEUE_CANCEL_URL));
}

/* Status paths built from the model's path get 405, as on fal. */
static void
test_wrong_status_path (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", FALSE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = submit (f, body, &error);
  g_autofree char *wrong = g_strdup_printf ("%s/fal-ai/kling-video/v1/standard/image-to-video/requests/%s/status",
                                            f->base, info->task_id);
  Wait wait = { FALSE, NULL };
  g_autoptr(KlingTaskInfo) answer = NULL;

  g_assert_no_error (error);
  kling_client_follow_task_async (f->client, info->task_id, wrong, NULL, NULL, wait_cb, &wait);
  g_assert_true (kling_test_run_until (&wait.done, KLING_TEST_PATIENCE_MS));
  answer = kling_client_query_task_finish (f->client, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_null (answer);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "405"));
}

/* The answer to the submit is lost: one POST, never a second; the task
 * stays "may have been created". */
static void
test_lost_submit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", TRUE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(KlingTask) task = keep_task (f, body);

  kling_fake_fal_server_arm_submit_lost (f->server, 1);
  kling_poller_submit (f->poller, task);
  wait_for_state (task, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_nonnull (strstr (kling_task_get_error_message (task), "may have been created"));
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_fal_server_get_request_count (f->server), ==, 1);

  /* A restart looks again and still sends nothing. */
  g_clear_object (&f->poller);
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_start (f->poller);
  kling_poller_check_now (f->poller, task);
  wait_for_state (task, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->server, "POST", NULL), ==, 1);
}

/* COMPLETED with an error: the artist reads fal's words. */
static void
test_failure_in_words (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", FALSE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(KlingTask) task = keep_task (f, body);

  kling_fake_fal_server_fail_next (f->server, "The image could not be processed");
  kling_poller_submit (f->poller, task);
  wait_for_state (task, KLING_TASK_STATE_FAILED);
  g_assert_nonnull (strstr (kling_task_get_error_message (task), "The image could not be processed"));
}

/* A wrong key: refused in words, nothing created. */
static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", FALSE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;

  g_clear_object (&f->client);
  f->client = kling_client_new_fal (f->base, "not-the-key", &error);
  g_assert_no_error (error);
  info = submit (f, body, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "No user found"));
  g_assert_cmpuint (kling_fake_fal_server_get_request_count (f->server), ==, 0);
}

static gboolean
cancel (Fixture *f, const char *url, GError **error)
{
  Wait wait = { FALSE, NULL };
  gboolean done;

  kling_client_cancel_task_async (f->client, NULL, url, NULL, wait_cb, &wait);
  g_assert_true (kling_test_run_until (&wait.done, KLING_TEST_PATIENCE_MS));
  done = kling_client_cancel_task_finish (f->client, wait.result, error);
  g_object_unref (wait.result);
  return done;
}

/* Withdrawn while queued, with a PUT under the app id (the model's path
 * answers 405, as for status) carrying the key; once it runs, or after it
 * was withdrawn, fal says it is too late; an unknown id is NOT_FOUND. */
static void
test_cancel_while_queued (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KlingRequest) request = make_request ("kling-v1", "std", FALSE);
  g_autoptr(GBytes) body = build_body (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) queued = NULL;
  g_autoptr(KlingTaskInfo) running = NULL;
  g_autofree char *wrong = NULL, *unknown = NULL, *path = NULL, *expected = NULL, *auth = NULL;

  kling_fake_fal_server_set_timing (f->server, 60000, 60000);
  queued = submit (f, body, &error);
  g_assert_no_error (error);
  wrong = g_strdup_printf ("%s/fal-ai/kling-video/v1/standard/image-to-video/requests/%s/cancel",
                           f->base, queued->task_id);
  g_assert_false (cancel (f, wrong, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "405"));
  g_clear_error (&error);
  g_assert_cmpstr (kling_fake_fal_server_get_status (f->server, queued->task_id), ==, "IN_QUEUE");

  g_assert_true (cancel (f, queued->cancel_url, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kling_fake_fal_server_get_status (f->server, queued->task_id), ==, "CANCELLED");
  path = kling_fake_fal_server_get_last_seen (f->server, "PUT", &auth);
  expected = g_strdup_printf ("/fal-ai/kling-video/requests/%s/cancel", queued->task_id);
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (auth, ==, "Key " KEY);
  g_assert_false (cancel (f, queued->cancel_url, &error));
  g_assert_nonnull (strstr (error->message, "already started"));
  g_clear_error (&error);

  kling_fake_fal_server_set_timing (f->server, 0, 60000);
  running = submit (f, body, &error);
  g_assert_no_error (error);
  g_assert_false (cancel (f, running->cancel_url, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_PARAMETERS);
  g_assert_nonnull (strstr (error->message, "already started"));
  g_clear_error (&error);
  g_assert_cmpstr (kling_fake_fal_server_get_status (f->server, running->task_id), ==, "IN_PROGRESS");

  unknown = g_strdup_printf ("%s/fal-ai/kling-video/requests/no-such-request/cancel", f->base);
  g_assert_false (cancel (f, unknown, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KLING_STUDIO_DATA_DIR", "/nonexistent-kling-fal-test", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fal/request-bytes", test_request_bytes);
  ADD ("/fal/refused-before-sending", test_refused_before_sending);
  ADD ("/fal/fake-refuses-masks-with-ten-seconds", test_fake_refuses_masks_with_ten_seconds);
  ADD ("/fal/followed-to-video", test_followed_to_video);
  ADD ("/fal/wrong-status-path", test_wrong_status_path);
  ADD ("/fal/lost-submit", test_lost_submit);
  ADD ("/fal/failure-in-words", test_failure_in_words);
  ADD ("/fal/wrong-key", test_wrong_key);
  ADD ("/fal/cancel-while-queued", test_cancel_while_queued);
#undef ADD
  return g_test_run ();
}
