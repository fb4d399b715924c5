/* bench-motion.c — the motion preview's frame time (design.md §6)
 *
 * A 1920×1080 photograph-like image with a static region and six dynamic
 * regions (blobs of 150 to 250 px radius, 77-point paths), rendered frame
 * after frame at the image's size and at a typical on-screen size. Prints
 * the median and 95th percentile frame time, the time of the first frame
 * after a mask change (the hole fill and the scaled copies), and the time to
 * render and encode a 5 s clip as the fake server answers with it (720p,
 * 30 fps, 5.066 s: 152 frames). The frame time is also given as CPU time,
 * which a loaded machine does not inflate; KLING_MOTION_THREADS=1 draws in
 * one thread. With --latency, only the time from a brush dab to the preview
 * showing it, drawn on the main thread as before and prepared in a worker
 * as the preview does now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <time.h>

#include "bench-util.h"
#include "kling-motion-encode.h"

#define WIDTH 1920
#define HEIGHT 1080
#define FRAMES 300

static GdkPixbuf *
make_photo_like (void)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;
        int grain = g_rand_int_range (rand, -12, 12);

        p[0] = CLAMP (128 + 100 * sin (x / 300.0) + grain, 0, 255);
        p[1] = CLAMP (128 + 100 * cos (y / 410.0) + grain, 0, 255);
        p[2] = CLAMP (128 + 60 * sin ((x + y) / 700.0) + grain, 0, 255);
      }
  return pixbuf;
}

static void
add_regions (KlingMotionScene *scene,
             double            jitter)
{
  g_autoptr(KlingMask) still = kling_mask_new (WIDTH, HEIGHT);

  kling_mask_paint_dab (still, WIDTH / 2, 120, 200, 1.0, FALSE, NULL);
  kling_motion_scene_set_static_mask (scene, still);
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    {
      g_autoptr(KlingMask) mask = kling_mask_new (WIDTH, HEIGHT);
      KlingPoint path[77];
      double cx = 200 + i * 300 + jitter, cy = 500 + (i % 2) * 250;

      kling_mask_paint_dab (mask, cx, cy, 150 + 20 * i, 0.8, FALSE, NULL);
      for (guint k = 0; k < G_N_ELEMENTS (path); k++)
        {
          double s = k / 76.0;

          path[k].x = cx + 260 * s * cos (i + s * 3);
          path[k].y = cy + 180 * sin (i + s * 4) - 180 * sin (i);
        }
      kling_motion_scene_set_region (scene, i + 1, mask, path, G_N_ELEMENTS (path));
    }
}

/* The CPU time of the process, all threads: on a machine shared with
 * others, what the frame cost, waits for a core left out. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
measure (KlingMotionScene *scene,
         int               out_width,
         int               out_height)
{
  g_autofree guint8 *frame = g_malloc ((gsize) out_width * out_height * 4);
  double times[FRAMES], cpu[FRAMES];
  gint64 start = g_get_monotonic_time ();

  kling_motion_scene_render (scene, 0, frame, out_width, out_height, out_width * 4);
  g_print ("%dx%d: first frame (fill and scaled copies) %.1f ms\n", out_width, out_height,
           (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < FRAMES; i++)
    {
      double cpu_start = cpu_ms ();

      start = g_get_monotonic_time ();
      /* 30 fps over a 5 s clip, twice: every fraction of a pixel occurs. */
      kling_motion_scene_render (scene, (i % 150) / 149.0, frame, out_width, out_height, out_width * 4);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }
  g_print ("%dx%d: frame median %.2f ms, p95 %.2f ms, max %.2f ms (%d frames); "
           "CPU time (all threads) median %.2f ms, p95 %.2f ms\n",
           out_width, out_height, bench_quantile (times, FRAMES, 0.5),
           bench_quantile (times, FRAMES, 0.95), bench_quantile (times, FRAMES, 1.0), FRAMES,
           bench_quantile (cpu, FRAMES, 0.5), bench_quantile (cpu, FRAMES, 0.95));
}

/* A brush stroke changes one mask: the next frame refills the holes. */
static void
measure_mask_change (KlingMotionScene *scene,
                     int               out_width,
                     int               out_height)
{
  g_autofree guint8 *frame = g_malloc ((gsize) out_width * out_height * 4);
  double times[9];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();

      add_regions (scene, i + 1);
      kling_motion_scene_render (scene, 0.5, frame, out_width, out_height, out_width * 4);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("%dx%d: after a mask change, median %.1f ms\n", out_width, out_height,
           bench_quantile (times, G_N_ELEMENTS (times), 0.5));
}

typedef struct {
  KlingMotionScene *scene;
  int               width;
  int               height;
  gint              done;   /* set by the worker when ready */
} Prepare;

static gpointer
prepare_thread (gpointer data)
{
  Prepare *prepare = data;

  kling_motion_scene_prepare (prepare->scene, prepare->width, prepare->height);
  g_atomic_int_set (&prepare->done, 1);
  return NULL;
}

