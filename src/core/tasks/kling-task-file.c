/* kling-task-file.c — a task on disk: task.json and the request's files
 *
 * task.json keeps the request body with every inline image and mask replaced
 * by {"file": NAME}, a file beside it holding the decoded bytes; the body is
 * rebuilt from them byte for byte when it must be sent again (after a
 * restart). task.json never holds a secret, and is read as outside data:
 * anything unexpected is an error, never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-enum.h"
#include "kling-error.h"
#include "kling-json.h"
#include "kling-task-private.h"


/* The request's images and masks */

/**
 * kling_task_file_name_is_safe:
 *
 * Whether @name is a plain file name inside a task's folder: task.json is
 * outside data, and must not make us read or write anywhere else.
 */
gboolean
kling_task_file_name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '.')
    return FALSE;
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    return FALSE;
  if (strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  return g_strcmp0 (name, KLING_TASK_FILE) != 0;
}

/**
 * kling_task_foreach_blob:
 * @request: a request body, or its saved form
 * @func: called for every member that may hold an image or a mask
 *
 * Visits image, image_tail, static_mask and dynamic_masks[i].mask (when
 * present, whatever their type) in the order of kling-api.md §2.
 *
 * Returns: %FALSE if @func failed
 */
gboolean
kling_task_foreach_blob (JsonObject         *request,
                         KlingTaskBlobFunc   func,
                         gpointer            user_data,
                         GError            **error)
{
  static const char * const members[] = { "image", "image_tail", "static_mask" };
  JsonNode *masks;
  JsonArray *array;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (json_object_has_member (request, members[i]) &&
          !func (request, members[i], members[i], user_data, error))
        return FALSE;
    }

  masks = json_object_get_member (request, "dynamic_masks");
  if (masks == NULL || !JSON_NODE_HOLDS_ARRAY (masks))
    return TRUE;
  array = json_node_get_array (masks);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      g_autofree char *stem = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry) ||
          !json_object_has_member (json_node_get_object (entry), "mask"))
        continue;
      stem = g_strdup_printf ("dynamic_mask_%u", i + 1);
      if (!func (json_node_get_object (entry), "mask", stem, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* The file a saved request refers to: {"file": NAME}, or NULL for a member
 * kept inline (a URL, or text that was not base64). */
static const char *
blob_file_name (JsonObject *holder,
                const char *member)
{
  JsonNode *node = json_object_get_member (holder, member);
  JsonNode *file;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  file = json_object_get_member (json_node_get_object (node), "file");
  if (file == NULL || json_node_get_value_type (file) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (file);
}

static gboolean
check_blob_reference (JsonObject  *holder,
                      const char  *member,
                      const char  *file_stem,
                      gpointer     user_data,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (holder, member);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  if (!kling_task_file_name_is_safe (blob_file_name (holder, member)))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The request's “%s” does not name a file of the task"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
inline_blob (JsonObject  *holder,
             const char  *member,
             const char  *file_stem,
             gpointer     user_data,
             GError     **error)
{
  KlingTask *self = user_data;
  const char *name = blob_file_name (holder, member);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base64 = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (name == NULL)
    return TRUE;
  if (!kling_task_file_name_is_safe (name))
    return check_blob_reference (holder, member, file_stem, NULL, error);

  path = g_build_filename (self->folder, name, NULL);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO,
                   _("The task's “%s” cannot be read: %s"), member, local_error->message);
      return FALSE;
    }
  base64 = g_base64_encode ((const guchar *) contents, length);
  json_object_set_string_member (holder, member, base64);
  return TRUE;
}

/* A deep copy of the saved request that we may change (json_node_copy()
 * would share the objects inside). */
static JsonNode *
copy_request (KlingTask *self)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), self->request);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  gsize length;

  text = kling_json_to_data (root, FALSE, &length);
  if (!json_parser_load_from_data (parser, text, length, NULL))
    g_return_val_if_reached (NULL);
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * kling_task_build_body:
 *
 * Rebuilds the request body exactly as it was given to
 * kling_task_store_create() (for a body written by kling_json_to_data(), as
 * kling_request_build_body() does, byte for byte), reading the images and
 * masks back from the task's folder. This is what is POSTed, now or after a
 * restart.
 */
