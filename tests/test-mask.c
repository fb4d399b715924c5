/* test-mask.c — painting, tiles and PNG export of KlingMask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <string.h>

#include "kling-error.h"
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

typedef struct {
  int      width, height;
  guint8  *pixels;        /* grey, 8 bits */
  int      bit_depth;
  int      color_type;
} DecodedPng;

static void
decoded_png_clear (DecodedPng *png)
{
  g_free (png->pixels);
}

static void
on_read (png_structp png,
         png_bytep   out,
         size_t      length)
{
  GBytes **cursor = png_get_io_ptr (png);
  gsize size;
  const guint8 *data = g_bytes_get_data (*cursor, &size);
  GBytes *rest;

  g_assert_cmpuint (length, <=, size);
  memcpy (out, data, length);
  rest = g_bytes_new_from_bytes (*cursor, length, size - length);
  g_bytes_unref (*cursor);
  *cursor = rest;
}

/* Decodes what kling_mask_to_png() wrote, independently of the mask code,
 * and records its IHDR so the test sees the format Kling gets. */
static void
decode_png (GBytes     *bytes,
            DecodedPng *out)
{
  GBytes *cursor = g_bytes_ref (bytes);
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  png_uint_32 width, height;

  png_set_read_fn (png, &cursor, on_read);
  png_read_info (png, info);
  png_get_IHDR (png, info, &width, &height, &out->bit_depth, &out->color_type,
                NULL, NULL, NULL);
  out->width = width;
  out->height = height;
  out->pixels = g_malloc ((gsize) width * height);
  g_assert_cmpint (png_get_rowbytes (png, info), ==, width);
  for (png_uint_32 y = 0; y < height; y++)
    png_read_row (png, out->pixels + (gsize) y * width, NULL);
  png_read_end (png, NULL);
  png_destroy_read_struct (&png, &info, NULL);
  g_bytes_unref (cursor);
}

static void
on_write (png_structp png,
          png_bytep   data,
          size_t      length)
{
  g_byte_array_append (png_get_io_ptr (png), data, length);
}

static void
on_flush (png_structp png)
{
}

typedef guint8 (*SampleFunc) (int x, int y, int channel);

