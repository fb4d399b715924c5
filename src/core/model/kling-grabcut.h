/* kling-grabcut.h — find the object inside a box (GrabCut)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kling-fill.h"
#include "kling-mask.h"

G_BEGIN_DECLS

/* GrabCut runs on a copy whose longest side is at most this; the mask is
 * brought back to full size along the picture's own edges. */
#define KLING_GRABCUT_WORK_SIDE 800

gboolean kling_grabcut_select (const KlingPixels *pixels,
                               const KlingRect   *rect,
                               const KlingMask   *object_hints,
                               const KlingMask   *background_hints,
                               KlingMask         *out,
                               GCancellable      *cancellable,
                               GError           **error);

G_END_DECLS
