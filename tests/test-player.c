/* test-player.c — the video player, driven like a person would
 *
 * The clip is made at start: 64 frames at 30 fps whose solid colour encodes
 * the frame's number (each of R, G, B on four levels), encoded to H.264 in
 * MP4. What the player shows is read back from its frames and from
 * snapshots of the widgets, so seeks and steps are checked to the frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kling-player.h"
#include "kling-task-store.h"
#include "kling-test-ui.h"

#define CLIP_W 320
#define CLIP_H 240
#define CLIP_FRAMES 64
#define CLIP_FPS 30
/* GtkMediaStream's times are in microseconds. */
#define FRAME_US (G_USEC_PER_SEC / CLIP_FPS)
/* The timestamp of frame @i, as the muxer rounds it (in ns) and as the
 * stream reports it. */
#define FRAME_TIME(i) ((gint64) gst_util_uint64_scale_round ((i), GST_SECOND, CLIP_FPS) / GST_USECOND)
/* Region 1's default colour (kling-draft.c) and its path, in image pixels
 * with the top-left origin: a horizontal line through the middle. */
#define REGION1_RGB 0xe0, 0x1b, 0x24
#define PATH_Y 120
#define PATH_X0 40
#define PATH_X1 280
#define MASK1_X 60
#define MASK1_Y 40
#define MASK1_W 80
#define MASK1_H 60

static char *clip_path;
static KlingTask *test_task;
static KlingTask *plain_task;   /* a generation without a motion brush */
static KlingTask *failed_task;  /* refused by the server: no video */

typedef struct {
  GtkWindow           *window;
  KlingPlayer         *player;
  KlingVideoPaintable *video;
  GtkMediaStream      *stream;   /* the same, as GTK sees it */
} Fixture;

/* — the clip — */

static const guint8 levels[4] = { 0, 85, 170, 255 };

static void
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
static GtkWidget *
find_in_player (Fixture              *f,
                KlingTestWidgetMatch  match,
                gconstpointer         data)
{
  GtkWidget *widget = kling_test_find_widget (GTK_WIDGET (f->player), match, data);

  g_assert_nonnull (widget);
  return widget;
}

/* The @nth widget of @type in the player, depth first. */
static GtkWidget *
player_child (Fixture *f,
              GType    type,
              guint    nth)
{
  NthOfType wanted = { type, nth };

  return find_in_player (f, is_nth_of_type, &wanted);
}

/* The frame on screen, by its colour. */
static int
shown_index (Fixture *f)
{
  GdkTexture *texture = kling_video_paintable_get_texture (f->video);
  guint8 rgba[4];

  g_assert_nonnull (texture);
  kling_test_pixel (texture, CLIP_W / 2, CLIP_H / 2, rgba);
  return index_of_color (rgba);
}

/* The frame on screen, by its timestamp. */
static int
timestamp_index (Fixture *f)
{
  gint64 timestamp = kling_video_paintable_get_frame_timestamp (f->video);

  g_assert_cmpint (timestamp, >=, 0);
  return (int) gst_util_uint64_scale (timestamp + 1000, CLIP_FPS, G_USEC_PER_SEC);
}

static gboolean
has_frame (gpointer data)
{
  Fixture *f = data;
  return kling_video_paintable_get_texture (f->video) != NULL;
}

static gboolean
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

static void
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

static void
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
static void
pause_and_settle (Fixture *f)
{
  gtk_media_stream_pause (f->stream);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_true (kling_test_wait_for (is_settled, f->video, 3000));
}

/* — tests — */

