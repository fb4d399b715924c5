/* kling-task-store.c — every task on disk, as a list model
 *
 * Each task is a folder <dir>/<local id>/ holding task.json, the images and
 * masks it sends (decoded from the body's base64), a thumbnail and, once
 * downloaded, the video. task.json is written last when a task is created,
 * so a folder without one was never sent and is ignored.
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
#include "kling-task-store.h"

/* Longest side of the picture the history shows before the video exists. */
#define THUMBNAIL_SIZE 320
/* task.json is small; a bigger one is not ours. */
#define MAX_TASK_FILE_SIZE (64 * 1024 * 1024)

struct _KlingTaskStore
{
  GObject    parent_instance;

  char      *dir;
  GPtrArray *tasks;   /* of KlingTask, newest (greatest local id) first */
  gint64     last_ms; /* the time of the newest id this store made */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlingTaskStore, kling_task_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
kling_task_store_get_item_type (GListModel *model)
{
  return KLING_TYPE_TASK;
}

static guint
kling_task_store_get_n_items (GListModel *model)
{
  return KLING_TASK_STORE (model)->tasks->len;
}

static gpointer
kling_task_store_get_item (GListModel *model,
                           guint       position)
{
  KlingTaskStore *self = KLING_TASK_STORE (model);

  if (position >= self->tasks->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->tasks, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kling_task_store_get_item_type;
  iface->get_n_items = kling_task_store_get_n_items;
  iface->get_item = kling_task_store_get_item;
}

static void
kling_task_store_finalize (GObject *object)
{
  KlingTaskStore *self = KLING_TASK_STORE (object);

  g_free (self->dir);
  g_ptr_array_unref (self->tasks);

  G_OBJECT_CLASS (kling_task_store_parent_class)->finalize (object);
}

static void
kling_task_store_class_init (KlingTaskStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kling_task_store_finalize;
}

static void
kling_task_store_init (KlingTaskStore *self)
{
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kling_task_store_new:
 * @dir: the folder holding one folder per task (created when needed)
 */
KlingTaskStore *
kling_task_store_new (const char *dir)
{
  KlingTaskStore *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (KLING_TYPE_TASK_STORE, NULL);
  self->dir = g_strdup (dir);
  return self;
}

/**
 * kling_task_store_default_dir:
 *
 * Returns: $KLING_STUDIO_DATA_DIR/tasks, or else
 *   $XDG_DATA_HOME/kling-studio/tasks (read once)
 */
const char *
kling_task_store_default_dir (void)
{
  static char *dir = NULL;

  if (g_once_init_enter (&dir))
    {
      const char *data_dir = g_getenv ("KLING_STUDIO_DATA_DIR");
      char *path;

      if (data_dir != NULL && *data_dir != '\0')
        path = g_build_filename (data_dir, "tasks", NULL);
      else
        path = g_build_filename (g_get_user_data_dir (), "kling-studio", "tasks", NULL);
      g_once_init_leave (&dir, path);
    }
  return dir;
}

const char *
kling_task_store_get_dir (KlingTaskStore *self)
{
  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);
  return self->dir;
}

/* Writes a whole file so that a crash leaves the old one or the new one. */
static gboolean
write_file (const char  *path,
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

static void
insert_sorted (KlingTaskStore *self,
               KlingTask      *task)
{
  const char *id = kling_task_get_local_id (task);
  guint i;

  for (i = 0; i < self->tasks->len; i++)
    {
      if (strcmp (kling_task_get_local_id (g_ptr_array_index (self->tasks, i)), id) < 0)
        break;
    }
  g_ptr_array_insert (self->tasks, i, g_object_ref (task));
  g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
}

/* Loading */

static KlingTask *
load_task (const char  *folder,
           GError     **error)
{
  g_autofree char *path = g_build_filename (folder, KLING_TASK_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (length > MAX_TASK_FILE_SIZE)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The task file is too large"));
      return NULL;
    }
  return kling_task_new_from_data (folder, contents, length, error);
}

static gboolean
is_task_folder (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, KLING_TASK_FILE, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * kling_task_store_load:
 *
 * Reads every task in the store's folder that is not loaded yet. A folder
 * whose task.json cannot be read is skipped with a warning: one damaged task
 * must not hide the others. A store folder that does not exist is empty.
 *
 * Returns: %FALSE only when the store's folder itself cannot be read
 */
gboolean
kling_task_store_load (KlingTaskStore  *self,
                       GError         **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), FALSE);

  dir = g_dir_open (self->dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (self->dir, name, NULL);
      g_autoptr(KlingTask) task = NULL;
      g_autoptr(GError) task_error = NULL;

      if (*name == '.' || kling_task_store_find (self, name) != NULL || !is_task_folder (folder))
        continue;
      task = load_task (folder, &task_error);
      if (task == NULL)
        {
          g_warning ("Skipping the task in %s: %s", folder, task_error->message);
          continue;
        }
      insert_sorted (self, task);
    }
  return TRUE;
}

/* Creating */

/* The UTC time of a new task, in milliseconds: strictly after the last one
 * this store made, so that tasks made within one millisecond (or while the
 * clock steps back) still sort in the order they were made. */
static gint64
next_task_time (KlingTaskStore *self)
{
  self->last_ms = MAX (g_get_real_time () / 1000, self->last_ms + 1);
  return self->last_ms;
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
make_task_folder (KlingTaskStore  *self,
                  gint64           time_ms,
                  GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autofree char *seconds = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *stamp = g_strdup_printf ("%s.%03dZ", seconds, (int) (time_ms % 1000));
  int attempt;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, _("Cannot create the folder %s: %s"),
                   self->dir, g_strerror (saved_errno));
      return NULL;
    }

  for (attempt = 0; attempt < 64; attempt++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
      g_autofree char *folder = g_build_filename (self->dir, id, NULL);
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
static gboolean
remove_folder (const char  *folder,
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
  if (!write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
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
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *path = NULL;
  GdkPixbuf *pixbuf;
  gsize length;
  int width, height, longest;

  if (!gdk_pixbuf_loader_write_bytes (loader, image, &error) ||
      !gdk_pixbuf_loader_close (loader, &error) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_debug ("No thumbnail for %s: %s", folder, error != NULL ? error->message : "no image");
      return FALSE;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  longest = MAX (width, height);
  if (longest > THUMBNAIL_SIZE)
    scaled = gdk_pixbuf_scale_simple (oriented,
                                      MAX (1, (width * THUMBNAIL_SIZE + longest / 2) / longest),
                                      MAX (1, (height * THUMBNAIL_SIZE + longest / 2) / longest),
                                      GDK_INTERP_BILINEAR);
  else
    scaled = g_object_ref (oriented);

  path = g_build_filename (folder, KLING_TASK_THUMBNAIL_FILE, NULL);
  if (!gdk_pixbuf_save_to_buffer (scaled, &buffer, &length, "png", &error, NULL) ||
      !write_file (path, buffer, length, &error))
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

/* Fills a new task folder; task.json last, so that it only exists complete. */
static KlingTask *
fill_task_folder (KlingTaskStore  *self,
                  const char      *folder,
                  GDateTime       *now,
                  JsonObject      *request,
                  const char      *external_task_id,
                  const char      *base_url,
                  KlingAuthMode    auth_mode,
                  GError         **error)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *public_url = public_base_url (base_url);
  ExtractData data = { folder, NULL };

  if (!kling_task_foreach_blob (request, extract_blob, &data, error))
    {
      g_clear_pointer (&data.image, g_bytes_unref);
      return NULL;
    }

  task = kling_task_new (folder, now, public_url, auth_mode, external_task_id, request);
  if (data.image != NULL && write_thumbnail (folder, data.image))
    kling_task_set_thumbnail_file (task, KLING_TASK_THUMBNAIL_FILE);
  g_clear_pointer (&data.image, g_bytes_unref);

  if (!kling_task_store_save (self, task, error))
    return NULL;
  return g_steal_pointer (&task);
}

/**
 * kling_task_store_create:
 * @body: the JSON body that will be POSTed; it must have an external_task_id
 * @base_url: where it will be sent (saved without any credentials)
 * @auth_mode: how it will be authenticated (saved, never the secret)
 *
 * Writes a new task to disk, before anything is sent: the images and masks
 * decoded from @body, a thumbnail of the image, then task.json.
 *
 * Returns: (transfer full): the new PENDING task, also added to the store
 */
KlingTask *
kling_task_store_create (KlingTaskStore  *self,
                         GBytes          *body,
                         const char      *base_url,
                         KlingAuthMode    auth_mode,
                         GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *folder = NULL;
  const char *external_task_id = NULL;
  JsonObject *request;
  gint64 time_ms;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  request = parse_body (body, &external_task_id, parser, error);
  if (request == NULL)
    return NULL;

  time_ms = next_task_time (self);
  /* Whole seconds: the time is saved as such. */
  now = g_date_time_new_from_unix_utc (time_ms / 1000);

  folder = make_task_folder (self, time_ms, error);
  if (folder == NULL)
    return NULL;

  task = fill_task_folder (self, folder, now, request, external_task_id,
                           base_url, auth_mode, error);
  if (task == NULL)
    {
      remove_folder (folder, NULL);
      return NULL;
    }

  insert_sorted (self, task);
  return g_steal_pointer (&task);
}

/**
 * kling_task_store_save:
 *
 * Writes @task's task.json (atomically).
 */
gboolean
kling_task_store_save (KlingTaskStore  *self,
                       KlingTask       *task,
                       GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), FALSE);
  g_return_val_if_fail (KLING_IS_TASK (task), FALSE);

  path = g_build_filename (kling_task_get_folder (task), KLING_TASK_FILE, NULL);
  data = kling_task_to_data (task, &length);
  return write_file (path, data, length, error);
}

/**
 * kling_task_store_delete:
 *
 * Removes @task's folder with everything in it, and the task from the store.
 */
gboolean
kling_task_store_delete (KlingTaskStore  *self,
                         KlingTask       *task,
                         GError         **error)
{
  guint position;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), FALSE);
  g_return_val_if_fail (KLING_IS_TASK (task), FALSE);

  if (!remove_folder (kling_task_get_folder (task), error))
    return FALSE;
  if (g_ptr_array_find (self->tasks, task, &position))
    {
      g_ptr_array_remove_index (self->tasks, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  return TRUE;
}

/**
 * kling_task_store_find:
 * @id: a local id, a server task id or an external task id
 *
 * Returns: (transfer none) (nullable): the task
 */
KlingTask *
kling_task_store_find (KlingTaskStore *self,
                       const char     *id)
{
  guint i;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);

  if (id == NULL || *id == '\0')
    return NULL;
  for (i = 0; i < self->tasks->len; i++)
    {
      KlingTask *task = g_ptr_array_index (self->tasks, i);

      if (g_strcmp0 (kling_task_get_local_id (task), id) == 0 ||
          g_strcmp0 (kling_task_get_task_id (task), id) == 0 ||
          g_strcmp0 (kling_task_get_external_task_id (task), id) == 0)
        return task;
    }
  return NULL;
}

/**
 * kling_task_store_contains:
 *
 * Whether @task is (still) in the store: it may have been deleted.
 */
gboolean
kling_task_store_contains (KlingTaskStore *self,
                           KlingTask      *task)
{
  g_return_val_if_fail (KLING_IS_TASK_STORE (self), FALSE);
  return g_ptr_array_find (self->tasks, task, NULL);
}
