/* kling-task-store.c — every task on disk, as a list model
 *
 * Each task is a folder <dir>/<local id>/ holding task.json, the images and
 * masks it sends (decoded from the body's base64), a thumbnail and, once
 * downloaded, the video. task.json is written last when a task is created,
 * so a folder without one was never sent and is ignored. The disk work of
 * creating one is in kling-task-store-write.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>


#include "kling-error.h"
#include "kling-task-store-private.h"

struct _KlingTaskStore
{
  GObject    parent_instance;

  char      *dir;
  GPtrArray *tasks;   /* of KlingTask, newest (greatest local id) first */
  gint64     last_ms; /* the time of the newest id this store made */
  GPtrArray *damaged; /* of Damaged, in the order the folder was read */
};

typedef struct {
  char *folder;
  char *reason;
} Damaged;

enum {
  PROP_0,
  PROP_N_DAMAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
damaged_free (Damaged *damaged)
{
  g_free (damaged->folder);
  g_free (damaged->reason);
  g_free (damaged);
}

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
  g_ptr_array_unref (self->damaged);

  G_OBJECT_CLASS (kling_task_store_parent_class)->finalize (object);
}

static void
kling_task_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlingTaskStore *self = KLING_TASK_STORE (object);

  switch (prop_id)
    {
    case PROP_N_DAMAGED:
      g_value_set_uint (value, self->damaged->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_task_store_class_init (KlingTaskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kling_task_store_finalize;
  object_class->get_property = kling_task_store_get_property;

  properties[PROP_N_DAMAGED] =
    g_param_spec_uint ("n-damaged", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kling_task_store_init (KlingTaskStore *self)
{
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) damaged_free);
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
  guint had_damaged;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), FALSE);

  dir = g_dir_open (self->dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }

  /* Damaged folders are tried again at every load: one may have been
   * mended (or removed) since. */
  had_damaged = self->damaged->len;
  g_ptr_array_set_size (self->damaged, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (self->dir, name, NULL);
      g_autoptr(KlingTask) task = NULL;
      g_autoptr(GError) task_error = NULL;

      if (*name == '.' || kling_task_store_find (self, name) != NULL || !is_task_folder (folder))
        continue;
      task = kling_task_new_from_folder (folder, &task_error);
      if (task == NULL)
        {
          Damaged *damaged = g_new0 (Damaged, 1);

          damaged->folder = g_steal_pointer (&folder);
          damaged->reason = g_strdup (task_error->message);
          g_ptr_array_add (self->damaged, damaged);
          continue;
        }
      insert_sorted (self, task);
    }
  if (had_damaged != 0 || self->damaged->len != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DAMAGED]);
  return TRUE;
}

guint
kling_task_store_get_n_damaged (KlingTaskStore *self)
{
  g_return_val_if_fail (KLING_IS_TASK_STORE (self), 0);
  return self->damaged->len;
}

const char *
kling_task_store_get_damaged_folder (KlingTaskStore *self,
                                     guint           index)
{
  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);
  g_return_val_if_fail (index < self->damaged->len, NULL);
  return ((Damaged *) g_ptr_array_index (self->damaged, index))->folder;
}

const char *
kling_task_store_get_damaged_reason (KlingTaskStore *self,
                                     guint           index)
{
  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);
  g_return_val_if_fail (index < self->damaged->len, NULL);
  return ((Damaged *) g_ptr_array_index (self->damaged, index))->reason;
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


/**
 * kling_task_store_create_full:
 * @body: the JSON body that will be POSTed; it must have an external_task_id
 * @request: (nullable): the request @body was built from: its paths are
 *   kept as drawn, with their timing (kling_task_get_sent_path())
 * @base_url: where it will be sent (saved without any credentials)
 * @auth_mode: how it will be authenticated (saved, never the secret)
 *
 * Writes a new task to disk, before anything is sent: the images and masks
 * decoded from @body, a thumbnail of the image, then task.json. This blocks
 * for as long as a large image takes to decode: a window calls
 * kling_task_store_create_full_async() instead.
 *
 * Returns: (transfer full): the new PENDING task, also added to the store
 */
