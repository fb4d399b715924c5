/* test-editor.c — the motion editor driven with real pointer and key events
 *
 * Each test opens a generated picture in a real KlingWindow, sets a known
 * zoom and pan, and paints, erases, fills and draws paths with XTest events.
 * What is checked is what the core would send: mask pixels in image
 * coordinates, trajectory points, request bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "kling-application.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 480
/* A red disc on a blue-grey gradient: the fill test's object and background. */
#define DISC_X 470
#define DISC_Y 300
#define DISC_R 70
/* The view every test uses: one image pixel per logical pixel, 20 px margin. */
#define VIEW_X 20.0
#define VIEW_Y 20.0

static KlingApplication *test_app;

typedef struct {
  KlingApplication *app;
  KlingWindow      *window;
  char             *dir;
  char             *image_path;
} Fixture;

static char *
write_test_image (const char *dir,
                  const char *name,
                  int         width,
                  int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        gboolean in_disc = hypot (x - DISC_X, y - DISC_Y) <= DISC_R;

        p[0] = in_disc ? 220 : 60 + x / 16;
        p[1] = in_disc ? 30 : 90 + y / 16;
        p[2] = in_disc ? 40 : 120;
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
open_window (Fixture *f)
{
  f->window = kling_test_window_new (f->app, 1280, 800);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kling_test_make_dir ("editor");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->image_path = write_test_image (f->dir, "picture.png", IMAGE_W, IMAGE_H);

  f->app = test_app;
  open_window (f);

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

/* Image pixel → canvas widget coordinates at the fixture's view. */
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

static double
distance_to_segment (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);

  t = CLAMP (t, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static void
test_brush_erase_undo (Fixture       *f,
                       gconstpointer  data)
{
  const double stroke[] = { cx (100), cy (150), cx (180), cy (150), cx (260), cy (150), cx (340), cy (150) };
  KlingMask *mask;
  g_autoptr(KlingMask) painted = NULL;
  guint outside = 0, missing = 0;

  kling_test_key (canvas (f), "1 b");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 1);
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_BRUSH);
  kling_canvas_set_brush_size (kling_test_canvas (f->window), 20);
  kling_canvas_set_hardness (kling_test_canvas (f->window), 1.0);

  kling_test_drag (canvas (f), stroke, G_N_ELEMENTS (stroke) / 2, 1);

  /* Painted exactly along the path, radius 10, nowhere else. */
  mask = kling_document_get_mask (kling_test_document (f->window), 1);
  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      {
        double d = distance_to_segment (x, y, 100, 150, 340, 150);
        gboolean on = kling_mask_get_value (mask, x, y) >= 128;

        if (on && d > 11.5)
          outside++;
        if (!on && d < 8.5)
          missing++;
      }
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (missing, ==, 0);
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 0)));
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 2)));
  painted = kling_mask_copy (mask);

  /* The eraser takes it away again. */
  kling_test_key (canvas (f), "e bracketright bracketright bracketright");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_ERASER);
  g_assert_cmpfloat (kling_canvas_get_brush_size (kling_test_canvas (f->window)), >, 25);
  kling_test_drag (canvas (f), stroke, G_N_ELEMENTS (stroke) / 2, 1);
  g_assert_true (kling_mask_is_empty (mask));

  /* Undo brings back the exact bytes; redo erases again; undo twice empties. */
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_true (kling_mask_equal (mask, painted));
  kling_test_key (canvas (f), "ctrl+shift+z");
  g_assert_true (kling_mask_is_empty (mask));
  kling_test_key (canvas (f), "ctrl+z ctrl+z");
  g_assert_true (kling_mask_is_empty (mask));
  g_assert_false (kling_document_can_undo (kling_test_document (f->window)));
  kling_test_key (canvas (f), "ctrl+shift+z");
  g_assert_true (kling_mask_equal (mask, painted));
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GBytes *
request_body (Fixture    *f,
              const char *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingRequest) request = kling_draft_to_request (kling_document_get_draft (kling_test_document (f->window)), &error);
  GBytes *body;

  g_assert_no_error (error);
  kling_request_set_external_task_id (request, external_id);
  body = kling_request_build_body (request, &error);
  g_assert_no_error (error);
  return body;
}

