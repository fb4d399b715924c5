/* kling-test-player.h — the player test's clip, tasks, fixture and ways to look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

#include "kling-player.h"
#include "kling-test-ui.h"

G_BEGIN_DECLS

#define CLIP_W 320
#define CLIP_H 240
#define CLIP_FRAMES 64
#define CLIP_FPS 30
/* GtkMediaStream's times are in microseconds. */
#define FRAME_US (G_USEC_PER_SEC / CLIP_FPS)
/* The timestamp of frame @i, as the muxer rounds it (in ns) and as the
 * stream reports it. */
#define FRAME_TIME(i) ((gint64) gst_util_uint64_scale_round ((i), GST_SECOND, CLIP_FPS) / GST_USECOND)
/* Region 1's default colour (kling-draft.c) and its path, in image pixels
 * with the top-left origin: a horizontal line through the middle. */
#define REGION1_RGB 0xe0, 0x1b, 0x24
#define PATH_Y 120
#define PATH_X0 40
#define PATH_X1 280
#define MASK1_X 60
#define MASK1_Y 40
#define MASK1_W 80
#define MASK1_H 60

typedef struct {
  GtkWindow           *window;
  KlingPlayer         *player;
  KlingVideoPaintable *video;
  GtkMediaStream      *stream;   /* the same, as GTK sees it */
} Fixture;

/* The clip, the tasks and the tests: test-player.c's main() and the
 * controls' tests in test-player-controls.c. */
void        kling_test_player_init        (int            *argc,
                                           char         ***argv);
/* @task: "task" (with a motion brush), "plain" (without) or NULL (none) */
void        kling_test_player_add         (const char     *path,
                                           void          (*test) (Fixture *f, gconstpointer data),
                                           const char     *task);
int         kling_test_player_run         (void);
const char *kling_test_player_clip_path   (void);
KlingTask  *kling_test_player_failed_task (void);
void        kling_test_player_add_controls_tests (void);

void        frame_color        (int            index,
                                guint8         rgb[3]);
GtkWidget  *find_in_player     (Fixture       *f,
                                KlingTestWidgetMatch match,
                                gconstpointer  data);
GtkWidget  *player_child       (Fixture       *f,
                                GType          type,
                                guint          nth);
GtkWidget  *button_for         (Fixture       *f,
                                const char    *action,
                                int            target);
void        click_center       (GtkWidget     *widget);
int         shown_index        (Fixture       *f);
int         timestamp_index    (Fixture       *f);

/* Conditions for kling_test_wait_for() */
gboolean    has_frame          (gpointer       fixture);
gboolean    is_settled         (gpointer       video);
gboolean    is_playing         (gpointer       video);
gboolean    stopped            (gpointer       video);
gboolean    unmapped           (gpointer       widget);

void        wait_frames        (Fixture       *f,
                                guint64        frames);
void        wait_for_index     (Fixture       *f,
                                int            index);
void        wait_moved         (Fixture       *f,
                                gint64         from);
void        pause_and_settle   (Fixture       *f);

G_END_DECLS
