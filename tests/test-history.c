/* test-history.c — the history of generations against the fake server
 *
 * Real tasks go through the real poller and client to the in-process fake
 * server; what is checked is what a person reads in each row (the state
 * line, with the server's reason and request id), what the thumbnail shows,
 * and what the list does after a restart. What the menu's actions do is in
 * test-history-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-test-history.h"

static gboolean
elapsed_ticked (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  KlingTask *task = ((gpointer *) data)[1];
  const char *text = kling_history_view_get_state_text (f->view, task);

  return text != NULL && g_str_has_prefix (text, "Generating… 0:02");
}

static void
record_state_text (KlingTask  *task,
                   GParamSpec *pspec,
                   gpointer    data)
{
  gpointer *pair = data;
  Fixture *f = pair[0];
  GPtrArray *seen = pair[2];
  const char *text = kling_history_view_get_state_text (f->view, task);
  GtkWidget *label;
  g_autofree char *shown = NULL;

  if (text == NULL)
    return;
  /* the state line, and its tooltip after a tab when it has one */
  label = kling_test_find_widget (kling_history_view_get_row (f->view, task), is_label_with_text, text);
  if (label != NULL && gtk_widget_get_tooltip_text (label) != NULL)
    shown = g_strdup_printf ("%s\t%s", text, gtk_widget_get_tooltip_text (label));
  else
    shown = g_strdup (text);
  if (seen->len == 0 || g_strcmp0 (g_ptr_array_index (seen, seen->len - 1), shown) != 0)
    g_ptr_array_add (seen, g_steal_pointer (&shown));
}

static gboolean
seen_text (GPtrArray  *seen,
           const char *prefix)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (seen, i), prefix))
      return TRUE;
  return FALSE;
}

/* Whether one of the texts @seen matches @pattern; prints them if none does. */
static gboolean
seen_matching (GPtrArray  *seen,
               const char *pattern)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_regex_match_simple (pattern, g_ptr_array_index (seen, i), 0, 0))
      return TRUE;
  for (guint i = 0; i < seen->len; i++)
    g_printerr ("seen: “%s”\n", (const char *) g_ptr_array_index (seen, i));
  return FALSE;
}

/* A normal generation: Submitted, Generating with a ticking clock, Ready;
 * its thumbnail shows the picture; Play plays it. */
static void
test_normal_generation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GdkTexture) thumb = NULL;
  gpointer pair[3];
  GtkWidget *row, *picture, *play;
  guint8 center[4], corner[4];

  kling_fake_server_set_timing (f->server, 300, 3600);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (f->view)))),
                   ==, "empty");
  task = create_task (f, "A paper boat drifts to the right");
  pair[0] = f;
  pair[1] = task;
  pair[2] = seen;
  g_signal_connect (task, "notify", G_CALLBACK (record_state_text), pair);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Waiting to be sent");
  kling_poller_submit (f->poller, task);

  /* The clock ticks on its own while the server generates. */
  g_assert_true (kling_test_wait_for (elapsed_ticked, pair, 6000));
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PROCESSING);

  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_signal_handlers_disconnect_by_data (task, pair);
  g_assert_true (seen_text (seen, "Sending…"));
  g_assert_true (seen_text (seen, "Submitted"));
  g_assert_true (seen_text (seen, "Generating… 0:0"));
  g_assert_true (seen_text (seen, "Downloading "));
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Ready");

  /* Under the prompt: what was asked for, and when. */
  row = kling_history_view_get_row (f->view, task);
  g_assert_nonnull (kling_test_find_widget (row, is_label_with_text, "Kling v1 · std · 5 s · Just now"));

  /* The thumbnail shows the picture: the red disc in the middle, the
   * blue-grey background at the edge. */
  picture = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
  g_assert_nonnull (picture);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_cmpint (gtk_widget_get_width (picture), ==, 96);
  g_assert_cmpint (gtk_widget_get_height (picture), ==, 54);
  thumb = kling_test_snapshot (picture);
  kling_test_pixel (thumb, 48, 27, center);
  kling_test_pixel (thumb, 4, 27, corner);
  g_assert_cmpint (center[0], >, 180);
  g_assert_cmpint (center[1], <, 80);
  g_assert_cmpint (corner[2], >, 110);
  g_assert_cmpint (corner[0], <, 120);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-ready");

  /* Play is a real button. */
  play = kling_test_find_widget (row, is_button_with_icon, "media-playback-start-symbolic");
  click_center (play);
  g_assert_cmpuint (f->played->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->played, 0) == task);
}

