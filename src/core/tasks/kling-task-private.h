/* kling-task-private.h — a task's fields, for kling-task.c and its part files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-task.h"

G_BEGIN_DECLS

struct _KlingTask
{
  GObject         parent_instance;

  char           *folder;
  char           *local_id;
  GDateTime      *created;
  char           *base_url;
  KlingAuthMode   auth_mode;
  char           *external_task_id;
  char           *task_id;

  KlingTaskState  state;
  int             progress;
  char           *status_message;
  char           *error_kind;
  char           *error_message;
  char           *request_id;
  gint64          created_at;
  gint64          updated_at;

  char           *video_url;
  char           *video_file;
  char           *video_path;
  char           *thumbnail_file;
  char           *thumbnail_path;
  char           *name;            /* the artist's, or NULL for the default */
  char          **region_colors;   /* KLING_TASK_N_REGIONS, or NULL for the defaults */
  double          download_progress;

  JsonObject     *request;
  /* Per request.dynamic_masks entry, the path as drawn with its timing (an
   * entry may be NULL); NULL when the task did not keep them. */
  GPtrArray      *paths;
  /* A queue provider's (fal's) addresses for the request, by KlingQueueUrl. */
  char           *queue_urls[KLING_QUEUE_N_URLS];
};

/* The properties, for kling_task_notify() and kling_task_replace_string(). */
enum {
  PROP_0,
  PROP_LOCAL_ID,
  PROP_FOLDER,
  PROP_CREATED,
  PROP_EXTERNAL_TASK_ID,
  PROP_TASK_ID,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_STATUS_MESSAGE,
  PROP_ERROR_MESSAGE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VIDEO_URL,
  PROP_VIDEO_PATH,
  PROP_THUMBNAIL_PATH,
  PROP_DOWNLOAD_PROGRESS,
  PROP_PROMPT,
  PROP_MODEL_NAME,
  PROP_NAME,
  KLING_TASK_N_PROPS
};

/* kling-task.c, for kling-task-update.c */
gboolean kling_task_replace_string (KlingTask   *self,
                                    char       **field,
                                    const char  *value,
                                    int          prop_id);
void     kling_task_notify         (KlingTask   *self,
                                    int          prop_id);

/* kling-task-paths.c, for kling-task-file.c */
void     _kling_task_add_paths      (KlingTask   *self,
                                     JsonBuilder *builder);
gboolean _kling_task_read_paths     (KlingTask   *self,
                                     JsonObject  *root,
                                     GError     **error);

/* kling-task-colors.c, for the task file */
void     _kling_task_add_region_colors  (KlingTask   *self,
                                         JsonBuilder *builder);
void     _kling_task_read_region_colors (KlingTask   *self,
                                         JsonObject  *root);

G_END_DECLS
