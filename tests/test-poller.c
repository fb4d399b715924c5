/* test-poller.c — following tasks against the fake server: the whole loop,
 * restarts, lost POSTs, the 1303 queue, failures, poll pacing, the network
 * going away, giving up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-error.h"
#include "kling-fake-server.h"
#include "kling-poller.h"
#include "kling-test-media.h"

#define TOKEN "sk-test-SECRET-123"
#define QUERY_PATH "/v1/videos/image2video/"

/* A network monitor the test switches on and off. */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_initable_init (GInitableIface *iface);
static void test_monitor_iface_init (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { PROP_AVAILABLE = 1, PROP_METERED, PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static gboolean
test_monitor_initable (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Test media and bodies */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* A motion-brush body, everything inline, as the request builder makes it. */
static GBytes *
make_motion_brush_body (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *image = kling_test_png_base64 (640, 400, FALSE, 0, 0);
  g_autofree char *static_mask = kling_test_png_base64 (640, 400, TRUE, 0, 100);
  g_autofree char *mask = kling_test_png_base64 (640, 400, TRUE, 200, 300);
  g_autofree char *id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  add_string (builder, "model_name", "kling-v1");
  add_string (builder, "mode", "std");
  add_string (builder, "prompt", "A paper boat drifts → right");
  json_builder_set_member_name (builder, "cfg_scale");
  json_builder_add_double_value (builder, 0.5);
  add_string (builder, "duration", "5");
  add_string (builder, "image", image);
  add_string (builder, "static_mask", static_mask);
  json_builder_set_member_name (builder, "dynamic_masks");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "mask", mask);
  json_builder_set_member_name (builder, "trajectories");
  json_builder_begin_array (builder);
  for (int i = 0; i < 4; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, 210 + 25 * i);
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, 200);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_string (builder, "external_task_id", id);
  json_builder_end_object (builder);
  return kling_test_generate_json (builder);
}

/* A small body: a plain image, no masks. */
static GBytes *
make_small_body (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *image = kling_test_png_base64 (320, 320, FALSE, 0, 0);

  json_builder_begin_object (builder);
  add_string (builder, "model_name", "kling-v1-6");
  add_string (builder, "image", image);
  add_string (builder, "prompt", "A cat yawns");
  add_string (builder, "duration", "5");
  add_string (builder, "external_task_id", id);
  json_builder_end_object (builder);
  return kling_test_generate_json (builder);
}

/* Fixture */

typedef struct {
  char            *tmp;
  char            *dir;
  KlingFakeServer *server;
  KlingClient     *client;
  KlingTaskStore  *store;
  KlingPoller     *poller;
  GPtrArray       *finished;   /* tasks, in the order they finished */
} Fixture;

static void
on_task_finished (KlingPoller *poller,
                  KlingTask   *task,
                  Fixture     *f)
{
  g_assert_true (kling_task_is_finished (task));
  g_ptr_array_add (f->finished, g_object_ref (task));
}

static void
make_poller (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    {
      f->store = kling_task_store_new (f->dir);
      g_assert_true (kling_task_store_load (f->store, &error));
      g_assert_no_error (error);
    }
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_set_intervals (f->poller, 30, 60);
  kling_poller_set_queue_intervals (f->poller, 50, 200);
  g_signal_connect (f->poller, "task-finished", G_CALLBACK (on_task_finished), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *base_url;

  f->tmp = g_dir_make_tmp ("kling-poller-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (f->tmp, "tasks", NULL);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 100, 300);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->client = kling_client_new_bearer (base_url, TOKEN, &error);
  g_assert_no_error (error);
  kling_client_set_retry_policy (f->client, 10, 3);
  make_poller (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  /* Let cancelled requests finish before the server goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->server, kling_fake_server_free);
  g_ptr_array_unref (f->finished);
  kling_test_remove_tree (f->tmp);
  g_free (f->dir);
  g_free (f->tmp);
}

/* Waiting, with a guard */

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            guint       timeout_ms,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add (timeout_ms, set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out after %u ms waiting for %s", timeout_ms, what);
  g_source_remove (guard);
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
finished_count_is (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return f->finished->len >= n;
}

static void
wait_finished (Fixture *f,
               guint    n,
               guint    timeout_ms)
{
  gpointer data[2] = { f, GUINT_TO_POINTER (n) };

  wait_until (finished_count_is, data, timeout_ms, "tasks to finish");
}

typedef struct {
  KlingTask      *task;
  KlingTaskState  state;
} StateWait;

static gboolean
task_reached_state (gpointer data)
{
  StateWait *wait = data;

  return kling_task_get_state (wait->task) >= wait->state;
}

static void
wait_state (KlingTask      *task,
            KlingTaskState  state,
            guint           timeout_ms)
{
  StateWait wait = { task, state };

  wait_until (task_reached_state, &wait, timeout_ms, kling_task_state_to_string (state));
}

/* Every state a task goes through, in order. */
static void
record_state (KlingTask  *task,
              GParamSpec *pspec,
              GArray     *states)
{
  KlingTaskState state = kling_task_get_state (task);

  g_array_append_val (states, state);
}

static GArray *
watch_states (KlingTask *task)
{
  GArray *states = g_array_new (FALSE, FALSE, sizeof (KlingTaskState));

  g_signal_connect (task, "notify::state", G_CALLBACK (record_state), states);
  return states;
}

static gboolean
states_include (GArray         *states,
                KlingTaskState  state)
{
  for (guint i = 0; i < states->len; i++)
    if (g_array_index (states, KlingTaskState, i) == state)
      return TRUE;
  return FALSE;
}

static KlingTask *
create_task (Fixture *f,
             GBytes  *body)
{
  g_autoptr(GError) error = NULL;
  KlingTask *task = kling_task_store_create (f->store, body, kling_client_get_base_url (f->client),
                                             kling_client_get_auth_mode (f->client), &error);

  g_assert_no_error (error);
  return task;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_video_saved (Fixture   *f,
                    KlingTask *task)
{
  g_autoptr(GBytes) expected = kling_fake_server_get_video (f->server);
  g_autofree char *path = g_build_filename (kling_task_get_folder (task), "video.mp4", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GBytes) saved = NULL;

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (kling_task_get_video_path (task), ==, path);
  saved = read_file (path);
  g_assert_cmpuint (g_bytes_get_size (saved), >, 1000);
  g_assert_true (g_bytes_equal (saved, expected));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpfloat (kling_task_get_download_progress (task), ==, 1.0);
}

/* What task.json says now, read by a fresh store. */
static KlingTask *
reload (Fixture   *f,
        KlingTask *task)
{
  g_autoptr(KlingTaskStore) store = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (kling_task_store_load (store, &error));
  g_assert_no_error (error);
  return g_object_ref (kling_task_store_find (store, kling_task_get_local_id (task)));
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_no_token_in_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GBytes) contents = read_file (path);

      if (contains (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), TOKEN))
        g_error ("%s holds the token", path);
    }
}

/* Tests */

static void
test_full_loop (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(GArray) states = watch_states (task);
  g_autoptr(GBytes) posted = NULL;
  g_autoptr(KlingTask) saved = NULL;
  g_autofree char *authorization = NULL;
  KlingTaskState expected[] = {
    KLING_TASK_STATE_SENDING, KLING_TASK_STATE_SUBMITTED,
    KLING_TASK_STATE_PROCESSING, KLING_TASK_STATE_SUCCEEDED,
  };

  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);
  g_assert_true (g_ptr_array_index (f->finished, 0) == task);

  /* Sent once, exactly the body given; polled through every state. */
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  posted = kling_fake_server_get_last_body (f->server);
  g_assert_true (g_bytes_equal (posted, body));
  g_assert_cmpmem (states->data, states->len * sizeof (KlingTaskState), expected, sizeof expected);
  g_assert_nonnull (kling_task_get_task_id (task));
  g_assert_cmpint (kling_task_get_progress (task), ==, 100);
  g_assert_cmpint (kling_task_get_created_at (task), >, 0);
  g_assert_null (kling_task_get_error_message (task));

  /* The video, complete, in the task's folder; fetched without the token. */
  assert_video_saved (f, task);
  authorization = kling_fake_server_get_video_request_header (f->server, "Authorization");
  g_assert_null (authorization);
  assert_no_token_in_folder (kling_task_get_folder (task));

  /* And task.json says so. */
  saved = reload (f, task);
  g_assert_cmpint (kling_task_get_state (saved), ==, KLING_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (kling_task_get_video_path (saved), ==, kling_task_get_video_path (task));
  g_assert_cmpstr (kling_task_get_task_id (saved), ==, kling_task_get_task_id (task));
  g_assert_cmpstr (kling_task_get_video_url (saved), ==, kling_task_get_video_url (task));
  g_assert_false (kling_poller_is_following (f->poller, task));
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(KlingTask) resumed = NULL;
  g_autofree char *local_id = NULL;

  kling_fake_server_set_timing (f->server, 50, 800);
  task = create_task (f, body);
  local_id = g_strdup (kling_task_get_local_id (task));
  kling_poller_submit (f->poller, task);
  wait_state (task, KLING_TASK_STATE_PROCESSING, 5000);

  /* The app quits (or crashes) while the task is processing. */
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  g_assert_cmpuint (f->finished->len, ==, 0);

  /* Next start: a new store and poller over the same folder. */
  make_poller (f);
  resumed = g_object_ref (kling_task_store_find (f->store, local_id));
  g_assert_true (resumed != task);
  g_assert_cmpint (kling_task_get_state (resumed), ==, KLING_TASK_STATE_PROCESSING);
  kling_poller_start (f->poller);
  wait_finished (f, 1, 10000);

  g_assert_true (g_ptr_array_index (f->finished, 0) == resumed);
  assert_video_saved (f, resumed);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

static void
created_directly_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KlingTaskInfo) info = NULL;

  info = kling_client_create_task_finish (KLING_CLIENT (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The app crashed just after sending: task.json says SENDING, and the POST
 * did reach the server (its answer was lost). */
static void
test_sending_is_looked_up (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) resumed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_task_id = NULL;
  g_autofree char *local_id = g_strdup (kling_task_get_local_id (task));
  gboolean sent = FALSE;

  kling_task_set_state (task, KLING_TASK_STATE_SENDING);
  g_assert_true (kling_task_store_save (f->store, task, &error));
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  kling_client_create_task_async (f->client, body, kling_task_get_external_task_id (task),
                                  NULL, created_directly_cb, &sent);
  wait_until (is_true, &sent, 5000, "the lost POST");
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  server_task_id = kling_fake_server_lookup_external_task_id (f->server,
                                                              kling_task_get_external_task_id (task));
  g_assert_nonnull (server_task_id);

  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  make_poller (f);
  resumed = g_object_ref (kling_task_store_find (f->store, local_id));
  g_assert_cmpint (kling_task_get_state (resumed), ==, KLING_TASK_STATE_SENDING);
  kling_poller_start (f->poller);
  wait_finished (f, 1, 10000);

  g_assert_cmpstr (kling_task_get_task_id (resumed), ==, server_task_id);
  assert_video_saved (f, resumed);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* A SENDING task whose POST never arrived is sent (once) after the lookup. */
static void
test_sending_not_found_is_sent (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(GError) error = NULL;

  kling_task_set_state (task, KLING_TASK_STATE_SENDING);
  g_assert_true (kling_task_store_save (f->store, task, &error));
  kling_poller_start (f->poller);
  wait_finished (f, 1, 10000);

  assert_video_saved (f, task);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", "/v1/videos/image2video"),
                    >=, 1);
}

static void
test_queue_1303 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) body1 = make_small_body ();
  g_autoptr(GBytes) body2 = make_small_body ();
  g_autoptr(KlingTask) first = NULL;
  g_autoptr(KlingTask) second = NULL;
  g_autoptr(GArray) states1 = NULL;
  g_autoptr(GArray) states2 = NULL;

  kling_fake_server_set_concurrency (f->server, 1);
  /* No retries in the client: the poller's own queue does the waiting. */
  kling_client_set_retry_policy (f->client, 10, 1);
  first = create_task (f, body1);
  second = create_task (f, body2);
  states1 = watch_states (first);
  states2 = watch_states (second);

  kling_poller_submit (f->poller, first);
  wait_state (first, KLING_TASK_STATE_SUBMITTED, 5000);
  kling_poller_submit (f->poller, second);
  wait_state (second, KLING_TASK_STATE_QUEUED, 5000);
  g_assert_cmpint (kling_task_get_state (second), ==, KLING_TASK_STATE_QUEUED);
  g_assert_nonnull (strstr (kling_task_get_status_message (second), "1303"));

  wait_finished (f, 2, 15000);
  assert_video_saved (f, first);
  assert_video_saved (f, second);
  g_assert_true (g_ptr_array_index (f->finished, 0) == first);
  g_assert_false (states_include (states1, KLING_TASK_STATE_QUEUED));
  g_assert_true (states_include (states2, KLING_TASK_STATE_QUEUED));
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 2);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), >=, 3);
}

