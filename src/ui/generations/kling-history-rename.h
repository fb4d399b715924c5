/* kling-history-rename.h — a generation's own name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task-store.h"

G_BEGIN_DECLS

void kling_history_rename_ask (GtkWidget      *parent,
                               KlingTaskStore *store,
                               KlingTask      *task);

G_END_DECLS
