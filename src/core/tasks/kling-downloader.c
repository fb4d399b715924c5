/* kling-downloader.c — fetching a finished video from the CDN
 *
 * The video is streamed into "<dest>.<random>.part" beside its destination, its length
 * checked against Content-Length, flushed to disk and only then renamed into
 * place: a partial download never looks complete. The CDN needs no
 * credentials and gets none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kling-downloader.h"
#include "kling-error.h"

#define CHUNK_SIZE (64 * 1024)
/* Progress at most ten times a second: enough for a progress bar. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

typedef struct {
  SoupSession           *session;
  SoupMessage           *message;
  GInputStream          *input;
  GOutputStream         *output;
  GBytes                *chunk;
  char                  *part_path;
  char                  *dest_path;
  goffset                received;
  goffset                total;
  KlingDownloadProgress  progress_cb;
  gpointer               progress_data;
  gint64                 last_progress_us;
  goffset                reported;             /* bytes last reported, -1 before */
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->session);
  g_clear_object (&download->message);
  g_clear_object (&download->input);
  g_clear_object (&download->output);
  g_clear_pointer (&download->chunk, g_bytes_unref);
  g_free (download->part_path);
  g_free (download->dest_path);
  g_free (download);
}

static void read_next_chunk (GTask *task);

/* Gives up: nothing of the download stays on disk. */
static void
download_fail (GTask  *task,
               GError *error)
{
  Download *download = g_task_get_task_data (task);

  if (download->output != NULL)
    g_output_stream_close (download->output, NULL, NULL);
  g_unlink (download->part_path);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
download_fail_network (GTask  *task,
                       GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == KLING_ERROR)
    {
      download_fail (task, error);
      return;
    }
  download_fail (task, g_error_new (KLING_ERROR, KLING_ERROR_NETWORK,
                                    _("The video download was interrupted: %s"),
                                    error->message));
  g_error_free (error);
}

/* Creating or writing the .part fails on our side, not the network's: an
 * I/O error saying so (takes @error). A cancellation stays a cancellation. */
static GError *
save_error (GError *error)
{
  GError *io_error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  io_error = g_error_new (KLING_ERROR, KLING_ERROR_IO,
                          _("The video cannot be saved: %s"), error->message);
  g_error_free (error);
  return io_error;
}

static void
report_progress (Download *download,
                 gboolean  force)
{
  gint64 now = g_get_monotonic_time ();

  /* The same count twice says nothing (the last throttled report may
   * already have been the whole). */
  if (download->progress_cb == NULL || download->received == download->reported)
    return;
  if (!force && download->last_progress_us != 0 &&
      now - download->last_progress_us < PROGRESS_INTERVAL_US)
    return;
  download->last_progress_us = now;
  download->reported = download->received;
  download->progress_cb (download->received, download->total, download->progress_data);
}

/* Runs in a worker thread: flushes the finished file to disk, then moves it
 * into place, so that the name only ever shows a complete video. */
static void
commit_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Download *download = task_data;
  int fd = g_open (download->part_path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0)
    {
      fsync (fd);
      g_close (fd, NULL);
    }
  if (g_rename (download->part_path, download->dest_path) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  saved_errno = errno;
  g_unlink (download->part_path);
  g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_IO,
                           _("The video cannot be saved as %s: %s"),
                           download->dest_path, g_strerror (saved_errno));
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      g_clear_object (&download->output);
      download_fail (task, g_error_new (KLING_ERROR, KLING_ERROR_IO,
                                        _("The video cannot be saved: %s"), error->message));
      g_error_free (error);
      return;
    }
  g_clear_object (&download->output);
  report_progress (download, TRUE);
  g_task_run_in_thread (task, commit_in_thread);
  g_object_unref (task);
}

static void
finish_download (GTask *task)
{
  Download *download = g_task_get_task_data (task);

  if (download->total >= 0 && download->received != download->total)
    {
      download_fail (task, g_error_new (KLING_ERROR, KLING_ERROR_NETWORK,
                                        _("The video download stopped after %lld of %lld bytes"),
                                        (long long) download->received, (long long) download->total));
      return;
    }
  g_output_stream_close_async (download->output, G_PRIORITY_DEFAULT,
                               g_task_get_cancellable (task), closed_cb, task);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&download->chunk, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      download_fail (task, save_error (error));
      return;
    }
  report_progress (download, FALSE);
  read_next_chunk (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *chunk;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      download_fail_network (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      g_bytes_unref (chunk);
      finish_download (task);
      return;
    }

  download->received += size;
  if (download->received > KLING_DOWNLOAD_MAX_SIZE ||
      (download->total >= 0 && download->received > download->total))
    {
      g_bytes_unref (chunk);
      download_fail (task, g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                                        _("The video is larger than announced or allowed")));
      return;
    }

  download->chunk = chunk;
  g_output_stream_write_all_async (download->output,
                                   g_bytes_get_data (chunk, NULL), size,
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   written_cb, task);
}

