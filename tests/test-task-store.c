/* test-task-store.c — tasks on disk: written before sending, no secrets,
 * rebuilt byte for byte, read back, damaged files skipped, deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-error.h"
#include "kling-fake-server.h"
#include "kling-json.h"
#include "kling-task-store.h"
#include "kling-test-media.h"
#include "kling-test-wait.h"

#define TOKEN "sk-test-SECRET-123"

/* Test media, made here. */

static char *
jpeg_base64 (int width,
             int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *buffer = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL, NULL));
  return g_base64_encode ((const guchar *) buffer, length);
}

/* A body written as kling_request_build_body() writes it. */
static GBytes *
generate_body (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data = kling_json_to_data (root, FALSE, &length);

  return g_bytes_new_take (data, length);
}

static void
add_trajectory (JsonBuilder *builder,
                int          x,
                int          y)
{
  json_builder_set_member_name (builder, "trajectories");
  json_builder_begin_array (builder);
  for (int i = 0; i < 3; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, x + 20 * i);
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, y);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* A motion-brush body as the request builder makes it: inline image, a
 * static mask and two dynamic masks, in its compact form. */
static GBytes *
make_motion_brush_body (char **external_task_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *image = kling_test_png_base64 (640, 400, FALSE, 0, 0);
  g_autofree char *static_mask = kling_test_png_base64 (640, 400, TRUE, 0, 100);
  g_autofree char *mask1 = kling_test_png_base64 (640, 400, TRUE, 200, 300);
  g_autofree char *mask2 = kling_test_png_base64 (640, 400, TRUE, 400, 500);
  g_autofree char *id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model_name");
  json_builder_add_string_value (builder, "kling-v1");
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, "std");
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, "A cat \"walks\" → left, 猫が歩く\n\ttab");
  json_builder_set_member_name (builder, "cfg_scale");
  json_builder_add_double_value (builder, 0.3);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_string_value (builder, "5");
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, image);
  json_builder_set_member_name (builder, "static_mask");
  json_builder_add_string_value (builder, static_mask);
  json_builder_set_member_name (builder, "dynamic_masks");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mask");
  json_builder_add_string_value (builder, mask1);
  add_trajectory (builder, 210, 100);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mask");
  json_builder_add_string_value (builder, mask2);
  add_trajectory (builder, 410, 300);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "external_task_id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);

  if (external_task_id != NULL)
    *external_task_id = g_steal_pointer (&id);
  return generate_body (builder);
}

/* Another shape: image by URL, an inline JPEG end frame, awkward numbers. */
static GBytes *
make_end_frame_body (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *tail = jpeg_base64 (400, 400);
  g_autofree char *id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "external_task_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, "http://127.0.0.1:9/in%20put.png?x=1&y=2");
  json_builder_set_member_name (builder, "image_tail");
  json_builder_add_string_value (builder, tail);
  json_builder_set_member_name (builder, "cfg_scale");
  json_builder_add_double_value (builder, 0.1);
  json_builder_set_member_name (builder, "weird");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, -7);
  json_builder_add_double_value (builder, 1e-7);
  json_builder_add_double_value (builder, 1.0);
  json_builder_add_double_value (builder, 1e20);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_add_string_value (builder, "not base64 ✓");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "aspect_ratio");
  json_builder_add_string_value (builder, "1:1");
  json_builder_end_object (builder);
  return generate_body (builder);
}

/* The smallest body: the image by URL, told apart by its prompt. */
static GBytes *
make_url_body (guint n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *prompt = g_strdup_printf ("task %u", n);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt);
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, "http://127.0.0.1:9/a.png");
  json_builder_set_member_name (builder, "external_task_id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  return generate_body (builder);
}

/* Fixture */

