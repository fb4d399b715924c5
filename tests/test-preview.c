/* test-preview.c — the motion preview on the canvas, driven with real keys
 *
 * A magenta square on a grey picture is painted as dynamic region 1 with a
 * path to the right. `P` plays the preview; the test pauses it with the
 * bar's button and moves its time (as the slider does) to two frames half
 * a second apart, then looks for the magenta in what is on screen: it must
 * have moved along the path by what half a second of the path is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "kling-motion-preview.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 480
#define SQUARE_X 100   /* the magenta square's top-left corner, 60 px wide */
#define SQUARE_Y 200
#define SQUARE_SIZE 60
#define PATH_DX 300    /* the path: 300 px to the right */
#define VIEW_X 20.0
#define VIEW_Y 20.0

static KlingApplication *test_app;

typedef struct {
  KlingWindow *window;
  char        *dir;
} Fixture;

static gboolean
in_square (int x,
           int y)
{
  return x >= SQUARE_X && x < SQUARE_X + SQUARE_SIZE && y >= SQUARE_Y && y < SQUARE_Y + SQUARE_SIZE;
}

static char *
write_picture (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "square.png", NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = in_square (x, y) ? 230 : 110 + x / 40;
        p[1] = in_square (x, y) ? 20 : 120 + y / 40;
        p[2] = in_square (x, y) ? 230 : 115;
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static KlingMotionPreview *
preview_of (Fixture *f)
{
  GtkWidget *preview = kling_test_find_widget (GTK_WIDGET (f->window), kling_test_match_type,
                                               GSIZE_TO_POINTER (KLING_TYPE_MOTION_PREVIEW));

  g_assert_nonnull (preview);
  return KLING_MOTION_PREVIEW (preview);
}

/* The region and its path, set through the document: painting and drawing
 * paths have their own tests (test-editor). */
static void
paint_square_with_path (Fixture *f)
{
  KlingDocument *document = kling_test_document (f->window);
  KlingTrajectory *path;
  double cx = SQUARE_X + SQUARE_SIZE / 2.0, cy = SQUARE_Y + SQUARE_SIZE / 2.0;

  kling_document_begin_mask_edit (document, 1, "test");
  for (int y = SQUARE_Y + 2; y <= SQUARE_Y + SQUARE_SIZE + 2; y += 6)
    kling_document_paint_line (document, SQUARE_X + 2, y, SQUARE_X + SQUARE_SIZE - 2, y, 6, 1.0, FALSE);
  kling_document_end_mask_edit (document);

  kling_document_begin_trajectory_edit (document, 1, "test");
  path = kling_document_get_trajectory (document, 1);
  kling_trajectory_append (path, cx, cy);
  kling_trajectory_append (path, cx + PATH_DX, cy);
  kling_document_end_trajectory_edit (document);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *picture = NULL;

  f->dir = kling_test_make_dir ("preview");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  picture = write_picture (f->dir);
  f->window = kling_test_window_new (test_app, 1280, 800);
  kling_test_open_image (f->window, picture, VIEW_X, VIEW_Y);
  paint_square_with_path (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->dir);
}

typedef struct {
  KlingMotionPreview *preview;
  int                 frame;
} ShownFrame;

static gboolean
frame_shown (gpointer data)
{
  ShownFrame *shown = data;

  return kling_motion_preview_get_shown_frame (shown->preview) == shown->frame;
}

static gboolean
preview_playing (gpointer data)
{
  return kling_motion_preview_get_active (data) && kling_motion_preview_get_playing (data) &&
         kling_motion_preview_get_shown_frame (data) >= 0;
}

static gboolean
preview_paused (gpointer data)
{
  return !kling_motion_preview_get_playing (data);
}

/* The mean x of the magenta pixels on screen, in image pixels. */
static double
magenta_x (GtkWidget *widget,
           guint     *count)
{
  g_autoptr(GdkTexture) shot = kling_test_snapshot (widget);
  double sum = 0;

  *count = 0;
  for (int y = VIEW_Y + SQUARE_Y; y < VIEW_Y + SQUARE_Y + SQUARE_SIZE; y++)
    for (int x = VIEW_X; x < VIEW_X + IMAGE_W; x++)
      {
        guint8 rgba[4];

        kling_test_pixel (shot, x, y, rgba);
        if (rgba[0] > 200 && rgba[1] < 60 && rgba[2] > 200)
          {
            sum += x - VIEW_X;
            (*count)++;
          }
      }
  return *count > 0 ? sum / *count : -1;
}

/* Pauses as a person does, with the bar's button. */
static void
pause_preview (KlingMotionPreview *preview)
{
  GtkWidget *bar = gtk_widget_get_next_sibling (GTK_WIDGET (preview));
  GtkWidget *button = gtk_widget_get_first_child (bar);

  g_assert_true (GTK_IS_BUTTON (button));
  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
  g_assert_true (kling_test_wait_for (preview_paused, preview, KLING_TEST_PATIENCE_MS));
}

static void
test_p_plays_the_motion (Fixture       *f,
                         gconstpointer  data)
{
  KlingMotionPreview *preview = preview_of (f);
  GtkWidget *stage = gtk_widget_get_parent (GTK_WIDGET (preview));
  guint n_frames = kling_motion_preview_get_n_frames (preview);
  ShownFrame shown = { preview, 0 };
  double x0, x1, step;
  guint count0, count1;

  /* 5 s at 30 frames a second */
  g_assert_cmpuint (n_frames, ==, 150);
  g_assert_false (kling_motion_preview_get_active (preview));

  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "p");
  g_assert_true (kling_test_wait_for (preview_playing, preview, KLING_TEST_PATIENCE_MS));

  pause_preview (preview);
  g_assert_false (kling_motion_preview_get_playing (preview));

  /* 1 s in, then half a second later */
  shown.frame = 30;
  kling_motion_preview_set_frame (preview, shown.frame);
  g_assert_true (kling_test_wait_for (frame_shown, &shown, KLING_TEST_PATIENCE_MS));
  x0 = magenta_x (stage, &count0);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preview-1.0s");

  shown.frame = 45;
  kling_motion_preview_set_frame (preview, shown.frame);
  g_assert_true (kling_test_wait_for (frame_shown, &shown, KLING_TEST_PATIENCE_MS));
  x1 = magenta_x (stage, &count1);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preview-1.5s");

  /* the whole square is seen both times, where the path puts it */
  g_assert_cmpuint (count0, >, SQUARE_SIZE * SQUARE_SIZE * 8 / 10);
  g_assert_cmpuint (count1, >, SQUARE_SIZE * SQUARE_SIZE * 8 / 10);
  step = (double) PATH_DX / (n_frames - 1);
  g_assert_cmpfloat (fabs (x0 - (SQUARE_X + SQUARE_SIZE / 2.0 + 30 * step)), <, 3);
  g_assert_cmpfloat (fabs (x1 - x0 - 15 * step), <, 3);

  /* P again: the picture as it is */
  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "p");
  g_assert_false (kling_motion_preview_get_active (preview));
}

