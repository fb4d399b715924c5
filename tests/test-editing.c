/* test-editing.c — edits an artist can trust, driven with real input (XTest)
 *
 * Paths never vanish: a press on another region's point moves that point
 * and leaves the active path alone, a click beside the picture adds
 * nothing, a freehand drag replaces a path only with Shift. Overlapping
 * dynamic regions: the newest stroke wins, in one undo step. Paths drawn
 * with the keyboard alone reach the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "kling-application.h"
#include "kling-draft-problems.h"
#include "kling-error.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 480
/* One image pixel per logical pixel, the picture's corner at (20, 20). */
#define VIEW_X 20.0
#define VIEW_Y 20.0

static KlingApplication *test_app;

typedef struct {
  KlingWindow *window;
  char        *dir;
  char        *image_path;
} Fixture;

static char *
write_test_image (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "kite.png", NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = 70 + x / 8;
        p[1] = 120 + y / 8;
        p[2] = 200;
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kling_test_make_dir ("editing");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->image_path = write_test_image (f->dir);

  f->window = kling_test_window_new (test_app, 1280, 800);
  kling_test_open_image (f->window, f->image_path, VIEW_X, VIEW_Y);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->image_path);
  g_free (f->dir);
}

static double
cx (double image_x)
{
  return image_x + VIEW_X;
}

static double
cy (double image_y)
{
  return image_y + VIEW_Y;
}

static GtkWidget *
canvas (Fixture *f)
{
  return GTK_WIDGET (kling_test_canvas (f->window));
}

static KlingTrajectory *
path (Fixture *f,
      int      region)
{
  return kling_document_get_trajectory (kling_test_document (f->window), region);
}

static char *
path_text (Fixture *f,
           int      region)
{
  return kling_trajectory_to_string (path (f, region));
}

/* Clicks the points (image pixels) in as path points of @region. */
static void
click_path (Fixture   *f,
            const char *region_key,
            const int  (*points)[2],
            guint       n_points)
{
  kling_test_key (canvas (f), region_key);
  kling_test_key (canvas (f), "t");
  for (guint i = 0; i < n_points; i++)
    kling_test_click (canvas (f), cx (points[i][0]), cy (points[i][1]), 1);
}

static void
test_drag_other_regions_point (Fixture       *f,
                               gconstpointer  data)
{
  const int first[][2] = { { 100, 100 }, { 200, 120 }, { 300, 100 } };
  const int second[][2] = { { 120, 300 }, { 220, 320 }, { 320, 300 }, { 420, 320 },
                            { 470, 360 }, { 520, 380 } };
  const double drag[] = { cx (300), cy (100), cx (330), cy (140), cx (360), cy (180) };
  g_autofree char *second_before = NULL;
  g_autofree char *second_after = NULL;
  KlingPoint moved;

  click_path (f, "1", first, G_N_ELEMENTS (first));
  click_path (f, "2", second, G_N_ELEMENTS (second));
  g_assert_cmpuint (kling_trajectory_get_n_points (path (f, 2)), ==, 6);
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 2);
  second_before = path_text (f, 2);

  /* With Region 2 active, a drag from Region 1's arrow tip moves that tip. */
  kling_test_drag (canvas (f), drag, G_N_ELEMENTS (drag) / 2, 1);

  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 1);
  g_assert_cmpint (kling_region_list_get_selected (kling_test_region_list (f->window)), ==, 1);
  g_assert_cmpuint (kling_trajectory_get_n_points (path (f, 1)), ==, 3);
  moved = kling_trajectory_get_point (path (f, 1), 2);
  g_assert_cmpfloat_with_epsilon (moved.x, 360, 1.0);
  g_assert_cmpfloat_with_epsilon (moved.y, 180, 1.0);
  second_after = path_text (f, 2);
  g_assert_cmpstr (second_after, ==, second_before);

  /* One undo step puts the tip back. */
  kling_test_key (canvas (f), "ctrl+z");
  moved = kling_trajectory_get_point (path (f, 1), 2);
  g_assert_cmpfloat_with_epsilon (moved.x, 300, 1.0);
  g_assert_cmpfloat_with_epsilon (moved.y, 100, 1.0);
}

static void
test_click_outside_adds_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  const int points[][2] = { { 100, 100 }, { 200, 150 } };
  const double outside[][2] = { { cx (-12), cy (200) }, { cx (300), cy (IMAGE_H + 8) },
                                { cx (IMAGE_W + 15), cy (10) } };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KlingDocument *document = kling_test_document (f->window);

  /* On an empty path, and on one with points. */
  kling_test_key (canvas (f), "3 t");
  kling_test_click (canvas (f), outside[0][0], outside[0][1], 1);
  g_assert_cmpuint (kling_trajectory_get_n_points (path (f, 3)), ==, 0);
  g_assert_false (kling_document_can_undo (document));

  click_path (f, "3", points, G_N_ELEMENTS (points));
  before = path_text (f, 3);
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    kling_test_click (canvas (f), outside[i][0], outside[i][1], 1);
  kling_test_wait_frames (canvas (f), 1);
  after = path_text (f, 3);
  g_assert_cmpstr (after, ==, before);
}

