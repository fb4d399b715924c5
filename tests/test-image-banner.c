/* test-image-banner.c — pictures too large to open whole, stored turned, or
 * cut short: what the window says, and what its one button does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-application.h"
#include "kling-test-images.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

static KlingApplication *test_app;

typedef struct {
  KlingWindow *window;
  char        *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kling_test_make_dir ("image-banner");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->window = kling_test_window_new (test_app, 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->dir);
}

static gboolean
banner_shown (gpointer data)
{
  KlingWindow *window = data;

  /* slid in all the way: a click during the slide can miss the button */
  return window->banner_revealer != NULL && gtk_revealer_get_reveal_child (window->banner_revealer) &&
         gtk_revealer_get_child_revealed (window->banner_revealer) &&
         kling_test_widget_mapped (window->banner_button);
}

static KlingImage *
document_image (Fixture *f)
{
  return kling_document_get_image (kling_test_document (f->window));
}

static gboolean
picture_is_upright (gpointer data)
{
  KlingImage *image = document_image (data);

  return image != NULL && kling_image_get_width (image) == 400;
}

static void
click_banner_button (Fixture *f)
{
  GtkWidget *button = GTK_WIDGET (f->window->banner_button);

  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, button, KLING_TEST_PATIENCE_MS));
  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
}

/* 20000×600: a side over 16384. Opened scaled down, then cropped to 2.5:1. */
static void
test_side_too_long_scales_down (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_encode (20000, 600, "png");
  g_autoptr(GError) error = NULL;

  kling_window_open_bytes (f->window, png, "panorama.png");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (gtk_label_get_text (f->window->banner_label), ==,
                   "panorama.png is 20000×600 pixels: at most 16384 pixels on a side and 67 "
                   "megapixels can be opened");
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Scale Down and Crop to 2.5:1");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "image-banner-scale-down");

  click_banner_button (f);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 1227);
  g_assert_cmpint (kling_image_get_height (document_image (f)), ==, 491);
  g_assert_true (kling_image_check (document_image (f), "Image", &error));
  g_assert_no_error (error);
}

/* A 30000×30000 PNG header: nothing is decoded, the toast says why. */
static void
test_bomb_refused_without_decoding (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_png_claiming (30000, 30000);
  KlingTestLabelWait wait = { GTK_WIDGET (f->window->toast_overlay), "bomb.png is 30000×30000 pixels", FALSE };

  kling_window_open_bytes (f->window, png, "bomb.png");
  g_assert_true (kling_test_wait_for (kling_test_label_shown, &wait, KLING_TEST_PATIENCE_MS));
  g_assert_false (banner_shown (f->window));
  g_assert_null (document_image (f));
}

/* Cut short: refused, named, not shown as a grey canvas. */
static void
test_cut_jpeg_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) whole = kling_test_image_encode (640, 480, "jpeg");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
  KlingTestLabelWait wait = { GTK_WIDGET (f->window->toast_overlay), "cut.jpg is not a complete picture: the file is cut short", FALSE };

  kling_window_open_bytes (f->window, cut, "cut.jpg");
  g_assert_true (kling_test_wait_for (kling_test_label_shown, &wait, KLING_TEST_PATIENCE_MS));
  g_assert_false (banner_shown (f->window));
  g_assert_null (document_image (f));
}

/* EXIF Orientation=6: shown as stored, said, and turned upright on request. */
static void
test_turned_photo_rotates_upright (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = kling_test_jpeg_turned (640, 400, 6);

  kling_window_open_bytes (f->window, jpeg, "phone.jpg");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 640);
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->banner_label), "“phone.jpg” is stored turned"));
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Rotate Upright");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "image-banner-rotate");

  click_banner_button (f);
  g_assert_true (kling_test_wait_for (picture_is_upright, f, KLING_TEST_PATIENCE_MS));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->banner_revealer));
  g_assert_cmpint (kling_image_get_height (document_image (f)), ==, 640);
  g_assert_cmpint (kling_image_get_orientation (document_image (f)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

#define ADD(path, func) \
  g_test_add ("/image-banner/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("side-too-long-scales-down", test_side_too_long_scales_down);
  ADD ("bomb-refused-without-decoding", test_bomb_refused_without_decoding);
  ADD ("cut-jpeg-refused", test_cut_jpeg_refused);
  ADD ("turned-photo-rotates-upright", test_turned_photo_rotates_upright);
#undef ADD

  return g_test_run ();
}
