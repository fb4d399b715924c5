/* test-loop.c — the whole loop, as a user does it
 *
 * Open a generated picture, paint region 1, draw its path, press
 * Ctrl+Return: the generation is kept, sent to the fake Kling server, goes
 * through its states, its video is downloaded and plays in the player (the
 * frames on screen are the served clip's: the picture sent, its boat moved). Then the app is closed and
 * started again: the history still shows it, with its thumbnail.
 *
 * The Generations page on its own: the player follows the list's selection
 * (clicks, arrow keys, a row's Play, Show), stops when the Editor page is
 * shown, leads back to the list when folded over it in a narrow window, and
 * the editor's header buttons leave while the page is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <signal.h>

#include "kling-application.h"
#include "kling-fake-server.h"
#include "kling-history-view.h"
#include "kling-image.h"
#include "kling-player.h"
#include "kling-player-private.h"
#include "kling-request.h"
#include "kling-test-ui.h"
#include "kling-video-paintable.h"
#include "kling-window-private.h"

#define TOKEN "sk-loop-test-5c1d"

static KlingWindow *
open_window (KlingApplication *app)
{
  KlingWindow *window = kling_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));
  return window;
}

static char *
write_picture (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 400);
  char *path = g_build_filename (dir, "boat.png", NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 640; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int dx = x - 185, dy = y - 160;

        /* A magenta boat where region 1 is painted. */
        if (dx * dx + dy * dy <= 18 * 18)
          p[0] = 255, p[1] = 0, p[2] = 255;
        else
          p[0] = 40 + x / 4, p[1] = 90 + y / 4, p[2] = 160;
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return path;
}

static KlingTask *
only_task (KlingApplication *app)
{
  GListModel *store = G_LIST_MODEL (kling_application_get_store (app));
  g_autoptr(KlingTask) task = NULL;

  if (g_list_model_get_n_items (store) != 1)
    return NULL;
  task = g_list_model_get_item (store, 0);
  return task;   /* the store keeps its own reference */
}

static gboolean
video_saved (gpointer data)
{
  KlingTask *task = only_task (data);
  return task != NULL && kling_task_get_video_path (task) != NULL;
}

static void
record_state (KlingTask  *task,
              GParamSpec *pspec,
              GPtrArray  *states)
{
  const char *state = kling_task_state_to_string (kling_task_get_state (task));

  if (states->len == 0 || g_strcmp0 (g_ptr_array_index (states, states->len - 1), state) != 0)
    g_ptr_array_add (states, g_strdup (state));
}

static gboolean
frames_on_screen (gpointer data)
{
  KlingWindow *window = data;
  return window->player != NULL &&
         kling_video_paintable_get_frames_shown (kling_player_get_paintable (window->player)) >= 5;
}

typedef struct {
  guint object;   /* pixels of the boat's magenta */
  guint bars;     /* pixels of the yellow or cyan of colour bars */
} VideoColours;

/* The fake server answers with the picture sent, its painted region moving:
 * what the player's video shows is the boat (magenta) on the picture's
 * gradient, not a test pattern. */
static VideoColours
count_video_colours (KlingWindow *window)
{
  KlingPlayer *player = KLING_PLAYER (window->player);
  g_autoptr(GdkTexture) shot = kling_test_snapshot (GTK_WIDGET (player->video_picture));
  int width = gdk_texture_get_width (shot), height = gdk_texture_get_height (shot);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  VideoColours colours = { 0, 0 };

  gdk_texture_download (shot, data, (gsize) width * 4);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = data + ((gsize) y * width + x) * 4;   /* B G R A */

        if (p[2] > 200 && p[1] < 60 && p[0] > 200)
          colours.object++;
        if ((p[2] > 200 && p[1] > 200 && p[0] < 60) || (p[2] < 60 && p[1] > 200 && p[0] > 200))
          colours.bars++;
      }
  return colours;
}

/* The fake server started with @timing, the app pointed at it with a token
 * and @dir as its data folder, a window with @file open. */
