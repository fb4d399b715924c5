/* test-player.c — the video player, driven like a person would: playback
 *
 * Play, pause, seeks, the seek bar, the end and loop, frame steps; the
 * controls, keys and views are in test-player-controls.c, the clip, tasks
 * and fixture in kling-test-player.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "kling-test-player.h"

static void
test_play_shows_frames (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GdkTexture) snapshot = NULL;
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  guint8 rgba[4], expected[3];
  gint64 position;
  int index;

  /* Loaded paused on the first frame, which is shown. */
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (shown_index (f), ==, 0);
  g_assert_cmpint (gtk_media_stream_get_duration (f->stream) / 1000, >=, 2100);
  g_assert_cmpfloat_with_epsilon (kling_video_paintable_get_framerate (f->video), CLIP_FPS, 0.01);

  gtk_media_stream_play (f->stream);
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  wait_frames (f, 15);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-playing");
  pause_and_settle (f);

  index = shown_index (f);
  position = gtk_media_stream_get_timestamp (f->stream);
  g_assert_cmpint (index, >=, 14);
  g_assert_cmpint (index, ==, timestamp_index (f));
  g_assert_cmpint (llabs (position - index * FRAME_US), <=, FRAME_US);

  /* What is on screen is that frame, in the middle of the picture. */
  snapshot = kling_test_snapshot (picture);
  kling_test_pixel (snapshot, gtk_widget_get_width (picture) / 2, gtk_widget_get_height (picture) / 2, rgba);
  frame_color (index, expected);
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (abs (rgba[c] - expected[c]), <, 30);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-paused");
}

static void
test_pause_stops_frames (Fixture       *f,
                         gconstpointer  data)
{
  guint64 frames;
  gint64 position;

  gtk_media_stream_play (f->stream);
  wait_frames (f, 5);
  pause_and_settle (f);
  g_assert_false (gtk_media_stream_get_playing (f->stream));

  frames = kling_video_paintable_get_frames_shown (f->video);
  position = gtk_media_stream_get_timestamp (f->stream);
  kling_test_wait (500);
  g_assert_cmpuint (kling_video_paintable_get_frames_shown (f->video), ==, frames);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, position);
}

static void
test_seek_lands (Fixture       *f,
                 gconstpointer  data)
{
  /* Paused: the frame at 1 s is shown. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC);
  wait_for_index (f, CLIP_FPS);
  g_assert_cmpint (shown_index (f), ==, CLIP_FPS);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (CLIP_FPS));

  /* Playing: it goes on from there. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC / 2);
  wait_for_index (f, CLIP_FPS / 2);
  gtk_media_stream_play (f->stream);
  wait_frames (f, 3);
  pause_and_settle (f);
  g_assert_cmpint (shown_index (f), >, CLIP_FPS / 2);
  g_assert_cmpint (shown_index (f), <, CLIP_FPS / 2 + 20);
}

static void
test_seek_bar (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *scale = player_child (f, GTK_TYPE_SCALE, 0);
  GtkWidget *label = gtk_widget_get_next_sibling (scale);
  int width;
  int index;

  /* The time as text, and the bar following the position. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  wait_for_index (f, 45);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "0:01.15 / 0:02.04 · frame 46 of 64");
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), 1.5, 0.001);

  /* A click on the bar seeks there (GtkScale jumps to a primary click). */
  width = gtk_widget_get_width (scale);
  kling_test_click (scale, width * 0.25, gtk_widget_get_height (scale) / 2.0, 1);
  wait_moved (f, G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  index = shown_index (f);
  g_assert_cmpint (index, <, 30);
  g_assert_cmpint (index, >, 3);
  g_assert_cmpint (index, ==, timestamp_index (f));
}

static gboolean
wrapped (gpointer data)
{
  Fixture *f = data;
  return timestamp_index (f) < 20;
}

static void
test_loop_restarts (Fixture       *f,
                    gconstpointer  data)
{
  /* Without loop, the end stops playback on the last frame. */
  gtk_media_stream_seek (f->stream, 1900 * 1000);
  wait_for_index (f, 57);
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (stopped, f->video, 3000));
  g_assert_true (gtk_media_stream_get_ended (f->stream));
  wait_for_index (f, CLIP_FRAMES - 1);
  g_assert_cmpint (shown_index (f), ==, CLIP_FRAMES - 1);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, gtk_media_stream_get_duration (f->stream));

  /* Play at the end starts from the beginning. */
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (wrapped, f, 3000));
  pause_and_settle (f);
  g_assert_cmpint (shown_index (f), <, 20);

  /* With loop, it starts again and frames keep coming. */
  gtk_media_stream_set_loop (f->stream, TRUE);
  gtk_media_stream_seek (f->stream, 1900 * 1000);
  wait_for_index (f, 57);
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (wrapped, f, 3000));
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  wait_frames (f, 5);
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), <, G_USEC_PER_SEC);
  g_assert_cmpint (timestamp_index (f), <, 30);
}

static void
test_frame_step (Fixture       *f,
                 gconstpointer  data)
{
  guint64 frames;

  gtk_media_stream_seek (f->stream, 10 * FRAME_US + FRAME_US / 2);
  wait_for_index (f, 10);
  frames = kling_video_paintable_get_frames_shown (f->video);

  kling_video_paintable_step_frame (f->video, TRUE);
  wait_for_index (f, 11);
  g_assert_cmpint (shown_index (f), ==, 11);
  kling_video_paintable_step_frame (f->video, TRUE);
  wait_for_index (f, 12);
  g_assert_cmpint (shown_index (f), ==, 12);
  g_assert_cmpuint (kling_video_paintable_get_frames_shown (f->video), ==, frames + 2);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (12));

  kling_video_paintable_step_frame (f->video, FALSE);
  wait_for_index (f, 11);
  g_assert_cmpint (shown_index (f), ==, 11);
  kling_video_paintable_step_frame (f->video, FALSE);
  wait_for_index (f, 10);
  g_assert_cmpint (shown_index (f), ==, 10);
  /* and stays there: the steps did not start playing */
  kling_test_wait (300);
  g_assert_cmpint (shown_index (f), ==, 10);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
}

int
main (int    argc,
      char **argv)
{
  kling_test_player_init (&argc, &argv);
  kling_test_player_add ("/player/play", test_play_shows_frames, "task");
  kling_test_player_add ("/player/pause", test_pause_stops_frames, "task");
  kling_test_player_add ("/player/seek", test_seek_lands, "task");
  kling_test_player_add ("/player/seek-bar", test_seek_bar, "task");
  kling_test_player_add ("/player/loop", test_loop_restarts, "task");
  kling_test_player_add ("/player/frame-step", test_frame_step, "task");
  kling_test_player_add_controls_tests ();
  return kling_test_player_run ();
}
