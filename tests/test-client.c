/* test-client.c — KlingClient against the fake Kling server
 *
 * Every behaviour is checked in both response dialects and both ways of
 * authenticating, by what a user would get: the task, or an error whose
 * code and message say what happened (with the server's message and request
 * id), and by what the server saw (how many requests, how many tasks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-client.h"
#include "kling-error.h"
#include "kling-fake-server.h"
#include "kling-jwt.h"
#include "kling-test-wait.h"

#define TOKEN       "test-token-5f2b9c"
#define ACCESS_KEY  "test-access-key"
#define SECRET_KEY  "test-secret-key-77d1"
#define TASKS_PATH  "/v1/videos/image2video"

/* Short waits in tests; attempts as in production would be too slow. */
#define TEST_DELAY_MS 10
#define TEST_ATTEMPTS 3  /* the client tries a failing server at most 3 times */

/* Nothing here should take long: a stuck loop fails instead of hanging. */
#define WAIT_GUARD_SECONDS 30

typedef struct {
  KlingFakeDialect dialect;
  KlingAuthMode    auth;
  gboolean         no_list;
} Mode;

static const Mode modes[] = {
  { KLING_FAKE_DIALECT_KLING, KLING_AUTH_BEARER, FALSE },
  { KLING_FAKE_DIALECT_KLING, KLING_AUTH_JWT, FALSE },
  { KLING_FAKE_DIALECT_RELAY, KLING_AUTH_BEARER, FALSE },
  { KLING_FAKE_DIALECT_RELAY, KLING_AUTH_JWT, FALSE },
  /* A new-api relay: no list, no lookup by external id. */
  { KLING_FAKE_DIALECT_RELAY, KLING_AUTH_BEARER, TRUE },
};

typedef struct {
  const Mode      *mode;
  KlingFakeServer *server;
  KlingClient     *client;
  const char      *base_url;
} Fixture;

/* ---- Driving the main context ------------------------------------------ */

static gboolean
on_guard_expired (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (WAIT_GUARD_SECONDS, on_guard_expired, &expired);

  while (*slot == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("an asynchronous call did not finish within %d s", WAIT_GUARD_SECONDS);
  g_source_remove (guard);
  return *slot;
}

static void
run_for_ms (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, on_guard_expired, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static KlingTaskInfo *
create_sync (KlingClient  *client,
             GBytes       *body,
             const char   *external_task_id,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kling_client_create_task_async (client, body, external_task_id, NULL, on_async_done, &result);
  return kling_client_create_task_finish (client, wait_for_result (&result), error);
}

static KlingTaskInfo *
query_sync (KlingClient  *client,
            const char   *task_id,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kling_client_query_task_async (client, task_id, NULL, on_async_done, &result);
  return kling_client_query_task_finish (client, wait_for_result (&result), error);
}

static GPtrArray *
list_sync (KlingClient  *client,
           guint         page_num,
           guint         page_size,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kling_client_list_tasks_async (client, page_num, page_size, NULL, on_async_done, &result);
  return kling_client_list_tasks_finish (client, wait_for_result (&result), error);
}

static KlingTaskInfo *
find_sync (KlingClient  *client,
           const char   *external_task_id,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kling_client_find_task_async (client, external_task_id, NULL, on_async_done, &result);
  return kling_client_find_task_finish (client, wait_for_result (&result), error);
}

/* ---- The fixture ------------------------------------------------------- */

static GBytes *
make_body (const Fixture *f,
           const char    *external_task_id)
{
  /* A picture the fake serves itself: it fetches the image as Kling does,
   * and only on loopback. */
  g_autofree char *text =
    g_strdup_printf ("{\"model_name\":\"kling-v1\",\"mode\":\"std\",\"duration\":\"5\","
                     "\"prompt\":\"a cat turns its head\","
                     "\"image\":\"%s/_fake/images/480x320.png\","
                     "\"external_task_id\":\"%s\"}", f->base_url, external_task_id);

  return g_bytes_new (text, strlen (text));
}

static KlingClient *
new_client (const Mode *mode,
            const char *base_url,
            const char *credential)
{
  g_autoptr(GError) error = NULL;
  KlingClient *client;

  if (mode->auth == KLING_AUTH_BEARER)
    client = kling_client_new_bearer (base_url, credential != NULL ? credential : TOKEN, &error);
  else
    client = kling_client_new_official (base_url, ACCESS_KEY,
                                        credential != NULL ? credential : SECRET_KEY, &error);
  g_assert_no_error (error);
  kling_client_set_retry_policy (client, TEST_DELAY_MS, TEST_ATTEMPTS);
  return client;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = data;
  f->server = kling_fake_server_new (f->mode->dialect);
  kling_fake_server_set_no_list (f->server, f->mode->no_list);
  /* Keys make the fake server expect a JWT; a token, the token. */
  if (f->mode->auth == KLING_AUTH_BEARER)
    kling_fake_server_set_token (f->server, TOKEN);
  else
    kling_fake_server_set_keys (f->server, ACCESS_KEY, SECRET_KEY);
  kling_fake_server_set_timing (f->server, 20, 60);
  kling_fake_server_set_concurrency (f->server, 100);
  f->base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (f->base_url, "http://127.0.0.1:"));

  f->client = new_client (f->mode, f->base_url, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  kling_fake_server_free (f->server);
}

static guint
count_posts (Fixture *f)
{
  return kling_fake_server_count_requests (f->server, "POST", TASKS_PATH);
}

static guint
count_gets (Fixture    *f,
            const char *suffix)
{
  return kling_fake_server_count_requests (f->server, "GET", suffix);
}

static void
assert_message_has (const GError *error,
                    const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” lacks “%s”", error->message, part);
}

/* The server's request id is in the Kling dialect's errors (a relay's
 * errors have none), and no secret is ever in a message. */
static void
assert_server_error (Fixture      *f,
                     const GError *error,
                     const char   *server_message)
{
  assert_message_has (error, server_message);
  if (f->mode->dialect == KLING_FAKE_DIALECT_KLING)
    assert_message_has (error, ", request id ");
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, SECRET_KEY));
}