static void
test_play_shows_frames (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GdkTexture) snapshot = NULL;
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  guint8 rgba[4], expected[3];
  gint64 position;
  int index;

  /* Loaded paused on the first frame, which is shown. */
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (shown_index (f), ==, 0);
  g_assert_cmpint (gtk_media_stream_get_duration (f->stream) / 1000, >=, 2100);
  g_assert_cmpfloat_with_epsilon (kling_video_paintable_get_framerate (f->video), CLIP_FPS, 0.01);

  gtk_media_stream_play (f->stream);
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  wait_frames (f, 15);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-playing");
  pause_and_settle (f);

  index = shown_index (f);
  position = gtk_media_stream_get_timestamp (f->stream);
  g_assert_cmpint (index, >=, 14);
  g_assert_cmpint (index, ==, timestamp_index (f));
  g_assert_cmpint (llabs (position - index * FRAME_US), <=, FRAME_US);

  /* What is on screen is that frame, in the middle of the picture. */
  snapshot = kling_test_snapshot (picture);
  kling_test_pixel (snapshot, gtk_widget_get_width (picture) / 2, gtk_widget_get_height (picture) / 2, rgba);
  frame_color (index, expected);
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (abs (rgba[c] - expected[c]), <, 30);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-paused");
}

static void
test_pause_stops_frames (Fixture       *f,
                         gconstpointer  data)
{
  guint64 frames;
  gint64 position;

  gtk_media_stream_play (f->stream);
  wait_frames (f, 5);
  pause_and_settle (f);
  g_assert_false (gtk_media_stream_get_playing (f->stream));

  frames = kling_video_paintable_get_frames_shown (f->video);
  position = gtk_media_stream_get_timestamp (f->stream);
  kling_test_wait (500);
  g_assert_cmpuint (kling_video_paintable_get_frames_shown (f->video), ==, frames);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, position);
}

static void
test_seek_lands (Fixture       *f,
                 gconstpointer  data)
{
  /* Paused: the frame at 1 s is shown. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC);
  wait_for_index (f, CLIP_FPS);
  g_assert_cmpint (shown_index (f), ==, CLIP_FPS);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (CLIP_FPS));

  /* Playing: it goes on from there. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC / 2);
  wait_for_index (f, CLIP_FPS / 2);
  gtk_media_stream_play (f->stream);
  wait_frames (f, 3);
  pause_and_settle (f);
  g_assert_cmpint (shown_index (f), >, CLIP_FPS / 2);
  g_assert_cmpint (shown_index (f), <, CLIP_FPS / 2 + 20);
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

static void
wait_moved (Fixture *f,
            gint64   from)
{
  Moved wanted = { f, from };

  g_assert_true (kling_test_wait_for (moved, &wanted, 3000));
}

static void
test_seek_bar (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *scale = player_child (f, GTK_TYPE_SCALE, 0);
  GtkWidget *label = gtk_widget_get_next_sibling (scale);
  int width = gtk_widget_get_width (scale);
  int index;

  /* The time as text, and the bar following the position. */
  gtk_media_stream_seek (f->stream, G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  wait_for_index (f, 45);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "0:01 / 0:02");
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), 1.5, 0.001);

  /* A click on the bar seeks there (GtkScale jumps to a primary click). */
  kling_test_click (scale, width * 0.25, gtk_widget_get_height (scale) / 2.0, 1);
  wait_moved (f, G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  index = shown_index (f);
  g_assert_cmpint (index, <, 30);
  g_assert_cmpint (index, >, 3);
  g_assert_cmpint (index, ==, timestamp_index (f));
}

static gboolean
wrapped (gpointer data)
{
  Fixture *f = data;
  return timestamp_index (f) < 20;
}

static gboolean
stopped (gpointer data)
{
  return !gtk_media_stream_get_playing (GTK_MEDIA_STREAM (data));
}