static KlingWindow *
start_session (KlingFakeServer   *server,
               guint              processing_after_ms,
               guint              succeed_after_ms,
               const char        *dir,
               GFile             *file,
               KlingApplication **app)
{
  g_autoptr(GError) error = NULL;
  KlingWindow *window;

  kling_fake_server_set_token (server, TOKEN);
  kling_fake_server_set_timing (server, processing_after_ms, succeed_after_ms);
  kling_fake_server_start (server, 0, &error);
  g_assert_no_error (error);
  g_setenv ("KLING_API_BASE", kling_fake_server_get_base_url (server), TRUE);
  g_setenv ("KLING_API_TOKEN", TOKEN, TRUE);
  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);

  *app = kling_test_app_new ();
  window = open_window (*app);
  kling_window_open_file (window, file);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, window, 5000));
  return window;
}

static gboolean
is_css_node (GtkWidget     *widget,
             gconstpointer  name)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_css_name (widget), name) == 0;
}

static gboolean
is_sent_label (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "Sent: follow it in Generations") == 0;
}

static gboolean
sent_toast_shown (gpointer window)
{
  return kling_test_find_widget (GTK_WIDGET (window), is_sent_label, NULL) != NULL;
}

static gboolean
sent_toast_gone (gpointer window)
{
  return !sent_toast_shown (window);
}

static gboolean
canvas_allocated (gpointer window)
{
  return kling_test_window_has_picture (window) &&
         gtk_widget_get_width (GTK_WIDGET (kling_test_canvas (window))) > 0;
}

typedef struct {
  KlingWindow *window;
  KlingTask   *task;
} Selection;

static gboolean
task_selected (gpointer data)
{
  Selection *selection = data;

  return kling_history_view_get_selected_task (selection->window->history) == selection->task;
}

/* Waits until the history has @task selected. */
static gboolean
wait_for_selected (KlingWindow *window,
                   KlingTask   *task)
{
  Selection selection = { window, task };

  return kling_test_wait_for (task_selected, &selection, 5000);
}

/* The player's play/pause button, whichever it shows. */
static gboolean
is_play_button (GtkWidget     *widget,
                gconstpointer  data)
{
  const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : NULL;

  return icon != NULL && gtk_widget_get_mapped (widget) &&
         (g_str_equal (icon, "media-playback-pause-symbolic") || g_str_equal (icon, "media-playback-start-symbolic"));
}

static gboolean
toast_shown (gpointer window)
{
  return kling_test_find_widget (GTK_WIDGET (window), is_css_node, "toast") != NULL;
}

/* Runs until the toast is where it stays (it slides in). */
static void
wait_toast_in_place (KlingWindow *window)
{
  g_assert_true (kling_test_wait_for (toast_shown, window, KLING_TEST_PATIENCE_MS));
  kling_test_wait_in_place (kling_test_find_widget (GTK_WIDGET (window), is_css_node, "toast"));
}

/* A toast on the Generations page leaves the player's controls free to use. */
static void
check_toast_beside_player (KlingWindow *window)
{
  kling_window_show_toast (window, "A message over the player");
  wait_toast_in_place (window);
  {
    GtkWidget *toast = kling_test_find_widget (GTK_WIDGET (window), is_css_node, "toast");
    GtkWidget *play = kling_test_find_widget (GTK_WIDGET (window), is_play_button, NULL);
    GtkWidget *seek = kling_test_find_widget (GTK_WIDGET (window), kling_test_match_type,
                                              GSIZE_TO_POINTER (GTK_TYPE_SCALE));
    graphene_rect_t toast_box, play_box, seek_box;

    g_assert_nonnull (toast);
    g_assert_nonnull (play);
    g_assert_nonnull (seek);
    g_assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (window), &toast_box));
    g_assert_true (gtk_widget_compute_bounds (play, GTK_WIDGET (window), &play_box));
    g_assert_true (gtk_widget_compute_bounds (seek, GTK_WIDGET (window), &seek_box));
    g_assert_false (graphene_rect_intersection (&toast_box, &play_box, NULL));
    g_assert_false (graphene_rect_intersection (&toast_box, &seek_box, NULL));
    kling_test_save_screenshot (GTK_WIDGET (window), "loop-player-toast");
  }
}

