/* kling-history-row.h — one generation in the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-poller.h"
#include "kling-task.h"

G_BEGIN_DECLS

#define KLING_TYPE_HISTORY_ROW (kling_history_row_get_type ())
G_DECLARE_FINAL_TYPE (KlingHistoryRow, kling_history_row, KLING, HISTORY_ROW, GtkListBoxRow)

GtkWidget   *kling_history_row_new                (KlingTask       *task);
KlingTask   *kling_history_row_get_task           (KlingHistoryRow *self);
void         kling_history_row_set_poller         (KlingHistoryRow *self,
                                                   KlingPoller     *poller);
gboolean     kling_history_row_get_processing     (KlingHistoryRow *self);
const char  *kling_history_row_get_state_text     (KlingHistoryRow *self);
void         kling_history_row_update             (KlingHistoryRow *self);
void         kling_history_row_update_state       (KlingHistoryRow *self);
void         kling_history_row_update_meta        (KlingHistoryRow *self);
void         kling_history_row_scroll_into_view   (KlingHistoryRow *self);

G_END_DECLS
