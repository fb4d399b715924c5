/* kling-history-view-private.h — the history view and its actions
 *
 * kling-history-view.c holds the view (its list, timer and public API); it
 * makes a KlingHistoryActions (kling-history-view-actions.c) for what a
 * row's Save Video As…, Show in Folder and Delete do, and calls it. The
 * actions read the view's fields; only the view writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-history-damaged.h"
#include "kling-history-frame.h"
#include "kling-history-view.h"

G_BEGIN_DECLS

typedef struct _KlingHistoryActions KlingHistoryActions;

struct _KlingHistoryView
{
  GtkWidget             parent_instance;

  /* template children */
  GtkStack             *stack;
  GtkListBox           *list_box;
  KlingHistoryDamaged  *damaged;

  KlingTaskStore       *store;
  KlingPoller          *poller;
  gulong                finished_id;
  GSettings            *settings;
  AdwToastOverlay      *toast_overlay;    /* weak */
  GtkFilterListModel   *model;            /* the store without pending deletes */
  GtkCustomFilter      *filter;
  KlingHistoryActions  *actions;
  KlingHistoryFrames   *frames;           /* the results' frames as thumbnails */

  guint                 timer_id;
  guint                 timer_period;     /* in seconds, 0 when stopped */
  gint64                ages_shown_us;    /* when the ages were last written */
};

/* kling-history-view.c, for its actions */
void                 _kling_history_view_show_toast        (KlingHistoryView    *self,
                                                            const char          *text);

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