static void
test_loop_restarts (Fixture       *f,
                    gconstpointer  data)
{
  /* Without loop, the end stops playback on the last frame. */
  gtk_media_stream_seek (f->stream, 1900 * 1000);
  wait_for_index (f, 57);
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (stopped, f->video, 3000));
  g_assert_true (gtk_media_stream_get_ended (f->stream));
  wait_for_index (f, CLIP_FRAMES - 1);
  g_assert_cmpint (shown_index (f), ==, CLIP_FRAMES - 1);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, gtk_media_stream_get_duration (f->stream));

  /* Play at the end starts from the beginning. */
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (wrapped, f, 3000));
  pause_and_settle (f);
  g_assert_cmpint (shown_index (f), <, 20);

  /* With loop, it starts again and frames keep coming. */
  gtk_media_stream_set_loop (f->stream, TRUE);
  gtk_media_stream_seek (f->stream, 1900 * 1000);
  wait_for_index (f, 57);
  gtk_media_stream_play (f->stream);
  g_assert_true (kling_test_wait_for (wrapped, f, 3000));
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  wait_frames (f, 5);
  g_assert_true (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), <, G_USEC_PER_SEC);
  g_assert_cmpint (timestamp_index (f), <, 30);
}

static void
test_frame_step (Fixture       *f,
                 gconstpointer  data)
{
  guint64 frames;

  gtk_media_stream_seek (f->stream, 10 * FRAME_US + FRAME_US / 2);
  wait_for_index (f, 10);
  frames = kling_video_paintable_get_frames_shown (f->video);

  kling_video_paintable_step_frame (f->video, TRUE);
  wait_for_index (f, 11);
  g_assert_cmpint (shown_index (f), ==, 11);
  kling_video_paintable_step_frame (f->video, TRUE);
  wait_for_index (f, 12);
  g_assert_cmpint (shown_index (f), ==, 12);
  g_assert_cmpuint (kling_video_paintable_get_frames_shown (f->video), ==, frames + 2);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (12));

  kling_video_paintable_step_frame (f->video, FALSE);
  wait_for_index (f, 11);
  g_assert_cmpint (shown_index (f), ==, 11);
  kling_video_paintable_step_frame (f->video, FALSE);
  wait_for_index (f, 10);
  g_assert_cmpint (shown_index (f), ==, 10);
  /* and stays there: the steps did not start playing */
  kling_test_wait (300);
  g_assert_cmpint (shown_index (f), ==, 10);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
}

static gboolean
is_playing (gpointer data)
{
  return gtk_media_stream_get_playing (GTK_MEDIA_STREAM (data));
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);

  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  wait_frames (f, 3);
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (stopped, f->video, 2000));

  gtk_media_stream_seek (f->stream, FRAME_TIME (20) + FRAME_US / 2);
  wait_for_index (f, 20);
  kling_test_key (picture, "period");
  wait_for_index (f, 21);
  kling_test_key (picture, "comma");
  wait_for_index (f, 20);
  g_assert_cmpint (shown_index (f), ==, 20);

  kling_test_key (picture, "l");
  g_assert_true (gtk_media_stream_get_loop (f->stream));
  kling_test_key (picture, "m");
  g_assert_true (gtk_media_stream_get_muted (f->stream));
  kling_test_key (picture, "m");
  g_assert_false (gtk_media_stream_get_muted (f->stream));

  /* Space wins over a focused button of the player. */
  gtk_widget_grab_focus (player_child (f, GTK_TYPE_TOGGLE_BUTTON, 0));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  g_assert_true (gtk_media_stream_get_loop (f->stream));
}

static void
click_center (GtkWidget *widget)
{
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1);
}

static gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* In the volume's popup, Space and the arrows are the popup's. */
static void
test_keys_in_popup (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *volume = player_child (f, GTK_TYPE_SCALE_BUTTON, 0);
  GtkWidget *slider = player_child (f, GTK_TYPE_SCALE, 1);
  gint64 timestamp = gtk_media_stream_get_timestamp (f->stream);

  click_center (volume);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, slider, 3000));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), volume));
  kling_test_key (slider, "space Right");
  kling_test_wait (300);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, timestamp);

  /* Escape closes the popup, and the keys are the player's again. */
  kling_test_key (slider, "Escape");
  g_assert_true (kling_test_wait_for (unmapped, slider, 3000));
  kling_test_key (player_child (f, GTK_TYPE_PICTURE, 0), "space");
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
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
static GtkWidget *
button_for (Fixture    *f,
            const char *action,
            int         target)
{
  ActionTarget wanted = { action, target };

  return find_in_player (f, names_action, &wanted);
}

