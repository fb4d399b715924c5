/* kling-history-marks.h — the regions a generation used, as small marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task.h"

G_BEGIN_DECLS

const char *kling_history_region_color  (guint      region);
gboolean    kling_history_count_regions (KlingTask *task,
                                         guint     *n_dynamic);
void        kling_history_marks_fill    (GtkBox    *box,
                                         KlingTask *task);

G_END_DECLS