static void
test_moderation_failure (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) saved = NULL;
  const char *message;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_status_message (task), ==,
                   "Failure to pass the risk control system");
  message = kling_task_get_error_message (task);
  g_assert_nonnull (strstr (message, "Failure to pass the risk control system"));
  g_assert_nonnull (strstr (message, kling_task_get_task_id (task)));
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "task-failed");
  g_assert_null (kling_task_get_video_path (task));
  g_assert_false (kling_fake_server_video_was_requested (f->server));

  saved = reload (f, task);
  g_assert_cmpint (kling_task_get_state (saved), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_error_message (saved), ==, message);
}

static void
test_resource_pack_1102 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) saved = NULL;
  const char *message;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  message = kling_task_get_error_message (task);
  g_assert_nonnull (strstr (message, "resource pack"));
  g_assert_nonnull (strstr (message, "Account balance not enough"));
  g_assert_nonnull (strstr (message, "1102"));
  g_assert_nonnull (strstr (message, "request id "));
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "resource-exhausted");
  g_assert_null (kling_task_get_task_id (task));
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 0);

  saved = reload (f, task);
  g_assert_cmpint (kling_task_get_state (saved), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_error_message (saved), ==, message);
}

static void
test_content_refused_1301 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_CONTENT_1301, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "content-refused");
  g_assert_nonnull (strstr (kling_task_get_error_message (task), "1301"));
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
}