static KlingTaskInfo *
create_task (Fixture    *f,
             const char *external_task_id)
{
  g_autoptr(GBytes) body = make_body (f, external_task_id);
  g_autoptr(GError) error = NULL;
  KlingTaskInfo *info = create_sync (f->client, body, external_task_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info->task_id);
  return info;
}

/* ---- Tests in every mode ----------------------------------------------- */

/* Create, then poll until the video is there, as the poller will. */
static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = make_body (f, "ext-lifecycle");
  g_autoptr(GBytes) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) created = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *cdn = g_strconcat (f->base_url, "/cdn/videos/", NULL);
  guint polls = 0;

  created = create_sync (f->client, body, "ext-lifecycle", &error);
  g_assert_no_error (error);
  server_id = kling_fake_server_lookup_external_task_id (f->server, "ext-lifecycle");
  g_assert_cmpstr (created->task_id, ==, server_id);
  g_assert_cmpstr (created->external_task_id, ==, "ext-lifecycle");
  g_assert_cmpint (created->status, ==, KLING_TASK_STATUS_SUBMITTED);
  g_assert_cmpint (created->created_at_ms, >, 1600000000000);
  g_assert_cmpint (created->dialect, ==, f->mode->dialect == KLING_FAKE_DIALECT_KLING
                                         ? KLING_DIALECT_KLING : KLING_DIALECT_RELAY);

  /* The body went out byte for byte. */
  seen = kling_fake_server_get_last_body (f->server);
  g_assert_true (g_bytes_equal (seen, body));
  g_assert_cmpuint (count_posts (f), ==, 1);

  do
    {
      g_clear_pointer (&info, kling_task_info_free);
      run_for_ms (15);
      info = query_sync (f->client, created->task_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (info->task_id, ==, created->task_id);
      g_assert_cmpint (info->status, !=, KLING_TASK_STATUS_FAILED);
      g_assert_cmpint (++polls, <, 200);
    }
  while (info->status != KLING_TASK_STATUS_SUCCEED);

  g_assert_true (g_str_has_prefix (info->video_url, cdn));
  g_assert_cmpstr (info->external_task_id, ==, "ext-lifecycle");
  g_assert_nonnull (info->video_duration);
  if (f->mode->dialect == KLING_FAKE_DIALECT_RELAY)
    g_assert_cmpint (info->progress, ==, 100);
  g_assert_cmpuint (count_gets (f, created->task_id), ==, polls);
}

/* A wrong token (or secret key) is an authentication error that quotes the
 * server; the Kling dialect says which code and gives the request id. */
static void
test_wrong_credentials (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KlingClient) client = new_client (f->mode, f->base_url, "wrong-credential-93e1");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = query_sync (client, "123", &error);

  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION);
  g_assert_null (strstr (error->message, "wrong-credential-93e1"));
  if (f->mode->dialect == KLING_FAKE_DIALECT_KLING)
    {
      assert_message_has (error, "code 1002");
      assert_message_has (error, "HTTP 401");
      assert_message_has (error, ", request id ");
      /* Only an expired JWT is worth a second try. */
      g_assert_cmpuint (count_gets (f, "/123"), ==, 1);
    }
  else
    assert_message_has (error, "invalid_token");
}

/* The data: prefix the server refuses with 1201. */
#define BAD_BASE64_BODY \
  "{\"model_name\":\"kling-v1\",\"image\":\"data:image/png;base64,iVBORw0KGgo=\"," \
  "\"external_task_id\":\"ext-bad\"}"

