/* test-image-banner.c — pictures too large to open whole, stored turned, or
 * cut short: what the window says, and what its one button does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
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
  f->window = kling_test_window_new (test_app, data != NULL ? GPOINTER_TO_INT (data) : 1280, 800);
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

static gboolean
banner_gone (gpointer data)
{
  KlingWindow *window = data;

  return !gtk_revealer_get_child_revealed (window->banner_revealer);
}

static gboolean
frame_put_away (gpointer frame)
{
  return !kling_crop_frame_get_active (frame);
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

typedef struct {
  Fixture *f;
  int      width;
} WidthWait;

static gboolean frame_shown      (gpointer data);
static gboolean picture_width_is (gpointer data);

/* 20000×600: a side over 16384. Opened scaled down, then cropped to 2.5:1
 * where the frame says. */
static void
test_side_too_long_scales_down (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_encode (20000, 600, "png");
  g_autoptr(GError) error = NULL;
  WidthWait cropped = { f, 1227 };

  kling_window_open_bytes (f->window, png, "panorama.png");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (gtk_label_get_text (f->window->banner_label), ==,
                   "panorama.png is 20000×600 pixels: at most 16384 pixels on a side and 67 "
                   "megapixels can be opened");
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Scale Down and Crop to 2.5:1");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "image-banner-scale-down");

  /* scaled down and in the editor, where the frame chooses what stays */
  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 16384);
  kling_test_key (GTK_WIDGET (kling_editor_page_get_crop_frame (kling_test_editor (f->window))), "Return");
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
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

/* — the crop frame — */

static gboolean
frame_shown (gpointer data)
{
  KlingCropFrame *frame = kling_editor_page_get_crop_frame (kling_test_editor (data));

  return kling_crop_frame_get_active (frame) && kling_test_widget_mapped (frame) &&
         gtk_widget_has_focus (GTK_WIDGET (frame));
}

typedef struct {
  KlingCropFrame *frame;
  int             x;
} FrameWait;

static gboolean
frame_at (gpointer data)
{
  FrameWait *wait = data;
  KlingRect area;

  kling_crop_frame_get_area (wait->frame, &area);
  return area.x == wait->x;
}

static gboolean
picture_width_is (gpointer data)
{
  WidthWait *wait = data;
  KlingImage *image = document_image (wait->f);

  return image != NULL && kling_image_get_width (image) == wait->width;
}

/* Region 1 painted over columns 300–399 and a path across it. */
static void
add_work (KlingDocument *document)
{
  g_autoptr(KlingMask) mask = kling_mask_new (1000, 300);
  KlingTrajectory *path;

  kling_mask_fill_rect (mask, &(KlingRect) { 300, 100, 100, 100 }, 255);
  g_assert_true (kling_document_set_mask (document, 1, mask, "Paint"));
  kling_document_begin_trajectory_edit (document, 1, "Path");
  path = kling_document_get_trajectory (document, 1);
  kling_trajectory_append (path, 350, 150);
  kling_trajectory_append (path, 600, 150);
  kling_trajectory_append (path, 990, 20);
  kling_document_end_trajectory_edit (document);
}

/* Drags the frame 80 screen pixels left, then one arrow step right, then
 * Enter: returns the first column kept. */
static int
move_frame_and_crop (Fixture        *f,
                     KlingCropFrame *frame)
{
  GtkWidget *widget = GTK_WIDGET (frame);
  double zoom = kling_canvas_get_zoom (kling_test_canvas (f->window));
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const double drag[] = { w / 2, h / 2, w / 2 - 20, h / 2, w / 2 - 50, h / 2, w / 2 - 80, h / 2 };
  FrameWait at = { frame, 125 - (int) round (80 / zoom) };
  WidthWait cropped = { f, 750 };

  kling_test_drag (widget, drag, G_N_ELEMENTS (drag) / 2, 1);
  g_assert_true (kling_test_wait_for (frame_at, &at, KLING_TEST_PATIENCE_MS));
  kling_test_key (widget, "Right");
  at.x += (int) MAX (1, round (4 / zoom));
  g_assert_true (kling_test_wait_for (frame_at, &at, KLING_TEST_PATIENCE_MS));
  kling_test_key (widget, "Return");
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
  return at.x;
}

/* The picture shows the columns the frame held, whole height; the region
 * and the path moved with it. */
