/* kling-document-picture.c — a new picture that keeps the work on it
 *
 * Cropping (or scaling) the picture moves every region and path with it, as
 * one undo step: Ctrl+Z gives back the whole picture with its regions and
 * paths as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-document-private.h"
#include "kling-mask-ops.h"

/* A point keeps its place in the picture; one outside the part kept goes
 * to its nearest edge, so the path keeps its shape and its number of points. */
static void
crop_path (KlingTrajectory *path,
           const KlingRect *area,
           int              width,
           int              height)
{
  double sx = (double) width / area->width;
  double sy = (double) height / area->height;

  for (guint i = 0; i < kling_trajectory_get_n_points (path); i++)
    {
      KlingPoint point = kling_trajectory_get_point (path, i);

      kling_trajectory_move (path, i,
                             CLAMP ((point.x - area->x) * sx, 0, width - 1),
                             CLAMP ((point.y - area->y) * sy, 0, height - 1));
    }
}

/**
 * kling_document_crop_picture:
 * @image: the picture cropped to @area, perhaps scaled since (its size says)
 * @area: the part of the current picture that @image shows
 * @label: the undo step's name
 *
 * Replaces the picture with @image, cropping and scaling every region and
 * path the same way, as one undo step.
 *
 * Returns: %FALSE (nothing changed) when @image cannot be decoded
 */
gboolean
kling_document_crop_picture (KlingDocument    *self,
                             KlingImage       *image,
                             const KlingRect  *area,
                             const char       *label,
                             GError          **error)
{
  KlingDraft *draft = kling_document_get_draft (self);
  KlingEditHistory *history = kling_document_get_history (self);
  g_autoptr(KlingEdit) edit = NULL;
  int width, height;

  g_return_val_if_fail (KLING_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (kling_edit_history_get_open (history) == NULL, FALSE);
  g_return_val_if_fail (area->width > 0 && area->height > 0, FALSE);

  edit = kling_edit_new (KLING_STATIC_REGION, label);
  kling_edit_set_picture_before (edit, draft);
  if (!_kling_document_adopt_image (self, image, error))
    return FALSE;

  width = kling_document_get_width (self);
  height = kling_document_get_height (self);
  kling_request_set_image (draft->request, image);
  for (int i = 0; i < KLING_N_REGIONS; i++)
    {
      KlingMask *mask = draft->masks[i];

      draft->masks[i] = mask ? kling_mask_new_cropped (mask, area, width, height)
                             : kling_mask_new (width, height);
      g_clear_pointer (&mask, kling_mask_free);
      if (draft->trajectories[i] != NULL)
        crop_path (draft->trajectories[i], area, width, height);
    }
  kling_edit_set_picture_after (edit, draft);
  _kling_document_push_edit (self, g_steal_pointer (&edit));
  _kling_document_emit_picture_changed (self);
  return TRUE;
}
