/* kling-motion-preview.h — the paths' motion, played over the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-canvas.h"
#include "kling-motion-render.h"

G_BEGIN_DECLS

/* Kling's clips are 30 frames a second; no model is known to deliver
 * another rate (kling-models.json says none). */
#define KLING_MOTION_PREVIEW_FPS 30

#define KLING_TYPE_MOTION_PREVIEW (kling_motion_preview_get_type ())
G_DECLARE_FINAL_TYPE (KlingMotionPreview, kling_motion_preview, KLING, MOTION_PREVIEW, GtkWidget)

void         kling_motion_preview_set_canvas    (KlingMotionPreview *self,
                                                 KlingCanvas        *canvas);
KlingCanvas *kling_motion_preview_get_canvas    (KlingMotionPreview *self);

void         kling_motion_preview_set_active    (KlingMotionPreview *self,
                                                 gboolean            active);
gboolean     kling_motion_preview_get_active    (KlingMotionPreview *self);
void         kling_motion_preview_set_playing   (KlingMotionPreview *self,
                                                 gboolean            playing);
gboolean     kling_motion_preview_get_playing   (KlingMotionPreview *self);

guint        kling_motion_preview_get_n_frames  (KlingMotionPreview *self);
void         kling_motion_preview_set_frame     (KlingMotionPreview *self,
                                                 guint               frame);
guint        kling_motion_preview_get_frame     (KlingMotionPreview *self);
int          kling_motion_preview_get_shown_frame (KlingMotionPreview *self);

double       kling_motion_preview_get_duration  (KlingMotionPreview *self);
gboolean     kling_motion_preview_has_motion    (KlingMotionPreview *self);
KlingMotionScene *kling_motion_preview_dup_scene (KlingMotionPreview *self);

G_END_DECLS