static guint
count_polls (Fixture   *f,
             KlingTask *task)
{
  g_autofree char *path = g_strconcat (QUERY_PATH, kling_task_get_task_id (task), NULL);

  return kling_fake_server_count_requests (f->server, "GET", path);
}

static void
test_one_request_per_interval (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = NULL;
  guint before, during, backed_off;

  kling_fake_server_set_timing (f->server, 20, 60000);
  kling_poller_set_intervals (f->poller, 50, 50);
  task = create_task (f, body);
  kling_poller_submit (f->poller, task);
  wait_state (task, KLING_TASK_STATE_PROCESSING, 5000);

  /* A steady 50 ms: about 20 polls a second, never more. */
  before = count_polls (f, task);
  run_for (1000);
  during = count_polls (f, task) - before;
  g_test_message ("%u polls in 1 s at 50 ms", during);
  g_assert_cmpuint (during, <=, 1000 / 50 + 1);
  g_assert_cmpuint (during, >=, 8);

  /* From 20 ms growing ×1.5: far fewer (20, 30, 45, 67, … ms apart). */
  kling_poller_set_intervals (f->poller, 20, 1000);
  kling_poller_check_now (f->poller, task);
  before = count_polls (f, task);
  run_for (1000);
  backed_off = count_polls (f, task) - before;
  g_test_message ("%u polls in 1 s backing off from 20 ms", backed_off);
  g_assert_cmpuint (backed_off, <=, 11);
  g_assert_cmpuint (backed_off, >=, 4);

  /* Stopped: not one more request. */
  kling_poller_stop (f->poller);
  before = kling_fake_server_count_requests (f->server, NULL, NULL);
  run_for (300);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, before);
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PROCESSING);
}

