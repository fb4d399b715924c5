/* kling-fake-server.h — a strict stand-in for the Kling API, on 127.0.0.1
 *
 * It shares no code with the client on purpose: it parses, validates and
 * answers the way kling-api.md says the real service does.
 *
 * Routes (matched by path suffix, so any base prefix works):
 *   POST {base}/v1/videos/image2video            create
 *   GET  {base}/v1/videos/image2video/{task_id}  query (also by external_task_id)
 *   GET  {base}/v1/videos/image2video?pageNum=&pageSize=  list, newest first
 *   GET  /cdn/videos/{task_id}.mp4               the video, no auth
 *   GET  /_fake/files/{name}                     a file a test added
 *   GET  /_fake/images/{W}x{H}.{png,jpg}         a generated picture
 * Image, end frame and mask URLs in a create are fetched (loopback only)
 * once the task is processing; a URL that fails fails the task.
 * It runs on the GMainContext that was thread-default at
 * kling_fake_server_start(); it is not thread-safe: call it from the thread
 * that iterates that context. The relay dialect's shapes and error codes are
 * described in kling-fake-server-reply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  KLING_FAKE_DIALECT_KLING,
  KLING_FAKE_DIALECT_RELAY,
} KlingFakeDialect;

/* Faults, armed for the next N matching requests (see kling_fake_server_arm). */
typedef enum {
  KLING_FAKE_FAULT_HTTP_500,        /* 500 with {"code":5000,...} */
  KLING_FAKE_FAULT_HTTP_503,        /* 503 with {"code":5001,...} */
  KLING_FAKE_FAULT_HTML,            /* 502 with an HTML page */
  KLING_FAKE_FAULT_TRUNCATED,       /* a JSON body cut in the middle */
  KLING_FAKE_FAULT_HUGE,            /* a 20 MB body */
  KLING_FAKE_FAULT_SLOW,            /* answers after slow_ms */
  KLING_FAKE_FAULT_RATE_LIMIT,      /* 429 code 1303 (with Retry-After: 1) on create */
  KLING_FAKE_FAULT_ACCOUNT_1102,    /* 429 code 1102 */
  KLING_FAKE_FAULT_CONTENT_1301,    /* 400 code 1301 on create */
  KLING_FAKE_FAULT_MODERATION,      /* the next created task fails with a moderation message */
  KLING_FAKE_FAULT_POST_LOST,       /* create: the task is created, then the connection is cut */
  KLING_FAKE_FAULT_VIDEO_CUT,       /* the video body stops half-way (Content-Length kept) */
} KlingFakeFault;

typedef struct _KlingFakeServer KlingFakeServer;

/* The command line's fault names: "500", "503", "html", "truncated", "huge",
 * "slow", "rate-limit", "1102", "1301", "moderation", "post-lost",
 * "video-cut". Returns FALSE for an unknown name. */
gboolean         kling_fake_fault_from_nick     (const char       *nick,
                                                 KlingFakeFault   *fault);

KlingFakeServer *kling_fake_server_new          (KlingFakeDialect  dialect);
void             kling_fake_server_free         (KlingFakeServer  *self);

/* Credentials: a Bearer token, or access key + secret key for JWT. */
void             kling_fake_server_set_token    (KlingFakeServer  *self,
                                                 const char       *token);
void             kling_fake_server_set_keys     (KlingFakeServer  *self,
                                                 const char       *access_key,
                                                 const char       *secret_key);

/* Shifts the server's clock by @seconds (JWT nbf/exp checks and the
 * timestamps it reports): +3600 makes a fresh 30-minute JWT look expired. */
void             kling_fake_server_set_clock_offset (KlingFakeServer *self,
                                                     gint64           seconds);

/* Starts listening on 127.0.0.1, port 0 (or @port); returns the base URL,
 * e.g. "http://127.0.0.1:40123" (no trailing slash). */
const char      *kling_fake_server_start        (KlingFakeServer  *self,
                                                 guint             port,
                                                 GError          **error);
const char      *kling_fake_server_get_base_url (KlingFakeServer  *self);

/* Lifecycle timing in milliseconds: submitted → processing after
 * @processing_after_ms, → succeed after @succeed_after_ms (from creation).
 * Defaults: 300 ms and 1200 ms. Tasks keep the timing they were created with. */
void             kling_fake_server_set_timing   (KlingFakeServer  *self,
                                                 guint             processing_after_ms,
                                                 guint             succeed_after_ms);
/* A timing that never comes: the task stays where it is until
 * kling_fake_server_move_task() moves it on. */
#define KLING_FAKE_HOLD G_MAXUINT
/* Moves the task on now, as if its time had come: @status is "processing"
 * or "succeed" (or "failed" for a task created to fail). FALSE when there is
 * no such task. Tests wait on the states this makes, not on a timing. */
