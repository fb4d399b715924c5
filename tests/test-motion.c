/* test-motion.c — the motion renderer draws what the paths mean: the painted
 * object follows its path, the static region never changes, and the hole
 * the object leaves is filled from around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-motion-render.h"
#include "kling-test-motion.h"

#define W 320
#define H 240
#define RADIUS 20.0
/* The static region: the path's second leg crosses it around t = 0.75. */
#define STATIC_X 180
#define STATIC_Y 100
#define STATIC_W 50
#define STATIC_H 40

static const KlingPoint path[] = { { 80, 60 }, { 160, 60 }, { 240, 180 } };

static KlingMotionScene *
make_scene (void)
{
  g_autoptr(GdkPixbuf) picture = kling_test_motion_picture (W, H, path[0].x, path[0].y, RADIUS);
  /* Painted a little wider than the object, as an artist's brush is. */
  g_autoptr(KlingMask) region = kling_test_motion_disc_mask (W, H, path[0].x, path[0].y, RADIUS + 3);
  g_autoptr(KlingMask) still = kling_test_motion_rect_mask (W, H, STATIC_X, STATIC_Y, STATIC_W, STATIC_H);
  KlingMotionScene *scene = kling_motion_scene_new (picture);

  kling_motion_scene_set_static_mask (scene, still);
  kling_motion_scene_set_region (scene, 1, region, path, G_N_ELEMENTS (path));
  return scene;
}

static guint8 *
render (KlingMotionScene *scene,
        double            t,
        int               width,
        int               height)
{
  guint8 *frame = g_malloc ((gsize) width * height * 4);

  kling_motion_scene_render (scene, t, frame, width, height, width * 4);
  return frame;
}

static void
test_position_at (void)
{
  double x, y;

  kling_motion_position_at (path, 3, 0, &x, &y);
  g_assert_cmpfloat (x, ==, 80);
  kling_motion_position_at (path, 3, 0.25, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 60, 1e-9);
  kling_motion_position_at (path, 3, 0.75, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 120, 1e-9);
  kling_motion_position_at (path, 3, 1.5, &x, &y);
  g_assert_cmpfloat (x, ==, 240);
  g_assert_cmpfloat (y, ==, 180);
  kling_motion_position_at (path, 1, 0.5, &x, &y);
  g_assert_cmpfloat (x, ==, 80);
}

static void
assert_centroid (const guint8 *frame,
                 int           width,
                 int           height,
                 double        t,
                 double        scale)
{
  double want_x, want_y, x, y;

  kling_motion_position_at (path, G_N_ELEMENTS (path), t, &want_x, &want_y);
  g_assert_true (kling_test_motion_centroid (frame, width, height, width * 4, 4, &x, &y));
  g_test_message ("t %.2f: object at %.1f, %.1f; path at %.1f, %.1f",
                  t, x, y, want_x * scale, want_y * scale);
  g_assert_cmpfloat (fabs (x - want_x * scale), <, 2.0);
  g_assert_cmpfloat (fabs (y - want_y * scale), <, 2.0);
}

static void
test_follows_path (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  const double times[] = { 0, 0.5, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree guint8 *frame = render (scene, times[i], W, H);

      assert_centroid (frame, W, H, times[i], 1);
    }
}

/* The preview renders at the size shown: the same motion, scaled. */
static void
test_follows_path_scaled (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  const double times[] = { 0, 0.3, 0.5, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree guint8 *small = render (scene, times[i], W / 2, H / 2);
      g_autofree guint8 *big = render (scene, times[i], W * 3 / 2, H * 3 / 2);

      assert_centroid (small, W / 2, H / 2, times[i], 0.5);
      assert_centroid (big, W * 3 / 2, H * 3 / 2, times[i], 1.5);
    }
}

static void
test_static_never_changes (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autofree guint8 *first = render (scene, 0, W, H);
  gboolean crossed = FALSE;

  for (int i = 0; i <= 40; i++)
    {
      g_autofree guint8 *frame = render (scene, i / 40.0, W, H);
      double x, y;

      for (int row = STATIC_Y; row < STATIC_Y + STATIC_H; row++)
        g_assert_cmpmem (frame + ((gsize) row * W + STATIC_X) * 4, STATIC_W * 4,
                         first + ((gsize) row * W + STATIC_X) * 4, STATIC_W * 4);
      kling_motion_position_at (path, G_N_ELEMENTS (path), i / 40.0, &x, &y);
      crossed |= x > STATIC_X && x < STATIC_X + STATIC_W && y > STATIC_Y && y < STATIC_Y + STATIC_H;
    }
  /* Else the test proves nothing. */
  g_assert_true (crossed);
}

/* At the end the object is far from where it started: its old place is
 * the surrounding gradient again, not black, not transparent, not magenta. */
static void
test_hole_filled (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autofree guint8 *frame = render (scene, 1, W, H);

  for (int y = path[0].y - RADIUS - 3; y <= path[0].y + RADIUS + 3; y++)
    for (int x = path[0].x - RADIUS - 3; x <= path[0].x + RADIUS + 3; x++)
      {
        const guint8 *p = frame + ((gsize) y * W + x) * 4;
        guint8 expected[3];

        kling_test_motion_background (x, y, W, H, expected);
        g_assert_cmpuint (p[3], ==, 255);
        for (int k = 0; k < 3; k++)
          g_assert_cmpint (ABS (p[k] - expected[k]), <=, 24);
      }
}

/* Frame 0 is the picture itself; a region without a path stays put. */
static void
test_first_frame_and_still_regions (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autoptr(GdkPixbuf) picture = kling_test_motion_picture (W, H, path[0].x, path[0].y, RADIUS);
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (picture, FALSE, 0, 0, 0);
  g_autofree guint8 *first = render (scene, 0, W, H);
  g_autoptr(KlingMask) region = kling_test_motion_disc_mask (W, H, path[0].x, path[0].y, RADIUS + 3);

  for (int y = 0; y < H; y++)
    g_assert_cmpmem (first + (gsize) y * W * 4, W * 4,
                     gdk_pixbuf_read_pixels (rgba) + (gsize) y * gdk_pixbuf_get_rowstride (rgba), W * 4);

  kling_motion_scene_set_region (scene, 1, region, NULL, 0);
  g_assert_false (kling_motion_scene_has_motion (scene));
  {
    g_autofree guint8 *last = render (scene, 1, W, H);

    g_assert_cmpmem (last, (gsize) W * H * 4, first, (gsize) W * H * 4);
  }
}

/* An export renders a copy in another thread while the editor goes on. */
static void
test_copy (void)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autoptr(KlingMotionScene) copy = kling_motion_scene_copy (scene);
  g_autofree guint8 *a = render (scene, 0.6, W, H);
  g_autofree guint8 *b = render (copy, 0.6, W, H);

  g_assert_cmpmem (a, (gsize) W * H * 4, b, (gsize) W * H * 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/motion/position-at", test_position_at);
  g_test_add_func ("/motion/follows-path", test_follows_path);
  g_test_add_func ("/motion/follows-path-scaled", test_follows_path_scaled);
  g_test_add_func ("/motion/static-never-changes", test_static_never_changes);
  g_test_add_func ("/motion/hole-filled", test_hole_filled);
  g_test_add_func ("/motion/first-frame-and-still-regions", test_first_frame_and_still_regions);
  g_test_add_func ("/motion/copy", test_copy);

  return g_test_run ();
}