static void
test_trajectory_clicks (Fixture       *f,
                        gconstpointer  data)
{
  const double blob[] = { cx (200), cy (200), cx (240), cy (210) };
  const int points[][2] = { { 210, 205 }, { 300, 160 }, { 420, 120 } };
  KlingTrajectory *path;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *dynamic, *trajectory;

  kling_test_key (canvas (f), "2 b");
  kling_test_drag (canvas (f), blob, 2, 1);

  kling_test_key (canvas (f), "t");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_TRAJECTORY);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    kling_test_click (canvas (f), cx (points[i][0]), cy (points[i][1]), 1);

  path = kling_document_get_trajectory (kling_test_document (f->window), 2);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      KlingPoint p = kling_trajectory_get_point (path, i);
      g_assert_cmpfloat_with_epsilon (p.x, points[i][0], 0.6);
      g_assert_cmpfloat_with_epsilon (p.y, points[i][1], 0.6);
    }

  /* What is sent: the same path at constant speed (77 points evenly spaced
   * along it, as the clicked steps are unequal), bottom-left origin. */
  body = request_body (f, "test-trajectory");
  root = parse_object (body);
  dynamic = json_object_get_array_member (root, "dynamic_masks");
  g_assert_cmpuint (json_array_get_length (dynamic), ==, 1);
  trajectory = json_object_get_array_member (json_array_get_object_element (dynamic, 0), "trajectories");
  g_assert_cmpuint (json_array_get_length (trajectory), ==, KLING_TRAJECTORY_MAX_POINTS);
  for (guint i = 0; i < KLING_TRAJECTORY_MAX_POINTS; i++)
    {
      JsonObject *p = json_array_get_object_element (trajectory, i);
      double x = json_object_get_int_member (p, "x");
      double y = IMAGE_H - 1 - json_object_get_int_member (p, "y");

      g_assert_cmpfloat (MIN (distance_to_segment (x, y, points[0][0], points[0][1], points[1][0], points[1][1]),
                              distance_to_segment (x, y, points[1][0], points[1][1], points[2][0], points[2][1])),
                         <=, 1.5);
      if (i == 0 || i == KLING_TRAJECTORY_MAX_POINTS - 1)
        {
          guint end = i == 0 ? 0 : 2;

          g_assert_cmpfloat (fabs (x - points[end][0]), <=, 1);
          g_assert_cmpfloat (fabs (y - points[end][1]), <=, 1);
        }
    }

  /* Right-click removes a point; undo puts it back. */
  kling_test_click (canvas (f), cx (points[1][0]), cy (points[1][1]), 3);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), ==, 2);
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (kling_test_document (f->window), 2)), ==, 3);
}

static void
test_freehand_at_most_77 (Fixture       *f,
                          gconstpointer  data)
{
  double stroke[200];
  KlingTrajectory *path;

  /* 100 pointer positions along a wave. */
  for (guint i = 0; i < 100; i++)
    {
      stroke[2 * i] = cx (60 + i * 5);
      stroke[2 * i + 1] = cy (240 + 120 * sin (i / 6.0));
    }
  kling_test_key (canvas (f), "3 t");
  kling_test_drag (canvas (f), stroke, 100, 1);

  path = kling_document_get_trajectory (kling_test_document (f->window), 3);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), >=, 10);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), <=, 77);
  /* The ends are where the hand started and stopped. */
  g_assert_cmpfloat_with_epsilon (kling_trajectory_get_point (path, 0).x, 60, 2);
  g_assert_cmpfloat_with_epsilon (kling_trajectory_get_point (path, kling_trajectory_get_n_points (path) - 1).x,
                                  60 + 99 * 5, 2);
}

static void
test_fill_object (Fixture       *f,
                  gconstpointer  data)
{
  KlingMask *mask;
  guint painted = 0, disc = 0;

  kling_test_key (canvas (f), "4 f");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_FILL);
  kling_test_click (canvas (f), cx (DISC_X + 10), cy (DISC_Y - 5), 1);

  mask = kling_document_get_mask (kling_test_document (f->window), 4);
  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      {
        gboolean in_disc = hypot (x - DISC_X, y - DISC_Y) <= DISC_R;
        gboolean on = kling_mask_get_value (mask, x, y) >= 128;

        disc += in_disc;
        painted += on;
        if (on)
          g_assert_true (in_disc);
      }
  /* The whole object, and not the background. */
  g_assert_cmpuint (painted, ==, disc);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-fill");
}