/* The server's moderation: its reason and request id; Retry asks for a new one. */
static void
test_moderation_failure (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *pattern = NULL;
  const char *request_id;
  GtkWidget *popover;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  task = submit (f, "Something the moderation will refuse");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);

  request_id = kling_task_get_request_id (task);
  g_assert_true (g_regex_match_simple ("^" REQUEST_ID "$", request_id, 0, 0));
  pattern = g_strdup_printf ("^Failed: Failure to pass the risk control system \\(request id %s\\)$",
                             request_id);
  assert_state_matches (f, task, pattern);

  /* The menu offers Retry, not Play, Save Video As or Check Now. */
  popover = open_menu (f, task);
  g_assert_nonnull (kling_test_find_widget (popover, is_label_with_text, "Open in Editor"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Play"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Check Now"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Save Video As…"));
  kling_test_save_screenshot (popover, "history-menu");
  watch (&popover);
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_unmapped (&popover);

  click_menu_item (f, task, "Retry");
  g_assert_cmpuint (f->retried->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->retried, 0) == task);
}

/* 1102: the resource pack, with the server's words, code and request id. */
static void
test_resource_pack_used_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  task = submit (f, "Out of credits");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);

  assert_state_matches (f, task,
                        "^Failed: The resource pack is used up or has expired: "
                        "Account balance not enough \\(code 1102, HTTP 429, request id " REQUEST_ID "\\)$");
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "resource-exhausted");
}

/* Three lines of a failure in a narrow list; all of it in the tooltip. */
static void
test_failure_in_narrow_list (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(PangoLayout) line = NULL;
  const char *text;
  GtkWidget *label;
  int line_height;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  task = submit (f, "Out of credits, seen in a narrow window");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);
  /* measured as shown */
  kling_test_wait_frame (GTK_WIDGET (f->view));

  text = kling_history_view_get_state_text (f->view, task);
  g_assert_true (g_regex_match_simple ("request id " REQUEST_ID "\\)$", text, 0, 0));
  label = kling_test_find_widget (GTK_WIDGET (f->view), is_label_with_text, text);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, text);
  line = gtk_widget_create_pango_layout (label, "Xg");
  pango_layout_get_pixel_size (line, NULL, &line_height);
  g_assert_cmpint (gtk_widget_get_height (label), <=, 3 * line_height + 2);
  g_assert_cmpint (gtk_widget_get_height (label), >=, 2 * line_height);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-failed-400");
}

/* 1303: the second task waits for a free slot, then gets its video too. */
static void
test_waiting_for_a_slot (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlingTask) first = NULL;
  g_autoptr(KlingTask) second = NULL;
  gpointer pair[3];

  kling_fake_server_set_concurrency (f->server, 1);
  kling_fake_server_set_timing (f->server, 200, 1500);
  first = submit (f, "The first one");
  wait_for_state (first, KLING_TASK_STATE_SUBMITTED, 5000);
  second = create_task (f, "The second one");
  pair[0] = f;
  pair[1] = second;
  pair[2] = seen;
  /* Recorded as shown: on a busy machine the next try may already be on
   * its way when the wait below returns. */
  g_signal_connect (second, "notify", G_CALLBACK (record_state_text), pair);
  kling_poller_submit (f->poller, second);
  wait_for_state (second, KLING_TASK_STATE_QUEUED, 5000);

  /* One calm line; the server's words, code and request id on demand. */
  g_assert_true (seen_matching (seen,
                                "^Waiting for a free slot\tMore tasks are running than the account allows: "
                                "parallel task over resource pack limit "
                                "\\(code 1303, HTTP 429, request id " REQUEST_ID "\\)$"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-queued");

  wait_for_state (first, KLING_TASK_STATE_SUCCEEDED, 10000);
  wait_for_state (second, KLING_TASK_STATE_SUCCEEDED, 15000);
  g_signal_handlers_disconnect_by_data (second, pair);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, first), ==, "Ready");
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, second), ==, "Ready");
}

/* After a restart: the same rows, and a task that was being generated is
 * followed again until its video is saved. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KlingTask) failed = NULL;
  g_autoptr(KlingTask) running = NULL;
  g_autoptr(KlingTask) pending = create_task (f, "");
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KlingTask *again;
  guint n;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  failed = submit (f, "Refused");
  wait_for_state (failed, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_set_timing (f->server, 100, KLING_FAKE_HOLD);
  running = submit (f, "Still being generated when the app closed");
  wait_for_state (running, KLING_TASK_STATE_PROCESSING, 5000);

  n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_ptr_array_add (before, g_strdup (kling_history_view_get_state_text (f->view, task)));
    }
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, pending), ==, "Waiting to be sent");

  /* The app closes. */
  close_view (f);
  kling_poller_stop (f->poller);
  g_clear_object (&f->poller);
  g_clear_object (&f->store);

  /* And starts again. */
  f->store = kling_task_store_new (f->dir);
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);
  make_poller (f);
  open_view (f, 1280);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      const char *text = kling_history_view_get_state_text (f->view, task);

      /* The clock of the running one moved on; its words did not. */
      if (g_str_has_prefix (g_ptr_array_index (before, i), "Generating… "))
        g_assert_true (g_str_has_prefix (text, "Generating… "));
      else
        g_assert_cmpstr (text, ==, g_ptr_array_index (before, i));
    }

  kling_poller_start (f->poller);
  again = kling_task_store_find (f->store, kling_task_get_local_id (running));
  g_assert_nonnull (again);
  g_assert_true (kling_fake_server_move_task (f->server, kling_task_get_task_id (again), "succeed"));
  wait_for_state (again, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, again), ==, "Ready");
}

