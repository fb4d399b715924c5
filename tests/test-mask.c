/* test-mask.c — painting and tiles of KlingMask (its PNG: test-mask-png.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "kling-mask.h"

/* ---- helpers ---- */

static guint
count_painted (const KlingMask *mask)
{
  guint n = 0;

  for (int y = 0; y < kling_mask_get_height (mask); y++)
    for (int x = 0; x < kling_mask_get_width (mask); x++)
      n += kling_mask_get_value (mask, x, y) >= KLING_MASK_PAINTED;
  return n;
}

/* ---- tests ---- */

static void
test_empty_costs_nothing (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (4096, 4096);
  KlingRect dirty, bounds;

  g_assert_cmpint (kling_mask_get_tiles_x (mask), ==, 64);
  g_assert_cmpint (kling_mask_get_tiles_y (mask), ==, 64);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), ==, 0);
  g_assert_true (kling_mask_is_empty (mask));

  /* erasing where nothing is painted allocates nothing */
  kling_mask_paint_dab (mask, 2000, 2000, 64, 1.0, TRUE, &dirty);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), ==, 0);

  /* a radius-64 dab needs at most 3×3 tiles */
  kling_mask_paint_dab (mask, 2000, 2000, 64, 1.0, FALSE, &dirty);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), >, 0);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), <=, 9);
  g_assert_false (kling_mask_is_empty (mask));
  kling_mask_get_bounds (mask, &bounds);
  g_assert_cmpint (bounds.x, >=, 2000 - 64);
  g_assert_cmpint (bounds.x + bounds.width, <=, 2000 + 64);

  kling_mask_clear (mask);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), ==, 0);
  kling_mask_get_bounds (mask, &bounds);
  g_assert_cmpint (bounds.width, ==, 0);
}

static void
test_dab_disc (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (200, 150);
  g_autoptr(KlingMask) before = NULL;
  KlingRect dirty;
  guint painted;

  kling_mask_paint_dab (mask, 100, 70, 30, 1.0, FALSE, &dirty);

  /* inside the disc */
  g_assert_cmpuint (kling_mask_get_value (mask, 100, 70), ==, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 100 + 28, 70), ==, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 100, 70 - 29), ==, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 100 + 19, 70 + 19), ==, 255);   /* d ≈ 27.6 */
  /* outside it, including the square's corners */
  g_assert_cmpuint (kling_mask_get_value (mask, 100 + 31, 70), ==, 0);
  g_assert_cmpuint (kling_mask_get_value (mask, 100 + 23, 70 + 23), ==, 0);    /* d ≈ 33 */
  g_assert_cmpuint (kling_mask_get_value (mask, 71, 41), ==, 0);

  /* the painted area is the disc's, within 3 % */
  painted = count_painted (mask);
  g_assert_cmpfloat (fabs (painted - G_PI * 30 * 30) / (G_PI * 30 * 30), <, 0.03);

  /* the dirty rectangle holds every changed pixel */
  g_assert_cmpint (dirty.x, <=, 70);
  g_assert_cmpint (dirty.y, <=, 40);
  g_assert_cmpint (dirty.x + dirty.width, >=, 131);
  g_assert_cmpint (dirty.y + dirty.height, >=, 101);
  g_assert_cmpint (dirty.width, <=, 62);

  /* a dab hanging over the edge is clipped, not a crash */
  kling_mask_paint_dab (mask, -5, 148, 20, 0.5, FALSE, &dirty);
  g_assert_cmpint (dirty.x, ==, 0);
  g_assert_cmpint (dirty.y + dirty.height, ==, 150);
  g_assert_cmpuint (kling_mask_get_value (mask, 0, 149), ==, 255);

  /* entirely outside: nothing changes, empty dirty area */
  before = kling_mask_copy (mask);
  kling_mask_paint_dab (mask, 500, 500, 20, 1.0, FALSE, &dirty);
  g_assert_cmpint (dirty.width, ==, 0);
  g_assert_true (kling_mask_equal (mask, before));
}