/* One dab on region 1's mask, from its end to a frame that shows it: as the
 * preview did it (everything on the main thread, in the frame after the
 * dab), and as it does now (the mask copied and the scene prepared in a
 * worker thread while the main thread keeps drawing the previous fill). */
static void
measure_dab_latency (int out_width,
                     int out_height)
{
  g_autoptr(GdkPixbuf) image = make_photo_like ();
  g_autoptr(KlingMotionScene) scene = kling_motion_scene_new (image);
  g_autoptr(KlingMotionScene) shown = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new (WIDTH, HEIGHT);
  g_autofree guint8 *frame = g_malloc ((gsize) out_width * out_height * 4);
  KlingPoint path[2] = { { 200, 500 }, { 460, 600 } };
  double sync_ms[9], blocked_ms[9], latency_ms[9], frame_ms[9];

  add_regions (scene, 0);
  kling_mask_paint_dab (mask, 200, 500, 150, 0.8, FALSE, NULL);
  kling_motion_scene_set_region (scene, 1, mask, path, 2);
  kling_motion_scene_render (scene, 0.5, frame, out_width, out_height, out_width * 4);
  for (guint i = 0; i < G_N_ELEMENTS (sync_ms); i++)
    {
      gint64 start = g_get_monotonic_time ();

      kling_mask_paint_dab (mask, 260 + 10 * i, 520, 40, 0.8, FALSE, NULL);
      kling_motion_scene_set_region (scene, 1, mask, path, 2);
      kling_motion_scene_render (scene, 0.5, frame, out_width, out_height, out_width * 4);
      sync_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  shown = kling_motion_scene_copy (scene);
  kling_motion_scene_prepare (shown, out_width, out_height);
  for (guint i = 0; i < G_N_ELEMENTS (blocked_ms); i++)
    {
      gint64 start = g_get_monotonic_time ();
      Prepare prepare = { NULL, out_width, out_height, 0 };
      GThread *thread;
      double worst = 0;

      kling_mask_paint_dab (mask, 360 + 10 * i, 540, 40, 0.8, FALSE, NULL);
      kling_motion_scene_set_region (scene, 1, mask, path, 2);
      prepare.scene = kling_motion_scene_copy (scene);
      thread = g_thread_new ("prepare", prepare_thread, &prepare);
      blocked_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      /* the frames drawn meanwhile, at 60 Hz, from the previous fill */
      while (!g_atomic_int_get (&prepare.done))
        {
          gint64 frame_start = g_get_monotonic_time ();

          kling_motion_scene_render (shown, 0.5, frame, out_width, out_height, out_width * 4);
          worst = MAX (worst, (g_get_monotonic_time () - frame_start) / 1000.0);
          g_usleep (MAX (0, 16667 - (g_get_monotonic_time () - frame_start)));
        }
      g_thread_join (thread);
      kling_motion_scene_free (shown);
      shown = prepare.scene;
      kling_motion_scene_render (shown, 0.5, frame, out_width, out_height, out_width * 4);
      latency_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      frame_ms[i] = worst;
    }
  g_print ("%dx%d: a dab to the preview showing it: before (main thread) median %.1f ms; "
           "now main thread blocked median %.1f ms, shown after median %.1f ms "
           "(frames meanwhile at most %.1f ms, median of the worst)\n",
           out_width, out_height, bench_quantile (sync_ms, 9, 0.5), bench_quantile (blocked_ms, 9, 0.5),
           bench_quantile (latency_ms, 9, 0.5), bench_quantile (frame_ms, 9, 0.5));
}

static void
measure_clip (KlingMotionScene *scene,
              int               width,
              int               height)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-motion-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clip.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double times[3];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!kling_motion_encode (scene, KLING_MOTION_FORMAT_MP4, file, width, height,
                                KLING_MOTION_DEFAULT_FPS, 5.066, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  g_unlink (path);
  g_rmdir (dir);
  g_print ("fake server clip, %dx%d, 5.066 s at 30 fps: median %.2f s (of %u)\n",
           width, height, bench_quantile (times, G_N_ELEMENTS (times), 0.5),
           (guint) G_N_ELEMENTS (times));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(KlingMotionScene) scene = NULL;

  /* --latency: only the time from a dab to the preview showing it */
  if (argc > 1 && g_str_equal (argv[1], "--latency"))
    {
      measure_dab_latency (1280, 720);
      return 0;
    }
  image = make_photo_like ();
  scene = kling_motion_scene_new (image);
  add_regions (scene, 0);
  g_print ("motion preview: %dx%d image, a static region and %d moving regions\n",
           WIDTH, HEIGHT, KLING_MOTION_MAX_REGIONS);
  measure (scene, WIDTH, HEIGHT);
  measure (scene, 1280, 720);
  measure_mask_change (scene, 1280, 720);
  measure_clip (scene, 1280, 720);
  measure_clip (scene, 256, 144);
  return 0;
}
