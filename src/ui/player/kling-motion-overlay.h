/* kling-motion-overlay.h — a task's regions and paths, drawn over its video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-draft.h"

G_BEGIN_DECLS

typedef struct _KlingMotionOverlay KlingMotionOverlay;

void                kling_motion_overlay_load_async  (const char          *task_folder,
                                                      const GdkRGBA        colors[KLING_DRAFT_N_REGIONS],
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
KlingMotionOverlay *kling_motion_overlay_load_finish (GAsyncResult        *result,
                                                      GError             **error);
void                kling_motion_overlay_free        (KlingMotionOverlay  *self);

GdkPixbuf          *kling_motion_overlay_get_image   (KlingMotionOverlay  *self);
gboolean            kling_motion_overlay_has_motion  (KlingMotionOverlay  *self);
void                kling_motion_overlay_draw        (KlingMotionOverlay  *self,
                                                      cairo_t             *cr,
                                                      const graphene_rect_t *rect);

void                kling_motion_overlay_draw_asked  (KlingMotionOverlay  *self,
                                                      cairo_t             *cr,
                                                      const graphene_rect_t *rect,
                                                      double               t);

gboolean            kling_motion_overlay_fit         (int                  width,
                                                      int                  height,
                                                      double               aspect_ratio,
                                                      graphene_rect_t     *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingMotionOverlay, kling_motion_overlay_free)

G_END_DECLS