static void
test_hardness (void)
{
  g_autoptr(KlingMask) soft = kling_mask_new (200, 200);
  g_autoptr(KlingMask) hard = kling_mask_new (200, 200);

  kling_mask_paint_dab (soft, 100, 100, 40, 0.0, FALSE, NULL);
  kling_mask_paint_dab (hard, 100, 100, 40, 1.0, FALSE, NULL);

  /* soft: full only at the centre, falling off over the whole radius */
  g_assert_cmpuint (kling_mask_get_value (soft, 100, 100), >=, 245);
  g_assert_cmpuint (kling_mask_get_value (soft, 100 + 10, 100), >, 170);
  g_assert_cmpuint (kling_mask_get_value (soft, 100 + 10, 100), <, 210);
  g_assert_cmpuint (kling_mask_get_value (soft, 100 + 35, 100), <, 50);
  g_assert_cmpuint (kling_mask_get_value (soft, 100 + 35, 100), >, 0);
  /* hard: full up to the edge */
  g_assert_cmpuint (kling_mask_get_value (hard, 100 + 35, 100), ==, 255);
  g_assert_cmpuint (count_painted (soft), <, count_painted (hard) / 2);

  /* painting combines with max(): a soft dab over a hard one lowers nothing */
  kling_mask_paint_dab (hard, 100, 100, 40, 0.0, FALSE, NULL);
  g_assert_cmpuint (kling_mask_get_value (hard, 100 + 35, 100), ==, 255);
}

static void
test_eraser (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (300, 200);
  KlingRect all = { 0, 0, 300, 200 };
  KlingRect dirty;

  kling_mask_fill_rect (mask, &all, 255);
  kling_mask_paint_dab (mask, 150, 100, 20, 1.0, TRUE, &dirty);
  g_assert_cmpuint (kling_mask_get_value (mask, 150, 100), ==, 0);
  g_assert_cmpuint (kling_mask_get_value (mask, 150 + 18, 100), ==, 0);
  g_assert_cmpuint (kling_mask_get_value (mask, 150 + 22, 100), ==, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 10, 10), ==, 255);
  g_assert_cmpint (dirty.width, >, 0);

  /* a soft eraser only lowers coverage, never raises it */
  kling_mask_set_value (mask, 50, 50, 60);
  kling_mask_paint_dab (mask, 50, 50, 10, 0.0, TRUE, NULL);
  g_assert_cmpuint (kling_mask_get_value (mask, 50, 50), <=, 60);
  g_assert_cmpuint (kling_mask_get_value (mask, 50 + 8, 50), <, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 50 + 8, 50), >, 0);
}

static void
test_line_without_gaps (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (640, 480);
  KlingRect dirty;

  /* one fast stroke: two events 600 pixels apart */
  kling_mask_paint_line (mask, 10, 50, 610, 400, 3, 1.0, FALSE, &dirty);

  for (int i = 0; i <= 1000; i++)
    {
      double t = i / 1000.0;
      double x = 10 + 600 * t, y = 50 + 350 * t;

      g_assert_cmpuint (kling_mask_get_value (mask, (int) x, (int) y), >=, KLING_MASK_PAINTED);
    }
  g_assert_cmpint (dirty.x, <=, 7);
  g_assert_cmpint (dirty.y, <=, 47);
  g_assert_cmpint (dirty.x + dirty.width, >=, 613);
  g_assert_cmpint (dirty.y + dirty.height, >=, 403);
  /* and not a fat band: the area is about length × diameter */
  g_assert_cmpuint (count_painted (mask), <, 700 * 7);

  /* a zero-length line is a single dab */
  kling_mask_clear (mask);
  kling_mask_paint_line (mask, 100, 100, 100, 100, 5, 1.0, FALSE, &dirty);
  g_assert_cmpuint (kling_mask_get_value (mask, 100, 100), ==, 255);
  g_assert_cmpint (dirty.width, <=, 12);
}

static void
test_fill_rows_bounds (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (130, 70);
  KlingRect rect = { 60, 10, 10, 5 };
  KlingRect over = { 120, 60, 100, 100 };
  KlingRect bounds;
  guint8 row[20];

  kling_mask_fill_rect (mask, &rect, 200);
  kling_mask_fill_rect (mask, &over, 127);   /* below "painted" */
  kling_mask_get_bounds (mask, &bounds);
  g_assert_cmpint (bounds.x, ==, 60);
  g_assert_cmpint (bounds.y, ==, 10);
  g_assert_cmpint (bounds.width, ==, 10);
  g_assert_cmpint (bounds.height, ==, 5);
  g_assert_cmpuint (kling_mask_get_value (mask, 129, 69), ==, 127);

  /* a row span across a tile border, partly outside the mask */
  kling_mask_read_row (mask, 12, 55, 20, row);
  for (int i = 0; i < 20; i++)
    g_assert_cmpuint (row[i], ==, (55 + i >= 60 && 55 + i < 70) ? 200 : 0);
  kling_mask_read_row (mask, 65, 125, 10, row);
  for (int i = 0; i < 10; i++)
    g_assert_cmpuint (row[i], ==, 125 + i >= 120 && 125 + i < 130 ? 127 : 0);
  kling_mask_read_row (mask, -1, 0, 20, row);
  for (int i = 0; i < 20; i++)
    g_assert_cmpuint (row[i], ==, 0);

  /* 127 everywhere else is still empty */
  kling_mask_fill_rect (mask, &rect, 0);
  g_assert_true (kling_mask_is_empty (mask));
}