/* Steps with @key (or the button, for NULL) and checks that the
 * stream's timestamp moved by one frame in @direction. */
static void
step_one_frame (Fixture    *f,
                const char *key,
                int         direction)
{
  gint64 from = gtk_media_stream_get_timestamp (f->stream);
  int index = timestamp_index (f);

  if (key != NULL)
    kling_test_key (player_child (f, GTK_TYPE_PICTURE, 0), key);
  else
    click_center (button_for (f, "player.step", direction));
  wait_moved (f, from);
  g_assert_cmpint (llabs (gtk_media_stream_get_timestamp (f->stream) - from - direction * FRAME_US), <=, 1);
  g_assert_cmpint (timestamp_index (f), ==, index + direction);
  g_assert_cmpint (shown_index (f), ==, index + direction);
}

/* The play button and Space go through player.toggle-play; the step keys
 * and buttons through player.step, one frame each. */
static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  GtkWidget *play = button_for (f, "player.toggle-play", 0);

  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  click_center (play);
  g_assert_true (kling_test_wait_for (is_playing, f->video, 2000));
  kling_test_key (picture, "space");
  g_assert_true (kling_test_wait_for (stopped, f->video, 2000));
  g_assert_true (kling_test_wait_for (is_settled, f->video, 3000));

  /* With the action off, neither plays. */
  gtk_widget_action_set_enabled (GTK_WIDGET (f->player), "player.toggle-play", FALSE);
  g_assert_false (gtk_widget_get_sensitive (play));
  /* The play button had the focus, and lost it with its action. */
  gtk_widget_grab_focus (GTK_WIDGET (f->player));
  click_center (play);
  kling_test_key (picture, "space");
  kling_test_wait (300);
  g_assert_false (gtk_media_stream_get_playing (f->stream));
  gtk_widget_action_set_enabled (GTK_WIDGET (f->player), "player.toggle-play", TRUE);
  g_assert_true (gtk_widget_get_sensitive (play));

  /* Each step is one frame. */
  gtk_media_stream_seek (f->stream, FRAME_TIME (20) + FRAME_US / 2);
  wait_for_index (f, 20);
  /* The seek landed inside frame 20; a step goes to frame 21's start. */
  kling_test_key (picture, "period");
  wait_for_index (f, 21);
  step_one_frame (f, "period", 1);
  step_one_frame (f, NULL, 1);
  step_one_frame (f, NULL, -1);
  step_one_frame (f, "comma", -1);
  step_one_frame (f, "comma", -1);
  g_assert_cmpint (timestamp_index (f), ==, 20);
  g_assert_cmpint (gtk_media_stream_get_timestamp (f->stream), ==, FRAME_TIME (20));
  g_assert_false (gtk_media_stream_get_playing (f->stream));
}

/* Where the picture draws image pixel (@x, @y), the image being stretched
 * over the video's 4:3 frame. */
static void
image_to_widget (GtkWidget *picture,
                 double     x,
                 double     y,
                 int       *wx,
                 int       *wy)
{
  double width = gtk_widget_get_width (picture), height = gtk_widget_get_height (picture);
  double scale = MIN (width / CLIP_W, height / CLIP_H);
  double left = floor ((width - ceil (CLIP_W * scale)) / 2);
  double top = floor ((height - ceil (CLIP_H * scale)) / 2);

  *wx = (int) (left + (x + 0.5) * scale);
  *wy = (int) (top + (y + 0.5) * scale);
}

