/* kling-player-private.h — what kling-player.c asks of its part files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-player.h"

G_BEGIN_DECLS

/* kling-player-actions.c */
void _kling_player_class_actions_init (GtkWidgetClass *widget_class);
void _kling_player_actions_init       (KlingPlayer    *self,
                                       GtkWidget      *video_area);
void _kling_player_update_actions     (KlingPlayer    *self);

G_END_DECLS
