/* bench-editor.c — the canvas under load: brush dabs, memory, mask export
 *
 * On a 4096×4096 image, in the real KlingDocument and KlingCanvas:
 *  - a radius-64 dab along a stroke: mask update + canvas invalidation,
 *    median and 99th percentile over 2000 dabs;
 *  - resident memory with seven painted regions, after a frame was drawn;
 *  - one mask exported to PNG and base64: time and size.
 * Targets (design.md §6): dab median < 1 ms, p99 < 4 ms; < 250 MB;
 * export < 100 ms, a one-blob mask < 64 KB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bench-util.h"
#include "kling-canvas.h"
#include "kling-document.h"

#define SIZE 4096
#define DABS 2000

static GBytes *
make_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, SIZE, SIZE);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;
        p[0] = (guint8) (128 + 100 * sin (x / 300.0));
        p[1] = (guint8) (128 + 100 * cos (y / 410.0));
        p[2] = (guint8) ((x ^ y) & 0x3f);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL, "quality", "85", NULL);
  return g_bytes_new_take (buffer, length);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(KlingDocument) document = NULL;
  GtkWidget *window, *canvas;
  double dabs[DABS], exports[9];
  double rss_start, rss_painted;
  gsize png_size = 0, base64_size = 0;
  double x = 500, y = 500, angle = 0;

  gtk_init ();
  adw_init ();
  rss_start = bench_rss_mb ();

  jpeg = make_image ();
  image = kling_image_new_from_bytes (jpeg, "bench.jpg", &error);
  g_assert_no_error (error);
  document = kling_document_new ();
  kling_document_set_image (document, image, &error);
  g_assert_no_error (error);

  canvas = kling_canvas_new ();
  kling_canvas_set_document (KLING_CANVAS (canvas), document);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  bench_run_frames (300);

  /* Dabs along a wandering stroke on region 1, as a hand paints. */
  kling_document_begin_mask_edit (document, 1, "bench");
  for (guint i = 0; i < DABS; i++)
    {
      double nx = x + 20 * cos (angle), ny = y + 20 * sin (angle);
      gint64 start = g_get_monotonic_time ();

      kling_document_paint_line (document, x, y, nx, ny, 64, 0.8, FALSE);
      dabs[i] = (g_get_monotonic_time () - start) / 1000.0;

      x = CLAMP (nx, 100, SIZE - 100);
      y = CLAMP (ny, 100, SIZE - 100);
      angle += g_random_double_range (-0.4, 0.4);
      if (i % 50 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
  kling_document_end_mask_edit (document);

  /* Seven regions, each a large painted area. */
  for (int region = 0; region < KLING_N_REGIONS; region++)
    {
      double cx = 600 + (region % 4) * 950, cy = 900 + (region / 4) * 1900;

      kling_document_begin_mask_edit (document, region, "bench");
      for (int k = 0; k < 40; k++)
        kling_document_paint_line (document, cx - 400, cy - 400 + k * 20, cx + 400, cy - 400 + k * 20, 64, 0.8, FALSE);
      kling_document_end_mask_edit (document);
    }
  kling_canvas_zoom_to_fit (KLING_CANVAS (canvas));
  bench_run_frames (500);
  rss_painted = bench_rss_mb ();

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      KlingMask *mask = kling_document_get_mask (document, 3);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) png = kling_mask_to_png (mask, NULL);
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

      exports[i] = (g_get_monotonic_time () - start) / 1000.0;
      png_size = g_bytes_get_size (png);
      base64_size = strlen (base64);
    }

  g_print ("brush dab, radius 64, 4096x4096 (mask update + canvas invalidation), %d dabs:\n", DABS);
  g_print ("  median %.3f ms, p99 %.3f ms, max %.3f ms   (target: median < 1 ms, p99 < 4 ms)\n",
           bench_quantile (dabs, DABS, 0.5), bench_quantile (dabs, DABS, 0.99), bench_quantile (dabs, DABS, 1.0));
  g_print ("memory with a 4096x4096 image and 7 painted regions, after drawing:\n");
  g_print ("  %.0f MB resident (%.0f MB at start)   (target: < 250 MB)\n", rss_painted, rss_start);
  g_print ("mask export 4096x4096 -> PNG -> base64, one painted area, %u runs:\n", (guint) G_N_ELEMENTS (exports));
  g_print ("  median %.1f ms; PNG %zu bytes, base64 %zu bytes   (target: < 100 ms, PNG < 64 KB)\n",
           bench_quantile (exports, G_N_ELEMENTS (exports), 0.5), png_size, base64_size);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