/* The picture's thumbnail: its gradient (blue 160) in the history column
 * of the screen, more than 2000 pixels of it. */
static gboolean
thumbnail_on_screen (gpointer data)
{
  g_autoptr(GdkPixbuf) screen = kling_test_grab_screen ();
  guint thumbnail_pixels = 0;

  for (int y = 0; y < gdk_pixbuf_get_height (screen); y++)
    for (int x = 0; x < 360; x++)
      {
        const guint8 *p = gdk_pixbuf_read_pixels (screen) + y * gdk_pixbuf_get_rowstride (screen)
                          + x * gdk_pixbuf_get_n_channels (screen);
        if (ABS (p[2] - 160) < 14 && p[1] >= 85 && p[1] <= 195 && p[0] >= 35 && p[0] <= 205)
          thumbnail_pixels++;
      }
  return thumbnail_pixels > 2000;
}

/* The program started again shows the generation @local_id in the history,
 * with its thumbnail, as a click on its notification would. */
static void
check_restart_shows_history (const char *local_id)
{
  const char *program = g_getenv ("KLING_STUDIO_PROGRAM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GdkPixbuf) screen = NULL;
  g_autofree char *wid = NULL;

  g_assert_nonnull (program);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, NULL);
  g_assert_no_error (error);
  wid = kling_test_find_window_of_pid (g_subprocess_get_identifier (process));

  /* What a click on the notification does: show that generation. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, "/io/github/klingstudio/KlingStudio",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('show-task', [<%s>], @a{sv} {})", local_id),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (kling_test_wait_for (thumbnail_on_screen, NULL, 10000));
  screen = kling_test_grab_screen ();
  gdk_pixbuf_save (screen, g_build_filename (g_getenv ("KLING_TEST_SCREENSHOT_DIR") ?: g_get_tmp_dir (),
                                             "loop-history-after-restart.png", NULL), "png", NULL, NULL);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static void
test_whole_loop (void)
{
  g_autoptr(KlingFakeServer) server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  g_autofree char *dir = kling_test_make_dir ("loop");
  g_autofree char *picture = write_picture (dir);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KlingApplication *app;
  KlingWindow *window;
  KlingTask *task;
  GtkWidget *canvas;
  const double blob[] = { 150, 150, 220, 170 };
  g_autofree char *local_id = NULL;

  window = start_session (server, 300, 4000, dir, file, &app);
  g_assert_true (kling_test_wait_for (canvas_allocated, window, 5000));
  kling_canvas_set_view (kling_test_canvas (window), 1.0, 20, 20);
  canvas = GTK_WIDGET (kling_test_canvas (window));

  /* Paint region 1, draw where it goes, send with Ctrl+Return. */
  kling_test_key (canvas, "1 b");
  {
    const double stroke[] = { blob[0] + 20, blob[1] + 20, blob[2] + 20, blob[3] + 20 };
    kling_test_drag (canvas, stroke, 2, 1);
  }
  kling_test_key (canvas, "t");
  kling_test_click (canvas, 20 + 170, 20 + 160, 1);
  kling_test_click (canvas, 20 + 400, 20 + 120, 1);
  kling_test_key (canvas, "ctrl+Return");

  /* The toast that points to Generations goes once Generations shows. */
  g_assert_true (kling_test_wait_for (sent_toast_shown, window, 5000));
  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  g_assert_true (kling_test_wait_for (sent_toast_gone, window, 5000));

  task = only_task (app);
  g_assert_nonnull (task);
  local_id = g_strdup (kling_task_get_local_id (task));
  g_signal_connect (task, "notify::state", G_CALLBACK (record_state), states);

  /* It goes through its states and its video is saved. */
  g_assert_true (kling_test_wait_for (video_saved, app, 30000));
  g_assert_cmpstr (g_ptr_array_index (states, states->len - 1), ==, "succeeded");
  {
    gboolean saw_processing = FALSE;
    for (guint i = 0; i < states->len; i++)
      saw_processing |= g_str_equal (g_ptr_array_index (states, i), "processing");
    g_assert_true (saw_processing);
  }
  g_assert_cmpuint (kling_fake_server_count_requests (server, "POST", "/v1/videos/image2video"), ==, 1);

  /* What was sent is the motion brush with the path, bottom-left origin. */
  {
    g_autoptr(GBytes) body = kling_fake_server_get_last_body (server);
    g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    g_assert_nonnull (strstr (text, "\"dynamic_masks\""));
    g_assert_nonnull (strstr (text, "{\"x\":170,\"y\":239}"));
  }

  /* The player shows the served clip. */
  kling_window_show_task (window, task);
  g_assert_true (kling_test_wait_for (frames_on_screen, window, 10000));
  kling_test_wait_frames (GTK_WIDGET (window), 1);
  kling_test_save_screenshot (GTK_WIDGET (window), "loop-player");
  {
    VideoColours colours = count_video_colours (window);

    g_assert_cmpuint (colours.object, >, 20);
    g_assert_cmpuint (colours.bars, ==, 0);
  }

  check_toast_beside_player (window);

  /* Close it, start the program again: the history still has the
   * generation, with its thumbnail. */
  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
  check_restart_shows_history (local_id);

  g_object_unref (app);
  g_unsetenv ("KLING_API_BASE");
  g_unsetenv ("KLING_API_TOKEN");
}

