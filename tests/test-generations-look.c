/* test-generations-look.c — the Generations page as it looks, wide and narrow
 *
 * Three generations of the kite (one refused by moderation, one with a long
 * prompt) in a 1280 px and a 600 px window: the count on the switcher, the
 * rows, the player with its frame time, two compared, the details. In each
 * the window needs no more width than it has, and the screenshots are kept
 * (generations-look-WIDTH-WHAT.png) to be looked at; run with
 * KLING_TEST_LANGUAGE=zh_CN to see them in Chinese (nothing here reads
 * English).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-history-view.h"
#include "kling-test-history.h"
#include "kling-test-session.h"

#define LONG_PROMPT "The kite climbs over the dunes at dawn while the wind turns and the sand " \
                    "lifts in long ribbons behind it, slowly, the camera still"

typedef struct {
  KlingTestSession session;
  int              width;
} Look;

static gboolean
has_width (gpointer data)
{
  Look *look = data;
  int width = gtk_widget_get_width (GTK_WIDGET (look->session.window));

  return width > look->width - 40 && width <= look->width;
}

static gboolean
counted (gpointer window)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (KLING_WINDOW (window)->view_stack, "generations");

  return adw_view_stack_page_get_badge_number (adw_view_stack_get_page (KLING_WINDOW (window)->view_stack, child)) > 0;
}

static gboolean
all_ended (gpointer data)
{
  KlingTestSession *session = data;
  GListModel *store = G_LIST_MODEL (kling_application_get_store (session->app));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      KlingTask *task = kling_test_session_task_at (session, i);

      if (kling_task_get_state (task) == KLING_TASK_STATE_FAILED)
        continue;
      if (kling_task_get_video_path (task) == NULL)
        return FALSE;
    }
  return g_list_model_get_n_items (store) == 3;
}

static gboolean
one_failed (gpointer data)
{
  KlingTestSession *session = data;

  return g_list_model_get_n_items (G_LIST_MODEL (kling_application_get_store (session->app))) == 1 &&
         kling_task_get_state (kling_test_session_task_at (session, 0)) == KLING_TASK_STATE_FAILED;
}

static gboolean
is_stack (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_STACK (widget);
}

/* The page at rest: the leaflet folded or not and its children where that
 * puts them (a fold is animated), the list faded in over "No Generations
 * Yet". */
static gboolean
page_settled (gpointer data)
{
  KlingWindow *window = data;
  AdwLeaflet *leaflet = window->generations_leaflet;
  GtkWidget *shown = adw_leaflet_get_visible_child (leaflet);
  GtkWidget *stack = kling_test_find_widget (GTK_WIDGET (window->history), is_stack, NULL);

  if (adw_leaflet_get_child_transition_running (leaflet) ||
      (stack != NULL && gtk_stack_get_transition_running (GTK_STACK (stack))))
    return FALSE;
  return !adw_leaflet_get_folded (leaflet) ||
         gtk_widget_get_width (shown) == gtk_widget_get_width (GTK_WIDGET (leaflet));
}

/* Nothing on the page needs more width than the window has, and it is
 * drawn for the screenshot. */
static void
look_at (Look       *look,
         GtkWidget  *widget,
         const char *what)
{
  g_autofree char *name = g_strdup_printf ("generations-look-%d-%s", look->width, what);
  int minimum;

  /* the page at rest, not in the middle of the player sliding in */
  if (widget == GTK_WIDGET (look->session.window) && look->session.window->generations_leaflet != NULL)
    g_assert_true (kling_test_wait_for (page_settled, look->session.window, KLING_TEST_PATIENCE_MS));
  kling_test_wait_frames (widget, 3);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (widget == GTK_WIDGET (look->session.window))
    g_assert_cmpint (minimum, <=, look->width);
  kling_test_save_screenshot (widget, name);
}

/* The store's order is the order the sends were kept in. */
static KlingTask *
task_with_prompt (KlingTestSession *session,
                  const char       *prompt)
{
  GListModel *store = G_LIST_MODEL (kling_application_get_store (session->app));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    if (g_strcmp0 (kling_task_get_prompt (kling_test_session_task_at (session, i)), prompt) == 0)
      return kling_test_session_task_at (session, i);
  g_assert_not_reached ();
}

