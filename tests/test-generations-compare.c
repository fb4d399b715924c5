/* test-generations-compare.c — two generations side by side, as one
 *
 * Two generations of the same picture, the kite sent along two paths: the
 * second compared with the first plays beside it, in sync (one scrubber,
 * one frame step, one play/pause, one loop range), each video its own clip
 * with its own paths over it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-test-history.h"
#include "kling-test-session.h"

typedef struct {
  GtkMediaStream *leader;
  GtkMediaStream *follower;
  double          fps;
} Pair;

static gint64
frame_us (Pair *pair)
{
  /* rounded up: frames are 33333.3 µs apart at 30 fps, and two neighbours'
   * timestamps (3366666, 3400000) differ by 33334 */
  return (gint64) ceil (G_USEC_PER_SEC / pair->fps);
}

/* Both show the same frame, within one frame. */
static gboolean
together (gpointer data)
{
  Pair *pair = data;
  gint64 a = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->leader));
  gint64 b = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->follower));

  return !gtk_media_stream_is_seeking (pair->leader) && !gtk_media_stream_is_seeking (pair->follower) &&
         kling_video_paintable_is_settled (KLING_VIDEO_PAINTABLE (pair->leader)) &&
         kling_video_paintable_is_settled (KLING_VIDEO_PAINTABLE (pair->follower)) &&
         a >= 0 && b >= 0 && ABS (a - b) <= frame_us (pair);
}

static gboolean
moved (gpointer data)
{
  Pair *pair = data;
  return gtk_media_stream_get_timestamp (pair->leader) > 0 && gtk_media_stream_get_timestamp (pair->follower) > 0;
}

static gboolean
both_playing_on (gpointer data)
{
  Pair *pair = data;
  gint64 a = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->leader));
  gint64 b = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->follower));

  return gtk_media_stream_get_playing (pair->leader) && gtk_media_stream_get_playing (pair->follower) &&
         a > 3 * frame_us (pair) && ABS (a - b) <= frame_us (pair);
}

static void
describe_pair (Pair *pair)
{
  g_printerr ("leader %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " playing %d seeking %d settled %d; "
                  "follower %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " playing %d seeking %d settled %d\n",
                  gtk_media_stream_get_timestamp (pair->leader),
                  kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->leader)),
                  gtk_media_stream_get_playing (pair->leader), gtk_media_stream_is_seeking (pair->leader),
                  kling_video_paintable_is_settled (KLING_VIDEO_PAINTABLE (pair->leader)),
                  gtk_media_stream_get_timestamp (pair->follower),
                  kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair->follower)),
                  gtk_media_stream_get_playing (pair->follower), gtk_media_stream_is_seeking (pair->follower),
                  kling_video_paintable_is_settled (KLING_VIDEO_PAINTABLE (pair->follower)));
}

/* Fails with where both stand. */
#define assert_pair(pair, condition) assert_pair_at (pair, condition, G_STRLOC)

static void
assert_pair_at (Pair        *pair,
                GSourceFunc  condition,
                const char  *what)
{
  if (kling_test_wait_for (condition, pair, KLING_TEST_PATIENCE_MS))
    return;
  describe_pair (pair);
  g_error ("The compared videos are not together (%s)", what);
}

static gboolean
both_paused (gpointer data)
{
  Pair *pair = data;
  return !gtk_media_stream_get_playing (pair->leader) && !gtk_media_stream_get_playing (pair->follower) &&
         together (data);
}

static gboolean
prepared (gpointer data)
{
  Pair *pair = data;
  return gtk_media_stream_is_prepared (pair->leader) && gtk_media_stream_is_prepared (pair->follower) &&
         kling_video_paintable_get_framerate (KLING_VIDEO_PAINTABLE (pair->leader)) > 0;
}

/* The compared one's controls are hidden: the one scale on screen. */
static gboolean
is_mapped_scale (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SCALE (widget) && gtk_widget_get_mapped (widget);
}

static void
click_fraction (GtkWidget *widget,
                double     fraction)
{
  kling_test_click (widget, gtk_widget_get_width (widget) * fraction, gtk_widget_get_height (widget) / 2.0, 1);
}

static gboolean
is_play_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL &&
         g_str_equal (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "player.toggle-play");
}

typedef struct {
  gint64 last;
  gint64 highest;
  guint  loops;
} Watch;

static void
watch_timestamp (GtkMediaStream *stream,
                 GParamSpec     *pspec,
                 Watch          *watch)
{
  gint64 now = gtk_media_stream_get_timestamp (stream);

  if (!gtk_media_stream_get_playing (stream))
    return;
  if (now < watch->last)
    watch->loops++;
  watch->last = now;
  watch->highest = MAX (watch->highest, now);
}