static void
test_freehand_needs_shift (Fixture       *f,
                           gconstpointer  data)
{
  const int points[][2] = { { 100, 100 }, { 200, 150 }, { 300, 120 } };
  double stroke[40];
  g_autofree char *before = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *undone = NULL;

  for (guint i = 0; i < 20; i++)
    {
      stroke[2 * i] = cx (80 + i * 20);
      stroke[2 * i + 1] = cy (350 + 40 * sin (i / 3.0));
    }
  click_path (f, "4", points, G_N_ELEMENTS (points));
  before = path_text (f, 4);

  /* A plain drag on empty picture keeps the path. */
  kling_test_drag (canvas (f), stroke, 20, 1);
  unchanged = path_text (f, 4);
  g_assert_cmpstr (unchanged, ==, before);

  /* Shift and drag draws it anew, and one Ctrl+Z brings the old one back. */
  kling_test_xdotool ("keydown", "shift", NULL);
  kling_test_drag (canvas (f), stroke, 20, 1);
  kling_test_xdotool ("keyup", "shift", NULL);
  g_assert_cmpuint (kling_trajectory_get_n_points (path (f, 4)), >=, 3);
  g_assert_cmpfloat_with_epsilon (kling_trajectory_get_point (path (f, 4), 0).x, 80, 2);
  g_assert_cmpfloat_with_epsilon (kling_trajectory_get_point (path (f, 4), kling_trajectory_get_n_points (path (f, 4)) - 1).x,
                                  80 + 19 * 20, 2);
  kling_test_key (canvas (f), "ctrl+z");
  undone = path_text (f, 4);
  g_assert_cmpstr (undone, ==, before);
}