static void
test_overlay_colours (Fixture       *f,
                      gconstpointer  data)
{
  const double stroke[] = { cx (60), cy (60), cx (160), cy (60) };
  g_autoptr(GdkTexture) shot = NULL;
  GdkRGBA colour;
  guint8 painted[4], bare[4];
  int wx, wy, bx, by;

  kling_test_key (canvas (f), "1 b");
  kling_canvas_set_brush_size (kling_test_canvas (f->window), 30);
  kling_test_drag (canvas (f), stroke, 2, 1);
  kling_test_pointer_move (canvas (f), cx (500), cy (50));
  kling_test_wait_frames (GTK_WIDGET (f->window), 1);

  shot = kling_test_snapshot (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-region-1");
  kling_test_widget_to_window (canvas (f), cx (110), cy (60), &wx, &wy);
  kling_test_widget_to_window (canvas (f), cx (110), cy (120), &bx, &by);
  {
    double sx, sy;
    gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
    wx -= (int) sx; wy -= (int) sy; bx -= (int) sx; by -= (int) sy;
  }
  kling_test_pixel (shot, wx, wy, painted);
  kling_test_pixel (shot, bx, by, bare);

  /* The painted pixel moved towards the region's colour from the bare image. */
  kling_document_get_region_rgba (kling_test_document (f->window), 1, &colour);
  for (int c = 0; c < 3; c++)
    {
      double target = (&colour.red)[c] * 255;
      double image = c == 0 ? 60 + 110 / 16 : c == 1 ? 90 + 60 / 16 : 120;

      g_assert_cmpfloat (fabs (painted[c] - (image + target) / 2), <, 20);
    }
  g_assert_cmpint (ABS (bare[0] - (60 + 110 / 16)), <, 6);
  g_assert_cmpint (ABS (bare[2] - 120), <, 6);
}

/* The pixel of @shot (the window) over image pixel (@ix, @iy). */
static void
shot_pixel (Fixture    *f,
            GdkTexture *shot,
            int         ix,
            int         iy,
            guint8      out[4])
{
  double sx, sy;
  int wx, wy;

  kling_test_widget_to_window (canvas (f), cx (ix + 0.5), cy (iy + 0.5), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  kling_test_pixel (shot, wx - (int) sx, wy - (int) sy, out);
}

/* A soft dab: what will be sent (coverage from KLING_MASK_PAINTED up) is
 * tinted fully; the soft rim that is not sent only faintly. */
static void
test_overlay_shows_what_is_sent (Fixture       *f,
                                 gconstpointer  data)
{
  const int ix = 300, iy = 150;
  KlingMask *mask;
  g_autoptr(GdkTexture) shot = NULL;
  GdkRGBA colour;
  guint8 image[4], sent[4], rim[4];
  int sent_x = -1, rim_x = -1;

  kling_test_key (canvas (f), "1 b");
  kling_canvas_set_brush_size (kling_test_canvas (f->window), 60);
  kling_canvas_set_hardness (kling_test_canvas (f->window), 0.0);
  kling_test_click (canvas (f), cx (ix + 0.5), cy (iy + 0.5), 1);
  kling_test_pointer_move (canvas (f), cx (600), cy (440));
  kling_test_wait_frames (GTK_WIDGET (f->window), 1);

  /* Along the row through the dab: a pixel that is sent, one that is not. */
  mask = kling_document_get_mask (kling_test_document (f->window), 1);
  for (int x = ix; x < ix + 40; x++)
    {
      guint8 coverage = kling_mask_get_value (mask, x, iy);

      if (coverage >= KLING_MASK_PAINTED + 20)
        sent_x = x;
      else if (coverage > 10 && coverage < KLING_MASK_PAINTED - 20 && rim_x < 0)
        rim_x = x;
    }
  g_assert_cmpint (sent_x, >=, 0);
  g_assert_cmpint (rim_x, >=, 0);

  shot = kling_test_snapshot (GTK_WIDGET (f->window));
  kling_document_get_region_rgba (kling_test_document (f->window), 1, &colour);
  shot_pixel (f, shot, ix + 80, iy, image);
  shot_pixel (f, shot, sent_x, iy, sent);
  shot_pixel (f, shot, rim_x, iy, rim);
  for (int c = 0; c < 3; c++)
    {
      double target = (&colour.red)[c] * 255;
      double full = (image[c] + target) / 2;

      g_assert_cmpfloat (fabs (sent[c] - full), <, 20);
      /* the rim moved less than a fifth of the way */
      g_assert_cmpfloat (fabs ((double) rim[c] - image[c]), <=, fabs (full - image[c]) * 0.4 + 2);
    }
}

static void
test_draft_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  const double blob[] = { cx (300), cy (300), cx (330), cy (320) };
  const double still[] = { cx (40), cy (420), cx (600), cy (420) };
  g_autofree char *path = g_build_filename (f->dir, "round-trip.klingdraft", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  kling_test_key (canvas (f), "0 b");
  kling_test_drag (canvas (f), still, 2, 1);
  kling_test_key (canvas (f), "1");
  kling_test_drag (canvas (f), blob, 2, 1);
  kling_test_key (canvas (f), "t");
  kling_test_click (canvas (f), cx (310), cy (310), 1);
  kling_test_click (canvas (f), cx (400), cy (250), 1);
  kling_request_set_prompt (kling_document_get_request (kling_test_document (f->window)), "the boat sails away");
  before = request_body (f, "round-trip");

  g_assert_true (kling_window_save_draft (f->window, path, &error));
  g_assert_no_error (error);

  /* Close the window, open the draft in a new one: the same request. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  kling_test_settle ();
  open_window (f);
  g_assert_true (kling_window_load_draft (f->window, path, &error));
  g_assert_no_error (error);
  after = request_body (f, "round-trip");
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
}

/* The autosave at @path is there (written atomically: whole) with region
 * 1 painted. */
static gboolean
autosave_has_stroke (gpointer path)
{
  g_autoptr(KlingDraft) draft = g_file_test (path, G_FILE_TEST_EXISTS) ? kling_draft_load (path, NULL) : NULL;

  return draft != NULL && draft->masks[1] != NULL && !kling_mask_is_empty (draft->masks[1]);
}

/* The real program, killed without warning, comes back with its work. */
static void
test_autosave_after_kill (Fixture       *f,
                          gconstpointer  data)
{
  const char *program = g_getenv ("KLING_STUDIO_PROGRAM");
  g_autofree char *dir = kling_test_make_dir ("killed");
  g_autofree char *autosave = g_build_filename (dir, "autosave.klingdraft", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingDraft) draft = NULL;
  g_autofree char *wid = NULL;

  if (program == NULL)
    {
      g_test_skip ("KLING_STUDIO_PROGRAM is not set");
      return;
    }

  g_subprocess_launcher_setenv (launcher, "KLING_STUDIO_DATA_DIR", dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, f->image_path, NULL);
  g_assert_no_error (error);

  /* Paint across the middle of its window with region 1 (selected at start). */
  wid = kling_test_find_window_of_pid (g_subprocess_get_identifier (process));
  kling_test_xdotool ("mousemove", "--window", wid, "300", "400",
                      "mousedown", "1", "sleep", "0.1",
                      "mousemove", "--window", wid, "400", "410", "sleep", "0.1",
                      "mousemove", "--window", wid, "500", "420", "sleep", "0.1",
                      "mouseup", "1", NULL);
  /* The opened picture is autosaved too: wait for the stroke in it. */
  g_assert_true (kling_test_wait_for (autosave_has_stroke, autosave, 10000));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  draft = kling_draft_load (autosave, &error);
  g_assert_no_error (error);
  g_assert_false (kling_mask_is_empty (draft->masks[1]));

  /* A new window (as at start) restores it. */
  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  kling_test_settle ();
  open_window (f);
  g_assert_nonnull (kling_document_get_texture (kling_test_document (f->window)));
  g_assert_true (kling_mask_equal (kling_document_get_mask (kling_test_document (f->window), 1), draft->masks[1]));
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
}

static gboolean
banner_shown (gpointer data)
{
  KlingWindow *window = data;
  return window->banner_revealer != NULL && gtk_revealer_get_reveal_child (window->banner_revealer);
}

/* The banner has slid in. */
static gboolean
banner_revealed (gpointer data)
{
  KlingWindow *window = data;

  return window->banner_revealer != NULL && gtk_revealer_get_child_revealed (window->banner_revealer);
}

static gboolean
crop_frame_focused (gpointer window)
{
  KlingCropFrame *frame = kling_editor_page_get_crop_frame (kling_test_editor (window));

  return kling_crop_frame_get_active (frame) && gtk_widget_has_focus (GTK_WIDGET (frame));
}

static gboolean
banner_hidden (gpointer window)
{
  return !banner_shown (window);
}

static void
test_bad_image_banner (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *narrow = write_test_image (f->dir, "narrow.png", 900, 200);
  g_autoptr(GFile) file = g_file_new_for_path (narrow);
  g_autoptr(GError) error = NULL;
  KlingImage *image;

  kling_window_open_file (f->window, file);
  g_assert_true (kling_test_wait_for (banner_shown, f->window, 5000));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->banner_label), "300"));
  g_assert_true (kling_test_wait_for (banner_revealed, f->window, 5000));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-bad-image");

  /* The button in the banner shows the crop frame; Enter crops there. */
  {
    GtkWidget *button = GTK_WIDGET (f->window->banner_button);
    kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
  }
  g_assert_true (kling_test_wait_for (crop_frame_focused, f->window, 5000));
  kling_test_key (GTK_WIDGET (kling_editor_page_get_crop_frame (kling_test_editor (f->window))), "Return");
  g_assert_true (kling_test_wait_for (banner_hidden, f->window, 5000));
  image = kling_document_get_image (kling_test_document (f->window));
  g_assert_nonnull (image);
  g_assert_true (kling_image_check (image, "Image", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kling_image_get_height (image), >=, 300);
  g_assert_cmpfloat ((double) kling_image_get_width (image) / kling_image_get_height (image), <=, 2.5);
}

/* Zoomed in, image pixels are sharp squares: an artist paints on exact
 * pixels. At 800 %, the disc's last pixel fills its whole 8×8 square, up to
 * the next image pixel's edge. */
static void
test_crisp_zoom (Fixture       *f,
                 gconstpointer  data)
{
  const int px = DISC_X + DISC_R, py = DISC_Y;   /* inside; px + 1 is outside */
  g_autoptr(GdkTexture) shot = NULL;
  int wx, wy;
  double sx, sy;

  kling_canvas_set_view (kling_test_canvas (f->window), 8.0, 400 - px * 8.0, 300 - py * 8.0);
  kling_test_pointer_move (GTK_WIDGET (f->window), 2, 2);
  kling_test_wait_frames (GTK_WIDGET (f->window), 1);
  shot = kling_test_snapshot (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-zoom-800");

  /* Along the row through that pixel, every screen pixel is either the
   * disc's colour or the background's: nothing blended across the edge,
   * and the last disc pixel is a full 8 screen pixels wide. */
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  {
    guint red_run = 0, longest_red_run = 0, blended = 0;
    guint8 rgba[4];

    for (int x = 340; x < 440; x++)
      {
        kling_test_widget_to_window (canvas (f), x + 0.5, 304, &wx, &wy);
        kling_test_pixel (shot, wx - (int) sx, wy - (int) sy, rgba);
        if (ABS (rgba[0] - 220) <= 2 && ABS (rgba[1] - 30) <= 2)
          red_run++;
        else
          {
            if (ABS (rgba[2] - 120) > 2)
              blended++;
            red_run = 0;
          }
        longest_red_run = MAX (longest_red_run, red_run);
      }
    g_assert_cmpuint (blended, ==, 0);
    g_assert_cmpuint (longest_red_run, >=, 8);
  }
}

/* The canvas alone, rendered at @scale device pixels per logical pixel. */
static GdkTexture *
snapshot_canvas (Fixture *f,
                 int      scale)
{
  return kling_test_snapshot_scaled (canvas (f), scale);
}

static gboolean
same_colour (const guint8 *a,
             const guint8 *b)
{
  return ABS (a[0] - b[0]) <= 2 && ABS (a[1] - b[1]) <= 2 && ABS (a[2] - b[2]) <= 2;
}

/* Along image column @column, rows @row0 to @row1 (excluded): what each
 * image pixel looks like, image and overlay together, when one image pixel
 * is one device pixel. */
static guint8 *
image_pixel_colours (Fixture *f,
                     int      scale,
                     int      column,
                     int      row0,
                     int      row1)
{
  g_autoptr(GdkTexture) shot = NULL;
  guint8 *colours = g_malloc ((gsize) (row1 - row0) * 4);

  kling_canvas_set_view (kling_test_canvas (f->window), 1.0 / scale, VIEW_X, VIEW_Y);
  shot = snapshot_canvas (f, scale);
  for (int row = row0; row < row1; row++)
    kling_test_pixel (shot, (int) VIEW_X * scale + column, (int) VIEW_Y * scale + row,
                      colours + (gsize) (row - row0) * 4);
  return colours;
}

/* At @zoom, with image pixel (@column, @centre_row) in the canvas' middle
 * (saved, as a screen of that scale shows it, if @screenshot is given):
 * every device pixel down that column must show exactly one image pixel,
 * the one under its centre, as @colours says (either neighbour where the
 * centre falls on the line between two). Smoothing blends neighbours. */
static void
assert_sharp_column (Fixture      *f,
                     int           scale,
                     double        zoom,
                     int           column,
                     int           centre_row,
                     int           row0,
                     int           row1,
                     const guint8 *colours,
                     const char   *screenshot)
{
  int middle_x = gtk_widget_get_width (canvas (f)) / 2;
  double offset_x = middle_x - (column + 0.5) * zoom;
  double offset_y = round (gtk_widget_get_height (canvas (f)) / 2 - centre_row * zoom);
  g_autoptr(GdkTexture) shot = NULL;
  guint checked = 0;

  kling_canvas_set_view (kling_test_canvas (f->window), zoom, offset_x, offset_y);
  shot = snapshot_canvas (f, scale);
  if (screenshot != NULL && g_getenv ("KLING_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *file = g_strconcat (screenshot, ".png", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("KLING_TEST_SCREENSHOT_DIR"), file, NULL);

      g_mkdir_with_parents (g_getenv ("KLING_TEST_SCREENSHOT_DIR"), 0755);
      g_assert_true (gdk_texture_save_to_png (shot, path));
    }
  for (int d = (int) ceil ((offset_y + row0 * zoom) * scale); d < (offset_y + row1 * zoom) * scale; d++)
    {
      double image_y = ((d + 0.5) / scale - offset_y) / zoom;
      int k = (int) floor (image_y);
      int tie = image_y - k < 0.01 ? k - 1 : image_y - k > 0.99 ? k + 1 : k;
      guint8 rgba[4];

      if (k < row0 || k >= row1)
        continue;
      kling_test_pixel (shot, middle_x * scale, d, rgba);
      if (!same_colour (rgba, colours + (gsize) (k - row0) * 4) &&
          !(tie >= row0 && tie < row1 && same_colour (rgba, colours + (gsize) (tie - row0) * 4)))
        g_error ("Device pixel %d shows %d,%d,%d: image pixel %d is %d,%d,%d (zoom %g, scale %d)",
                 d, rgba[0], rgba[1], rgba[2], k, colours[(k - row0) * 4],
                 colours[(k - row0) * 4 + 1], colours[(k - row0) * 4 + 2], zoom, scale);
      checked++;
    }
  g_assert_cmpuint (checked, >=, (guint) ((row1 - row0) * zoom * scale) - 2);
}

/* Down column 150, rows 130 to 170, across the band painted over rows 140
 * to 160: the colour of each image pixel. */
static guint8 *
band_colours (Fixture *f,
            int      scale)
{
  guint8 *colours;

  colours = image_pixel_colours (f, scale, 150, 130, 170);
  /* The band really is there: rows 130 and 150 differ. */
  g_assert_false (same_colour (colours, colours + 20 * 4));
  return colours;
}

/* Zoomed in, the regions' paint is made of the same sharp squares as the
 * image under it: at 800 %, down a column that crosses the edge of a painted
 * band, the colour steps from one device pixel to the next exactly where one
 * image pixel ends, and nothing is blended across an image pixel. */
static void
test_crisp_overlay (Fixture       *f,
                    gconstpointer  data)
{
  const double stroke[] = { cx (100), cy (150), cx (200), cy (150) };
  g_autofree guint8 *colours = NULL;

  kling_test_key (canvas (f), "1 b");
  kling_canvas_set_brush_size (kling_test_canvas (f->window), 20);
  kling_canvas_set_hardness (kling_test_canvas (f->window), 1.0);
  kling_test_drag (canvas (f), stroke, 2, 1);
  kling_test_pointer_move (GTK_WIDGET (f->window), 2, 2);

  colours = band_colours (f, 1);
  assert_sharp_column (f, 1, 8.0, 150, 150, 130, 170, colours, "editor-overlay-800");
  assert_sharp_column (f, 1, 2.5, 150, 150, 130, 170, colours, NULL);
  assert_sharp_column (f, 1, 1.3, 150, 150, 130, 170, colours, "editor-overlay-130");
}

/* The same on a screen of scale factor 2, where one image pixel covers more
 * than one device pixel from 50 % on: at 75 %, 150 % and 800 %, image and
 * paint are sharp squares of device pixels. GDK_SCALE is read once, as GTK
 * starts, so this runs in a program of its own (this one, started again). */
static void
test_crisp_hidpi (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree guint8 *colours = NULL;
  KlingDocument *document = kling_test_document (f->window);

  if (!g_test_subprocess ())
    {
      g_autofree char *workdir = g_strdup (g_getenv ("KLING_TEST_WORKDIR"));
      g_autofree char *own = kling_test_make_dir ("hidpi");

      g_setenv ("GDK_SCALE", "2", TRUE);
      g_setenv ("KLING_TEST_WORKDIR", own, TRUE);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("GDK_SCALE");
      if (workdir != NULL)
        g_setenv ("KLING_TEST_WORKDIR", workdir, TRUE);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_cmpint (gtk_widget_get_scale_factor (canvas (f)), ==, 2);
  /* X input at scale 2 is in device pixels, which the helpers do not
   * speak: the band is painted as a stroke would paint it. */
  kling_document_begin_mask_edit (document, 1, "Paint");
  kling_document_paint_line (document, 100, 150, 200, 150, 10, 1.0, FALSE);
  kling_document_end_mask_edit (document);
  /* Wherever the pointer is, no brush outline over the column. */
  kling_canvas_set_tool (kling_test_canvas (f->window), KLING_TOOL_FILL);

  colours = band_colours (f, 2);
  assert_sharp_column (f, 2, 0.75, 150, 150, 130, 170, colours, "editor-hidpi-75");
  assert_sharp_column (f, 2, 1.5, 150, 150, 130, 170, colours, NULL);
  assert_sharp_column (f, 2, 8.0, 150, 150, 130, 170, colours, "editor-hidpi-800");
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Clear takes a region's paint and its path in one gesture: one Ctrl+Z
 * brings both back, exactly, and one Ctrl+Shift+Z takes both again. */
static void
test_clear_is_one_step (Fixture       *f,
                        gconstpointer  data)
{
  const double blob[] = { cx (200), cy (200), cx (260), cy (220) };
  const int points[][2] = { { 230, 210 }, { 330, 160 }, { 430, 120 } };
  KlingDocument *document = kling_test_document (f->window);
  g_autoptr(KlingMask) painted = NULL;
  g_autoptr(KlingTrajectory) path = NULL;
  GtkWidget *clear;

  kling_test_key (canvas (f), "1 b");
  kling_test_drag (canvas (f), blob, 2, 1);
  kling_test_key (canvas (f), "t");
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    kling_test_click (canvas (f), cx (points[i][0]), cy (points[i][1]), 1);
  painted = kling_mask_copy (kling_document_get_mask (document, 1));
  path = kling_trajectory_copy (kling_document_get_trajectory (document, 1));
  g_assert_false (kling_mask_is_empty (painted));
  g_assert_cmpuint (kling_trajectory_get_n_points (path), ==, 3);

  clear = kling_test_find_widget (GTK_WIDGET (kling_test_region_list (f->window)), is_button_with_tooltip,
                                  "Clear region 1 and its path");
  g_assert_nonnull (clear);
  kling_test_click (clear, gtk_widget_get_width (clear) / 2.0, gtk_widget_get_height (clear) / 2.0, 1);
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (document, 1)));
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 1)), ==, 0);

  kling_test_key (canvas (f), "ctrl+z");
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 1), painted));
  g_assert_true (kling_trajectory_equal (kling_document_get_trajectory (document, 1), path));

  kling_test_key (canvas (f), "ctrl+shift+z");
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (document, 1)));
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 1)), ==, 0);
  g_assert_false (kling_document_can_redo (document));

  /* Undone again, then once more: the step before Clear was the last point. */
  kling_test_key (canvas (f), "ctrl+z ctrl+z");
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 1), painted));
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 1)), ==, 2);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
copy_and_read (Fixture    *f,
               const char *action)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  char *text = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), action, NULL);
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static gboolean
window_narrow (gpointer window)
{
  return gtk_widget_get_width (window) > 0 && gtk_widget_get_width (window) <= 440 &&
         adw_flap_get_folded (kling_test_flap (window));
}

