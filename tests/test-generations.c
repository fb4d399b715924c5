/* test-generations.c — generations you can tell apart and a sign when one
 * is ready, as a user meets them
 *
 * A generation sent from the editor ends while the editor is shown: the
 * Generations switcher counts it and a toast offers to play it; the count
 * goes once the list is seen. Its row shows a frame of the result (the kite
 * moved along its path), not the source picture. Open in Editor asks nothing
 * when the editor holds what was sent, or when nothing unsaved would be
 * lost, and asks otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-document.h"
#include "kling-history-view.h"
#include "kling-test-history.h"
#include "kling-player.h"
#include "kling-test-session.h"

#define PROMPT "A kite climbs over the dunes at dawn, slowly"
#define NAME "A kite climbs over the dunes at…"

static AdwViewStackPage *
generations_page (KlingWindow *window)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (window->view_stack, "generations");

  return adw_view_stack_get_page (window->view_stack, child);
}

static gboolean
count_is_one (gpointer window)
{
  return adw_view_stack_page_get_badge_number (generations_page (window)) == 1;
}

static gboolean
count_is_zero (gpointer window)
{
  return adw_view_stack_page_get_badge_number (generations_page (window)) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
match_copy (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
window_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static gboolean
result_thumbnail (gpointer task)
{
  const char *path = kling_task_get_thumbnail_path (task);
  return path != NULL && g_str_has_suffix (path, "/" KLING_TASK_RESULT_THUMBNAIL_FILE);
}

/* How many of @a's pixels differ from @b's (scaled to @a's size) by more
 * than a trace of compression would. */
static double
share_different (GdkPixbuf *a,
                 GdkPixbuf *b)
{
  int width = gdk_pixbuf_get_width (a), height = gdk_pixbuf_get_height (a);
  g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (b, width, height, GDK_INTERP_BILINEAR);
  guint different = 0;

  g_assert_cmpint (gdk_pixbuf_get_n_channels (a), ==, gdk_pixbuf_get_n_channels (scaled));
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = gdk_pixbuf_get_pixels (a) + y * gdk_pixbuf_get_rowstride (a) + x * gdk_pixbuf_get_n_channels (a);
        const guint8 *q = gdk_pixbuf_get_pixels (scaled) + y * gdk_pixbuf_get_rowstride (scaled) + x * gdk_pixbuf_get_n_channels (a);

        if (ABS (p[0] - q[0]) > 48 || ABS (p[1] - q[1]) > 48 || ABS (p[2] - q[2]) > 48)
          different++;
      }
  return different / (double) (width * height);
}

/* The row's picture is the frame (192 px wide), not the picture's thumbnail. */
static gboolean
shows_frame (gpointer picture)
{
  GdkPaintable *shown = gtk_picture_get_paintable (picture);
  return shown != NULL && gdk_paintable_get_intrinsic_width (shown) == 192;
}

/* The row shows a frame of the video: the thumbnail kept beside the video,
 * whose pixels are not the source picture's. */
static void
check_row_thumbnail (KlingTestSession *session,
                     KlingTask        *task)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) frame = NULL;
  g_autoptr(GdkPixbuf) source = gdk_pixbuf_new_from_file (session->picture, &error);
  GtkWidget *row, *picture;

  g_assert_true (kling_test_wait_for (result_thumbnail, task, 20000));
  frame = gdk_pixbuf_new_from_file (kling_task_get_thumbnail_path (task), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (frame), ==, 192);
  g_assert_cmpfloat (share_different (frame, source), >, 0.005);

  /* A frame from the middle of the clip, not the picture: the kite has
   * left its place and flies along its path, up and to the right (from
   * 170, 160 to 400, 120). */
  {
    KlingTestKite sent = kling_test_session_find_kite (source), shown = kling_test_session_find_kite (frame);

    g_assert_cmpuint (sent.pixels, >, 0);
    g_assert_cmpuint (sent.at_start, ==, sent.pixels);
    g_assert_cmpuint (shown.pixels, >, sent.pixels / 10 / 2);
    g_assert_cmpuint (shown.at_start, ==, 0);
    g_assert_cmpfloat (shown.x, >, KLING_TEST_SESSION_KITE_X + 2 * KLING_TEST_SESSION_KITE_RADIUS);
    g_assert_cmpfloat (shown.x, <, 400);
    g_assert_cmpfloat (shown.y, <, KLING_TEST_SESSION_KITE_Y);
  }

  /* Kept in the task's file: the next start shows it at once. */
  {
    g_autofree char *file = g_build_filename (kling_task_get_folder (task), KLING_TASK_FILE, NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\"thumbnail_file\" : \"" KLING_TASK_RESULT_THUMBNAIL_FILE "\""));
  }

  row = kling_history_view_get_row (session->window->history, task);
  picture = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
  g_assert_true (kling_test_wait_for (shows_frame, picture, KLING_TEST_PATIENCE_MS));
}

