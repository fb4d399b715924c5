/* kling-player.h — plays a generation's video, with its paths over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task.h"
#include "kling-video-paintable.h"

G_BEGIN_DECLS

#define KLING_TYPE_PLAYER (kling_player_get_type ())
G_DECLARE_FINAL_TYPE (KlingPlayer, kling_player, KLING, PLAYER, GtkWidget)

GtkWidget           *kling_player_new              (void);

void                 kling_player_set_task         (KlingPlayer *self,
                                                    KlingTask   *task);
KlingTask           *kling_player_get_task         (KlingPlayer *self);
void                 kling_player_set_file         (KlingPlayer *self,
                                                    GFile       *video);

void                 kling_player_set_show_paths   (KlingPlayer *self,
                                                    gboolean     show_paths);
gboolean             kling_player_get_show_paths   (KlingPlayer *self);
void                 kling_player_set_side_by_side (KlingPlayer *self,
                                                    gboolean     side_by_side);
gboolean             kling_player_get_side_by_side (KlingPlayer *self);
void                 kling_player_set_back_visible (KlingPlayer *self,
                                                    gboolean     visible);
gboolean             kling_player_get_back_visible (KlingPlayer *self);

KlingVideoPaintable *kling_player_get_paintable    (KlingPlayer *self);

void                 kling_player_compare_with     (KlingPlayer *self,
                                                    KlingTask   *other);
KlingPlayer         *kling_player_get_partner      (KlingPlayer *self);
void                 kling_player_set_compare_captions (KlingPlayer *self,
                                                        const char  *own,
                                                        const char  *other);

void                 kling_player_set_settings     (KlingPlayer *self,
                                                    GSettings   *settings);
char                *kling_player_dup_frame_file_name (KlingPlayer         *self);
void                 kling_player_export_frame_async  (KlingPlayer         *self,
                                                       GFile               *file,
                                                       gboolean             with_paths,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             kling_player_export_frame_finish (KlingPlayer         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean             kling_player_has_paths        (KlingPlayer *self);
void                 kling_player_get_loop_range   (KlingPlayer *self,
                                                    gint64      *from,
                                                    gint64      *until);

G_END_DECLS
