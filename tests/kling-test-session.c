/* kling-test-session.c — the whole app against the fake Kling server
 *
 * The fake server on loopback, the app pointed at it with a token and a
 * data folder of the test's own, a 1280×800 window with a picture open:
 * stripes, and an orange kite where region 1 is painted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-canvas.h"
#include "kling-test-images.h"
#include "kling-test-session.h"

static gboolean
in_kite (int    x,
         int    y,
         double margin)
{
  double dx = x - KLING_TEST_SESSION_KITE_X, dy = y - KLING_TEST_SESSION_KITE_Y;
  double r = KLING_TEST_SESSION_KITE_RADIUS + margin;

  return dx * dx + dy * dy <= r * r;
}

/* The stripes of kling_test_image_encode (), with the kite painted over
 * them: a frame of the clip then shows where region 1 went. */
static char *
write_picture (const char *dir)
{
  g_autoptr(GBytes) png = kling_test_image_encode (640, 400, "png");
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "dunes.png", NULL);
  GdkPixbuf *pixbuf;
  guint8 *pixels;
  int stride, channels;

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      if (in_kite (x, y, 0))
        {
          guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;

          p[0] = 255, p[1] = 128, p[2] = 0;
        }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* The kite's orange, give or take what scaling and H.264 do to it; no
 * stripe comes near it. */
static gboolean
is_kite (const guint8 *rgb)
{
  return rgb[0] > 190 && rgb[1] > 70 && rgb[1] < 190 && rgb[2] < 90;
}

void
kling_test_session_start (KlingTestSession *session,
                          const char       *name,
                          guint             processing_after_ms,
                          guint             succeed_after_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  session->dir = kling_test_make_dir (name);
  session->picture = write_picture (session->dir);
  session->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (session->server, KLING_TEST_SESSION_TOKEN);
  kling_fake_server_set_timing (session->server, processing_after_ms, succeed_after_ms);
  kling_fake_server_start (session->server, 0, &error);
  g_assert_no_error (error);
  g_setenv ("KLING_API_BASE", kling_fake_server_get_base_url (session->server), TRUE);
  g_setenv ("KLING_API_TOKEN", KLING_TEST_SESSION_TOKEN, TRUE);
  g_setenv ("KLING_STUDIO_DATA_DIR", session->dir, TRUE);

  session->app = kling_test_app_new ();
  session->window = kling_test_window_new (session->app, 1280, 800);
  file = g_file_new_for_path (session->picture);
  kling_window_open_file (session->window, file);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, session->window, 5000));
}

void
kling_test_session_stop (KlingTestSession *session)
{
  gtk_window_destroy (GTK_WINDOW (session->window));
  kling_test_settle ();
  g_clear_object (&session->app);
  g_clear_pointer (&session->server, kling_fake_server_free);
  g_unsetenv ("KLING_API_BASE");
  g_unsetenv ("KLING_API_TOKEN");
  g_clear_pointer (&session->dir, g_free);
  g_clear_pointer (&session->picture, g_free);
}

/* Where the kite's orange is in @pixbuf, a picture of the session's
 * picture's aspect ratio. */
KlingTestKite
kling_test_session_find_kite (GdkPixbuf *pixbuf)
{
  double scale = 640.0 / gdk_pixbuf_get_width (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  double r = KLING_TEST_SESSION_KITE_RADIUS + scale;   /* a pixel of @pixbuf's edge */
  double dx, dy;
  KlingTestKite kite = { 0, 0, 0, 0 };

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      if (is_kite (gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * channels))
        {
          dx = (x + 0.5) * scale - KLING_TEST_SESSION_KITE_X;
          dy = (y + 0.5) * scale - KLING_TEST_SESSION_KITE_Y;
          kite.pixels++;
          kite.x += (x + 0.5) * scale;
          kite.y += (y + 0.5) * scale;
          if (dx * dx + dy * dy <= r * r)
            kite.at_start++;
        }
  if (kite.pixels > 0)
    {
      kite.x /= kite.pixels;
      kite.y /= kite.pixels;
    }
  return kite;
}

/* A request for the session's picture, as the editor would send it: with
 * @path (image pixels, top-left origin, "x,y;x,y;…"), region 1 covers the
 * kite (and a little around it, as a brush would) and moves it along
 * @path; without, nothing is painted. */
GBytes *
kling_test_session_body (KlingTestSession *session,
                         const char       *prompt,
                         const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (session->picture, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlingRequest) request = NULL;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  request = kling_test_request_new (bytes, "dunes.png", prompt);
  if (path != NULL)
    {
      KlingImage *image = kling_request_get_image (request);
      g_autoptr(KlingMask) kite = kling_mask_new (kling_image_get_width (image), kling_image_get_height (image));
      g_autoptr(KlingTrajectory) trajectory = kling_trajectory_new_from_string (path, &error);

      g_assert_no_error (error);
      for (int y = 0; y < kling_image_get_height (image); y++)
        for (int x = 0; x < kling_image_get_width (image); x++)
          if (in_kite (x, y, 4))
            kling_mask_set_value (kite, x, y, 255);
      kling_request_add_dynamic (request, kite, trajectory);
    }
  return kling_test_request_build (request);
}

/* The store keeps its own reference. */
KlingTask *
kling_test_session_task_at (KlingTestSession *session,
                            guint             position)
{
  g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (kling_application_get_store (session->app)),
                                                     position);
  return task;
}

