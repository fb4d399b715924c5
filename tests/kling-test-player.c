/* kling-test-player.c — the player test's clip, tasks, fixture and ways to look
 *
 * The clip is made at start: 64 frames at 30 fps whose solid colour encodes
 * the frame's number (each of R, G, B on four levels), encoded to H.264 in
 * MP4. What the player shows is read back from its frames and from
 * snapshots of the widgets, so seeks and steps are checked to the frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kling-task-store.h"
#include "kling-test-player.h"

static char *clip_path;
static KlingTask *test_task;
static KlingTask *plain_task;   /* a generation without a motion brush */
static KlingTask *failed_task;  /* refused by the server: no video */

/* — the clip — */

static const guint8 levels[4] = { 0, 85, 170, 255 };

void
frame_color (int    index,
             guint8 rgb[3])
{
  rgb[0] = levels[(index >> 4) & 3];
  rgb[1] = levels[(index >> 2) & 3];
  rgb[2] = levels[index & 3];
}

static int
nearest_level (guint8 value)
{
  int best = 0;

  for (int i = 1; i < 4; i++)
    if (abs (value - levels[i]) < abs (value - levels[best]))
      best = i;
  g_assert_cmpint (abs (value - levels[best]), <, 30);
  return best;
}

static int
index_of_color (const guint8 rgba[4])
{
  return nearest_level (rgba[0]) << 4 | nearest_level (rgba[1]) << 2 | nearest_level (rgba[2]);
}

static void
make_clip (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = g_strdup_printf (
    "appsrc name=src format=time caps=video/x-raw,format=RGB,width=%d,height=%d,framerate=%d/1 ! "
    "videoconvert ! video/x-raw,format=I420 ! openh264enc ! h264parse ! mp4mux ! filesink location=\"%s\"",
    CLIP_W, CLIP_H, CLIP_FPS, path);
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GstFlowReturn ret;

  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (int i = 0; i < CLIP_FRAMES; i++)
    {
      GstBuffer *buffer = gst_buffer_new_allocate (NULL, CLIP_W * CLIP_H * 3, NULL);
      GstMapInfo map;
      guint8 rgb[3];

      frame_color (i, rgb);
      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      for (gsize p = 0; p < map.size; p += 3)
        memcpy (map.data + p, rgb, 3);
      gst_buffer_unmap (buffer, &map);
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND, CLIP_FPS);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, CLIP_FPS);
      g_signal_emit_by_name (src, "push-buffer", buffer, &ret);
      gst_buffer_unref (buffer);
      g_assert_cmpint (ret, ==, GST_FLOW_OK);
    }
  g_signal_emit_by_name (src, "end-of-stream", &ret);

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

/* — the task: image, masks and one trajectory — */

static char *
png_base64 (int      width,
            int      height,
            gboolean (*painted) (int x, int y),
            const guint8 paint[3],
            const guint8 background[3])
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3,
              painted (x, y) ? paint : background, 3);
  gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", &error, NULL);
  g_assert_no_error (error);
  return g_base64_encode ((const guchar *) data, length);
}

static gboolean
in_mask1 (int x,
          int y)
{
  return x >= MASK1_X && x < MASK1_X + MASK1_W && y >= MASK1_Y && y < MASK1_Y + MASK1_H;
}

static gboolean
in_left_half (int x,
              int y)
{
  return x < CLIP_W / 2;
}

