/* test-history-files.c — task files the list must cope with
 *
 * A task folder whose task.json cannot be read gets a row of its own,
 * naming the folder and what is wrong, above the generations that load;
 * alone, it is shown instead of "No Generations Yet". Mended, it goes.
 * A prompt far beyond Kling's 2500 characters (a hand-edited or hostile
 * file) is shown cut, and kept whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kling-test-history.h"

static void
write_damaged (Fixture    *f,
               const char *name,
               const char *json)
{
  g_autofree char *folder = g_build_filename (f->dir, name, NULL);
  g_autofree char *file = g_build_filename (folder, KLING_TASK_FILE, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, json, -1, NULL));
}

static void
remove_damaged (Fixture    *f,
                const char *name)
{
  g_autofree char *folder = g_build_filename (f->dir, name, NULL);
  g_autofree char *file = g_build_filename (folder, KLING_TASK_FILE, NULL);

  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static guint
count_damaged_rows (Fixture *f)
{
  guint n = 0;
  GtkWidget *row = kling_test_find_widget (GTK_WIDGET (f->view), is_row_titled,
                                           "A damaged generation file");

  for (GtkWidget *w = row; w != NULL; w = gtk_widget_get_next_sibling (w))
    n += is_row_titled (w, "A damaged generation file");
  return n;
}

static gboolean
is_subtitle_containing (GtkWidget     *widget,
                        gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) != NULL;
}

/* The stack crossfades: the empty page is mapped until the fade ends. */
static gboolean
empty_page_gone (gpointer data)
{
  Fixture *f = data;

  return kling_test_find_widget (GTK_WIDGET (f->view), is_label_with_text, "No Generations Yet") == NULL;
}

static void
test_damaged_alone (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_damaged (f, "20200101T000000Z-dead", "{\"format\": \"kling-studio-task\", \"vers");
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);

  /* Not "No Generations Yet": the row saying what is wrong. */
  wait_for_widget (GTK_WIDGET (f->view), is_subtitle_containing,
                   "20200101T000000Z-dead: The task file is damaged");
  g_assert_true (kling_test_wait_for (empty_page_gone, f, KLING_TEST_PATIENCE_MS));
  g_assert_cmpuint (count_damaged_rows (f), ==, 1);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-damaged");
}

static gboolean
no_damaged_row (gpointer data)
{
  return count_damaged_rows (data) == 0;
}

static void
test_damaged_beside_generations (Fixture       *f,
                                 gconstpointer  data)
{
  KlingTask *task = create_task (f, "A cat yawns");
  g_autoptr(GError) error = NULL;

  write_damaged (f, "20200101T000000Z-beef", "{\"format\": \"something-else\"}");
  write_damaged (f, "20200101T000000Z-f00d", "[1, 2]");
  g_assert_true (kling_task_store_load (f->store, &error));
  wait_for_widget (GTK_WIDGET (f->view), is_subtitle_containing, "20200101T000000Z-beef");
  g_assert_cmpuint (count_damaged_rows (f), ==, 2);
  g_assert_nonnull (kling_history_view_get_row (f->view, task));

  /* Gone from disk, gone from the list at the next load. */
  remove_damaged (f, "20200101T000000Z-beef");
  g_assert_true (kling_task_store_load (f->store, &error));
  wait_for_widget (GTK_WIDGET (f->view), is_subtitle_containing, "20200101T000000Z-f00d");
  g_assert_cmpuint (count_damaged_rows (f), ==, 1);
  remove_damaged (f, "20200101T000000Z-f00d");
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_true (kling_test_wait_for (no_damaged_row, f, KLING_TEST_PATIENCE_MS));
}

#define HUGE_PROMPT_CHARS (3 * 1024 * 1024)

static gboolean
is_prompt_label (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "yawn yawn");
}

static void
test_huge_prompt (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) prompt = g_string_sized_new (HUGE_PROMPT_CHARS + 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *shown;
  KlingTask *task;
  GtkWidget *label;
  gint64 start_us;

  while (prompt->len < HUGE_PROMPT_CHARS)
    g_string_append (prompt, "yawn ");
  json = g_strdup_printf ("{\"format\": \"kling-studio-task\", \"version\": 1,"
                          " \"created\": \"2020-01-01T00:00:00Z\", \"external_task_id\": \"huge\","
                          " \"state\": \"failed\", \"error_message\": \"refused\","
                          " \"request\": {\"prompt\": \"%s\"}}", prompt->str);
  write_damaged (f, "20200101T000000Z-0001", json);

  start_us = g_get_monotonic_time ();
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);
  label = wait_for_widget (GTK_WIDGET (f->view), is_prompt_label, NULL);
  kling_test_wait_frame (GTK_WIDGET (f->view));
  g_test_message ("3 MB prompt: the row shown after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start_us) / 1000);

  /* The row names it shortly; its tooltip shows the prompt cut at Kling's
   * limit, with an ellipsis… */
  shown = gtk_label_get_text (GTK_LABEL (label));
  g_assert_cmpint (g_utf8_strlen (shown, -1), <=, 2500 + 1);
  g_assert_true (g_str_has_prefix (shown, "yawn"));
  g_assert_cmpint (g_utf8_strlen (gtk_widget_get_tooltip_text (label), -1), ==, 2500 + 1);
  g_assert_true (g_str_has_suffix (gtk_widget_get_tooltip_text (label), "…"));
  /* …and kept whole. */
  task = kling_task_store_find (f->store, "20200101T000000Z-0001");
  g_assert_cmpstr (kling_task_get_prompt (task), ==, prompt->str);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);

  g_test_add ("/history-files/huge-prompt", Fixture, NULL, fixture_set_up, test_huge_prompt,
              fixture_tear_down);
  g_test_add ("/history-files/damaged-alone", Fixture, NULL, fixture_set_up, test_damaged_alone,
              fixture_tear_down);
  g_test_add ("/history-files/damaged-beside-generations", Fixture, NULL, fixture_set_up,
              test_damaged_beside_generations, fixture_tear_down);
  return g_test_run ();
}