/* For kling_test_wait_for (): every generation has its video. */
gboolean
kling_test_session_videos_saved (gpointer data)
{
  KlingTestSession *session = data;
  GListModel *store = G_LIST_MODEL (kling_application_get_store (session->app));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    if (kling_task_get_video_path (kling_test_session_task_at (session, i)) == NULL)
      return FALSE;
  return g_list_model_get_n_items (store) > 0;
}

/* The header's page switcher: button 0 is the Editor, 1 the Generations. */
GtkWidget *
kling_test_session_switcher_button (KlingTestSession *session,
                                    guint             nth)
{
  GtkWidget *switcher = kling_test_find_widget (session->window->header_bar, kling_test_match_type,
                                                GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER));
  GtkWidget *button;

  g_assert_nonnull (switcher);
  button = kling_test_find_widget (switcher, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_TOGGLE_BUTTON));
  for (; button != NULL && nth > 0; nth--)
    button = gtk_widget_get_next_sibling (button);
  g_assert_nonnull (button);
  return button;
}

static gboolean
canvas_allocated (gpointer window)
{
  return gtk_widget_get_width (GTK_WIDGET (kling_test_canvas (window))) > 100;
}

/* Paints region 1 over the kite and its path with real input (from the
 * kite up and to the right, to 400, 120), and sends with Ctrl+Return. */
void
kling_test_session_paint_and_send (KlingTestSession *session)
{
  const double stroke[] = { 170, 170, 240, 190 };
  GtkWidget *canvas;

  g_assert_true (kling_test_wait_for (canvas_allocated, session->window, 5000));
  kling_canvas_set_view (kling_test_canvas (session->window), 1.0, 20, 20);
  canvas = GTK_WIDGET (kling_test_canvas (session->window));
  kling_test_key (canvas, "1 b");
  kling_test_drag (canvas, stroke, 2, 1);
  kling_test_key (canvas, "t");
  kling_test_click (canvas, 20 + 170, 20 + 160, 1);
  kling_test_click (canvas, 20 + 400, 20 + 120, 1);
  kling_test_key (canvas, "ctrl+Return");
}

/**
 * kling_test_session_alone:
 *
 * Runs @run (@data) in a process of its own: a second application cannot
 * take the bus path a first one still holds.
 */
void
kling_test_session_alone (void          (*run) (gconstpointer data),
                          gconstpointer   data)
{
  if (g_test_subprocess ())
    {
      run (data);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* — the player — */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  int *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kling_player_export_frame_finish (KLING_PLAYER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The player's frame exported as the Export Frame action does, read back. */
GdkPixbuf *
kling_test_session_export_frame (KlingPlayer *player,
                                 const char  *path,
                                 gboolean     with_paths)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  int done = FALSE;
  GdkPixbuf *pixbuf;

  kling_player_export_frame_async (player, file, with_paths, NULL, exported_cb, &done);
  g_assert_true (kling_test_run_until (&done, KLING_TEST_PATIENCE_MS));
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  return pixbuf;
}

/* For kling_test_wait_for (): a frame is on screen, no seek pending. */
gboolean
kling_test_session_frame_shown (gpointer player)
{
  KlingVideoPaintable *video = kling_player_get_paintable (player);
  return kling_video_paintable_get_texture (video) != NULL && kling_video_paintable_is_settled (video);
}

/* The player's paths toggle, on screen. */
gboolean
kling_test_session_is_paths_button (GtkWidget     *widget,
                                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "player.show-paths") == 0;
}

gboolean
kling_test_session_has_paths (gpointer player)
{
  return kling_player_has_paths (player);
}
