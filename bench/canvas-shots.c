/* canvas-shots.c — screenshots of the canvas on a generated photo, to look at
 *
 * Paints the static region across the blue sky, region 1 over a subject with
 * a path, region 6 (teal) near teal subjects, then saves the screen at 25 %,
 * 100 % and 800 % around region 1's edge, at the fitted zoom, and with only
 * the selected region shown. Usage (under X): canvas-shots DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "bench-photo.h"
#include "bench-util.h"
#include "kling-canvas.h"
#include "kling-document.h"

static void
shoot (const char *dir,
       const char *name)
{
  g_autofree char *command = g_strdup_printf ("import -window root %s/%s.png", dir, name);

  bench_run_frames (1500);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static void
paint (KlingDocument *document,
       int            region,
       double         x0,
       double         y0,
       double         x1,
       double         y1,
       double         radius)
{
  kling_document_begin_mask_edit (document, region, "shots");
  kling_document_paint_line (document, x0, y0, x1, y1, radius, 0.8, FALSE);
  kling_document_end_mask_edit (document);
}

/* Centres the view on image point (x, y) at @zoom. */
static void
look_at (KlingCanvas *canvas,
         double       zoom,
         double       x,
         double       y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (canvas)), h = gtk_widget_get_height (GTK_WIDGET (canvas));

  kling_canvas_set_view (canvas, zoom, w / 2.0 - x * zoom, h / 2.0 - y * zoom);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(KlingDocument) document = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  gchar *buffer = NULL;
  gsize length = 0;
  KlingCanvas *canvas;
  GtkWidget *window;

  if (argc < 2)
    return 2;
  gtk_init ();
  adw_init ();

  photo = bench_photo_new (6000, 4000);
  gdk_pixbuf_save_to_buffer (photo, &buffer, &length, "jpeg", NULL, "quality", "90", NULL);
  jpeg = g_bytes_new_take (buffer, length);
  image = kling_image_new_from_bytes (jpeg, "photo.jpg", &error);
  g_assert_no_error (error);
  document = kling_document_new ();
  kling_document_set_image (document, image, &error);
  g_assert_no_error (error);

  canvas = KLING_CANVAS (kling_canvas_new ());
  kling_canvas_set_document (canvas, document);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  gtk_window_present (GTK_WINDOW (window));

  paint (document, 0, 300, 600, 5700, 700, 260);
  paint (document, 1, 2200, 1500, 2900, 1700, 300);
  paint (document, 6, 4200, 2800, 4700, 3000, 220);
  kling_document_begin_trajectory_edit (document, 1, "shots");
  kling_trajectory_append (kling_document_get_trajectory (document, 1), 2300, 1550);
  kling_trajectory_append (kling_document_get_trajectory (document, 1), 2700, 1450);
  kling_trajectory_append (kling_document_get_trajectory (document, 1), 3100, 1650);
  kling_document_end_trajectory_edit (document);
  kling_canvas_set_tool (canvas, KLING_TOOL_TRAJECTORY);
  bench_run_frames (4000);

  shoot (argv[1], "fit");
  look_at (canvas, 0.25, 2600, 1600);
  shoot (argv[1], "zoom-25");
  look_at (canvas, 1.0, 2200, 1300);
  shoot (argv[1], "zoom-100");
  look_at (canvas, 8.0, 2200, 1260);
  shoot (argv[1], "zoom-800");
  kling_canvas_zoom_to_fit (canvas);
  kling_canvas_set_solo (canvas, TRUE);
  shoot (argv[1], "solo");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
