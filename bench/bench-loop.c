/* bench-loop.c — waiting for a task, and from "succeed" to the first frame
 *
 * Against the in-process fake server on loopback:
 *  - the idle app while a task waits: context switches of this process and
 *    requests the server received over 30 s (target: no wake-ups between
 *    polls, at most one request per poll interval per task);
 *  - from the poller seeing "succeed" to the first video frame painted by
 *    the player, download included (target: under 1 s), median of 5.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "bench-util.h"
#include "kling-fake-server.h"
#include "kling-player.h"
#include "kling-poller.h"
#include "kling-request.h"
#include "kling-task-store.h"
#include "kling-video-paintable.h"

#define TOKEN "bench-token"
#define IDLE_SECONDS (g_getenv ("BENCH_IDLE_SECONDS") ? atoi (g_getenv ("BENCH_IDLE_SECONDS")) : 30)
#define RUNS 5

static long
context_switches (void)
{
  g_autofree char *status = NULL;
  const char *voluntary, *involuntary;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  voluntary = strstr (status, "voluntary_ctxt_switches:");
  involuntary = strstr (status, "nonvoluntary_ctxt_switches:");
  return (voluntary ? atol (voluntary + 24) : 0) + (involuntary ? atol (involuntary + 27) : 0);
}

static GBytes *
make_body (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 400);
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(GBytes) png = NULL;
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x4488ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL);
  png = g_bytes_new_take (buffer, length);
  image = kling_image_new_from_bytes (png, "bench.png", NULL);
  kling_request_set_image (request, image);
  return kling_request_build_body (request, NULL);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  KlingPlayer *player;
  gint64       succeed_at;
  gint64       frame_at;
} Run;

static void
state_cb (KlingTask  *task,
          GParamSpec *pspec,
          Run        *run)
{
  if (kling_task_get_state (task) == KLING_TASK_STATE_SUCCEEDED && run->succeed_at == 0)
    run->succeed_at = g_get_monotonic_time ();
  else if (kling_task_get_state (task) == KLING_TASK_STATE_FAILED)
    g_error ("the task failed: %s", kling_task_get_error_message (task));
}

static void
video_cb (KlingTask  *task,
          GParamSpec *pspec,
          Run        *run)
{
  if (kling_task_get_video_path (task) == NULL)
    return;
  kling_player_set_task (run->player, task);
  kling_video_paintable_play (kling_player_get_paintable (run->player));
}

static void
frame_cb (GdkPaintable *paintable,
          Run          *run)
{
  /* A real frame of this task's video, not the paintable being cleared. */
  if (run->frame_at == 0 && run->succeed_at != 0 &&
      kling_video_paintable_get_frames_shown (KLING_VIDEO_PAINTABLE (paintable)) > 0 &&
      kling_video_paintable_get_texture (KLING_VIDEO_PAINTABLE (paintable)) != NULL)
    run->frame_at = g_get_monotonic_time ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(KlingFakeServer) server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  g_autofree char *dir = g_dir_make_tmp ("kling-bench-loop-XXXXXX", NULL);
  g_autoptr(KlingTaskStore) store = kling_task_store_new (dir);
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingPoller) poller = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *player;
  double latencies[RUNS];
  long switches_before, switches_after;
  guint gets_before, gets_after;

  gtk_init ();
  adw_init ();

  kling_fake_server_set_token (server, TOKEN);
  /* The first task waits long: the idle measurement. */
  kling_fake_server_set_timing (server, 500, (IDLE_SECONDS + 20) * 1000);
  kling_fake_server_start (server, 0, &error);
  g_assert_no_error (error);
  client = kling_client_new_bearer (kling_fake_server_get_base_url (server), TOKEN, &error);
  g_assert_no_error (error);
  poller = kling_poller_new (store, client);
  kling_poller_start (poller);
  body = make_body ();

  /* — idle: one task waiting, default intervals (2 s growing to 15 s) — */
  {
    KlingTask *task = kling_task_store_create (store, body, kling_client_get_base_url (client),
                                               KLING_AUTH_BEARER, &error);
    g_assert_no_error (error);
    kling_poller_submit (poller, task);
    run_for (3000);   /* sent and first polled */
  }
  switches_before = context_switches ();
  gets_before = kling_fake_server_count_requests (server, "GET", NULL);
  run_for (IDLE_SECONDS * 1000);
  switches_after = context_switches ();
  gets_after = kling_fake_server_count_requests (server, "GET", NULL);

  g_print ("idle app with one task waiting, %d s (poll interval 2 s growing x1.5 to 15 s):\n", IDLE_SECONDS);
  g_print ("  %u queries sent (the schedule allows %u), %ld context switches of the process\n",
           gets_after - gets_before, 4u, switches_after - switches_before);

  /* — succeed to first frame — */
  window = gtk_window_new ();
  player = kling_player_new ();
  gtk_window_set_child (GTK_WINDOW (window), player);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  kling_poller_set_intervals (poller, 100, 100);
  kling_fake_server_set_timing (server, 100, 600);

  for (guint i = 0; i < RUNS; i++)
    {
      Run run = { KLING_PLAYER (player), 0, 0 };
      g_autoptr(GBytes) fresh = make_body ();   /* each submission has its own external id */
      KlingTask *task = kling_task_store_create (store, fresh, kling_client_get_base_url (client),
                                                 KLING_AUTH_BEARER, &error);
      gulong frame_id;

      g_assert_no_error (error);
      g_signal_connect (task, "notify::state", G_CALLBACK (state_cb), &run);
      g_signal_connect (task, "notify::video-path", G_CALLBACK (video_cb), &run);
      frame_id = g_signal_connect (kling_player_get_paintable (KLING_PLAYER (player)), "invalidate-contents",
                                   G_CALLBACK (frame_cb), &run);
      kling_poller_submit (poller, task);
      while (run.frame_at == 0)
        g_main_context_iteration (NULL, TRUE);
      latencies[i] = (run.frame_at - run.succeed_at) / 1000.0;
      g_signal_handlers_disconnect_by_data (task, &run);
      g_signal_handler_disconnect (kling_player_get_paintable (KLING_PLAYER (player)), frame_id);
      kling_player_set_task (KLING_PLAYER (player), NULL);
      run_for (200);
    }

  g_print ("from \"succeed\" seen by the poller to the first video frame in the player (download on loopback), %d runs:\n", RUNS);
  g_print ("  median %.0f ms, max %.0f ms   (target: under 1 s)\n",
           bench_quantile (latencies, RUNS, 0.5), bench_quantile (latencies, RUNS, 1.0));

  kling_poller_stop (poller);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
