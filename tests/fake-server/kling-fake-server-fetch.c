/* kling-fake-server-fetch.c — picture URLs, fetched as Kling fetches them
 *
 * Kling accepts a create whose image, end frame or masks are URLs and
 * downloads them while the task runs: a URL that cannot be downloaded, or
 * that does not answer a usable picture, fails the task later rather than
 * the create (kling-api.md §2 says the same of masks that do not match).
 * The fake does the same, asynchronously on its own GMainContext, once the
 * task is processing. It never leaves loopback: a URL off 127.0.0.0/8,
 * ::1 or localhost (also as a redirect target) fails the task unfetched.
 *
 * It also serves pictures for the tests to point at: files a test adds
 * under /_fake/files/{name}, and generated ones under
 * /_fake/images/{W}x{H}.{png,jpg}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-fake-server-private.h"

#define MAX_FILE_SIZE     (10 * 1024 * 1024)
#define MAX_REDIRECTS     5
#define FETCH_TIMEOUT_S   20
#define READ_CHUNK        (64 * 1024)
#define FILES_PREFIX      "/_fake/files/"
#define IMAGES_PREFIX     "/_fake/images/"
#define MAX_GENERATED_SIDE 4096

/* One URL being fetched. It names its task by id, not by pointer: the
 * server may be freed (and the fetch cancelled) before it ends. */
typedef struct {
  KlingFakeServer *self;
  char            *task_id;
  char            *field;
  GUri            *uri;
  guint            redirects;
  GInputStream    *stream;
  GByteArray      *data;
} FetchJob;

static void fetch_send (FetchJob *job);

static void
fetch_job_free (FetchJob *job)
{
  g_free (job->task_id);
  g_free (job->field);
  g_clear_pointer (&job->uri, g_uri_unref);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->data, g_byte_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchJob, fetch_job_free)

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
fail_task (KlingFakeTask *task,
           char          *message)
{
  /* The first failure is the one the task reports. */
  if (task->failed_mono_us == 0)
    {
      g_free (task->fail_message);
      task->fail_message = message;
      task->failed_mono_us = g_get_monotonic_time ();
    }
  else
    g_free (message);
}

/* One fetch ended (@bytes NULL: failed with @message). When it was the
 * last, the pictures are checked again as if they had come as base64. */
static void
fetch_finish (FetchJob *job,
              GBytes   *bytes,
              char     *message)
{
  KlingFakeTask *task = kling_fake_server_find_task (job->self, job->task_id);

  if (task == NULL)
    {
      g_free (message);
      return;
    }
  if (bytes != NULL)
    g_hash_table_replace (task->files, g_strdup (job->field), g_bytes_ref (bytes));
  else
    fail_task (task, message);

  task->fetches_pending--;
  if (task->fetches_pending == 0 && task->failed_mono_us == 0)
    {
      char *reason = kling_fake_server_check_fetched (job->self, task);

      if (reason != NULL)
        fail_task (task, reason);
    }
  if (task->fetches_pending == 0)
    g_clear_pointer (&task->body, json_node_unref);
}

static void
fetch_fail (FetchJob   *job,
            const char *reason)
{
  g_autofree char *url = g_uri_to_string (job->uri);

  fetch_finish (job, NULL,
                g_strdup_printf ("%s: the file at %s could not be downloaded: %s",
                                 job->field, url, reason));
}

static void read_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_next (FetchJob *job)
{
  g_input_stream_read_bytes_async (job->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   job->self->fetch_cancellable, read_cb, job);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FetchJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source),
                                                              result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (chunk == NULL)
    {
      fetch_fail (job, error->message);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&job->data));

      fetch_finish (job, bytes, NULL);
      return;
    }
  g_byte_array_append (job->data, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  if (job->data->len > MAX_FILE_SIZE)
    {
      g_autofree char *url = g_uri_to_string (job->uri);

      fetch_finish (job, NULL, g_strdup_printf ("%s: the file at %s is too large: at most 10MB",
                                                job->field, url));
      return;
    }
  read_next (g_steal_pointer (&job));
}

/* A redirect is followed only while it stays on loopback. */
static gboolean
follow_redirect (FetchJob    *job,
                 SoupMessage *msg)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                       "Location");
  g_autoptr(GUri) target = NULL;

  if (location == NULL || job->redirects >= MAX_REDIRECTS)
    return FALSE;
  target = g_uri_parse_relative (job->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (target == NULL)
    return FALSE;
  g_uri_unref (job->uri);
  job->uri = g_steal_pointer (&target);
  job->redirects++;
  return TRUE;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FetchJob) job = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  guint status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (stream == NULL)
    {
      fetch_fail (job, error->message);
      return;
    }
  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_REDIRECTION (status) && follow_redirect (job, msg))
    {
      fetch_send (g_steal_pointer (&job));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *reason = g_strdup_printf ("HTTP %u", status);

      fetch_fail (job, reason);
      return;
    }
  job->stream = g_steal_pointer (&stream);
  job->data = g_byte_array_new ();
  read_next (g_steal_pointer (&job));
}

static SoupSession *
get_session (KlingFakeServer *self)
{
  /* No proxy: a loopback URL must reach loopback, whatever the
   * environment says. */
  if (self->fetch_session == NULL)
    self->fetch_session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                         "timeout", FETCH_TIMEOUT_S,
                                                         "user-agent", "kling-fake-server",
                                                         NULL);
  return self->fetch_session;
}

