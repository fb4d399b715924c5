/* kling-frame-time.h — a time in a clip, to the frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kling_frame_time_format          (guint frame,
                                        guint fps);
char *kling_frame_time_format_position (guint frame,
                                        guint n_frames,
                                        guint fps);

G_END_DECLS
