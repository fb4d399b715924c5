/* kling-task-private.h — a task's fields, for kling-task.c and kling-task-file.c
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
  double          download_progress;

  JsonObject     *request;
};

G_END_DECLS