/* — the Generations page — */

static GBytes *
make_body (const char *picture,
           const char *prompt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (picture, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  return kling_test_request_body (bytes, "boat.png", prompt);
}

static KlingTask *
task_at (KlingApplication *app,
         guint             position)
{
  g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (kling_application_get_store (app)), position);
  return task;   /* the store keeps its own reference */
}

static gboolean
videos_saved (gpointer data)
{
  KlingApplication *app = data;
  GListModel *store = G_LIST_MODEL (kling_application_get_store (app));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    if (kling_task_get_video_path (task_at (app, i)) == NULL)
      return FALSE;
  return g_list_model_get_n_items (store) == 2;
}

static gboolean
three_tasks (gpointer data)
{
  KlingApplication *app = data;

  return g_list_model_get_n_items (G_LIST_MODEL (kling_application_get_store (app))) == 3;
}

static gboolean
is_submit_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.submit") == 0;
}

/* The header's page switcher: button 0 is the Editor, 1 the Generations. */
static GtkWidget *
switcher_button (KlingWindow *window,
                 guint        nth)
{
  GtkWidget *switcher = kling_test_find_widget (window->header_bar, kling_test_match_type,
                                                GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER));
  GtkWidget *button;

  g_assert_nonnull (switcher);
  button = kling_test_find_widget (switcher, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_TOGGLE_BUTTON));
  for (; button != NULL && nth > 0; nth--)
    button = gtk_widget_get_next_sibling (button);
  g_assert_nonnull (button);
  return button;
}

static void
click_middle (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1);
}

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static GtkWidget *
row_play_button (KlingWindow *window,
                 KlingTask   *task)
{
  GtkWidget *row = kling_history_view_get_row (window->history, task);

  g_assert_nonnull (row);
  return kling_test_find_widget (row, match_tooltip, "Play");
}

/* The back button, if the player has one on screen. */
static GtkWidget *
back_button (KlingWindow *window)
{
  GtkWidget *button = kling_test_find_widget (GTK_WIDGET (window->player), match_tooltip, "Back to the List");

  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

/* What the player's status page says, when it shows one. */
static const char *
player_message (KlingWindow *window)
{
  GtkWidget *stack = kling_test_find_widget (GTK_WIDGET (window->player), kling_test_match_type,
                                             GSIZE_TO_POINTER (GTK_TYPE_STACK));
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (stack));

  return ADW_IS_STATUS_PAGE (page) ? adw_status_page_get_description (ADW_STATUS_PAGE (page)) : NULL;
}

static gboolean
leaflet_settled (gpointer data)
{
  KlingWindow *window = data;
  return !adw_leaflet_get_child_transition_running (window->generations_leaflet);
}