static void
test_network_down_pauses (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);

  monitor->available = FALSE;
  kling_poller_set_network_monitor (f->poller, G_NETWORK_MONITOR (monitor));
  kling_poller_submit (f->poller, task);
  run_for (300);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, 0);
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PENDING);

  test_monitor_set_available (monitor, TRUE);
  wait_state (task, KLING_TASK_STATE_PROCESSING, 5000);

  /* Down again while processing: polling stops until it is back. */
  test_monitor_set_available (monitor, FALSE);
  run_for (150);
  {
    guint before = kling_fake_server_count_requests (f->server, NULL, NULL);

    run_for (300);
    g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, before);
  }
  test_monitor_set_available (monitor, TRUE);
  wait_finished (f, 1, 10000);
  assert_video_saved (f, task);
}

static void
test_gives_up (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) saved = NULL;
  g_autoptr(GError) why = NULL;
  const char *message;

  g_assert_null (kling_task_dup_error (task));
  kling_fake_server_set_timing (f->server, 20, 60000);
  kling_poller_set_give_up_after (f->poller, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 5000);

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "timeout");
  why = kling_task_dup_error (task);
  g_assert_error (why, KLING_ERROR, KLING_ERROR_TIMEOUT);
  g_assert_cmpstr (why->message, ==, kling_task_get_error_message (task));
  message = kling_task_get_error_message (task);
  g_assert_nonnull (strstr (message, "Stopped waiting"));
  g_assert_nonnull (strstr (message, kling_task_get_task_id (task)));
  saved = reload (f, task);
  g_assert_cmpint (kling_task_get_state (saved), ==, KLING_TASK_STATE_FAILED);
}

