/* kling-params-panel.c — the generation parameters of the motion editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel edits a KlingRequest in place: every user change goes straight
 * through the request's setters and is followed by "changed". What the
 * chosen model cannot do is explained next to the control, from the
 * capabilities table, so the user never meets it as a server error.
 *
 * This file holds the widget and its public API; the concerns live in
 * kling-params-panel-text.c (prompts), kling-params-panel-model.c (model,
 * mode, duration, guidance, aspect ratio) and
 * kling-params-panel-controls.c (motion brush, end frame, camera control).
 */
#include "config.h"

#include "kling-params-panel-private.h"
#include "kling-scroll.h"

enum {
  CHANGED,
  END_FRAME_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KlingParamsPanel, kling_params_panel, ADW_TYPE_BIN)

void
kling_params_panel_emit_changed (KlingParamsPanel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * kling_params_panel_refresh:
 *
 * Updates everything that follows from the request without being a choice
 * of its own: what is shown, hidden and explained.
 */
void
kling_params_panel_refresh (KlingParamsPanel *self)
{
  kling_params_panel_model_refresh (self);
  kling_params_panel_controls_refresh (self);
}

/* Follows what the panel shows as a problem, for the Generate button. */
void
kling_params_panel_update_problem (KlingParamsPanel *self)
{
  g_autofree char *problem = self->request != NULL ? kling_params_panel_get_problem (self) : NULL;

  if (g_strcmp0 (problem, self->problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* Public API */

GtkWidget *
kling_params_panel_new (void)
{
  return g_object_new (KLING_TYPE_PARAMS_PANEL, NULL);
}

/**
 * kling_params_panel_set_request:
 * @request: (nullable) (transfer none): the request to edit in place; it
 *   must outlive the panel or be replaced first
 *
 * Shows @request in every control. Call it again after the request was
 * changed from outside (a draft was loaded) to refresh the panel. Does not
 * emit "changed", though an unknown model, mode or duration is replaced
 * (and the note says so) and a guidance the model cannot take is unset.
 */
void
kling_params_panel_set_request (KlingParamsPanel *self,
                                KlingRequest     *request)
{
  g_return_if_fail (KLING_IS_PARAMS_PANEL (self));

  self->request = request;
  gtk_widget_set_sensitive (self->content, request != NULL);
  kling_params_panel_text_load (self);
  kling_params_panel_model_load (self);
  if (request != NULL)
    {
      self->updating++;
      kling_params_panel_controls_load (self);
      self->updating--;
      kling_params_panel_refresh (self);
      return;
    }

  self->updating++;
  kling_params_panel_set_end_frame (self, NULL);
  gtk_widget_set_visible (self->motion_brush_warning, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->control_problem), FALSE);
  self->updating--;
  kling_params_panel_update_problem (self);
}

/**
 * kling_params_panel_get_request:
 *
 * Returns: (transfer none) (nullable): the request being edited
 */
KlingRequest *
kling_params_panel_get_request (KlingParamsPanel *self)
{
  g_return_val_if_fail (KLING_IS_PARAMS_PANEL (self), NULL);

  return self->request;
}

/**
 * kling_params_panel_set_uses_motion_brush:
 * @uses: whether any region is painted
 *
 * The panel then says whether the chosen model can use the painting and
 * whether it clashes with an end frame or camera control.
 */
void
kling_params_panel_set_uses_motion_brush (KlingParamsPanel *self,
                                          gboolean          uses)
{
  g_return_if_fail (KLING_IS_PARAMS_PANEL (self));

  self->uses_motion_brush = !!uses;
  if (self->request != NULL)
    kling_params_panel_controls_refresh (self);
}

/* Scrolls @widget into view, with a little context around it. */
static void
scroll_to (KlingParamsPanel *self,
           GtkWidget        *widget)
{
  kling_scroll_into_view (self->scroller, widget, 24);
}

void
kling_params_panel_show_widget (KlingParamsPanel *self,
                                GtkWidget        *widget)
{
  scroll_to (self, widget);
  gtk_widget_grab_focus (widget);
}

/**
 * kling_params_panel_focus_field:
 * @field: a request field as kling-api.md names it: "prompt",
 *   "negative_prompt", "model", "mode", "duration", "cfg_scale",
 *   "aspect_ratio", "image_tail", "camera_control", or "motion_brush"
 *
 * Scrolls to the control of @field and focuses it, so that a problem found
 * at submit is shown where it can be fixed.
 */
void
kling_params_panel_focus_field (KlingParamsPanel *self,
                                const char       *field)
{
  GtkWidget *target = NULL;

  g_return_if_fail (KLING_IS_PARAMS_PANEL (self));
  g_return_if_fail (field != NULL);

  if (g_str_equal (field, "prompt"))
    target = GTK_WIDGET (self->prompt_view);
  else if (g_str_equal (field, "negative_prompt"))
    target = GTK_WIDGET (self->negative_view);
  else if (g_str_equal (field, "model"))
    target = GTK_WIDGET (self->model_row);
  else if (g_str_equal (field, "mode"))
    target = GTK_WIDGET (self->mode_row);
  else if (g_str_equal (field, "duration"))
    target = GTK_WIDGET (self->duration_row);
  else if (g_str_equal (field, "aspect_ratio"))
    target = GTK_WIDGET (self->aspect_row);
  else if (g_str_equal (field, "cfg_scale") && gtk_widget_get_visible (GTK_WIDGET (self->cfg_row)))
    {
      adw_expander_row_set_expanded (self->cfg_row, TRUE);
      target = adw_expander_row_get_enable_expansion (self->cfg_row)
               ? GTK_WIDGET (self->cfg_scale) : GTK_WIDGET (self->cfg_row);
    }
  else if (g_str_equal (field, "cfg_scale"))
    target = GTK_WIDGET (self->cfg_unsupported_row);
  else if (kling_params_panel_controls_focus (self, field))
    return;

  if (target == NULL)
    {
      g_debug ("No control for request field “%s”", field);
      return;
    }
  kling_params_panel_show_widget (self, target);
}

static char *
dup_if_shown (GtkWidget *shown,
              GtkLabel  *label)
{
  if (!gtk_widget_get_visible (shown))
    return NULL;
  return g_strdup (gtk_label_get_text (label));
}

/**
 * kling_params_panel_get_problem:
 *
 * Returns: (transfer full) (nullable): the first problem the panel shows,
 *   top to bottom, or %NULL when it shows none. Notes (what was switched
 *   automatically, what a model cannot do) are not problems.
 */
char *
kling_params_panel_get_problem (KlingParamsPanel *self)
{
  char *problem;

  g_return_val_if_fail (KLING_IS_PARAMS_PANEL (self), NULL);

  if ((problem = dup_if_shown (self->motion_brush_warning, self->motion_brush_warning_label)) ||
      (problem = dup_if_shown (GTK_WIDGET (self->prompt_problem), self->prompt_problem)) ||
      (problem = dup_if_shown (GTK_WIDGET (self->negative_problem), self->negative_problem)) ||
      (problem = dup_if_shown (GTK_WIDGET (self->control_problem), self->control_problem)))
    return problem;
  return NULL;
}

/**
 * kling_params_panel_get_note:
 *
 * Returns: (transfer full) (nullable): the note under the model choice
 *   ("Kling v2.6 has no std mode; switched to pro."), or %NULL
 */
char *
kling_params_panel_get_note (KlingParamsPanel *self)
{
  g_return_val_if_fail (KLING_IS_PARAMS_PANEL (self), NULL);

  return dup_if_shown (GTK_WIDGET (self->model_note), self->model_note);
}

/* — the panel keeps still — */

/* GtkViewport scrolls to whatever takes the focus, also after a click or a
 * choice in a popover (the row it came from takes the focus back, and a
 * row cut by the panel's edge jumped into view under the pointer). The
 * panel brings the focus into view only when it moved with the keys. */
static void
focus_moved (KlingParamsPanel *self,
             GParamSpec       *pspec,
             GtkWindow        *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->content) ||
      gtk_widget_get_native (focus) != gtk_widget_get_native (GTK_WIDGET (self)) ||
      !gtk_window_get_focus_visible (window))
    return;
  if (GTK_IS_TEXT (focus))
    focus = gtk_widget_get_parent (focus);
  scroll_to (self, focus);
}

static void
kling_params_panel_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kling_params_panel_parent_class)->root (widget);
  if (GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                             G_CALLBACK (focus_moved), widget, G_CONNECT_SWAPPED);
}