static gboolean
editor_shown (gpointer window)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (KLING_WINDOW (window)->view_stack), "editor") == 0;
}

static void
open_in_editor (KlingTestSession *session,
                KlingTask        *task)
{
  GtkWidget *row = kling_history_view_get_row (session->window->history, task);

  adw_view_stack_set_visible_child_name (session->window->view_stack, "generations");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "row.open-in-editor", NULL));
  kling_test_settle ();
}

static gboolean
question_shown (gpointer data)
{
  return kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
check_open_in_editor (KlingTestSession *session,
                      KlingTask        *task)
{
  KlingDocument *document = kling_test_document (session->window);
  g_autofree char *draft = g_build_filename (session->dir, "kite.klingdraft", NULL);
  g_autoptr(GError) error = NULL;
  const double stroke[] = { 400, 300, 460, 310 };
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (session->window));
  AdwMessageDialog *question;

  /* The editor holds what was sent: it only shows. */
  open_in_editor (session, task);
  g_assert_null (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (editor_shown (session->window));

  /* Painted since: the question, and Cancel keeps the painting. */
  kling_test_key (canvas, "2 b");
  kling_test_drag (canvas, stroke, 2, 1);
  g_assert_true (kling_document_has_motion (document));
  open_in_editor (session, task);
  g_assert_true (kling_test_wait_for (question_shown, NULL, KLING_TEST_PATIENCE_MS));
  question = ADW_MESSAGE_DIALOG (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Replace the Composition?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "“" NAME "”"));
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  kling_test_settle ();
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (document, 2)));

  /* Saved as a draft: nothing would be lost, so no question. */
  g_assert_true (kling_window_save_draft (session->window, draft, &error));
  g_assert_no_error (error);
  kling_editor_page_set_draft_path (kling_test_editor (session->window), draft);
  open_in_editor (session, task);
  g_assert_null (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (kling_test_wait_for (editor_shown, session->window, KLING_TEST_PATIENCE_MS));
  document = kling_test_document (session->window);
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (document, 2)));
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (document, 1)));

  /* Opened from the generation and not changed: again, nothing asked. */
  kling_test_key (canvas, "1");
  open_in_editor (session, task);
  g_assert_null (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
has_texture (gpointer picture)
{
  return gtk_picture_get_paintable (picture) != NULL;
}

/* Details: the whole prompt, the ids to quote with a copy button, the
 * regions and paths drawn on the picture. */
static void
check_details (KlingTestSession *session,
               KlingTask        *task)
{
  GtkWidget *row = kling_history_view_get_row (session->window->history, task);
  GtkWidget *details, *picture, *copy;

  g_assert_true (gtk_widget_activate_action (row, "row.details", NULL));
  details = kling_test_find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (details);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, details, KLING_TEST_PATIENCE_MS));
  g_assert_nonnull (kling_test_find_widget (details, is_label, PROMPT));
  g_assert_nonnull (kling_test_find_widget (details, is_label, kling_task_get_task_id (task)));
  g_assert_nonnull (kling_test_find_widget (details, is_label, kling_task_get_external_task_id (task)));
  g_assert_nonnull (kling_test_find_widget (details, is_label_containing, "Kling v1"));
  picture = kling_test_find_widget (details, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
  g_assert_true (kling_test_wait_for (has_texture, picture, KLING_TEST_PATIENCE_MS));
  copy = kling_test_find_widget (details, match_copy, "Copy Task ID");
  g_assert_nonnull (copy);
  /* Below the fold of the sheet: activated as the keyboard would. */
  gtk_widget_activate (copy);
  wait_for_widget (details, is_label, "Copied");
  kling_test_wait_frames (details, 2);
  kling_test_save_screenshot (details, "generations-details");
  gtk_window_destroy (GTK_WINDOW (details));
  kling_test_settle ();
}

/* Save Frame as PNG… proposes the generation's name and the frame's number. */
static void
check_frame_file_name (KlingPlayer *player)
{
  g_autofree char *name = kling_player_dup_frame_file_name (player);

  if (!g_regex_match_simple ("^" PROMPT ", frame [1-9][0-9]*\\.png$", name, 0, 0))
    g_error ("The frame is proposed as “%s”", name);
}

/* The frame on screen as a PNG of the video's size, with the paths drawn
 * over it or without. */
