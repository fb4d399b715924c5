/* test-fill.c — the fuzzy fill picks the area the artist clicked, and the
 * tolerance decides how far it reaches, as the Fill tolerance slider does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "kling-fill.h"

#define WIDTH 211
#define HEIGHT 157
#define CX 97
#define CY 71
#define INNER 18       /* the disc's centre, one red */
#define OUTER 40       /* its rim, a slightly lighter red */

typedef enum { BACKGROUND, RIM, CENTRE } Zone;

static Zone
zone_at (int x,
         int y)
{
  int d2 = (x - CX) * (x - CX) + (y - CY) * (y - CY);

  if (d2 <= INNER * INNER)
    return CENTRE;
  if (d2 <= OUTER * OUTER)
    return RIM;
  return BACKGROUND;
}

/* A red disc whose rim differs from its centre by 15 levels, on a grey
 * background with a checker and grain in it (98 to 152), at least 48
 * levels from the disc's red. Rows are padded, as a pixbuf's often are. */
static guint8 *
make_picture (int          n_channels,
              KlingPixels *pixels)
{
  int stride = WIDTH * n_channels + 7;
  guint8 *data = g_malloc0 ((gsize) stride * HEIGHT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint8 *p = data + (gsize) y * stride + (gsize) x * n_channels;
        int grain = g_rand_int_range (rand, -12, 13);
        int check = ((x / 8 + y / 8) % 2) ? 30 : 0;

        switch (zone_at (x, y))
          {
          case CENTRE:
            p[0] = 200, p[1] = 40, p[2] = 40;
            break;
          case RIM:
            p[0] = 215, p[1] = 55, p[2] = 40;
            break;
          case BACKGROUND:
          default:
            p[0] = p[1] = p[2] = (guint8) (110 + check + grain);
            break;
          }
        if (n_channels == 4)
          p[3] = 255;
      }
  *pixels = (KlingPixels) { data, WIDTH, HEIGHT, stride, n_channels };
  return data;
}

static void
count_selection (const guint8 *selected,
                 guint         counts[3])
{
  counts[BACKGROUND] = counts[RIM] = counts[CENTRE] = 0;
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (selected[(gsize) y * WIDTH + x])
        counts[zone_at (x, y)]++;
}

static guint
zone_size (Zone zone)
{
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      n += zone_at (x, y) == zone;
  return n;
}

static void
test_fill_selects_disc (gconstpointer data)
{
  int n_channels = GPOINTER_TO_INT (data);
  KlingPixels pixels;
  g_autofree guint8 *picture = make_picture (n_channels, &pixels);
  g_autofree guint8 *selected = NULL;
  KlingRect bounds;
  guint counts[3];

  /* The slider's default. */
  selected = kling_fill_select (&pixels, CX, CY, 0.15, &bounds);
  count_selection (selected, counts);
  g_assert_cmpuint (counts[CENTRE], ==, zone_size (CENTRE));
  g_assert_cmpuint (counts[RIM], ==, zone_size (RIM));
  g_assert_cmpuint (counts[BACKGROUND], ==, 0);
  g_assert_cmpint (bounds.x, ==, CX - OUTER);
  g_assert_cmpint (bounds.y, ==, CY - OUTER);
  g_assert_cmpint (bounds.width, ==, 2 * OUTER + 1);
  g_assert_cmpint (bounds.height, ==, 2 * OUTER + 1);
}

