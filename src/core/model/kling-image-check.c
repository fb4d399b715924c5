/* kling-image-check.c — what the header and the structure of a picture say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before a pixel is decoded: is the picture small enough to decode, does
 * the file hold all of it, and which way up is it meant to be shown? A cut
 * PNG or JPEG decodes without an error in gdk-pixbuf (libjpeg fills the
 * missing rows with grey and only warns), so the file's own structure is
 * walked instead: PNG chunks with their CRCs up to IEND, JPEG segments and
 * the entropy-coded data up to EOI.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "kling-error.h"
#include "kling-image-check.h"

gboolean
kling_image_size_is_allowed (int width,
                             int height)
{
  return width > 0 && height > 0 &&
         width <= KLING_IMAGE_MAX_SIDE && height <= KLING_IMAGE_MAX_SIDE &&
         (gint64) width * height <= KLING_IMAGE_MAX_PIXELS;
}

/**
 * kling_image_fit_size:
 *
 * The largest size with the same shape as @width×@height that
 * kling_image_size_is_allowed() takes (the size itself when it is allowed).
 */
void
kling_image_fit_size (int  width,
                      int  height,
                      int *fit_width,
                      int *fit_height)
{
  double scale = 1.0;

  width = MAX (width, 1);
  height = MAX (height, 1);
  scale = MIN (scale, (double) KLING_IMAGE_MAX_SIDE / MAX (width, height));
  scale = MIN (scale, sqrt ((double) KLING_IMAGE_MAX_PIXELS / ((double) width * height)));
  *fit_width = CLAMP ((int) floor (width * scale), 1, KLING_IMAGE_MAX_SIDE);
  *fit_height = CLAMP ((int) floor (height * scale), 1, KLING_IMAGE_MAX_SIDE);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_u16 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? read_be32 (p)
                    : ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static void
set_cut_short (GError **error)
{
  g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("the file is cut short: it ends before the picture does"));
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("the file is damaged: its data does not add up"));
}

static gboolean
check_png (const guint8  *data,
           gsize          length,
           GError       **error)
{
  gsize pos = 8;

  while (pos + 12 <= length)
    {
      guint32 chunk_length = read_be32 (data + pos);
      const guint8 *type = data + pos + 4;
      uLong crc;

      if (chunk_length > G_MAXINT32)
        break;
      if (chunk_length > length - pos - 12)
        {
          set_cut_short (error);
          return FALSE;
        }
      /* libpng itself only warns about a damaged ancillary chunk */
      crc = crc32 (0, type, 4 + chunk_length);
      if ((type[0] & 0x20) == 0 && crc != read_be32 (type + 4 + chunk_length))
        break;
      if (memcmp (type, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + chunk_length;
    }
  if (pos + 12 > length)
    set_cut_short (error);
  else
    set_damaged (error);
  return FALSE;
}

/* The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment. */
static int
exif_orientation (const guint8 *segment,
                  gsize         length)
{
  const guint8 *tiff;
  gsize tiff_length;
  gboolean big_endian;
  guint32 ifd;
  guint n_entries;

  if (length < 6 + 8 || memcmp (segment, "Exif\0\0", 6) != 0)
    return 1;
  tiff = segment + 6;
  tiff_length = length - 6;
  if (memcmp (tiff, "MM", 2) == 0)
    big_endian = TRUE;
  else if (memcmp (tiff, "II", 2) == 0)
    big_endian = FALSE;
  else
    return 1;
  ifd = read_u32 (tiff + 4, big_endian);
  if (ifd > tiff_length - 2)
    return 1;
  n_entries = read_u16 (tiff + ifd, big_endian);
  for (guint i = 0; i < n_entries; i++)
    {
      const guint8 *entry = tiff + ifd + 2 + (gsize) i * 12;

      if ((gsize) (entry - tiff) + 12 > tiff_length)
        break;
      if (read_u16 (entry, big_endian) == 0x0112 && read_u16 (entry + 2, big_endian) == 3)
        {
          guint value = read_u16 (entry + 8, big_endian);

          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
}

/* From the byte after an SOS segment to the next marker that is not a
 * restart marker. Returns @length if there is none. */
static gsize
skip_scan (const guint8 *data,
           gsize         length,
           gsize         pos)
{
  for (; pos + 1 < length; pos++)
    {
      guint8 next;

      if (data[pos] != 0xff)
        continue;
      next = data[pos + 1];
      if (next != 0x00 && next != 0xff && !(next >= 0xd0 && next <= 0xd7))
        return pos;
    }
  return length;
}

static gboolean
check_jpeg (const guint8  *data,
            gsize          length,
            int           *orientation,
            GError       **error)
{
  gsize pos = 2;

  while (pos + 2 <= length)
    {
      guint8 marker = data[pos + 1];
      gsize segment;

      /* libjpeg skips stray bytes before a marker (with a warning) */
      if (data[pos] != 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xd9)
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          pos += 2;
          continue;
        }
      if (pos + 4 > length)
        break;
      segment = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (segment < 2)
        {
          set_damaged (error);
          return FALSE;
        }
      if (segment > length - pos - 2)
        break;
      if (marker == 0xe1 && *orientation == 1)
        *orientation = exif_orientation (data + pos + 4, segment - 2);
      pos += 2 + segment;
      if (marker == 0xda)
        pos = skip_scan (data, length, pos);
    }
  set_cut_short (error);
  return FALSE;
}

/**
 * kling_image_check_structure:
 * @mime_type: "image/png" or "image/jpeg", as the magic bytes say
 * @orientation: (out): the EXIF orientation, 1 to 8 (1 when there is none)
 *
 * Checks that the file holds the whole picture. %KLING_ERROR_INVALID_INPUT
 * names the problem (cut short, damaged) without the file's name.
 */
gboolean
kling_image_check_structure (const guint8  *data,
                             gsize          length,
                             const char    *mime_type,
                             int           *orientation,
                             GError       **error)
{
  *orientation = 1;
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return check_png (data, length, error);
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return check_jpeg (data, length, orientation, error);
  return TRUE;
}
