/* test-task-draft.c — "Open in editor": a kept generation back as a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "kling-task-draft.h"
#include "kling-task-store.h"

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_bytes_new_take (buffer, length);
}

static KlingRequest *
make_request (void)
{
  g_autoptr(GBytes) png = make_png (640, 400);
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "p.png", NULL);
  g_autoptr(KlingMask) still = kling_mask_new (640, 400);
  g_autoptr(KlingMask) moving = kling_mask_new (640, 400);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new_from_string ("100,120;220,90;300,150", NULL);
  KlingRequest *request = kling_request_new ();

  kling_request_set_image (request, image);
  kling_request_set_model (request, "kling-v1");
  kling_request_set_mode (request, "pro");
  kling_request_set_prompt (request, "a kite climbs");
  kling_request_set_negative_prompt (request, "blur");
  kling_request_set_cfg_scale (request, 0.25);
  kling_mask_paint_dab (still, 320, 350, 60, 1.0, FALSE, NULL);
  kling_mask_paint_dab (moving, 110, 120, 30, 1.0, FALSE, NULL);
  kling_request_set_static_mask (request, still);
  kling_request_add_dynamic (request, moving, path);
  kling_request_set_external_task_id (request, "draft-round-trip");
  return request;
}

static void
test_task_back_to_draft (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kling-task-draft-XXXXXX", NULL);
  g_autoptr(KlingTaskStore) store = kling_task_store_new (dir);
  g_autoptr(KlingRequest) request = make_request ();
  g_autoptr(GBytes) body = kling_request_build_body (request, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingDraft) draft = NULL;
  g_autoptr(KlingRequest) again = NULL;
  g_autoptr(GBytes) rebuilt = NULL;
  KlingTask *task;

  g_assert_nonnull (body);
  task = kling_task_store_create (store, body, "http://127.0.0.1:1", KLING_AUTH_BEARER, &error);
  g_assert_no_error (error);

  draft = kling_task_to_draft (task, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_request_get_prompt (draft->request), ==, "a kite climbs");
  g_assert_nonnull (draft->masks[1]);
  /* The path comes back as it was sent: drawn unevenly, it went as 77
   * points evenly spaced in time along it. */
  g_assert_cmpuint (kling_trajectory_get_n_points (draft->trajectories[1]), ==, 77);
  /* Back in the editor's top-left origin. */
  g_assert_cmpfloat (kling_trajectory_get_point (draft->trajectories[1], 0).x, ==, 100);
  g_assert_cmpfloat (kling_trajectory_get_point (draft->trajectories[1], 0).y, ==, 120);
  g_assert_cmpfloat (kling_trajectory_get_point (draft->trajectories[1], 76).x, ==, 300);
  g_assert_cmpfloat (kling_trajectory_get_point (draft->trajectories[1], 76).y, ==, 150);

  /* What the editor would send again is what was sent. */
  again = kling_draft_to_request (draft, &error);
  g_assert_no_error (error);
  kling_request_set_external_task_id (again, "draft-round-trip");
  rebuilt = kling_request_build_body (again, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   g_bytes_get_data (rebuilt, NULL), g_bytes_get_size (rebuilt));

  kling_task_store_delete (store, task, NULL);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/task-draft/back-to-draft", test_task_back_to_draft);
  return g_test_run ();
}
