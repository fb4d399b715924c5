/* test-player-controls.c — the player's controls, keys and views, driven
 * like a person would
 *
 * Keys and the volume popup, the actions behind the buttons, the paths over
 * the video and the source image beside it, and the pages for a failed
 * generation and a file that is not a video.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kling-test-player.h"

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);

  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  wait_frames (f, 3);
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (stopped, f->video, 2000));

  gtk_media_stream_seek (f->stream, FRAME_TIME (20) + FRAME_US / 2);
  wait_for_index (f, 20);
  kling_test_key (picture, "period");
  wait_for_index (f, 21);
  kling_test_key (picture, "comma");
  wait_for_index (f, 20);
  g_assert_cmpint (shown_index (f), ==, 20);

  kling_test_key (picture, "l");
  g_assert_true (gtk_media_stream_get_loop (f->stream));
  kling_test_key (picture, "m");
  g_assert_true (gtk_media_stream_get_muted (f->stream));
  kling_test_key (picture, "m");
  g_assert_false (gtk_media_stream_get_muted (f->stream));

  /* Space wins over a focused button of the player. */
  gtk_widget_grab_focus (player_child (f, GTK_TYPE_TOGGLE_BUTTON, 0));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  g_assert_true (gtk_media_stream_get_loop (f->stream));
}

/* In the volume's popup, Space and the arrows are the popup's. */
static void
test_keys_in_popup (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *volume = player_child (f, GTK_TYPE_SCALE_BUTTON, 0);
  GtkWidget *slider = player_child (f, GTK_TYPE_SCALE, 1);
  gint64 timestamp = gtk_media_stream_get_timestamp (f->stream);

  click_center (volume);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, slider, 3000));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), volume));
  kling_test_key (slider, "space Right");
  kling_test_wait (300);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, timestamp);

  /* Escape closes the popup, and the keys are the player's again. */
  kling_test_key (slider, "Escape");
  g_assert_true (kling_test_wait_for (unmapped, slider, 3000));
  kling_test_key (player_child (f, GTK_TYPE_PICTURE, 0), "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
}

/* Steps with @key (or the button, for NULL) and checks that the
 * stream's timestamp moved by one frame in @direction. */
static void
step_one_frame (Fixture    *f,
                const char *key,
                int         direction)
{
  gint64 from = gtk_media_stream_get_timestamp (f->stream);
  int index = timestamp_index (f);

  if (key != NULL)
    kling_test_key (player_child (f, GTK_TYPE_PICTURE, 0), key);
  else
    click_center (button_for (f, "player.step", direction));
  wait_moved (f, from);
  g_assert_cmpint (llabs (gtk_media_stream_get_timestamp (f->stream) - from - direction * FRAME_US), <=, 1);
  g_assert_cmpint (timestamp_index (f), ==, index + direction);
  g_assert_cmpint (shown_index (f), ==, index + direction);
}

/* The play button and Space go through player.toggle-play; the step keys
 * and buttons through player.step, one frame each. */
static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  GtkWidget *play = button_for (f, "player.toggle-play", 0);

  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  click_center (play);
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (stopped, f->video, 2000));
  g_assert_true (kling_test_wait_for (is_settled, f->video, 3000));

  /* With the action off, neither plays. */
  gtk_widget_action_set_enabled (GTK_WIDGET (f->player), "player.toggle-play", FALSE);
  g_assert_false (gtk_widget_get_sensitive (play));
  /* The play button had the focus, and lost it with its action. */
  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  click_center (play);
  kling_test_key (picture, "space");
  kling_test_wait (300);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  gtk_widget_action_set_enabled (GTK_WIDGET (f->player), "player.toggle-play", TRUE);
  g_assert_true (gtk_widget_get_sensitive (play));

  /* Each step is one frame. */
  gtk_media_stream_seek (f->stream, FRAME_TIME (20) + FRAME_US / 2);
  wait_for_index (f, 20);
  /* The seek landed inside frame 20; a step goes to frame 21's start. */
  kling_test_key (picture, "period");
  wait_for_index (f, 21);
  step_one_frame (f, "period", 1);
  step_one_frame (f, NULL, 1);
  step_one_frame (f, NULL, -1);
  step_one_frame (f, "comma", -1);
  step_one_frame (f, "comma", -1);
  g_assert_cmpint (timestamp_index (f), ==, 20);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (20));
  g_assert_false (gtk_media_stream_get_playing (f->stream));
}

/* Where the picture draws image pixel (@x, @y), the image being stretched
 * over the video's 4:3 frame. */
