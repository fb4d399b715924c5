/* kling-mask-png.c — masks to and from PNG (libpng)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two forms. What is sent to Kling is binary: 8-bit grey, no alpha, 255
 * where painted (coverage ≥ 128), else 0. What a draft keeps is the raw
 * coverage, so soft brush edges survive a save. Reading takes any PNG and is
 * strict and bounded: drafts and command-line masks come from outside.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <png.h>
#include <string.h>
#include <zlib.h>

#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-mask-private.h"

/* Enough for any ancillary chunk a mask has; stops decompression bombs. */
#define CHUNK_MALLOC_MAX (4 * 1024 * 1024)

typedef struct {
  /* reading */
  const guint8 *data;
  gsize         length;
  gsize         pos;
  /* writing */
  GByteArray   *out;
  /* both; kept here, not in locals, so they survive png_longjmp() */
  char         *message;
  gboolean      message_is_final;   /* else it is libpng's, to be wrapped */
  guint8       *row;
  guint8       *values;
  KlingMask    *mask;
} PngIo;

static void
png_io_clear (PngIo *io)
{
  g_clear_pointer (&io->message, g_free);
  g_clear_pointer (&io->row, g_free);
  g_clear_pointer (&io->values, g_free);
  g_clear_pointer (&io->mask, kling_mask_free);
  if (io->out != NULL)
    g_byte_array_unref (g_steal_pointer (&io->out));
}

static void
on_png_error (png_structp      png,
              png_const_charp  message)
{
  PngIo *io = png_get_error_ptr (png);

  /* the first message is the cause; later ones are consequences */
  if (io->message == NULL)
    io->message = g_strdup (message);
  png_longjmp (png, 1);
}

static void
on_png_warning (png_structp      png,
                png_const_charp  message)
{
  /* Warnings (bad ancillary chunks, odd gamma) do not stop a mask. */
}

static void
on_png_read (png_structp png,
             png_bytep   out,
             size_t      length)
{
  PngIo *io = png_get_io_ptr (png);

  if (length > io->length - io->pos)
    png_error (png, "the data ends early");
  memcpy (out, io->data + io->pos, length);
  io->pos += length;
}

static void
on_png_write (png_structp png,
              png_bytep   data,
              size_t      length)
{
  PngIo *io = png_get_io_ptr (png);

  g_byte_array_append (io->out, data, length);
}

static void
on_png_flush (png_structp png)
{
}

/* One decoded row (1–4 channels of 8 bits) to coverage values. */
static void
convert_row (const guint8 *row,
             guint8       *values,
             guint         n_pixels,
             guint         channels,
             gboolean      keep_coverage)
{
  for (guint i = 0; i < n_pixels; i++)
    {
      const guint8 *p = row + i * channels;
      guint lum, alpha = 255;

      if (channels >= 3)
        lum = (77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8;
      else
        lum = p[0];
      if (channels == 2)
        alpha = p[1];
      else if (channels == 4)
        alpha = p[3];

      if (keep_coverage)
        values[i] = (lum * alpha + 127) / 255;
      else
        values[i] = lum >= KLING_MASK_PAINTED && alpha >= KLING_MASK_PAINTED ? 255 : 0;
    }
}

/* Adam7 passes are read one by one (no interlace handling), so no
 * full-image buffer is needed: each pass's pixels go to their place. */
static void
read_pixels (png_structp png,
             PngIo      *io,
             guint       width,
             guint       height,
             guint       channels,
             gboolean    interlaced,
             gboolean    keep_coverage)
{
  if (!interlaced)
    {
      for (guint y = 0; y < height; y++)
        {
          png_read_row (png, io->row, NULL);
          convert_row (io->row, io->values, width, channels, keep_coverage);
          _kling_mask_write_row (io->mask, y, io->values);
        }
      return;
    }

  for (int pass = 0; pass < 7; pass++)
    {
      guint cols = PNG_PASS_COLS (width, pass);
      guint rows = PNG_PASS_ROWS (height, pass);

      if (cols == 0 || rows == 0)
        continue;
      for (guint r = 0; r < rows; r++)
        {
          png_read_row (png, io->row, NULL);
          convert_row (io->row, io->values, cols, channels, keep_coverage);
          for (guint c = 0; c < cols; c++)
            if (io->values[c] != 0)
              kling_mask_set_value (io->mask,
                                    PNG_COL_FROM_PASS_COL (c, pass),
                                    PNG_ROW_FROM_PASS_ROW (r, pass),
                                    io->values[c]);
        }
    }
}

static void
decode_png (png_structp  png,
            png_infop    info,
            PngIo       *io,
            int          expected_width,
            int          expected_height,
            gboolean     keep_coverage)
{
  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
  guint channels;

  png_set_user_limits (png, KLING_MASK_MAX_SIDE, KLING_MASK_MAX_SIDE);
  png_set_chunk_malloc_max (png, CHUNK_MALLOC_MAX);
  png_set_read_fn (png, io, on_png_read);
  png_read_info (png, info);
  png_get_IHDR (png, info, &width, &height, &bit_depth, &color_type,
                &interlace, NULL, NULL);

  if (expected_width > 0 &&
      (width != (png_uint_32) expected_width || height != (png_uint_32) expected_height))
    {
      io->message = g_strdup_printf (_("The mask is %u×%u pixels but must be %d×%d"),
                                     (guint) width, (guint) height,
                                     expected_width, expected_height);
      io->message_is_final = TRUE;
      png_error (png, "size");
    }

  png_set_expand (png);     /* palette → RGB, 1–4-bit grey → 8, tRNS → alpha */
  png_set_scale_16 (png);
  png_read_update_info (png, info);
  channels = png_get_channels (png, info);
  if (channels < 1 || channels > 4 || png_get_bit_depth (png, info) != 8)
    png_error (png, "unsupported pixel format");

  io->row = g_malloc (png_get_rowbytes (png, info));
  io->values = g_malloc (width);
  io->mask = kling_mask_new (width, height);
  read_pixels (png, io, width, height, channels,
               interlace != PNG_INTERLACE_NONE, keep_coverage);
  png_read_end (png, NULL);
}

/* libpng reports errors by longjmp: nothing here may change a local. */
static gboolean
guarded_decode (png_structp  png,
                png_infop    info,
                PngIo       *io,
                int          expected_width,
                int          expected_height,
                gboolean     keep_coverage)
{
  if (setjmp (png_jmpbuf (png)) != 0)
    return FALSE;
  decode_png (png, info, io, expected_width, expected_height, keep_coverage);
  return TRUE;
}

/* libpng refuses a side over its user limit as "Invalid IHDR data"; the
 * size is read from the header first to say it in words. */
static gboolean
check_header_size (const guint8  *data,
                   gsize          length,
                   GError       **error)
{
  guint32 width, height;

  if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return TRUE;
  width = (guint32) data[16] << 24 | (guint32) data[17] << 16 | (guint32) data[18] << 8 | data[19];
  height = (guint32) data[20] << 24 | (guint32) data[21] << 16 | (guint32) data[22] << 8 | data[23];
  if (width <= KLING_MASK_MAX_SIDE && height <= KLING_MASK_MAX_SIDE)
    return TRUE;
  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
               _("The mask is %u×%u pixels: a mask may be at most %d pixels on a side"),
               width, height, KLING_MASK_MAX_SIDE);
  return FALSE;
}

