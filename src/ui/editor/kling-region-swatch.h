/* kling-region-swatch.h — a region's colour, and the popover that changes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-document.h"

G_BEGIN_DECLS

#define KLING_TYPE_REGION_SWATCH (kling_region_swatch_get_type ())
G_DECLARE_FINAL_TYPE (KlingRegionSwatch, kling_region_swatch, KLING, REGION_SWATCH, GtkWidget)

GtkWidget *kling_region_swatch_new          (int                region);
void       kling_region_swatch_set_document (KlingRegionSwatch *self,
                                             KlingDocument     *document);
void       kling_region_swatch_update       (KlingRegionSwatch *self);
GtkWidget *kling_region_swatch_get_popover  (KlingRegionSwatch *self);

G_END_DECLS
