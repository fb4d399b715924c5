/* test-fake-server-render.c — the fake server answers with the artist's own
 * picture moving: a real H.264 MP4 at the picture's aspect ratio, in which
 * the painted object follows its trajectory and the static region stays
 *
 * The clip is fetched from the fake's CDN as the app fetches it and decoded
 * by GStreamer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kling-fake-server.h"
#include "kling-fake-server-private.h"
#include "kling-motion-render.h"
#include "kling-test-motion.h"
#include "kling-test-wait.h"

#define TOKEN "test-token-render"
#define W 640
#define H 360
#define RADIUS 30.0
/* The clip's short side: 288, so the clip is 512×288, 0.8 of the picture. */
#define SHORT_SIDE 288
#define SCALE 0.8
/* Crossed by the path's second leg, around t = 0.75. */
#define STATIC_X 380
#define STATIC_Y 120
#define STATIC_W 60
#define STATIC_H 70

static const KlingPoint route[] = { { 120, 180 }, { 320, 90 }, { 520, 240 } };

typedef struct {
  KlingFakeServer *server;
  SoupSession     *session;
  char            *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 10, 50);
  kling_fake_server_set_video_short_side (f->server, SHORT_SIDE);
  kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->session = soup_session_new ();
  f->dir = g_dir_make_tmp ("test-fake-render-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *clip = g_build_filename (f->dir, "clip.mp4", NULL);

  g_unlink (clip);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_object_unref (f->session);
  kling_fake_server_free (f->server);
}

static char *
to_base64 (GdkPixbuf *pixbuf)
{
  g_autofree char *png = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", NULL, NULL));
  return g_base64_encode ((const guchar *) png, length);
}

/* A mask as the app sends it: 8-bit grey PNG, painted 255. */
static char *
mask_base64 (const KlingMask *mask)
{
  g_autoptr(GBytes) png = kling_mask_to_png (mask, NULL);

  return g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

typedef struct {
  GBytes  *body;
  guint    status;
  gboolean done;
} Reply;

static void
reply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  reply->done = TRUE;
}

static GBytes *
send (Fixture     *f,
      SoupMessage *msg)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, reply_done, &reply);
  g_assert_true (kling_test_run_until (&reply.done, KLING_TEST_PATIENCE_MS));
  g_assert_nonnull (reply.body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  return reply.body;
}

/* Sends @body (taken) as a create; returns the task id. */
static char *
create (Fixture    *f,
        JsonObject *body)
{
  g_autofree char *url = g_strconcat (kling_fake_server_get_base_url (f->server),
                                      "/v1/videos/image2video", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *data;

  json_node_take_object (node, body);
  json = json_to_string (node, FALSE);
  bytes = g_bytes_new (json, strlen (json));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " TOKEN);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  answer = send (f, msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             (gssize) g_bytes_get_size (answer), NULL));
  data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data");
  return g_strdup (json_object_get_string_member (data, "task_id"));
}

typedef struct {
  Fixture    *f;
  const char *task_id;
} TaskWait;

static gboolean
task_succeeded (gpointer data)
{
  TaskWait *wait = data;

  return g_strcmp0 (kling_fake_server_get_task_status (wait->f->server, wait->task_id),
                    "succeed") == 0;
}

/* Waits for the task, downloads its clip from the CDN into a file. */
static char *
download_clip (Fixture    *f,
               const char *task_id)
{
  TaskWait wait = { f, task_id };
  g_autofree char *url = g_strdup_printf ("%s/cdn/videos/%s.mp4",
                                          kling_fake_server_get_base_url (f->server), task_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) clip = NULL;
  char *path = g_build_filename (f->dir, "clip.mp4", NULL);

  g_assert_true (kling_test_wait_for (task_succeeded, &wait, KLING_TEST_PATIENCE_MS * 4));
  clip = send (f, msg);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (clip, NULL),
                                      (gssize) g_bytes_get_size (clip), NULL));
  return path;
}

typedef struct {
  guint   n_frames;
  int     width;
  int     height;
  guint8 *first;          /* frame 0, to compare the static region with */
  double  worst_static;   /* the largest mean difference there, per channel */
  double  centroid[3][2]; /* at the first, middle and last frame */
} Clip;

static double
static_difference (const Clip   *clip,
                   const guint8 *rgba)
{
  /* The static rectangle in the clip, less a pixel of codec bleed. */
  int x0 = (int) ceil (STATIC_X * SCALE) + 1, x1 = (int) ((STATIC_X + STATIC_W) * SCALE) - 1;
  int y0 = (int) ceil (STATIC_Y * SCALE) + 1, y1 = (int) ((STATIC_Y + STATIC_H) * SCALE) - 1;
  guint64 sum = 0, n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      for (int k = 0; k < 3; k++, n++)
        sum += ABS (rgba[((gsize) y * clip->width + x) * 4 + k] -
                    clip->first[((gsize) y * clip->width + x) * 4 + k]);
  return (double) sum / n;
}

static void
on_frame (guint         index,
          const guint8 *rgba,
          int           width,
          int           height,
          int           stride,
          gpointer      user_data)
{
  Clip *clip = user_data;
  int slot = index == 0 ? 0 : index == 75 ? 1 : index == 151 ? 2 : -1;

  g_assert_cmpint (stride, ==, width * 4);
  clip->width = width;
  clip->height = height;
  clip->n_frames = index + 1;
  if (index == 0)
    clip->first = g_memdup2 (rgba, (gsize) stride * height);
  else
    clip->worst_static = MAX (clip->worst_static, static_difference (clip, rgba));
  if (slot >= 0)
    g_assert_true (kling_test_motion_centroid (rgba, width, height, stride, 4,
                                               &clip->centroid[slot][0], &clip->centroid[slot][1]));
}

