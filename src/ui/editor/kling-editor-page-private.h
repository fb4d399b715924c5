/* kling-editor-page-private.h — what the editor page's part files share
 *
 * The main file (kling-editor-page.c) calls each part's class and instance
 * setup; the parts reach back only through the _kling_editor_page_*
 * functions below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-autosave-notice.h"
#include "kling-crop-frame.h"
#include "kling-editor-page.h"
#include "kling-motion-preview.h"

G_BEGIN_DECLS

struct _KlingEditorPage
{
  AdwBin                parent_instance;

  /* template children */
  AdwFlap              *flap;
  KlingCanvas          *canvas;
  KlingMotionPreview   *motion_preview;
  KlingCropFrame       *crop_frame;
  GtkToggleButton      *preview_button;
  KlingRegionList      *region_list;
  KlingParamsPanel     *params_panel;
  GtkStack             *tool_options;
  GtkScrolledWindow    *tool_scroller;
  GtkBox               *tool_bar;
  GtkBox               *secondary_tools;  /* in tool_bar, or in overflow_box */
  GtkMenuButton        *overflow_button;
  GtkMenuButton        *refine_button;
  GtkBox               *overflow_box;
  GtkAdjustment        *size_adjustment;
  GtkAdjustment        *hardness_adjustment;
  GtkAdjustment        *tolerance_adjustment;
  GtkCheckButton       *smooth_check;
  GtkCheckButton       *contiguous_check;
  GtkAdjustment        *grow_adjustment;
  GtkSpinner           *select_spinner;
  GtkLabel             *select_hint;

  GtkDropDown          *timing_dropdown;
  GtkLabel             *zoom_label;
  GtkLabel             *overlap_label;

  KlingDocument        *document;
  char                 *draft_path;       /* where Ctrl+S saves, once chosen */
  guint                 autosave_id;
  GCancellable         *export_cancellable; /* while an export runs */
  gboolean              showing_timing;   /* the drop-down follows the path, not the reverse */
  KlingAutosaveNotice  *autosave_notice;  /* made on the first failure */
  guint                 overflow_id;      /* the toolbar is checked for room */
};

/* kling-editor-page-actions.c */
void     _kling_editor_page_class_actions_init (GtkWidgetClass  *widget_class);
void     _kling_editor_page_update_actions     (KlingEditorPage *self);

/* kling-editor-page-timing.c */
void     _kling_editor_page_timing_init        (KlingEditorPage *self);

/* kling-editor-page-keys.c */
void     _kling_editor_page_class_keys_init    (GtkWidgetClass  *widget_class);
void     _kling_editor_page_keys_init          (KlingEditorPage *self);

/* kling-editor-page-toolbar.c */
void     _kling_editor_page_class_toolbar_init (GtkWidgetClass  *widget_class);
void     _kling_editor_page_toolbar_init       (KlingEditorPage *self);
void     _kling_editor_page_toolbar_dispose    (KlingEditorPage *self);

/* kling-editor-page-refine.c */
void     _kling_editor_page_class_refine_init  (GtkWidgetClass  *widget_class);
void     _kling_editor_page_refine_init        (KlingEditorPage *self);
void     _kling_editor_page_update_refine_actions (KlingEditorPage *self);

/* kling-editor-page.c, for the parts */
void     _kling_editor_page_toast              (KlingEditorPage *self,
                                                const char      *text);
void     _kling_editor_page_emit_submit        (KlingEditorPage *self,
                                                GBytes          *body,
                                                KlingRequest    *request);
gboolean _kling_editor_page_is_shown           (KlingEditorPage *self);
void     _kling_editor_page_focus_problem      (KlingEditorPage *self,
                                                const GError    *error,
                                                const char      *field);

G_END_DECLS