static void
read_next_chunk (GTask *task)
{
  Download *download = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (download->input, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
part_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;
  GFileOutputStream *output;

  output = g_file_create_finish (G_FILE (object), result, &error);
  if (output == NULL)
    {
      /* Not ours: do not delete a file we could not create. */
      g_task_return_error (task, save_error (error));
      g_object_unref (task);
      return;
    }
  download->output = G_OUTPUT_STREAM (output);
  read_next_chunk (task);
}

/* Checks the answer's status and announced size before anything is written. */
static GError *
check_response (Download *download)
{
  SoupMessage *message = download->message;
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint status = soup_message_get_status (message);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_error_new (KLING_ERROR, kling_error_code_for_server (status, -1),
                        _("The video could not be downloaded: HTTP %u %s"), status,
                        soup_message_get_reason_phrase (message));

  download->total = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    download->total = soup_message_headers_get_content_length (headers);
  if (download->total > KLING_DOWNLOAD_MAX_SIZE)
    return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                        _("The video is too large (%lld bytes)"),
                        (long long) download->total);
  return NULL;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GFile) part = NULL;
  GError *error = NULL;

  download->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (download->input == NULL)
    {
      download_fail_network (task, error);
      return;
    }
  error = check_response (download);
  if (error != NULL)
    {
      download_fail (task, error);
      return;
    }

  part = g_file_new_for_path (download->part_path);
  /* 0600, as every other file of a task */
  g_file_create_async (part, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), part_created_cb, task);
}

/* The CDN must never see the API token, whatever the session adds. */
static void
strip_credentials (SoupMessage *message,
                   gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_remove (headers, "Authorization");
  soup_message_headers_remove (headers, "Cookie");
}

static GUri *
parse_video_url (const char  *url,
                 GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                   _("The video address is not an http or https URL"));
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/**
 * kling_downloader_download_async:
 * @session: the session to use (no credentials are sent)
 * @url: the video's http:// or https:// address
 * @dest_path: where the complete video goes; "<dest_path>.<random>.part" is used meanwhile
 * @progress_cb: (nullable): called as bytes arrive
 *
 * Downloads a video. On success @dest_path holds exactly the bytes the
 * server announced; on any failure or cancellation neither @dest_path nor
 * the .part file is left behind.
 */
void
kling_downloader_download_async (SoupSession           *session,
                                 const char            *url,
                                 const char            *dest_path,
                                 KlingDownloadProgress  progress_cb,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  Download *download;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kling_downloader_download_async);
  /* Once the video is in place, report success even if cancelled late. */
  g_task_set_check_cancellable (task, FALSE);

  uri = parse_video_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  download = g_new0 (Download, 1);
  download->session = g_object_ref (session);
  /* Each writer has its own part file, created exclusively: two processes
   * saving one video never write into, delete or rename the other's. */
  download->part_path = g_strdup_printf ("%s.%08x.part", dest_path, g_random_int ());
  download->dest_path = g_strdup (dest_path);
  download->total = -1;
  download->reported = -1;
  download->progress_cb = progress_cb;
  download->progress_data = progress_data;
  download->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  g_task_set_task_data (task, download, (GDestroyNotify) download_free);

  strip_credentials (download->message, NULL);
  g_signal_connect (download->message, "starting", G_CALLBACK (strip_credentials), NULL);

  soup_session_send_async (session, download->message, G_PRIORITY_DEFAULT, cancellable,
                           sent_cb, g_steal_pointer (&task));
}

gboolean
kling_downloader_download_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kling_downloader_download_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kling_downloader_remove_stale_parts:
 * @dest_path: a destination of kling_downloader_download_async()
 *
 * Removes the part files a writer of @dest_path left behind when it was
 * killed. Only to be called by the one writer allowed (the holder of the
 * task's download lock): any part file then is from a writer that died.
 * Returns how many were removed.
 */
guint
kling_downloader_remove_stale_parts (const char *dest_path)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);
  g_autofree char *prefix = g_path_get_basename (dest_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, prefix) || name[strlen (prefix)] != '.' ||
          !g_str_has_suffix (name, ".part"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_unlink (path) == 0)
        removed++;
    }
  return removed;
}
