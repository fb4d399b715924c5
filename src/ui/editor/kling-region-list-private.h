/* kling-region-list-private.h — what the region list's part files share
 *
 * kling-region-list.c calls kling-region-list-rename.c through the
 * functions below; the rename part calls back only _kling_region_list_update_row().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-region-list.h"

G_BEGIN_DECLS

/* One region's row: the callbacks of its widgets get the row, which knows
 * its list and region. */
typedef struct {
  KlingRegionList *list;
  int              region;
  GtkWidget       *row;
  GtkWidget       *swatch;
  GtkWidget       *title_stack;
  GtkWidget       *title;
  GtkWidget       *name_entry;
  GtkWidget       *status;
  GtkWidget       *rename_button;
  GtkWidget       *visible_button;
  GtkWidget       *clear_button;
  gboolean         renaming;
} RegionRow;

struct _KlingRegionList
{
  GtkWidget      parent_instance;

  GtkWidget     *expander;
  GtkWidget     *summary;
  GtkWidget     *list_box;
  RegionRow      rows[KLING_N_REGIONS];
  KlingDocument *document;
  int            selected;
  gboolean       updating;
};

void _kling_region_list_update_row     (KlingRegionList *self,
                                        int              region);

/* kling-region-list-rename.c */
void _kling_region_list_build_title    (RegionRow       *row);
void _kling_region_list_start_rename   (KlingRegionList *self,
                                        int              region);
void _kling_region_list_cancel_renames (KlingRegionList *self);
void _kling_region_list_rename_clicked (GtkButton       *button,
                                        RegionRow       *row);

G_END_DECLS