static void
assert_color (GdkTexture   *texture,
              int           x,
              int           y,
              const guint8  expected[3],
              int           tolerance)
{
  guint8 rgba[4];

  kling_test_pixel (texture, x, y, rgba);
  for (int c = 0; c < 3; c++)
    if (abs (rgba[c] - expected[c]) > tolerance)
      g_error ("(%d, %d) is #%02x%02x%02x, not #%02x%02x%02x", x, y, rgba[0], rgba[1], rgba[2],
               expected[0], expected[1], expected[2]);
}

static gboolean
paths_ready (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* The video and the image in a column in a narrow window. */
static gboolean
stacked (gpointer picture)
{
  GtkWidget *media_box = gtk_widget_get_parent (gtk_widget_get_parent (picture));

  return gtk_orientable_get_orientation (GTK_ORIENTABLE (media_box)) == GTK_ORIENTATION_VERTICAL &&
         gtk_widget_get_width (picture) >= 390;
}

static void
test_paths_overlay (Fixture       *f,
                    gconstpointer  data)
{
  static const guint8 red[3] = { REGION1_RGB }, sky[3] = { 40, 120, 200 }, grass[3] = { 60, 160, 60 };
  GtkWidget *picture = player_child (f, GTK_TYPE_PICTURE, 0);
  GtkWidget *overlay = gtk_widget_get_parent (picture);
  GtkWidget *paths_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 1);
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) with_paths = NULL;
  g_autoptr(GdkTexture) side = NULL;
  GtkWidget *image_picture;
  guint8 video[3], mask_pixel[4];
  int x, y, mx, my;

  g_assert_true (kling_test_wait_for (paths_ready, paths_button, 5000));
  gtk_media_stream_seek (f->stream, FRAME_TIME (5) + FRAME_US / 2);
  wait_for_index (f, 5);
  frame_color (5, video);

  image_to_widget (picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  image_to_widget (picture, MASK1_X + MASK1_W / 2.0, MASK1_Y + MASK1_H / 2.0, &mx, &my);
  plain = kling_test_snapshot (overlay);
  assert_color (plain, x, y, video, 30);

  /* The toggle, clicked: the path in region 1's colour, its mask tinted. */
  kling_test_click (paths_button, 5, 5, 1);
  g_assert_true (kling_player_get_show_paths (f->player));
  with_paths = kling_test_snapshot (overlay);
  assert_color (with_paths, x, y, red, 12);
  kling_test_pixel (with_paths, mx, my, mask_pixel);
  g_assert_cmpint (mask_pixel[0], >, video[0] + 40);
  assert_color (with_paths, x, y - 40, video, 30);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-paths");

  /* Side by side: the source image, with the same path. */
  kling_player_set_side_by_side (f->player, TRUE);
  image_picture = player_child (f, GTK_TYPE_PICTURE, 1);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, image_picture, 3000));
  g_assert_cmpint (abs (gtk_widget_get_width (image_picture) - gtk_widget_get_width (picture)), <=, 1);
  side = kling_test_snapshot (gtk_widget_get_parent (image_picture));
  image_to_widget (image_picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  assert_color (side, x, y, red, 12);
  image_to_widget (image_picture, 20, 200, &x, &y);
  assert_color (side, x, y, sky, 8);
  image_to_widget (image_picture, 300, 200, &x, &y);
  assert_color (side, x, y, grass, 8);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-side-by-side");

  /* Narrow, the two go in a column, the paths still on both. */
  gtk_window_set_default_size (f->window, 400, 600);
  g_assert_true (kling_test_wait_for (stacked, picture, 3000));
  g_assert_cmpint (gtk_widget_get_width (image_picture), ==, gtk_widget_get_width (picture));
  g_assert_cmpint (gtk_widget_get_width (picture), >=, 390);
  g_clear_object (&side);
  side = kling_test_snapshot (gtk_widget_get_parent (image_picture));
  image_to_widget (image_picture, (PATH_X0 + PATH_X1) / 2.0, PATH_Y, &x, &y);
  assert_color (side, x, y, red, 12);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-narrow");
}

