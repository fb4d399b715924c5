/* kling-history-text.h — what a generation's row says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-task.h"

G_BEGIN_DECLS

char *kling_history_describe_state (KlingTask   *task,
                                    gboolean     following,
                                    const char **icon,
                                    const char **style,
                                    char       **detail);
char *kling_history_describe_meta  (KlingTask   *task);
char *kling_history_dup_display_name (KlingTask *task);

G_END_DECLS
