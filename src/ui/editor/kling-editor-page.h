/* kling-editor-page.h — the editor: the picture, its regions and paths, the parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-canvas.h"
#include "kling-crop-frame.h"
#include "kling-document.h"
#include "kling-motion-encode.h"
#include "kling-params-panel.h"
#include "kling-region-list.h"

G_BEGIN_DECLS

#define KLING_TYPE_EDITOR_PAGE (kling_editor_page_get_type ())
G_DECLARE_FINAL_TYPE (KlingEditorPage, kling_editor_page, KLING, EDITOR_PAGE, AdwBin)

GtkWidget        *kling_editor_page_new              (void);

KlingDocument    *kling_editor_page_get_document     (KlingEditorPage  *self);
KlingCanvas      *kling_editor_page_get_canvas       (KlingEditorPage  *self);
KlingRegionList  *kling_editor_page_get_region_list  (KlingEditorPage  *self);
KlingParamsPanel *kling_editor_page_get_params_panel (KlingEditorPage  *self);
KlingCropFrame   *kling_editor_page_get_crop_frame   (KlingEditorPage  *self);
AdwFlap          *kling_editor_page_get_flap         (KlingEditorPage  *self);
GtkStack         *kling_editor_page_get_tool_options (KlingEditorPage  *self);
gboolean          kling_editor_page_get_has_image    (KlingEditorPage  *self);

void              kling_editor_page_apply_defaults   (KlingEditorPage  *self,
                                                      GSettings        *settings);
void              kling_editor_page_set_settings     (KlingEditorPage  *self,
                                                      GSettings        *settings);
void              kling_editor_page_focus_canvas     (KlingEditorPage  *self);

const char       *kling_editor_page_get_draft_path   (KlingEditorPage  *self);
void              kling_editor_page_set_draft_path   (KlingEditorPage  *self,
                                                      const char       *path);
gboolean          kling_editor_page_load_draft       (KlingEditorPage  *self,
                                                      KlingDraft       *draft,
                                                      GError          **error);
gboolean          kling_editor_page_save_draft       (KlingEditorPage  *self,
                                                      const char       *path,
                                                      GError          **error);
char             *kling_editor_page_get_autosave_path (void);

GBytes           *kling_editor_page_build_body       (KlingEditorPage  *self,
                                                      const char      **field,
                                                      GError          **error);

void              kling_editor_page_export_motion    (KlingEditorPage   *self,
                                                     KlingMotionFormat  format,
                                                     GFile             *file);
GtkWidget        *kling_editor_page_get_focused_text (GtkWidget        *widget);

G_END_DECLS
