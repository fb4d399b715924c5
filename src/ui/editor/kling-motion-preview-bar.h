/* kling-motion-preview-bar.h — play, pause and scrub the motion preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-motion-preview.h"

G_BEGIN_DECLS

#define KLING_TYPE_MOTION_PREVIEW_BAR (kling_motion_preview_bar_get_type ())
G_DECLARE_FINAL_TYPE (KlingMotionPreviewBar, kling_motion_preview_bar, KLING, MOTION_PREVIEW_BAR, GtkWidget)

void kling_motion_preview_bar_set_preview (KlingMotionPreviewBar *self,
                                           KlingMotionPreview    *preview);

G_END_DECLS