static void
test_fill_tolerance (void)
{
  KlingPixels pixels;
  g_autofree guint8 *picture = make_picture (3, &pixels);
  KlingRect bounds;
  guint counts[3];

  {
    /* Low: the centre only; the rim is 15 levels off. */
    g_autofree guint8 *selected = kling_fill_select (&pixels, CX, CY, 0.05, &bounds);

    count_selection (selected, counts);
    g_assert_cmpuint (counts[CENTRE], ==, zone_size (CENTRE));
    g_assert_cmpuint (counts[RIM], ==, 0);
    g_assert_cmpuint (counts[BACKGROUND], ==, 0);
    g_assert_cmpint (bounds.width, ==, 2 * INNER + 1);
  }
  {
    /* Zero: exactly the colour clicked, which is the whole centre. */
    g_autofree guint8 *selected = kling_fill_select (&pixels, CX, CY, 0.0, &bounds);

    count_selection (selected, counts);
    g_assert_cmpuint (counts[CENTRE], ==, zone_size (CENTRE));
    g_assert_cmpuint (counts[RIM], ==, 0);
  }
  {
    /* All the way up: everything. */
    g_autofree guint8 *selected = kling_fill_select (&pixels, CX, CY, 1.0, &bounds);

    count_selection (selected, counts);
    g_assert_cmpuint (counts[BACKGROUND], ==, zone_size (BACKGROUND));
    g_assert_cmpint (bounds.x, ==, 0);
    g_assert_cmpint (bounds.y, ==, 0);
    g_assert_cmpint (bounds.width, ==, WIDTH);
    g_assert_cmpint (bounds.height, ==, HEIGHT);
  }
}

/* From the textured background, the fill stays out of the disc. */
static void
test_fill_background (void)
{
  KlingPixels pixels;
  g_autofree guint8 *picture = make_picture (3, &pixels);
  g_autofree guint8 *selected = NULL;
  KlingRect bounds;
  guint counts[3];

  selected = kling_fill_select (&pixels, 3, 3, 0.25, &bounds);
  count_selection (selected, counts);
  g_assert_cmpuint (counts[CENTRE] + counts[RIM], ==, 0);
  g_assert_cmpuint (counts[BACKGROUND], ==, zone_size (BACKGROUND));
}

static void
test_fill_paints_mask (void)
{
  KlingPixels pixels;
  g_autofree guint8 *picture = make_picture (4, &pixels);
  g_autofree guint8 *selected = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new (WIDTH, HEIGHT);
  KlingRect bounds;

  selected = kling_fill_select (&pixels, CX + 5, CY - 3, 0.15, &bounds);
  kling_fill_paint_mask (mask, selected, &bounds, FALSE);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      g_assert_cmpuint (kling_mask_get_value (mask, x, y), ==, zone_at (x, y) == BACKGROUND ? 0 : 255);

  kling_fill_paint_mask (mask, selected, &bounds, TRUE);
  g_assert_true (kling_mask_is_empty (mask));
}

/* Everywhere: the centre's red is found wherever it is, though the rim
 * parts it from a second spot of it; contiguous stops at the rim. */
static void
test_fill_everywhere (void)
{
  KlingPixels pixels;
  g_autofree guint8 *data = make_picture (3, &pixels);
  g_autofree guint8 *contiguous = NULL;
  g_autofree guint8 *everywhere = NULL;
  KlingRect bounds;
  guint counts[3];

  /* A spot of the centre's red inside the rim, cut off from the centre. */
  for (int y = CY - 2; y <= CY + 2; y++)
    for (int x = CX + 28; x <= CX + 32; x++)
      {
        guint8 *p = data + (gsize) y * pixels.stride + (gsize) x * 3;
        p[0] = 200, p[1] = 40, p[2] = 40;
      }

  contiguous = kling_fill_select (&pixels, CX, CY, 0.02, &bounds);
  count_selection (contiguous, counts);
  g_assert_cmpuint (counts[RIM], ==, 0);
  g_assert_false (contiguous[(gsize) CY * WIDTH + CX + 30]);

  everywhere = kling_fill_select_everywhere (&pixels, CX, CY, 0.02, &bounds);
  count_selection (everywhere, counts);
  g_assert_cmpuint (counts[RIM], ==, 25);
  g_assert_cmpuint (counts[BACKGROUND], ==, 0);
  g_assert_true (everywhere[(gsize) CY * WIDTH + CX + 30]);
  g_assert_cmpint (bounds.x + bounds.width - 1, ==, CX + 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/fill/disc/rgb", GINT_TO_POINTER (3), test_fill_selects_disc);
  g_test_add_data_func ("/fill/disc/rgba", GINT_TO_POINTER (4), test_fill_selects_disc);
  g_test_add_func ("/fill/tolerance", test_fill_tolerance);
  g_test_add_func ("/fill/background", test_fill_background);
  g_test_add_func ("/fill/paints-mask", test_fill_paints_mask);
  g_test_add_func ("/fill/everywhere", test_fill_everywhere);
  return g_test_run ();
}
