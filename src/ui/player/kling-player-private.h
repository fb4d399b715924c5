/* kling-player-private.h — the player's state, and what kling-player.c
 * asks of its part files (which call nothing back)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-motion-overlay.h"
#include "kling-player.h"

G_BEGIN_DECLS

#define N_REGIONS KLING_DRAFT_N_REGIONS

typedef struct _KlingPlayerSync KlingPlayerSync;

struct _KlingPlayer
{
  GtkWidget            parent_instance;

  /* template children */
  GtkWidget           *root_overlay;
  GtkWidget           *back_button;
  GtkWidget           *main_box;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkWidget           *media_box;
  GtkWidget           *video_overlay;
  GtkWidget           *image_overlay;
  GtkPicture          *video_picture;
  GtkPicture          *image_picture;
  GtkWidget           *video_paths;
  GtkWidget           *image_paths;
  GtkWidget           *controls;
  GtkAdjustment       *seek_adjustment;
  GtkLabel            *position_label;
  GtkButton           *play_button;
  GtkWidget           *paths_button;
  GtkScaleButton      *volume_button;

  KlingVideoPaintable *paintable;
  KlingTask           *task;
  gulong               task_handler;
  KlingMotionOverlay  *overlay;
  GCancellable        *overlay_cancellable;
  GdkRGBA              colors[N_REGIONS];
  gboolean             show_paths;
  gboolean             side_by_side;
  KlingPlayer         *partner;         /* the one compared, beside (kling-player-compare.c) */
  KlingPlayerSync     *sync;
  GtkWidget           *stop_compare_button;
  GtkLabel            *caption;         /* which one this is, while comparing */
  gboolean             follows;         /* a partner: no controls of its own */
  GtkScale            *seek_scale;
  gint64               loop_from;       /* the loop range, in µs; -1: none (kling-player-extras.c) */
  gint64               loop_until;
};

/* kling-player-sync.c */
KlingPlayerSync *_kling_player_sync_new  (GtkMediaStream  *leader,
                                          GtkMediaStream  *follower);
void             _kling_player_sync_free (KlingPlayerSync *self);

/* kling-player-extras.c */
void _kling_player_class_extras_init (GtkWidgetClass *widget_class);
void _kling_player_extras_init       (KlingPlayer    *self);
void _kling_player_extras_reset      (KlingPlayer    *self);

/* kling-player-compare.c */
void _kling_player_compare_init    (KlingPlayer *self);
void _kling_player_compare_dispose (KlingPlayer *self);

/* kling-player-actions.c */
/* kling-player.c, for the parts */
double _kling_player_get_clip_time (KlingPlayer *self);

void _kling_player_class_actions_init (GtkWidgetClass *widget_class);
void _kling_player_actions_init       (KlingPlayer    *self,
                                       GtkWidget      *video_area);
void _kling_player_update_actions     (KlingPlayer    *self);

/* kling-player-paths.c */
void _kling_player_paths_init               (KlingPlayer *self);
void _kling_player_paths_load               (KlingPlayer *self);
void _kling_player_paths_forget             (KlingPlayer *self);
void _kling_player_paths_show_none          (KlingPlayer *self);
void _kling_player_paths_update             (KlingPlayer *self);
void _kling_player_paths_redraw             (KlingPlayer *self);
void _kling_player_paths_choose_orientation (KlingPlayer *self,
                                             int          width,
                                             int          height);

G_END_DECLS
