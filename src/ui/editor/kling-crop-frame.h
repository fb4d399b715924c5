/* kling-crop-frame.h — the part of the picture a crop keeps, moved by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-canvas.h"

G_BEGIN_DECLS

#define KLING_TYPE_CROP_FRAME (kling_crop_frame_get_type ())
G_DECLARE_FINAL_TYPE (KlingCropFrame, kling_crop_frame, KLING, CROP_FRAME, GtkWidget)

void      kling_crop_frame_set_canvas (KlingCropFrame *self,
                                       KlingCanvas    *canvas);
void      kling_crop_frame_start      (KlingCropFrame *self,
                                       int             width,
                                       int             height);
void      kling_crop_frame_cancel     (KlingCropFrame *self);
gboolean  kling_crop_frame_get_active (KlingCropFrame *self);
void      kling_crop_frame_get_area   (KlingCropFrame *self,
                                       KlingRect      *area);
void      kling_crop_frame_move_to    (KlingCropFrame *self,
                                       int             x,
                                       int             y);

G_END_DECLS