/* Writes a PNG of any type with libpng, for the importer's tests. */
static GBytes *
make_png (int         width,
          int         height,
          int         color_type,
          int         bit_depth,
          gboolean    interlaced,
          SampleFunc  sample)
{
  GByteArray *out = g_byte_array_new ();
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  int channels = color_type == PNG_COLOR_TYPE_RGB_ALPHA ? 4 :
                 color_type == PNG_COLOR_TYPE_RGB ? 3 :
                 color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
  g_autofree guint8 *image = g_malloc0 ((gsize) width * height * channels);
  g_autofree png_bytep *rows = g_new (png_bytep, height);

  png_set_write_fn (png, out, on_write, on_flush);
  png_set_IHDR (png, info, width, height, bit_depth, color_type,
                interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (color_type == PNG_COLOR_TYPE_PALETTE)
    {
      /* index 0 black, 1 white, 2 white but transparent */
      png_color palette[3] = { { 0, 0, 0 }, { 255, 255, 255 }, { 255, 255, 255 } };
      png_byte alpha[3] = { 255, 255, 0 };

      png_set_PLTE (png, info, palette, 3);
      png_set_tRNS (png, info, alpha, 3, NULL);
    }
  png_write_info (png, info);
  if (bit_depth < 8)
    png_set_packing (png);

  for (int y = 0; y < height; y++)
    {
      rows[y] = image + (gsize) y * width * channels;
      for (int x = 0; x < width; x++)
        for (int c = 0; c < channels; c++)
          rows[y][x * channels + c] = sample (x, y, c);
    }
  png_write_image (png, rows);
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  return g_byte_array_free_to_bytes (out);
}

/* The importer's expected answer for the samples below: painted in the
 * left half, except a transparent band (rows 10–19) where there is alpha. */
static gboolean
expected_painted (int      x,
                  int      y,
                  gboolean has_alpha)
{
  return x < 20 && !(has_alpha && y >= 10 && y < 20);
}

static guint8
sample_grey (int x, int y, int channel)
{
  return x < 20 ? 200 : 100;
}

static guint8
sample_grey_1bit (int x, int y, int channel)
{
  return x < 20 ? 1 : 0;
}

static guint8
sample_grey_alpha (int x, int y, int channel)
{
  if (channel == 1)
    return y >= 10 && y < 20 ? 40 : 255;
  return x < 20 ? 255 : 0;
}

static guint8
sample_rgb (int x, int y, int channel)
{
  /* left: pure green is bright enough (luminance ≈ 150); right: pure blue
   * is not (≈ 29) */
  if (x < 20)
    return channel == 1 ? 255 : 0;
  return channel == 2 ? 255 : 0;
}

static guint8
sample_rgba (int x, int y, int channel)
{
  if (channel == 3)
    return y >= 10 && y < 20 ? 0 : 255;
  return x < 20 ? 230 : 20;
}

static guint8
sample_palette (int x, int y, int channel)
{
  if (x >= 20)
    return 0;
  return y >= 10 && y < 20 ? 2 : 1;
}

static void
assert_imported (GBytes   *png,
                 gboolean  has_alpha)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new_from_png (png, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kling_mask_get_width (mask), ==, 40);
  g_assert_cmpint (kling_mask_get_height (mask), ==, 30);
  for (int y = 0; y < 30; y++)
    for (int x = 0; x < 40; x++)
      g_assert_cmpuint (kling_mask_get_value (mask, x, y), ==,
                        expected_painted (x, y, has_alpha) ? 255 : 0);
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

static void
test_png_format (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (333, 301);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *base64 = NULL;
  g_autofree guchar *decoded_base64 = NULL;
  DecodedPng decoded = { 0 };
  gsize length;

  kling_mask_paint_dab (mask, 100, 100, 50, 0.3, FALSE, NULL);
  png = kling_mask_to_png (mask, &error);
  g_assert_no_error (error);

  decode_png (png, &decoded);
  g_assert_cmpint (decoded.width, ==, 333);
  g_assert_cmpint (decoded.height, ==, 301);
  g_assert_cmpint (decoded.bit_depth, ==, 8);
  g_assert_cmpint (decoded.color_type, ==, PNG_COLOR_TYPE_GRAY);   /* no alpha */
  for (int y = 0; y < 301; y++)
    for (int x = 0; x < 333; x++)
      g_assert_cmpuint (decoded.pixels[y * 333 + x], ==,
                        kling_mask_get_value (mask, x, y) >= KLING_MASK_PAINTED ? 255 : 0);
  decoded_png_clear (&decoded);

  /* base64 is the same PNG, raw, without a data: prefix */
  base64 = kling_mask_to_base64 (mask, &error);
  g_assert_no_error (error);
  g_assert_false (g_str_has_prefix (base64, "data:"));
  decoded_base64 = g_base64_decode (base64, &length);
  g_assert_cmpmem (decoded_base64, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static void
test_png_round_trip (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (500, 400);
  g_autoptr(KlingMask) sent = NULL;
  g_autoptr(KlingMask) back = NULL;
  g_autoptr(KlingMask) coverage_back = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) coverage = NULL;
  g_autoptr(GError) error = NULL;

  kling_mask_paint_line (mask, 20, 20, 480, 380, 25, 0.4, FALSE, NULL);
  kling_mask_paint_dab (mask, 400, 60, 50, 0.0, FALSE, NULL);

  /* what is sent: thresholded */
  png = kling_mask_to_png (mask, &error);
  g_assert_no_error (error);
  back = kling_mask_new_from_png (png, &error);
  g_assert_no_error (error);
  sent = kling_mask_copy (mask);
  kling_mask_threshold (sent);
  g_assert_true (kling_mask_equal (back, sent));
  g_assert_false (kling_mask_equal (back, mask));   /* the soft edge is gone */

  /* what a draft keeps: every coverage value */
  coverage = kling_mask_to_coverage_png (mask, &error);
  g_assert_no_error (error);
  coverage_back = kling_mask_new_from_coverage_png (coverage, 500, 400, &error);
  g_assert_no_error (error);
  g_assert_true (kling_mask_equal (coverage_back, mask));
}

static void
test_png_import_formats (void)
{
  g_autoptr(GBytes) grey = make_png (40, 30, PNG_COLOR_TYPE_GRAY, 8, FALSE, sample_grey);
  g_autoptr(GBytes) grey1 = make_png (40, 30, PNG_COLOR_TYPE_GRAY, 1, FALSE, sample_grey_1bit);
  g_autoptr(GBytes) grey_alpha = make_png (40, 30, PNG_COLOR_TYPE_GRAY_ALPHA, 8, FALSE, sample_grey_alpha);
  g_autoptr(GBytes) rgb = make_png (40, 30, PNG_COLOR_TYPE_RGB, 8, FALSE, sample_rgb);
  g_autoptr(GBytes) rgba = make_png (40, 30, PNG_COLOR_TYPE_RGB_ALPHA, 8, FALSE, sample_rgba);
  g_autoptr(GBytes) palette = make_png (40, 30, PNG_COLOR_TYPE_PALETTE, 8, FALSE, sample_palette);
  g_autoptr(GBytes) interlaced = make_png (40, 30, PNG_COLOR_TYPE_RGB_ALPHA, 8, TRUE, sample_rgba);

  assert_imported (grey, FALSE);
  assert_imported (grey1, FALSE);
  assert_imported (grey_alpha, TRUE);
  assert_imported (rgb, FALSE);
  assert_imported (rgba, TRUE);
  assert_imported (palette, TRUE);
  assert_imported (interlaced, TRUE);
}

static void
test_png_import_errors (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (20, 10);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("GIF89a, not a PNG", 17);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  KlingMask *result;

  kling_mask_paint_dab (mask, 10, 5, 4, 1.0, FALSE, NULL);
  png = kling_mask_to_png (mask, NULL);

  result = kling_mask_new_from_png (garbage, &error);
  g_assert_null (result);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The mask is not a PNG image");
  g_clear_error (&error);

  truncated = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 20);
  result = kling_mask_new_from_png (truncated, &error);
  g_assert_null (result);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "The mask is not a valid PNG image: "));
  g_clear_error (&error);

  result = kling_mask_new_from_coverage_png (png, 40, 10, &error);
  g_assert_null (result);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The mask is 20×10 pixels but must be 40×10");
  g_clear_error (&error);

  path = g_build_filename (g_get_tmp_dir (), "kling-test-no-such-mask.png", NULL);
  result = kling_mask_new_from_file (path, &error);
  g_assert_null (result);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_IO);
}