static gboolean
has_picture (gpointer details)
{
  GtkWidget *picture = kling_test_find_widget (details, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static GtkWidget *
show_details (KlingWindow *window,
              KlingTask   *task)
{
  GtkWidget *details;

  g_assert_true (gtk_widget_activate_action (kling_history_view_get_row (window->history, task),
                                             "row.details", NULL));
  details = kling_test_find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (details);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, details, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (has_picture, details, KLING_TEST_PATIENCE_MS));
  return details;
}

static void
send (Look       *look,
      const char *prompt,
      const char *path)
{
  g_autoptr(GBytes) body = kling_test_session_body (&look->session, prompt, path);

  kling_window_submit_body (look->session.window, body);
}

static void
run_look (gconstpointer data)
{
  Look look = { .width = GPOINTER_TO_INT (data) };
  KlingWindow *window;
  KlingTask *failed, *first, *second;
  GtkWidget *details;
  g_autofree char *dir = g_strdup_printf ("look-%d", look.width);

  kling_test_session_start (&look.session, dir, 100, 800);
  window = look.session.window;
  gtk_window_set_default_size (GTK_WINDOW (window), look.width, 800);
  g_assert_true (kling_test_wait_for (has_width, &look, KLING_TEST_PATIENCE_MS));

  /* Ended while the editor is shown: the count on the switcher. */
  kling_fake_server_arm (look.session.server, KLING_FAKE_FAULT_MODERATION, 1);
  send (&look, "The kite, refused", "185,160;300,60");
  g_assert_true (kling_test_wait_for (one_failed, &look.session, 30000));
  send (&look, "The kite, first try", "185,160;400,100");
  send (&look, LONG_PROMPT, "185,160;380,330");
  g_assert_true (kling_test_wait_for (all_ended, &look.session, 30000));
  g_assert_true (kling_test_wait_for (counted, window, KLING_TEST_PATIENCE_MS));
  look_at (&look, GTK_WIDGET (window), "count");
  failed = task_with_prompt (&look.session, "The kite, refused");
  first = task_with_prompt (&look.session, "The kite, first try");
  second = task_with_prompt (&look.session, LONG_PROMPT);
  g_assert_cmpint (kling_task_get_state (failed), ==, KLING_TASK_STATE_FAILED);

  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  g_assert_true (kling_test_wait_for (page_settled, window, KLING_TEST_PATIENCE_MS));
  look_at (&look, GTK_WIDGET (window), "rows");
  /* Narrow, the list has the width, not a player squeezed beside it. */
  if (look.width < 800)
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->history)), >, look.width - 40);

  /* The player, paused on a frame: the time with frames. */
  kling_window_show_task (window, first);
  gtk_media_stream_pause (GTK_MEDIA_STREAM (kling_player_get_paintable (window->player)));
  g_assert_true (kling_test_wait_for (kling_test_session_frame_shown, window->player, KLING_TEST_PATIENCE_MS));
  gtk_media_stream_seek (GTK_MEDIA_STREAM (kling_player_get_paintable (window->player)), 2 * G_USEC_PER_SEC);
  g_assert_true (kling_test_wait_for (kling_test_session_frame_shown, window->player, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (kling_test_session_has_paths, window->player, KLING_TEST_PATIENCE_MS));
  kling_player_set_show_paths (window->player, TRUE);
  look_at (&look, GTK_WIDGET (window), "player");

  /* The second compared with the first. */
  g_assert_true (kling_history_view_get_selected_task (window->history) == first);
  {
    Fixture f = { .view = window->history };
    GtkWidget *menu;

    /* Narrow, the list is a page back from the player. */
    adw_leaflet_navigate (window->generations_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    menu = open_menu (&f, second);

    /* The menu is what enables the item (it is read by label elsewhere). */
    g_assert_true (gtk_widget_activate_action (kling_history_view_get_row (window->history, second),
                                               "row.compare", NULL));
    gtk_popover_popdown (GTK_POPOVER (menu));
  }
  g_assert_nonnull (kling_player_get_partner (window->player));
  g_assert_true (kling_test_wait_for (kling_test_session_frame_shown, kling_player_get_partner (window->player),
                                      KLING_TEST_PATIENCE_MS));
  look_at (&look, GTK_WIDGET (window), "compare");

  /* The failed one's details, and the second's. */
  details = show_details (window, failed);
  look_at (&look, details, "details-failed");
  gtk_window_destroy (GTK_WINDOW (details));
  details = show_details (window, second);
  look_at (&look, details, "details");
  gtk_window_destroy (GTK_WINDOW (details));
  kling_test_session_stop (&look.session);
}

static void
test_look (gconstpointer data)
{
  kling_test_session_alone (run_look, data);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  g_test_add_data_func ("/generations/look/1280", GINT_TO_POINTER (1280), test_look);
  g_test_add_data_func ("/generations/look/600", GINT_TO_POINTER (600), test_look);
  return g_test_run ();
}