static KlingTask *
make_task (const char *dir,
           gboolean    with_motion)
{
  static const guint8 white[3] = { 255, 255, 255 }, black[3] = { 0, 0, 0 };
  static const guint8 sky[3] = { 40, 120, 200 }, grass[3] = { 60, 160, 60 };
  g_autofree char *image = png_base64 (CLIP_W, CLIP_H, in_left_half, sky, grass);
  g_autofree char *mask = png_base64 (CLIP_W, CLIP_H, in_mask1, white, black);
  /* The API's origin is the bottom-left corner. */
  int y_api = CLIP_H - 1 - PATH_Y;
  g_autofree char *body = with_motion
    ? g_strdup_printf (
        "{\"model_name\":\"kling-v1\",\"mode\":\"pro\",\"duration\":\"5\",\"prompt\":\"test\","
        "\"image\":\"%s\",\"dynamic_masks\":[{\"mask\":\"%s\",\"trajectories\":"
        "[{\"x\":%d,\"y\":%d},{\"x\":%d,\"y\":%d},{\"x\":%d,\"y\":%d}]}],"
        "\"external_task_id\":\"player-test\"}",
        image, mask, PATH_X0, y_api, (PATH_X0 + PATH_X1) / 2, y_api, PATH_X1, y_api)
    : g_strdup_printf ("{\"model_name\":\"kling-v1\",\"prompt\":\"no motion brush\",\"image\":\"%s\","
                       "\"external_task_id\":\"player-plain\"}", image);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(KlingTaskStore) store = kling_task_store_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = kling_task_store_create (store, bytes, "http://127.0.0.1:1", KLING_AUTH_BEARER, &error);
  g_autofree char *video = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  video = g_build_filename (kling_task_get_folder (task), KLING_TASK_VIDEO_FILE, NULL);
  g_file_get_contents (clip_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (video, contents, (gssize) length, &error);
  g_assert_no_error (error);
  kling_task_set_state (task, KLING_TASK_STATE_SUCCEEDED);
  kling_task_set_video_file (task, KLING_TASK_VIDEO_FILE);
  return g_steal_pointer (&task);
}

/* — looking at the player — */

typedef struct {
  GType type;
  guint skip;   /* widgets of @type still to pass over */
} NthOfType;

static gboolean
is_nth_of_type (GtkWidget     *widget,
                gconstpointer  data)
{
  NthOfType *nth = (NthOfType *) data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, nth->type) && nth->skip-- == 0;
}

/* The first widget in the player that @match takes, depth first. */
GtkWidget *
find_in_player (Fixture              *f,
                KlingTestWidgetMatch  match,
                gconstpointer         data)
{
  GtkWidget *widget = kling_test_find_widget (GTK_WIDGET (f->player), match, data);

  g_assert_nonnull (widget);
  return widget;
}

/* The @nth widget of @type in the player, depth first. */
GtkWidget *
player_child (Fixture *f,
              GType    type,
              guint    nth)
{
  NthOfType wanted = { type, nth };

  return find_in_player (f, is_nth_of_type, &wanted);
}

/* The frame on screen, by its colour. */
int
shown_index (Fixture *f)
{
  GdkTexture *texture = kling_video_paintable_get_texture (f->video);
  guint8 rgba[4];

  g_assert_nonnull (texture);
  kling_test_pixel (texture, CLIP_W / 2, CLIP_H / 2, rgba);
  return index_of_color (rgba);
}

/* The frame on screen, by its timestamp. */
int
timestamp_index (Fixture *f)
{
  gint64 timestamp = kling_video_paintable_get_frame_timestamp (f->video);

  g_assert_cmpint (timestamp, >=, 0);
  return (int) gst_util_uint64_scale (timestamp + 1000, CLIP_FPS, G_USEC_PER_SEC);
}

gboolean
has_frame (gpointer data)
{
  Fixture *f = data;
  return kling_video_paintable_get_texture (f->video) != NULL;
}

gboolean
is_settled (gpointer data)
{
  return kling_video_paintable_is_settled (KLING_VIDEO_PAINTABLE (data));
}

/* The first frame on screen, the duration known. */
static gboolean
is_ready (gpointer data)
{
  Fixture *f = data;
  return has_frame (f) && gtk_media_stream_is_prepared (f->stream) && is_settled (f->video);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->player = KLING_PLAYER (kling_player_new ());
  f->video = kling_player_get_paintable (f->player);
  f->stream = GTK_MEDIA_STREAM (f->video);
  gtk_window_set_child (f->window, GTK_WIDGET (f->player));
  gtk_window_set_default_size (f->window, 800, 600);
  gtk_window_present (f->window);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, f->window, 5000));

  if (data != NULL)
    {
      kling_player_set_task (f->player, g_str_equal (data, "plain") ? plain_task : test_task);
      g_assert_true (kling_test_wait_for (is_ready, f, 5000));
      /* The controls are shown with the video, and laid out a frame later:
       * a click computed from their size before that (0×0) lands beside
       * them. */
      g_assert_true (kling_test_wait_for (kling_test_widget_mapped, player_child (f, GTK_TYPE_SCALE, 0), 5000));
      g_assert_true (kling_test_wait_for (kling_test_widget_mapped, player_child (f, GTK_TYPE_SCALE_BUTTON, 0), 5000));
      kling_test_wait_in_place (player_child (f, GTK_TYPE_SCALE_BUTTON, 0));
    }
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The player goes with its window, and the video with it: its pipeline
 * stopped, no frame left to show. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->video), (gpointer *) &f->video);
  gtk_window_destroy (f->window);
  g_assert_true (kling_test_wait_for (is_null, &f->video, 5000));
}