/* kling-api.md §4, as far as the fake server can produce them. */
static void
test_error_classes (Fixture       *f,
                    gconstpointer  data)
{
  gboolean kling = f->mode->dialect == KLING_FAKE_DIALECT_KLING;
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-errors");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GBytes) body = NULL;
  int expected;

  /* 1102: resource pack used up; not retried. */
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_RESOURCE_EXHAUSTED);
  assert_server_error (f, error, "Account balance not enough");
  if (kling)
    assert_message_has (error, "code 1102");
  g_clear_error (&error);

  /* 1203 / task_not_exist: an unknown task. */
  info = query_sync (f->client, "no-such-task", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NOT_FOUND);
  assert_server_error (f, error, kling ? "code 1203" : "task_not_exist");
  g_clear_error (&error);

  /* 1201: the server's validation message is shown. */
  body = g_bytes_new_static (BAD_BASE64_BODY, strlen (BAD_BASE64_BODY));
  info = create_sync (f->client, body, "ext-bad", &error);
  g_assert_null (info);
  /* The relay calls every refusal of a create "task_failed". */
  expected = kling ? KLING_ERROR_INVALID_PARAMETERS : KLING_ERROR_TASK_FAILED;
  g_assert_error (error, KLING_ERROR, expected);
  assert_server_error (f, error, "File is not in a valid base64 format");
  g_assert_cmpuint (count_posts (f), ==, 2);
  g_clear_error (&error);
  g_clear_pointer (&body, g_bytes_unref);

  /* 1301: content refused; a refusal is never sent again. */
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_CONTENT_1301, 1);
  body = make_body (f, "ext-1301");
  info = create_sync (f->client, body, "ext-1301", &error);
  g_assert_null (info);
  expected = kling ? KLING_ERROR_CONTENT_REFUSED : KLING_ERROR_TASK_FAILED;
  g_assert_error (error, KLING_ERROR, expected);
  assert_server_error (f, error, "Content security policy violation");
  g_assert_cmpuint (count_posts (f), ==, 3);
  g_clear_error (&error);

  /* 500 and 503 on every attempt: a server error after retrying. */
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_500, TEST_ATTEMPTS);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_SERVER);
  assert_server_error (f, error, "Internal server error");
  assert_message_has (error, "HTTP 500");
  g_assert_cmpuint (kling_fake_server_get_armed (f->server, KLING_FAKE_FAULT_HTTP_500), ==, 0);
  g_clear_error (&error);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_503, TEST_ATTEMPTS);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_SERVER);
  assert_server_error (f, error, "maintenance");
  g_clear_error (&error);

  /* A moderation failure is a task that failed, with the reason. */
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  g_clear_pointer (&task, kling_task_info_free);
  task = create_task (f, "ext-moderation");
  do
    {
      g_clear_pointer (&info, kling_task_info_free);
      run_for_ms (15);
      info = query_sync (f->client, task->task_id, &error);
      g_assert_no_error (error);
    }
  while (info->status == KLING_TASK_STATUS_SUBMITTED || info->status == KLING_TASK_STATUS_PROCESSING);
  g_assert_cmpint (info->status, ==, KLING_TASK_STATUS_FAILED);
  g_assert_nonnull (info->status_message);
  g_assert_null (info->video_url);
}

/* 1303 twice, then the third POST is accepted (Retry-After is honoured). */
static void
test_rate_limit_then_success (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) info = NULL;
  gint64 start = g_get_monotonic_time ();

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_RATE_LIMIT, 2);
  info = create_task (f, "ext-rate");
  g_assert_cmpuint (count_posts (f), ==, 3);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
  /* The server asked for one second each time. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 50000);
}

/* More 1303s than attempts: a rate-limit error quoting the server. */
static void
test_rate_limit_exhausted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) body = make_body (f, "ext-rate-out");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;

  kling_fake_server_set_concurrency (f->server, 0);
  kling_client_set_retry_policy (f->client, TEST_DELAY_MS, 2);
  info = create_sync (f->client, body, "ext-rate-out", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_RATE_LIMITED);
  if (f->mode->dialect == KLING_FAKE_DIALECT_KLING)
    assert_message_has (error, "code 1303");
  g_assert_cmpuint (count_posts (f), ==, 2);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 0);
}

static void
test_get_500_then_success (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-500");
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_500, 1);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->task_id, ==, task->task_id);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 2);
}

/* A gateway's HTML page: a protocol error naming the status, no page text. */
static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-html");
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTML, TEST_ATTEMPTS);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "HTML");
  assert_message_has (error, "HTTP 502");
  g_assert_null (strstr (error->message, "nginx"));
  g_assert_null (strstr (error->message, "<"));
  g_assert_cmpuint (count_gets (f, task->task_id), ==, TEST_ATTEMPTS);
}

/* A relay has no list and no lookup by external id: after a create whose
 * answer went wrong, nobody can say whether the task exists, and it is not
 * sent again. */
static void
assert_unconfirmed (Fixture    *f,
                    const char *external_task_id)
{
  g_autoptr(GBytes) body = make_body (f, external_task_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = create_sync (f->client, body, external_task_id, &error);

  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_UNCONFIRMED);
  assert_message_has (error, "may have been created");
  assert_message_has (error, "not sent again");
  g_assert_cmpuint (count_posts (f), ==, 1);
}

/* A POST answered by the gateway's page made no task: after looking it up,
 * the client sends it again, and exactly one task exists. */