static KlingMask *
mask_from_png (GBytes    *bytes,
               int        expected_width,
               int        expected_height,
               gboolean   keep_coverage,
               GError   **error)
{
  PngIo io = { 0 };
  png_structp png;
  png_infop info;
  KlingMask *mask = NULL;

  io.data = g_bytes_get_data (bytes, &io.length);
  if (io.length < 8 || png_sig_cmp (io.data, 0, 8) != 0)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("The mask is not a PNG image"));
      return NULL;
    }
  if (!check_header_size (io.data, io.length, error))
    return NULL;

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &io,
                                on_png_error, on_png_warning);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_IO,
                           _("Could not start the PNG decoder"));
      return NULL;
    }

  if (guarded_decode (png, info, &io, expected_width, expected_height, keep_coverage))
    mask = g_steal_pointer (&io.mask);
  else if (io.message_is_final)
    g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT, io.message);
  else
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The mask is not a valid PNG image: %s"),
                   io.message != NULL ? io.message : _("unknown error"));
    }

  png_destroy_read_struct (&png, &info, NULL);
  png_io_clear (&io);
  return mask;
}

/**
 * kling_mask_new_from_png:
 * @png: the bytes of any PNG (grey, grey + alpha, RGB, RGBA, palette, any
 *   bit depth, interlaced or not)
 *
 * Reads a mask made elsewhere: a pixel is painted (255) where its luminance
 * is at least 128 and, if the PNG has alpha, its alpha is at least 128.
 *
 * Returns: (transfer full) (nullable): the mask, or %NULL with
 *   %KLING_ERROR_INVALID_INPUT
 */
KlingMask *
kling_mask_new_from_png (GBytes  *png,
                         GError **error)
{
  g_return_val_if_fail (png != NULL, NULL);

  return mask_from_png (png, 0, 0, FALSE, error);
}

/**
 * kling_mask_new_from_coverage_png:
 * @expected_width: the size the mask must have, or 0 for any
 * @expected_height: likewise
 *
 * Reads what kling_mask_to_coverage_png() wrote: the grey value (times alpha,
 * if any) is the coverage. The size is checked before any pixel is decoded.
 *
 * Returns: (transfer full) (nullable): the mask
 */
KlingMask *
kling_mask_new_from_coverage_png (GBytes  *png,
                                  int      expected_width,
                                  int      expected_height,
                                  GError **error)
{
  g_return_val_if_fail (png != NULL, NULL);

  return mask_from_png (png, expected_width, expected_height, TRUE, error);
}

