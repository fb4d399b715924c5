/* test-mask-png.c — the PNG export and import of KlingMask, as Kling gets them
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

  g_test_add_func ("/mask/png-format", test_png_format);
  g_test_add_func ("/mask/png-round-trip", test_png_round_trip);
  g_test_add_func ("/mask/png-import-formats", test_png_import_formats);
  g_test_add_func ("/mask/png-import-errors", test_png_import_errors);
  g_test_add_func ("/mask/file-import", test_file_import);
  g_test_add_func ("/mask/export-large", test_export_large);

  return g_test_run ();
}