static gboolean
looped_twice (gpointer data)
{
  return ((Watch *) data)->loops >= 2;
}

/* A range marked in the menu plays again and again, never past its end. */
static void
check_loop_range (KlingPlayer *player,
                  Pair        *pair)
{
  GtkWidget *scale = kling_test_find_widget (GTK_WIDGET (player), is_mapped_scale, NULL);
  Watch watch = { 0, 0, 0 };
  gint64 from, until;

  click_fraction (scale, 0.2);
  assert_pair (pair, together);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.loop-from", NULL));
  click_fraction (scale, 0.6);
  assert_pair (pair, together);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.loop-until", NULL));
  kling_player_get_loop_range (player, &from, &until);
  g_assert_cmpint (from, >, 0);
  g_assert_cmpint (until, >, from);

  g_signal_connect (pair->leader, "notify::timestamp", G_CALLBACK (watch_timestamp), &watch);
  gtk_widget_activate_action (GTK_WIDGET (player), "player.toggle-play", NULL);
  g_assert_true (kling_test_wait_for (looped_twice, &watch, 20000));
  g_signal_handlers_disconnect_by_data (pair->leader, &watch);
  gtk_widget_activate_action (GTK_WIDGET (player), "player.toggle-play", NULL);
  /* Positions are read every 100 ms: the end is passed by at most that. */
  g_assert_cmpint (watch.highest, <=, until + 150000);
  assert_pair (pair, both_paused);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.loop-clear", NULL));
  kling_player_get_loop_range (player, &from, &until);
  g_assert_cmpint (from, ==, -1);
}

static gboolean
is_toast (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0;
}

static gboolean
sent_toast_gone (gpointer window)
{
  return kling_test_find_widget (window, is_label_with_text, "Sent: follow it in Generations") == NULL;
}

/* No "Sent", no "is ready": the Generations page shows it all. */
static gboolean
toasts_gone (gpointer window)
{
  return kling_test_find_widget (window, is_toast, NULL) == NULL;
}

static gboolean
is_sent_shown (gpointer window)
{
  return !sent_toast_gone (window);
}

/* Where the kite is in @player's frame, exported as the artist would. */
static KlingTestKite
kite_shown (KlingTestSession *session,
            KlingPlayer      *player,
            const char       *name)
{
  g_autofree char *path = g_build_filename (session->dir, name, NULL);
  g_autoptr(GdkPixbuf) frame = kling_test_session_export_frame (player, path, FALSE);
  KlingTestKite kite = kling_test_session_find_kite (frame);

  g_assert_cmpuint (kite.pixels, >, 0);
  return kite;
}

/* Each video shows its own clip at the same time: paused at 60 %, the
 * first's kite has flown up and to the right, the second's down; with the
 * paths shown, each video has its own drawn over it. */
