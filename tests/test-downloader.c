/* test-downloader.c — saving a video: whole or not at all, no credentials,
 * progress, cancellation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kling-client.h"
#include "kling-downloader.h"
#include "kling-error.h"
#include "kling-fake-server.h"
#include "kling-test-wait.h"

#define TOKEN "sk-test-SECRET-123"

/* A slow CDN of our own: a big body in chunks, a pause between them. */

typedef struct {
  SoupServer *server;
  char       *url;
  GBytes     *payload;
  gsize       chunk_size;
  guint       delay_ms;
  goffset     announced;   /* Content-Length sent, -1: the payload's size */
  GPtrArray  *replies;     /* SlowReply, unfinished */
} SlowServer;

typedef struct {
  SlowServer        *slow;
  SoupServerMessage *msg;
  gsize              sent;
  guint              timeout_id;
  gboolean           finished;
} SlowReply;

static void
slow_reply_free (SlowReply *reply)
{
  if (reply->slow != NULL)
    g_ptr_array_remove (reply->slow->replies, reply);
  g_clear_handle_id (&reply->timeout_id, g_source_remove);
  g_object_unref (reply->msg);
  g_free (reply);
}

static void
slow_append_chunk (SlowReply *reply)
{
  SoupMessageBody *body = soup_server_message_get_response_body (reply->msg);
  gsize size = g_bytes_get_size (reply->slow->payload);
  gsize n = MIN (reply->slow->chunk_size, size - reply->sent);
  g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (reply->slow->payload, reply->sent, n);

  soup_message_body_append_bytes (body, chunk);
  reply->sent += n;
  if (reply->sent == size)
    soup_message_body_complete (body);
}

static gboolean
slow_send_next (gpointer data)
{
  SlowReply *reply = data;

  reply->timeout_id = 0;
  if (reply->finished || reply->slow == NULL)
    return G_SOURCE_REMOVE;
  slow_append_chunk (reply);
  soup_server_message_unpause (reply->msg);
  return G_SOURCE_REMOVE;
}

static void
slow_wrote_chunk (SoupServerMessage *msg,
                  SlowReply         *reply)
{
  if (reply->finished || reply->slow == NULL ||
      reply->sent == g_bytes_get_size (reply->slow->payload))
    return;
  soup_server_message_pause (msg);
  reply->timeout_id = g_timeout_add (reply->slow->delay_ms, slow_send_next, reply);
}

static void
slow_finished (SoupServerMessage *msg,
               SlowReply         *reply)
{
  reply->finished = TRUE;
  g_clear_handle_id (&reply->timeout_id, g_source_remove);
}

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SlowServer *slow = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SlowReply *reply = g_new0 (SlowReply, 1);

  reply->slow = slow;
  reply->msg = g_object_ref (msg);
  g_ptr_array_add (slow->replies, reply);
  g_object_set_data_full (G_OBJECT (msg), "slow-reply", reply, (GDestroyNotify) slow_reply_free);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "video/mp4", NULL);
  soup_message_headers_set_content_length (headers, slow->announced >= 0
                                                    ? slow->announced
                                                    : (goffset) g_bytes_get_size (slow->payload));
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (slow_wrote_chunk), reply);
  g_signal_connect (msg, "finished", G_CALLBACK (slow_finished), reply);
  slow_append_chunk (reply);
}

