/* kling-history-view-private.h — the history view and its actions
 *
 * kling-history-view.c holds the view (its list, timer and public API); it
 * makes a KlingHistoryActions (kling-history-view-actions.c) for what a
 * row's Save Video As…, Show in Folder and Delete do, and calls it. The
 * actions reach back only through the _kling_history_view_* functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-history-view.h"

G_BEGIN_DECLS

typedef struct _KlingHistoryActions KlingHistoryActions;

/* kling-history-view.c, for its actions */
void                 _kling_history_view_show_toast        (KlingHistoryView    *self,
                                                            const char          *text);
AdwToastOverlay     *_kling_history_view_get_toast_overlay (KlingHistoryView    *self);
KlingTaskStore      *_kling_history_view_get_store         (KlingHistoryView    *self);
GSettings           *_kling_history_view_get_settings      (KlingHistoryView    *self);
void                 _kling_history_view_refilter          (KlingHistoryView    *self,
                                                            GtkFilterChange      change);

/* kling-history-view-actions.c */
KlingHistoryActions *_kling_history_actions_new            (KlingHistoryView    *view);
void                 _kling_history_actions_shutdown       (KlingHistoryActions *self);
void                 _kling_history_actions_free           (KlingHistoryActions *self);
gboolean             _kling_history_actions_is_shown       (KlingHistoryActions *self,
                                                            KlingTask           *task);
void                 _kling_history_actions_commit_deletes (KlingHistoryActions *self);
void                 _kling_history_actions_save_as        (KlingHistoryActions *self,
                                                            KlingTask           *task);
void                 _kling_history_actions_show_in_folder (KlingHistoryActions *self,
                                                            KlingTask           *task);
void                 _kling_history_actions_delete         (KlingHistoryActions *self,
                                                            KlingTask           *task);

G_END_DECLS
