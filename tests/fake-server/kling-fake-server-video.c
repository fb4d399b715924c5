/* kling-fake-server-video.c — the CDN side: a real H.264 MP4, served without auth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "kling-fake-server-private.h"

#define VIDEO_PREFIX "/cdn/videos/"
#define VIDEO_SUFFIX ".mp4"

/* One clip per process: encoding takes a noticeable fraction of a second
 * and every server would make the same bytes. */
static GMutex video_lock;
static GBytes *video_cache;

static const char *
find_h264_encoder (void)
{
  static const char *const encoders[] = { "openh264enc", "x264enc" };

  for (guint i = 0; i < G_N_ELEMENTS (encoders); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (encoders[i]);

      if (factory != NULL)
        return encoders[i];
    }
  return NULL;
}

static gboolean
run_pipeline (const char  *description,
              GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (pipeline == NULL)
    return FALSE;
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return TRUE;
  if (message != NULL)
    gst_message_parse_error (message, error, NULL);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                         "Encoding the test video timed out");
  return FALSE;
}

static GBytes *
encode_video (GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  g_autofree char *contents = NULL;
  const char *encoder;
  gsize length;
  int fd;

  if (!gst_init_check (NULL, NULL, error))
    return NULL;
  encoder = find_h264_encoder ();
  if (encoder == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "No H.264 encoder (openh264enc or x264enc) is installed");
      return NULL;
    }

  /* mp4mux seeks back to finish the file, so it needs a real file. */
  fd = g_file_open_tmp ("kling-fake-video-XXXXXX.mp4", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);

  description = g_strdup_printf ("videotestsrc num-buffers=30 pattern=smpte ! "
                                 "video/x-raw,width=320,height=240,framerate=30/1,format=I420 ! "
                                 "%s ! h264parse ! mp4mux ! filesink location=\"%s\"",
                                 encoder, path);
  if (!run_pipeline (description, error) ||
      !g_file_get_contents (path, &contents, &length, error))
    {
      g_unlink (path);
      return NULL;
    }
  g_unlink (path);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

GBytes *
kling_fake_video_generate (GError **error)
{
  GBytes *video;

  g_mutex_lock (&video_lock);
  if (video_cache == NULL)
    video_cache = encode_video (error);
  video = video_cache != NULL ? g_bytes_ref (video_cache) : NULL;
  g_mutex_unlock (&video_lock);
  return video;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
record_video_request (KlingFakeServer   *self,
                      SoupServerMessage *msg)
{
  g_clear_pointer (&self->video_request_headers, soup_message_headers_unref);
  self->video_request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                copy_header, self->video_request_headers);
}

static KlingFakeTask *
find_video_task (KlingFakeServer *self,
                 const char      *path)
{
  g_autofree char *task_id = NULL;
  KlingFakeTask *task;

  if (!g_str_has_suffix (path, VIDEO_SUFFIX))
    return NULL;
  task_id = g_strndup (path + strlen (VIDEO_PREFIX),
                       strlen (path) - strlen (VIDEO_PREFIX) - strlen (VIDEO_SUFFIX));
  task = kling_fake_server_find_task (self, task_id);
  if (task == NULL || kling_fake_task_get_status (task, NULL) != KLING_FAKE_STATUS_SUCCEED)
    return NULL;
  return task;
}

static void
video_half_written (SoupServerMessage *msg,
                    KlingFakeServer   *self)
{
  kling_fake_server_cut_connection_later (self, msg, FALSE);
}

/* VIDEO_CUT: the full Content-Length is announced, half the bytes follow,
 * then the connection closes. */
static void
serve_cut_video (KlingFakeServer   *self,
                 SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (self->video, 0,
                                                   g_bytes_get_size (self->video) / 2);

  soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                           (goffset) g_bytes_get_size (self->video));
  soup_message_body_append_bytes (body, half);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (video_half_written), self);
}

void
kling_fake_server_serve_video (KlingFakeServer   *self,
                               SoupServerMessage *msg,
                               const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gboolean is_get = g_strcmp0 (method, SOUP_METHOD_GET) == 0;

  record_video_request (self, msg);
  if (!is_get && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  if (find_video_task (self, path) == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Not Found", 9);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "video/mp4", NULL);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  if (is_get && kling_fake_server_take_fault (self, KLING_FAKE_FAULT_VIDEO_CUT))
    {
      serve_cut_video (self, msg);
      return;
    }
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), self->video);
  soup_message_body_complete (soup_server_message_get_response_body (msg));
}
