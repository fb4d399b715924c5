/* kling-document-edits.c — painting, filling, clearing and moving paths
 *
 * Every change between a begin and its end is one undo step: the edit
 * being made is the history's open edit, and a mask edit saves the tiles
 * under each dab before it paints them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-document-private.h"
#include "kling-fill.h"

static KlingEdit *
open_edit (KlingDocument *self)
{
  return kling_edit_history_get_open (kling_document_get_history (self));
}

/* — mask edits — */

void
kling_document_begin_mask_edit (KlingDocument *self,
                                int            region,
                                const char    *label)
{
  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);
  g_return_if_fail (open_edit (self) == NULL);

  if (kling_document_get_mask (self, region) == NULL)
    return;
  kling_edit_history_begin (kling_document_get_history (self), kling_edit_new (region, label));
}

static KlingRect
dab_bounds (double x0,
            double y0,
            double x1,
            double y1,
            double radius)
{
  KlingRect rect;

  rect.x = (int) floor (MIN (x0, x1) - radius - 1);
  rect.y = (int) floor (MIN (y0, y1) - radius - 1);
  rect.width = (int) ceil (MAX (x0, x1) + radius + 1) - rect.x + 1;
  rect.height = (int) ceil (MAX (y0, y1) + radius + 1) - rect.y + 1;
  return rect;
}

void
kling_document_paint_line (KlingDocument *self,
                           double         x0,
                           double         y0,
                           double         x1,
                           double         y1,
                           double         radius,
                           double         hardness,
                           gboolean       erase)
{
  KlingRect bounds = dab_bounds (x0, y0, x1, y1, radius);
  KlingRect dirty = { 0, 0, 0, 0 };
  KlingEdit *edit = open_edit (self);
  int region;
  KlingMask *mask;

  g_return_if_fail (edit != NULL);

  region = kling_edit_get_region (edit);
  mask = kling_document_get_mask (self, region);
  kling_edit_save_tiles (edit, mask, &bounds);
  kling_mask_paint_line (mask, x0, y0, x1, y1, radius, hardness, erase, &dirty);
  if (dirty.width > 0 && dirty.height > 0)
    _kling_document_emit_mask_changed (self, region, &dirty);
}

/**
 * kling_document_fill:
 * @tolerance: 0–1, as the Fill tolerance slider says
 * @contiguous: only the area joined to (@x, @y); otherwise every pixel of
 *   the picture whose colour is alike
 *
 * Paints (or with @erase, takes away) the area around (@x, @y) whose colour
 * is alike, as kling_fill_select() finds it.
 *
 * Returns: %FALSE when the point is outside the picture
 */
gboolean
kling_document_fill (KlingDocument *self,
                     int            x,
                     int            y,
                     double         tolerance,
                     gboolean       contiguous,
                     gboolean       erase)
{
  GdkPixbuf *pixbuf = kling_document_get_pixbuf (self);
  KlingEdit *edit = open_edit (self);
  g_autofree guint8 *selected = NULL;
  KlingPixels pixels;
  KlingRect bounds;
  KlingMask *mask;

  g_return_val_if_fail (edit != NULL, FALSE);

  if (pixbuf == NULL || x < 0 || y < 0 ||
      x >= kling_document_get_width (self) || y >= kling_document_get_height (self))
    return FALSE;

  pixels = (KlingPixels) { gdk_pixbuf_read_pixels (pixbuf),
                           gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                           gdk_pixbuf_get_rowstride (pixbuf), gdk_pixbuf_get_n_channels (pixbuf) };
  mask = kling_document_get_mask (self, kling_edit_get_region (edit));
  selected = contiguous ? kling_fill_select (&pixels, x, y, tolerance, &bounds)
                        : kling_fill_select_everywhere (&pixels, x, y, tolerance, &bounds);

  kling_edit_save_tiles (edit, mask, &bounds);
  kling_fill_paint_mask (mask, selected, &bounds, erase);
  _kling_document_emit_mask_changed (self, kling_edit_get_region (edit), &bounds);
  return TRUE;
}

/* Keeps, in the open mask edit, only the tiles that changed. */
static KlingEdit *
finish_mask_edit (KlingDocument *self)
{
  KlingEdit *edit = open_edit (self);

  if (edit != NULL)
    kling_edit_keep_changed_tiles (edit, kling_document_get_mask (self, kling_edit_get_region (edit)));
  return edit;
}

void
kling_document_end_mask_edit (KlingDocument *self)
{
  finish_mask_edit (self);
  _kling_document_commit_edit (self);
}

/**
 * kling_document_clear_region:
 *
 * Takes away a region's paint and, for a dynamic region, its path: one
 * gesture, so one undo step that brings both back together.
 */
void
kling_document_clear_region (KlingDocument *self,
                             int            region)
{
  KlingMask *mask = kling_document_get_mask (self, region);
  KlingTrajectory *path;
  KlingRect all;
  KlingEdit *edit;

  g_return_if_fail (open_edit (self) == NULL);
  if (mask == NULL)
    return;

  all = (KlingRect) { 0, 0, kling_mask_get_width (mask), kling_mask_get_height (mask) };
  kling_document_begin_mask_edit (self, region, _("Clear"));
  edit = open_edit (self);
  kling_edit_save_tiles (edit, mask, &all);
  kling_mask_clear (mask);
  finish_mask_edit (self);

  path = region != KLING_STATIC_REGION ? kling_document_get_trajectory (self, region) : NULL;
  if (path != NULL && kling_trajectory_get_n_points (path) > 0)
    {
      kling_edit_set_trajectory_before (edit, path);
      kling_trajectory_clear (path);
      kling_edit_set_trajectory_after (edit, path);
    }

  _kling_document_commit_edit (self);
  _kling_document_emit_mask_changed (self, region, &all);
  if (path != NULL)
    kling_document_notify_trajectory (self, region);
}

/* — trajectory edits — */

void
kling_document_begin_trajectory_edit (KlingDocument *self,
                                      int            region,
                                      const char    *label)
{
  KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region > 0 && region < KLING_N_REGIONS);
  g_return_if_fail (open_edit (self) == NULL);

  edit = kling_edit_new (region, label);
  kling_edit_set_trajectory_before (edit, kling_document_get_trajectory (self, region));
  kling_edit_history_begin (kling_document_get_history (self), edit);
}

void
kling_document_end_trajectory_edit (KlingDocument *self)
{
  KlingEdit *edit = open_edit (self);
  gboolean changed;
  int region;

  if (edit == NULL)
    return;

  region = kling_edit_get_region (edit);
  changed = kling_edit_set_trajectory_after (edit, kling_document_get_trajectory (self, region));
  /* An edit that changed nothing is dropped here. */
  _kling_document_commit_edit (self);
  if (changed)
    kling_document_notify_trajectory (self, region);
}