typedef struct {
  char            *tmp;
  char            *dir;
  KlingFakeServer *server;
  KlingClient     *client;
  KlingTaskStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *base_url;

  f->tmp = g_dir_make_tmp ("kling-task-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (f->tmp, "tasks", NULL);

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->client = kling_client_new_bearer (base_url, TOKEN, &error);
  g_assert_no_error (error);

  f->store = kling_task_store_new (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, kling_fake_server_free);
  kling_test_remove_tree (f->tmp);
  g_free (f->dir);
  g_free (f->tmp);
}

static KlingTask *
create_task (Fixture *f,
             GBytes  *body)
{
  g_autoptr(GError) error = NULL;
  KlingTask *task;

  task = kling_task_store_create (f->store, body, kling_client_get_base_url (f->client),
                                  kling_client_get_auth_mode (f->client), &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static void
assert_file_exists (KlingTask  *task,
                    const char *name)
{
  g_autofree char *path = g_build_filename (kling_task_get_folder (task), name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was not written", path);
}

static GBytes *
read_task_file (KlingTask  *task,
                const char *name)
{
  g_autofree char *path = g_build_filename (kling_task_get_folder (task), name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The base64 member @member of @body, decoded. */
static GBytes *
body_blob (GBytes     *body,
           const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  guchar *data;
  gsize length;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  data = g_base64_decode (json_object_get_string_member (
                            json_node_get_object (json_parser_get_root (parser)), member),
                          &length);
  return g_bytes_new_take (data, length);
}

/* Tests */

static void
test_create_writes_before_sending (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *external_task_id = NULL;
  g_autoptr(GBytes) body = make_motion_brush_body (&external_task_id);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) saved_image = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  /* Everything is on disk, and nothing went to the server. */
  assert_file_exists (task, "task.json");
  assert_file_exists (task, "image.png");
  assert_file_exists (task, "static_mask.png");
  assert_file_exists (task, "dynamic_mask_1.png");
  assert_file_exists (task, "dynamic_mask_2.png");
  assert_file_exists (task, "thumbnail.png");
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, NULL, NULL), ==, 0);

  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PENDING);
  g_assert_cmpstr (kling_task_get_external_task_id (task), ==, external_task_id);
  g_assert_cmpstr (kling_task_get_model_name (task), ==, "kling-v1");
  g_assert_cmpstr (kling_task_get_mode (task), ==, "std");
  g_assert_cmpstr (kling_task_get_duration (task), ==, "5");
  g_assert_cmpstr (kling_task_get_prompt (task), ==, "A cat \"walks\" → left, 猫が歩く\n\ttab");
  g_assert_null (kling_task_get_task_id (task));
  g_assert_null (kling_task_get_video_path (task));
  g_assert_true (g_str_has_prefix (kling_task_get_folder (task), f->dir));
  g_assert_true (g_regex_match_simple ("^[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[0-9a-f]{4}$",
                                       kling_task_get_local_id (task), 0, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);

  /* The image is kept as the decoded file, not as base64 in task.json. */
  image = body_blob (body, "image");
  saved_image = read_task_file (task, "image.png");
  g_assert_true (g_bytes_equal (image, saved_image));
  json = read_task_file (task, "task.json");
  g_assert_cmpuint (g_bytes_get_size (json), <, 4096);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                  "\"file\" : \"dynamic_mask_2.png\""));
  /* numbers as the user set them, not json-glib's 0.29999999999999999 */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                  "\"cfg_scale\" : 0.3,"));

  /* The thumbnail: the image at 320 px on its longest side. */
  thumbnail = gdk_pixbuf_new_from_file (kling_task_get_thumbnail_path (task), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 200);
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
assert_no_secret_in_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (contains (contents, length, TOKEN))
        g_error ("%s holds the token", path);
      if (contains (contents, length, "SECRET"))
        g_error ("%s holds part of the token", path);
      files++;
    }
  g_assert_cmpuint (files, >=, 2);
}

static void
test_no_secret_on_disk (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_with_secret = NULL;

  assert_no_secret_in_folder (kling_task_get_folder (task));

  /* A base URL with credentials in it is saved without them. */
  base_with_secret = g_strdup_printf ("http://user:%s@127.0.0.1:9/kling?key=%s#%s",
                                      TOKEN, TOKEN, TOKEN);
  other = kling_task_store_create (f->store, body, base_with_secret, KLING_AUTH_JWT, &error);
  g_assert_no_error (error);
  assert_no_secret_in_folder (kling_task_get_folder (other));
  g_assert_cmpstr (kling_task_get_base_url (other), ==, "http://127.0.0.1:9/kling");
  g_assert_cmpint (kling_task_get_auth_mode (other), ==, KLING_AUTH_JWT);
}

