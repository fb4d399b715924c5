/* kling-edit.h — one undo step of the editor, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-draft.h"

G_BEGIN_DECLS

typedef enum {
  KLING_EDIT_CHANGES_NONE        = 0,
  KLING_EDIT_CHANGES_MASK        = 1 << 0,
  KLING_EDIT_CHANGES_TRAJECTORY  = 1 << 1,
  KLING_EDIT_CHANGES_REGION_INFO = 1 << 2,
  KLING_EDIT_CHANGES_PICTURE     = 1 << 3,  /* the image, every mask and every path */
} KlingEditChanges;

typedef struct _KlingEdit KlingEdit;

KlingEdit  *kling_edit_new                   (guint                  region,
                                              const char            *label);
void        kling_edit_free                  (KlingEdit             *self);
guint       kling_edit_get_region            (const KlingEdit       *self);
const char *kling_edit_get_label             (const KlingEdit       *self);
gboolean    kling_edit_is_empty              (const KlingEdit       *self);

/* The region's mask: tiles are saved before they change, and only those
 * that came out different are kept. */
void        kling_edit_save_tiles            (KlingEdit             *self,
                                              KlingMask             *mask,
                                              const KlingRect       *rect);
void        kling_edit_keep_changed_tiles    (KlingEdit             *self,
                                              KlingMask             *mask);

/* The newest stroke wins: where this edit painted, @older gives way. */
void        kling_edit_take_painted          (const KlingEdit       *self,
                                              KlingMask             *mask,
                                              KlingMask             *older,
                                              KlingEdit             *older_edit);

/* What the same gesture did to other regions, undone and redone with it. */
void        kling_edit_add_linked            (KlingEdit             *self,
                                              KlingEdit             *linked);
guint       kling_edit_get_n_linked          (const KlingEdit       *self);
const KlingEdit *kling_edit_get_linked       (const KlingEdit       *self,
                                              guint                  index);

/* The region's path: an edit whose path comes out the same changes none. */
void        kling_edit_set_trajectory_before (KlingEdit             *self,
                                              const KlingTrajectory *before);
gboolean    kling_edit_set_trajectory_after  (KlingEdit             *self,
                                              const KlingTrajectory *after);

/* The region's name and visibility. */
void        kling_edit_set_name              (KlingEdit             *self,
                                              const char            *before,
                                              const char            *after);
void        kling_edit_set_visible           (KlingEdit             *self,
                                              gboolean               visible);

/* The region's colour and opacity: an edit whose look comes out the same
 * changes none. */
void        kling_edit_set_look_before       (KlingEdit             *self,
                                              const char            *color,
                                              int                    opacity);
gboolean    kling_edit_set_look_after        (KlingEdit             *self,
                                              const char            *color,
                                              int                    opacity);
gboolean    kling_edit_has_look              (const KlingEdit       *self);

/* The picture itself, with every mask and path on its pixel grid: a crop
 * changes them all at once, and one undo gives them all back. */
void        kling_edit_set_picture_before    (KlingEdit             *self,
                                              const KlingDraft      *draft);
void        kling_edit_set_picture_after     (KlingEdit             *self,
                                              const KlingDraft      *draft);

KlingEditChanges kling_edit_apply            (const KlingEdit       *self,
                                              KlingDraft            *draft,
                                              gboolean               forward,
                                              KlingRect             *mask_dirty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingEdit, kling_edit_free)

G_END_DECLS
