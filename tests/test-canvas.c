/* test-canvas.c — what the canvas shows of the regions
 *
 * A canvas in a window, on a plain blue picture (the hardest background for
 * the blue static region): the pixels it draws, read from its snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "kling-canvas.h"
#include "kling-document.h"
#include "kling-test-ui.h"
#include "kling-test-wait.h"

#define W 1200
#define H 900
#define SKY_R 70
#define SKY_G 130
#define SKY_B 215

typedef struct {
  KlingDocument *document;
  KlingCanvas   *canvas;
  GtkWidget     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, W, H);
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, SKY_R << 24 | SKY_G << 16 | SKY_B << 8 | 0xff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL);
  png = g_bytes_new_take (buffer, length);
  image = kling_image_new_from_bytes (png, "sky.png", &error);
  g_assert_no_error (error);
  f->document = kling_document_new ();
  kling_document_set_image (f->document, image, &error);
  g_assert_no_error (error);

  f->canvas = KLING_CANVAS (kling_canvas_new ());
  kling_canvas_set_document (f->canvas, f->document);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, f->canvas, KLING_TEST_PATIENCE_MS));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
}

static void
paint_disc (Fixture *f,
            int      region,
            double   x,
            double   y)
{
  kling_document_begin_mask_edit (f->document, region, "test");
  kling_document_paint_line (f->document, x, y, x, y, 120, 1.0, FALSE);
  kling_document_end_mask_edit (f->document);
}

/* The canvas's pixel over image point (x, y). */
static void
pixel_at (Fixture *f,
          double   x,
          double   y,
          guint8   rgba[4])
{
  g_autoptr(GdkTexture) shot = kling_test_snapshot (GTK_WIDGET (f->canvas));
  double wx, wy;

  kling_canvas_image_to_widget (f->canvas, x, y, &wx, &wy);
  kling_test_pixel (shot, (int) wx, (int) wy, rgba);
}

static gboolean
is_sky (const guint8 rgba[4])
{
  return ABS (rgba[0] - SKY_R) < 10 && ABS (rgba[1] - SKY_G) < 10 && ABS (rgba[2] - SKY_B) < 10;
}

/* The blue static region on a blue sky: its edge has a line lighter than
 * both, all the way round. */
static void
test_outline_on_blue (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GdkTexture) shot = NULL;
  double cx, cy, radius;
  int found = 0;

  paint_disc (f, KLING_STATIC_REGION, 600, 450);
  shot = kling_test_snapshot (GTK_WIDGET (f->canvas));
  kling_canvas_image_to_widget (f->canvas, 600, 450, &cx, &cy);
  radius = 120 * kling_canvas_get_zoom (f->canvas);
  if (g_getenv ("CANVAS_TEST_SHOT"))
    gdk_texture_save_to_png (shot, g_getenv ("CANVAS_TEST_SHOT"));

  /* Eight points round the edge: a light pixel close to each. */
  for (int d = 0; d < 8; d++)
    {
      int ex = (int) (cx + radius * cos (d * G_PI / 4)), ey = (int) (cy + radius * sin (d * G_PI / 4));
      gboolean light = FALSE;

      for (int y = ey - 3; y <= ey + 3; y++)
        for (int x = ex - 3; x <= ex + 3; x++)
          {
            guint8 rgba[4];

            kling_test_pixel (shot, x, y, rgba);
            light |= rgba[0] > 110 && rgba[1] > 150;
          }
      found += light;
    }
  g_assert_cmpint (found, ==, 8);
}

static void
test_show_only_selected (Fixture       *f,
                         gconstpointer  data)
{
  guint8 rgba[4];

  paint_disc (f, 1, 300, 300);
  paint_disc (f, 2, 900, 600);
  kling_canvas_set_region (f->canvas, 1);

  kling_canvas_set_solo (f->canvas, TRUE);
  pixel_at (f, 900, 600, rgba);
  g_assert_true (is_sky (rgba));
  pixel_at (f, 300, 300, rgba);
  g_assert_false (is_sky (rgba));

  kling_canvas_set_solo (f->canvas, FALSE);
  pixel_at (f, 900, 600, rgba);
  g_assert_false (is_sky (rgba));
}

/* A region's colour and opacity are what the canvas draws, and the draft
 * keeps them. */
static void
test_colour_and_opacity (Fixture       *f,
                         gconstpointer  data)
{
  guint8 rgba[4];

  paint_disc (f, 3, 600, 450);
  kling_document_set_region_look (f->document, 3, "#ff00ff", 100);
  pixel_at (f, 600, 450, rgba);
  g_assert_cmpint (rgba[0], >, 245);
  g_assert_cmpint (rgba[1], <, 10);
  g_assert_cmpint (rgba[2], >, 245);

  kling_document_set_region_look (f->document, 3, NULL, 10);
  pixel_at (f, 600, 450, rgba);
  g_assert_cmpint (ABS (rgba[1] - SKY_G), <, 20);
  g_assert_cmpint (kling_document_get_draft (f->document)->regions[3].opacity, ==, 10);
  g_assert_cmpstr (kling_document_get_draft (f->document)->regions[3].color, ==, "#ff00ff");

  /* Each change is an undo step; a look tried many times between begin and
   * end (a slider dragged) is one. */
  kling_document_undo (f->document);
  g_assert_cmpint (kling_document_get_draft (f->document)->regions[3].opacity, ==, 100);
  pixel_at (f, 600, 450, rgba);
  g_assert_cmpint (rgba[1], <, 10);
  kling_document_begin_look_edit (f->document, 3);
  for (int opacity = 90; opacity >= 30; opacity -= 10)
    kling_document_set_region_look (f->document, 3, "#00ff00", opacity);
  kling_document_end_look_edit (f->document);
  pixel_at (f, 600, 450, rgba);
  g_assert_cmpint (rgba[1], >, rgba[0]);
  kling_document_undo (f->document);
  g_assert_cmpstr (kling_document_get_draft (f->document)->regions[3].color, ==, "#ff00ff");
  g_assert_cmpint (kling_document_get_draft (f->document)->regions[3].opacity, ==, 100);
  kling_document_redo (f->document);
  g_assert_cmpstr (kling_document_get_draft (f->document)->regions[3].color, ==, "#00ff00");
  g_assert_cmpint (kling_document_get_draft (f->document)->regions[3].opacity, ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);

  g_test_add ("/canvas/outline-on-blue", Fixture, NULL, fixture_set_up, test_outline_on_blue, fixture_tear_down);
  g_test_add ("/canvas/show-only-selected", Fixture, NULL, fixture_set_up, test_show_only_selected, fixture_tear_down);
  g_test_add ("/canvas/colour-and-opacity", Fixture, NULL, fixture_set_up, test_colour_and_opacity, fixture_tear_down);
  return g_test_run ();
}
