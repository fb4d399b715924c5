/* kling-test-session.h — the whole app against the fake Kling server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-fake-server.h"
#include "kling-player.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

G_BEGIN_DECLS

#define KLING_TEST_SESSION_TOKEN "sk-session-test-7e2a"

typedef struct {
  KlingFakeServer  *server;
  KlingApplication *app;
  KlingWindow      *window;
  char             *dir;
  char             *picture;   /* a 640×400 PNG of stripes, with the kite */
} KlingTestSession;

/* The picture's kite, an orange disc: region 1 in
 * kling_test_session_paint_and_send (), so it moves in the clip. */
#define KLING_TEST_SESSION_KITE_X      185
#define KLING_TEST_SESSION_KITE_Y      160
#define KLING_TEST_SESSION_KITE_RADIUS 18

typedef struct {
  guint  pixels;
  guint  at_start;   /* of them, within the kite's disc in the picture */
  double x, y;       /* their middle, in the picture's pixels */
} KlingTestKite;

void        kling_test_session_start     (KlingTestSession *session,
                                          const char       *name,
                                          guint             processing_after_ms,
                                          guint             succeed_after_ms);
void        kling_test_session_stop      (KlingTestSession *session);
GBytes     *kling_test_session_body      (KlingTestSession *session,
                                          const char       *prompt,
                                          const char       *path);
KlingTask  *kling_test_session_task_at   (KlingTestSession *session,
                                          guint             position);
gboolean    kling_test_session_videos_saved (gpointer       session);
GtkWidget  *kling_test_session_switcher_button (KlingTestSession *session,
                                                guint             nth);
void        kling_test_session_paint_and_send  (KlingTestSession *session);
KlingTestKite kling_test_session_find_kite (GdkPixbuf      *pixbuf);
void        kling_test_session_alone     (void            (*run) (gconstpointer data),
                                          gconstpointer     data);

GdkPixbuf  *kling_test_session_export_frame    (KlingPlayer      *player,
                                                const char       *path,
                                                gboolean          with_paths);
gboolean    kling_test_session_frame_shown     (gpointer          player);
gboolean    kling_test_session_is_paths_button (GtkWidget        *widget,
                                                gconstpointer     data);
gboolean    kling_test_session_has_paths       (gpointer          player);

G_END_DECLS
