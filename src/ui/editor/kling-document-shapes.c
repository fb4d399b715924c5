/* kling-document-shapes.c — changes to a whole region's shape: the object
 * selection's cut, the lasso, grow and shrink, fill holes, smooth edge,
 * and "everything else stays still"
 *
 * Each is one undo step, which keeps only the tiles that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-document-private.h"
#include "kling-mask-ops.h"

static KlingRect
whole (const KlingMask *mask)
{
  return (KlingRect) { 0, 0, kling_mask_get_width (mask), kling_mask_get_height (mask) };
}

/**
 * kling_document_set_mask:
 * @content: the region's new paint, at the picture's size
 * @label: the undo step's name
 *
 * Gives the region @content's shape, as one undo step.
 *
 * Returns: whether the region changed
 */
gboolean
kling_document_set_mask (KlingDocument   *self,
                         int              region,
                         const KlingMask *content,
                         const char      *label)
{
  KlingMask *mask = kling_document_get_mask (self, region);
  KlingRect all;

  g_return_val_if_fail (KLING_IS_DOCUMENT (self), FALSE);
  if (mask == NULL || kling_mask_equal (mask, content))
    return FALSE;
  g_return_val_if_fail (kling_mask_get_width (content) == kling_mask_get_width (mask) &&
                        kling_mask_get_height (content) == kling_mask_get_height (mask), FALSE);

  all = whole (mask);
  kling_document_begin_mask_edit (self, region, label);
  kling_edit_save_tiles (kling_edit_history_get_open (kling_document_get_history (self)), mask, &all);
  kling_mask_clear (mask);
  kling_mask_union (mask, content);
  kling_document_end_mask_edit (self);
  _kling_document_emit_mask_changed (self, region, &all);
  return TRUE;
}

/**
 * kling_document_change_mask:
 * @change: what to do to a copy of the region's paint
 *
 * Returns: whether the region changed (one undo step if so)
 */
gboolean
kling_document_change_mask (KlingDocument       *self,
                            int                  region,
                            KlingMaskChangeFunc  change,
                            gpointer             data,
                            const char          *label)
{
  KlingMask *mask = kling_document_get_mask (self, region);
  g_autoptr(KlingMask) copy = NULL;

  if (mask == NULL)
    return FALSE;
  copy = kling_mask_copy (mask);
  change (copy, data);
  return kling_document_set_mask (self, region, copy, label);
}

/**
 * kling_document_still_elsewhere:
 *
 * Makes the static region everything no dynamic region covers: "everything
 * else stays still", one undo step.
 *
 * Returns: whether the static region changed
 */
gboolean
kling_document_still_elsewhere (KlingDocument *self)
{
  const KlingMask *dynamic[KLING_N_REGIONS];
  KlingMask *still = kling_document_get_mask (self, KLING_STATIC_REGION);
  g_autoptr(KlingMask) complement = NULL;
  guint n = 0;

  if (still == NULL)
    return FALSE;
  for (int region = 1; region < KLING_N_REGIONS; region++)
    dynamic[n++] = kling_document_get_mask (self, region);
  complement = kling_mask_new (kling_mask_get_width (still), kling_mask_get_height (still));
  kling_mask_set_complement (complement, dynamic, n);
  return kling_document_set_mask (self, KLING_STATIC_REGION, complement, _("Everything Else Stays Still"));
}

/**
 * kling_document_fill_polygon:
 * @points: the lasso's corners, in picture pixels
 * @erase: take the paint away inside instead
 *
 * Fills the polygon in the open mask edit.
 */
void
kling_document_fill_polygon (KlingDocument    *self,
                             const KlingPoint *points,
                             guint             n_points,
                             gboolean          erase)
{
  KlingEdit *edit = kling_edit_history_get_open (kling_document_get_history (self));
  KlingRect bounds, dirty;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  KlingMask *mask;

  g_return_if_fail (edit != NULL);
  if (n_points < 3)
    return;
  for (guint i = 0; i < n_points; i++)
    {
      x0 = MIN (x0, points[i].x), y0 = MIN (y0, points[i].y);
      x1 = MAX (x1, points[i].x), y1 = MAX (y1, points[i].y);
    }
  bounds = (KlingRect) { (int) floor (x0), (int) floor (y0),
                         (int) ceil (x1) - (int) floor (x0) + 1, (int) ceil (y1) - (int) floor (y0) + 1 };
  mask = kling_document_get_mask (self, kling_edit_get_region (edit));
  kling_edit_save_tiles (edit, mask, &bounds);
  kling_mask_fill_polygon (mask, points, n_points, erase ? 0 : 255, &dirty);
  if (dirty.width > 0)
    _kling_document_emit_mask_changed (self, kling_edit_get_region (edit), &dirty);
}
