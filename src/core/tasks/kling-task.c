/* kling-task.c — one generation, kept in its own folder
 *
 * A task is what the user submitted and what became of it: its identity,
 * the server's view of it, and the files in its folder. How it is written
 * to and read from task.json is in kling-task-file.c; how the server's
 * answers change it, in kling-task-update.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-enum.h"
#include "kling-error.h"
#include "kling-task-private.h"

G_DEFINE_FINAL_TYPE (KlingTask, kling_task, G_TYPE_OBJECT)

static GParamSpec *properties[KLING_TASK_N_PROPS];

/* The state's nick (from glib-mkenums) is the "state" in task.json. */
const char *
kling_task_state_to_string (KlingTaskState state)
{
  const char *nick = kling_enum_to_nick (KLING_TYPE_TASK_STATE, state);

  return nick != NULL ? nick : "unknown";
}

gboolean
kling_task_state_from_string (const char     *text,
                              KlingTaskState *state)
{
  int value;

  if (!kling_enum_from_nick (KLING_TYPE_TASK_STATE, text, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

static void
kling_task_finalize (GObject *object)
{
  KlingTask *self = KLING_TASK (object);

  g_free (self->folder);
  g_free (self->local_id);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->base_url);
  g_free (self->external_task_id);
  g_free (self->task_id);
  g_free (self->status_message);
  g_free (self->error_kind);
  g_free (self->error_message);
  g_free (self->request_id);
  for (guint i = 0; i < KLING_QUEUE_N_URLS; i++)
    g_free (self->queue_urls[i]);
  g_free (self->video_url);
  g_free (self->video_file);
  g_free (self->video_path);
  g_free (self->thumbnail_file);
  g_free (self->thumbnail_path);
  g_free (self->name);
  g_strfreev (self->region_colors);
  g_clear_pointer (&self->request, json_object_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);

  G_OBJECT_CLASS (kling_task_parent_class)->finalize (object);
}

static void
kling_task_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KlingTask *self = KLING_TASK (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ID: g_value_set_string (value, self->local_id); break;
    case PROP_FOLDER: g_value_set_string (value, self->folder); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_EXTERNAL_TASK_ID: g_value_set_string (value, self->external_task_id); break;
    case PROP_TASK_ID: g_value_set_string (value, self->task_id); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_PROGRESS: g_value_set_int (value, self->progress); break;
    case PROP_STATUS_MESSAGE: g_value_set_string (value, self->status_message); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_VIDEO_URL: g_value_set_string (value, self->video_url); break;
    case PROP_VIDEO_PATH: g_value_set_string (value, self->video_path); break;
    case PROP_THUMBNAIL_PATH: g_value_set_string (value, self->thumbnail_path); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DOWNLOAD_PROGRESS: g_value_set_double (value, self->download_progress); break;
    case PROP_PROMPT: g_value_set_string (value, kling_task_get_prompt (self)); break;
    case PROP_MODEL_NAME: g_value_set_string (value, kling_task_get_model_name (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
kling_task_class_init (KlingTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kling_task_finalize;
  object_class->get_property = kling_task_get_property;

  properties[PROP_LOCAL_ID] = string_property ("local-id");
  properties[PROP_FOLDER] = string_property ("folder");
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_EXTERNAL_TASK_ID] = string_property ("external-task-id");
  properties[PROP_TASK_ID] = string_property ("task-id");
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KLING_TYPE_TASK_STATE,
                       KLING_TASK_STATE_PENDING, flags);
  properties[PROP_PROGRESS] =
    g_param_spec_int ("progress", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_STATUS_MESSAGE] = string_property ("status-message");
  properties[PROP_ERROR_MESSAGE] = string_property ("error-message");
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_VIDEO_URL] = string_property ("video-url");
  properties[PROP_VIDEO_PATH] = string_property ("video-path");
  properties[PROP_THUMBNAIL_PATH] = string_property ("thumbnail-path");
  properties[PROP_DOWNLOAD_PROGRESS] =
    g_param_spec_double ("download-progress", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_PROMPT] = string_property ("prompt");
  properties[PROP_MODEL_NAME] = string_property ("model-name");
  properties[PROP_NAME] = string_property ("name");

  g_object_class_install_properties (object_class, KLING_TASK_N_PROPS, properties);
}

static void
kling_task_init (KlingTask *self)
{
  self->progress = -1;
}

/* Setting a string property: notifies only on a real change. */
gboolean
kling_task_replace_string (KlingTask   *self,
                           char       **field,
                           const char  *value,
                           int          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  if (prop_id > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

/**
 * kling_task_new:
 *
 * A new PENDING task for a folder the task store has just filled.
 * @request is taken as is (a reference is added).
 */
KlingTask *
kling_task_new (const char    *folder,
                GDateTime     *created,
                const char    *base_url,
                KlingAuthMode  auth_mode,
                const char    *external_task_id,
                JsonObject    *request)
{
  KlingTask *self = g_object_new (KLING_TYPE_TASK, NULL);

  self->folder = g_strdup (folder);
  self->local_id = g_path_get_basename (folder);
  self->created = g_date_time_ref (created);
  self->base_url = g_strdup (base_url);
  self->auth_mode = auth_mode;
  self->external_task_id = g_strdup (external_task_id);
  self->request = json_object_ref (request);
  self->state = KLING_TASK_STATE_PENDING;
  return self;
}

/* Getters */

const char *
kling_task_get_local_id (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->local_id;
}

const char *
kling_task_get_folder (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->folder;
}

GDateTime *
kling_task_get_created (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->created;
}

const char *
kling_task_get_base_url (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->base_url;
}

KlingAuthMode
kling_task_get_auth_mode (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), KLING_AUTH_BEARER);
  return self->auth_mode;
}

const char *
kling_task_get_external_task_id (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->external_task_id;
}

const char *
kling_task_get_task_id (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->task_id;
}

KlingTaskState
kling_task_get_state (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), KLING_TASK_STATE_PENDING);
  return self->state;
}