static void
test_html_on_create (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autofree char *server_id = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTML, 1);
  if (f->mode->no_list)
    {
      assert_unconfirmed (f, "ext-html-post");
      return;
    }
  info = create_task (f, "ext-html-post");
  server_id = kling_fake_server_lookup_external_task_id (f->server, "ext-html-post");
  g_assert_cmpstr (info->task_id, ==, server_id);
  g_assert_cmpuint (count_posts (f), ==, 2);
  g_assert_cmpuint (count_gets (f, TASKS_PATH), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* A cut JSON answer to a GET is fetched again. */
static void
test_truncated_get (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-cut");
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_TRUNCATED, 1);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->task_id, ==, task->task_id);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 2);

  g_clear_pointer (&info, kling_task_info_free);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_TRUNCATED, TEST_ATTEMPTS);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "cut short");
}

/* A cut answer to a create that did create its task: found, not repeated. */
static void
test_truncated_create (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autofree char *server_id = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_TRUNCATED, 1);
  if (f->mode->no_list)
    {
      assert_unconfirmed (f, "ext-cut-post");
      return;
    }
  info = create_task (f, "ext-cut-post");
  server_id = kling_fake_server_lookup_external_task_id (f->server, "ext-cut-post");
  g_assert_cmpstr (info->task_id, ==, server_id);
  g_assert_cmpuint (count_posts (f), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* The connection is cut after the task was made: the client finds it by its
 * external_task_id and returns it; there is still exactly one task. */
static void
test_post_lost (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autofree char *server_id = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  if (f->mode->no_list)
    {
      assert_unconfirmed (f, "ext-lost");
      g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
      return;
    }
  info = create_task (f, "ext-lost");
  server_id = kling_fake_server_lookup_external_task_id (f->server, "ext-lost");
  g_assert_nonnull (server_id);
  g_assert_cmpstr (info->task_id, ==, server_id);
  g_assert_cmpstr (info->external_task_id, ==, "ext-lost");
  g_assert_cmpuint (count_posts (f), ==, 1);
  /* The official API answers the external id itself, in one call; a
   * proxy's list is searched. */
  g_assert_cmpuint (count_gets (f, TASKS_PATH "/ext-lost"), ==, f->mode->auth == KLING_AUTH_JWT);
  g_assert_cmpuint (count_gets (f, TASKS_PATH), ==, f->mode->auth != KLING_AUTH_JWT);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* Without an external id a failed create cannot be checked: never resent. */
static void
test_post_lost_without_external_id (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) body = make_body (f, "ext-anonymous");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  info = create_sync (f->client, body, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NETWORK);
  g_assert_cmpuint (count_posts (f), ==, 1);
}

/* 20 MB: refused at the cap, not read into memory, not fetched again. */
static void
test_huge (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-huge");
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before = kling_client_get_bytes_received (f->client);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HUGE, 1);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "larger than 4 MiB");
  g_assert_cmpuint (kling_client_get_bytes_received (f->client) - before, <=, KLING_MAX_RESPONSE_SIZE);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 1);
}

/* An expired JWT is renewed once; if the server still refuses, say so. */
static void
test_jwt_expired (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (f->mode->auth != KLING_AUTH_JWT)
    {
      g_test_skip ("Bearer tokens do not expire");
      return;
    }

  task = create_task (f, "ext-jwt");

  /* The server's clock runs an hour ahead: every fresh token has expired. */
  kling_fake_server_set_clock_offset (f->server, 3600);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION);
  if (f->mode->dialect == KLING_FAKE_DIALECT_KLING)
    {
      assert_message_has (error, "expired");
      assert_message_has (error, "code 1004");
    }
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 2);
  g_clear_error (&error);

  /* Clocks agree again: the renewed token is used, once. */
  kling_fake_server_set_clock_offset (f->server, 0);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 3);
  g_clear_pointer (&info, kling_task_info_free);

  /* 31 minutes pass on both sides: the client renews before sending, so
   * the server never sees an expired token. */
  kling_fake_server_set_clock_offset (f->server, 1860);
  kling_client_set_clock_offset (f->client, 1860);
  info = query_sync (f->client, task->task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 4);
}