static void
image_to_widget (GtkWidget *picture,
                 double     x,
                 double     y,
                 int       *wx,
                 int       *wy)
{
  double width = gtk_widget_get_width (picture), height = gtk_widget_get_height (picture);
  double scale = MIN (width / CLIP_W, height / CLIP_H);
  double left = floor ((width - ceil (CLIP_W * scale)) / 2);
  double top = floor ((height - ceil (CLIP_H * scale)) / 2);

  *wx = (int) (left + (x + 0.5) * scale);
  *wy = (int) (top + (y + 0.5) * scale);
}

static void
assert_color (GdkTexture   *texture,
              int           x,
              int           y,
              const guint8  expected[3],
              int           tolerance)
{
  guint8 rgba[4];

  kling_test_pixel (texture, x, y, rgba);
  for (int c = 0; c < 3; c++)
    if (abs (rgba[c] - expected[c]) > tolerance)
      g_error ("(%d, %d) is #%02x%02x%02x, not #%02x%02x%02x", x, y, rgba[0], rgba[1], rgba[2],
               expected[0], expected[1], expected[2]);
}

static gboolean
paths_ready (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* The video and the image in a column in a narrow window. */
static gboolean
stacked (gpointer picture)
{
  GtkWidget *media_box = gtk_widget_get_parent (gtk_widget_get_parent (picture));

  return gtk_orientable_get_orientation (GTK_ORIENTABLE (media_box)) == GTK_ORIENTATION_VERTICAL &&
         gtk_widget_get_width (picture) >= 390;
}

static void
test_paths_overlay (Fixture       *f,
                    gconstpointer  data)
{
  static const guint8 red[3] = { REGION1_RGB }, sky[3] = { 40, 120, 200 }, grass[3] = { 60, 160, 60 };
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  GtkWidget *overlay = gtk_widget_get_parent (picture);
  GtkWidget *paths_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 1);
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) with_paths = NULL;
  g_autoptr(GdkTexture) side = NULL;
  GtkWidget *image_picture;
  guint8 video[3], mask_pixel[4];
  int x, y, mx, my;

  g_assert_true (kling_test_wait_for (paths_ready, paths_button, 5000));
  gtk_media_stream_seek (f->stream, FRAME_TIME (5) + FRAME_US / 2);
  wait_for_index (f, 5);
  frame_color (5, video);

  image_to_widget (picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  image_to_widget (picture, MASK1_X + MASK1_W / 2.0, MASK1_Y + MASK1_H / 2.0, &mx, &my);
  plain = kling_test_snapshot (overlay);
  assert_color (plain, x, y, video, 30);

  /* The toggle, clicked: the path in region 1's colour, its mask tinted. */
  kling_test_click (paths_button, 5, 5, 1);
  g_assert_true (kling_player_get_show_paths (f->player));
  with_paths = kling_test_snapshot (overlay);
  assert_color (with_paths, x, y, red, 12);
  kling_test_pixel (with_paths, mx, my, mask_pixel);
  g_assert_cmpint (mask_pixel[0], >, video[0] + 40);
  assert_color (with_paths, x, y - 40, video, 30);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-paths");

  /* Side by side: the source image, with the same path. */
  kling_player_set_side_by_side (f->player, TRUE);
  image_picture = player_child (f, GTK_TYPE_PICTURE, 1);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, image_picture, 3000));
  g_assert_cmpint (abs (gtk_widget_get_width (image_picture) - gtk_widget_get_width (picture)), <=, 1);
  side = kling_test_snapshot (gtk_widget_get_parent (image_picture));
  image_to_widget (image_picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  assert_color (side, x, y, red, 12);
  image_to_widget (image_picture, 20, 200, &x, &y);
  assert_color (side, x, y, sky, 8);
  image_to_widget (image_picture, 300, 200, &x, &y);
  assert_color (side, x, y, grass, 8);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-side-by-side");

  /* Narrow, the two go in a column, the paths still on both. */
  gtk_window_set_default_size (f->window, 400, 600);
  g_assert_true (kling_test_wait_for (stacked, picture, 3000));
  g_assert_cmpint (gtk_widget_get_width (image_picture), ==, gtk_widget_get_width (picture));
  g_assert_cmpint (gtk_widget_get_width (picture), >=, 390);
  g_clear_object (&side);
  side = kling_test_snapshot (gtk_widget_get_parent (image_picture));
  image_to_widget (image_picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  assert_color (side, x, y, red, 12);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-narrow");
}

/* A ring (in the region's colour) on the path marks where the region was asked to be at the frame
 * shown: a third of the way at a third of the clip, two thirds at two
 * thirds (the sent points are evenly spaced in time). */
static void
test_asked_marker (Fixture       *f,
                   gconstpointer  data)
{
  static const guint8 red[3] = { REGION1_RGB };
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  GtkWidget *overlay = gtk_widget_get_parent (picture);
  GtkWidget *paths_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 1);
  GtkWidget *label = gtk_widget_get_next_sibling (player_child (f, GTK_TYPE_SCALE, 0));
  g_autoptr(GdkTexture) third = NULL;
  g_autoptr(GdkTexture) two_thirds = NULL;
  guint8 video[3];
  int x1, x2, y;

  g_assert_true (kling_test_wait_for (paths_ready, paths_button, 5000));
  kling_test_click (paths_button, 5, 5, 1);
  g_assert_true (kling_player_get_show_paths (f->player));
  image_to_widget (picture, PATH_X0 + (PATH_X1 - PATH_X0) / 3.0, PATH_Y, &x1, &y);
  image_to_widget (picture, PATH_X0 + (PATH_X1 - PATH_X0) * 2 / 3.0, PATH_Y, &x2, &y);

  /* 64 frames: frame 21 is a third of the way from the first to the last */
  gtk_media_stream_seek (f->stream, FRAME_TIME (21) + FRAME_US / 2);
  wait_for_index (f, 21);
  frame_color (21, video);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "0:00.21 / 0:02.04 · frame 22 of 64");
  third = kling_test_snapshot (overlay);
  assert_color (third, x1, y - 9, red, 40);
  assert_color (third, x2, y - 9, video, 30);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-asked-third");

  gtk_media_stream_seek (f->stream, FRAME_TIME (42) + FRAME_US / 2);
  wait_for_index (f, 42);
  frame_color (42, video);
  two_thirds = kling_test_snapshot (overlay);
  assert_color (two_thirds, x2, y - 9, red, 40);
  assert_color (two_thirds, x1, y - 9, video, 30);
}