GBytes *
kling_task_build_body (KlingTask  *self,
                       GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (KLING_IS_TASK (self), NULL);

  root = copy_request (self);
  if (!kling_task_foreach_blob (json_node_get_object (root), inline_blob, self, error))
    return NULL;

  text = kling_json_to_data (root, FALSE, &length);
  return g_bytes_new_take (text, length);
}

/* task.json */

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* task.json's "queue" object, by KlingQueueUrl. */
static const char *const queue_url_names[KLING_QUEUE_N_URLS] = { "status_url", "response_url", "cancel_url" };

/* Only a queue provider's task has them. */
static void
add_queue_urls (KlingTask   *self,
                JsonBuilder *builder)
{

  if (self->queue_urls[KLING_QUEUE_STATUS_URL] == NULL)
    return;
  json_builder_set_member_name (builder, "queue");
  json_builder_begin_object (builder);
  for (guint i = 0; i < KLING_QUEUE_N_URLS; i++)
    kling_json_add_optional_string (builder, queue_url_names[i], self->queue_urls[i]);
  json_builder_end_object (builder);
}

static void
add_error (KlingTask   *self,
           JsonBuilder *builder)
{
  if (self->error_message == NULL && self->request_id == NULL)
    return;
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  kling_json_add_optional_string (builder, "kind", self->error_kind);
  kling_json_add_optional_string (builder, "message", self->error_message);
  kling_json_add_optional_string (builder, "request_id", self->request_id);
  json_builder_end_object (builder);
}

/**
 * kling_task_to_data:
 *
 * Returns: (transfer full): the contents of task.json (pretty JSON, UTF-8)
 */
char *
kling_task_to_data (KlingTask *self,
                    gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *created = NULL;

  g_return_val_if_fail (KLING_IS_TASK (self), NULL);

  created = g_date_time_format (self->created, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  kling_json_add_optional_string (builder, "format", KLING_TASK_FORMAT);
  add_int (builder, "version", KLING_TASK_VERSION);
  kling_json_add_optional_string (builder, "local_id", self->local_id);
  kling_json_add_optional_string (builder, "created", created);
  /* Where it was sent and how, never with what credentials. */
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_object (builder);
  kling_json_add_optional_string (builder, "base_url", self->base_url);
  kling_json_add_optional_string (builder, "auth", kling_enum_to_nick (KLING_TYPE_AUTH_MODE, self->auth_mode));
  json_builder_end_object (builder);
  kling_json_add_optional_string (builder, "external_task_id", self->external_task_id);
  kling_json_add_optional_string (builder, "task_id", self->task_id);
  kling_json_add_optional_string (builder, "state", kling_task_state_to_string (self->state));
  add_int (builder, "progress", self->progress);
  kling_json_add_optional_string (builder, "status_message", self->status_message);
  add_error (self, builder);
  if (self->created_at > 0)
    add_int (builder, "created_at", self->created_at);
  if (self->updated_at > 0)
    add_int (builder, "updated_at", self->updated_at);
  kling_json_add_optional_string (builder, "video_url", self->video_url);
  add_queue_urls (self, builder);
  kling_json_add_optional_string (builder, "video_file", self->video_file);
  kling_json_add_optional_string (builder, "thumbnail_file", self->thumbnail_file);
  kling_json_add_optional_string (builder, "name", self->name);
  _kling_task_add_region_colors (self, builder);
  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->request));
  _kling_task_add_paths (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return kling_json_to_data (root, TRUE, length);
}

static KlingTask *
damaged (GError **error,
         GError  *problem)
{
  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
               _("The task file is damaged: %s"), problem->message);
  return NULL;
}

