/* kling-task-draft.h — a kept generation back in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-draft.h"
#include "kling-task.h"

G_BEGIN_DECLS

KlingDraft *kling_task_to_draft (KlingTask  *task,
                                 GError    **error);

G_END_DECLS