static void
test_list_and_find (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) a = create_task (f, "ext-list-a");
  g_autoptr(KlingTaskInfo) b = create_task (f, "ext-list-b");
  g_autoptr(KlingTaskInfo) c = create_task (f, "ext-list-c");
  g_autoptr(KlingTaskInfo) found = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  if (f->mode->no_list)
    {
      /* New-api relays route no list: nothing can be found, nor said to be absent. */
      page = list_sync (f->client, 1, 2, &error);
      g_assert_null (page);
      g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
      g_clear_error (&error);
      found = find_sync (f->client, "ext-list-b", &error);
      g_assert_null (found);
      g_assert_error (error, KLING_ERROR, KLING_ERROR_UNCONFIRMED);
      g_assert_nonnull (a);
      g_assert_nonnull (c);
      return;
    }
  page = list_sync (f->client, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  /* Newest first. */
  g_assert_cmpstr (((KlingTaskInfo *) page->pdata[0])->task_id, ==, c->task_id);
  g_assert_cmpstr (((KlingTaskInfo *) page->pdata[1])->task_id, ==, b->task_id);
  g_clear_pointer (&page, g_ptr_array_unref);

  page = list_sync (f->client, 2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((KlingTaskInfo *) page->pdata[0])->external_task_id, ==, "ext-list-a");

  found = find_sync (f->client, "ext-list-b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->task_id, ==, b->task_id);
  g_clear_pointer (&found, kling_task_info_free);

  found = find_sync (f->client, "ext-nowhere", &error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_nonnull (a);
}

/* A task id is one path segment, whatever it contains. */
static void
test_task_id_escaped (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = query_sync (f->client, "a/b?pageNum=1", &error);

  /* Not the list (which would answer 200): the server refused the path. */
  g_assert_null (info);
  g_assert_nonnull (error);
  g_assert_cmpuint (count_gets (f, TASKS_PATH), ==, 0);
  g_clear_error (&error);

  info = query_sync (f->client, "no such task", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_gets (f, "/no%20such%20task") + count_gets (f, "/no such task"), ==, 1);
  g_clear_error (&error);

  info = query_sync (f->client, "", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
}

/* Cancelling while the server is slow, and while waiting to retry. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KlingTaskInfo) task = create_task (f, "ext-cancel");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  gint64 start;

  kling_fake_server_set_slow_ms (f->server, 5000);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_SLOW, 1);
  kling_client_query_task_async (f->client, task->task_id, cancellable, on_async_done, &result);
  /* Cancelled while the server holds the request. */
  while (count_gets (f, task->task_id) < 1)
    g_main_context_iteration (NULL, TRUE);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  info = kling_client_query_task_finish (f->client, wait_for_result (&result), &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&cancellable);

  /* A 500, then a 10 s wait before trying again: cancelled in the wait. */
  cancellable = g_cancellable_new ();
  kling_client_set_retry_policy (f->client, 10000, TEST_ATTEMPTS);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_500, 1);
  kling_client_query_task_async (f->client, task->task_id, cancellable, on_async_done, &result);
  while (count_gets (f, task->task_id) < 2)
    g_main_context_iteration (NULL, TRUE);
  run_for_ms (50);
  g_assert_null (result);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  info = kling_client_query_task_finish (f->client, wait_for_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (count_gets (f, task->task_id), ==, 2);
}

/* ---- Raw servers for what the fake server does not do ------------------- */

typedef struct {
  SoupServer *server;
  char       *base_url;
  guint       requests;
  guint64     body_bytes_written;
  gboolean    response_finished;  /* written whole, or the client hung up */
  char       *authorization;    /* the last request's header */
  char       *redirect_to;
} RawServer;

static void
raw_server_free (RawServer *raw)
{
  soup_server_disconnect (raw->server);
  g_assert_finalize_object (raw->server);
  g_free (raw->base_url);
  g_free (raw->authorization);
  g_free (raw->redirect_to);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_free)

/* Content-Length says 1000; 40 bytes come, then the connection closes. */
static void
answer_short_body (SoupServerMessage *msg)
{
  static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    "{\"code\":0,\"message\":\"SUCCEED\",\"data\":{";
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), response, strlen (response),
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
stream_next_chunk (SoupServerMessage *msg,
                   RawServer         *raw)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (raw->body_bytes_written >= 20 * 1024 * 1024)
    soup_message_body_complete (body);
  else
    {
      char *chunk = g_malloc (64 * 1024);

      memset (chunk, ' ', 64 * 1024);
      soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, 64 * 1024);
      raw->body_bytes_written += 64 * 1024;
    }
}

static void
on_response_finished (RawServer *raw)
{
  raw->response_finished = TRUE;
}

/* 20 MB with no Content-Length: only counting while reading can stop it. */
static void
answer_chunked_huge (SoupServerMessage *msg,
                     RawServer         *raw)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_next_chunk), raw);
  g_signal_connect_swapped (msg, "finished", G_CALLBACK (on_response_finished), raw);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "{", 1);
}

