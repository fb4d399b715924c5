/* kling-client.h — the one connection to the Kling API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "kling-response.h"

G_BEGIN_DECLS

#define KLING_DEFAULT_PROXY_BASE     "https://api.tu-zi.com/kling"
#define KLING_DEFAULT_OFFICIAL_BASE  "https://api-singapore.klingai.com"
#define KLING_OFFICIAL_BEIJING_BASE  "https://api-beijing.klingai.com"

/* Response bodies larger than this are refused without being parsed. */
#define KLING_MAX_RESPONSE_SIZE (4 * 1024 * 1024)

typedef enum {
  KLING_AUTH_BEARER,     /* a proxy's API token, sent as is */
  KLING_AUTH_JWT,        /* official: HS256 JWT from access key + secret key */
  KLING_AUTH_FAL,        /* fal's queue API: `Authorization: Key <FAL_KEY>` (kling-fal.c) */
} KlingAuthMode;

/* The official API's two servers (kling-api.md §1), in the order of the
 * GSettings "official-host" enum. Keys work only on the server of the Kling
 * site they were made on: the global site's on Singapore, the mainland
 * China site's on Beijing. */
typedef enum {
  KLING_OFFICIAL_HOST_SINGAPORE,
  KLING_OFFICIAL_HOST_BEIJING,
} KlingOfficialHost;

#define KLING_TYPE_CLIENT (kling_client_get_type ())
G_DECLARE_FINAL_TYPE (KlingClient, kling_client, KLING, CLIENT, GObject)

KlingClient   *kling_client_new_bearer          (const char   *base_url,
                                                 const char   *token,
                                                 GError      **error);
KlingClient   *kling_client_new_official        (const char   *base_url,
                                                 const char   *access_key,
                                                 const char   *secret_key,
                                                 GError      **error);
KlingClient   *kling_client_new_from_environment (GError     **error);
/* fal's queue API at @queue_base (%NULL: FAL_QUEUE_BASE, else
 * %KLING_FAL_DEFAULT_QUEUE_BASE), with @key; see kling-fal.h. */
KlingClient   *kling_client_new_fal             (const char   *queue_base,
                                                 const char   *key,
                                                 GError      **error);

gboolean       kling_base_url_check             (const char   *base_url,
                                                 GError      **error);
/* Checks, then strips trailing slashes. */
char          *kling_base_url_normalize         (const char   *base_url,
                                                 GError      **error);

const char    *kling_client_get_base_url        (KlingClient  *self);
KlingAuthMode  kling_client_get_auth_mode       (KlingClient  *self);
SoupSession   *kling_client_get_session         (KlingClient  *self);

/* Says that @self talks to the official server @host that the user chose
 * (only for a JWT client): its authentication errors then add that keys of
 * the other Kling site do not work there. Unset, no such hint is added. */
void           kling_client_set_official_host   (KlingClient        *self,
                                                 KlingOfficialHost   host);
gboolean       kling_client_get_official_host   (KlingClient        *self,
                                                 KlingOfficialHost  *host);

/* Retrying: the first delay, doubled each time, and how many attempts in all.
 * Defaults: 1000 ms, 6 attempts. Tests make them short. */
void           kling_client_set_retry_policy    (KlingClient  *self,
                                                 guint         first_delay_ms,
                                                 guint         max_attempts);

/* Added to the system clock when minting JWTs (a known skew; tests). */
void           kling_client_set_clock_offset    (KlingClient  *self,
                                                 gint64        seconds);
/* Response body bytes read so far, all calls together. */
guint64        kling_client_get_bytes_received  (KlingClient  *self);

void           kling_client_create_task_async   (KlingClient         *self,
                                                 GBytes              *body,
                                                 const char          *external_task_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
KlingTaskInfo *kling_client_create_task_finish  (KlingClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void           kling_client_query_task_async    (KlingClient         *self,
                                                 const char          *task_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
KlingTaskInfo *kling_client_query_task_finish   (KlingClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Asks about a task the server took. A queue provider (fal) answered its
 * submit with the addresses of the request's status and result: they are
 * followed as given. Kling's providers ignore them. Finish with
 * kling_client_query_task_finish(). */
void           kling_client_follow_task_async   (KlingClient         *self,
                                                 const char          *task_id,
                                                 const char          *status_url,
                                                 const char          *response_url,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/* Whether @body (as kling_request_build_body() made it) can be sent to this
 * provider: what it refuses is said before anything leaves, with
 * %KLING_ERROR_INVALID_INPUT. Kling's providers take every valid body. */
gboolean       kling_client_check_body          (KlingClient         *self,
                                                 GBytes              *body,
                                                 GError             **error);

/* Withdraws a request still waiting in the queue (fal: at @cancel_url, the
 * address its submit answer gave, else the app id's documented path for
 * @task_id). Kling's API cannot: %G_IO_ERROR_NOT_SUPPORTED. */
void           kling_client_cancel_task_async   (KlingClient         *self,
                                                 const char          *task_id,
                                                 const char          *cancel_url,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       kling_client_cancel_task_finish  (KlingClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void           kling_client_list_tasks_async    (KlingClient         *self,
                                                 guint                page_num,
                                                 guint                page_size,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray     *kling_client_list_tasks_finish   (KlingClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Looks a submission up by its external_task_id: in one call on the official
 * API (JWT), through the task list elsewhere. Finishes with %NULL and no error
 * when the server says no such task exists, with %KLING_ERROR_UNCONFIRMED when
 * the server has no way to tell (a relay without a list). */
void           kling_client_find_task_async     (KlingClient         *self,
                                                 const char          *external_task_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
KlingTaskInfo *kling_client_find_task_finish    (KlingClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