gboolean         kling_fake_server_move_task    (KlingFakeServer  *self,
                                                 const char       *task_id,
                                                 const char       *status);
/* How many tasks may be unfinished at once before create answers 1303
 * (default 5). */
void             kling_fake_server_set_concurrency (KlingFakeServer *self,
                                                    guint            max_in_flight);
/* How long SLOW holds an answer back (default 2000 ms). */
void             kling_fake_server_set_slow_ms  (KlingFakeServer  *self,
                                                 guint             slow_ms);
/* As real new-api relays (kling-api.md §7): only POST …/image2video and
 * GET …/image2video/{task_id}; the list answers 404 and a path holding an
 * external_task_id is not found. Only for the relay dialect. */
void             kling_fake_server_set_no_list  (KlingFakeServer  *self,
                                                 gboolean          no_list);
/* Models past their end of life (2026-09-15: kling-v1-5, kling-v1-6,
 * kling-v2-1, kling-v2-1-master) are refused with 1201 "model_name is
 * invalid", as a service that no longer serves them. Default: served. */
void             kling_fake_server_set_refuse_retired (KlingFakeServer *self,
                                                       gboolean         refuse);
/* Task ids of letters and digits, like the seed page's
 * "Cl6kH2gHPegAAAAACQhRzQ", instead of 18 digits. */
void             kling_fake_server_set_letter_ids (KlingFakeServer *self,
                                                   gboolean         letters);
/* Arms @fault for the next @times matching requests (replacing any count
 * left). 500, 503, HTML and HUGE replace the answer of any API request,
 * before authentication (a gateway answering). 1102 answers any
 * authenticated API request. RATE_LIMIT, CONTENT_1301, MODERATION and
 * POST_LOST match creates that passed validation (POST_LOST does create the
 * task: it is in the list with its external_task_id). TRUNCATED and SLOW act
 * on the real answer of any API request (the request is performed).
 * VIDEO_CUT matches video GETs. */
void             kling_fake_server_arm          (KlingFakeServer  *self,
                                                 KlingFakeFault    fault,
                                                 guint             times);
/* Shots of @fault not yet used. */
guint            kling_fake_server_get_armed    (KlingFakeServer  *self,
                                                 KlingFakeFault    fault);

/* What the server saw, for assertions. Requests of @method (NULL: any)
 * whose path (without the query) ends with @path_suffix (NULL: any). */
guint            kling_fake_server_count_requests (KlingFakeServer *self,
                                                   const char      *method,
                                                   const char      *path_suffix);
/* The body of the last POST (transfer full; NULL if none). */
GBytes          *kling_fake_server_get_last_body  (KlingFakeServer *self);
/* Headers of the last request for a video (NULL if none): the test checks
 * that no Authorization header reached the CDN. */
char            *kling_fake_server_get_video_request_header (KlingFakeServer *self,
                                                             const char      *name);
gboolean         kling_fake_server_video_was_requested      (KlingFakeServer *self);
/* The MP4 served for every succeeded task (transfer full; NULL before
 * start). */
GBytes          *kling_fake_server_get_video    (KlingFakeServer  *self);

/* Tasks created so far (including failed and POST_LOST ones). */
guint            kling_fake_server_get_task_count (KlingFakeServer *self);
/* The task id created with @external_task_id, or NULL. */
char            *kling_fake_server_lookup_external_task_id (KlingFakeServer *self,
                                                            const char      *external_task_id);
/* "submitted", "processing", "succeed" or "failed" now; NULL if unknown. */
const char      *kling_fake_server_get_task_status (KlingFakeServer *self,
                                                    const char      *task_id);

/* Pictures for a create to point at, on the server's own address.
 * Serves @bytes under /_fake/files/@name and returns its URL (transfer
 * full). Only after kling_fake_server_start(). */
char            *kling_fake_server_add_file     (KlingFakeServer  *self,
                                                 const char       *name,
                                                 GBytes           *bytes);
/* The URL of a generated @width×@height picture, @format "png" or "jpg". */
char            *kling_fake_server_get_image_url (KlingFakeServer *self,
                                                  int              width,
                                                  int              height,
                                                  const char      *format);
/* Why @task_id failed ("task_status_msg"), or NULL while it has not. */
const char      *kling_fake_server_get_task_fail_message (KlingFakeServer *self,
                                                          const char      *task_id);
/* The bytes of the picture the task was given as @field ("image",
 * "image_tail", "static_mask", "dynamic_masks[N].mask"), decoded from
 * base64 or fetched from its URL; NULL if absent or not fetched (yet).
 * Transfer full. */
GBytes          *kling_fake_server_get_task_file (KlingFakeServer *self,
                                                  const char      *task_id,
                                                  const char      *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingFakeServer, kling_fake_server_free)

G_END_DECLS
