/* kling-mask-ops.h — whole-region changes: grow, shrink, fill holes,
 * smooth, polygons and complements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-mask.h"
#include "kling-trajectory.h"

G_BEGIN_DECLS

/* Grow and shrink reach at most this far (pixels). */
#define KLING_MASK_MAX_GROW 200

void     kling_mask_grow          (KlingMask        *self,
                                   int               pixels);
gboolean kling_mask_fill_holes    (KlingMask        *self);
void     kling_mask_smooth        (KlingMask        *self,
                                   int               radius);
void     kling_mask_fill_polygon  (KlingMask        *self,
                                   const KlingPoint *points,
                                   guint             n_points,
                                   guint8            value,
                                   KlingRect        *out_dirty);
void     kling_mask_union         (KlingMask        *self,
                                   const KlingMask  *other);
KlingMask *kling_mask_new_cropped (const KlingMask  *self,
                                   const KlingRect  *area,
                                   int               width,
                                   int               height);
void     kling_mask_set_complement (KlingMask       *self,
                                    const KlingMask * const *others,
                                    guint            n_others);

G_END_DECLS
