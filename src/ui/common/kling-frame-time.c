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
 * kling_frame_time_format_position:
 * @frame: the frame shown, counted from 0
 * @n_frames: how many the clip has
 *
 * Returns: (transfer full): where a player is in a clip: the time, the
 *   clip's length and which frame of how many, e.g. "0:02.04 / 0:05.02 ·
 *   frame 65 of 152" (frames counted from 1, as a person does)
 */
char *
kling_frame_time_format_position (guint frame,
                                  guint n_frames,
                                  guint fps)
{
  g_autofree char *time = kling_frame_time_format (frame, fps);
  g_autofree char *length = kling_frame_time_format (n_frames, fps);

  /* Translators: the time in a video ("0:02.14": seconds and frames), the
   * video's length, then which frame it is of how many */
  return g_strdup_printf (_("%s / %s · frame %u of %u"), time, length,
                          MIN (frame + 1, MAX (n_frames, 1)), n_frames);
}
