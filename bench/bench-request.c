/* bench-request.c — building the body of a large motion-brush request
 *
 * A 4096×4096 JPEG with a static mask and six dynamic masks, each a painted
 * blob with a trajectory. Prints the body size and the median, minimum and
 * maximum time of kling_request_build_body() over several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

#include "kling-request.h"

#define SIZE 4096
#define RUNS 9

static GBytes *
make_photo_like_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, SIZE, SIZE);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  GRand *rand = g_rand_new_with_seed (42);
  gchar *buffer = NULL;
  gsize length = 0;

  /* Smooth shapes plus grain: compresses like a photograph, not like a flat test card. */
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int grain = g_rand_int_range (rand, -12, 12);
        p[0] = CLAMP (128 + 100 * sin (x / 300.0) + grain, 0, 255);
        p[1] = CLAMP (128 + 100 * cos (y / 410.0) + grain, 0, 255);
        p[2] = CLAMP (128 + 60 * sin ((x + y) / 700.0) + grain, 0, 255);
      }
  g_rand_free (rand);

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL, "quality", "90", NULL);
  return g_bytes_new_take (buffer, length);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) jpeg = make_photo_like_jpeg ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (jpeg, "bench.jpg", &error);
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autoptr(KlingMask) still = kling_mask_new (SIZE, SIZE);
  double times[RUNS];
  gsize body_size = 0;

  g_assert_no_error (error);
  kling_request_set_image (request, image);
  kling_request_set_model (request, "kling-v1");
  kling_request_set_mode (request, "pro");
  kling_request_set_prompt (request, "six boats sail across the bay while the hills stay still");

  kling_mask_paint_dab (still, SIZE / 2, 600, 500, 1.0, FALSE, NULL);
  kling_request_set_static_mask (request, still);

  for (int i = 0; i < 6; i++)
    {
      g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);
      g_autoptr(KlingTrajectory) path = kling_trajectory_new ();
      double cx = 500 + i * 600, cy = 2500 + (i % 2) * 600;

      kling_mask_paint_dab (mask, cx, cy, 220, 0.8, FALSE, NULL);
      for (int p = 0; p < 40; p++)
        kling_trajectory_append (path, cx + p * 12, cy - 200 * sin (p / 6.0));
      kling_request_add_dynamic (request, mask, path);
    }

  for (int run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) body = kling_request_build_body (request, &error);

      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      body_size = g_bytes_get_size (body);
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);

  g_print ("request body, 4096x4096 JPEG (%zu bytes) + static + 6 dynamic masks\n",
           g_bytes_get_size (jpeg));
  g_print ("  body size: %zu bytes (%.2f MB)\n", body_size, body_size / 1e6);
  g_print ("  build time over %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n",
           RUNS, times[RUNS / 2], times[0], times[RUNS - 1]);
  return 0;
}