static void
test_file_import (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (64, 48);
  g_autoptr(KlingMask) back = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kling-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mask.png", NULL);
  g_autofree char *text_path = g_build_filename (dir, "mask.txt", NULL);

  kling_mask_paint_dab (mask, 30, 20, 10, 1.0, FALSE, NULL);
  png = kling_mask_to_png (mask, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), NULL));
  back = kling_mask_new_from_file (path, &error);
  g_assert_no_error (error);
  kling_mask_threshold (mask);
  g_assert_true (kling_mask_equal (back, mask));

  /* the message names the file */
  g_assert_true (g_file_set_contents (text_path, "hello", -1, NULL));
  g_assert_null (kling_mask_new_from_file (text_path, &error));
  g_assert_true (g_str_has_prefix (error->message, text_path));

  g_unlink (path);
  g_unlink (text_path);
  g_rmdir (dir);
}

static void
test_export_large (void)
{
  g_autoptr(KlingMask) mask = kling_mask_new (4096, 4096);
  g_autoptr(KlingMask) back = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) full_png = NULL;
  g_autoptr(GError) error = NULL;
  KlingRect all = { 0, 0, 4096, 4096 };
  DecodedPng decoded = { 0 };

  /* a typical one-blob mask compresses well under 64 KB */
  for (int i = 0; i < 40; i++)
    kling_mask_paint_line (mask, 1200, 1200 + i * 40, 2900, 1400 + i * 40, 180, 0.8, FALSE, NULL);
  png = kling_mask_to_png (mask, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (png), <, 64 * 1024);
  decode_png (png, &decoded);
  g_assert_cmpint (decoded.width, ==, 4096);
  g_assert_cmpint (decoded.height, ==, 4096);
  g_assert_cmpuint (decoded.pixels[2000 * 4096 + 2000], ==, 255);
  g_assert_cmpuint (decoded.pixels[100 * 4096 + 100], ==, 0);
  decoded_png_clear (&decoded);

  /* fully painted: every tile, and back */
  kling_mask_fill_rect (mask, &all, 255);
  g_assert_cmpuint (kling_mask_get_n_tiles (mask), ==, 64 * 64);
  full_png = kling_mask_to_png (mask, &error);
  g_assert_no_error (error);
  back = kling_mask_new_from_png (full_png, &error);
  g_assert_no_error (error);
  g_assert_true (kling_mask_equal (back, mask));
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
  g_test_add_func ("/mask/png-format", test_png_format);
  g_test_add_func ("/mask/png-round-trip", test_png_round_trip);
  g_test_add_func ("/mask/png-import-formats", test_png_import_formats);
  g_test_add_func ("/mask/png-import-errors", test_png_import_errors);
  g_test_add_func ("/mask/file-import", test_file_import);
  g_test_add_func ("/mask/export-large", test_export_large);

  return g_test_run ();
}
