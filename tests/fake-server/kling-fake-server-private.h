/* kling-fake-server-private.h — what the fake server's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

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
  GPtrArray        *request_log;    /* "METHOD /path" strings */
  GBytes           *last_body;
  SoupMessageHeaders *video_request_headers;
  GBytes           *video;
  GBytes           *filler;         /* for the HUGE fault */
  GPtrArray        *pending;        /* KlingFakePending, see kling-fake-server.c */
};

/* What a validated create body asks for. */
typedef struct {
  const char *model_name;
  const char *mode;
  const char *duration;
  const char *external_task_id;   /* nullable */
  char       *fail_message;       /* nullable: accepted, but the task will fail */
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

/* kling-fake-server-video.c */
GBytes         *kling_fake_video_generate       (GError            **error);
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