/* Reads an optional string member into @out (a copy); a wrong type is an error. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **out,
             GError     **error)
{
  const char *value;

  if (!kling_json_get_optional_string (object, name, &value, error))
    return FALSE;
  if (value != NULL)
    {
      g_free (*out);
      *out = g_strdup (value);
    }
  return TRUE;
}

/* An optional object member; a wrong type is an error. */
static gboolean
read_object (JsonObject  *object,
             const char  *name,
             JsonObject **out,
             GError     **error)
{
  return kling_json_get_optional_object (object, name, out, error);
}

static gboolean
read_header (JsonObject  *root,
             GError     **error)
{
  g_autoptr(GError) problem = NULL;
  g_autofree char *format = NULL;
  gint64 version = 0;

  if (!read_string (root, "format", &format, &problem) ||
      !kling_json_get_optional_int (root, "version", 0, G_MAXINT, &version, &problem))
    {
      damaged (error, problem);
      return FALSE;
    }
  if (g_strcmp0 (format, KLING_TASK_FORMAT) != 0)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("This is not a Kling Studio task file"));
      return FALSE;
    }
  if (version < 1 || version > KLING_TASK_VERSION)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The task file has version %lld, which this version of Kling Studio cannot read"),
                   (long long) version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_provider (KlingTask   *self,
               JsonObject  *root,
               GError     **error)
{
  JsonObject *provider;
  g_autofree char *auth = NULL;
  int auth_mode = KLING_AUTH_BEARER;

  if (!read_object (root, "provider", &provider, error))
    return FALSE;
  if (provider == NULL)
    return TRUE;
  if (!read_string (provider, "base_url", &self->base_url, error) ||
      !read_string (provider, "auth", &auth, error))
    return FALSE;
  /* Anything but a known nick is a Bearer token, as before. */
  kling_enum_from_nick (KLING_TYPE_AUTH_MODE, auth, &auth_mode);
  self->auth_mode = auth_mode;
  return TRUE;
}

static gboolean
read_identity (KlingTask   *self,
               JsonObject  *root,
               GError     **error)
{
  g_autofree char *created = NULL;
  g_autofree char *state = NULL;

  if (!read_string (root, "created", &created, error) ||
      !read_string (root, "external_task_id", &self->external_task_id, error) ||
      !read_string (root, "task_id", &self->task_id, error) ||
      !read_string (root, "state", &state, error))
    return FALSE;

  if (created != NULL)
    self->created = g_date_time_new_from_iso8601 (created, NULL);
  if (self->created == NULL)
    return kling_json_problem (error, _("“%s” is missing or not a date"), "created");
  if (self->external_task_id == NULL || *self->external_task_id == '\0')
    return kling_json_problem (error, _("“%s” is missing"), "external_task_id");
  if (!kling_task_state_from_string (state, &self->state))
    return kling_json_problem (error, _("“%s” is missing or unknown"), "state");
  if (self->state >= KLING_TASK_STATE_SUBMITTED && self->state != KLING_TASK_STATE_FAILED &&
      (self->task_id == NULL || *self->task_id == '\0'))
    return kling_json_problem (error, _("“%s” is missing"), "task_id");
  return TRUE;
}

