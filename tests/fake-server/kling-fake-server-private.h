/* kling-fake-server-private.h — what the fake server's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kling-fake-http.h"
#include "kling-fake-render.h"
#include "kling-fake-server.h"

G_BEGIN_DECLS

#define KLING_FAKE_N_FAULTS (KLING_FAKE_FAULT_VIDEO_CUT + 1)

typedef enum {
  KLING_FAKE_STATUS_SUBMITTED,
  KLING_FAKE_STATUS_PROCESSING,
  KLING_FAKE_STATUS_SUCCEED,
  KLING_FAKE_STATUS_FAILED,
} KlingFakeStatus;

typedef struct {
  char   *task_id;            /* 18 digits, or letters and digits */
  char   *external_task_id;   /* nullable */
  char   *video_id;
  char   *duration;           /* "5" or "10", as requested */
  char   *fail_message;       /* nullable: the task ends "failed" with it */
  gint64  created_at_ms;      /* wall clock (with the clock offset) */
  gint64  created_mono_us;    /* drives the lifecycle */
  guint   processing_after_ms;
  guint   succeed_after_ms;

  /* The pictures as the task holds them: field ("image", "image_tail",
   * "static_mask", "dynamic_masks[0].mask", …) → GBytes, decoded from
   * base64 at create or fetched from their URL while processing. */
  GHashTable *files;
  /* Fields sent as URLs: field → URL, fetched while processing
   * (kling-fake-server-fetch.c); NULL when there were none. */
  GHashTable *urls;
  JsonNode   *body;              /* the create body, kept while fetching */
  GSource    *fetch_source;      /* starts the fetches when processing begins */
  guint       fetches_pending;
  gint64      failed_mono_us;    /* a fetch or its checks failed then; 0 otherwise */

  /* The clip (kling-fake-server-render.c): rendered from the pictures and
   * paths once all pictures are there; the task stays processing till then. */
  GPtrArray  *paths;             /* per dynamic mask: GArray of KlingApiPoint */
  gboolean    rendering;
  GBytes     *video;             /* NULL until rendered */
  gint64      video_ready_mono_us;
} KlingFakeTask;

struct _KlingFakeServer {
  KlingFakeDialect  dialect;
  SoupServer       *server;
  GMainContext     *context;
  char             *base_url;

  char             *token;
  char             *access_key;
  char             *secret_key;
  gint64            clock_offset_s;

  guint             processing_after_ms;
  guint             succeed_after_ms;
  guint             max_in_flight;
  guint             slow_ms;
  guint             armed[KLING_FAKE_N_FAULTS];
  gboolean          no_list;         /* new-api relays: no list, no external id lookup */
  gboolean          refuse_retired;  /* models past their end of life: 1201 */
  gboolean          letter_ids;      /* task ids like "Cl6kH2gHPegAAAAACQhRzQ" */

  GPtrArray        *tasks;          /* KlingFakeTask, oldest first */
  KlingFakeHttpLog *request_log;
  GBytes           *last_body;
  SoupMessageHeaders *video_request_headers;
  int               video_short_side;
  KlingFakeRenders  renders;           /* freeing waits for them to end */
  GBytes           *filler;         /* for the HUGE fault */
  GPtrArray        *pending;        /* KlingFakePending, see kling-fake-server.c */
  GHashTable       *served_files;   /* name → GBytes, under /_fake/files/ */
  SoupSession      *fetch_session;  /* image and mask URLs; created on first use */
  GCancellable     *fetch_cancellable;
};

/* What a validated create body asks for. */
typedef struct {
  const char *model_name;
  const char *mode;
  const char *duration;
  const char *external_task_id;   /* nullable */
  JsonNode   *root;               /* the body being checked */
  char       *fail_message;       /* nullable: accepted, but the task will fail */
  GHashTable *files;              /* field → GBytes of the base64 pictures */
  GHashTable *urls;               /* field → URL of the pictures sent by address */
} KlingFakeCreate;

/* kling-fake-server.c */
gboolean        kling_fake_server_take_fault    (KlingFakeServer    *self,
                                                 KlingFakeFault      fault);
gint64          kling_fake_server_now_ms        (KlingFakeServer    *self);
KlingFakeTask  *kling_fake_server_find_task     (KlingFakeServer    *self,
                                                 const char         *task_id);