static void
assert_cropped_at (KlingDocument *document,
                   int            left)
{
  GdkPixbuf *pixbuf = kling_document_get_pixbuf (document);
  KlingMask *mask = kling_document_get_mask (document, 1);
  KlingTrajectory *path = kling_document_get_trajectory (document, 1);

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 750);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 300);
  g_assert_cmpint (kling_test_column_at (pixbuf, 0, 0), ==, left);
  g_assert_cmpint (kling_test_column_at (pixbuf, 749, 299), ==, left + 749);
  g_assert_cmpint (kling_mask_get_width (mask), ==, 750);
  g_assert_cmpint (kling_mask_get_value (mask, 300 - left, 100), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 399 - left, 199), ==, 255);
  g_assert_cmpint (kling_mask_get_value (mask, 400 - left, 150), ==, 0);
  g_assert_cmpint (kling_mask_get_value (mask, 299 - left, 150), ==, 0);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), ==, 3);
  g_assert_cmpfloat (kling_trajectory_get_point (path, 0).x, ==, 350 - left);
  g_assert_cmpfloat (kling_trajectory_get_point (path, 1).x, ==, 600 - left);
  /* a point beyond the crop goes to its edge */
  g_assert_cmpfloat (kling_trajectory_get_point (path, 2).x, ==, 749);
}

/* Ctrl+Z: the whole picture, its region and path as they were, and its banner. */
static void
undo_to_whole (Fixture               *f,
               const KlingMask       *mask_before,
               const KlingTrajectory *path_before)
{
  KlingDocument *document = kling_test_document (f->window);
  WidthWait whole = { f, 1000 };

  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "ctrl+z");
  g_assert_true (kling_test_wait_for (picture_width_is, &whole, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_test_column_at (kling_document_get_pixbuf (document), 0, 0), ==, 0);
  g_assert_cmpint (kling_test_column_at (kling_document_get_pixbuf (document), 999, 0), ==, 999);
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 1), mask_before));
  g_assert_true (kling_trajectory_equal (kling_document_get_trajectory (document, 1), path_before));
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Crop to 2.5:1");
}

/* 1000×300 is too wide: the frame (750×300) opens in the middle, a drag and
 * an arrow key move it, Enter crops to what it shows with the region and
 * path moved along, Ctrl+Z gives everything back as it was, redo crops
 * again, and Esc leaves the picture whole. */
static void
test_crop_frame_moves_and_undoes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_columns_png (1000, 300);
  g_autoptr(KlingMask) mask_before = NULL;
  g_autoptr(KlingTrajectory) path_before = NULL;
  KlingDocument *document = kling_test_document (f->window);
  KlingCropFrame *frame = kling_editor_page_get_crop_frame (kling_test_editor (f->window));
  FrameWait middle = { frame, 125 };
  WidthWait cropped = { f, 750 };
  int left;

  kling_window_open_bytes (f->window, png, "wide.png");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (gtk_label_get_text (f->window->banner_label), ==,
                   "Too wide: Kling accepts at most 2.5 times wider than tall, this one is 3.34 times");
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Crop to 2.5:1");
  add_work (document);
  mask_before = kling_mask_copy (kling_document_get_mask (document, 1));
  path_before = kling_trajectory_copy (kling_document_get_trajectory (document, 1));

  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_true (frame_at (&middle));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 1000);
  kling_test_wait_still (GTK_WIDGET (frame));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "image-banner-crop-frame");

  left = move_frame_and_crop (f, frame);
  assert_cropped_at (document, left);
  g_assert_false (kling_crop_frame_get_active (frame));
  g_assert_true (kling_test_wait_for (banner_gone, f->window, KLING_TEST_PATIENCE_MS));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "image-banner-cropped");

  undo_to_whole (f, mask_before, path_before);
  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "ctrl+shift+z");
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
  assert_cropped_at (document, left);
  undo_to_whole (f, mask_before, path_before);

  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  kling_test_key (GTK_WIDGET (frame), "Escape");
  g_assert_true (kling_test_wait_for (frame_put_away, frame, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 1000);
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 1), mask_before));
}

/* Named by width and language, to be looked at (KLING_TEST_LANGUAGE=zh_CN
 * runs the tests in Chinese). */
static void
shoot (Fixture    *f,
       const char *what)
{
  const char *language = g_getenv ("KLING_TEST_LANGUAGE");
  g_autofree char *name = g_strdup_printf ("%s-%d-%s", what, gtk_widget_get_width (GTK_WIDGET (f->window)),
                                           language ? language : "en");

  kling_test_save_screenshot (GTK_WIDGET (f->window), name);
}

static gboolean
is_crop_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action") &&
         kling_test_widget_mapped (widget);
}

/* In any language and down to 600 px: the frame's bar fits, and its Crop
 * button crops. */
static void
test_crop_frame_fits (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_columns_png (1000, 300);
  WidthWait cropped = { f, 750 };
  KlingCropFrame *frame;
  GtkWidget *button;
  graphene_rect_t bounds;

  kling_window_open_bytes (f->window, png, "wide.png");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  shoot (f, "image-banner-too-wide");
  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  frame = kling_editor_page_get_crop_frame (kling_test_editor (f->window));
  kling_test_wait_still (GTK_WIDGET (frame));
  button = kling_test_find_widget (GTK_WIDGET (frame), is_crop_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->window)));
  shoot (f, "image-banner-crop-frame");

  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
}