static void
raw_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  RawServer *raw = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");

  raw->requests++;
  g_free (raw->authorization);
  raw->authorization = g_strdup (authorization);

  if (g_str_has_prefix (path, "/short/"))
    answer_short_body (msg);
  else if (g_str_has_prefix (path, "/chunked/"))
    answer_chunked_huge (msg, raw);
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      soup_server_message_set_redirect (msg, 302, raw->redirect_to);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static RawServer *
raw_server_new (void)
{
  RawServer *raw = g_new0 (RawServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  raw->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (raw->server, NULL, raw_handler, raw, NULL);
  soup_server_listen_local (raw->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (raw->server);
  raw->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return raw;
}

static KlingClient *
raw_client (RawServer  *raw,
            const char *prefix)
{
  g_autofree char *base = g_strconcat (raw->base_url, prefix, NULL);
  static const Mode bearer = { KLING_FAKE_DIALECT_KLING, KLING_AUTH_BEARER };

  return new_client (&bearer, base, NULL);
}

/* Fewer bytes than Content-Length: a protocol error, tried again. */
static void
test_short_body (void)
{
  g_autoptr(RawServer) raw = raw_server_new ();
  g_autoptr(KlingClient) client = raw_client (raw, "/short");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = query_sync (client, "t1", &error);

  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "cut short");
  g_assert_cmpuint (raw->requests, ==, TEST_ATTEMPTS);
}

/* A body with no length is counted as it comes and cut at the cap. */
static void
test_chunked_huge (void)
{
  g_autoptr(RawServer) raw = raw_server_new ();
  g_autoptr(KlingClient) client = raw_client (raw, "/chunked");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = query_sync (client, "t1", &error);

  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "larger than 4 MiB");
  g_assert_cmpuint (kling_client_get_bytes_received (client), ==, KLING_MAX_RESPONSE_SIZE + 1);
  g_assert_cmpuint (raw->requests, ==, 1);
  /* The client hung up: the server could not send everything. */
  g_assert_true (kling_test_run_until (&raw->response_finished, KLING_TEST_PATIENCE_MS));
  g_assert_cmpuint (raw->body_bytes_written, <, 20 * 1024 * 1024);
}

/* A redirect is reported, not followed: the token stays with the API base. */
static void
test_redirect_not_followed (void)
{
  g_autoptr(RawServer) raw = raw_server_new ();
  g_autoptr(RawServer) elsewhere = raw_server_new ();
  g_autoptr(KlingClient) client = raw_client (raw, "/redirect");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;

  raw->redirect_to = g_strconcat (elsewhere->base_url, "/steal", NULL);
  info = query_sync (client, "t1", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL);
  assert_message_has (error, "redirected");
  assert_message_has (error, "HTTP 302");
  assert_message_has (error, "127.0.0.1");
  g_assert_cmpuint (raw->requests, ==, 1);
  g_assert_cmpstr (raw->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpuint (elsewhere->requests, ==, 0);
}

/* Nothing listens: a network error with the system's reason, after retrying. */
static void
test_connection_refused (void)
{
  g_autoptr(RawServer) raw = raw_server_new ();
  g_autofree char *base = g_strdup (raw->base_url);
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  static const Mode bearer = { KLING_FAKE_DIALECT_KLING, KLING_AUTH_BEARER };

  g_clear_pointer (&raw, raw_server_free);
  client = new_client (&bearer, base, NULL);
  info = query_sync (client, "t1", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NETWORK);
  assert_message_has (error, "Could not reach the server");
}

/* ---- Configuration ----------------------------------------------------- */

static void
test_base_url_check (void)
{
  static const struct {
    const char *url;
    gboolean    ok;
    const char *normalized;
  } cases[] = {
    { "https://api.tu-zi.com/kling", TRUE, "https://api.tu-zi.com/kling" },
    { "https://api-singapore.klingai.com/", TRUE, "https://api-singapore.klingai.com" },
    { "https://example.com/kling///", TRUE, "https://example.com/kling" },
    { "http://127.0.0.1:8080", TRUE, "http://127.0.0.1:8080" },
    { "http://127.5.6.7/", TRUE, "http://127.5.6.7" },
    { "http://localhost:3000/api/", TRUE, "http://localhost:3000/api" },
    { "http://[::1]:9000", TRUE, "http://[::1]:9000" },
    { "HTTPS://Example.com", TRUE, "HTTPS://Example.com" },
    { "http://example.com", FALSE, NULL },
    { "http://128.0.0.1", FALSE, NULL },
    { "http://localhost.example.com", FALSE, NULL },
    { "http://127.0.0.1.nip.io", FALSE, NULL },
    { "http://[::2]", FALSE, NULL },
    { "ftp://127.0.0.1", FALSE, NULL },
    { "api.klingai.com", FALSE, NULL },
    { "https://", FALSE, NULL },
    { "https://user:pass@example.com", FALSE, NULL },
    { "https://example.com/?token=abc", FALSE, NULL },
    { "https://example.com/#x", FALSE, NULL },
    { "", FALSE, NULL },
    { NULL, FALSE, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = kling_base_url_normalize (cases[i].url, &error);

      g_assert_cmpint (kling_base_url_check (cases[i].url, NULL), ==, cases[i].ok);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL);
    }
}

static void
test_base_url_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingClient) client = NULL;

  g_assert_false (kling_base_url_check ("http://example.com/kling", &error));
  assert_message_has (error, "example.com");
  assert_message_has (error, "https://");
  g_clear_error (&error);

  /* The query could hold a token: it is not repeated. */
  g_assert_false (kling_base_url_check ("https://example.com/?key=SECRET", &error));
  g_assert_null (strstr (error->message, "SECRET"));
  g_clear_error (&error);

  client = kling_client_new_bearer ("http://example.com", TOKEN, &error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL);
  g_clear_error (&error);

  client = kling_client_new_bearer (NULL, TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_PROXY_BASE);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_BEARER);
  g_assert_true (SOUP_IS_SESSION (kling_client_get_session (client)));
  g_assert_cmpstr (soup_session_get_user_agent (kling_client_get_session (client)), ==,
                   "KlingStudio/" PACKAGE_VERSION);
  g_clear_object (&client);

  client = kling_client_new_official (NULL, ACCESS_KEY, SECRET_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_OFFICIAL_BASE);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);
}

