/* test-fal-render.c — the fake fal queue answers with the artist's picture
 * moving, rendered from what the app sent (the image and mask data: URIs,
 * the path, the duration) by the same renderer as the fake Kling server
 *
 * The request is sent by the app's core through fal's queue, the clip saved
 * as the app saves it, then decoded by GStreamer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-fake-fal-server.h"
#include "kling-poller.h"
#include "kling-request.h"
#include "kling-test-media.h"
#include "kling-test-motion.h"
#include "kling-test-wait.h"

#define KEY "fal-render-key"
#define W 480
#define H 320
#define RADIUS 24.0
/* The painted disc travels from here to there, down to the right: off the
 * middle row, so a path read with the wrong origin ends elsewhere. */
#define FROM_X 120
#define FROM_Y 100
#define TO_X 360
#define TO_Y 220

typedef struct {
  guint  n_frames;
  int    width;
  int    height;
  double first[2];
  double last[2];
} Clip;

static void
on_frame (guint         index,
          const guint8 *rgba,
          int           width,
          int           height,
          int           stride,
          gpointer      user_data)
{
  Clip *clip = user_data;
  double *at = index == 0 ? clip->first : clip->last;

  clip->n_frames = index + 1;
  clip->width = width;
  clip->height = height;
  g_assert_true (kling_test_motion_centroid (rgba, width, height, stride, 4, &at[0], &at[1]));
}

static KlingRequest *
moving_disc (void)
{
  g_autoptr(GdkPixbuf) picture = kling_test_motion_picture (W, H, FROM_X, FROM_Y, RADIUS);
  g_autoptr(KlingMask) region = kling_test_motion_disc_mask (W, H, FROM_X, FROM_Y, RADIUS + 4);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new ();
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  KlingRequest *request = kling_request_new ();
  char *buffer = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (picture, &buffer, &length, "png", &error, NULL));
  png = g_bytes_new_take (buffer, length);
  image = kling_image_new_from_bytes (png, "picture.png", &error);
  g_assert_no_error (error);
  kling_request_set_image (request, image);
  kling_request_set_model (request, "kling-v1");
  kling_request_set_mode (request, "std");
  kling_request_set_prompt (request, "The disc glides down to the right");
  kling_trajectory_append (path, FROM_X, FROM_Y);
  kling_trajectory_append (path, TO_X, TO_Y);
  kling_request_add_dynamic (request, region, path);
  return request;
}

static gboolean
video_saved (gpointer task)
{
  return kling_task_get_video_path (task) != NULL || kling_task_get_state (task) == KLING_TASK_STATE_FAILED;
}

static void
test_clip_shows_the_request (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("kling-fal-render-XXXXXX", NULL);
  g_autofree char *tasks = g_build_filename (tmp, "tasks", NULL);
  g_autoptr(KlingFakeFalServer) server = kling_fake_fal_server_new (KEY);
  g_autoptr(KlingRequest) request = moving_disc ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(KlingPoller) poller = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GError) error = NULL;
  double scale;
  Clip clip = { 0 };

  kling_fake_fal_server_set_timing (server, 0, 10);
  client = kling_client_new_fal (kling_fake_fal_server_start (server, 0, &error), KEY, &error);
  g_assert_no_error (error);
  store = kling_task_store_new (tasks);
  g_assert_true (kling_task_store_load (store, &error));
  body = kling_request_build_body (request, &error);
  g_assert_no_error (error);
  task = g_object_ref (kling_task_store_create (store, body, kling_client_get_base_url (client),
                                                KLING_AUTH_FAL, &error));
  g_assert_no_error (error);
  poller = kling_poller_new (store, client);
  kling_poller_set_intervals (poller, 20, 100);
  kling_poller_submit (poller, task);
  g_assert_true (kling_test_wait_for (video_saved, task, KLING_TEST_PATIENCE_MS * 2));
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_SUCCEEDED);

  kling_test_motion_decode (kling_task_get_video_path (task), on_frame, &clip, &error);
  g_assert_no_error (error);
  /* The picture's aspect ratio, and the 5 seconds asked for at 30 fps. */
  g_assert_cmpint (clip.width * H, ==, clip.height * W);
  g_assert_cmpuint (clip.n_frames, ==, 150);
  scale = (double) clip.width / W;
  g_test_message ("first frame: disc at %.1f, %.1f; last: %.1f, %.1f (scale %.2f)",
                  clip.first[0], clip.first[1], clip.last[0], clip.last[1], scale);
  /* Where it was painted at first, where its path ends at last. */
  g_assert_cmpfloat (fabs (clip.first[0] - FROM_X * scale), <, 3.0);
  g_assert_cmpfloat (fabs (clip.first[1] - FROM_Y * scale), <, 3.0);
  g_assert_cmpfloat (fabs (clip.last[0] - TO_X * scale), <, 3.0);
  g_assert_cmpfloat (fabs (clip.last[1] - TO_Y * scale), <, 3.0);

  g_clear_object (&poller);
  kling_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KLING_STUDIO_DATA_DIR", "/nonexistent-kling-fal-render-test", TRUE);
  g_test_add_func ("/fal/render/clip-shows-the-request", test_clip_shows_the_request);
  return g_test_run ();
}
