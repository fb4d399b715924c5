/* test-image-limits.c — what is refused before a picture, mask or draft is
 * decoded: devices, FIFOs and huge files, decompression bombs, huge sides,
 * cut files; and which way up a JPEG is meant to be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <fcntl.h>

#include "kling-draft.h"
#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-image-check.h"
#include "kling-image.h"
#include "kling-mask.h"
#include "kling-test-wait.h"

static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static GBytes *
encode (int         width,
        int         height,
        const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize size = 0;

  /* stripes, so that the compressed data is more than a few bytes */
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

static GBytes *
slice (GBytes *bytes,
       gsize   length)
{
  return g_bytes_new_from_bytes (bytes, 0, length);
}

/* A PNG that says it is @width×@height and holds one tiny IDAT: what the
 * header says is all that may be read of it. */
static GBytes *
png_header (guint32 width,
            guint32 height)
{
  g_autoptr(GBytes) real = encode (16, 16, "png");
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
static GBytes *
jpeg_with_size (guint16 width,
                guint16 height)
{
  g_autoptr(GBytes) real = encode (16, 16, "jpeg");
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

/* A JPEG with an APP1 Exif segment (big-endian TIFF, IFD0 with one entry:
 * Orientation) right after SOI, as a camera writes it. */
static GBytes *
jpeg_with_orientation (int width,
                       int height,
                       int orientation)
{
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,     /* TIFF header, IFD0 at 8 */
    0x00, 0x01,                                       /* one entry */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,   /* Orientation, SHORT, 1 */
    0x00, 0x00, 0x00, 0x00,                           /* value, patched below */
    0x00, 0x00, 0x00, 0x00,                           /* no next IFD */
  };
  g_autoptr(GBytes) real = encode (width, height, "jpeg");
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gsize length;
  const guint8 *jpeg = g_bytes_get_data (real, &length);
  guint8 segment[sizeof app1];

  memcpy (segment, app1, sizeof app1);
  segment[29] = (guint8) orientation;
  g_byte_array_append (data, jpeg, 2);
  g_byte_array_append (data, segment, sizeof segment);
  g_byte_array_append (data, jpeg + 2, length - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
assert_refused (GError     *error,
                const char *first,
                const char *second)
{
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  if (strstr (error->message, first) == NULL || (second != NULL && strstr (error->message, second) == NULL))
    g_error ("“%s” does not say “%s” and “%s”", error->message, first, second ? second : "");
}

/* — reading files — */

static void
test_device_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_file ("/dev/zero", &error);
  g_autoptr(KlingMask) mask = NULL;
  g_autoptr(KlingDraft) draft = NULL;

  g_assert_null (image);
  assert_refused (error, "/dev/zero", "not a regular file");
  g_clear_error (&error);

  mask = kling_mask_new_from_file ("/dev/zero", &error);
  g_assert_null (mask);
  assert_refused (error, "/dev/zero", "not a regular file");
  g_clear_error (&error);

  draft = kling_draft_load ("/dev/zero", &error);
  g_assert_null (draft);
  assert_refused (error, "/dev/zero", "not a regular file");
}

static void
test_fifo_refused (void)
{
  g_autofree char *path = work_path ("pipe.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* nobody writes to it: reading would block for ever */
  image = kling_image_new_from_file (path, &error);
  g_assert_null (image);
  assert_refused (error, "pipe.png", "not a regular file");
  g_unlink (path);
}

static void
test_folder_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = kling_file_read_limited_path (work_dir, 1024, &error);

  g_assert_null (bytes);
  assert_refused (error, work_dir, "is a folder");
}

static void
test_huge_file_refused (void)
{
  g_autofree char *path = work_path ("huge.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;
  int fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);

  /* 5 GB, sparse: nothing is written, and nothing may be read */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 5 * 1024 * 1024 * 1024), ==, 0);
  close (fd);

  image = kling_image_new_from_file (path, &error);
  g_assert_null (image);
  assert_refused (error, "huge.png", "64 MB");
  g_unlink (path);
}

static void
test_limit_is_exact (void)
{
  g_autofree char *path = work_path ("thousand.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char data[1000];

  memset (data, 'x', sizeof data);
  g_assert_true (g_file_set_contents (path, data, sizeof data, NULL));
  bytes = kling_file_read_limited_path (path, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 1000);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = kling_file_read_limited_path (path, 999, &error);
  g_assert_null (bytes);
  assert_refused (error, "thousand.bin", "too large");
  g_unlink (path);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GBytes) bytes = kling_file_read_limited_finish (G_FILE (source), result, error);

  g_assert_null (bytes);
}

