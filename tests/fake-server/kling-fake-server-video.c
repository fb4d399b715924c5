/* kling-fake-server-video.c — the CDN side: each task's H.264 MP4, served
 * without auth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clips are rendered by kling-fake-server-render.c.
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-private.h"

#define VIDEO_PREFIX "/cdn/videos/"
#define VIDEO_SUFFIX ".mp4"

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
  if (task == NULL || task->video == NULL ||
      kling_fake_task_get_status (task, NULL) != KLING_FAKE_STATUS_SUCCEED)
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
                 SoupServerMessage *msg,
                 GBytes            *video)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (video, 0, g_bytes_get_size (video) / 2);

  soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                           (goffset) g_bytes_get_size (video));
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
  KlingFakeTask *task;

  record_video_request (self, msg);
  if (!is_get && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  task = find_video_task (self, path);
  if (task == NULL)
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
      serve_cut_video (self, msg, task->video);
      return;
    }
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), task->video);
  soup_message_body_complete (soup_server_message_get_response_body (msg));
}
