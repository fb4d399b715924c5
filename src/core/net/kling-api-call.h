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

/* Reads one answer into what the call finishes with, or %NULL and @error. */
typedef gpointer (*KlingApiParseFunc) (guint         http_status,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);

/* A call to an address a server gave (fal's queue), with its own reader.
 * @kind says what may be sent again, as for Kling's calls. */
typedef struct {
  KlingApiCallKind   kind;
  const char        *method;
  const char        *url;
  GBytes            *body;            /* nullable */
  KlingApiParseFunc  parse;
  GDestroyNotify     free_result;
} KlingApiRequest;

void kling_api_call_start_request (KlingClient           *client,
                                   const KlingApiRequest *request,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data,
                                   gpointer               source_tag);

void kling_api_call_start (KlingClient         *client,
                           KlingApiCallKind     kind,
                           char                *path,
                           GBytes              *body,
                           const char          *external_task_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag);

/* A redirect's error, naming only the target's host (kling-api-call-http.c). */
GError *kling_api_error_redirected (SoupMessage *message);
/* Retry-After in milliseconds, capped; 0 when absent or unreadable. */
guint   kling_api_retry_after_ms   (SoupMessage *message);

G_END_DECLS
