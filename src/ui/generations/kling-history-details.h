/* kling-history-details.h — everything about one generation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task.h"

G_BEGIN_DECLS

GtkWindow *kling_history_details_show (GtkWidget *parent,
                                       KlingTask *task);

G_END_DECLS
