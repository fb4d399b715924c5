/* kling-history-cancel.h — Cancel on a generation still waiting in fal's queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-poller.h"

G_BEGIN_DECLS

void kling_history_cancel_queued (AdwToastOverlay *overlay,
                                  KlingPoller     *poller,
                                  KlingTask       *task,
                                  GCancellable    *cancellable);

G_END_DECLS
