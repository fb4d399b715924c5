/* kling-history-view.h — every generation, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-poller.h"
#include "kling-task-store.h"

G_BEGIN_DECLS

#define KLING_TYPE_HISTORY_VIEW (kling_history_view_get_type ())
G_DECLARE_FINAL_TYPE (KlingHistoryView, kling_history_view, KLING, HISTORY_VIEW, GtkWidget)

GtkWidget  *kling_history_view_new               (void);
void        kling_history_view_set_store         (KlingHistoryView *self,
                                                  KlingTaskStore   *store);
void        kling_history_view_set_poller        (KlingHistoryView *self,
                                                  KlingPoller      *poller);
void        kling_history_view_set_toast_overlay (KlingHistoryView *self,
                                                  AdwToastOverlay  *overlay);
void        kling_history_view_set_settings      (KlingHistoryView *self,
                                                  GSettings        *settings);
void        kling_history_view_select_task       (KlingHistoryView *self,
                                                  KlingTask        *task);
KlingTask  *kling_history_view_get_selected_task (KlingHistoryView *self);

/* For tests: the row showing @task, and its state line as the user reads it. */
GtkWidget  *kling_history_view_get_row           (KlingHistoryView *self,
                                                  KlingTask        *task);
const char *kling_history_view_get_state_text    (KlingHistoryView *self,
                                                  KlingTask        *task);

G_END_DECLS
