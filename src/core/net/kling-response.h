/* kling-response.h — parsing the API's responses (both dialects)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-net-enums.h"

G_BEGIN_DECLS

typedef enum {
  KLING_TASK_STATUS_UNKNOWN = 0,
  KLING_TASK_STATUS_SUBMITTED,
  KLING_TASK_STATUS_PROCESSING,
  KLING_TASK_STATUS_SUCCEED,
  KLING_TASK_STATUS_FAILED,
} KlingTaskStatus;

typedef enum {
  KLING_DIALECT_KLING,   /* integer "code", data.task_status */
  KLING_DIALECT_RELAY,   /* string "code" or none, "status" in capitals */
} KlingDialect;

/**
 * KlingTaskInfo:
 *
 * One task as the server described it, whatever the dialect.
 * Strings are owned; any of them may be %NULL.
 */
typedef struct {
  char            *task_id;
  char            *external_task_id;
  KlingTaskStatus  status;
  char            *status_message;   /* the failure reason (task_status_msg / fail_reason) */
  char            *video_id;
  char            *video_url;
  char            *video_duration;   /* as sent: "5", "5.066" */
  gint64           created_at_ms;    /* 0 when unknown; relay seconds are converted */
  gint64           updated_at_ms;
  int              progress;         /* 0–100, or -1 when the server does not say */
  char            *request_id;
  KlingDialect     dialect;
  /* A queue provider's (fal's) addresses for this request, from its submit
   * answer; %NULL for Kling. */
  char            *status_url;
  char            *response_url;
  char            *cancel_url;
} KlingTaskInfo;

KlingTaskInfo *kling_task_info_new    (void);
KlingTaskInfo *kling_task_info_copy   (const KlingTaskInfo *info);
void           kling_task_info_free   (KlingTaskInfo       *info);

const char    *kling_task_status_to_string   (KlingTaskStatus  status);
KlingTaskStatus kling_task_status_from_string (const char      *text);

KlingTaskInfo *kling_response_parse_task      (guint         http_status,
                                               const char   *data,
                                               gsize         length,
                                               GError      **error);
GPtrArray     *kling_response_parse_task_list (guint         http_status,
                                               const char   *data,
                                               gsize         length,
                                               GError      **error);

/* The envelope's numeric "code" (also a numeric string), or -1 when the body
 * has none: lets the client tell 1004 (expired token) from other 401s. */
int            kling_response_get_server_code (const char   *data,
                                               gsize         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingTaskInfo, kling_task_info_free)

G_END_DECLS