static SlowServer *
slow_server_new (gsize size)
{
  SlowServer *slow = g_new0 (SlowServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 7) ^ (i >> 11));
  slow->payload = g_bytes_new_take (data, size);
  slow->chunk_size = 64 * 1024;
  slow->delay_ms = 10;
  slow->announced = -1;
  slow->replies = g_ptr_array_new ();

  slow->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (slow->server, NULL, slow_handler, slow, NULL);
  soup_server_listen (slow->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (slow->server);
  slow->url = g_strdup_printf ("http://127.0.0.1:%d/cdn/big.mp4", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return slow;
}

static void
slow_server_free (SlowServer *slow)
{
  /* Replies to a client that went away may still wait for their next chunk. */
  for (guint i = 0; i < slow->replies->len; i++)
    {
      SlowReply *reply = g_ptr_array_index (slow->replies, i);

      reply->slow = NULL;
      g_clear_handle_id (&reply->timeout_id, g_source_remove);
    }
  g_ptr_array_unref (slow->replies);
  soup_server_disconnect (slow->server);
  g_object_unref (slow->server);
  g_bytes_unref (slow->payload);
  g_free (slow->url);
  g_free (slow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlowServer, slow_server_free)

/* Fixture: the fake Kling server with one succeeded task. */

typedef struct {
  char            *tmp;
  char            *dest;
  char            *part;
  KlingFakeServer *server;
  KlingClient     *client;
  char            *video_url;
} Fixture;

typedef struct {
  gboolean      done;
  GError       *error;
  KlingTaskInfo *info;
  GArray       *received;   /* goffset, every progress call */
  goffset       total;
  GCancellable *cancel_at_bytes;   /* cancelled at the first report */
} Result;

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_done (Result *result)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add (10000, set_flag, &timed_out);

  while (!result->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
}

static void
created_cb (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->info = kling_client_create_task_finish (KLING_CLIENT (object), async_result,
                                                  &result->error);
  result->done = TRUE;
}

static void
queried_cb (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->info = kling_client_query_task_finish (KLING_CLIENT (object), async_result,
                                                 &result->error);
  result->done = TRUE;
}

typedef struct {
  KlingFakeServer *server;
  const char      *task_id;
} FakeTask;

static gboolean
fake_task_succeeded (gpointer data)
{
  FakeTask *fake = data;

  return g_strcmp0 (kling_fake_server_get_task_status (fake->server, fake->task_id), "succeed") == 0;
}

/* A task that succeeded on the fake server, and its video's address. */
static char *
make_video_url (Fixture *f)
{
  g_autofree char *image = kling_fake_server_get_image_url (f->server, 640, 360, "png");
  g_autofree char *json = g_strdup_printf ("{\"model_name\":\"kling-v1-6\",\"image\":\"%s\","
                                           "\"duration\":\"5\",\"external_task_id\":\"dl-test-1\"}",
                                           image);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  Result created = { 0 }, queried = { 0 };
  g_autofree char *task_id = NULL;
  char *url;

  kling_client_create_task_async (f->client, body, "dl-test-1", NULL, created_cb, &created);
  wait_done (&created);
  g_assert_no_error (created.error);
  task_id = g_strdup (created.info->task_id);
  kling_task_info_free (created.info);

  {
    FakeTask fake = { f->server, task_id };

    g_assert_true (kling_test_wait_for (fake_task_succeeded, &fake, KLING_TEST_PATIENCE_MS));
  }

  kling_client_query_task_async (f->client, task_id, NULL, queried_cb, &queried);
  wait_done (&queried);
  g_assert_no_error (queried.error);
  g_assert_cmpint (queried.info->status, ==, KLING_TASK_STATUS_SUCCEED);
  url = g_strdup (queried.info->video_url);
  kling_task_info_free (queried.info);
  g_assert_true (g_str_has_prefix (url, kling_fake_server_get_base_url (f->server)));
  return url;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *base_url;

  f->tmp = g_dir_make_tmp ("kling-downloader-XXXXXX", &error);
  g_assert_no_error (error);
  f->dest = g_build_filename (f->tmp, "video.mp4", NULL);
  f->part = g_strconcat (f->dest, ".part", NULL);

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 10, 30);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->client = kling_client_new_bearer (base_url, TOKEN, &error);
  g_assert_no_error (error);
  f->video_url = make_video_url (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->server, kling_fake_server_free);
  g_unlink (f->dest);
  g_unlink (f->part);
  g_rmdir (f->tmp);
  g_free (f->video_url);
  g_free (f->dest);
  g_free (f->part);
  g_free (f->tmp);
}

/* Downloading */

static void
progress_cb (goffset  received,
             goffset  total,
             gpointer user_data)
{
  Result *result = user_data;

  g_array_append_val (result->received, received);
  result->total = total;
  if (result->cancel_at_bytes != NULL)
    g_cancellable_cancel (result->cancel_at_bytes);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  Result *result = user_data;

  g_assert_null (object);
  g_assert_false (result->done);
  kling_downloader_download_finish (async_result, &result->error);
  result->done = TRUE;
}

static Result *
download (SoupSession  *session,
          const char   *url,
          const char   *dest,
          GCancellable *cancellable)
{
  Result *result = g_new0 (Result, 1);

  result->received = g_array_new (FALSE, FALSE, sizeof (goffset));
  result->cancel_at_bytes = cancellable;
  kling_downloader_download_async (session, url, dest, progress_cb, result, cancellable,
                                   downloaded_cb, result);
  wait_done (result);
  return result;
}

static void
result_free (Result *result)
{
  g_clear_error (&result->error);
  g_array_unref (result->received);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* Part files beside the destination ("video.mp4.<random>.part"). */
static guint
count_parts (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmp, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      n++;
  return n;
}

static void
assert_nothing_left (Fixture *f)
{
  g_assert_false (g_file_test (f->dest, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_parts (f), ==, 0);
}

static void
test_full_download (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autoptr(GBytes) expected = kling_fake_server_get_video (f->server);
  g_autofree char *saved = NULL;
  g_autofree char *authorization = NULL;
  gsize length;

  result = download (kling_client_get_session (f->client), f->video_url, f->dest, NULL);
  g_assert_no_error (result->error);

  g_assert_true (g_file_get_contents (f->dest, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_cmpuint (count_parts (f), ==, 0);

  /* The CDN got no credentials, though the session is the API client's. */
  g_assert_true (kling_fake_server_video_was_requested (f->server));
  authorization = kling_fake_server_get_video_request_header (f->server, "Authorization");
  g_assert_null (authorization);

  /* The last progress report is the whole video. */
  g_assert_cmpuint (result->received->len, >=, 1);
  g_assert_cmpint (g_array_index (result->received, goffset, result->received->len - 1), ==,
                   (goffset) g_bytes_get_size (expected));
  g_assert_cmpint (result->total, ==, (goffset) g_bytes_get_size (expected));
}

/* Even a session that adds an Authorization header to everything. */
static void
add_authorization (SoupSession *session,
                   SoupMessage *message,
                   gpointer     user_data)
{
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", "Bearer " TOKEN);
}

static void
test_no_authorization (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Result) result = NULL;
  g_autofree char *authorization = NULL;

  g_signal_connect (session, "request-queued", G_CALLBACK (add_authorization), NULL);
  result = download (session, f->video_url, f->dest, NULL);
  g_assert_no_error (result->error);
  g_assert_true (kling_fake_server_video_was_requested (f->server));
  authorization = kling_fake_server_get_video_request_header (f->server, "Authorization");
  g_assert_null (authorization);
}

static void
test_cut_video (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) result = NULL;
  g_autofree char *stale = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_VIDEO_CUT, 1);
  result = download (kling_client_get_session (f->client), f->video_url, f->dest, NULL);
  g_assert_error (result->error, KLING_ERROR, KLING_ERROR_NETWORK);
  assert_nothing_left (f);

  /* Another writer's part file (or a crash's) is neither in the way nor
   * touched: each download writes a part of its own. */
  g_assert_true (g_file_set_contents (f->part, "stale", -1, NULL));
  g_clear_pointer (&result, result_free);
  result = download (kling_client_get_session (f->client), f->video_url, f->dest, NULL);
  g_assert_no_error (result->error);
  g_assert_true (g_file_test (f->dest, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (f->part, &stale, NULL, NULL));
  g_assert_cmpstr (stale, ==, "stale");
  g_assert_cmpuint (count_parts (f), ==, 1);
  g_unlink (f->part);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("%s/cdn/videos/404.mp4",
                                          kling_fake_server_get_base_url (f->server));
  g_autoptr(Result) result = download (kling_client_get_session (f->client), url, f->dest, NULL);

  g_assert_error (result->error, KLING_ERROR, KLING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (result->error->message, "404"));
  assert_nothing_left (f);
}

static void
test_bad_scheme (Fixture       *f,
                 gconstpointer  data)
{
  const char *urls[] = { "file:///etc/passwd", "ftp://127.0.0.1/v.mp4", "not a url", "http://" };
  guint before = kling_fake_server_count_requests (f->server, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(Result) result = download (kling_client_get_session (f->client), urls[i],
                                           f->dest, NULL);

      g_assert_error (result->error, KLING_ERROR, KLING_ERROR_INSECURE_URL);
      assert_nothing_left (f);
    }
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, before);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SlowServer) slow = slow_server_new (3 * 1024 * 1024);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Result) result = NULL;
  g_autofree char *saved = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;
  gsize length;

  result = download (session, slow->url, f->dest, NULL);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_no_error (result->error);

  g_assert_true (g_file_get_contents (f->dest, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (slow->payload, NULL),
                   g_bytes_get_size (slow->payload));

  /* Increasing, ending at the total, and throttled: 48 chunks arrived,
   * at most about ten reports a second (plus the first and the last). */
  g_test_message ("%u progress reports in %" G_GINT64_FORMAT " ms",
                  result->received->len, elapsed_ms);
  g_assert_cmpuint (result->received->len, >=, 3);
  g_assert_cmpuint (result->received->len, <=, elapsed_ms / 100 + 2);
  for (guint i = 1; i < result->received->len; i++)
    g_assert_cmpint (g_array_index (result->received, goffset, i), >,
                     g_array_index (result->received, goffset, i - 1));
  g_assert_cmpint (g_array_index (result->received, goffset, result->received->len - 1), ==,
                   3 * 1024 * 1024);
  g_assert_cmpint (result->total, ==, 3 * 1024 * 1024);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SlowServer) slow = slow_server_new (3 * 1024 * 1024);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(Result) result = NULL;

  /* Cancelled at the first progress report: some of it is on disk by then. */
  result = download (session, slow->url, f->dest, cancellable);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result->received->len, ==, 1);
  g_assert_cmpint (g_array_index (result->received, goffset, 0), >, 0);
  assert_nothing_left (f);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SlowServer) slow = slow_server_new (64 * 1024);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Result) result = NULL;

  slow->announced = KLING_DOWNLOAD_MAX_SIZE + 1;
  result = download (session, slow->url, f->dest, NULL);
  g_assert_error (result->error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_nothing_left (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/downloader/full-download", test_full_download);
  ADD ("/downloader/no-authorization", test_no_authorization);
  ADD ("/downloader/cut-video", test_cut_video);
  ADD ("/downloader/not-found", test_not_found);
  ADD ("/downloader/bad-scheme", test_bad_scheme);
  ADD ("/downloader/progress", test_progress);
  ADD ("/downloader/cancel", test_cancel);
  ADD ("/downloader/too-large", test_too_large);
#undef ADD

  return g_test_run ();
}
