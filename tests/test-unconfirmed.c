/* test-unconfirmed.c — a create whose answer was lost is never failed and
 * never paid for twice: found again in one call on the official API, kept as
 * "may have been created" where the provider cannot look it up (new-api
 * relays), and sent again only on the user's word. And a video is saved by
 * one process at a time (the app and a CLI's submit --wait).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/file.h>

#include <glib/gstdio.h>

#include "kling-error.h"
#include "kling-fake-server.h"
#include "kling-poller.h"
#include "kling-test-media.h"
#include "kling-test-wait.h"

#define TOKEN       "sk-test-unconfirmed"
#define ACCESS_KEY  "test-access-key"
#define SECRET_KEY  "test-secret-key-0123456789"
#define TASKS_PATH  "/v1/videos/image2video"

typedef struct {
  char            *tmp;
  KlingFakeServer *server;
  KlingClient     *client;
  KlingTaskStore  *store;
  KlingPoller     *poller;
  guint            finished;
} Fixture;

static void
on_task_finished (KlingPoller *poller,
                  KlingTask   *task,
                  Fixture     *f)
{
  f->finished++;
}

static void
open_store (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->tmp, "tasks", NULL);
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  f->store = kling_task_store_new (dir);
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_set_intervals (f->poller, 20, 40);
  g_signal_connect (f->poller, "task-finished", G_CALLBACK (on_task_finished), f);
}

/* @data: the dialect; the relay is reached with a token, Kling with keys
 * (the official API's JWT). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  KlingFakeDialect dialect = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  const char *base_url;

  f->tmp = g_dir_make_tmp ("kling-unconfirmed-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = kling_fake_server_new (dialect);
  kling_fake_server_set_timing (f->server, 50, 100);
  /* A new-api relay: the relay dialect, no list, no lookup by external id. */
  kling_fake_server_set_no_list (f->server, dialect == KLING_FAKE_DIALECT_RELAY);
  if (dialect == KLING_FAKE_DIALECT_RELAY)
    kling_fake_server_set_token (f->server, TOKEN);
  else
    kling_fake_server_set_keys (f->server, ACCESS_KEY, SECRET_KEY);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  if (dialect == KLING_FAKE_DIALECT_RELAY)
    f->client = kling_client_new_bearer (base_url, TOKEN, &error);
  else
    f->client = kling_client_new_official (base_url, ACCESS_KEY, SECRET_KEY, &error);
  g_assert_no_error (error);
  kling_client_set_retry_policy (f->client, 10, 3);
  open_store (f);
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
  g_clear_pointer (&f->server, kling_fake_server_free);
  kling_test_remove_tree (f->tmp);
  g_free (f->tmp);
}

static KlingTask *
create_task (Fixture *f)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *image = kling_test_png_base64 (320, 320, FALSE, 0, 0);
  KlingTask *task;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model_name");
  json_builder_add_string_value (builder, "kling-v1");
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, image);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, "A cat yawns");
  json_builder_set_member_name (builder, "duration");
  json_builder_add_string_value (builder, "5");
  json_builder_set_member_name (builder, "external_task_id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  body = kling_test_generate_json (builder);

  task = kling_task_store_create (f->store, body, kling_client_get_base_url (f->client),
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

  return kling_task_get_state (wait->task) == wait->state;
}

static void
wait_for_state (KlingTask      *task,
                KlingTaskState  state)
{
  StateWait wait = { task, state };

  if (!kling_test_wait_for (task_in_state, &wait, KLING_TEST_PATIENCE_MS))
    g_error ("task %s is %s, not %s (%s)", kling_task_get_local_id (task),
             kling_task_state_to_string (kling_task_get_state (task)),
             kling_task_state_to_string (state), kling_task_get_error_message (task));
}

static gboolean
any_finished (gpointer data)
{
  return ((Fixture *) data)->finished > 0;
}

static guint
count_posts (Fixture *f)
{
  return kling_fake_server_count_requests (f->server, "POST", TASKS_PATH);
}

/* Behind a relay (no list, no lookup by external id) the lost create stays
 * "may have been created": one POST, not failed, kept on disk as such, the
 * same external id; looking again sends nothing; only "send again" does. */
static void
test_relay_keeps_it_unconfirmed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(KlingTask) task = create_task (f);
  g_autofree char *local_id = g_strdup (kling_task_get_local_id (task));
  g_autofree char *external_id = g_strdup (kling_task_get_external_task_id (task));
  g_autoptr(GBytes) last_body = NULL;
  KlingTask *reloaded;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  kling_poller_start (f->poller);
  wait_for_state (task, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_cmpuint (count_posts (f), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
  g_assert_null (kling_task_get_task_id (task));
  g_assert_nonnull (strstr (kling_task_get_error_message (task), "may have been created"));
  g_assert_false (kling_task_is_finished (task));

  /* On disk as such, and looked up again at the next start: still one POST. */
  g_clear_object (&task);
  open_store (f);
  reloaded = kling_task_store_find (f->store, local_id);
  g_assert_cmpint (kling_task_get_state (reloaded), ==, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_cmpstr (kling_task_get_external_task_id (reloaded), ==, external_id);
  f->finished = 0;
  kling_poller_start (f->poller);
  g_assert_true (kling_test_wait_for (any_finished, f, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_task_get_state (reloaded), ==, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_cmpuint (count_posts (f), ==, 1);

  /* The user's word: sent once more, with the same external id, which the
   * server keeps unique: the copy is refused, nothing is paid twice. */
  kling_poller_send_again (f->poller, reloaded);
  wait_for_state (reloaded, KLING_TASK_STATE_FAILED);
  g_assert_cmpuint (count_posts (f), ==, 2);
  last_body = kling_fake_server_get_last_body (f->server);
  g_assert_nonnull (strstr (g_bytes_get_data (last_body, NULL), external_id));
  g_assert_nonnull (strstr (kling_task_get_error_message (reloaded), "already exists"));
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* A gateway's error page answered the create behind a relay: the task may
 * exist; sent again on the user's word, it is made once. */
static void
test_relay_send_again (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KlingTask) task = create_task (f);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTML, 1);
  kling_poller_start (f->poller);
  wait_for_state (task, KLING_TASK_STATE_UNCONFIRMED);
  g_assert_cmpuint (count_posts (f), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 0);

  kling_poller_send_again (f->poller, task);
  wait_for_state (task, KLING_TASK_STATE_SUBMITTED);
  g_assert_cmpuint (count_posts (f), ==, 2);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
  g_assert_null (kling_task_get_error_message (task));
}

/* The official API answers the external id on the query path: the task is
 * found in one call and followed; one POST. */
static void
test_official_finds_it (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KlingTask) task = create_task (f);
  g_autofree char *server_id = NULL;
  g_autofree char *lookup = g_strconcat (TASKS_PATH "/", kling_task_get_external_task_id (task), NULL);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  kling_poller_start (f->poller);
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED);
  server_id = kling_fake_server_lookup_external_task_id (f->server,
                                                         kling_task_get_external_task_id (task));
  g_assert_cmpstr (kling_task_get_task_id (task), ==, server_id);
  g_assert_cmpuint (count_posts (f), ==, 1);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", lookup), ==, 1);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", TASKS_PATH), ==, 0);
}