static void
assert_rebuilds (KlingTask *task,
                 GBytes    *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rebuilt = kling_task_build_body (task, &error);

  g_assert_no_error (error);
  if (!g_bytes_equal (rebuilt, body))
    g_error ("rebuilt body differs:\n%.*s\n---\n%.*s",
             (int) MIN (g_bytes_get_size (rebuilt), 600), (const char *) g_bytes_get_data (rebuilt, NULL),
             (int) MIN (g_bytes_get_size (body), 600), (const char *) g_bytes_get_data (body, NULL));
}

static void
test_rebuild_identical (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) body1 = make_motion_brush_body (NULL);
  g_autoptr(GBytes) body2 = make_end_frame_body ();
  g_autoptr(KlingTask) task1 = create_task (f, body1);
  g_autoptr(KlingTask) task2 = create_task (f, body2);
  g_autoptr(KlingTaskStore) reloaded = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  /* Doubles as the shortest text that reads back the same, in a valid JSON
   * number (json-glib 1.6 alone writes 0.10000000000000001 and 1e+20.0). */
  g_assert_true (contains (g_bytes_get_data (body1, NULL), g_bytes_get_size (body1),
                           "\"cfg_scale\":0.3,"));
  g_assert_true (contains (g_bytes_get_data (body2, NULL), g_bytes_get_size (body2),
                           "\"cfg_scale\":0.1,\"weird\":[-7,1e-07,1,1e+20,true,null,"));

  assert_rebuilds (task1, body1);
  assert_rebuilds (task2, body2);
  assert_file_exists (task2, "image_tail.jpg");

  /* And after a restart, from what is on disk only. */
  g_assert_true (kling_task_store_load (reloaded, &error));
  g_assert_no_error (error);
  assert_rebuilds (kling_task_store_find (reloaded, kling_task_get_local_id (task1)), body1);
  assert_rebuilds (kling_task_store_find (reloaded, kling_task_get_local_id (task2)), body2);
}

static void
test_rebuild_needs_files (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autofree char *mask = g_build_filename (kling_task_get_folder (task), "static_mask.png", NULL);
  g_autoptr(GBytes) rebuilt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (mask), ==, 0);
  rebuilt = kling_task_build_body (task, &error);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_IO);
  g_assert_null (rebuilt);
  g_assert_nonnull (strstr (error->message, "static_mask"));
}