static void
kling_params_panel_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), focus_moved, widget);
  GTK_WIDGET_CLASS (kling_params_panel_parent_class)->unroot (widget);
}

/* GObject */

static void
kling_params_panel_dispose (GObject *object)
{
  KlingParamsPanel *self = KLING_PARAMS_PANEL (object);

  /* Widgets being torn down must not write into a request. */
  self->updating++;
  self->request = NULL;
  g_clear_handle_id (&self->fit_source, g_source_remove);
  g_clear_pointer (&self->end_frame, kling_image_unref);

  G_OBJECT_CLASS (kling_params_panel_parent_class)->dispose (object);
}

static void
kling_params_panel_finalize (GObject *object)
{
  KlingParamsPanel *self = KLING_PARAMS_PANEL (object);

  g_clear_object (&self->mode_list);
  g_clear_object (&self->duration_list);
  g_clear_object (&self->model_list);
  g_strfreev (self->models);
  g_strfreev (self->modes);
  g_strfreev (self->durations);
  g_free (self->problem);
  g_clear_pointer (&self->control_items, g_ptr_array_unref);

  G_OBJECT_CLASS (kling_params_panel_parent_class)->finalize (object);
}

static void
kling_params_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KlingParamsPanel *self = KLING_PARAMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_params_panel_class_init (KlingParamsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_params_panel_dispose;
  object_class->finalize = kling_params_panel_finalize;
  object_class->get_property = kling_params_panel_get_property;
  widget_class->root = kling_params_panel_root;
  widget_class->unroot = kling_params_panel_unroot;

  /**
   * KlingParamsPanel:problem: (nullable)
   *
   * The first problem the panel shows (kling_params_panel_get_problem()):
   * while it is set, the request cannot be sent, and Generate says why.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlingParamsPanel::changed:
   *
   * The user changed a parameter; the request already holds it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KlingParamsPanel::end-frame-requested:
   *
   * The user pressed "Choose…" for the end frame; the window opens a file
   * chooser and calls kling_params_panel_set_end_frame().
   */
  signals[END_FRAME_REQUESTED] =
    g_signal_new ("end-frame-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-params-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, content);
  kling_params_panel_text_class_init (widget_class);
  kling_params_panel_model_class_init (widget_class);
  kling_params_panel_model_list_class_init (widget_class);
  kling_params_panel_controls_class_init (widget_class);
  kling_params_panel_brush_class_init (widget_class);
}

static void
kling_params_panel_init (KlingParamsPanel *self)
{
  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)), FALSE);
  kling_params_panel_text_init (self);
  kling_params_panel_model_init (self);
  kling_params_panel_controls_init (self);
  gtk_widget_set_sensitive (self->content, FALSE);
  self->updating--;
}
