/* kling-api-call.h — one API request, from sending to a parsed answer
 *
 * Internal to the client: KlingClient's public calls start these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-client.h"

G_BEGIN_DECLS

typedef enum {
  KLING_API_CALL_CREATE,   /* POST; answers a KlingTaskInfo */
  KLING_API_CALL_QUERY,    /* GET one task; answers a KlingTaskInfo */
  KLING_API_CALL_LIST,     /* GET a page; answers a GPtrArray of KlingTaskInfo */
} KlingApiCallKind;

void kling_api_call_start (KlingClient         *client,
                           KlingApiCallKind     kind,
                           char                *path,
                           GBytes              *body,
                           const char          *external_task_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag);

G_END_DECLS
