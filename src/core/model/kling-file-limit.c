/* kling-file-limit.c — reading a file the user named, up to a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A name given on the command line, dropped on the window or chosen in a
 * file chooser can be /dev/zero, a FIFO nobody writes to, or a 5 GB file.
 * g_file_get_contents() would allocate the whole of it (or wait forever);
 * here only regular files are read, never more than the limit plus one
 * byte, and the message names the file and the limit.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kling-error.h"
#include "kling-file-limit.h"

#define READ_CHUNK (256 * 1024)

static void
set_too_large (GError **error,
               GFile   *file,
               gsize    limit)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
               _("“%s” is too large: at most %u MB of a file like this is read"),
               name, (guint) (limit / (1024 * 1024)));
}

static void
set_not_regular (GError   **error,
                 GFile     *file,
                 gboolean   is_folder)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (is_folder)
    g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                 _("“%s” is a folder, not a file"), name);
  else
    g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                 _("“%s” is not a regular file (it is a device, pipe or socket)"), name);
}

static void
set_unreadable (GError     **error,
                GFile       *file,
                const char  *reason)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Could not read “%s”: %s"), name, reason);
}

/* Reads @stream into @data until the end or one byte past @limit. */
static gboolean
read_bounded (GInputStream  *stream,
              GByteArray    *data,
              gsize          limit,
              GCancellable  *cancellable,
              GError       **error)
{
  for (;;)
    {
      gsize room = MIN (READ_CHUNK, limit + 1 - data->len);
      gsize old_len = data->len;
      gsize n_read = 0;

      g_byte_array_set_size (data, old_len + room);
      if (!g_input_stream_read_all (stream, data->data + old_len, room, &n_read, cancellable, error))
        return FALSE;
      g_byte_array_set_size (data, old_len + n_read);
      if (n_read < room || data->len > limit)
        return TRUE;
    }
}

/* The whole of @stream, or an error naming @file. */
static GBytes *
read_stream (GFile         *file,
             GInputStream  *stream,
             gsize          size_hint,
             gsize          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_sized_new (MIN (size_hint, limit) + 1);
  g_autoptr(GError) local_error = NULL;

  if (!read_bounded (stream, data, limit, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unreadable (error, file, local_error->message);
      return NULL;
    }
  /* a file that grew after its size was read */
  if (data->len > limit)
    {
      set_too_large (error, file, limit);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* A local file is opened first and checked on the open descriptor: a FIFO
 * opened without O_NONBLOCK would block in open() itself, and checking the
 * name before opening it would leave a window for a swap. */
static GBytes *
read_local (GFile         *file,
            const char    *path,
            gsize          limit,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_unreadable (error, file, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_unreadable (error, file, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      gboolean is_folder = S_ISDIR (st.st_mode);

      close (fd);
      set_not_regular (error, file, is_folder);
      return NULL;
    }
  if ((guint64) st.st_size > limit)
    {
      close (fd);
      set_too_large (error, file, limit);
      return NULL;
    }

  stream = g_unix_input_stream_new (fd, TRUE);
  return read_stream (file, stream, st.st_size, limit, cancellable, error);
}

/* Files with no local path (a portal, a GVfs mount): the type and size
 * from their info, the bound while reading. */
static GBytes *
read_remote (GFile         *file,
             gsize          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL)
    {
      type = g_file_info_get_file_type (info);
      if (type != G_FILE_TYPE_REGULAR)
        {
          set_not_regular (error, file, type == G_FILE_TYPE_DIRECTORY);
          return NULL;
        }
      if ((guint64) MAX (g_file_info_get_size (info), 0) > limit)
        {
          set_too_large (error, file, limit);
          return NULL;
        }
      stream = g_file_read (file, cancellable, &local_error);
    }
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unreadable (error, file, local_error->message);
      return NULL;
    }
  return read_stream (file, G_INPUT_STREAM (stream), g_file_info_get_size (info), limit,
                      cancellable, error);
}

/**
 * kling_file_read_limited:
 * @limit: the most bytes read; a larger file is refused
 *
 * Reads a regular file whole, never more than @limit bytes. Anything else
 * (a folder, a device, a FIFO) is refused without reading or waiting.
 * Messages name the file: %KLING_ERROR_INVALID_INPUT for what is not a
 * regular file or is too large, %KLING_ERROR_IO when it cannot be read.
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
kling_file_read_limited (GFile         *file,
                         gsize          limit,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (limit < G_MAXSIZE, NULL);

  path = g_file_peek_path (file);
  if (path != NULL)
    return read_local (file, path, limit, cancellable, error);
  return read_remote (file, limit, cancellable, error);
}

/**
 * kling_file_read_limited_path:
 *
 * kling_file_read_limited() for a path.
 */
GBytes *
kling_file_read_limited_path (const char  *path,
                              gsize        limit,
                              GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  return kling_file_read_limited (file, limit, NULL, error);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = kling_file_read_limited (source, GPOINTER_TO_SIZE (task_data), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * kling_file_read_limited_async:
 *
 * kling_file_read_limited() in a worker thread.
 */
void
kling_file_read_limited_async (GFile               *file,
                               gsize                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, kling_file_read_limited_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, read_thread);
}

GBytes *
kling_file_read_limited_finish (GFile         *file,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