/**
 * kling_task_get_progress:
 *
 * Returns: the server's progress in percent, or -1 when it does not say.
 */
int
kling_task_get_progress (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), -1);
  return self->progress;
}

const char *
kling_task_get_status_message (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->status_message;
}

const char *
kling_task_get_error_message (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->error_message;
}

/**
 * kling_task_get_error_kind:
 *
 * Returns: (nullable): what kind of error #KlingTask:error-message is, as a
 *   stable word ("content-refused", "resource-exhausted", "timeout", …)
 */
const char *
kling_task_get_error_kind (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->error_kind;
}

const char *
kling_task_get_request_id (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->request_id;
}

gint64
kling_task_get_created_at (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), 0);
  return self->created_at;
}

gint64
kling_task_get_updated_at (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), 0);
  return self->updated_at;
}

const char *
kling_task_get_video_url (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->video_url;
}

/**
 * kling_task_get_video_path:
 *
 * Returns: (nullable): the saved video, %NULL until the file is complete
 */
const char *
kling_task_get_video_path (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->video_path;
}

const char *
kling_task_get_thumbnail_path (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->thumbnail_path;
}

double
kling_task_get_download_progress (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), 0.0);
  return self->download_progress;
}

/**
 * kling_task_get_name:
 *
 * Returns: (nullable): the name the artist gave @task, or %NULL when it has
 *   none (the UI names it by its prompt then)
 */
const char *
kling_task_get_name (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->name;
}

/**
 * kling_task_set_name:
 * @name: (nullable): the artist's name for @task; %NULL or only spaces for none
 *
 * Keeps @name on one line, without the spaces around it, and at most
 * %KLING_TASK_NAME_MAX_CHARS characters. Text that is not UTF-8 is made valid.
 */
void
kling_task_set_name (KlingTask  *self,
                     const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *kept = NULL;

  g_return_if_fail (KLING_IS_TASK (self));

  if (name != NULL)
    {
      valid = g_utf8_make_valid (name, -1);
      g_strdelimit (valid, "\n\r\t", ' ');
      g_strstrip (valid);
      if (g_utf8_strlen (valid, -1) > KLING_TASK_NAME_MAX_CHARS)
        *g_utf8_offset_to_pointer (valid, KLING_TASK_NAME_MAX_CHARS) = '\0';
      g_strchomp (valid);
      if (*valid != '\0')
        kept = g_steal_pointer (&valid);
    }
  kling_task_replace_string (self, &self->name, kept, PROP_NAME);
}

/**
 * kling_task_dup_error:
 *
 * Returns: (transfer full) (nullable): why @task failed, as the KLING_ERROR
 *   it was recorded from (KLING_ERROR_TASK_FAILED when the kind is unknown),
 *   or %NULL if it did not fail
 */
GError *
kling_task_dup_error (KlingTask *self)
{
  int code = KLING_ERROR_TASK_FAILED;

  g_return_val_if_fail (KLING_IS_TASK (self), NULL);

  if (self->state != KLING_TASK_STATE_FAILED && self->error_message == NULL)
    return NULL;
  /* The error kinds in task.json are KlingError's nicks. */
  if (!kling_enum_from_nick (KLING_TYPE_ERROR, self->error_kind, &code))
    code = KLING_ERROR_TASK_FAILED;
  return g_error_new_literal (KLING_ERROR, code, self->error_message != NULL ? self->error_message : "");
}