/* A generation made without a motion brush: the video plays, the source
 * image can go beside it, and the paths toggle says why it is off. */
static void
test_no_paths (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *paths_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 1);
  GtkWidget *side_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 2);

  g_assert_true (kling_test_wait_for (paths_ready, side_button, 5000));
  g_assert_false (gtk_widget_get_sensitive (paths_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (paths_button), ==,
                   "This generation used no motion brush: there are no paths to show");
  kling_test_click (paths_button, 5, 5, 1);
  g_assert_false (kling_player_get_show_paths (f->player));
}

/* A failed generation: the player says why, whole, with the code and the
 * request id that the list may cut short. */
static void
test_failed_task (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));
  AdwStatusPage *page;

  kling_player_set_task (f->player, kling_test_player_failed_task ());
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, player_child (f, ADW_TYPE_STATUS_PAGE, 0), 3000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Generation Failed");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   "The resource pack is used up or has expired: Account balance not enough "
                   "(code 1102, HTTP 429, request id 0b7f3c2e-1d2a-4e5f-9a8b-7c6d5e4f3a2b)");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-failed");

  /* Another task: the page is the plain one again. */
  kling_player_set_task (f->player, NULL);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Video");
}

static gboolean
shows_page (gpointer data)
{
  Fixture *f = data;
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0;
}

static void
test_error_shown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = kling_test_make_dir ("player-error");
  g_autofree char *path = g_build_filename (dir, "broken.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));
  AdwStatusPage *page;

  /* Nothing to play: the empty state, nothing to step through. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (button_for (f, "player.step", 1)));
  g_assert_false (gtk_widget_get_sensitive (button_for (f, "player.toggle-play", 0)));

  g_assert_true (g_file_set_contents (path, "This is not a video.", -1, NULL));
  kling_player_set_file (f->player, file);
  g_assert_true (kling_test_wait_for (shows_page, f, 5000));
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The video could not be played");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   gtk_media_stream_get_error (f->stream)->message);
  g_assert_cmpuint (strlen (adw_status_page_get_description (page)), >, 5);
  g_assert_false (gtk_widget_get_mapped (player_child (f, GTK_TYPE_SCALE, 0)));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-error");

  /* A good file afterwards plays again. */
  g_clear_object (&file);
  file = g_file_new_for_path (kling_test_player_clip_path ());
  kling_player_set_file (f->player, file);
  g_assert_true (kling_test_wait_for (has_frame, f, 5000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "video");
  g_assert_null (gtk_media_stream_get_error (f->stream));
}

void
kling_test_player_add_controls_tests (void)
{
  kling_test_player_add ("/player/keys", test_keys, "task");
  kling_test_player_add ("/player/keys-in-popup", test_keys_in_popup, "task");
  kling_test_player_add ("/player/actions", test_actions, "task");
  kling_test_player_add ("/player/paths", test_paths_overlay, "task");
  kling_test_player_add ("/player/no-paths", test_no_paths, "plain");
  kling_test_player_add ("/player/asked-marker", test_asked_marker, "task");
  kling_test_player_add ("/player/error", test_error_shown, NULL);
  kling_test_player_add ("/player/failed", test_failed_task, NULL);
}
