/* kling-frame-time.c — a time in a clip, to the frame
 *
 * Video people count time in frames: "0:02.14" is 2 seconds and 14 frames,
 * not 2.14 seconds. The editor's preview, the player and the generations'
 * details all write times this one way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-frame-time.h"

/**
 * kling_frame_time_format:
 * @frame: counted from 0
 * @fps: frames a second, at least 1
 *
 * Returns: (transfer full): "m:ss.ff", e.g. "0:02.14" for frame 74 at 30
 *   frames a second
 */
char *
kling_frame_time_format (guint frame,
                         guint fps)
{
  guint seconds;

  fps = MAX (fps, 1);
  seconds = frame / fps;
  return g_strdup_printf ("%u:%02u.%0*u", seconds / 60, seconds % 60,
                          fps > 100 ? 3 : 2, frame % fps);
}

/**
 * kling_frame_time_format_full:
 *
 * Returns: (transfer full): the time and which frame of how many, e.g.
 *   "0:02.04 · frame 65 of 152" (frames counted from 1, as a person does)
 */
char *
kling_frame_time_format_full (guint frame,
                              guint n_frames,
                              guint fps)
{
  g_autofree char *time = kling_frame_time_format (frame, fps);

  /* Translators: a time in a video ("0:02.14": seconds and frames), then
   * which frame it is of how many */
  return g_strdup_printf (_("%s · frame %u of %u"), time, frame + 1, n_frames);
}
