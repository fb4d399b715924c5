/* test-mask-ops.c — grow, shrink, fill holes, smooth edge, the lasso's
 * polygon and "everything else stays still", on masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-mask-ops.h"

#define SIZE 300

static guint
count_painted (const KlingMask *mask)
{
  guint n = 0;

  for (int y = 0; y < kling_mask_get_height (mask); y++)
    for (int x = 0; x < kling_mask_get_width (mask); x++)
      n += kling_mask_get_value (mask, x, y) >= KLING_MASK_PAINTED;
  return n;
}

static void
paint_disc (KlingMask *mask,
            double     cx,
            double     cy,
            double     r,
            guint8     value)
{
  for (int y = 0; y < kling_mask_get_height (mask); y++)
    for (int x = 0; x < kling_mask_get_width (mask); x++)
      if (hypot (x + 0.5 - cx, y + 0.5 - cy) <= r)
        kling_mask_set_value (mask, x, y, value);
}

static void
assert_near (guint  got,
             double want,
             double share)
{
  g_test_message ("%u pixels, %.0f expected", got, want);
  g_assert_cmpfloat (fabs (got - want), <=, want * share);
}

static void
test_grow_shrink (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);

  paint_disc (mask, 150, 150, 40, 255);
  kling_mask_grow (mask, 10);
  assert_near (count_painted (mask), G_PI * 50 * 50, 0.02);
  /* Round, not square: the corner of the grown box is not reached. */
  g_assert_cmpint (kling_mask_get_value (mask, 150 - 48, 150 - 48), ==, 0);
  g_assert_cmpint (kling_mask_get_value (mask, 150 - 49, 150), ==, 255);

  kling_mask_grow (mask, -25);
  assert_near (count_painted (mask), G_PI * 25 * 25, 0.04);
  g_assert_cmpint (kling_mask_get_value (mask, 150, 150), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 150 - 27, 150), ==, 0);

  kling_mask_grow (mask, -40);
  g_assert_true (kling_mask_is_empty (mask));
}

/* The picture's edge is not an edge of the region: a region along it
 * stays along it when shrunk. */
static void
test_shrink_at_picture_edge (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);
  KlingRect band = { 0, 0, SIZE, 60 };

  kling_mask_fill_rect (mask, &band, 255);
  kling_mask_grow (mask, -10);
  g_assert_cmpint (kling_mask_get_value (mask, 0, 0), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 150, 49), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 150, 50), ==, 0);
}

static void
test_fill_holes (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);
  g_autoptr(KlingMask) open_ring = kling_mask_new (SIZE, SIZE);
  KlingRect gap = { 150, 0, 4, 150 };

  paint_disc (mask, 150, 150, 60, 255);
  paint_disc (mask, 150, 150, 30, 0);
  paint_disc (mask, 120, 180, 3, 0);
  g_assert_true (kling_mask_fill_holes (mask));
  assert_near (count_painted (mask), G_PI * 60 * 60, 0.01);
  g_assert_cmpint (kling_mask_get_value (mask, 150, 150), ==, 255);
  g_assert_false (kling_mask_fill_holes (mask));

  /* A ring cut open is a bay, not a hole. */
  paint_disc (open_ring, 150, 150, 60, 255);
  paint_disc (open_ring, 150, 150, 30, 0);
  kling_mask_fill_rect (open_ring, &gap, 0);
  g_assert_false (kling_mask_fill_holes (open_ring));
  g_assert_cmpint (kling_mask_get_value (open_ring, 150, 150), ==, 0);
}

static void
test_smooth (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);
  KlingRect square = { 100, 100, 100, 100 };
  KlingRect spur = { 200, 150, 30, 2 };
  guint before;

  kling_mask_fill_rect (mask, &square, 255);
  kling_mask_fill_rect (mask, &spur, 255);
  /* Jagged steps along one side. */
  for (int y = 100; y < 200; y += 4)
    kling_mask_set_value (mask, 99, y, 255);
  before = count_painted (mask);

  kling_mask_smooth (mask, 8);
  g_assert_cmpint (kling_mask_get_value (mask, 225, 150), ==, 0);
  g_assert_cmpint (kling_mask_get_value (mask, 99, 148), ==, 0);
  g_assert_cmpint (kling_mask_get_value (mask, 100, 100), ==, 0);   /* the corner rounds */
  g_assert_cmpint (kling_mask_get_value (mask, 150, 150), ==, 255);
  assert_near (count_painted (mask), before, 0.03);
}

static void
test_polygon (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (SIZE, SIZE);
  KlingPoint triangle[] = { { 10, 10 }, { 210, 10 }, { 10, 210 } };
  /* A bow tie: where the outline crosses itself the lasso still fills. */
  KlingPoint bow[] = { { 0, 250 }, { 100, 290 }, { 100, 250 }, { 0, 290 } };
  KlingRect dirty;

  kling_mask_fill_polygon (mask, triangle, 3, 255, &dirty);
  assert_near (count_painted (mask), 200 * 200 / 2.0, 0.01);
  g_assert_cmpint (dirty.x, ==, 10);
  g_assert_cmpint (dirty.y, ==, 10);
  g_assert_cmpint (dirty.height, ==, 199);   /* the last row's pixel centres fall outside */
  g_assert_cmpint (kling_mask_get_value (mask, 11, 11), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 150, 150), ==, 0);

  kling_mask_fill_polygon (mask, triangle, 2, 255, &dirty);
  g_assert_cmpint (dirty.width, ==, 0);

  kling_mask_fill_polygon (mask, bow, 4, 255, NULL);
  g_assert_cmpint (kling_mask_get_value (mask, 10, 270), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 50, 255), ==, 0);

  /* Taking away. */
  kling_mask_fill_polygon (mask, triangle, 3, 0, NULL);
  g_assert_cmpint (kling_mask_get_value (mask, 11, 11), ==, 0);
}

static void
test_complement (void)
{
  g_autoptr(KlingMask) a = kling_mask_new (SIZE, SIZE);
  g_autoptr(KlingMask) b = kling_mask_new (SIZE, SIZE);
  g_autoptr(KlingMask) still = kling_mask_new (SIZE, SIZE);
  const KlingMask *dynamic[] = { a, b };

  paint_disc (a, 80, 80, 40, 255);
  paint_disc (b, 200, 200, 50, 255);
  paint_disc (still, 80, 80, 10, 255);     /* old static paint under a: goes */
  kling_mask_set_complement (still, dynamic, 2);

  g_assert_false (kling_mask_intersects (still, a));
  g_assert_false (kling_mask_intersects (still, b));
  g_assert_cmpuint (count_painted (still) + count_painted (a) + count_painted (b), ==, SIZE * SIZE);

  kling_mask_union (a, b);
  g_assert_cmpint (kling_mask_get_value (a, 200, 200), ==, 255);
  g_assert_cmpint (kling_mask_get_value (a, 80, 80), ==, 255);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mask-ops/grow-shrink", test_grow_shrink);
  g_test_add_func ("/mask-ops/shrink-at-picture-edge", test_shrink_at_picture_edge);
  g_test_add_func ("/mask-ops/fill-holes", test_fill_holes);
  g_test_add_func ("/mask-ops/smooth", test_smooth);
  g_test_add_func ("/mask-ops/polygon", test_polygon);
  g_test_add_func ("/mask-ops/complement", test_complement);
  return g_test_run ();
}