static void
test_overlap_newest_wins (Fixture       *f,
                          gconstpointer  data)
{
  const double older[] = { cx (100), cy (200), cx (300), cy (200) };
  const double newer[] = { cx (200), cy (120), cx (200), cy (280) };
  KlingDocument *document = kling_test_document (f->window);
  KlingMask *mask1 = kling_document_get_mask (document, 1);
  KlingMask *mask2 = kling_document_get_mask (document, 2);
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *overlaps = NULL;

  kling_canvas_set_brush_size (kling_test_canvas (f->window), 30);
  kling_canvas_set_hardness (kling_test_canvas (f->window), 1.0);
  kling_test_key (canvas (f), "1 b");
  kling_test_drag (canvas (f), older, 2, 1);
  g_assert_cmpuint (kling_mask_get_value (mask1, 200, 200), >=, 128);

  kling_test_key (canvas (f), "2");
  kling_test_drag (canvas (f), newer, 2, 1);

  /* The crossing belongs to the newer stroke; the rest of the older one stays. */
  g_assert_cmpuint (kling_mask_get_value (mask2, 200, 200), >=, 128);
  g_assert_cmpuint (kling_mask_get_value (mask1, 200, 200), <, 128);
  g_assert_cmpuint (kling_mask_get_value (mask1, 120, 200), >=, 128);
  g_assert_cmpuint (kling_mask_count_overlap (mask1, mask2, NULL), ==, 0);
  overlaps = kling_draft_describe_overlaps (kling_document_get_draft (document));
  g_assert_null (overlaps);

  /* What is sent: two dynamic masks that share no pixel. */
  kling_test_key (canvas (f), "1 t");
  kling_test_click (canvas (f), cx (110), cy (200), 1);
  kling_test_click (canvas (f), cx (150), cy (240), 1);
  kling_test_key (canvas (f), "2 t");
  kling_test_click (canvas (f), cx (200), cy (130), 1);
  kling_test_click (canvas (f), cx (240), cy (100), 1);
  request = kling_draft_to_request (kling_document_get_draft (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kling_request_get_n_dynamic (request), ==, 2);
  g_assert_cmpuint (kling_mask_count_overlap (kling_request_get_dynamic_mask (request, 0),
                                              kling_request_get_dynamic_mask (request, 1), NULL), ==, 0);

  /* The newer stroke and what it took are one undo step. */
  kling_test_key (canvas (f), "ctrl+z ctrl+z ctrl+z ctrl+z ctrl+z");
  g_assert_cmpuint (kling_mask_get_value (mask1, 200, 200), >=, 128);
  g_assert_cmpuint (kling_mask_get_value (mask2, 200, 200), <, 128);
  g_assert_true (kling_mask_is_empty (mask2));
}

static gboolean
is_overlap_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Region 1 and Region 2 overlap (");
}

static gboolean
overlap_named (gpointer window)
{
  return kling_test_find_widget (GTK_WIDGET (window), is_overlap_label, NULL) != NULL;
}

/* A draft made elsewhere may hold overlapping regions: they are framed on
 * the canvas, named in the panel, and not sent. */
static void
test_overlap_named (Fixture       *f,
                    gconstpointer  data)
{
  KlingDocument *document = kling_test_document (f->window);
  KlingDraft *draft = kling_draft_copy (kling_document_get_draft (document));
  const int points[][2] = { { 100, 100 }, { 200, 150 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingRequest) request = NULL;
  GtkWidget *label;

  kling_mask_fill_rect (draft->masks[1], &(KlingRect) { 100, 100, 100, 100 }, 255);
  kling_mask_fill_rect (draft->masks[2], &(KlingRect) { 150, 150, 100, 100 }, 255);
  for (int region = 1; region <= 2; region++)
    for (guint i = 0; i < G_N_ELEMENTS (points); i++)
      kling_trajectory_append (draft->trajectories[region], points[i][0], points[i][1]);
  kling_document_load_draft (document, draft, &error);
  g_assert_no_error (error);

  g_assert_true (kling_test_wait_for (overlap_named, f->window, KLING_TEST_PATIENCE_MS));
  label = kling_test_find_widget (GTK_WIDGET (f->window), is_overlap_label, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Region 1 and Region 2 overlap (2500 pixels)");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editing-overlap");

  request = kling_draft_to_request (kling_document_get_draft (document), &error);
  g_assert_null (request);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_true (strstr (error->message, "Region 1 and Region 2 overlap (2500 pixels)") != NULL);
}

static gboolean
canvas_focused (gpointer data)
{
  Fixture *f = data;

  return gtk_root_get_focus (GTK_ROOT (f->window)) == canvas (f);
}

/* Open to request without a pointer: the arrows move the canvas's cursor
 * (Shift ten times as far), Enter fills or adds a point where it is. */
static void
test_keyboard_path (Fixture       *f,
                    gconstpointer  data)
{
  KlingCanvas *view = kling_test_canvas (f->window);
  KlingDocument *document = kling_test_document (f->window);
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const KlingTrajectory *sent;
  double start_x, start_y;
  const int expected[][2] = { { 0, 0 }, { 20, 80 }, { 140, 80 } };

  g_assert_true (kling_test_wait_for (canvas_focused, f, KLING_TEST_PATIENCE_MS));
  kling_canvas_widget_to_image (view, gtk_widget_get_width (canvas (f)) / 2.0,
                                gtk_widget_get_height (canvas (f)) / 2.0, &start_x, &start_y);
  start_x = round (start_x);
  start_y = round (start_y);

  /* The first arrow shows the cursor in the middle of the view; Enter fills there. */
  kling_test_key (canvas (f), "2 f Right Return");
  g_assert_cmpuint (kling_mask_get_value (kling_document_get_mask (document, 2), start_x, start_y), >=, 128);

  kling_test_key (canvas (f), "t Return");
  kling_test_key (canvas (f), "Right Right Right Right Right shift+Down shift+Down Return");
  kling_test_key (canvas (f), "shift+Right shift+Right shift+Right Return");
  g_assert_cmpuint (kling_trajectory_get_n_points (path (f, 2)), ==, 3);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editing-keyboard-path");

  request = kling_draft_to_request (kling_document_get_draft (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kling_request_get_n_dynamic (request), ==, 1);
  sent = kling_request_get_dynamic_trajectory (request, 0);
  g_assert_cmpuint (kling_trajectory_get_n_points (sent), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      KlingPoint p = kling_trajectory_get_point (sent, i);

      g_assert_cmpfloat_with_epsilon (p.x, start_x + expected[i][0], 0.01);
      g_assert_cmpfloat_with_epsilon (p.y, start_y + expected[i][1], 0.01);
    }
}

static gboolean
draft_region_painted (const char *path,
                      int         region)
{
  g_autoptr(KlingDraft) draft = kling_draft_load (path, NULL);

  return draft != NULL && draft->masks[region] != NULL && !kling_mask_is_empty (draft->masks[region]);
}

static gboolean
draft_has_paint (gpointer path)
{
  return draft_region_painted (path, 1);
}

static gboolean
draft_has_second_region (gpointer path)
{
  return draft_region_painted (path, 2);
}

static gboolean
is_restored_toast (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "Your last composition is back") == 0;
}

static gboolean
restored_announced (gpointer window)
{
  return kling_test_find_widget (GTK_WIDGET (window), is_restored_toast, NULL) != NULL;
}

/* The title names the draft, and Ctrl+S saves in place, also after a restart. */
static void
test_title_after_save_and_restart (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *draft_path = g_build_filename (f->dir, "kite work.klingdraft", NULL);
  const double stroke[] = { cx (100), cy (100), cx (200), cy (120) };
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kite.png — Kling Studio");

  g_assert_true (kling_window_save_draft (f->window, draft_path, &error));
  g_assert_no_error (error);
  g_assert_true (kling_window_load_draft (f->window, draft_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kite work.klingdraft — Kling Studio");
  g_assert_false (draft_has_paint (draft_path));

  /* Ctrl+S saves in place: no file chooser. */
  kling_canvas_set_view (kling_test_canvas (f->window), 1.0, VIEW_X, VIEW_Y);
  kling_test_key (canvas (f), "1 b");
  kling_test_drag (canvas (f), stroke, 2, 1);
  kling_test_key (canvas (f), "ctrl+s");
  g_assert_true (kling_test_wait_for (draft_has_paint, draft_path, KLING_TEST_PATIENCE_MS));

  /* A restart: the autosave comes back, says so, and knows where the draft lives. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  kling_test_settle ();
  f->window = kling_test_window_new (test_app, 1280, 800);
  g_assert_true (kling_test_window_has_picture (f->window));
  g_assert_true (kling_test_wait_for (restored_announced, f->window, KLING_TEST_PATIENCE_MS));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editing-restored");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kite work.klingdraft — Kling Studio");
  kling_canvas_set_view (kling_test_canvas (f->window), 1.0, VIEW_X, VIEW_Y);
  kling_test_key (canvas (f), "2 b");
  kling_test_drag (canvas (f), stroke, 2, 1);
  kling_test_key (canvas (f), "ctrl+s");
  g_assert_true (kling_test_wait_for (draft_has_second_region, draft_path, KLING_TEST_PATIENCE_MS));

  /* Ctrl+N with nothing unsaved starts afresh at once. */
  kling_test_key (canvas (f), "ctrl+n");
  g_assert_false (kling_test_window_has_picture (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Kling Studio");
}

static gboolean
is_webp_toast (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)),
                           "photo.webp is a WebP picture, and this computer has no decoder for WebP.");
}

static gboolean
webp_said (gpointer window)
{
  GtkWidget *dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && kling_test_find_widget (dialog, is_webp_toast, NULL) != NULL;
}

/* A picture that needs converting is shown on its own, not under the
 * previous one; one that cannot be decoded here says so plainly. */
static void
test_pictures_not_opened (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 400);
  g_autoptr(GBytes) bmp = NULL;
  g_autoptr(GBytes) webp = NULL;
  g_autoptr(GError) error = NULL;
  static const char webp_header[] = "RIFF\x24\0\0\0WEBPVP8 garbage";
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x20a040ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "bmp", &error, NULL));
  bmp = g_bytes_new_take (buffer, length);

  kling_window_open_bytes (f->window, bmp, "scan.bmp");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "pending");
  g_assert_true (gtk_revealer_get_reveal_child (f->window->banner_revealer));
  /* The composition underneath is untouched. */
  g_assert_true (kling_test_window_has_picture (f->window));
  kling_test_wait_frames (GTK_WIDGET (f->window), 2);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editing-pending-picture");

  webp = g_bytes_new_static (webp_header, sizeof webp_header);
  kling_window_open_bytes (f->window, webp, "photo.webp");
  g_assert_true (kling_test_wait_for (webp_said, f->window, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  kling_test_save_screenshot (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "editing-webp-dialog");
  gtk_window_destroy (GTK_WINDOW (kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  g_test_add ("/editing/drag-other-regions-point", Fixture, NULL, fixture_set_up, test_drag_other_regions_point, fixture_tear_down);
  g_test_add ("/editing/click-outside-adds-nothing", Fixture, NULL, fixture_set_up, test_click_outside_adds_nothing, fixture_tear_down);
  g_test_add ("/editing/freehand-needs-shift", Fixture, NULL, fixture_set_up, test_freehand_needs_shift, fixture_tear_down);
  g_test_add ("/editing/keyboard-path", Fixture, NULL, fixture_set_up, test_keyboard_path, fixture_tear_down);
  g_test_add ("/editing/title-after-save-and-restart", Fixture, NULL, fixture_set_up, test_title_after_save_and_restart, fixture_tear_down);
  g_test_add ("/editing/pictures-not-opened", Fixture, NULL, fixture_set_up, test_pictures_not_opened, fixture_tear_down);
  g_test_add ("/editing/overlap-named", Fixture, NULL, fixture_set_up, test_overlap_named, fixture_tear_down);
  g_test_add ("/editing/overlap-newest-wins", Fixture, NULL, fixture_set_up, test_overlap_newest_wins, fixture_tear_down);

  return g_test_run ();
}