/* Checked again after giving up: the poller follows the same server task
 * (nothing is sent twice), says so on disk at once, and saves the video. */
static void
test_check_again_after_giving_up (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) saved = NULL;
  g_autofree char *task_id = NULL;

  kling_fake_server_set_timing (f->server, 20, 2500);
  kling_poller_set_give_up_after (f->poller, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 5000);
  g_assert_true (kling_task_gave_up_waiting (task));
  task_id = g_strdup (kling_task_get_task_id (task));

  kling_poller_set_give_up_after (f->poller, 60);
  kling_poller_check_now (f->poller, task);
  g_assert_false (kling_task_gave_up_waiting (task));
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_SUBMITTED);
  g_assert_null (kling_task_get_error_message (task));
  saved = reload (f, task);
  g_assert_cmpint (kling_task_get_state (saved), ==, KLING_TASK_STATE_SUBMITTED);

  wait_finished (f, 2, 10000);
  assert_video_saved (f, task);
  g_assert_cmpstr (kling_task_get_task_id (task), ==, task_id);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
}

/* A task that failed for another reason stays failed: checking it again
 * asks nothing of the server. */
static void
test_check_now_leaves_failures (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  guint before;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 5000);
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_false (kling_task_gave_up_waiting (task));

  before = kling_fake_server_count_requests (f->server, NULL, NULL);
  kling_poller_check_now (f->poller, task);
  run_for (300);
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, before);
}

/* A cut download is retried; the video ends up whole. */
static void
test_download_retried (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_VIDEO_CUT, 1);
  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);

  assert_video_saved (f, task);
  g_assert_null (kling_task_get_error_message (task));
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", ".mp4"), ==, 2);
}

