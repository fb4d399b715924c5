/* bench-player.c — 10 s of 1080p30 H.264: our player beside GtkVideo
 *
 * Makes a 1080p30 H.264 clip (or takes one as the first argument), then
 * plays it for 10 s in a 1280×800 window, in turns, twice each in the same
 * run: with KlingVideoPaintable in a GtkPicture, as the player shows it,
 * and with GTK's own GtkVideo (GtkMediaFile, GStreamer backend); both are
 * GtkMediaStreams. For each it counts
 * the distinct frames that reached the screen (a new frame present when the
 * frame clock painted), the frames the clip had in the time played, and the
 * CPU time of the whole process (GTK and GStreamer threads). Target: no
 * dropped frames on 2 cores (design.md §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gtk/gtk.h>
#include <sys/resource.h>

#include "kling-video-paintable.h"

#define CLIP_SECONDS 12
#define PLAY_SECONDS 10
#define ROUNDS 2

typedef struct {
  const char   *name;
  GdkPaintable *paintable;     /* what is painted */
  guint64       new_frames;    /* invalidate-contents since start */
  guint64       painted_seen;  /* new_frames at the last paint */
  guint64       painted;       /* paints that showed a new frame */
  gint64        first_paint;   /* monotonic µs of the first frame on screen */
  gboolean      counting;
  gint64        paint_start;
  gint64        paint_time;    /* µs spent painting while counting */
  guint         paints;
} Run;

static void
run_pipeline (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (pipeline == NULL)
    g_error ("%s", error->message);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 600 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (message == NULL || GST_MESSAGE_TYPE (message) != GST_MESSAGE_EOS)
    g_error ("Making the 1080p clip failed");
}

static char *
make_clip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kling-bench-player-XXXXXX", NULL);
  char *path = g_build_filename (dir, "clip-1080p30.mp4", NULL);
  g_autofree char *description = g_strdup_printf (
    "videotestsrc num-buffers=%d pattern=smpte horizontal-speed=8 ! "
    "video/x-raw,width=1920,height=1080,framerate=30/1,format=I420 ! "
    "openh264enc bitrate=8000000 ! h264parse ! mp4mux ! filesink location=\"%s\"",
    CLIP_SECONDS * 30, path);

  g_print ("making a %d s 1080p30 H.264 clip…\n", CLIP_SECONDS);
  run_pipeline (description);
  return path;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
new_frame_cb (GdkPaintable *paintable,
              Run          *run)
{
  run->new_frames++;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Run           *run)
{
  run->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  if (run->counting)
    {
      run->paint_time += g_get_monotonic_time () - run->paint_start;
      run->paints++;
    }
  if (run->new_frames == run->painted_seen)
    return;
  run->painted_seen = run->new_frames;
  if (run->first_paint == 0)
    run->first_paint = g_get_monotonic_time ();
  if (run->counting)
    run->painted++;
}

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_first_frame (Run *run)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (run->first_paint == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return run->first_paint != 0;
}

/* Plays for PLAY_SECONDS once frames show, and prints what it saw. */
static gint64
position (GdkPaintable *paintable)
{
  return gtk_media_stream_get_timestamp (GTK_MEDIA_STREAM (paintable)) * 1000;
}

static void
measure (Run        *run,
         GtkWidget  *window,
         double      fps)
{
  GdkFrameClock *clock;
  double cpu_start, cpu;
  gint64 from, to;
  double expected;

  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (run->paintable, "invalidate-contents", G_CALLBACK (new_frame_cb), run);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), run);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), run);
  if (!wait_first_frame (run))
    g_error ("%s showed no frame", run->name);

  /* a second to settle, then the measured ten */
  wait_ms (1000);
  from = position (run->paintable);
  cpu_start = cpu_seconds ();
  run->counting = TRUE;
  wait_ms (PLAY_SECONDS * 1000);
  run->counting = FALSE;
  cpu = cpu_seconds () - cpu_start;
  to = position (run->paintable);

  expected = (to - from) / 1e9 * fps;
  g_print ("  %-28s %4" G_GUINT64_FORMAT " frames on screen of %4.0f in the clip's %.2f s played: "
           "%4.0f dropped; CPU %.2f s (%.0f%% of one core); a paint takes %.1f ms\n",
           run->name, run->painted, expected, (to - from) / 1e9,
           MAX (expected - run->painted, 0), cpu, 100 * cpu / PLAY_SECONDS,
           run->paint_time / 1000.0 / MAX (run->paints, 1));

  g_signal_handlers_disconnect_by_data (clock, run);
  g_signal_handlers_disconnect_by_data (run->paintable, run);
}

static GtkWidget *
new_window (void)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  return window;
}

static void
bench_kling (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KlingVideoPaintable) video = kling_video_paintable_new ();
  GtkWidget *window = new_window ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (video));
  Run run = { "KlingVideoPaintable", GDK_PAINTABLE (video) };

  gtk_window_set_child (GTK_WINDOW (window), picture);
  gtk_widget_realize (window);
  kling_video_paintable_follow_renderer (video, picture);
  kling_video_paintable_set_file (video, file);
  gtk_media_stream_play (GTK_MEDIA_STREAM (video));
  measure (&run, window, 30.0);
  g_print ("  %-28s its own count of frames dropped: %" G_GUINT64_FORMAT "\n", "",
           kling_video_paintable_get_frames_dropped (video));
  gtk_media_stream_pause (GTK_MEDIA_STREAM (video));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (200);
}

static void
bench_gtk_video (const char *path)
{
  GtkWidget *window = new_window ();
  GtkWidget *video = gtk_video_new ();
  GtkMediaStream *stream;
  Run run = { "GtkVideo" };

  gtk_video_set_autoplay (GTK_VIDEO (video), TRUE);
  gtk_video_set_filename (GTK_VIDEO (video), path);
  gtk_window_set_child (GTK_WINDOW (window), video);
  stream = gtk_video_get_media_stream (GTK_VIDEO (video));
  run.paintable = GDK_PAINTABLE (stream);
  measure (&run, window, 30.0);
  gtk_media_stream_pause (stream);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (200);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  gboolean made = argc < 2;

  gtk_init ();
  gst_init (NULL, NULL);
  path = made ? make_clip () : g_strdup (argv[1]);

  g_print ("1080p30 H.264, %d s of playback each, in a 1280×800 window, same run, alternating:\n",
           PLAY_SECONDS);
  for (guint round = 0; round < ROUNDS; round++)
    {
      bench_kling (path);
      bench_gtk_video (path);
    }
  g_print ("(target: no dropped frames on 2 cores)\n");

  if (made)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
