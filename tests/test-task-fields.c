/* test-task-fields.c — what the artist adds to a kept generation: its
 * name, and the frame of the result that stands for it, kept in task.json;
 * files written before these existed load unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kling-task.h"
#include "kling-test-wait.h"

/* As an earlier version wrote it: no name, the picture's thumbnail. */
#define OLD_TASK \
  "{\"format\": \"kling-studio-task\", \"version\": 1, " \
  "\"local_id\": \"20200101T000000Z-0001\", \"created\": \"2020-01-01T00:00:00Z\", " \
  "\"provider\": {\"base_url\": \"http://127.0.0.1:1\", \"auth\": \"bearer\"}, " \
  "\"external_task_id\": \"x-1\", \"task_id\": \"t-1\", \"state\": \"succeeded\", " \
  "\"progress\": 100, \"created_at\": 1722000000123, \"updated_at\": 1722000009876, " \
  "\"thumbnail_file\": \"thumbnail.png\", " \
  "\"request\": {\"image\": \"https://e.com/a.png\", \"prompt\": \"A kite climbs over the dunes\"}}"

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("kling-task-fields-XXXXXX", &error);
  char *folder;

  g_assert_no_error (error);
  folder = g_build_filename (tmp, "20200101T000000Z-0001", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  return folder;
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static KlingTask *
load (const char *folder)
{
  g_autoptr(GError) error = NULL;
  KlingTask *task = kling_task_new_from_folder (folder, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

/* Saves @task as the store does, and reads it back. */
static KlingTask *
save_and_load (KlingTask *task)
{
  g_autofree char *data = NULL;
  gsize length;

  data = kling_task_to_data (task, &length);
  write_file (kling_task_get_folder (task), KLING_TASK_FILE, data);
  return load (kling_task_get_folder (task));
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *parent = g_path_get_dirname (folder);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
  g_rmdir (parent);
}

static void
test_old_file_unchanged (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(KlingTask) again = NULL;

  write_file (folder, "thumbnail.png", "png");
  write_file (folder, KLING_TASK_FILE, OLD_TASK);
  task = load (folder);
  g_assert_null (kling_task_get_name (task));
  g_assert_true (g_str_has_suffix (kling_task_get_thumbnail_path (task), "/thumbnail.png"));
  g_assert_cmpstr (kling_task_get_prompt (task), ==, "A kite climbs over the dunes");

  /* Saved again without a name, it says none. */
  again = save_and_load (task);
  g_assert_null (kling_task_get_name (again));
  {
    g_autofree char *data = kling_task_to_data (again, NULL);
    g_assert_null (strstr (data, "\"name\""));
  }
  remove_folder (folder);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_name_kept (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(KlingTask) again = NULL;
  guint notified = 0;

  write_file (folder, KLING_TASK_FILE, OLD_TASK);
  task = load (folder);
  g_signal_connect (task, "notify::name", G_CALLBACK (count_notify), &notified);

  kling_task_set_name (task, "  Kite, windy\nversion  ");
  g_assert_cmpstr (kling_task_get_name (task), ==, "Kite, windy version");
  g_assert_cmpuint (notified, ==, 1);
  kling_task_set_name (task, "Kite, windy version");
  g_assert_cmpuint (notified, ==, 1);

  again = save_and_load (task);
  g_assert_cmpstr (kling_task_get_name (again), ==, "Kite, windy version");

  /* Spaces only are no name: the prompt names it again. */
  kling_task_set_name (task, "   ");
  g_assert_null (kling_task_get_name (task));
  g_assert_cmpuint (notified, ==, 2);

  /* A long name is cut at a character, not a byte. */
  {
    g_autoptr(GString) longer = g_string_new (NULL);

    for (int i = 0; i < 100; i++)
      g_string_append (longer, "风");
    kling_task_set_name (task, longer->str);
    g_assert_cmpint (g_utf8_strlen (kling_task_get_name (task), -1), ==, KLING_TASK_NAME_MAX_CHARS);
    g_assert_true (g_utf8_validate (kling_task_get_name (task), -1, NULL));
  }
  remove_folder (folder);
}

/* The colours the regions were painted in come back from task.json; a
 * colour that is not "#rrggbb" leaves all of them to the defaults, and the
 * task is read all the same. */
static void
test_region_colors_kept (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(KlingTask) again = NULL;
  g_autoptr(KlingTask) damaged = NULL;
  const char *colors[] = { "#3584E4", "#00ff00", "#e01b24", "#f6d32d", "#9141ac", "#ff7800", "#00c4cc" };
  const char *bad[] = { "#3584e4", "green", "#e01b24", "#f6d32d", "#9141ac", "#ff7800", "#00c4cc" };
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  write_file (folder, KLING_TASK_FILE, OLD_TASK);
  task = load (folder);
  g_assert_null (kling_task_get_region_color (task, 1));
  kling_task_set_region_colors (task, colors);
  again = save_and_load (task);
  g_assert_cmpstr (kling_task_get_region_color (again, 0), ==, "#3584e4");
  g_assert_cmpstr (kling_task_get_region_color (again, 1), ==, "#00ff00");
  g_assert_cmpstr (kling_task_get_region_color (again, 6), ==, "#00c4cc");

  kling_task_set_region_colors (task, bad);
  g_assert_null (kling_task_get_region_color (task, 1));

  /* Written by hand, a wrong colour: read, with the defaults. */
  kling_task_set_region_colors (task, colors);
  data = kling_task_to_data (task, &length);
  path = g_build_filename (folder, KLING_TASK_FILE, NULL);
  {
    g_autoptr(GString) text = g_string_new (data);

    g_assert_cmpuint (g_string_replace (text, "#00ff00", "#00ff0", 1), ==, 1);
    g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  }
  damaged = kling_task_new_from_folder (folder, &error);
  g_assert_no_error (error);
  g_assert_null (kling_task_get_region_color (damaged, 1));
  remove_folder (folder);
}

static void
test_result_thumbnail_kept (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(KlingTask) again = NULL;

  write_file (folder, "thumbnail.png", "png");
  write_file (folder, KLING_TASK_RESULT_THUMBNAIL_FILE, "png");
  write_file (folder, KLING_TASK_FILE, OLD_TASK);
  task = load (folder);
  kling_task_set_thumbnail_file (task, KLING_TASK_RESULT_THUMBNAIL_FILE);
  again = save_and_load (task);
  g_assert_true (g_str_has_suffix (kling_task_get_thumbnail_path (again), "/" KLING_TASK_RESULT_THUMBNAIL_FILE));
  remove_folder (folder);
}

static void
test_bad_name_refused (void)
{
  g_autoptr(GString) json = g_string_new (OLD_TASK);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = NULL;

  /* A name that is not text is damage, not a crash. */
  g_string_truncate (json, json->len - 1);
  g_string_append (json, ", \"name\": 5}");
  task = kling_task_new_from_data ("/nonexistent/20200101T000000Z-0001", json->str, json->len, &error);
  g_assert_null (task);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "name"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/task-fields/old-file-unchanged", test_old_file_unchanged);
  g_test_add_func ("/task-fields/name-kept", test_name_kept);
  g_test_add_func ("/task-fields/result-thumbnail-kept", test_result_thumbnail_kept);
  g_test_add_func ("/task-fields/region-colors-kept", test_region_colors_kept);
  g_test_add_func ("/task-fields/bad-name-refused", test_bad_name_refused);
  return g_test_run ();
}