static JsonObject *
motion_body (void)
{
  g_autoptr(GdkPixbuf) picture = kling_test_motion_picture (W, H, route[0].x, route[0].y, RADIUS);
  g_autoptr(KlingMask) region = kling_test_motion_disc_mask (W, H, route[0].x, route[0].y, RADIUS + 4);
  g_autoptr(KlingMask) still = kling_test_motion_rect_mask (W, H, STATIC_X, STATIC_Y, STATIC_W, STATIC_H);
  JsonObject *body = json_object_new ();
  JsonObject *dynamic = json_object_new ();
  JsonArray *masks = json_array_new ();
  JsonArray *points = json_array_new ();
  g_autofree char *region_png = mask_base64 (region);
  g_autofree char *still_png = mask_base64 (still);
  g_autofree char *picture_png = to_base64 (picture);

  for (guint i = 0; i < G_N_ELEMENTS (route); i++)
    {
      JsonObject *point = json_object_new ();

      /* The API's origin is the bottom-left corner. */
      json_object_set_int_member (point, "x", (gint64) route[i].x);
      json_object_set_int_member (point, "y", (gint64) (H - 1 - route[i].y));
      json_array_add_object_element (points, point);
    }
  json_object_set_string_member (dynamic, "mask", region_png);
  json_object_set_array_member (dynamic, "trajectories", points);
  json_array_add_object_element (masks, dynamic);

  json_object_set_string_member (body, "model_name", "kling-v1");
  json_object_set_string_member (body, "mode", "std");
  json_object_set_string_member (body, "duration", "5");
  json_object_set_string_member (body, "image", picture_png);
  json_object_set_string_member (body, "static_mask", still_png);
  json_object_set_array_member (body, "dynamic_masks", masks);
  return body;
}

static void
test_object_follows_path (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *task_id = create (f, motion_body ());
  g_autofree char *path = download_clip (f, task_id);
  g_autoptr(GError) error = NULL;
  Clip clip = { 0 };
  const double times[] = { 0, 75.0 / 151, 1 };

  kling_test_motion_decode (path, on_frame, &clip, &error);
  g_assert_no_error (error);

  /* 5.066 s at 30 fps, as the duration the fake reports; 16:9 as the picture. */
  g_assert_cmpuint (clip.n_frames, ==, 152);
  g_assert_cmpint (clip.width, ==, 512);
  g_assert_cmpint (clip.height, ==, 288);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      double x, y;

      kling_motion_position_at (route, G_N_ELEMENTS (route), times[i], &x, &y);
      g_test_message ("t %.2f: object at %.1f, %.1f; path at %.1f, %.1f", times[i],
                      clip.centroid[i][0], clip.centroid[i][1], x * SCALE, y * SCALE);
      g_assert_cmpfloat (fabs (clip.centroid[i][0] - x * SCALE), <, 3.0);
      g_assert_cmpfloat (fabs (clip.centroid[i][1] - y * SCALE), <, 3.0);
    }
  /* Only the codec's noise under the static region, though the object
   * passed beneath it (magenta there would differ by over 100). */
  g_test_message ("static region: mean difference at most %.2f", clip.worst_static);
  g_assert_cmpfloat (clip.worst_static, <, 4.0);
  g_free (clip.first);
}

typedef struct {
  guint  n_frames;
  int    width;
  int    height;
  double mean;        /* of the grey picture's first frame */
} Still;

static void
on_still_frame (guint         index,
                const guint8 *rgba,
                int           width,
                int           height,
                int           stride,
                gpointer      user_data)
{
  Still *still = user_data;
  guint64 sum = 0;

  still->n_frames = index + 1;
  still->width = width;
  still->height = height;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      sum += rgba[(gsize) y * stride + x * 4 + 1];
  still->mean = (double) sum / (width * height);
}

/* No motion brush: the picture itself, still, upright as it was sent. */
static void
test_portrait_picture (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GdkPixbuf) picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 360, 640);
  JsonObject *body = json_object_new ();
  g_autofree char *picture_png = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  Still still = { 0 };

  gdk_pixbuf_fill (picture, 0x20a040ff);
  picture_png = to_base64 (picture);
  json_object_set_string_member (body, "model_name", "kling-v1");
  json_object_set_string_member (body, "duration", "5");
  json_object_set_string_member (body, "image", picture_png);
  kling_fake_server_set_video_short_side (f->server, 144);
  task_id = create (f, body);
  path = download_clip (f, task_id);

  kling_test_motion_decode (path, on_still_frame, &still, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (still.n_frames, ==, 152);
  g_assert_cmpint (still.width, ==, 144);
  g_assert_cmpint (still.height, ==, 256);
  g_assert_cmpfloat (fabs (still.mean - 0xa0), <, 6);
}

/* Kling's clips are 720p (kling-api.md §5): a picture's short side is made
 * 720, both sides even. */
static void
test_clip_size (void)
{
  int width, height;

  kling_fake_clip_size (1920, 1080, 720, &width, &height);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 720);
  kling_fake_clip_size (300, 751, 720, &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 1802);
  kling_fake_clip_size (333, 333, 720, &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 720);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fake-server-render/object-follows-path", Fixture, NULL,
              fixture_set_up, test_object_follows_path, fixture_tear_down);
  g_test_add ("/fake-server-render/portrait-picture", Fixture, NULL,
              fixture_set_up, test_portrait_picture, fixture_tear_down);
  g_test_add_func ("/fake-server-render/clip-size", test_clip_size);

  return g_test_run ();
}