/**
 * kling_mask_new_from_file:
 *
 * Like kling_mask_new_from_png(), reading @path. Messages name the file.
 */
KlingMask *
kling_mask_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  KlingMask *mask;

  bytes = kling_file_read_limited_path (path, KLING_MASK_MAX_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;
  mask = kling_mask_new_from_png (bytes, &local_error);
  if (mask == NULL)
    {
      name = g_filename_display_name (path);
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", name, local_error->message);
    }
  return mask;
}

/* Coverage → what is sent: 255 where the top bit is set, else 0. */
static void
threshold_span (const guint8 *in,
                guint8       *out,
                int           n)
{
  for (int i = 0; i < n; i++)
    out[i] = (guint8) (0u - (in[i] >> 7));
}

/* Row @y of the PNG. A band of 64 rows without tiles is one memset. */
static const guint8 *
build_row (const KlingMask *self,
           int              y,
           guint8          *row,
           gboolean         threshold)
{
  int ty = y / TILE;

  for (int tx = 0; tx < self->tiles_x; tx++)
    {
      const guint8 *tile = kling_mask_tile_at (self, tx, ty);
      int x0 = tx * TILE;
      int span = MIN (TILE, self->width - x0);

      if (tile == NULL)
        memset (row + x0, 0, span);
      else if (threshold)
        threshold_span (tile + (y % TILE) * TILE, row + x0, span);
      else
        memcpy (row + x0, tile + (y % TILE) * TILE, span);
    }
  return row;
}

static void
encode_png (png_structp      png,
            png_infop        info,
            PngIo           *io,
            const KlingMask *self,
            gboolean         threshold)
{
  png_set_write_fn (png, io, on_png_write, on_png_flush);
  png_set_IHDR (png, info, self->width, self->height, 8, PNG_COLOR_TYPE_GRAY,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                PNG_FILTER_TYPE_DEFAULT);
  /* A mask is long runs of 0 and 255. Measured on 4096² masks, unfiltered
   * rows with run-length deflate are both the fastest (about 30 ms) and the
   * smallest (16 KB empty, about 22 KB for a large blob); the Up filter and
   * the default strategy were slower and up to four times larger. */
  png_set_compression_level (png, 1);
  png_set_compression_strategy (png, Z_RLE);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_write_info (png, info);

  io->row = g_malloc (self->width);
  for (int y = 0; y < self->height; y++)
    png_write_row (png, build_row (self, y, io->row, threshold));
  png_write_end (png, NULL);
}

static gboolean
guarded_encode (png_structp      png,
                png_infop        info,
                PngIo           *io,
                const KlingMask *self,
                gboolean         threshold)
{
  if (setjmp (png_jmpbuf (png)) != 0)
    return FALSE;
  encode_png (png, info, io, self, threshold);
  return TRUE;
}

static GBytes *
mask_to_png (const KlingMask *self,
             gboolean         threshold,
             GError         **error)
{
  PngIo io = { 0 };
  png_structp png;
  png_infop info;
  GBytes *bytes = NULL;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &io,
                                 on_png_error, on_png_warning);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_IO,
                           _("Could not start the PNG encoder"));
      return NULL;
    }

  io.out = g_byte_array_sized_new (64 * 1024);
  if (guarded_encode (png, info, &io, self, threshold))
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&io.out));
  else
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO,
                   _("Could not write the mask as PNG: %s"),
                   io.message != NULL ? io.message : _("unknown error"));
    }

  png_destroy_write_struct (&png, &info);
  png_io_clear (&io);
  return bytes;
}

/**
 * kling_mask_to_png:
 *
 * The mask as Kling takes it: 8-bit greyscale PNG without alpha, exactly the
 * mask's size, 255 where painted (≥ 128) and 0 elsewhere.
 *
 * Returns: (transfer full) (nullable): the PNG bytes
 */
GBytes *
kling_mask_to_png (const KlingMask  *self,
                   GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mask_to_png (self, TRUE, error);
}

/**
 * kling_mask_to_coverage_png:
 *
 * The mask with its coverage as is (soft edges kept), for drafts.
 *
 * Returns: (transfer full) (nullable): the PNG bytes
 */
GBytes *
kling_mask_to_coverage_png (const KlingMask  *self,
                            GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mask_to_png (self, FALSE, error);
}

/**
 * kling_mask_to_base64:
 *
 * Returns: (transfer full) (nullable): kling_mask_to_png() as raw base64,
 *   with no `data:` prefix
 */
char *
kling_mask_to_base64 (const KlingMask  *self,
                      GError          **error)
{
  g_autoptr(GBytes) png = kling_mask_to_png (self, error);
  gsize length;
  const guint8 *data;

  if (png == NULL)
    return NULL;
  data = g_bytes_get_data (png, &length);
  return g_base64_encode (data, length);
}
