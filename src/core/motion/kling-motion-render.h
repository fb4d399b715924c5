/* kling-motion-render.h — what the paths mean: the frame at time t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene is the input image, the static mask and up to six dynamic regions
 * (a mask and a path each). kling_motion_scene_render() draws the frame at
 * time t of the clip: each moving region slides rigidly along its path over
 * the still picture, the hole it leaves is filled from its surroundings, and
 * the static region and everything unpainted stay where they are.
 *
 * The same renderer serves the editor's live preview, the export (MP4, GIF)
 * and the fake Kling server's answer, so what the artist previews is what the
 * offline path plays back.
 *
 * A scene is not thread-safe: use one scene from one thread at a time
 * (kling_motion_scene_copy() gives another thread its own).
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

#include "kling-mask.h"
#include "kling-trajectory.h"

G_BEGIN_DECLS

/* Dynamic regions are numbered as the API and the editor number them. */
#define KLING_MOTION_MAX_REGIONS 6

void kling_motion_position_at (const KlingPoint *points,
                               guint             n_points,
                               double            t,
                               double           *x,
                               double           *y);

typedef struct _KlingMotionScene KlingMotionScene;

KlingMotionScene *kling_motion_scene_new              (GdkPixbuf              *image);
KlingMotionScene *kling_motion_scene_copy             (const KlingMotionScene *self);
void              kling_motion_scene_free             (KlingMotionScene       *self);

int               kling_motion_scene_get_width        (const KlingMotionScene *self);
int               kling_motion_scene_get_height       (const KlingMotionScene *self);

gboolean          kling_motion_scene_set_static_mask  (KlingMotionScene       *self,
                                                       const KlingMask        *mask);
gboolean          kling_motion_scene_set_region       (KlingMotionScene       *self,
                                                       guint                   index,
                                                       const KlingMask        *mask,
                                                       const KlingPoint       *points,
                                                       guint                   n_points);
gboolean          kling_motion_scene_set_path         (KlingMotionScene       *self,
                                                       guint                   index,
                                                       const KlingPoint       *points,
                                                       guint                   n_points);
gboolean          kling_motion_scene_has_motion       (const KlingMotionScene *self);

void              kling_motion_scene_prepare          (KlingMotionScene       *self,
                                                       int                     out_width,
                                                       int                     out_height);
gboolean          kling_motion_scene_is_prepared      (const KlingMotionScene *self,
                                                       int                     out_width,
                                                       int                     out_height);

void              kling_motion_scene_render           (KlingMotionScene       *self,
                                                       double                  t,
                                                       guint8                 *rgba_out,
                                                       int                     out_width,
                                                       int                     out_height,
                                                       int                     out_stride);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingMotionScene, kling_motion_scene_free)

G_END_DECLS
