/* kling-edit-history.h — the editor's undo and redo stacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kling-edit.h"

G_BEGIN_DECLS

#define KLING_TYPE_EDIT_HISTORY (kling_edit_history_get_type ())
G_DECLARE_FINAL_TYPE (KlingEditHistory, kling_edit_history, KLING, EDIT_HISTORY, GObject)

KlingEditHistory *kling_edit_history_new      (void);

gboolean          kling_edit_history_can_undo (KlingEditHistory *self);
gboolean          kling_edit_history_can_redo (KlingEditHistory *self);

/* The edit being made (a stroke while the button is down): undo and redo
 * wait until it is committed. */
void              kling_edit_history_begin    (KlingEditHistory *self,
                                               KlingEdit        *edit);
KlingEdit        *kling_edit_history_get_open (KlingEditHistory *self);
gboolean          kling_edit_history_commit   (KlingEditHistory *self);

gboolean          kling_edit_history_push     (KlingEditHistory *self,
                                               KlingEdit        *edit);
const KlingEdit  *kling_edit_history_undo     (KlingEditHistory *self);
const KlingEdit  *kling_edit_history_redo     (KlingEditHistory *self);
void              kling_edit_history_clear    (KlingEditHistory *self);

G_END_DECLS
