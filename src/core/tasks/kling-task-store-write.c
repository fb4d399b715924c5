/* kling-task-store-write.c — the disk work of creating a task
 *
 * A new folder, the images and masks decoded from the body, a thumbnail, and
 * task.json last. Nothing here touches a KlingTaskStore, so it can run in a
 * worker thread while the window keeps drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-error.h"
#include "kling-image.h"
#include "kling-task-store-private.h"

/* Longest side of the picture the history shows before the video exists. */
#define THUMBNAIL_SIZE 320

/* Writes a whole file so that a crash leaves the old one or the new one. */
gboolean
kling_task_store_write_file (const char  *path,
                             const void  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A sortable, unique name: the UTC time to the millisecond and 16 random
 * bits, "20240607T054800.123Z-abcd" (ISO 8601 basic with a fraction).
 * Names compare as strings, newest greatest. Before, names had whole
 * seconds, "20240607T054800Z-abcd": both share the "YYYYMMDDTHHMMSS"
 * prefix, so a name of either form compares right against one of a
 * different second; only within one second does an old name sort after
 * every new one ('Z' > '.'), which can happen but once, at the upgrade.
 * Digits straight after the seconds would sort the same way, but the dot
 * keeps the name readable as a time. */
static char *
make_task_folder (const char  *dir,
                  gint64       time_ms,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autofree char *seconds = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *stamp = g_strdup_printf ("%s.%03dZ", seconds, (int) (time_ms % 1000));
  int attempt;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  for (attempt = 0; attempt < 64; attempt++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
      g_autofree char *folder = g_build_filename (dir, id, NULL);
      int saved_errno;

      if (g_mkdir (folder, 0700) == 0)
        return g_steal_pointer (&folder);
      saved_errno = errno;
      if (saved_errno != EEXIST)
        {
          g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Cannot create the folder %s: %s"),
                       folder, g_strerror (saved_errno));
          return NULL;
        }
    }
  g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Cannot find a free name for a task"));
  return NULL;
}

/* Removes a task's folder and the files in it (it has no sub-folders). */
gboolean
kling_task_store_remove_folder (const char  *folder,
                                GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  int saved_errno;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  if (g_rmdir (folder) == 0)
    return TRUE;
  saved_errno = errno;
  if (saved_errno == ENOENT)
    return TRUE;
  g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Cannot delete the folder %s: %s"),
               folder, g_strerror (saved_errno));
  return FALSE;
}

typedef struct {
  const char *folder;
  GBytes     *image;   /* the decoded "image", for the thumbnail */
} ExtractData;