/* The leaflet has come to rest on the list, or on the player. */
static gboolean
leaflet_shows_history (gpointer data)
{
  KlingWindow *window = data;

  return leaflet_settled (window) &&
         adw_leaflet_get_visible_child (window->generations_leaflet) == GTK_WIDGET (window->history) &&
         !gtk_widget_get_mapped (GTK_WIDGET (window->player));
}

static gboolean
leaflet_shows_player (gpointer data)
{
  KlingWindow *window = data;

  return leaflet_settled (window) &&
         adw_leaflet_get_visible_child (window->generations_leaflet) == GTK_WIDGET (window->player);
}

static gboolean
leaflet_folded (gpointer data)
{
  KlingWindow *window = data;
  return adw_leaflet_get_folded (window->generations_leaflet);
}

/* Generate and the side panel's toggle are the editor's: gone on
 * Generations, back on the Editor. Ends on Generations. */
static void
check_header_buttons (KlingWindow *window)
{
  GtkWidget *submit = kling_test_find_widget (window->header_bar, is_submit_button, NULL);

  g_assert_nonnull (submit);
  g_assert_true (gtk_widget_get_mapped (submit));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->panel_button)));
  click_middle (switcher_button (window, 1));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window->history, 5000));
  g_assert_false (gtk_widget_get_mapped (submit));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->panel_button)));
  kling_test_save_screenshot (GTK_WIDGET (window), "generations-wide");
  click_middle (switcher_button (window, 0));
  g_assert_true (gtk_widget_get_mapped (submit));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->panel_button)));
  click_middle (switcher_button (window, 1));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window->history, 5000));
  g_assert_false (gtk_widget_get_mapped (submit));
}

/* The Editor page stops the video: no more frames, no sound. Ends on
 * Generations. */
static void
check_editor_stops_video (KlingWindow         *window,
                          KlingVideoPaintable *video)
{
  guint64 frames;

  kling_video_paintable_set_loop (video, TRUE);
  g_assert_true (kling_test_wait_for (frames_on_screen, window, 5000));
  click_middle (switcher_button (window, 0));
  g_assert_false (kling_video_paintable_is_playing (video));
  kling_test_wait (300);
  frames = kling_video_paintable_get_frames_shown (video);
  kling_test_wait (500);
  g_assert_cmpuint (kling_video_paintable_get_frames_shown (video), ==, frames);
  click_middle (switcher_button (window, 1));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window->player, 5000));
  g_assert_false (kling_video_paintable_is_playing (video));
}

/* Narrow, the player covers the list: its back button leads back. */
static void
check_narrow_leaflet (KlingWindow *window,
                      KlingTask   *older,
                      KlingTask   *newer)
{
  KlingVideoPaintable *video = kling_player_get_paintable (window->player);

  click_middle (row_play_button (window, older));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 800);
  g_assert_true (kling_test_wait_for (leaflet_folded, window, 5000));
  g_assert_true (kling_test_wait_for (leaflet_settled, window, 5000));
  /* The X server applies the new size in its own time: a click computed
   * from GTK's size could land beside the button before. */
  kling_test_wait (300);
  g_assert_true (adw_leaflet_get_visible_child (window->generations_leaflet) == GTK_WIDGET (window->player));
  g_assert_nonnull (back_button (window));
  kling_test_save_screenshot (GTK_WIDGET (window), "generations-narrow-player");
  click_middle (back_button (window));
  g_assert_true (kling_test_wait_for (leaflet_shows_history, window, 5000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->history)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->player)));
  g_assert_false (kling_video_paintable_is_playing (video));
  kling_test_save_screenshot (GTK_WIDGET (window), "generations-narrow-list");

  /* Play from the list goes to the player again, its way back shown. */
  click_middle (row_play_button (window, newer));
  g_assert_true (kling_test_wait_for (leaflet_shows_player, window, 5000));
  g_assert_true (kling_player_get_task (window->player) == newer);
  g_assert_nonnull (back_button (window));
}

/* A running generation, shown as Show after a submit does: the player
 * says where it stands. A click on its row does the same. */