static void
test_load_second_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) body1 = make_motion_brush_body (NULL);
  g_autoptr(GBytes) body2 = make_end_frame_body ();
  g_autoptr(KlingTask) first = create_task (f, body1);
  g_autoptr(KlingTask) second = create_task (f, body2);
  g_autoptr(KlingTaskStore) other = kling_task_store_new (f->dir);
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  g_autoptr(GError) error = NULL;
  KlingTask *loaded;

  /* Change the first one as the poller would, and save it. */
  info->task_id = g_strdup ("861309198188019719");
  info->status = KLING_TASK_STATUS_FAILED;
  info->status_message = g_strdup ("Failure to pass the risk control system");
  info->request_id = g_strdup ("req-42");
  info->created_at_ms = 1722000000123;
  info->updated_at_ms = 1722000009876;
  info->progress = 40;
  g_assert_true (kling_task_update_from_info (first, info));
  g_assert_true (kling_task_store_save (f->store, first, &error));
  g_assert_no_error (error);

  g_assert_true (kling_task_store_load (other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);

  /* Newest first, as in the store that made them. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KlingTask) a = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      g_autoptr(KlingTask) b = g_list_model_get_item (G_LIST_MODEL (other), i);

      g_assert_cmpstr (kling_task_get_local_id (a), ==, kling_task_get_local_id (b));
      g_assert_cmpstr (kling_task_get_external_task_id (a), ==, kling_task_get_external_task_id (b));
      g_assert_cmpstr (kling_task_get_prompt (a), ==, kling_task_get_prompt (b));
      g_assert_cmpint (kling_task_get_state (a), ==, kling_task_get_state (b));
      g_assert_true (g_date_time_equal (kling_task_get_created (a), kling_task_get_created (b)));
      g_assert_cmpstr (kling_task_get_thumbnail_path (a), ==, kling_task_get_thumbnail_path (b));
    }

  loaded = kling_task_store_find (other, "861309198188019719");
  g_assert_nonnull (loaded);
  g_assert_cmpstr (kling_task_get_local_id (loaded), ==, kling_task_get_local_id (first));
  g_assert_cmpint (kling_task_get_state (loaded), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_status_message (loaded), ==,
                   "Failure to pass the risk control system");
  g_assert_cmpstr (kling_task_get_error_message (loaded), ==,
                   kling_task_get_error_message (first));
  g_assert_nonnull (strstr (kling_task_get_error_message (loaded), "risk control"));
  g_assert_nonnull (strstr (kling_task_get_error_message (loaded), "req-42"));
  g_assert_cmpstr (kling_task_get_request_id (loaded), ==, "req-42");
  g_assert_cmpint (kling_task_get_created_at (loaded), ==, 1722000000123);
  g_assert_cmpint (kling_task_get_updated_at (loaded), ==, 1722000009876);
  g_assert_cmpstr (kling_task_get_base_url (loaded), ==, kling_client_get_base_url (f->client));
  g_assert_true (kling_task_is_finished (loaded));

  g_assert_true (kling_task_store_find (other, kling_task_get_external_task_id (second)) != NULL);
  g_assert_null (kling_task_store_find (other, "no-such-task"));

  /* Loading again adds nothing twice. */
  g_assert_true (kling_task_store_load (other, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
}

static void
write_fake_task (const char *dir,
                 const char *name,
                 const char *json)
{
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (folder, "task.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* @store lists the tasks with the prompts "task N-1" … "task 0", in order. */
static void
assert_newest_first (KlingTaskStore *store,
                     guint           n)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autofree char *prompt = g_strdup_printf ("task %u", n - 1 - i);

      g_assert_cmpstr (kling_task_get_prompt (task), ==, prompt);
    }
}

/* Many tasks within one second, most within one millisecond: listed in the
 * order they were made, newest first, now and after a restart. */
static void
test_same_second_newest_first (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(KlingTaskStore) reloaded = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  const guint n = 40;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) body = make_url_body (i);
      g_autoptr(KlingTask) task = create_task (f, body);
    }
  assert_newest_first (f->store, n);

  g_assert_true (kling_task_store_load (reloaded, &error));
  g_assert_no_error (error);
  assert_newest_first (reloaded, n);
}

/* Folders named before ids had milliseconds ("…T000000Z-abcd") sort with
 * the new ones by their time. */
#define OLD_TASK_JSON "{\"format\": \"kling-studio-task\", \"version\": 1, " \
                      "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"%s\", " \
                      "\"state\": \"pending\", \"request\": {\"prompt\": \"%s\"}}"

static void
test_old_ids_sort_by_time (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *past = g_strdup_printf (OLD_TASK_JSON, "a", "task 0");
  g_autofree char *future = g_strdup_printf (OLD_TASK_JSON, "c", "task 2");
  g_autoptr(GBytes) body = make_url_body (1);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTaskStore) reloaded = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  write_fake_task (f->dir, "20200101T000000Z-ffff", past);
  write_fake_task (f->dir, "29991231T235959Z-0000", future);
  g_assert_true (kling_task_store_load (reloaded, &error));
  g_assert_no_error (error);
  assert_newest_first (reloaded, 3);
}

/* GLib 2.74's g_test_expect_message() does not see structured log
 * messages, so the warnings are checked on a subprocess's stderr. */
static void
count_notify (guint *n)
{
  (*n)++;
}

