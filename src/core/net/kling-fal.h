/* kling-fal.h — fal's queue API for Kling image-to-video (kling-api.md §8)
 *
 * fal is a provider beside Kling's own API and its Bearer relays: a
 * KlingClient made with kling_client_new_fal() sends what the app builds for
 * Kling (kling_request_build_body()) to fal's queue, in fal's shape. These are
 * the pieces the client calls; the app uses KlingClient's public calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-client.h"

G_BEGIN_DECLS

#define KLING_FAL_DEFAULT_QUEUE_BASE "https://queue.fal.run"
/* fal's status and result paths live under the app id, not the model path. */
#define KLING_FAL_APP_ID "fal-ai/kling-video"

/* The queue base the environment names (FAL_QUEUE_BASE), else the default. */
const char    *kling_fal_queue_base           (void);
/* FAL_KEY when it is set and not empty. */
const char    *kling_fal_environment_key      (void);

/* fal's model path for a Kling model and mode, e.g. "kling-v1", "pro" →
 * "fal-ai/kling-video/v1/pro/image-to-video"; %NULL when fal serves no
 * such model with motion brushes. */
const char    *kling_fal_model_path           (const char *model,
                                               const char *mode);

/* Kling's body → fal's: the fields renamed, files as data: URIs. Says
 * (%KLING_ERROR_INVALID_INPUT) what fal would refuse, before anything is sent. */
GBytes        *kling_fal_body_from_kling      (GBytes     *kling_body,
                                               char      **out_model_path,
                                               GError    **error);

/* Answers (kling-fal-response.c). Each returns a KlingTaskInfo or an error
 * whose message is fal's own `detail`. */
KlingTaskInfo *kling_fal_parse_submit         (guint       http_status,
                                               const char *data,
                                               gsize       length,
                                               GError    **error);
KlingTaskInfo *kling_fal_parse_status         (guint       http_status,
                                               const char *data,
                                               gsize       length,
                                               GError    **error);
KlingTaskInfo *kling_fal_parse_result         (guint       http_status,
                                               const char *data,
                                               gsize       length,
                                               GError    **error);
KlingTaskInfo *kling_fal_parse_cancel         (guint       http_status,
                                               const char *data,
                                               gsize       length,
                                               GError    **error);

/* The queue protocol (kling-fal.c), for KlingClient's public calls. */
void           kling_fal_submit_async         (KlingClient         *client,
                                               GBytes              *kling_body,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void           kling_fal_follow_async         (KlingClient         *client,
                                               const char          *request_id,
                                               const char          *status_url,
                                               const char          *response_url,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void           kling_fal_cancel_async         (KlingClient         *client,
                                               const char          *request_id,
                                               const char          *cancel_url,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* A client for fal from FAL_KEY or the keyring (kling-fal-client.c);
 * finish with kling_credentials_make_client_finish(). */
void           kling_fal_make_client_async    (GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Whether @url is on the client's queue host, the only one that gets the key. */
gboolean       kling_fal_url_is_queue         (KlingClient         *client,
                                               const char          *url);

G_END_DECLS
