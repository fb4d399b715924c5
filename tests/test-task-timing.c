/* test-task-timing.c — a generation keeps its paths' timing across a restart
 *
 * An eased path is submitted (the task written as the window writes it),
 * the app starts again on the same data folder, and then the player's
 * "asked" ring at mid-clip sits where the eased region is at that time, not
 * where constant speed would put it, and Open in Editor gives back the path
 * as drawn with its easing, which sends the very same points again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-editor-page-private.h"
#include "kling-history-view.h"
#include "kling-motion-overlay.h"
#include "kling-task-store.h"
#include "kling-test-ui.h"
#include "kling-test-wait.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 400
/* Region 1's path: a straight line, eased in. At mid-clip an eased-in
 * region has gone a quarter of the way (kling_timing_progress()). */
#define PATH_X0 100
#define PATH_X1 540
#define PATH_Y 200
#define EASED_MID_X (PATH_X0 + (PATH_X1 - PATH_X0) * 0.25)

static KlingApplication *test_app;

static KlingRequest *
make_eased_request (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  g_autofree char *png = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new (IMAGE_W, IMAGE_H);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new ();
  KlingRequest *request = kling_request_new ();

  gdk_pixbuf_fill (pixbuf, 0x506070ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", NULL, NULL));
  bytes = g_bytes_new (png, length);
  image = kling_image_new_from_bytes (bytes, "timing.png", NULL);
  g_assert_nonnull (image);

  kling_mask_paint_dab (mask, PATH_X0, PATH_Y, 30, 1.0, FALSE, NULL);
  kling_trajectory_append (path, PATH_X0, PATH_Y);
  kling_trajectory_append (path, PATH_X1, PATH_Y);
  kling_trajectory_set_timing (path, KLING_TIMING_EASE_IN);

  kling_request_set_image (request, image);
  kling_request_set_model (request, "kling-v1");
  kling_request_set_mode (request, "pro");
  kling_request_set_duration (request, "5");
  kling_request_set_prompt (request, "a kite eases in");
  kling_request_add_dynamic (request, mask, path);
  return request;
}

/* The first run: Generate keeps the task with the request it was built
 * from, then the app quits (the store goes). */
static char *
submit_eased_path (void)
{
  g_autoptr(KlingTaskStore) store = kling_task_store_new (kling_task_store_default_dir ());
  g_autoptr(KlingRequest) request = make_eased_request ();
  g_autoptr(GBytes) body = kling_request_build_body (request, NULL);
  g_autoptr(GError) error = NULL;
  KlingTask *task;

  g_assert_nonnull (body);
  task = kling_task_store_create_full (store, body, request, "http://127.0.0.1:1", KLING_AUTH_BEARER, &error);
  g_assert_no_error (error);
  kling_task_set_task_id (task, "timing-task");
  kling_task_set_state (task, KLING_TASK_STATE_SUCCEEDED);
  g_assert_true (kling_task_store_save (store, task, &error));
  return g_strdup (kling_task_get_local_id (task));
}

static void
overlay_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KlingMotionOverlay **overlay = user_data;
  g_autoptr(GError) error = NULL;

  *overlay = kling_motion_overlay_load_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

/* The player's ring at @t, drawn over the image at its own size: the
 * centre of the pixels in region 1's colour (pure green here). */
static void
find_asked_ring (KlingTask *task,
                 double     t,
                 double    *x,
                 double    *y)
{
  GdkRGBA colors[KLING_DRAFT_N_REGIONS] = { { 0 } };
  g_autoptr(KlingMotionOverlay) overlay = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, IMAGE_W, IMAGE_H);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (0, 0, IMAGE_W, IMAGE_H);
  cairo_t *cr = cairo_create (surface);
  double sum_x = 0, sum_y = 0;
  guint n = 0;

  colors[1] = (GdkRGBA) { 0, 1, 0, 1 };
  kling_motion_overlay_load_async (kling_task_get_folder (task), colors, NULL, overlay_loaded_cb, &overlay);
  g_assert_true (kling_test_wait_for (is_set, &overlay, KLING_TEST_PATIENCE_MS));
  kling_motion_overlay_draw_asked (overlay, cr, &rect, t);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int py = 0; py < IMAGE_H; py++)
    for (int px = 0; px < IMAGE_W; px++)
      {
        guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface) +
                                      py * cairo_image_surface_get_stride (surface)))[px];
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        if (g > 200 && r < 90 && b < 90)
          {
            sum_x += px + 0.5;
            sum_y += py + 0.5;
            n++;
          }
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n, >, 20);
  *x = sum_x / n;
  *y = sum_y / n;
}

static JsonNode *
sent_points (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *entry;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  entry = json_array_get_object_element (json_object_get_array_member (root, "dynamic_masks"), 0);
  return json_node_copy (json_object_get_member (entry, "trajectories"));
}

static gboolean
editor_shown (gpointer window)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (KLING_WINDOW (window)->view_stack), "editor") == 0;
}

static void
test_timing_after_restart (void)
{
  g_autofree char *local_id = submit_eased_path ();
  /* The app again, on the same data folder: its store reads the tasks. */
  KlingWindow *window = kling_window_new (test_app);
  KlingTaskStore *store = kling_application_get_store (test_app);
  KlingTask *task = kling_task_store_find (store, local_id);
  g_autoptr(GBytes) first_body = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(JsonNode) first_points = NULL;
  g_autoptr(JsonNode) again_points = NULL;
  g_autoptr(GError) error = NULL;
  KlingEditorPage *page;
  KlingTrajectory *path;
  GtkWidget *canvas;
  double x, y;

  g_assert_nonnull (task);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));

  /* The player's ring at mid-clip: a quarter of the way, as eased. */
  find_asked_ring (task, 0.5, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, EASED_MID_X + 0.5, 1.0);
  g_assert_cmpfloat_with_epsilon (y, PATH_Y + 0.5, 1.0);

  /* Open in Editor: the path as drawn, eased in. */
  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  g_assert_true (gtk_widget_activate_action (kling_history_view_get_row (window->history, task),
                                             "row.open-in-editor", NULL));
  g_assert_true (kling_test_wait_for (editor_shown, window, KLING_TEST_PATIENCE_MS));
  path = kling_document_get_trajectory (kling_test_document (window), 1);
  g_assert_nonnull (path);
  g_assert_cmpuint (kling_trajectory_get_n_points (path), ==, 2);
  g_assert_cmpint (kling_trajectory_get_timing (path), ==, KLING_TIMING_EASE_IN);

  /* The trajectory tool's options say so for region 1. */
  canvas = GTK_WIDGET (kling_test_canvas (window));
  kling_test_wait_frame (canvas);
  kling_test_key (canvas, "1 t");
  page = kling_test_editor (window);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, page->timing_dropdown, KLING_TEST_PATIENCE_MS));
  g_assert_cmpuint (gtk_drop_down_get_selected (page->timing_dropdown), ==, KLING_TIMING_EASE_IN);
  kling_test_save_screenshot (GTK_WIDGET (window), "task-timing-editor");

  /* Sent again, the same points go. */
  first_body = kling_task_build_body (task, &error);
  g_assert_no_error (error);
  again = kling_editor_page_build_body (page, NULL, &error);
  g_assert_no_error (error);
  first_points = sent_points (first_body);
  again_points = sent_points (again);
  g_assert_true (json_node_equal (first_points, again_points));

  kling_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  kling_test_ui_init (&argc, &argv);
  dir = kling_test_make_dir ("task-timing");
  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);
  test_app = kling_test_app_new ();
  g_test_add_func ("/task-timing/after-restart", test_timing_after_restart);
  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