static gboolean
read_queue_urls (KlingTask   *self,
                 JsonObject  *root,
                 GError     **error)
{
  JsonObject *queue;

  if (!read_object (root, "queue", &queue, error))
    return FALSE;
  for (guint i = 0; queue != NULL && i < KLING_QUEUE_N_URLS; i++)
    if (!read_string (queue, queue_url_names[i], &self->queue_urls[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_status (KlingTask   *self,
             JsonObject  *root,
             GError     **error)
{
  JsonObject *error_object;
  gint64 progress = -1;

  if (!read_object (root, "error", &error_object, error) ||
      !kling_json_get_optional_int (root, "progress", -1, 100, &progress, error) ||
      !read_string (root, "status_message", &self->status_message, error) ||
      !kling_json_get_optional_int (root, "created_at", 0, G_MAXINT64, &self->created_at, error) ||
      !kling_json_get_optional_int (root, "updated_at", 0, G_MAXINT64, &self->updated_at, error) ||
      !read_string (root, "video_url", &self->video_url, error))
    return FALSE;
  self->progress = (int) progress;

  if (!read_queue_urls (self, root, error))
    return FALSE;
  if (error_object != NULL &&
      (!read_string (error_object, "kind", &self->error_kind, error) ||
       !read_string (error_object, "message", &self->error_message, error) ||
       !read_string (error_object, "request_id", &self->request_id, error)))
    return FALSE;
  return TRUE;
}

/* A file the task refers to; only kept when it is really there, so that a
 * video deleted or never completed is downloaded again. */
static gboolean
read_file_name (KlingTask   *self,
                JsonObject  *root,
                const char  *member,
                char       **name,
                char       **path,
                GError     **error)
{
  g_autofree char *full = NULL;

  if (!read_string (root, member, name, error))
    return FALSE;
  if (*name == NULL)
    return TRUE;
  if (!kling_task_file_name_is_safe (*name))
    return kling_json_problem (error, _("“%s” is not a file name"), member);

  full = g_build_filename (self->folder, *name, NULL);
  if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
    *path = g_steal_pointer (&full);
  else
    g_clear_pointer (name, g_free);
  return TRUE;
}

/* A name is the artist's text: kept as kling_task_set_name() would keep it. */
static gboolean
read_name (KlingTask   *self,
           JsonObject  *root,
           GError     **error)
{
  g_autofree char *name = NULL;

  if (!read_string (root, "name", &name, error))
    return FALSE;
  kling_task_set_name (self, name);
  return TRUE;
}

static gboolean
read_request (KlingTask   *self,
              JsonObject  *root,
              GError     **error)
{
  JsonObject *request;

  if (!read_object (root, "request", &request, error))
    return FALSE;
  if (request == NULL)
    return kling_json_problem (error, _("“%s” is missing"), "request");
  self->request = json_object_ref (request);
  return TRUE;
}


/**
 * kling_task_new_from_data:
 * @folder: the task's folder (its name is the local id)
 * @json: the contents of task.json (need not be nul-terminated)
 *
 * Reads a task back. Anything that is not a task file this version wrote
 * is an error, never a crash: task files are outside data.
 */
KlingTask *
kling_task_new_from_data (const char  *folder,
                          const char  *json,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(KlingTask) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object = NULL;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (json != NULL || length == 0, NULL);

  parser = kling_json_parse_object (json, length, &object, &local_error);
  if (parser == NULL)
    return damaged (error, local_error);
  /* Another format or version is said as such, not as damage. */
  if (!read_header (object, error))
    return NULL;

  self = g_object_new (KLING_TYPE_TASK, NULL);
  self->folder = g_strdup (folder);
  self->local_id = g_path_get_basename (folder);
  if (!read_provider (self, object, &local_error) ||
      !read_identity (self, object, &local_error) ||
      !read_status (self, object, &local_error) ||
      !read_file_name (self, object, "video_file", &self->video_file, &self->video_path,
                       &local_error) ||
      !read_file_name (self, object, "thumbnail_file", &self->thumbnail_file,
                       &self->thumbnail_path, &local_error) ||
      !read_name (self, object, &local_error) ||
      !read_request (self, object, &local_error) ||
      !_kling_task_read_paths (self, object, &local_error))
    return damaged (error, local_error);
  _kling_task_read_region_colors (self, object);
  if (!kling_task_foreach_blob (self->request, check_blob_reference, NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * kling_task_new_from_folder:
 * @folder: a task's folder (its name is the local id)
 *
 * Reads @folder's task.json, refusing a file that is not a regular file or
 * is larger than any task file this version writes.
 */
KlingTask *
kling_task_new_from_folder (const char  *folder,
                            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, KLING_TASK_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  contents = kling_json_read_file (path, KLING_TASK_MAX_FILE_SIZE, &length, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, KLING_ERROR, local_error->code,
                   _("The task file cannot be read: %s"), local_error->message);
      return NULL;
    }
  return kling_task_new_from_data (folder, contents, length, error);
}