static void
test_credentials_checked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingClient) client = NULL;

  client = kling_client_new_bearer (NULL, "", &error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  client = kling_client_new_bearer (NULL, "abc\r\nX-Evil: 1", &error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, "Evil"));
  g_clear_error (&error);

  client = kling_client_new_official (NULL, ACCESS_KEY, "  ", &error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  /* What a paste adds around a token is trimmed. */
  client = kling_client_new_bearer (NULL, "  " TOKEN "\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
}

static void
clear_environment (void)
{
  g_unsetenv ("KLING_API_BASE");
  g_unsetenv ("KLING_API_TOKEN");
  g_unsetenv ("KLING_ACCESS_KEY");
  g_unsetenv ("KLING_SECRET_KEY");
}

static void
test_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingClient) client = NULL;

  clear_environment ();
  client = kling_client_new_from_environment (&error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
  assert_message_has (error, "KLING_API_TOKEN");
  assert_message_has (error, "KLING_ACCESS_KEY");
  g_clear_error (&error);

  g_setenv ("KLING_ACCESS_KEY", ACCESS_KEY, TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
  assert_message_has (error, "KLING_SECRET_KEY");
  g_assert_null (strstr (error->message, ACCESS_KEY));
  g_clear_error (&error);

  g_setenv ("KLING_SECRET_KEY", SECRET_KEY, TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_OFFICIAL_BASE);
  g_clear_object (&client);

  /* A token wins over the keys, with the proxy's default base. */
  g_setenv ("KLING_API_TOKEN", TOKEN, TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_BEARER);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_PROXY_BASE);
  g_clear_object (&client);

  g_setenv ("KLING_API_BASE", "https://kling.example.org/api/", TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, "https://kling.example.org/api");
  g_clear_object (&client);

  g_setenv ("KLING_API_BASE", "http://kling.example.org", TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_null (client);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL);
  g_clear_error (&error);

  /* Empty variables count as unset. */
  g_setenv ("KLING_API_BASE", "", TRUE);
  g_setenv ("KLING_API_TOKEN", "", TRUE);
  client = kling_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);

  clear_environment ();
}

/* The environment's client talks to the server it names, in both modes. */
static void
test_from_environment_end_to_end (void)
{
  guint i;

  for (i = 0; i < 2; i++)
    {
      g_autoptr(KlingFakeServer) server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
      g_autoptr(KlingClient) client = NULL;
      g_autoptr(GPtrArray) tasks = NULL;
      g_autoptr(GError) error = NULL;
      const char *base;

      if (i == 0)
        kling_fake_server_set_token (server, TOKEN);
      else
        kling_fake_server_set_keys (server, ACCESS_KEY, SECRET_KEY);
      base = kling_fake_server_start (server, 0, &error);
      g_assert_no_error (error);

      clear_environment ();
      g_setenv ("KLING_API_BASE", base, TRUE);
      if (i == 0)
        g_setenv ("KLING_API_TOKEN", TOKEN, TRUE);
      else
        {
          g_setenv ("KLING_ACCESS_KEY", ACCESS_KEY, TRUE);
          g_setenv ("KLING_SECRET_KEY", SECRET_KEY, TRUE);
        }
      client = kling_client_new_from_environment (&error);
      g_assert_no_error (error);
      tasks = list_sync (client, 1, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tasks->len, ==, 0);
      g_assert_cmpuint (kling_fake_server_count_requests (server, "GET", TASKS_PATH), ==, 1);
    }
  clear_environment ();
}

/* ---- The official server's hint ----------------------------------------- */

#define HINT_SINGAPORE \
  ". Keys from Kling’s mainland China site do not work on the Singapore server: choose the server in Preferences"
#define HINT_BEIJING \
  ". Keys from Kling’s global site do not work on the Beijing server: choose the server in Preferences"

/* The message of a refused key as the fake server words it, with the
 * request id it made up (taken from @message), and @hint after it. */
static char *
expected_refusal (const char *message,
                  const char *hint)
{
  const char *id = strstr (message, ", request id ");
  g_autofree char *request_id = NULL;

  g_assert_nonnull (id);
  id += strlen (", request id ");
  request_id = g_strndup (id, strcspn (id, ")"));
  return g_strdup_printf ("Authentication failed: the token is invalid: Auth failed: token is invalid "
                          "(code 1002, HTTP 401, request id %s)%s", request_id, hint);
}

static void
assert_refusal (KlingClient *client,
                const char  *hint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = query_sync (client, "123", &error);
  g_autofree char *expected = NULL;
  g_autoptr(KlingTaskInfo) found = NULL;

  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION);
  expected = expected_refusal (error->message, hint);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* A call made of calls says it once. */
  found = find_sync (client, "ext-none", &error);
  g_assert_null (found);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION);
  g_free (expected);
  expected = expected_refusal (error->message, hint);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Keys refused by an official server the user chose (the fake server
 * stands in for it: the client is marked, its URL does not matter) get a
 * hint about the other Kling site; a proxy's or a custom server's do not,
 * nor does any other error. */