static void
test_p_in_the_prompt_is_text (Fixture       *f,
                              gconstpointer  data)
{
  KlingMotionPreview *preview = preview_of (f);
  GtkWidget *view = kling_test_find_widget (GTK_WIDGET (kling_test_params_panel (f->window)),
                                            kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  const char *prompt;

  kling_test_click (view, gtk_widget_get_width (view) / 2.0, gtk_widget_get_height (view) / 2.0, 1);
  kling_test_key (view, "p P");
  prompt = kling_request_get_prompt (kling_document_get_request (kling_test_document (f->window)));
  g_assert_cmpstr (prompt, ==, "pP");
  g_assert_false (kling_motion_preview_get_active (preview));
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
ease_in_listed (gpointer dropdown)
{
  return kling_test_find_widget (dropdown, is_label, "Ease In") != NULL;
}

static gboolean
timing_is_ease_in (gpointer document)
{
  return kling_trajectory_get_timing (kling_document_get_trajectory (document, 1)) == KLING_TIMING_EASE_IN;
}

/* The timing drop-down of the trajectory tool eases the path: the preview
 * puts the square where an eased path is at that time, and undo takes it
 * back. */
static void
test_timing_choice (Fixture       *f,
                    gconstpointer  data)
{
  KlingDocument *document = kling_test_document (f->window);
  KlingMotionPreview *preview = preview_of (f);
  GtkWidget *stage = gtk_widget_get_parent (GTK_WIDGET (preview));
  GtkWidget *dropdown;
  ShownFrame shown = { preview, 75 };
  double t, x, expected;
  guint count;

  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "1 t");
  dropdown = kling_test_find_widget (GTK_WIDGET (f->window), kling_test_match_type,
                                     GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, dropdown, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_click (dropdown, gtk_widget_get_width (dropdown) / 2.0, gtk_widget_get_height (dropdown) / 2.0, 1);
  g_assert_true (kling_test_wait_for (ease_in_listed, dropdown, KLING_TEST_PATIENCE_MS));
  /* the list opens on the current choice; the next one down is ease in */
  kling_test_key (dropdown, "Down Return");
  g_assert_true (kling_test_wait_for (timing_is_ease_in, document, KLING_TEST_PATIENCE_MS));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preview-ease-in-ticks");

  /* halfway through the clip an eased-in square has gone a quarter of the way */
  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "p");
  g_assert_true (kling_test_wait_for (preview_playing, preview, KLING_TEST_PATIENCE_MS));
  pause_preview (preview);
  kling_motion_preview_set_frame (preview, shown.frame);
  g_assert_true (kling_test_wait_for (frame_shown, &shown, KLING_TEST_PATIENCE_MS));
  x = magenta_x (stage, &count);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preview-ease-in-2.5s");
  t = 75.0 / 149;
  expected = SQUARE_X + SQUARE_SIZE / 2.0 + PATH_DX * t * t;
  g_assert_cmpuint (count, >, SQUARE_SIZE * SQUARE_SIZE * 8 / 10);
  g_assert_cmpfloat (fabs (x - expected), <, 4);

  /* one undo step puts constant speed back */
  kling_test_key (GTK_WIDGET (kling_test_canvas (f->window)), "ctrl+z");
  g_assert_cmpint (kling_trajectory_get_timing (kling_document_get_trajectory (document, 1)), ==,
                   KLING_TIMING_CONSTANT);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, KLING_TIMING_CONSTANT);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_magenta (GdkPixbuf *frame,
            int        x,
            int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (frame) + y * gdk_pixbuf_get_rowstride (frame) +
                    x * gdk_pixbuf_get_n_channels (frame);

  return p[0] > 200 && p[1] < 60 && p[2] > 200;
}

/* The editor's export writes the preview as an animated GIF: the square
 * where the path puts it at 0 s and at 1 s. (GdkPixbufAnimationIter only
 * takes a GTimeVal.) */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
test_export_gif (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "square-motion.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkPixbufAnimation) animation = NULL;
  g_autoptr(GdkPixbufAnimationIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *frame;
  GTimeVal start = { 0, 0 };
  int at_1s = SQUARE_X + SQUARE_SIZE / 2 + (int) round (PATH_DX * 30.0 / 149);

  g_remove (path);
  kling_editor_page_export_motion (kling_test_editor (f->window), KLING_MOTION_FORMAT_GIF, file);
  g_assert_true (kling_test_wait_for (file_exists, path, 60000));

  animation = gdk_pixbuf_animation_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_animation_get_width (animation), ==, IMAGE_W);
  g_assert_cmpint (gdk_pixbuf_animation_get_height (animation), ==, IMAGE_H);
  iter = gdk_pixbuf_animation_get_iter (animation, &start);
  frame = gdk_pixbuf_animation_iter_get_pixbuf (iter);
  g_assert_true (is_magenta (frame, SQUARE_X + 5, SQUARE_Y + SQUARE_SIZE / 2));
  g_assert_false (is_magenta (frame, at_1s + SQUARE_SIZE / 2 + 5, SQUARE_Y + SQUARE_SIZE / 2));
  start.tv_sec = 1;
  start.tv_usec = 10000;
  gdk_pixbuf_animation_iter_advance (iter, &start);
  frame = gdk_pixbuf_animation_iter_get_pixbuf (iter);
  g_assert_false (is_magenta (frame, SQUARE_X + 5, SQUARE_Y + SQUARE_SIZE / 2));
  g_assert_true (is_magenta (frame, at_1s + SQUARE_SIZE / 2 - 5, SQUARE_Y + SQUARE_SIZE / 2));
}
G_GNUC_END_IGNORE_DEPRECATIONS

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  g_test_add ("/preview/p-plays-the-motion", Fixture, NULL, fixture_set_up, test_p_plays_the_motion, fixture_tear_down);
  g_test_add ("/preview/timing-choice", Fixture, NULL, fixture_set_up, test_timing_choice, fixture_tear_down);
  g_test_add ("/preview/export-gif", Fixture, NULL, fixture_set_up, test_export_gif, fixture_tear_down);
  g_test_add ("/preview/p-in-the-prompt-is-text", Fixture, NULL, fixture_set_up, test_p_in_the_prompt_is_text, fixture_tear_down);
  return g_test_run ();
}