static const char *
extension_for (const guchar *data,
               gsize         length)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guchar jpeg[] = { 0xff, 0xd8, 0xff };

  if (length >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return ".png";
  if (length >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return ".jpg";
  return ".bin";
}

/* Raw base64 that decodes and encodes back to the very same text: only then
 * can the body be rebuilt byte for byte from the file. */
static GBytes *
decode_exact_base64 (const char *text)
{
  g_autofree guchar *data = NULL;
  g_autofree char *again = NULL;
  gsize length;

  if (*text == '\0' || g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"))
    return NULL;
  data = g_base64_decode (text, &length);
  if (length == 0)
    return NULL;
  again = g_base64_encode (data, length);
  if (strcmp (again, text) != 0)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gboolean
extract_blob (JsonObject  *holder,
              const char  *member,
              const char  *file_stem,
              gpointer     user_data,
              GError     **error)
{
  ExtractData *data = user_data;
  JsonNode *node = json_object_get_member (holder, member);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  JsonObject *reference;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return TRUE;
  bytes = decode_exact_base64 (json_node_get_string (node));
  if (bytes == NULL)
    return TRUE;   /* a URL: kept as it is */

  name = g_strconcat (file_stem,
                      extension_for (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)),
                      NULL);
  path = g_build_filename (data->folder, name, NULL);
  if (!kling_task_store_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  if (g_strcmp0 (file_stem, "image") == 0)
    data->image = g_bytes_ref (bytes);

  reference = json_object_new ();
  json_object_set_string_member (reference, "file", name);
  json_object_set_object_member (holder, member, reference);
  return TRUE;
}

/* The picture the history shows until there is a video. Best effort. */
static gboolean
write_thumbnail (const char *folder,
                 GBytes     *image)
{
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *path = NULL;
  gsize length;

  thumbnail = kling_image_decode_thumbnail (image, THUMBNAIL_SIZE, &error);
  if (thumbnail == NULL)
    {
      g_debug ("No thumbnail for %s: %s", folder, error->message);
      return FALSE;
    }

  path = g_build_filename (folder, KLING_TASK_THUMBNAIL_FILE, NULL);
  if (!gdk_pixbuf_save_to_buffer (thumbnail, &buffer, &length, "png", &error, NULL) ||
      !kling_task_store_write_file (path, buffer, length, &error))
    {
      g_debug ("No thumbnail for %s: %s", folder, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The base URL as saved: no user name or password, query or fragment, in
 * case someone put a secret there. */
static char *
public_base_url (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) clean = NULL;

  if (base_url == NULL)
    return NULL;
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  clean = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                       g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
  return g_uri_to_string (clean);
}

static JsonObject *
parse_body (GBytes      *body,
            const char **external_task_id,
            JsonParser  *parser,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root;
  JsonNode *id;

  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) length,
                                                          &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The request body is not JSON: %s"),
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The request body is not a JSON object"));
      return NULL;
    }
  id = json_object_get_member (json_node_get_object (root), "external_task_id");
  if (id == NULL || json_node_get_value_type (id) != G_TYPE_STRING ||
      *json_node_get_string (id) == '\0')
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The request body has no “external_task_id”"));
      return NULL;
    }
  *external_task_id = json_node_get_string (id);
  return json_node_get_object (root);
}

/* Fills a new task folder; task.json last, so that it only exists complete.
 * Cancelling stops before task.json is written: no task is left behind. */
static KlingTask *
fill_task_folder (const char      *folder,
                  GDateTime       *now,
                  JsonObject      *request,
                  const char      *external_task_id,
                  const char      *base_url,
                  KlingAuthMode    auth_mode,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *public_url = public_base_url (base_url);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  ExtractData extract = { folder, NULL };
  gsize length;

  if (!kling_task_foreach_blob (request, extract_blob, &extract, error))
    {
      g_clear_pointer (&extract.image, g_bytes_unref);
      return NULL;
    }

  task = kling_task_new (folder, now, public_url, auth_mode, external_task_id, request);
  if (extract.image != NULL && !g_cancellable_is_cancelled (cancellable) &&
      write_thumbnail (folder, extract.image))
    kling_task_set_thumbnail_file (task, KLING_TASK_THUMBNAIL_FILE);
  g_clear_pointer (&extract.image, g_bytes_unref);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  path = g_build_filename (folder, KLING_TASK_FILE, NULL);
  data = kling_task_to_data (task, &length);
  if (!kling_task_store_write_file (path, data, length, error))
    return NULL;
  return g_steal_pointer (&task);
}

/**
 * kling_task_store_write_task:
 * @dir: the store's folder
 * @body: the JSON body that will be POSTed
 * @time_ms: the new task's time, which names its folder
 *
 * All the disk work of creating a task, touching no store: it runs in a
 * worker thread for kling_task_store_create_async(). On failure nothing is
 * left on disk.
 *
 * Returns: (transfer full): the new task, not yet in any store
 */
KlingTask *
kling_task_store_write_task (const char     *dir,
                             GBytes         *body,
                             gint64          time_ms,
                             const char     *base_url,
                             KlingAuthMode   auth_mode,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *folder = NULL;
  const char *external_task_id = NULL;
  JsonObject *request;

  request = parse_body (body, &external_task_id, parser, error);
  if (request == NULL)
    return NULL;

  /* Whole seconds: the time is saved as such. */
  now = g_date_time_new_from_unix_utc (time_ms / 1000);

  folder = make_task_folder (dir, time_ms, error);
  if (folder == NULL)
    return NULL;

  task = fill_task_folder (folder, now, request, external_task_id,
                           base_url, auth_mode, cancellable, error);
  if (task == NULL)
    {
      kling_task_store_remove_folder (folder, NULL);
      return NULL;
    }
  return g_steal_pointer (&task);
}