KlingTask *
kling_task_store_create_full (KlingTaskStore  *self,
                              GBytes          *body,
                              KlingRequest    *request,
                              const char      *base_url,
                              KlingAuthMode    auth_mode,
                              GError         **error)
{
  g_autoptr(GPtrArray) paths = kling_task_paths_from_request (request);
  KlingTask *task;

  g_return_val_if_fail (KLING_IS_TASK_STORE (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  task = kling_task_store_write_task (self->dir, body, paths, next_task_time (self),
                                      base_url, auth_mode, NULL, error);
  if (task != NULL)
    insert_sorted (self, task);
  return task;
}

/* A body on its own: the paths are the sent points. */
KlingTask *
kling_task_store_create (KlingTaskStore  *self,
                         GBytes          *body,
                         const char      *base_url,
                         KlingAuthMode    auth_mode,
                         GError         **error)
{
  return kling_task_store_create_full (self, body, NULL, base_url, auth_mode, error);
}

typedef struct {
  char          *dir;
  GBytes        *body;
  GPtrArray     *paths;
  gint64         time_ms;
  char          *base_url;
  KlingAuthMode  auth_mode;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->dir);
  g_bytes_unref (data->body);
  g_clear_pointer (&data->paths, g_ptr_array_unref);
  g_free (data->base_url);
  g_free (data);
}

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  KlingTask *created;

  if (g_task_return_error_if_cancelled (task))
    return;
  created = kling_task_store_write_task (data->dir, data->body, data->paths, data->time_ms, data->base_url,
                                         data->auth_mode, cancellable, &error);
  if (created == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, created, g_object_unref);
}

/* Back on the caller's thread: the store changes only here. */
static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KlingTaskStore *self = KLING_TASK_STORE (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(KlingTask) task = NULL;
  GError *error = NULL;

  task = g_task_propagate_pointer (G_TASK (result), &error);
  if (task == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  /* Cancelled after task.json was written: a task nobody waits for must not
   * be sent later by the poller, so it goes again. */
  if (g_task_return_error_if_cancelled (outer))
    {
      kling_task_store_remove_folder (kling_task_get_folder (task), NULL);
      return;
    }
  insert_sorted (self, task);
  g_task_return_pointer (outer, g_steal_pointer (&task), g_object_unref);
}

/**
 * kling_task_store_create_full_async:
 *
 * Does what kling_task_store_create_full() does, with the decoding and writing
 * in a worker thread, so the main loop keeps running. The task is added to
 * the store just before @callback runs. When @cancellable is cancelled
 * before the end, nothing is left on disk.
 */
void
kling_task_store_create_full_async (KlingTaskStore      *self,
                                    GBytes              *body,
                                    KlingRequest        *request,
                                    const char          *base_url,
                                    KlingAuthMode        auth_mode,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  CreateData *data;

  g_return_if_fail (KLING_IS_TASK_STORE (self));
  g_return_if_fail (body != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, kling_task_store_create_full_async);

  data = g_new0 (CreateData, 1);
  data->dir = g_strdup (self->dir);
  data->body = g_bytes_ref (body);
  data->paths = kling_task_paths_from_request (request);
  /* Taken here, in call order, so that tasks still sort as they were made. */
  data->time_ms = next_task_time (self);
  data->base_url = g_strdup (base_url);
  data->auth_mode = auth_mode;

  inner = g_task_new (self, cancellable, on_created, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, kling_task_store_create_full_async);
  /* Its result is wanted even when cancelled, to remove what it wrote. */
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (inner, create_in_thread);
}

void
kling_task_store_create_async (KlingTaskStore      *self,
                               GBytes              *body,
                               const char          *base_url,
                               KlingAuthMode        auth_mode,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  kling_task_store_create_full_async (self, body, NULL, base_url, auth_mode,
                                      cancellable, callback, user_data);
}

/**
 * kling_task_store_create_finish:
 *
 * Returns: (transfer full): the new PENDING task, already in the store, or
 *   %NULL with @error set (G_IO_ERROR_CANCELLED when cancelled)
 */
KlingTask *
kling_task_store_create_finish (KlingTaskStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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
  return kling_task_store_write_file (path, data, length, error);
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

  if (!kling_task_store_remove_folder (kling_task_get_folder (task), error))
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