static void
check_frame_export (KlingTestSession *session,
                    KlingTask        *task)
{
  KlingPlayer *player = session->window->player;
  KlingVideoPaintable *video = kling_player_get_paintable (player);
  g_autofree char *plain_path = g_build_filename (session->dir, "frame.png", NULL);
  g_autofree char *paths_path = g_build_filename (session->dir, "frame-paths.png", NULL);
  g_autoptr(GdkPixbuf) plain = NULL;
  g_autoptr(GdkPixbuf) with_paths = NULL;
  GdkTexture *texture;

  kling_window_show_task (session->window, task);
  gtk_media_stream_pause (GTK_MEDIA_STREAM (video));
  g_assert_true (kling_test_wait_for (kling_test_session_frame_shown, player, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (kling_test_session_has_paths, player, KLING_TEST_PATIENCE_MS));

  /* The paths shown stay shown: for the next video, and in the settings. */
  g_assert_false (kling_player_get_show_paths (player));
  kling_test_click (kling_test_find_widget (GTK_WIDGET (player), kling_test_session_is_paths_button, NULL), 10, 10, 1);
  g_assert_true (kling_player_get_show_paths (player));
  g_assert_true (g_settings_get_boolean (kling_application_get_settings (session->app), "player-show-paths"));
  kling_player_set_task (player, NULL);
  kling_window_show_task (session->window, task);
  gtk_media_stream_pause (GTK_MEDIA_STREAM (video));
  g_assert_true (kling_player_get_show_paths (player));
  g_assert_true (kling_test_wait_for (kling_test_session_frame_shown, player, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (kling_test_session_has_paths, player, KLING_TEST_PATIENCE_MS));
  texture = kling_video_paintable_get_texture (video);
  check_frame_file_name (player);
  plain = kling_test_session_export_frame (player, plain_path, FALSE);
  with_paths = kling_test_session_export_frame (player, paths_path, TRUE);
  g_assert_cmpint (gdk_pixbuf_get_width (plain), ==, gdk_texture_get_width (texture));
  g_assert_cmpint (gdk_pixbuf_get_height (plain), ==, gdk_texture_get_height (texture));
  g_assert_cmpint (gdk_pixbuf_get_width (with_paths), ==, gdk_texture_get_width (texture));
  /* The paths are drawn where the painted region is. */
  g_assert_cmpfloat (share_different (with_paths, plain), >, 0.0005);
  g_assert_cmpfloat (share_different (with_paths, plain), <, 0.5);
}

static void
run_ready_sign (gconstpointer data)
{
  KlingTestSession session = { 0 };
  KlingTask *task;
  GtkWidget *toast_play;

  kling_test_session_start (&session, "ready-sign", 100, 1500);
  /* Without a window manager, the window is active while the pointer is in it. */
  kling_test_pointer_move (GTK_WIDGET (session.window), 640, 400);
  g_assert_true (kling_test_wait_for (window_active, session.window, KLING_TEST_PATIENCE_MS));
  kling_request_set_prompt (kling_document_get_request (kling_test_document (session.window)), PROMPT);
  kling_test_session_paint_and_send (&session);

  /* It ends while the editor is shown: a count and a toast with Play. */
  g_assert_true (kling_test_wait_for (kling_test_session_videos_saved, &session, 30000));
  task = kling_test_session_task_at (&session, 0);
  g_assert_true (kling_test_wait_for (count_is_one, session.window, KLING_TEST_PATIENCE_MS));
  g_assert_true (editor_shown (session.window));
  wait_for_widget (GTK_WIDGET (session.window), is_label, "“" NAME "” is ready");
  toast_play = wait_for_widget (GTK_WIDGET (session.window), is_button, "_Play");
  kling_test_wait_frames (GTK_WIDGET (session.window), 2);
  kling_test_save_screenshot (GTK_WIDGET (session.window), "generations-ready-sign");

  /* The count goes once the list is seen (a click on the switcher). */
  g_assert_cmpint (adw_view_stack_page_get_badge_number (generations_page (session.window)), ==, 1);
  kling_test_click (kling_test_session_switcher_button (&session, 1), 10, 10, 1);
  g_assert_true (kling_test_wait_for (count_is_zero, session.window, KLING_TEST_PATIENCE_MS));
  g_assert_nonnull (kling_history_view_get_row (session.window->history, task));
  (void) toast_play;

  check_row_thumbnail (&session, task);
  kling_test_wait_frames (GTK_WIDGET (session.window), 2);
  kling_test_save_screenshot (GTK_WIDGET (session.window), "generations-list");

  check_details (&session, task);
  check_frame_export (&session, task);
  check_open_in_editor (&session, task);
  kling_test_session_stop (&session);
}

static void
test_ready_sign (void)
{
  kling_test_session_alone (run_ready_sign, NULL);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  g_test_add_func ("/generations/ready-sign-thumbnail-open", test_ready_sign);
  return g_test_run ();
}