typedef struct {
  Fixture *f;
  guint64  frames;
} FrameCount;

static gboolean
frames_above (gpointer data)
{
  FrameCount *count = data;
  return kling_video_paintable_get_frames_shown (count->f->video) > count->frames;
}

void
wait_frames (Fixture *f,
             guint64  frames)
{
  FrameCount count = { f, kling_video_paintable_get_frames_shown (f->video) + frames - 1 };

  g_assert_true (kling_test_wait_for (frames_above, &count, 5000));
}

typedef struct {
  Fixture *f;
  int      index;
} FrameIndex;

static gboolean
shows_index (gpointer data)
{
  FrameIndex *wanted = data;
  return timestamp_index (wanted->f) == wanted->index;
}

void
wait_for_index (Fixture *f,
                int      index)
{
  FrameIndex wanted = { f, index };

  if (!kling_test_wait_for (shows_index, &wanted, 3000))
    g_error ("Waited for frame %d, frame %d is shown", index, timestamp_index (f));
  /* the position follows once the seek or step is over */
  g_assert_true (kling_test_wait_for (is_settled, f->video, 3000));
}

/* Pausing shows one more frame, the one the pipeline stops on. */
void
pause_and_settle (Fixture *f)
{
  gtk_media_stream_pause (f->stream);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_true (kling_test_wait_for (is_settled, f->video, 3000));
}

typedef struct {
  Fixture *f;
  gint64   from;
} Moved;

/* The stream's timestamp left @from, and what is on screen followed. */
static gboolean
moved (gpointer data)
{
  Moved *moved = data;

  return gtk_media_stream_get_timestamp (moved->f->stream) != moved->from && is_settled (moved->f->video);
}

void
wait_moved (Fixture *f,
            gint64   from)
{
  Moved wanted = { f, from };

  g_assert_true (kling_test_wait_for (moved, &wanted, 3000));
}


gboolean
stopped (gpointer data)
{
  return !gtk_media_stream_get_playing (GTK_MEDIA_STREAM (data));
}

gboolean
is_playing (gpointer data)
{
  return gtk_media_stream_get_playing (GTK_MEDIA_STREAM (data));
}

void
click_center (GtkWidget *widget)
{
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1);
}

gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

typedef struct {
  const char *action;
  int         target;   /* 0: none */
} ActionTarget;


static gboolean
names_action (GtkWidget     *widget,
              gconstpointer  data)
{
  const ActionTarget *wanted = data;
  GVariant *target;

  if (!GTK_IS_ACTIONABLE (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), wanted->action) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target == NULL ? wanted->target == 0 : g_variant_get_int32 (target) == wanted->target;
}

/* The button that activates @action with @target. */
GtkWidget *
button_for (Fixture    *f,
            const char *action,
            int         target)
{
  ActionTarget wanted = { action, target };

  return find_in_player (f, names_action, &wanted);
}

/* — the tests — */

void
kling_test_player_init (int    *argc,
                        char ***argv)
{
  g_autofree char *dir = NULL;

  kling_test_ui_init (argc, argv);
  gst_init (argc, argv);
  /* What KlingApplication does for the app's own icons */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/klingstudio/KlingStudio/icons");

  dir = kling_test_make_dir ("player");
  clip_path = g_build_filename (dir, "clip.mp4", NULL);
  make_clip (clip_path);
  test_task = make_task (dir, TRUE);
  plain_task = make_task (dir, FALSE);
  failed_task = make_task (dir, FALSE);
  kling_task_set_error_message (failed_task, "resource-exhausted",
                                "The resource pack is used up or has expired: Account balance not enough "
                                "(code 1102, HTTP 429, request id 0b7f3c2e-1d2a-4e5f-9a8b-7c6d5e4f3a2b)");
  kling_task_set_video_file (failed_task, NULL);
  kling_task_set_state (failed_task, KLING_TASK_STATE_FAILED);
}

void
kling_test_player_add (const char  *path,
                       void       (*test) (Fixture *f, gconstpointer data),
                       const char  *task)
{
  g_test_add (path, Fixture, task, fixture_set_up, test, fixture_tear_down);
}

int
kling_test_player_run (void)
{
  int status = g_test_run ();

  g_clear_object (&test_task);
  g_clear_object (&plain_task);
  g_clear_object (&failed_task);
  g_clear_pointer (&clip_path, g_free);
  return status;
}

const char *
kling_test_player_clip_path (void)
{
  return clip_path;
}

KlingTask *
kling_test_player_failed_task (void)
{
  return failed_task;
}
