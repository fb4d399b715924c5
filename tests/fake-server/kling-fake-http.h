/* kling-fake-http.h — what the fakes (Kling's and fal's) do alike as HTTP servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A server on 127.0.0.1:@port (0: any free port) that hands every path to
 * @handler, on the thread-default GMainContext. @base_url (out) is
 * "http://127.0.0.1:N". NULL with @error set when it cannot listen. */
SoupServer *kling_fake_http_listen          (const char          *server_header,
                                             guint                port,
                                             SoupServerCallback   handler,
                                             gpointer             user_data,
                                             char               **base_url,
                                             GError             **error);

/* Closes @msg's connection without an answer: how a client sees the
 * network fail. */
void        kling_fake_http_cut_connection  (SoupServerMessage   *msg);

/* The requests a fake has seen, for the tests to count. */
typedef struct _KlingFakeHttpLog KlingFakeHttpLog;

KlingFakeHttpLog *kling_fake_http_log_new   (void);
void        kling_fake_http_log_free        (KlingFakeHttpLog    *log);
/* Prints "METHOD PATH" on stdout for every request too (the programs' --log). */
void        kling_fake_http_log_set_echo    (KlingFakeHttpLog    *log,
                                             gboolean             echo);
/* …each line then ends with a tab and the Authorization header as received
 * ("-" without one): the fal fake's --log-auth. */
void        kling_fake_http_log_set_echo_authorization (KlingFakeHttpLog *log,
                                                        gboolean          echo);
void        kling_fake_http_log_add         (KlingFakeHttpLog    *log,
                                             SoupServerMessage   *msg,
                                             const char          *path);
/* Requests of @method (NULL: any) whose path ends with @path_suffix (NULL: any). */
guint       kling_fake_http_log_count       (KlingFakeHttpLog    *log,
                                             const char          *method,
                                             const char          *path_suffix);
/* Requests that carried an Authorization header to @path_prefix. */
guint       kling_fake_http_log_count_authorized (KlingFakeHttpLog *log,
                                                  const char       *path_prefix);

/* The path of the last request of @method, and its Authorization header
 * (transfer full; NULL if none). */
char       *kling_fake_http_log_last        (KlingFakeHttpLog    *log,
                                             const char          *method,
                                             char               **authorization);

/* The programs' main loop: prints @base_url as the first line of stdout,
 * then serves until SIGTERM or SIGINT. */
void        kling_fake_http_serve_until_signal (const char       *base_url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingFakeHttpLog, kling_fake_http_log_free)

G_END_DECLS