static gboolean
has_error (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_async_refuses_device (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;

  kling_file_read_limited_async (file, KLING_IMAGE_MAX_FILE_BYTES, NULL, read_done_cb, &error);
  g_assert_true (kling_test_wait_for (has_error, &error, KLING_TEST_PATIENCE_MS));
  assert_refused (error, "/dev/zero", "not a regular file");
}

/* — what the header says — */

static void
test_bomb_refused (void)
{
  g_autoptr(GBytes) png = png_header (30000, 30000);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "bomb.png", &error);

  g_assert_null (image);
  assert_refused (error, "bomb.png is 30000×30000 pixels", "16384");
}

static void
test_huge_side_refused (void)
{
  g_autoptr(GBytes) jpeg = jpeg_with_size (17000, 7000);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (jpeg, "wide.jpg", &error);

  g_assert_null (image);
  assert_refused (error, "wide.jpg is 17000×7000 pixels", "16384");
}

static void
test_size_limits (void)
{
  int width, height;

  g_assert_true (kling_image_size_is_allowed (8192, 8192));
  g_assert_true (kling_image_size_is_allowed (16384, 4096));
  g_assert_false (kling_image_size_is_allowed (16385, 100));
  g_assert_false (kling_image_size_is_allowed (8193, 8192));

  kling_image_fit_size (30000, 30000, &width, &height);
  g_assert_true (kling_image_size_is_allowed (width, height));
  g_assert_cmpint (width, ==, height);
  g_assert_cmpint (width, >, 8000);
  kling_image_fit_size (17000, 7000, &width, &height);
  g_assert_true (kling_image_size_is_allowed (width, height));
  g_assert_cmpint ((gint64) width * height, >, (gint64) KLING_IMAGE_MAX_PIXELS * 99 / 100);
  kling_image_fit_size (20000, 400, &width, &height);
  g_assert_cmpint (width, ==, 16384);
  g_assert_cmpint (height, ==, 327);
  kling_image_fit_size (640, 480, &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);
}

/* — cut files — */

static void
assert_cut_refused (const char *type)
{
  g_autoptr(GBytes) whole = encode (640, 480, type);
  g_autoptr(GBytes) half = slice (whole, g_bytes_get_size (whole) / 2);
  g_autoptr(GBytes) almost = slice (whole, g_bytes_get_size (whole) - 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (whole, "photo", &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_clear_pointer (&image, kling_image_unref);

  image = kling_image_new_from_bytes (half, "photo", &error);
  g_assert_null (image);
  assert_refused (error, "photo is not a complete picture", "cut short");
  g_clear_error (&error);

  image = kling_image_new_from_bytes (almost, "photo", &error);
  g_assert_null (image);
  assert_refused (error, "photo is not a complete picture", "cut short");
}

static void
test_cut_png_refused (void)
{
  assert_cut_refused ("png");
}

static void
test_cut_jpeg_refused (void)
{
  assert_cut_refused ("jpeg");
}

/* — which way up — */

static void
test_orientation (void)
{
  g_autoptr(GBytes) rotated = jpeg_with_orientation (640, 400, 6);
  g_autoptr(GBytes) upright = encode (640, 400, "jpeg");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (rotated, "side.jpg", &error);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

  g_assert_no_error (error);
  g_assert_cmpint (kling_image_get_orientation (image), ==, 6);
  /* the stored grid: that is what Kling and the masks get */
  g_assert_cmpint (kling_image_get_width (image), ==, 640);
  g_assert_cmpint (kling_image_get_height (image), ==, 400);

  /* gdk-pixbuf reads the same tag from the generated file */
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, rotated, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  g_assert_cmpstr (gdk_pixbuf_get_option (gdk_pixbuf_loader_get_pixbuf (loader), "orientation"), ==, "6");

  g_clear_pointer (&image, kling_image_unref);
  image = kling_image_new_from_bytes (upright, "up.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_image_get_orientation (image), ==, 1);
}

/* — masks — */

static void
test_mask_side_in_words (void)
{
  g_autoptr(GBytes) png = png_header (17000, 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new_from_png (png, &error);

  g_assert_null (mask);
  assert_refused (error, "17000×100", "at most 16384 pixels on a side");
  g_assert_null (strstr (error->message, "IHDR"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("kling-image-limits-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/file/device-refused", test_device_refused);
  g_test_add_func ("/file/fifo-refused", test_fifo_refused);
  g_test_add_func ("/file/folder-refused", test_folder_refused);
  g_test_add_func ("/file/huge-refused", test_huge_file_refused);
  g_test_add_func ("/file/limit-is-exact", test_limit_is_exact);
  g_test_add_func ("/file/async-refuses-device", test_async_refuses_device);
  g_test_add_func ("/image/bomb-refused", test_bomb_refused);
  g_test_add_func ("/image/huge-side-refused", test_huge_side_refused);
  g_test_add_func ("/image/size-limits", test_size_limits);
  g_test_add_func ("/image/cut-png-refused", test_cut_png_refused);
  g_test_add_func ("/image/cut-jpeg-refused", test_cut_jpeg_refused);
  g_test_add_func ("/image/orientation", test_orientation);
  g_test_add_func ("/mask/side-in-words", test_mask_side_in_words);

  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
