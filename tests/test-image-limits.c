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
#include <fcntl.h>

#include "kling-draft.h"
#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-image-check.h"
#include "kling-image.h"
#include "kling-mask.h"
#include "kling-test-images.h"
#include "kling-test-wait.h"

static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static GBytes *
slice (GBytes *bytes,
       gsize   length)
{
  return g_bytes_new_from_bytes (bytes, 0, length);
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

  /* the draft loader may call it an I/O error: what it says is what counts */
  draft = kling_draft_load ("/dev/zero", &error);
  g_assert_null (draft);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
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
  g_autoptr(GBytes) png = kling_test_png_claiming (30000, 30000);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "bomb.png", &error);

  g_assert_null (image);
  assert_refused (error, "bomb.png is 30000×30000 pixels", "16384");
}

static void
test_huge_side_refused (void)
{
  g_autoptr(GBytes) jpeg = kling_test_jpeg_claiming (17000, 7000);
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
  g_autoptr(GBytes) whole = kling_test_image_encode (640, 480, type);
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

/* Phones append data after the picture's end: that is still whole. */
static void
test_trailer_accepted (void)
{
  static const guint8 trailer[] = { 0, 0, 'S', 'E', 'F', 'T', ' ', 't', 'r', 'a', 'i', 'l', 'e', 'r' };
  g_autoptr(GBytes) jpeg = kling_test_image_encode (640, 480, "jpeg");
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) trailed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;

  g_byte_array_append (data, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_byte_array_append (data, trailer, sizeof trailer);
  trailed = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  image = kling_image_new_from_bytes (trailed, "phone.jpg", &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
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
  g_autoptr(GBytes) rotated = kling_test_jpeg_turned (640, 400, 6);
  g_autoptr(GBytes) upright = kling_test_image_encode (640, 400, "jpeg");
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

/* — thumbnails — */

static void
test_thumbnail_at_its_size (void)
{
  g_autoptr(GBytes) wide = kling_test_image_encode (2000, 1000, "png");
  g_autoptr(GBytes) turned = kling_test_jpeg_turned (640, 400, 6);
  g_autoptr(GBytes) small = kling_test_image_encode (100, 50, "jpeg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumbnail = kling_image_decode_thumbnail (wide, 320, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 160);
  g_clear_object (&thumbnail);

  /* upright, as the EXIF says */
  thumbnail = kling_image_decode_thumbnail (turned, 320, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 200);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 320);
  g_clear_object (&thumbnail);

  thumbnail = kling_image_decode_thumbnail (small, 320, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 100);
}

/* — masks — */

static void
test_mask_side_in_words (void)
{
  g_autoptr(GBytes) png = kling_test_png_claiming (17000, 100);
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
  g_test_add_func ("/image/trailer-accepted", test_trailer_accepted);
  g_test_add_func ("/image/orientation", test_orientation);
  g_test_add_func ("/image/thumbnail-at-its-size", test_thumbnail_at_its_size);
  g_test_add_func ("/mask/side-in-words", test_mask_side_in_words);

  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