static void
test_corrupt_skipped (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *json;
    const char *reason;
  } damaged[] = {
    { "20200101T000000Z-dead", "{\"format\": \"kling-studio-task\", \"vers", "The task file is damaged" },
    { "20200101T000000Z-beef", "{\"format\": \"something-else\"}", "not a Kling Studio task file" },
    { "20200101T000000Z-f00d", "{\"format\": \"kling-studio-task\", \"version\": 1,"
      " \"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\","
      " \"state\": \"pending\", \"request\": {\"image\": {\"file\": \"../../secret\"}}}",
      "does not name a file of the task" },
  };
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) good = NULL;
  g_autoptr(KlingTaskStore) other = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  /* No warning is logged (warnings are fatal here): the store lists the
   * damaged files for the app and the CLI to say, once each. */
  good = create_task (f, body);
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    write_fake_task (f->dir, damaged[i].name, damaged[i].json);

  other = kling_task_store_new (f->dir);
  g_signal_connect_swapped (other, "notify::n-damaged", G_CALLBACK (count_notify), &notified);
  g_assert_true (kling_task_store_load (other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_nonnull (kling_task_store_find (other, kling_task_get_local_id (good)));

  g_assert_cmpuint (kling_task_store_get_n_damaged (other), ==, G_N_ELEMENTS (damaged));
  g_assert_cmpuint (notified, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *folder = g_build_filename (f->dir, damaged[i].name, NULL);
      gboolean found = FALSE;

      for (guint j = 0; j < kling_task_store_get_n_damaged (other); j++)
        if (g_str_equal (kling_task_store_get_damaged_folder (other, j), folder))
          {
            g_assert_nonnull (strstr (kling_task_store_get_damaged_reason (other, j), damaged[i].reason));
            found = TRUE;
          }
      g_assert_true (found);
    }

  /* Mended, it loads; removed, it is no longer listed. */
  {
    g_autofree char *folder = g_build_filename (f->dir, damaged[0].name, NULL);

    kling_test_remove_tree (folder);
  }
  g_assert_true (kling_task_store_load (other, &error));
  g_assert_cmpuint (kling_task_store_get_n_damaged (other), ==, G_N_ELEMENTS (damaged) - 1);
}

static void
assert_refused (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = kling_task_new_from_data ("/nonexistent/20200101T000000Z-0000",
                                                        json, strlen (json), &error);

  if (task != NULL)
    g_error ("accepted: %s", json);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
}

static void
test_parse_refuses (void)
{
  g_autofree char *deep = NULL;
  g_autoptr(GString) nested = g_string_new ("{\"format\": \"kling-studio-task\", \"request\": ");

  assert_refused ("");
  assert_refused ("null");
  assert_refused ("[]");
  assert_refused ("{}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 99}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": \"1\"}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, \"created\": 5}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, "
                  "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                  "\"state\": \"exploded\", \"request\": {}}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, "
                  "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                  "\"state\": \"processing\", \"request\": {}}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, "
                  "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                  "\"state\": \"pending\", \"video_file\": \"/etc/passwd\", \"request\": {}}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, "
                  "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                  "\"state\": \"pending\", \"progress\": 1000, \"request\": {}}");
  assert_refused ("{\"format\": \"kling-studio-task\", \"version\": 1, "
                  "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                  "\"state\": \"pending\", \"request\": {\"dynamic_masks\": "
                  "[{\"mask\": {\"file\": \"..\"}}]}}");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (g_steal_pointer (&nested), FALSE);
  assert_refused (deep);
}

static void
test_parse_minimal (void)
{
  const char *json = "{\"format\": \"kling-studio-task\", \"version\": 1, "
                     "\"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"x\", "
                     "\"state\": \"queued\", \"request\": {\"image\": \"https://e.com/a.png\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = kling_task_new_from_data ("/nonexistent/20200101T000000Z-0000",
                                                        json, strlen (json), &error);
  g_autoptr(GBytes) body = NULL;
  const char *expected = "{\"image\":\"https://e.com/a.png\"}";

  g_assert_no_error (error);
  g_assert_cmpstr (kling_task_get_local_id (task), ==, "20200101T000000Z-0000");
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_QUEUED);
  g_assert_cmpint (kling_task_get_progress (task), ==, -1);
  g_assert_false (kling_task_is_finished (task));
  body = kling_task_build_body (task, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   expected, strlen (expected));
}

