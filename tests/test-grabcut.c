/* test-grabcut.c — a box drawn around an object selects the object: at
 * least 95 % of it and under 2 % of the background around it, on a
 * picture drawn here (a coloured, shaded blob on a busy, grainy
 * background), small enough to cut as is and large enough to be cut on a
 * smaller copy and brought back along its edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <math.h>

#include "kling-error.h"
#include "kling-grabcut.h"

typedef struct {
  cairo_surface_t *picture;   /* RGB24 */
  guint8          *truth;     /* width × height, 1 on the object */
  guint8          *rgb;       /* the picture as KlingPixels wants it */
  KlingPixels      pixels;
  KlingRect        box;       /* around the object, with some room */
} Scene;

/* A blob with a bay cut into it (not a shape a box or an ellipse could
 * pass for), around (cx, cy). */
static void
blob_path (cairo_t *cr,
           double   cx,
           double   cy,
           double   r)
{
  cairo_new_path (cr);
  for (int i = 0; i <= 360; i += 3)
    {
      double a = i * G_PI / 180.0;
      double rr = r * (0.8 + 0.2 * sin (3 * a) + 0.08 * cos (7 * a));

      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

/* Foliage and sky: patches of every size and shape in a few families of
 * colour (as a photo's background repeats its colours), each patch a
 * little off its family's colour. */
static void
paint_background (cairo_t *cr,
                  int      width,
                  int      height,
                  GRand   *rand)
{
  static const double families[][3] = {
    { 0.20, 0.45, 0.25 }, { 0.35, 0.60, 0.30 }, { 0.30, 0.55, 0.80 },
    { 0.55, 0.70, 0.85 }, { 0.45, 0.45, 0.50 }, { 0.15, 0.30, 0.35 },
  };

  cairo_set_source_rgb (cr, 0.35, 0.5, 0.45);
  cairo_paint (cr);
  for (int i = 0; i < 900; i++)
    {
      const double *c = families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))];
      double s = g_rand_double_range (rand, 4, width / 12.0);
      double x = g_rand_double_range (rand, -s, width), y = g_rand_double_range (rand, -s, height);

      cairo_set_source_rgb (cr, c[0] + g_rand_double_range (rand, -0.06, 0.06),
                            c[1] + g_rand_double_range (rand, -0.06, 0.06),
                            c[2] + g_rand_double_range (rand, -0.06, 0.06));
      if (i % 2)
        cairo_rectangle (cr, x, y, s, s * g_rand_double_range (rand, 0.3, 1.5));
      else
        cairo_arc (cr, x, y, s / 2, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
paint_object (cairo_t *cr,
              double   cx,
              double   cy,
              double   r)
{
  cairo_pattern_t *shade = cairo_pattern_create_radial (cx - r / 3, cy - r / 3, r / 10, cx, cy, r * 1.1);

  /* Orange, lit from the top left and darker towards its rim. */
  cairo_pattern_add_color_stop_rgb (shade, 0, 1.0, 0.72, 0.3);
  cairo_pattern_add_color_stop_rgb (shade, 1, 0.75, 0.3, 0.05);
  cairo_set_source (cr, shade);
  blob_path (cr, cx, cy, r);
  cairo_fill (cr);
  cairo_pattern_destroy (shade);
}

/* Grain over everything, as a camera's sensor leaves it. */
static void
add_grain (Scene *scene,
           GRand *rand)
{
  const KlingPixels *px = &scene->pixels;

  for (int y = 0; y < px->height; y++)
    for (int x = 0; x < px->width * 3; x++)
      {
        guint8 *p = scene->rgb + (gsize) y * px->stride + x;

        *p = (guint8) CLAMP (*p + g_rand_int_range (rand, -14, 15), 0, 255);
      }
}

static void
make_scene (Scene *scene,
            int    width,
            int    height)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  double cx = width * 0.47, cy = height * 0.52, r = MIN (width, height) * 0.28;
  cairo_surface_t *truth;
  cairo_t *cr;
  int stride;

  scene->picture = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (scene->picture);
  paint_background (cr, width, height, rand);
  paint_object (cr, cx, cy, r);
  cairo_destroy (cr);
  cairo_surface_flush (scene->picture);

  truth = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cr = cairo_create (truth);
  blob_path (cr, cx, cy, r);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (truth);

  stride = width * 3 + 5;
  scene->rgb = g_malloc ((gsize) stride * height);
  scene->truth = g_malloc ((gsize) width * height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 argb = ((guint32 *) (cairo_image_surface_get_data (scene->picture) +
                                     y * cairo_image_surface_get_stride (scene->picture)))[x];
        guint8 *p = scene->rgb + (gsize) y * stride + x * 3;

        p[0] = (argb >> 16) & 0xff, p[1] = (argb >> 8) & 0xff, p[2] = argb & 0xff;
        scene->truth[(gsize) y * width + x] =
          cairo_image_surface_get_data (truth)[y * cairo_image_surface_get_stride (truth) + x] >= 128;
      }
  cairo_surface_destroy (truth);
  scene->pixels = (KlingPixels) { scene->rgb, width, height, stride, 3 };
  add_grain (scene, rand);

  /* As an artist drags it: loosely, with room on every side. */
  scene->box = (KlingRect) { (int) (cx - r * 1.25), (int) (cy - r * 1.2),
                             (int) (r * 2.45), (int) (r * 2.5) };
}

static void
free_scene (Scene *scene)
{
  cairo_surface_destroy (scene->picture);
  g_free (scene->truth);
  g_free (scene->rgb);
}

/* The share of the object selected, and of the background inside the box. */
static void
measure (const Scene     *scene,
         const KlingMask *mask,
         double          *object_share,
         double          *background_share)
{
  guint object = 0, object_hit = 0, background = 0, background_hit = 0;
  const KlingRect *b = &scene->box;

  for (int y = 0; y < scene->pixels.height; y++)
    for (int x = 0; x < scene->pixels.width; x++)
      {
        gboolean on = kling_mask_get_value (mask, x, y) >= KLING_MASK_PAINTED;
        gboolean in_box = x >= b->x && y >= b->y && x < b->x + b->width && y < b->y + b->height;

        if (scene->truth[(gsize) y * scene->pixels.width + x])
          object++, object_hit += on;
        else if (in_box)
          background++, background_hit += on;
        else
          g_assert_false (on);
      }
  *object_share = (double) object_hit / object;
  *background_share = (double) background_hit / background;
}

static void
check_selects_object (int width,
                      int height)
{
  Scene scene;
  g_autoptr(KlingMask) mask = kling_mask_new (width, height);
  g_autoptr(GError) error = NULL;
  double object_share, background_share;

  make_scene (&scene, width, height);
  g_assert_true (kling_grabcut_select (&scene.pixels, &scene.box, NULL, NULL, mask, NULL, &error));
  g_assert_no_error (error);
  if (g_getenv ("KLING_TEST_GRABCUT_SAVE") != NULL)
    {
      g_autoptr(GBytes) png = kling_mask_to_png (mask, NULL);
      g_autofree char *name = g_strdup_printf ("%s/grabcut-%d.png", g_getenv ("KLING_TEST_GRABCUT_SAVE"), width);
      g_autofree char *picture = g_strdup_printf ("%s/grabcut-%d-picture.png", g_getenv ("KLING_TEST_GRABCUT_SAVE"), width);

      g_file_set_contents (name, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);
      cairo_surface_write_to_png (scene.picture, picture);
    }
  measure (&scene, mask, &object_share, &background_share);
  g_test_message ("%d×%d: %.1f %% of the object, %.2f %% of the background",
                  width, height, object_share * 100, background_share * 100);
  g_assert_cmpfloat (object_share, >=, 0.95);
  g_assert_cmpfloat (background_share, <, 0.02);
  free_scene (&scene);
}

static void
test_small_picture (void)
{
  check_selects_object (640, 480);
}

/* Cut on an 800-pixel copy; the edge comes back from the full-size picture. */
static void
test_large_picture (void)
{
  check_selects_object (2400, 1600);
}

/* A stroke over a part of the object that the box cut off brings it back,
 * and a stroke over part of it takes it away. */
static void
test_hints (void)
{
  Scene scene;
  g_autoptr(KlingMask) plain = kling_mask_new (640, 480);
  g_autoptr(KlingMask) refined = kling_mask_new (640, 480);
  g_autoptr(KlingMask) object_hints = kling_mask_new (640, 480);
  g_autoptr(KlingMask) background_hints = kling_mask_new (640, 480);
  KlingRect tight;
  int probe_x, probe_y = 0;

  make_scene (&scene, 640, 480);
  /* The box misses the object's left part. */
  tight = scene.box;
  tight.x += tight.width / 3;
  tight.width -= tight.width / 3;
  g_assert_true (kling_grabcut_select (&scene.pixels, &tight, NULL, NULL, plain, NULL, NULL));

  /* The leftmost pixel of the object, on its middle row. */
  probe_x = 640;
  for (int y = 0; y < 480; y++)
    for (int x = 0; x < probe_x; x++)
      if (scene.truth[y * 640 + x])
        probe_x = x + 8, probe_y = y;
  g_assert_cmpint (kling_mask_get_value (plain, probe_x, probe_y), <, KLING_MASK_PAINTED);

  kling_mask_paint_line (object_hints, probe_x, probe_y, tight.x + 20, probe_y, 4, 1, FALSE, NULL);
  /* And the top of the object is not wanted. */
  kling_mask_paint_line (background_hints, tight.x, scene.box.y + scene.box.height * 0.3,
                         tight.x + tight.width, scene.box.y + scene.box.height * 0.3, 3, 1, FALSE, NULL);
  g_assert_true (kling_grabcut_select (&scene.pixels, &tight, object_hints, background_hints,
                                       refined, NULL, NULL));
  g_assert_cmpint (kling_mask_get_value (refined, probe_x, probe_y), >=, KLING_MASK_PAINTED);
  g_assert_cmpint (kling_mask_get_value (refined, tight.x + tight.width / 2,
                                         (int) (scene.box.y + scene.box.height * 0.3)), <, KLING_MASK_PAINTED);
  free_scene (&scene);
}

static void
test_cancelled (void)
{
  Scene scene;
  g_autoptr(KlingMask) mask = kling_mask_new (640, 480);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  make_scene (&scene, 640, 480);
  g_cancellable_cancel (cancellable);
  g_assert_false (kling_grabcut_select (&scene.pixels, &scene.box, NULL, NULL, mask, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (kling_mask_is_empty (mask));
  free_scene (&scene);
}

static void
test_tiny_box (void)
{
  Scene scene;
  g_autoptr(KlingMask) mask = kling_mask_new (640, 480);
  g_autoptr(GError) error = NULL;
  KlingRect box = { 10, 10, 2, 40 };

  make_scene (&scene, 640, 480);
  g_assert_false (kling_grabcut_select (&scene.pixels, &box, NULL, NULL, mask, NULL, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  free_scene (&scene);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/grabcut/small-picture", test_small_picture);
  g_test_add_func ("/grabcut/large-picture", test_large_picture);
  g_test_add_func ("/grabcut/hints", test_hints);
  g_test_add_func ("/grabcut/cancelled", test_cancelled);
  g_test_add_func ("/grabcut/tiny-box", test_tiny_box);
  return g_test_run ();
}
