/* kling-history-damaged.h — the generations whose files are damaged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-task-store.h"

G_BEGIN_DECLS

#define KLING_TYPE_HISTORY_DAMAGED (kling_history_damaged_get_type ())
G_DECLARE_FINAL_TYPE (KlingHistoryDamaged, kling_history_damaged, KLING, HISTORY_DAMAGED, AdwBin)

void     kling_history_damaged_set_store (KlingHistoryDamaged *self,
                                          KlingTaskStore      *store);
gboolean kling_history_damaged_has_rows  (KlingHistoryDamaged *self);

G_END_DECLS