static void
check_running_generation (KlingWindow      *window,
                          KlingApplication *app,
                          const char       *picture,
                          KlingTask        *newer)
{
  KlingTask *running;
  GtkWidget *row;

  {
    g_autoptr(GBytes) third = make_body (picture, "third");

    kling_window_submit_body (window, third);
  }
  /* The generation is kept on disk off the main thread first. */
  g_assert_true (kling_test_wait_for (three_tasks, app, KLING_TEST_PATIENCE_MS));
  running = task_at (app, 0);
  g_assert_cmpstr (kling_task_get_prompt (running), ==, "third");
  kling_window_show_task (window, running);
  g_assert_true (wait_for_selected (window, running));
  g_assert_true (kling_history_view_get_selected_task (window->history) == running);
  g_assert_true (kling_player_get_task (window->player) == running);
  g_assert_cmpstr (player_message (window), ==, "The video will play here once the generation is done.");
  click_middle (row_play_button (window, newer));
  g_assert_true (kling_player_get_task (window->player) == newer);
  row = kling_history_view_get_row (window->history, running);
  kling_test_click (row, 30, gtk_widget_get_height (row) / 2.0, 1);
  g_assert_true (kling_player_get_task (window->player) == running);
  g_assert_cmpstr (player_message (window), ==, "The video will play here once the generation is done.");
}

static void
run_generations_page (void)
{
  g_autoptr(KlingFakeServer) server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  g_autofree char *dir = kling_test_make_dir ("generations");
  g_autofree char *picture = write_picture (dir);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  g_autoptr(GError) error = NULL;
  KlingApplication *app;
  KlingWindow *window;
  KlingTask *older, *newer;
  KlingVideoPaintable *video;
  GtkWidget *row;

  window = start_session (server, 100, 600, dir, file, &app);

  /* Two finished generations, newest first in the list. */
  {
    g_autoptr(GBytes) first = make_body (picture, "first");
    g_autoptr(GBytes) second = make_body (picture, "second");

    kling_window_submit_body (window, first);
    kling_test_wait (50);
    kling_window_submit_body (window, second);
  }
  g_assert_true (kling_test_wait_for (videos_saved, app, 20000));
  newer = task_at (app, 0);
  older = task_at (app, 1);
  g_assert_cmpstr (kling_task_get_prompt (newer), ==, "second");

  check_header_buttons (window);

  /* A click on a row plays it; the arrow keys move the selection, and the
   * player follows, paused. */
  video = kling_player_get_paintable (window->player);
  row = kling_history_view_get_row (window->history, newer);
  kling_test_click (row, 30, gtk_widget_get_height (row) / 2.0, 1);
  g_assert_true (kling_player_get_task (window->player) == newer);
  g_assert_true (kling_history_view_get_selected_task (window->history) == newer);
  kling_test_key (row, "Down");
  g_assert_true (wait_for_selected (window, older));
  g_assert_true (kling_player_get_task (window->player) == older);
  g_assert_false (kling_video_paintable_is_playing (video));
  kling_test_key (row, "Up");
  g_assert_true (wait_for_selected (window, newer));
  g_assert_true (kling_player_get_task (window->player) == newer);

  /* A row's Play selects its row. */
  click_middle (row_play_button (window, older));
  g_assert_true (kling_history_view_get_selected_task (window->history) == older);
  g_assert_true (kling_player_get_task (window->player) == older);
  g_assert_true (kling_video_paintable_is_playing (video));

  check_editor_stops_video (window, video);

  kling_fake_server_set_timing (server, 100, 120000);
  check_running_generation (window, app, picture, newer);

  /* Wide, the list is beside the player: no back button. */
  g_assert_null (back_button (window));

  check_narrow_leaflet (window, older, newer);

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
  g_object_unref (app);
  g_unsetenv ("KLING_API_BASE");
  g_unsetenv ("KLING_API_TOKEN");
}

static void
test_generations_page (void)
{
  /* In its own process: a second application cannot take the bus path the
   * first test's one still holds. */
  if (g_test_subprocess ())
    {
      run_generations_page ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  g_test_add_func ("/loop/paint-send-play-restart", test_whole_loop);
  g_test_add_func ("/loop/generations-page", test_generations_page);
  return g_test_run ();
}
