/* kling-autosave-notice.h — the editor's word that autosave is failing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KLING_TYPE_AUTOSAVE_NOTICE (kling_autosave_notice_get_type ())
G_DECLARE_FINAL_TYPE (KlingAutosaveNotice, kling_autosave_notice, KLING, AUTOSAVE_NOTICE, AdwBin)

KlingAutosaveNotice *kling_autosave_notice_new      (void);
void                 kling_autosave_notice_show     (KlingAutosaveNotice *self,
                                                     const GError        *error);
void                 kling_autosave_notice_hide     (KlingAutosaveNotice *self);
gboolean             kling_autosave_notice_is_shown (KlingAutosaveNotice *self);
const char          *kling_autosave_notice_get_text (KlingAutosaveNotice *self);
guint                kling_autosave_notice_get_failures (KlingAutosaveNotice *self);

G_END_DECLS