static gboolean
video_saved (gpointer task)
{
  return kling_task_get_video_path (task) != NULL;
}

/* Another process holds the task's download lock: this one downloads
 * nothing while it does. @other_saves: whether the other one saved the video
 * (then it is taken as it is), or let go without it (then it is downloaded). */
static void
assert_waits_for_other_process (Fixture  *f,
                                gboolean  other_saves)
{
  g_autoptr(KlingTask) task = create_task (f);
  g_autofree char *lock = g_build_filename (kling_task_get_folder (task), "download.lock", NULL);
  g_autofree char *video = g_build_filename (kling_task_get_folder (task), KLING_TASK_VIDEO_FILE, NULL);
  g_autoptr(GBytes) served = kling_fake_server_get_video (f->server);
  g_autofree char *saved = NULL;
  gsize length;
  int fd = g_open (lock, O_RDWR | O_CREAT, 0600);

  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  kling_poller_start (f->poller);
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED);
  g_assert_false (kling_fake_server_video_was_requested (f->server));
  g_assert_null (kling_task_get_video_path (task));

  if (other_saves)
    g_assert_true (g_file_set_contents (video, g_bytes_get_data (served, NULL),
                                        g_bytes_get_size (served), NULL));
  g_close (fd, NULL);
  g_assert_true (kling_test_wait_for (video_saved, task, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_fake_server_video_was_requested (f->server), ==, !other_saves);
  g_assert_true (g_file_get_contents (video, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (served, NULL), g_bytes_get_size (served));
}

static void
test_other_process_saved_it (Fixture       *f,
                             gconstpointer  data)
{
  assert_waits_for_other_process (f, TRUE);
}

static void
test_other_process_let_go (Fixture       *f,
                           gconstpointer  data)
{
  assert_waits_for_other_process (f, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/unconfirmed/relay-keeps-it-unconfirmed", Fixture,
              GINT_TO_POINTER (KLING_FAKE_DIALECT_RELAY),
              fixture_set_up, test_relay_keeps_it_unconfirmed, fixture_tear_down);
  g_test_add ("/unconfirmed/relay-send-again", Fixture,
              GINT_TO_POINTER (KLING_FAKE_DIALECT_RELAY),
              fixture_set_up, test_relay_send_again, fixture_tear_down);
  g_test_add ("/unconfirmed/official-finds-it", Fixture,
              GINT_TO_POINTER (KLING_FAKE_DIALECT_KLING),
              fixture_set_up, test_official_finds_it, fixture_tear_down);
  g_test_add ("/download-lock/other-process-saved-it", Fixture,
              GINT_TO_POINTER (KLING_FAKE_DIALECT_KLING),
              fixture_set_up, test_other_process_saved_it, fixture_tear_down);
  g_test_add ("/download-lock/other-process-let-go", Fixture,
              GINT_TO_POINTER (KLING_FAKE_DIALECT_KLING),
              fixture_set_up, test_other_process_let_go, fixture_tear_down);
  return g_test_run ();
}