static void
test_official_host_hint (void)
{
  g_autoptr(KlingFakeServer) server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  g_autoptr(KlingClient) official = NULL;
  g_autoptr(KlingClient) custom = NULL;
  g_autoptr(KlingClient) proxy = NULL;
  g_autoptr(KlingClient) right_keys = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  KlingOfficialHost host;
  const char *base;

  kling_fake_server_set_keys (server, ACCESS_KEY, SECRET_KEY);
  base = kling_fake_server_start (server, 0, &error);
  g_assert_no_error (error);

  official = kling_client_new_official (base, ACCESS_KEY, "secret-key-of-the-other-site", &error);
  g_assert_no_error (error);
  kling_client_set_retry_policy (official, TEST_DELAY_MS, TEST_ATTEMPTS);
  g_assert_false (kling_client_get_official_host (official, NULL));
  kling_client_set_official_host (official, KLING_OFFICIAL_HOST_SINGAPORE);
  g_assert_true (kling_client_get_official_host (official, &host));
  g_assert_cmpint (host, ==, KLING_OFFICIAL_HOST_SINGAPORE);
  assert_refusal (official, HINT_SINGAPORE);
  kling_client_set_official_host (official, KLING_OFFICIAL_HOST_BEIJING);
  assert_refusal (official, HINT_BEIJING);

  /* Keys for a custom server: no official server was chosen. */
  custom = kling_client_new_official (base, ACCESS_KEY, "secret-key-of-the-other-site", &error);
  g_assert_no_error (error);
  assert_refusal (custom, "");

  /* A proxy's token. */
  kling_fake_server_set_token (server, TOKEN);
  proxy = kling_client_new_bearer (base, "wrong-token-5e1", &error);
  g_assert_no_error (error);
  assert_refusal (proxy, "");

  /* Accepted keys: the server's other answers are not about keys. */
  kling_fake_server_set_keys (server, ACCESS_KEY, SECRET_KEY);
  right_keys = kling_client_new_official (base, ACCESS_KEY, SECRET_KEY, &error);
  g_assert_no_error (error);
  kling_client_set_official_host (right_keys, KLING_OFFICIAL_HOST_BEIJING);
  info = query_sync (right_keys, "no-such-task", &error);
  g_assert_null (info);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, "Preferences"));
}

/* ---- Registration ------------------------------------------------------ */

typedef void (*FixtureTest) (Fixture *f, gconstpointer data);

static void
add_for_every_mode (const char  *name,
                    FixtureTest  test)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/client/%s/%s/%s",
                         modes[i].no_list ? "new-api"
                         : modes[i].dialect == KLING_FAKE_DIALECT_KLING ? "kling" : "relay",
                         modes[i].auth == KLING_AUTH_BEARER ? "bearer" : "jwt",
                         name);

      g_test_add (path, Fixture, &modes[i], fixture_set_up, test, fixture_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_for_every_mode ("lifecycle", test_lifecycle);
  add_for_every_mode ("wrong-credentials", test_wrong_credentials);
  add_for_every_mode ("error-classes", test_error_classes);
  add_for_every_mode ("rate-limit-then-success", test_rate_limit_then_success);
  add_for_every_mode ("rate-limit-exhausted", test_rate_limit_exhausted);
  add_for_every_mode ("get-500-then-success", test_get_500_then_success);
  add_for_every_mode ("html", test_html);
  add_for_every_mode ("html-on-create", test_html_on_create);
  add_for_every_mode ("truncated-get", test_truncated_get);
  add_for_every_mode ("truncated-create", test_truncated_create);
  add_for_every_mode ("post-lost", test_post_lost);
  add_for_every_mode ("post-lost-without-external-id", test_post_lost_without_external_id);
  add_for_every_mode ("huge", test_huge);
  add_for_every_mode ("jwt-expired", test_jwt_expired);
  add_for_every_mode ("list-and-find", test_list_and_find);
  add_for_every_mode ("task-id-escaped", test_task_id_escaped);
  add_for_every_mode ("cancel", test_cancel);

  g_test_add_func ("/client/short-body", test_short_body);
  g_test_add_func ("/client/chunked-huge", test_chunked_huge);
  g_test_add_func ("/client/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/client/connection-refused", test_connection_refused);
  g_test_add_func ("/client/base-url/check", test_base_url_check);
  g_test_add_func ("/client/base-url/messages", test_base_url_messages);
  g_test_add_func ("/client/credentials-checked", test_credentials_checked);
  g_test_add_func ("/client/from-environment", test_from_environment);
  g_test_add_func ("/client/from-environment/end-to-end", test_from_environment_end_to_end);
  g_test_add_func ("/client/official-host-hint", test_official_host_hint);

  return g_test_run ();
}