static gboolean
is_overflow_menu (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "More Tools") == 0;
}

/* For kling_test_wait_for (): the toolbar's "More Tools" menu is shown. */
static gboolean
overflow_shown (gpointer window)
{
  GtkWidget *page = GTK_WIDGET (kling_test_editor (window));
  GtkWidget *button = kling_test_find_widget (page, is_overflow_menu, NULL);

  return button != NULL && gtk_widget_get_mapped (button);
}

static gboolean
overflow_hidden (gpointer window)
{
  return gtk_widget_get_width (window) > 1000 && !overflow_shown (window) &&
         !adw_flap_get_folded (kling_test_flap (window));
}

static gboolean
window_600 (gpointer window)
{
  return gtk_widget_get_width (window) > 440 && gtk_widget_get_width (window) <= 600;
}

static gboolean
mask_painted (gpointer mask)
{
  return !kling_mask_is_empty (mask);
}

/* Narrow: the editor does not hold the window wide (its toolbar scrolls),
 * the side panel folds away, and painting still works at that width. */
static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  const char *tools[] = { "b", "e", "f", "s", "l", "t" };
  int minimum, natural;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      kling_test_key (canvas (f), tools[i]);
      kling_test_settle ();
      /* At 1280 px every tool's options fit beside the side panel; the
       * path tool's wider options may send the secondary ones to the menu. */
      g_assert_false (adw_flap_get_folded (kling_test_flap (f->window)));
      if (g_strcmp0 (tools[i], "t") != 0)
        g_assert_true (kling_test_wait_for (overflow_hidden, f->window, 5000));
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, &natural, NULL, NULL);
      /* The header bar with three window buttons needs about 420 px;
       * nothing in the editor may need more. */
      g_assert_cmpint (minimum, <=, 440);
    }

  gtk_window_set_default_size (GTK_WINDOW (f->window), 440, 700);
  g_assert_true (kling_test_wait_for (window_narrow, f->window, 5000));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 440);
  g_assert_true (adw_flap_get_folded (kling_test_flap (f->window)));
  g_assert_false (adw_flap_get_reveal_flap (kling_test_flap (f->window)));
  /* The secondary controls went into the overflow menu, not out of sight. */
  g_assert_true (kling_test_wait_for (overflow_shown, f->window, 5000));

  /* Fit the image, then paint across its middle with region 1. */
  gtk_widget_activate_action (GTK_WIDGET (kling_test_editor (f->window)), "editor.zoom-fit", NULL);
  kling_test_key (canvas (f), "1 b");
  kling_test_wait_frames (GTK_WIDGET (f->window), 1);
  {
    KlingMask *mask = kling_document_get_mask (kling_test_document (f->window), 1);
    double w = gtk_widget_get_width (canvas (f)), h = gtk_widget_get_height (canvas (f));
    const double stroke[] = { w * 0.3, h * 0.5, w * 0.5, h * 0.5, w * 0.7, h * 0.5 };

    g_assert_true (kling_mask_is_empty (mask));
    kling_test_drag (canvas (f), stroke, 3, 1);
    g_assert_true (kling_test_wait_for (mask_painted, mask, 5000));
  }
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-narrow");

  /* At 600 px the path tool's options and hint still show, the rest waits
   * in the menu. */
  kling_test_key (canvas (f), "t");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 700);
  g_assert_true (kling_test_wait_for (window_600, f->window, 5000));
  g_assert_true (kling_test_wait_for (overflow_shown, f->window, 5000));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "editor-600-trajectory");

  /* Wide again with the brush: the tools come back out of the menu, the
   * panel unfolds. */
  kling_test_key (canvas (f), "b");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  g_assert_true (kling_test_wait_for (overflow_hidden, f->window, 5000));
  g_assert_false (adw_flap_get_folded (kling_test_flap (f->window)));
}

