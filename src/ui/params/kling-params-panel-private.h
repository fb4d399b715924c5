/* kling-params-panel-private.h — what the panel's four files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-params-panel.h"

G_BEGIN_DECLS

/* Positions in the "Extra control" combo. Motion brush is not among them:
 * it is in use whenever regions are painted. */
typedef enum {
  KLING_CONTROL_NONE,
  KLING_CONTROL_END_FRAME,
  KLING_CONTROL_CAMERA,
} KlingControl;

struct _KlingParamsPanel
{
  AdwBin             parent_instance;

  GtkScrolledWindow *scroller;
  GtkWidget         *content;
  GtkWidget         *motion_brush_warning;
  GtkLabel          *motion_brush_warning_label;
  GtkWidget         *motion_brush_fix_button;
  GtkLabel          *motion_brush_fix_label;
  GtkLabel          *prompt_counter;
  GtkScrolledWindow *prompt_scroller;
  GtkTextView       *prompt_view;
  GtkLabel          *prompt_problem;
  GtkLabel          *negative_counter;
  GtkScrolledWindow *negative_scroller;
  GtkTextView       *negative_view;
  GtkLabel          *negative_problem;
  AdwComboRow       *model_row;
  AdwActionRow      *retired_row;
  GtkSwitch         *retired_switch;
  AdwActionRow      *sound_row;
  GtkSwitch         *sound_switch;
  GtkLabel          *cost_label;
  AdwComboRow       *mode_row;
  AdwComboRow       *duration_row;
  AdwExpanderRow    *cfg_row;
  GtkRange          *cfg_scale;
  AdwActionRow      *cfg_unsupported_row;
  AdwComboRow       *aspect_row;
  GtkLabel          *model_note;
  AdwActionRow      *motion_brush_row;
  AdwComboRow       *control_row;
  AdwActionRow      *end_frame_row;
  GtkImage          *end_frame_thumb;
  GtkWidget         *end_frame_remove;
  GtkWidget         *end_frame_choose;
  AdwComboRow       *camera_type_row;
  AdwComboRow       *camera_axis_row;
  GtkWidget         *camera_value_row;
  GtkRange          *camera_value;
  GtkLabel          *control_note;
  GtkLabel          *control_problem;

  GtkStringList     *model_list;
  GStrv              models;        /* what model_list shows, as API names */
  GtkStringList     *mode_list;
  GtkStringList     *duration_list;
  GStrv              modes;         /* what mode_list shows, as API values */
  GStrv              durations;     /* what duration_list shows */
  GPtrArray         *control_items; /* bound GtkListItems of the control popup */

  KlingRequest      *request;       /* not owned */
  KlingImage        *end_frame;     /* kept while another control is chosen */
  gboolean           uses_motion_brush;
  guint              updating;      /* > 0 while widgets follow the request */
  int                line_height;   /* of the prompt font, in pixels */
  guint              fit_source;    /* idle fitting the prompt boxes to their text */
  char              *problem;       /* the "problem" property */
};

void     kling_params_panel_emit_changed       (KlingParamsPanel *self);
void     kling_params_panel_refresh            (KlingParamsPanel *self);
void     kling_params_panel_choose_combination (KlingParamsPanel *self,
                                                const char       *model,
                                                const char       *mode,
                                                const char       *duration);
char    *kling_params_panel_describe_combination (KlingParamsPanel *self);
void     kling_params_panel_show_widget        (KlingParamsPanel *self,
                                                GtkWidget        *widget);
void     kling_params_panel_update_problem     (KlingParamsPanel *self);

void     kling_params_panel_text_class_init    (GtkWidgetClass  *widget_class);
void     kling_params_panel_text_init          (KlingParamsPanel *self);
void     kling_params_panel_text_load          (KlingParamsPanel *self);

void     kling_params_panel_model_class_init   (GtkWidgetClass  *widget_class);
void     kling_params_panel_model_init         (KlingParamsPanel *self);
void     kling_params_panel_model_load         (KlingParamsPanel *self);
void     kling_params_panel_model_refresh      (KlingParamsPanel *self);

void     kling_params_panel_model_list_class_init (GtkWidgetClass *widget_class);
void     kling_params_panel_model_list_init    (KlingParamsPanel *self);
void     kling_params_panel_model_list_load    (KlingParamsPanel *self);

void     kling_params_panel_brush_class_init   (GtkWidgetClass   *widget_class);
void     kling_params_panel_brush_refresh      (KlingParamsPanel *self,
                                                const char       *combination);

void     kling_params_panel_controls_class_init (GtkWidgetClass  *widget_class);
void     kling_params_panel_controls_init      (KlingParamsPanel *self);
void     kling_params_panel_controls_load      (KlingParamsPanel *self);
void     kling_params_panel_controls_refresh   (KlingParamsPanel *self);
gboolean kling_params_panel_controls_focus     (KlingParamsPanel *self,
                                                const char       *field);
guint    kling_params_panel_controls_in_use    (KlingParamsPanel *self);

G_END_DECLS
