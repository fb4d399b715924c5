/* kling-region-list.h — the static and dynamic regions, with their state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-document.h"

G_BEGIN_DECLS

#define KLING_TYPE_REGION_LIST (kling_region_list_get_type ())
G_DECLARE_FINAL_TYPE (KlingRegionList, kling_region_list, KLING, REGION_LIST, GtkWidget)

GtkWidget *kling_region_list_new          (void);
void       kling_region_list_set_document (KlingRegionList *self,
                                           KlingDocument   *document);
void       kling_region_list_set_selected (KlingRegionList *self,
                                           int              region);
int        kling_region_list_get_selected (KlingRegionList *self);
gboolean   kling_region_list_get_expanded (KlingRegionList *self);
void       kling_region_list_set_expanded (KlingRegionList *self,
                                           gboolean         expanded);
void       kling_region_list_rename       (KlingRegionList *self,
                                           int              region);
/* The status line of a region as the user reads it, for tests. */
const char *kling_region_list_get_status  (KlingRegionList *self,
                                           int              region);
/* The name the row shows, and whether it is being edited, for tests. */
const char *kling_region_list_get_title   (KlingRegionList *self,
                                           int              region);
gboolean    kling_region_list_is_renaming (KlingRegionList *self,
                                           int              region);

G_END_DECLS