/* The menu's copies: the request as JSON, and a cURL command that reads the
 * token from the shell instead of carrying it. */
static void
test_copy_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *curl = NULL;
  g_autoptr(JsonObject) root = NULL;

  g_setenv ("KLING_API_TOKEN", "sk-never-copied-42", TRUE);
  kling_request_set_prompt (kling_document_get_request (kling_test_document (f->window)), "waves roll in");
  json = copy_and_read (f, "copy-json");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
    root = parse_object (bytes);
  }
  g_assert_cmpstr (json_object_get_string_member (root, "prompt"), ==, "waves roll in");
  g_assert_cmpstr (json_object_get_string_member (root, "duration"), ==, "5");
  g_assert_true (json_object_has_member (root, "image"));

  curl = copy_and_read (f, "copy-curl");
  g_assert_true (g_str_has_prefix (curl, "curl "));
  g_assert_nonnull (strstr (curl, "/v1/videos/image2video"));
  g_assert_nonnull (strstr (curl, "Bearer $KLING_API_TOKEN"));
  g_assert_nonnull (strstr (curl, "\"prompt\":\"waves roll in\""));
  g_assert_null (strstr (curl, "sk-never-copied-42"));
  g_unsetenv ("KLING_API_TOKEN");
}

/* A new composition starts with the defaults chosen in Preferences. */
static void
test_generation_defaults (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *fresh = kling_test_make_dir ("defaults");
  KlingRequest *request;

  g_settings_set_string (settings, "default-model", "kling-v1-5");
  g_settings_set_string (settings, "default-mode", "pro");
  g_settings_set_string (settings, "default-duration", "10");

  /* The old window autosaves as it closes: into the fixture's folder. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  kling_test_settle ();
  g_setenv ("KLING_STUDIO_DATA_DIR", fresh, TRUE);
  open_window (f);
  request = kling_document_get_request (kling_test_document (f->window));
  g_assert_cmpstr (kling_request_get_model (request), ==, "kling-v1-5");
  g_assert_cmpstr (kling_request_get_mode (request), ==, "pro");
  g_assert_cmpstr (kling_request_get_duration (request), ==, "10");

  g_settings_reset (settings, "default-model");
  g_settings_reset (settings, "default-mode");
  g_settings_reset (settings, "default-duration");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  /* Not unique: the program started by the autosave test must not find this one. */
  test_app = kling_test_app_new ();

  g_test_add ("/editor/brush-erase-undo", Fixture, NULL, fixture_set_up, test_brush_erase_undo, fixture_tear_down);
  g_test_add ("/editor/trajectory-clicks", Fixture, NULL, fixture_set_up, test_trajectory_clicks, fixture_tear_down);
  g_test_add ("/editor/freehand-77", Fixture, NULL, fixture_set_up, test_freehand_at_most_77, fixture_tear_down);
  g_test_add ("/editor/fill-object", Fixture, NULL, fixture_set_up, test_fill_object, fixture_tear_down);
  g_test_add ("/editor/overlay-colours", Fixture, NULL, fixture_set_up, test_overlay_colours, fixture_tear_down);
  g_test_add ("/editor/overlay-shows-what-is-sent", Fixture, NULL, fixture_set_up, test_overlay_shows_what_is_sent, fixture_tear_down);
  g_test_add ("/editor/draft-round-trip", Fixture, NULL, fixture_set_up, test_draft_round_trip, fixture_tear_down);
  g_test_add ("/editor/autosave-after-kill", Fixture, NULL, fixture_set_up, test_autosave_after_kill, fixture_tear_down);
  g_test_add ("/editor/copy-request", Fixture, NULL, fixture_set_up, test_copy_request, fixture_tear_down);
  g_test_add ("/editor/crisp-zoom", Fixture, NULL, fixture_set_up, test_crisp_zoom, fixture_tear_down);
  g_test_add ("/editor/crisp-overlay", Fixture, NULL, fixture_set_up, test_crisp_overlay, fixture_tear_down);
  g_test_add ("/editor/crisp-hidpi", Fixture, NULL, fixture_set_up, test_crisp_hidpi, fixture_tear_down);
  g_test_add ("/editor/clear-one-step", Fixture, NULL, fixture_set_up, test_clear_is_one_step, fixture_tear_down);
  g_test_add ("/editor/generation-defaults", Fixture, NULL, fixture_set_up, test_generation_defaults, fixture_tear_down);
  g_test_add ("/editor/narrow-window", Fixture, NULL, fixture_set_up, test_narrow_window, fixture_tear_down);
  g_test_add ("/editor/bad-image-banner", Fixture, NULL, fixture_set_up, test_bad_image_banner, fixture_tear_down);

  return g_test_run ();
}
