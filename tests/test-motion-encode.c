/* test-motion-encode.c — the motion exported as a clip: an H.264 MP4 that
 * GStreamer plays back with the object moving along its path, an animated
 * GIF that gdk-pixbuf reads, progress, and a cancelled export that leaves
 * nothing behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "kling-motion-encode.h"
#include "kling-test-motion.h"
#include "kling-test-wait.h"

#define W 240
#define H 180
#define RADIUS 16.0

static const KlingPoint route[] = { { 50, 50 }, { 190, 60 }, { 150, 140 } };

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-motion-encode-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static KlingMotionScene *
make_scene (void)
{
  g_autoptr(GdkPixbuf) picture = kling_test_motion_picture (W, H, route[0].x, route[0].y, RADIUS);
  g_autoptr(KlingMask) region = kling_test_motion_disc_mask (W, H, route[0].x, route[0].y, RADIUS + 3);
  KlingMotionScene *scene = kling_motion_scene_new (picture);

  kling_motion_scene_set_region (scene, 1, region, route, G_N_ELEMENTS (route));
  return scene;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct {
  guint  n_frames;   /* of the clip, to find t */
  guint  checked;
  double worst;
} Follow;

/* Every frame of the clip: the object is where the path says at that t. */
static void
check_frame (guint         index,
             const guint8 *rgba,
             int           width,
             int           height,
             int           stride,
             gpointer      user_data)
{
  Follow *follow = user_data;
  double t = (double) index / (follow->n_frames - 1), want_x, want_y, x, y;

  g_assert_cmpint (width, ==, W);
  g_assert_cmpint (height, ==, H);
  kling_motion_position_at (route, G_N_ELEMENTS (route), t, &want_x, &want_y);
  g_assert_true (kling_test_motion_centroid (rgba, width, height, stride, 4, &x, &y));
  follow->worst = MAX (follow->worst, hypot (x - want_x, y - want_y));
  follow->checked++;
}

static void
test_mp4 (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autofree char *path_mp4 = g_build_filename (fixture->dir, "motion.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path_mp4);
  g_autoptr(GError) error = NULL;
  Follow follow = { kling_motion_count_frames (1.0, 30), 0, 0 };
  guint n;

  if (kling_motion_find_h264_encoder () == NULL)
    {
      g_test_skip ("no H.264 encoder installed");
      return;
    }
  g_assert_true (kling_motion_encode (scene, KLING_MOTION_FORMAT_MP4, file, 0, 0, 30, 1.0,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  n = kling_test_motion_decode (path_mp4, check_frame, &follow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 30);
  g_assert_cmpuint (follow.checked, ==, 30);
  g_test_message ("worst distance from the path: %.2f px", follow.worst);
  g_assert_cmpfloat (follow.worst, <, 3.0);
}

/* gdk-pixbuf's animation clock is a GTimeVal. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static guint
check_gif_frames (GdkPixbufAnimation *animation)
{
  GTimeVal time = { 0, 0 };
  g_autoptr(GdkPixbufAnimationIter) iter = gdk_pixbuf_animation_get_iter (animation, &time);
  guint n_frames = 0;

  for (;;)
    {
      GdkPixbuf *frame = gdk_pixbuf_animation_iter_get_pixbuf (iter);
      int delay = gdk_pixbuf_animation_iter_get_delay_time (iter);
      double t = n_frames / 9.0, want_x, want_y, x, y;

      g_assert_true (kling_test_motion_centroid (gdk_pixbuf_read_pixels (frame),
                                                 W, H, gdk_pixbuf_get_rowstride (frame),
                                                 gdk_pixbuf_get_n_channels (frame), &x, &y));
      kling_motion_position_at (route, G_N_ELEMENTS (route), t, &want_x, &want_y);
      g_assert_cmpfloat (hypot (x - want_x, y - want_y), <, 2.0);
      if (++n_frames == 10)
        return n_frames;
      g_assert_cmpint (delay, ==, 100);
      g_time_val_add (&time, delay * 1000);
      g_assert_true (gdk_pixbuf_animation_iter_advance (iter, &time));
    }
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* gdk-pixbuf reads the GIF back: its size, first and last frame. */
static void
test_gif (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KlingMotionScene) scene = make_scene ();
  g_autofree char *path_gif = g_build_filename (fixture->dir, "motion.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path_gif);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbufAnimation) animation = NULL;

  g_assert_true (kling_motion_encode (scene, KLING_MOTION_FORMAT_GIF, file, 0, 0, 10, 1.0,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  animation = gdk_pixbuf_animation_new_from_file (path_gif, &error);
  g_assert_no_error (error);
  g_assert_false (gdk_pixbuf_animation_is_static_image (animation));
  g_assert_cmpint (gdk_pixbuf_animation_get_width (animation), ==, W);
  g_assert_cmpint (gdk_pixbuf_animation_get_height (animation), ==, H);

  g_assert_cmpuint (check_gif_frames (animation), ==, 10);
}

typedef struct {
  GCancellable *cancellable;
  GMainLoop    *loop;
  double        last;
  guint         calls;
  gboolean      done;
  GError       *error;
} Watch;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Watch *watch = user_data;

  g_assert_cmpfloat (fraction, >, watch->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  watch->last = fraction;
  watch->calls++;
  if (watch->cancellable != NULL && fraction > 0.2)
    g_cancellable_cancel (watch->cancellable);
}

static void
on_encoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Watch *watch = user_data;

  kling_motion_encode_finish (result, &watch->error);
  watch->done = TRUE;
}

/* The editor's export: in a thread, with progress in the main context; the
 * scene can go at once (the export renders a copy). */
static void
test_async_progress (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path_gif = g_build_filename (fixture->dir, "sketch.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path_gif);
  Watch watch = { 0 };

  {
    g_autoptr(KlingMotionScene) scene = make_scene ();

    kling_motion_encode_async (scene, KLING_MOTION_FORMAT_GIF, file, W / 2, H / 2, 30, 2.0,
                               NULL, on_progress, &watch, on_encoded, &watch);
  }
  g_assert_true (kling_test_run_until (&watch.done, KLING_TEST_PATIENCE_MS));
  g_assert_no_error (watch.error);
  g_assert_cmpfloat (watch.last, ==, 1.0);
  g_assert_cmpuint (watch.calls, >=, 10);
  g_assert_true (g_file_test (path_gif, G_FILE_TEST_IS_REGULAR));
}

/* Cancelled half way: an error that says so, and no file, not even a part. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path_mp4 = g_build_filename (fixture->dir, "cancelled.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path_mp4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KlingMotionScene) scene = make_scene ();
  Watch watch = { cancellable };

  if (kling_motion_find_h264_encoder () == NULL)
    {
      g_test_skip ("no H.264 encoder installed");
      return;
    }
  kling_motion_encode_async (scene, KLING_MOTION_FORMAT_MP4, file, 0, 0, 30, 3.0,
                             cancellable, on_progress, &watch, on_encoded, &watch);
  g_assert_true (kling_test_run_until (&watch.done, KLING_TEST_PATIENCE_MS));
  g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (watch.last, <, 1.0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&watch.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/motion-encode/mp4", Fixture, NULL, fixture_set_up, test_mp4, fixture_tear_down);
  g_test_add ("/motion-encode/gif", Fixture, NULL, fixture_set_up, test_gif, fixture_tear_down);
  g_test_add ("/motion-encode/async-progress", Fixture, NULL,
              fixture_set_up, test_async_progress, fixture_tear_down);
  g_test_add ("/motion-encode/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