/* A TIFF too wide: converted whole into the editor, then the frame says
 * what stays. */
static void
test_wide_tiff_converted_then_cropped (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) png = kling_test_columns_png (1000, 300);
  g_autoptr(GBytes) tiff = NULL;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  WidthWait cropped = { f, 750 };
  gchar *buffer = NULL;
  gsize size = 0;

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_assert_nonnull (pixbuf);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "tiff", NULL, NULL));
  tiff = g_bytes_new_take (buffer, size);

  kling_window_open_bytes (f->window, tiff, "wide.tif");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "pending");
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Crop to 2.5:1 and Convert to PNG");
  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_image_get_width (document_image (f)), ==, 1000);
  g_assert_cmpstr (gtk_label_get_text (f->window->banner_label), ==,
                   "Too wide: Kling accepts at most 2.5 times wider than tall, this one is 3.34 times");
  kling_test_key (GTK_WIDGET (kling_editor_page_get_crop_frame (kling_test_editor (f->window))), "Return");
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (kling_test_column_at (kling_document_get_pixbuf (kling_test_document (f->window)), 0, 0), ==, 125);
  g_assert_cmpstr (kling_image_get_mime_type (document_image (f)), ==, "image/png");
}

/* A photo stays a JPEG when cropped: a PNG of it would be several times larger. */
static void
test_cropped_jpeg_stays_jpeg (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = kling_test_image_encode (1000, 300, "jpeg");
  WidthWait cropped = { f, 750 };

  kling_window_open_bytes (f->window, jpeg, "wide.jpg");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, KLING_TEST_PATIENCE_MS));
  click_banner_button (f);
  g_assert_true (kling_test_wait_for (frame_shown, f->window, KLING_TEST_PATIENCE_MS));
  kling_test_key (GTK_WIDGET (kling_editor_page_get_crop_frame (kling_test_editor (f->window))), "Return");
  g_assert_true (kling_test_wait_for (picture_width_is, &cropped, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (kling_image_get_mime_type (document_image (f)), ==, "image/jpeg");
  g_assert_cmpint (kling_image_get_height (document_image (f)), ==, 300);
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
dialog_says (gpointer text)
{
  GtkWidget *dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && kling_test_widget_mapped (dialog) &&
         kling_test_find_widget (dialog, is_label_saying, text) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* A TIFF cut short: said in words, in a dialog that stays until read; the
 * picture and the work stay. */
static void
test_cut_tiff_leaves_work (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_columns_png (600, 400);
  g_autoptr(GBytes) tiff = kling_test_image_encode (640, 480, "tiff");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (tiff, 0, g_bytes_get_size (tiff) / 3);
  g_autoptr(KlingMask) mask = kling_mask_new (600, 400);
  const char *message = "cut.tif is a TIFF picture that could not be read: it may be damaged or cut short.";
  KlingDocument *document;
  GtkWidget *dialog, *close_button;

  kling_window_open_bytes (f->window, png, "work.png");
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, f->window, KLING_TEST_PATIENCE_MS));
  document = kling_test_document (f->window);
  kling_mask_fill_rect (mask, &(KlingRect) { 10, 10, 50, 50 }, 255);
  g_assert_true (kling_document_set_mask (document, 2, mask, "Paint"));

  kling_window_open_bytes (f->window, cut, "cut.tif");
  g_assert_true (kling_test_wait_for (dialog_says, (gpointer) message, KLING_TEST_PATIENCE_MS));
  dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The Picture Cannot Be Opened");
  kling_test_wait_still (dialog);
  kling_test_save_screenshot (dialog, "image-banner-cut-tiff");
  close_button = kling_test_find_widget (dialog, is_button_labelled, "_Close");
  g_assert_nonnull (close_button);
  kling_test_click (close_button, gtk_widget_get_width (close_button) / 2.0,
                    gtk_widget_get_height (close_button) / 2.0, 1);
  g_assert_true (kling_test_wait_for (no_dialog, NULL, KLING_TEST_PATIENCE_MS));
  g_assert_false (banner_shown (f->window));
  g_assert_cmpstr (kling_image_get_name (document_image (f)), ==, "work.png");
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 2), mask));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "editor");
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
  ADD ("crop-frame-moves-and-undoes", test_crop_frame_moves_and_undoes);
  ADD ("cut-tiff-leaves-work", test_cut_tiff_leaves_work);
  ADD ("wide-tiff-converted-then-cropped", test_wide_tiff_converted_then_cropped);
  ADD ("cropped-jpeg-stays-jpeg", test_cropped_jpeg_stays_jpeg);
  g_test_add ("/image-banner/crop-frame-fits", Fixture, NULL, fixture_set_up, test_crop_frame_fits, fixture_tear_down);
  g_test_add ("/image-banner/crop-frame-fits-narrow", Fixture, GINT_TO_POINTER (600), fixture_set_up,
              test_crop_frame_fits, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