/**
 * kling_task_gave_up_waiting:
 *
 * Whether @task failed only because we stopped waiting for it: the server
 * may still finish it, and its id lets us look it up again.
 */
gboolean
kling_task_gave_up_waiting (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), FALSE);
  return self->state == KLING_TASK_STATE_FAILED &&
         g_strcmp0 (kling_task_get_error_kind (self), "timeout") == 0 &&
         self->task_id != NULL;
}

/**
 * kling_task_is_finished:
 *
 * Whether nothing is left to do for this task: it failed, or it succeeded
 * and its video is saved.
 */
gboolean
kling_task_is_finished (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), FALSE);
  return self->state == KLING_TASK_STATE_FAILED ||
         (self->state == KLING_TASK_STATE_SUCCEEDED && self->video_path != NULL);
}

/* Setters */

void
kling_task_set_state (KlingTask      *self,
                      KlingTaskState  state)
{
  g_return_if_fail (KLING_IS_TASK (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
kling_task_set_task_id (KlingTask  *self,
                        const char *task_id)
{
  g_return_if_fail (KLING_IS_TASK (self));
  kling_task_replace_string (self, &self->task_id, task_id, PROP_TASK_ID);
}

void
kling_task_set_status_message (KlingTask  *self,
                               const char *message)
{
  g_return_if_fail (KLING_IS_TASK (self));
  kling_task_replace_string (self, &self->status_message, message, PROP_STATUS_MESSAGE);
}

/**
 * kling_task_set_error_message:
 * @kind: (nullable): a stable word for the kind of error
 * @message: (nullable): what the user reads, %NULL to clear
 */
void
kling_task_set_error_message (KlingTask  *self,
                              const char *kind,
                              const char *message)
{
  g_return_if_fail (KLING_IS_TASK (self));
  kling_task_replace_string (self, &self->error_kind, message != NULL ? kind : NULL, 0);
  kling_task_replace_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
}

/**
 * kling_task_set_error:
 * @error: (nullable): a KLING_ERROR (or any) error, %NULL to clear
 *
 * Keeps @error's message, which for server errors already names the
 * server's message, code and request id.
 */
void
kling_task_set_error (KlingTask    *self,
                      const GError *error)
{
  const char *kind = NULL;
  g_autofree char *retired = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (KLING_IS_TASK (self));

  if (error != NULL && error->domain == KLING_ERROR)
    kind = kling_enum_to_nick (KLING_TYPE_ERROR, error->code);
  if (error != NULL && kind == NULL)
    kind = "other";
  /* A retired model's request refused: most likely the retirement. */
  if (g_error_matches (error, KLING_ERROR, KLING_ERROR_INVALID_PARAMETERS) ||
      g_error_matches (error, KLING_ERROR, KLING_ERROR_PERMISSION))
    retired = kling_capabilities_explain_retirement (kling_task_get_model_name (self));
  if (retired != NULL)
    message = g_strconcat (error->message, " ", retired, NULL);
  kling_task_set_error_message (self, kind, message != NULL ? message
                                            : error != NULL ? error->message : NULL);
}

static char *
file_in_folder (KlingTask  *self,
                const char *file_name)
{
  if (file_name == NULL)
    return NULL;
  return g_build_filename (self->folder, file_name, NULL);
}

/**
 * kling_task_set_video_file:
 * @file_name: (nullable): the name, in the task's folder, of the complete video
 */
void
kling_task_set_video_file (KlingTask  *self,
                           const char *file_name)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KLING_IS_TASK (self));
  g_return_if_fail (file_name == NULL || kling_task_file_name_is_safe (file_name));

  kling_task_replace_string (self, &self->video_file, file_name, 0);
  path = file_in_folder (self, file_name);
  kling_task_replace_string (self, &self->video_path, path, PROP_VIDEO_PATH);
}

void
kling_task_set_thumbnail_file (KlingTask  *self,
                               const char *file_name)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KLING_IS_TASK (self));
  g_return_if_fail (file_name == NULL || kling_task_file_name_is_safe (file_name));

  kling_task_replace_string (self, &self->thumbnail_file, file_name, 0);
  path = file_in_folder (self, file_name);
  kling_task_replace_string (self, &self->thumbnail_path, path, PROP_THUMBNAIL_PATH);
}

void
kling_task_set_download_progress (KlingTask *self,
                                  double     fraction)
{
  g_return_if_fail (KLING_IS_TASK (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->download_progress == fraction)
    return;
  self->download_progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_PROGRESS]);
}

void
kling_task_notify (KlingTask *self,
                   int        prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}