static void
test_create_refuses (Fixture       *f,
                     gconstpointer  data)
{
  const char *bodies[] = {
    "not json", "[1, 2]", "{\"image\": \"https://e.com/a.png\"}", "{\"external_task_id\": 5}",
    "{\"external_task_id\": \"\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(KlingTask) task = kling_task_store_create (f->store, body, "https://a.example",
                                                           KLING_AUTH_BEARER, &error);

      g_assert_null (task);
      g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
    }
  /* Nothing was written. */
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  guint *changes = user_data;

  g_assert_cmpuint (position, ==, 0);
  *changes += 1;
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTaskStore) other = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_strdup (kling_task_get_folder (task));
  guint changes = 0;

  g_signal_connect (f->store, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (kling_task_store_delete (f->store, task, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_null (kling_task_store_find (f->store, kling_task_get_local_id (task)));

  g_assert_true (kling_task_store_load (other, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
}

/* A 4096×4096 image: decoding it and writing its thumbnail takes long
 * enough that doing it on the main thread would freeze a window. */
static GBytes *
make_large_body (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *image = kling_test_png_base64 (4096, 4096, FALSE, 0, 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model_name");
  json_builder_add_string_value (builder, "kling-v1");
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, image);
  json_builder_set_member_name (builder, "external_task_id");
  json_builder_add_string_value (builder, "large-image-task");
  json_builder_end_object (builder);
  return generate_body (builder);
}

typedef struct {
  KlingTask *task;
  GError    *error;
  gboolean   done;
} CreateResult;

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CreateResult *created = user_data;

  created->task = kling_task_store_create_finish (KLING_TASK_STORE (source), result,
                                                  &created->error);
  created->done = TRUE;
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  *ticks += 1;
  return G_SOURCE_CONTINUE;
}

/* task.json without what names the one task: its folder and its time. */
static char *
task_file_without_identity (KlingTask *task)
{
  g_autoptr(GBytes) json = read_task_file (task, KLING_TASK_FILE);
  g_autoptr(GRegex) identity = g_regex_new ("^ *\"(local_id|created)\" : .*$", G_REGEX_MULTILINE, 0, NULL);

  return g_regex_replace_literal (identity, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                  0, "", 0, NULL);
}

static void
assert_same_files (KlingTask *task,
                   KlingTask *expected)
{
  g_autoptr(GDir) dir = g_dir_open (kling_task_get_folder (expected), 0, NULL);
  g_autofree char *json = task_file_without_identity (task);
  g_autofree char *expected_json = task_file_without_identity (expected);
  guint n_files = 0;
  const char *name;

  g_assert_cmpstr (json, ==, expected_json);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) bytes = read_task_file (task, name);
      g_autoptr(GBytes) expected_bytes = read_task_file (expected, name);

      if (!g_str_equal (name, KLING_TASK_FILE) && !g_bytes_equal (bytes, expected_bytes))
        g_error ("%s differs between the two ways of creating a task", name);
      n_files++;
    }
  /* task.json, the image and its thumbnail */
  g_assert_cmpuint (n_files, ==, 3);
}

static void
test_create_async_keeps_loop (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) body = make_large_body ();
  g_autofree char *sync_dir = g_build_filename (f->tmp, "sync", NULL);
  g_autoptr(KlingTaskStore) sync_store = kling_task_store_new (sync_dir);
  g_autoptr(KlingTask) expected = NULL;
  g_autoptr(GError) error = NULL;
  CreateResult created = { NULL, NULL, FALSE };
  guint ticks = 0;
  guint tick_id;

  tick_id = g_timeout_add (1, count_tick, &ticks);
  kling_task_store_create_async (f->store, body, "https://api.example.com", KLING_AUTH_BEARER,
                                 NULL, on_created, &created);
  /* Nothing is in the store until the files are written. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_true (kling_test_run_until (&created.done, KLING_TEST_PATIENCE_MS));
  g_source_remove (tick_id);

  g_assert_no_error (created.error);
  g_assert_nonnull (created.task);
  /* The window's main loop went on while the image was decoded and written. */
  g_assert_cmpuint (ticks, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_true (kling_task_store_find (f->store, "large-image-task") == created.task);
  g_assert_cmpint (kling_task_get_state (created.task), ==, KLING_TASK_STATE_PENDING);
  g_assert_nonnull (kling_task_get_thumbnail_path (created.task));

  expected = kling_task_store_create (sync_store, body, "https://api.example.com",
                                      KLING_AUTH_BEARER, &error);
  g_assert_no_error (error);
  assert_same_files (created.task, expected);
  g_object_unref (created.task);
}

static void
test_create_async_cancelled (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KlingTaskStore) other = kling_task_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  CreateResult created = { NULL, NULL, FALSE };

  kling_task_store_create_async (f->store, body, "https://api.example.com", KLING_AUTH_BEARER,
                                 cancellable, on_created, &created);
  g_cancellable_cancel (cancellable);
  g_assert_true (kling_test_run_until (&created.done, KLING_TEST_PATIENCE_MS));

  g_assert_error (created.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&created.error);
  g_assert_null (created.task);
  /* Nothing is left that the poller would send later. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_true (kling_task_store_load (other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
}

/* What the user reads when the server says "failed": one sentence with the
 * server's reason, the task id and the request id to quote. */
static void
test_failure_message (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(KlingTask) quiet = create_task (f, body);
  g_autoptr(KlingTaskInfo) info = kling_task_info_new ();
  g_autoptr(GError) error = NULL;

  info->task_id = g_strdup ("T-1");
  info->status = KLING_TASK_STATUS_FAILED;
  info->status_message = g_strdup ("The image breaks the rules");
  info->request_id = g_strdup ("R-9");
  g_assert_true (kling_task_update_from_info (task, info));
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_FAILED);
  g_assert_cmpstr (kling_task_get_error_message (task), ==,
                   "The video generation failed: The image breaks the rules (task id T-1, request id R-9)");
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "task-failed");
  error = kling_task_dup_error (task);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_TASK_FAILED);

  g_clear_pointer (&info->status_message, g_free);
  g_clear_pointer (&info->request_id, g_free);
  g_assert_true (kling_task_update_from_info (quiet, info));
  g_assert_cmpstr (kling_task_get_error_message (quiet), ==, "The video generation failed (task id T-1)");
}