static void
fetch_send (FetchJob *job)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = g_uri_to_string (job->uri);

  if (!host_is_loopback (g_uri_get_host (job->uri)))
    {
      fetch_finish (job, NULL,
                    g_strdup_printf ("%s: the fake server fetches only loopback URLs "
                                     "(127.0.0.1, ::1, localhost); %s was not fetched",
                                     job->field, url));
      fetch_job_free (job);
      return;
    }
  msg = soup_message_new_from_uri (SOUP_METHOD_GET, job->uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (get_session (job->self), msg, G_PRIORITY_DEFAULT,
                           job->self->fetch_cancellable, send_cb, job);
}

static void
start_fetch (KlingFakeServer *self,
             KlingFakeTask   *task,
             const char      *field,
             const char      *url)
{
  FetchJob *job = g_new0 (FetchJob, 1);
  g_autoptr(GError) error = NULL;

  job->self = self;
  job->task_id = g_strdup (task->task_id);
  job->field = g_strdup (field);
  job->uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &error);
  if (job->uri == NULL)
    {
      fetch_finish (job, NULL, g_strdup_printf ("%s: the file at %s could not be downloaded: %s",
                                                field, url, error->message));
      fetch_job_free (job);
      return;
    }
  fetch_send (job);
}

typedef struct {
  KlingFakeServer *self;
  KlingFakeTask   *task;
} FetchStart;

/* Runs once, when the task turns processing; the source belongs to the
 * task, so it never outlives it. */
static gboolean
fetch_when_processing (gpointer data)
{
  FetchStart *start = data;
  KlingFakeTask *task = start->task;
  g_autoptr(GList) fields = g_hash_table_get_keys (task->urls);

  g_clear_pointer (&task->fetch_source, g_source_unref);
  task->fetches_pending = g_list_length (fields);
  for (GList *l = fields; l != NULL; l = l->next)
    start_fetch (start->self, task, l->data, g_hash_table_lookup (task->urls, l->data));
  return G_SOURCE_REMOVE;
}

void
kling_fake_task_schedule_fetch (KlingFakeServer *self,
                                KlingFakeTask   *task)
{
  FetchStart *start;

  if (task->urls == NULL || g_hash_table_size (task->urls) == 0)
    return;
  if (self->fetch_cancellable == NULL)
    self->fetch_cancellable = g_cancellable_new ();

  start = g_new0 (FetchStart, 1);
  start->self = self;
  start->task = task;
  /* Counted from now, so that the task cannot succeed before it starts. */
  task->fetches_pending = g_hash_table_size (task->urls);
  task->fetch_source = g_timeout_source_new (task->processing_after_ms);
  g_source_set_callback (task->fetch_source, fetch_when_processing, start, g_free);
  g_source_attach (task->fetch_source, self->context);
}

GBytes *
kling_fake_task_get_file (const KlingFakeTask *task,
                          const char          *field)
{
  return task->files != NULL ? g_hash_table_lookup (task->files, field) : NULL;
}

GBytes *
kling_fake_task_get_image_bytes (const KlingFakeTask *task)
{
  return kling_fake_task_get_file (task, "image");
}

/* Test pictures */

static GBytes *
generate_image (const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  char extension[8] = "";
  int width = 0, height = 0;
  gchar *buffer = NULL;
  gsize size = 0;
  gboolean jpeg;

  if (sscanf (name, "%dx%d.%4s", &width, &height, extension) != 3 ||
      width < 1 || height < 1 || width > MAX_GENERATED_SIDE || height > MAX_GENERATED_SIDE)
    return NULL;
  jpeg = g_str_equal (extension, "jpg");
  if (!jpeg && !g_str_equal (extension, "png"))
    return NULL;

  /* A gradient, so that a renderer has something to move. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  for (int y = 0; y < height; y++)
    {
      guint8 *row = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (guint8) (255 * x / width);
          row[3 * x + 1] = (guint8) (255 * y / height);
          row[3 * x + 2] = 128;
        }
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, jpeg ? "jpeg" : "png", &error, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

void
kling_fake_server_serve_file (KlingFakeServer   *self,
                              SoupServerMessage *msg,
                              const char        *path)
{
  g_autoptr(GBytes) bytes = NULL;

  if (g_str_has_prefix (path, FILES_PREFIX) && self->served_files != NULL)
    {
      bytes = g_hash_table_lookup (self->served_files, path + strlen (FILES_PREFIX));
      if (bytes != NULL)
        g_bytes_ref (bytes);
    }
  else if (g_str_has_prefix (path, IMAGES_PREFIX))
    bytes = generate_image (path + strlen (IMAGES_PREFIX));

  if (bytes == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

char *
kling_fake_server_add_file (KlingFakeServer *self,
                            const char      *name,
                            GBytes          *bytes)
{
  g_return_val_if_fail (self->base_url != NULL, NULL);

  if (self->served_files == NULL)
    self->served_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_bytes_unref);
  g_hash_table_replace (self->served_files, g_strdup (name), g_bytes_ref (bytes));
  return g_strconcat (self->base_url, FILES_PREFIX, name, NULL);
}

char *
kling_fake_server_get_image_url (KlingFakeServer *self,
                                 int              width,
                                 int              height,
                                 const char      *format)
{
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strdup_printf ("%s%s%dx%d.%s", self->base_url, IMAGES_PREFIX, width, height, format);
}