static void
check_each_its_own (KlingTestSession *session,
                    KlingPlayer      *player,
                    Pair             *pair)
{
  KlingPlayer *partner = kling_player_get_partner (player);
  KlingTestKite up = kite_shown (session, player, "first.png");
  KlingTestKite down = kite_shown (session, partner, "second.png");

  g_assert_cmpuint (up.at_start, ==, 0);
  g_assert_cmpuint (down.at_start, ==, 0);
  g_assert_cmpfloat (up.x, >, KLING_TEST_SESSION_KITE_X + 2 * KLING_TEST_SESSION_KITE_RADIUS);
  g_assert_cmpfloat (up.y, <, KLING_TEST_SESSION_KITE_Y);
  g_assert_cmpfloat (down.x, >, KLING_TEST_SESSION_KITE_X + 2 * KLING_TEST_SESSION_KITE_RADIUS);
  g_assert_cmpfloat (down.y, >, KLING_TEST_SESSION_KITE_Y + KLING_TEST_SESSION_KITE_RADIUS);

  g_assert_false (kling_player_get_show_paths (partner));
  g_assert_true (kling_test_wait_for (kling_test_session_has_paths, player, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (kling_test_session_has_paths, partner, KLING_TEST_PATIENCE_MS));
  kling_test_click (kling_test_find_widget (GTK_WIDGET (player), kling_test_session_is_paths_button, NULL), 10, 10, 1);
  g_assert_true (kling_player_get_show_paths (partner));
  assert_pair (pair, both_paused);
  kling_test_wait_frames (GTK_WIDGET (session->window), 2);
  /* No second "Sent" or "is ready" waited behind the first to show now. */
  g_assert_true (kling_test_wait_for (toasts_gone, session->window, KLING_TEST_PATIENCE_MS));
  kling_test_save_screenshot (GTK_WIDGET (session->window), "generations-side-by-side-paths");
}

/* Sent from the editor, one after the other. */
static void
send_two (KlingTestSession *session)
{
  g_autoptr(GBytes) one = kling_test_session_body (session, "The kite, first try", "185,160;400,100");
  g_autoptr(GBytes) two = kling_test_session_body (session, "The kite, second try", "185,160;380,330");

  kling_window_submit_body (session->window, one);
  kling_window_submit_body (session->window, two);
  g_assert_true (kling_test_wait_for (is_sent_shown, session->window, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (kling_test_session_videos_saved, session, 30000));
}

static void
run_side_by_side (void)
{
  KlingTestSession session = { 0 };
  KlingTask *first, *second;
  KlingPlayer *player;
  GtkWidget *scale, *play;
  Pair pair;

  kling_test_session_start (&session, "side-by-side", 100, 600);
  send_two (&session);
  second = kling_test_session_task_at (&session, 0);
  first = kling_test_session_task_at (&session, 1);

  /* Choose the first, then compare the second with it (the second's menu).
   * "Sent" was said once, and the Generations page shown has taken it
   * away; "is ready" once, for the newest. */
  kling_window_show_task (session.window, first);
  g_assert_true (kling_test_wait_for (sent_toast_gone, session.window, KLING_TEST_PATIENCE_MS));
  player = session.window->player;
  gtk_media_stream_pause (GTK_MEDIA_STREAM (kling_player_get_paintable (player)));
  {
    Fixture f = { .view = session.window->history };

    click_menu_item (&f, second, "Compare With the Selected One");
  }
  g_assert_nonnull (kling_player_get_partner (player));
  g_assert_true (kling_player_get_task (player) == first);
  g_assert_true (kling_player_get_task (kling_player_get_partner (player)) == second);
  /* Each says which it is. */
  wait_for_widget (GTK_WIDGET (player), is_label_with_text, "The kite, first try");
  wait_for_widget (GTK_WIDGET (kling_player_get_partner (player)), is_label_with_text, "The kite, second try");
  g_assert_null (kling_test_find_widget (GTK_WIDGET (kling_player_get_partner (player)), is_label_with_text,
                                         "The kite, first try"));
  pair.leader = GTK_MEDIA_STREAM (kling_player_get_paintable (player));
  pair.follower = GTK_MEDIA_STREAM (kling_player_get_paintable (kling_player_get_partner (player)));
  g_assert_true (kling_test_wait_for (prepared, &pair, KLING_TEST_PATIENCE_MS));
  pair.fps = kling_video_paintable_get_framerate (KLING_VIDEO_PAINTABLE (pair.leader));
  g_assert_true (gtk_media_stream_get_muted (pair.follower));

  /* One scrubber: a click at 60 % moves both. */
  scale = kling_test_find_widget (GTK_WIDGET (player), is_mapped_scale, NULL);
  kling_test_wait_still (scale);
  click_fraction (scale, 0.6);
  g_assert_true (kling_test_wait_for (moved, &pair, KLING_TEST_PATIENCE_MS));
  assert_pair (&pair, together);
  check_each_its_own (&session, player, &pair);

  /* One frame step: both. */
  {
    gint64 before = kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair.follower));

    gtk_widget_grab_focus (GTK_WIDGET (player));
    kling_test_key (GTK_WIDGET (player), "period");
    assert_pair (&pair, together);
    g_assert_cmpint (kling_video_paintable_get_frame_timestamp (KLING_VIDEO_PAINTABLE (pair.follower)), >, before);
  }

  /* One play/pause: both play, on the same frame, looping. */
  kling_test_key (GTK_WIDGET (player), "l");
  play = kling_test_find_widget (GTK_WIDGET (player), is_play_button, NULL);
  click_fraction (play, 0.5);
  g_assert_true (kling_test_wait_for (both_playing_on, &pair, KLING_TEST_PATIENCE_MS));
  kling_test_save_screenshot (GTK_WIDGET (session.window), "generations-side-by-side");
  click_fraction (play, 0.5);
  assert_pair (&pair, both_paused);

  check_loop_range (player, &pair);

  /* Choosing another generation plays it alone. */
  kling_window_show_task (session.window, second);
  g_assert_null (kling_player_get_partner (player));
  kling_test_session_stop (&session);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  /* One application a process: test-generations.c's is another program. */
  g_test_add_func ("/generations/side-by-side-sync", run_side_by_side);
  return g_test_run ();
}
