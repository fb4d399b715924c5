/* bench-motion.c — the motion preview's frame time (design.md §6)
 *
 * A 1920×1080 photograph-like image with a static region and six dynamic
 * regions (blobs of 150 to 250 px radius, 77-point paths), rendered frame
 * after frame at the image's size and at a typical on-screen size. Prints
 * the median and 95th percentile frame time, the time of the first frame
 * after a mask change (the hole fill and the scaled copies), and with
 * --clip the time to encode a 5 s clip as the fake server does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bench-util.h"
#include "kling-motion-render.h"

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

static void
measure (KlingMotionScene *scene,
         int               out_width,
         int               out_height)
{
  g_autofree guint8 *frame = g_malloc ((gsize) out_width * out_height * 4);
  double times[FRAMES];
  gint64 start = g_get_monotonic_time ();

  kling_motion_scene_render (scene, 0, frame, out_width, out_height, out_width * 4);
  g_print ("%dx%d: first frame (fill and scaled copies) %.1f ms\n", out_width, out_height,
           (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < FRAMES; i++)
    {
      start = g_get_monotonic_time ();
      /* 30 fps over a 5 s clip, twice: every fraction of a pixel occurs. */
      kling_motion_scene_render (scene, (i % 150) / 149.0, frame, out_width, out_height, out_width * 4);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("%dx%d: frame median %.2f ms, p95 %.2f ms, max %.2f ms (%d frames)\n",
           out_width, out_height, bench_quantile (times, FRAMES, 0.5),
           bench_quantile (times, FRAMES, 0.95), bench_quantile (times, FRAMES, 1.0), FRAMES);
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GdkPixbuf) image = make_photo_like ();
  g_autoptr(KlingMotionScene) scene = kling_motion_scene_new (image);

  add_regions (scene, 0);
  g_print ("motion preview: %dx%d image, a static region and %d moving regions\n",
           WIDTH, HEIGHT, KLING_MOTION_MAX_REGIONS);
  measure (scene, WIDTH, HEIGHT);
  measure (scene, 1280, 720);
  measure_mask_change (scene, 1280, 720);
  return 0;
}