/* Stopped waiting: says so; Check Now follows the task again to its video. */
static void
test_check_again_after_giving_up (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *expected = NULL;

  kling_fake_server_set_timing (f->server, 100, KLING_FAKE_HOLD);
  kling_poller_set_give_up_after (f->poller, 1);
  task = submit (f, "A slow one");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "timeout");
  expected = g_strdup_printf ("Stopped waiting; check again later (task id %s)",
                              kling_task_get_task_id (task));
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, expected);

  kling_poller_set_give_up_after (f->poller, 60);
  g_assert_true (kling_fake_server_move_task (f->server, kling_task_get_task_id (task), "succeed"));
  click_menu_item (f, task, "Check Now");
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Ready");
}

/* Whether the row pair[0] is whole inside the scrolled window pair[1]. */
static gboolean
row_in_view (gpointer data)
{
  GtkWidget *row = ((gpointer *) data)[0];
  GtkWidget *scrolled = ((gpointer *) data)[1];
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (row, scrolled, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Selecting a task far down the list scrolls it into view. */
static void
test_select_scrolls (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *scrolled = kling_test_find_widget (GTK_WIDGET (f->view), kling_test_match_type,
                                                GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
  graphene_rect_t bounds;
  gpointer pair[2];
  GtkWidget *row;
  KlingTask *oldest;

  for (int i = 0; i < 14; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("Generation number %d", i + 1);

      g_ptr_array_add (tasks, create_task (f, prompt));
    }
  oldest = g_list_model_get_item (G_LIST_MODEL (f->store), 13);
  g_object_unref (oldest);   /* the store keeps it */
  row = kling_history_view_get_row (f->view, oldest);
  wait_settled (row);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, >, gtk_widget_get_height (scrolled));

  kling_history_view_select_task (f->view, oldest);
  pair[0] = row;
  pair[1] = scrolled;
  g_assert_true (kling_test_wait_for (row_in_view, pair, 5000));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
}

/* Whether every row whose task has a thumbnail shows it. */
static gboolean
thumbnails_shown (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      GtkWidget *row = kling_history_view_get_row (f->view, task);
      GtkWidget *picture;

      if (row == NULL)
        return FALSE;
      picture = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
      if (kling_task_get_thumbnail_path (task) != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Every state at once, wide and narrow, for people to look at. */
static void
fill_with_every_state (Fixture *f)
{
  g_autoptr(KlingTask) ready = NULL;
  g_autoptr(KlingTask) refused = NULL;
  g_autoptr(KlingTask) exhausted = NULL;
  g_autoptr(KlingTask) running = NULL;
  g_autoptr(KlingTask) queued = NULL;
  g_autoptr(KlingTask) pending = NULL;

  kling_fake_server_set_timing (f->server, 100, 600);
  ready = submit (f, "A paper boat drifts to the right while the water ripples around it");
  wait_for_state (ready, KLING_TASK_STATE_SUCCEEDED, 8000);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  refused = submit (f, "A crowd at night");
  wait_for_state (refused, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  exhausted = submit (f, "Clouds rolling over the hills");
  wait_for_state (exhausted, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_set_timing (f->server, 100, 120000);
  kling_fake_server_set_concurrency (f->server, 1);
  running = submit (f, "The cat turns its head and blinks slowly");
  wait_for_state (running, KLING_TASK_STATE_PROCESSING, 5000);
  queued = submit (f, "Leaves fall from the tree");
  wait_for_state (queued, KLING_TASK_STATE_QUEUED, 5000);
  pending = create_task (f, "");
  g_assert_true (kling_test_wait_for (thumbnails_shown, f, 5000));
  wait_settled (kling_history_view_get_row (f->view, ready));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (f->view));

  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-empty-1280");
  fill_with_every_state (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-1280");
}

static void
test_screenshots_narrow (Fixture       *f,
                         gconstpointer  data)
{
  fill_with_every_state (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, 360);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-360");
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK reads any schema: the schema source is made once. */
  kling_test_compile_schema ();
  kling_test_ui_init (&argc, &argv);

#define ADD(path, func, width) \
  g_test_add ("/history/" path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("normal-generation", test_normal_generation, 1280);
  ADD ("moderation-failure", test_moderation_failure, 1280);
  ADD ("resource-pack-used-up", test_resource_pack_used_up, 1280);
  ADD ("waiting-for-a-slot", test_waiting_for_a_slot, 1280);
  ADD ("failure-in-narrow-list", test_failure_in_narrow_list, 400);
  ADD ("restart", test_restart, 1280);
  ADD ("check-again-after-giving-up", test_check_again_after_giving_up, 1280);
  ADD ("select-scrolls", test_select_scrolls, 1280);
  ADD ("screenshots", test_screenshots, 1280);
  ADD ("screenshots-narrow", test_screenshots_narrow, 360);

#undef ADD

  return g_test_run ();
}