/* Error kinds are KlingError's nicks: each reads back as its code. */
static void
test_error_kinds (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = make_motion_brush_body (NULL);
  g_autoptr(KlingTask) task = create_task (f, body);
  g_autoptr(GError) set = g_error_new_literal (KLING_ERROR, KLING_ERROR_RESOURCE_EXHAUSTED, "No credit");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Disk");
  g_autoptr(GError) back = NULL;

  kling_task_set_error (task, set);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "resource-exhausted");
  back = kling_task_dup_error (task);
  g_assert_error (back, KLING_ERROR, KLING_ERROR_RESOURCE_EXHAUSTED);
  kling_task_set_error (task, other);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "other");
  g_assert_cmpstr (kling_task_state_to_string (KLING_TASK_STATE_SUCCEEDED), ==, "succeeded");
}

static void
test_missing_dir_is_empty (void)
{
  g_autoptr(KlingTaskStore) store = kling_task_store_new ("/nonexistent/kling-studio/tasks");
  g_autoptr(GError) error = NULL;

  g_assert_true (kling_task_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == KLING_TYPE_TASK);
}

static void
test_default_dir (void)
{
  g_setenv ("KLING_STUDIO_DATA_DIR", "/srv/kling data", TRUE);
  g_assert_cmpstr (kling_task_store_default_dir (), ==, "/srv/kling data/tasks");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/task-store/create-writes-before-sending", test_create_writes_before_sending);
  ADD ("/task-store/no-secret-on-disk", test_no_secret_on_disk);
  ADD ("/task-store/rebuild-identical", test_rebuild_identical);
  ADD ("/task-store/rebuild-needs-files", test_rebuild_needs_files);
  ADD ("/task-store/load-second-store", test_load_second_store);
  ADD ("/task-store/same-second-newest-first", test_same_second_newest_first);
  ADD ("/task-store/old-ids-sort-by-time", test_old_ids_sort_by_time);
  ADD ("/task-store/corrupt-skipped", test_corrupt_skipped);
  ADD ("/task-store/create-refuses", test_create_refuses);
  ADD ("/task-store/delete", test_delete);
  ADD ("/task-store/create-async-keeps-loop", test_create_async_keeps_loop);
  ADD ("/task-store/create-async-cancelled", test_create_async_cancelled);
  ADD ("/task-store/failure-message", test_failure_message);
  ADD ("/task-store/error-kinds", test_error_kinds);
#undef ADD
  g_test_add_func ("/task-store/parse-refuses", test_parse_refuses);
  g_test_add_func ("/task-store/parse-minimal", test_parse_minimal);
  g_test_add_func ("/task-store/missing-dir-is-empty", test_missing_dir_is_empty);
  g_test_add_func ("/task-store/default-dir", test_default_dir);

  return g_test_run ();
}