static void
test_subtract_and_intersect (void)
{
  g_autoptr(KlingMask) still = kling_mask_new (256, 256);
  g_autoptr(KlingMask) moving = kling_mask_new (256, 256);
  KlingRect all = { 0, 0, 256, 256 };
  KlingRect faint = { 0, 0, 10, 10 };

  kling_mask_fill_rect (still, &all, 255);
  kling_mask_paint_dab (moving, 128, 128, 40, 1.0, FALSE, NULL);
  kling_mask_fill_rect (moving, &faint, 100);   /* not painted: not subtracted */
  g_assert_true (kling_mask_intersects (still, moving));

  kling_mask_subtract (still, moving);
  g_assert_false (kling_mask_intersects (still, moving));
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      g_assert_cmpuint (kling_mask_get_value (still, x, y), ==,
                        kling_mask_get_value (moving, x, y) >= KLING_MASK_PAINTED ? 0 : 255);
  g_assert_cmpuint (kling_mask_get_value (still, 5, 5), ==, 255);
}

static void
test_tiles (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (100, 70);
  g_autoptr(KlingMask) copy = NULL;
  guint8 data[KLING_MASK_TILE_SIZE * KLING_MASK_TILE_SIZE];
  guint8 *tile;

  g_assert_cmpint (kling_mask_get_tiles_x (mask), ==, 2);
  g_assert_cmpint (kling_mask_get_tiles_y (mask), ==, 2);
  g_assert_null (kling_mask_get_tile (mask, 1, 1, FALSE));

  /* an edge tile: bytes outside the 100×70 mask are dropped */
  memset (data, 255, sizeof data);
  kling_mask_set_tile (mask, 1, 1, data);
  tile = kling_mask_get_tile (mask, 1, 1, FALSE);
  g_assert_nonnull (tile);
  g_assert_cmpuint (tile[0], ==, 255);
  g_assert_cmpuint (tile[35], ==, 255);                           /* x = 99 */
  g_assert_cmpuint (tile[36], ==, 0);                             /* x = 100 */
  g_assert_cmpuint (tile[5 * KLING_MASK_TILE_SIZE], ==, 255);     /* y = 69 */
  g_assert_cmpuint (tile[6 * KLING_MASK_TILE_SIZE], ==, 0);       /* y = 70 */
  g_assert_cmpuint (kling_mask_get_value (mask, 99, 69), ==, 255);
  g_assert_cmpuint (kling_mask_get_value (mask, 63, 63), ==, 0);

  /* undo: the stored tile comes back, and NULL empties it */
  copy = kling_mask_copy (mask);
  kling_mask_paint_dab (mask, 80, 66, 6, 1.0, TRUE, NULL);
  g_assert_false (kling_mask_equal (mask, copy));
  kling_mask_set_tile (mask, 1, 1, data);
  g_assert_true (kling_mask_equal (mask, copy));
  kling_mask_set_tile (mask, 1, 1, NULL);
  g_assert_null (kling_mask_get_tile (mask, 1, 1, FALSE));
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), ==, 0);
  g_assert_true (kling_mask_is_empty (mask));
}

static void
test_equal (void)
{
  g_autoptr(KlingMask) a = kling_mask_new (100, 70);
  g_autoptr(KlingMask) b = kling_mask_new (100, 70);
  g_autoptr(KlingMask) other_size = kling_mask_new (70, 100);

  kling_mask_get_tile (a, 1, 0, TRUE);   /* allocated but zero */
  g_assert_true (kling_mask_equal (a, b));
  g_assert_false (kling_mask_equal (a, other_size));
  kling_mask_set_value (b, 3, 4, 1);
  g_assert_false (kling_mask_equal (a, b));
  kling_mask_set_value (a, 3, 4, 1);
  g_assert_true (kling_mask_equal (a, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask/empty-costs-nothing", test_empty_costs_nothing);
  g_test_add_func ("/mask/dab-disc", test_dab_disc);
  g_test_add_func ("/mask/hardness", test_hardness);
  g_test_add_func ("/mask/eraser", test_eraser);
  g_test_add_func ("/mask/line-without-gaps", test_line_without_gaps);
  g_test_add_func ("/mask/fill-rows-bounds", test_fill_rows_bounds);
  g_test_add_func ("/mask/subtract-and-intersect", test_subtract_and_intersect);
  g_test_add_func ("/mask/tiles", test_tiles);
  g_test_add_func ("/mask/equal", test_equal);

  return g_test_run ();
}
