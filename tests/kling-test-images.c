/* kling-test-images.c — pictures made at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "kling-test-images.h"

/* Stripes, so that the compressed data is more than a few bytes. */
GBytes *
kling_test_image_encode (int         width,
                         int         height,
                         const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  for (int y = 0; y < height; y += 7)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);
      for (int x = 0; x < width * 3; x++)
        row[x] = (guchar) (x * 13 + y);
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

/* A picture of one colour (0xRRGGBBAA), encoded as @type ("png", "jpeg"). */
GBytes *
kling_test_image_filled (int         width,
                         int         height,
                         const char *type,
                         guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

/* A small PNG whose IHDR says @width×@height (a decompression bomb's
 * header), with a valid CRC. */
GBytes *
kling_test_png_claiming (guint32 width,
                         guint32 height)
{
  g_autoptr(GBytes) real = kling_test_image_encode (16, 16, "png");
  gsize length = g_bytes_get_size (real);
  guint8 *data = g_memdup2 (g_bytes_get_data (real, NULL), length);
  guint32 crc;

  data[16] = width >> 24; data[17] = width >> 16; data[18] = width >> 8; data[19] = width;
  data[20] = height >> 24; data[21] = height >> 16; data[22] = height >> 8; data[23] = height;
  crc = (guint32) crc32 (0, data + 12, 17);
  data[29] = crc >> 24; data[30] = crc >> 16; data[31] = crc >> 8; data[32] = crc;
  return g_bytes_new_take (data, length);
}

/* A real JPEG whose SOF0 says it is @width×@height. */
GBytes *
kling_test_jpeg_claiming (guint16 width,
                          guint16 height)
{
  g_autoptr(GBytes) real = kling_test_image_encode (16, 16, "jpeg");
  gsize length = g_bytes_get_size (real);
  guint8 *data = g_memdup2 (g_bytes_get_data (real, NULL), length);

  for (gsize i = 2; i + 9 < length; i++)
    if (data[i] == 0xff && data[i + 1] == 0xc0)
      {
        data[i + 5] = height >> 8; data[i + 6] = height & 0xff;
        data[i + 7] = width >> 8; data[i + 8] = width & 0xff;
        return g_bytes_new_take (data, length);
      }
  g_assert_not_reached ();
}

/* A JPEG with an APP1 Exif segment right after SOI, as a camera writes it:
 * big-endian TIFF, IFD0 with one entry, Orientation. */
GBytes *
kling_test_jpeg_turned (int width,
                        int height,
                        int orientation)
{
  const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,     /* TIFF header, IFD0 at 8 */
    0x00, 0x01,                                       /* one entry */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,   /* Orientation, SHORT, 1 */
    0x00, (guint8) orientation, 0x00, 0x00,           /* its value */
    0x00, 0x00, 0x00, 0x00,                           /* no next IFD */
  };
  g_autoptr(GBytes) real = kling_test_image_encode (width, height, "jpeg");
  GByteArray *data = g_byte_array_new ();
  gsize length;
  const guint8 *jpeg = g_bytes_get_data (real, &length);

  g_byte_array_append (data, jpeg, 2);
  g_byte_array_append (data, app1, sizeof app1);
  g_byte_array_append (data, jpeg + 2, length - 2);
  return g_byte_array_free_to_bytes (data);
}

static double
hash_noise (int x,
            int y)
{
  guint32 h = (guint32) x * 374761393u + (guint32) y * 668265263u;

  h = (h ^ (h >> 13)) * 1274126177u;
  return ((h ^ (h >> 16)) & 0xffff) / 65535.0;
}

static void
blend (guchar *p,
       double  r,
       double  g,
       double  b,
       double  amount)
{
  p[0] = (guchar) CLAMP (p[0] + (r - p[0]) * amount, 0, 255);
  p[1] = (guchar) CLAMP (p[1] + (g - p[1]) * amount, 0, 255);
  p[2] = (guchar) CLAMP (p[2] + (b - p[2]) * amount, 0, 255);
}

/**
 * kling_test_image_hazy_kite:
 *
 * A busy photo-like picture for looking at the editor: a hazy blue sky
 * (near the static region's blue) with soft clouds, a red, teal and orange
 * kite (near the tints of regions 1, 6 and 5), a green hill with grass
 * texture (near region 2's green) and grain everywhere, as a camera's.
 *
 * Returns: the picture as a PNG
 */
GBytes *
kling_test_image_hazy_kite (int width,
                            int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  double kx = width * 0.62, ky = height * 0.3, ks = height * 0.12;
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + (gsize) y * stride + (gsize) x * 3;
        double t = (double) y / height, u = (double) x / width;
        double cloud = 0.5 + 0.5 * sin (u * 9.0 + sin (t * 7.0) * 2.0) * cos (t * 11.0 - u * 3.0);
        double hill = height * (0.72 + 0.08 * sin (u * 5.0));
        double dx = (x - kx) / ks, dy = (y - ky) / ks;

        p[0] = (guchar) (70 + 90 * t);
        p[1] = (guchar) (130 + 60 * t);
        p[2] = (guchar) (225 - 20 * t);
        blend (p, 235, 240, 245, 0.55 * cloud * cloud * (1 - t));
        if (y > hill)
          {
            double grass = hash_noise (x / 2, y / 5);

            p[0] = (guchar) (40 + 50 * grass);
            p[1] = (guchar) (150 + 60 * grass);
            p[2] = (guchar) (60 + 30 * grass);
            blend (p, 200, 215, 225, 0.35 * (1 - (y - hill) / (height - hill)));
          }
        if (fabs (dx) + fabs (dy) < 1.0)
          {
            if (dx < 0 && dy < 0)
              blend (p, 224, 27, 36, 0.95);
            else if (dx >= 0 && dy < 0)
              blend (p, 0, 196, 204, 0.95);
            else if (dx < 0)
              blend (p, 255, 120, 0, 0.95);
            else
              blend (p, 246, 211, 45, 0.95);
          }
        else if (dy > 0.9 && fabs (dx - 0.15 * sin (dy * 3.0)) < 0.03 && dy < 3.5)
          blend (p, 60, 50, 40, 0.8);
        blend (p, 255 * hash_noise (x, y), 255 * hash_noise (y, x), 255 * hash_noise (x + y, x), 0.08);
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

/* Each column its own colour: red and green say the column (x = r + 256 g),
 * blue is 0x80; kling_test_column_at() reads it back. */
GBytes *
kling_test_columns_png (int width,
                        int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = x & 0xff;
          row[3 * x + 1] = x >> 8;
          row[3 * x + 2] = 0x80;
        }
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

/* The original column a pixel of kling_test_columns_png()'s picture shows. */
int
kling_test_column_at (GdkPixbuf *pixbuf,
                      int        x,
                      int        y)
{
  const guint8 *pixel = gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
                        (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);

  g_assert_cmpint (pixel[2], ==, 0x80);
  return pixel[0] + 256 * pixel[1];
}