/* A generation made without a motion brush: the video plays, the source
 * image can go beside it, and the paths toggle says why it is off. */
static void
test_no_paths (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *paths_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 1);
  GtkWidget *side_button = player_child (f, GTK_TYPE_TOGGLE_BUTTON, 2);

  g_assert_true (kling_test_wait_for (paths_ready, side_button, 5000));
  g_assert_false (gtk_widget_get_sensitive (paths_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (paths_button), ==,
                   "This generation used no motion brush: there are no paths to show");
  kling_test_click (paths_button, 5, 5, 1);
  g_assert_false (kling_player_get_show_paths (f->player));
}

/* A failed generation: the player says why, whole, with the code and the
 * request id that the list may cut short. */
static void
test_failed_task (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));
  AdwStatusPage *page;

  kling_player_set_task (f->player, failed_task);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, player_child (f, ADW_TYPE_STATUS_PAGE, 0), 3000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Generation Failed");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   "The resource pack is used up or has expired: Account balance not enough "
                   "(code 1102, HTTP 429, request id 0b7f3c2e-1d2a-4e5f-9a8b-7c6d5e4f3a2b)");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-failed");

  /* Another task: the page is the plain one again. */
  kling_player_set_task (f->player, NULL);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Video");
}

static gboolean
shows_page (gpointer data)
{
  Fixture *f = data;
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0;
}

static void
test_error_shown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = kling_test_make_dir ("player-error");
  g_autofree char *path = g_build_filename (dir, "broken.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkStack *stack = GTK_STACK (player_child (f, GTK_TYPE_STACK, 0));
  AdwStatusPage *page;

  /* Nothing to play: the empty state, nothing to step through. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (button_for (f, "player.step", 1)));
  g_assert_false (gtk_widget_get_sensitive (button_for (f, "player.toggle-play", 0)));

  g_assert_true (g_file_set_contents (path, "This is not a video.", -1, NULL));
  kling_player_set_file (f->player, file);
  g_assert_true (kling_test_wait_for (shows_page, f, 5000));
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The video could not be played");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   gtk_media_stream_get_error (f->stream)->message);
  g_assert_cmpuint (strlen (adw_status_page_get_description (page)), >, 5);
  g_assert_false (gtk_widget_get_mapped (player_child (f, GTK_TYPE_SCALE, 0)));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "player-error");

  /* A good file afterwards plays again. */
  g_clear_object (&file);
  file = g_file_new_for_path (clip_path);
  kling_player_set_file (f->player, file);
  g_assert_true (kling_test_wait_for (has_frame, f, 5000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "video");
  g_assert_null (gtk_media_stream_get_error (f->stream));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  kling_test_ui_init (&argc, &argv);
  gst_init (&argc, &argv);
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

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/player/play", test_play_shows_frames, "task");
  ADD ("/player/pause", test_pause_stops_frames, "task");
  ADD ("/player/seek", test_seek_lands, "task");
  ADD ("/player/seek-bar", test_seek_bar, "task");
  ADD ("/player/loop", test_loop_restarts, "task");
  ADD ("/player/frame-step", test_frame_step, "task");
  ADD ("/player/keys", test_keys, "task");
  ADD ("/player/keys-in-popup", test_keys_in_popup, "task");
  ADD ("/player/actions", test_actions, "task");
  ADD ("/player/paths", test_paths_overlay, "task");
  ADD ("/player/no-paths", test_no_paths, "plain");
  ADD ("/player/error", test_error_shown, NULL);
  ADD ("/player/failed", test_failed_task, NULL);
#undef ADD

  status = g_test_run ();
  g_clear_object (&test_task);
  g_clear_object (&plain_task);
  g_clear_object (&failed_task);
  g_free (clip_path);
  return status;
}
