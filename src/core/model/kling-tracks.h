/* kling-tracks.h — the motion as point tracks for open trajectory models
 *
 * Wan-Move's and ATI's ComfyUI nodes read a JSON list of tracks, each a list
 * of {"x", "y"} per frame, in image pixels from the top-left (README.md,
 * "Exporting the motion"). Each dynamic region gives points spread inside it
 * that follow its path; the static region gives anchors that never move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-request.h"

G_BEGIN_DECLS

#define KLING_TRACKS_DEFAULT_FRAMES 81
#define KLING_TRACKS_DEFAULT_POINTS 8
#define KLING_TRACKS_MAX_FRAMES 1000
#define KLING_TRACKS_MAX_POINTS 200

/* Where @path puts its region at @t (0 at the start of the clip, 1 at its
 * end), top-left pixels: the points Kling is sent (kling_trajectory_to_api()),
 * read as evenly spaced in time, joined by straight lines. The one reading
 * of a path the export uses. */
void      kling_tracks_path_position (const KlingTrajectory *path,
                                      int                    width,
                                      int                    height,
                                      double                 t,
                                      double                *out_x,
                                      double                *out_y);

/* The tracks of @request's regions, dynamic regions first (in order), then
 * the static anchors: JSON text. */
char     *kling_tracks_build         (KlingRequest          *request,
                                      guint                  frames,
                                      guint                  points_per_region,
                                      gsize                 *out_length,
                                      GError               **error);

/* Writes the tracks to @json_path and the masks beside it as PNGs
 * (NAME-static.png, NAME-region-1.png, …, from NAME.json). */
gboolean  kling_tracks_export        (KlingRequest          *request,
                                      const char            *json_path,
                                      guint                  frames,
                                      guint                  points_per_region,
                                      GError               **error);

G_END_DECLS