/* A succeeded task whose video was never saved is downloaded at start. */
static void
test_succeeded_without_video (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) resumed = NULL;
  g_autofree char *local_id = g_strdup (kling_task_get_local_id (task));

  kling_poller_submit (f->poller, task);
  wait_finished (f, 1, 10000);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", ".mp4"), ==, 1);

  /* The video is lost (deleted, or a crash before the rename). */
  g_assert_cmpint (g_unlink (kling_task_get_video_path (task)), ==, 0);
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  g_ptr_array_set_size (f->finished, 0);
  make_poller (f);
  resumed = g_object_ref (kling_task_store_find (f->store, local_id));
  g_assert_null (kling_task_get_video_path (resumed));
  kling_poller_start (f->poller);
  wait_finished (f, 1, 10000);

  assert_video_saved (f, resumed);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", ".mp4"), ==, 2);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);
}

/* After a restart: a task never sent, and one that was waiting for a slot. */
static void
test_start_sends_unsent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) body1 = make_small_body ();
  g_autoptr(GBytes) body2 = make_small_body ();
  g_autoptr(KlingTask) pending = create_task (f, body1);
  g_autoptr(KlingTask) queued = create_task (f, body2);
  g_autoptr(GError) error = NULL;

  kling_task_set_state (queued, KLING_TASK_STATE_QUEUED);
  g_assert_true (kling_task_store_save (f->store, queued, &error));
  kling_poller_start (f->poller);
  g_assert_true (kling_poller_is_following (f->poller, pending));
  g_assert_true (kling_poller_is_following (f->poller, queued));
  wait_finished (f, 2, 10000);

  assert_video_saved (f, pending);
  assert_video_saved (f, queued);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 2);
}

/* A task sent through another provider means nothing to this client. */
static void
test_other_provider_left_alone (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = kling_task_store_create (f->store, body,
                                                       "https://api.other.example/kling",
                                                       KLING_AUTH_BEARER, &error);

  g_assert_no_error (error);
  kling_poller_start (f->poller);
  kling_poller_check_now (f->poller, task);
  g_assert_false (kling_poller_is_following (f->poller, task));
  run_for (200);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, 0);
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PENDING);
}

/* A deleted task is let go at once. */
static void
test_deleted_task_dropped (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) body = make_small_body ();
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(GError) error = NULL;
  guint before;

  kling_fake_server_set_timing (f->server, 20, 60000);
  kling_poller_submit (f->poller, task);
  wait_state (task, KLING_TASK_STATE_PROCESSING, 5000);
  g_assert_true (kling_task_store_delete (f->store, task, &error));
  g_assert_no_error (error);
  g_assert_false (kling_poller_is_following (f->poller, task));
  run_for (50);
  before = kling_fake_server_count_requests (f->server, NULL, NULL);
  run_for (200);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, before);
  g_assert_false (g_file_test (kling_task_get_folder (task), G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/poller/full-loop", test_full_loop);
  ADD ("/poller/restart", test_restart);
  ADD ("/poller/sending-is-looked-up", test_sending_is_looked_up);
  ADD ("/poller/sending-not-found-is-sent", test_sending_not_found_is_sent);
  ADD ("/poller/queue-1303", test_queue_1303);
  ADD ("/poller/moderation-failure", test_moderation_failure);
  ADD ("/poller/resource-pack-1102", test_resource_pack_1102);
  ADD ("/poller/content-refused-1301", test_content_refused_1301);
  ADD ("/poller/one-request-per-interval", test_one_request_per_interval);
  ADD ("/poller/network-down-pauses", test_network_down_pauses);
  ADD ("/poller/gives-up", test_gives_up);
  ADD ("/poller/check-again-after-giving-up", test_check_again_after_giving_up);
  ADD ("/poller/check-now-leaves-failures", test_check_now_leaves_failures);
  ADD ("/poller/download-retried", test_download_retried);
  ADD ("/poller/succeeded-without-video", test_succeeded_without_video);
  ADD ("/poller/start-sends-unsent", test_start_sends_unsent);
  ADD ("/poller/other-provider-left-alone", test_other_provider_left_alone);
  ADD ("/poller/deleted-task-dropped", test_deleted_task_dropped);
#undef ADD

  return g_test_run ();
}
