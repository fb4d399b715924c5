/* kling-fake-fal-server.h — a strict stand-in for fal's queue API, on 127.0.0.1
 *
 * Its checks share no code with the client on purpose: it reads and answers
 * the way fal's documentation says its queue and Kling's image-to-video
 * models do (README.md beside this file says what is documented and what is
 * guessed). Its clips are the Kling fake's renders of each request.
 *
 * Routes:
 *   POST {base}/fal-ai/kling-video/{v1/standard|v1/pro|v1.5/pro}/image-to-video   submit
 *   GET  {base}/fal-ai/kling-video/requests/{id}/status    IN_QUEUE → IN_PROGRESS → COMPLETED
 *   GET  {base}/fal-ai/kling-video/requests/{id}           the result: {"video": {"url", …}}
 *   PUT  {base}/fal-ai/kling-video/requests/{id}/cancel    while IN_QUEUE
 *   GET  /files/{id}.mp4                                   the video, no auth
 * The same request paths under a model's path answer 405, as fal's do.
 * It runs on the thread-default GMainContext of kling_fake_fal_server_start().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _KlingFakeFalServer KlingFakeFalServer;

KlingFakeFalServer *kling_fake_fal_server_new        (const char          *key);
void                kling_fake_fal_server_free       (KlingFakeFalServer  *self);

/* 127.0.0.1, port 0 (or @port); returns the base URL, e.g. "http://127.0.0.1:40123". */
const char         *kling_fake_fal_server_start      (KlingFakeFalServer  *self,
                                                      guint                port,
                                                      GError             **error);

/* IN_QUEUE until @in_progress_after_ms after submit, IN_PROGRESS until
 * @completed_after_ms. Defaults: 300 and 1200. */
void                kling_fake_fal_server_set_timing (KlingFakeFalServer  *self,
                                                      guint                in_progress_after_ms,
                                                      guint                completed_after_ms);
/* Prints "METHOD PATH" on stdout for every request (the program's --log). */
void                kling_fake_fal_server_set_log    (KlingFakeFalServer  *self,
                                                      gboolean             log);
/* With the log, each line ends with a tab and the Authorization header as
 * received ("-" without one): the program's --log-auth. */
void                kling_fake_fal_server_set_log_auth (KlingFakeFalServer *self,
                                                        gboolean            log_auth);
/* The next @times submits create their request, then the connection is cut
 * before the answer leaves. */
void                kling_fake_fal_server_arm_submit_lost (KlingFakeFalServer *self,
                                                           guint               times);
/* The next submitted request completes with this error (its result answers
 * 422 with @detail), as a request fal's model refused. */
void                kling_fake_fal_server_fail_next  (KlingFakeFalServer  *self,
                                                      const char          *detail);

/* Requests of @method (NULL: any) whose path ends with @path_suffix (NULL: any). */
guint               kling_fake_fal_server_count_requests (KlingFakeFalServer *self,
                                                          const char         *method,
                                                          const char         *path_suffix);
/* How many times a request carried an Authorization header to @path_prefix. */
guint               kling_fake_fal_server_count_authorized (KlingFakeFalServer *self,
                                                            const char         *path_prefix);
/* The path of the last request of @method, and its Authorization header as
 * received (transfer full; NULL if none). */
char               *kling_fake_fal_server_get_last_seen  (KlingFakeFalServer *self,
                                                          const char         *method,
                                                          char              **authorization);
/* The last submit's body and model path (transfer full; NULL if none). */
GBytes             *kling_fake_fal_server_get_last_body  (KlingFakeFalServer *self);
char               *kling_fake_fal_server_get_last_model_path (KlingFakeFalServer *self);
/* Requests created so far (refused submits are not). */
guint               kling_fake_fal_server_get_request_count (KlingFakeFalServer *self);
/* "IN_QUEUE", "IN_PROGRESS", "COMPLETED" or "CANCELLED"; NULL if unknown. */
const char         *kling_fake_fal_server_get_status     (KlingFakeFalServer *self,
                                                          const char         *request_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingFakeFalServer, kling_fake_fal_server_free)

G_END_DECLS