KlingFakeTask  *kling_fake_server_find_external (KlingFakeServer    *self,
                                                 const char         *external_task_id);
KlingFakeStatus kling_fake_task_get_status      (const KlingFakeTask *task,
                                                 gint64              *updated_at_ms);

/* kling-fake-server-routes.c: the SoupServer handler for every path. */
void            kling_fake_server_handle_request (SoupServer        *server,
                                                  SoupServerMessage *msg,
                                                  const char        *path,
                                                  GHashTable        *query,
                                                  gpointer           user_data);

/* kling-fake-server-auth.c: 0 when the request may pass, else the Kling
 * code (1001–1004) with a message. */
int             kling_fake_server_check_auth    (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 char              **message);

/* kling-fake-server-validate.c: 0 when the body is acceptable, else the
 * Kling code (1200/1201) with a message like the real service's. */
int             kling_fake_server_validate_create (KlingFakeServer *self,
                                                   JsonNode        *root,
                                                   KlingFakeCreate *create,
                                                   char           **message);

/* kling-fake-server-validate.c: the checks of the pictures again, once
 * every URL of @task was fetched; NULL when they pass, else the reason
 * the task fails. */
char           *kling_fake_server_check_fetched (KlingFakeServer *self,
                                                 KlingFakeTask   *task);
void            kling_fake_create_clear         (KlingFakeCreate *create);

/* kling-fake-server-fetch.c: fetches @task's picture URLs once it is
 * processing; what is fetched lands in task->files, a failure fails it. */
void            kling_fake_task_schedule_fetch  (KlingFakeServer *self,
                                                 KlingFakeTask   *task);
/* Serves /_fake/files/{name} and /_fake/images/{W}x{H}.{png,jpg}. */
void            kling_fake_server_serve_file    (KlingFakeServer   *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
/* The picture @task was given in @field ("image", "image_tail",
 * "static_mask", "dynamic_masks[N].mask"), decoded or fetched; NULL if
 * absent or not fetched yet. Transfer none. */
GBytes         *kling_fake_task_get_file        (const KlingFakeTask *task,
                                                 const char          *field);
/* The start picture's bytes (JPEG or PNG), for the video renderer. */
GBytes         *kling_fake_task_get_image_bytes (const KlingFakeTask *task);

/* kling-fake-server-reply.c: the answers, in the server's dialect. */
const char     *kling_fake_status_to_string     (KlingFakeStatus     status);
void            kling_fake_reply_error          (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 guint               http_status,
                                                 int                 code,
                                                 const char         *message);
void            kling_fake_reply_task_created   (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 KlingFakeTask      *task);
void            kling_fake_reply_task           (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 KlingFakeTask      *task);
void            kling_fake_reply_task_list      (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 GPtrArray          *tasks);
void            kling_fake_reply_html           (SoupServerMessage  *msg);
void            kling_fake_reply_huge           (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg);
void            kling_fake_reply_truncate       (SoupServerMessage  *msg);

/* kling-fake-server-fetch.c: fails @task with @message (taken), unless
 * it failed already. */
void            kling_fake_task_fail            (KlingFakeTask      *task,
                                                 char               *message);

/* kling-fake-server-render.c */
void            kling_fake_clip_size            (int                 width,
                                                 int                 height,
                                                 int                 short_side,
                                                 int                *clip_width,
                                                 int                *clip_height);
void            kling_fake_task_keep_paths      (KlingFakeTask      *task,
                                                 JsonNode           *root);
void            kling_fake_task_render          (KlingFakeServer    *self,
                                                 KlingFakeTask      *task);

/* kling-fake-server-video.c */
void            kling_fake_server_serve_video   (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 const char         *path);
/* kling-fake-server.c: holds @msg's answer back for @delay_ms. */
void            kling_fake_server_delay_answer  (KlingFakeServer    *self,
                                                 SoupServerMessage  *msg,
                                                 guint               delay_ms);
/* kling-fake-server.c: closes @msg's connection from an idle, without an
 * answer (pausing @msg first when @pause). */
void            kling_fake_server_cut_connection_later (KlingFakeServer   *self,
                                                        SoupServerMessage *msg,
                                                        gboolean           pause);

G_END_DECLS
