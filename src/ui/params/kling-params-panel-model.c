/* kling-params-panel-model.c — model, mode, duration, guidance, aspect ratio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The combos offer only what the capabilities table allows for the chosen
 * model. When a new model lacks the current mode or duration, the first it
 * offers is taken and the note under the combos says so: a request is
 * never left invalid behind the user's back.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-params-panel-private.h"

/* Position 0 of the aspect combo, "From image", sends none. */
static const char * const aspect_ratios[] = { "16:9", "9:16", "1:1" };

/* Replaces what @list shows by @values: modes when @modes, else durations. */
static void
replace_list (GtkStringList      *list,
              const char * const *values,
              gboolean            modes)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (labels, modes ? g_strdup (kling_choices_mode_label (values[i]))
                                   : kling_choices_duration_label (values[i]));
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) labels->pdata);
}

/**
 * kling_params_panel_describe_combination:
 *
 * Returns: (transfer full): the current model, mode and duration as the
 *   user reads them, "Kling v1 std 10 s"
 */
char *
kling_params_panel_describe_combination (KlingParamsPanel *self)
{
  const char *model = kling_request_get_model (self->request);

  return g_strdup_printf (_("%s %s %s s"), kling_capabilities_get_display_name (model),
                          kling_request_get_mode (self->request),
                          kling_request_get_duration (self->request));
}

static void
set_note (KlingParamsPanel *self,
          const char       *note)
{
  gtk_label_set_text (self->model_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->model_note), note != NULL);
}

/* Moves mode and duration to the nearest combination the model offers
 * (and, with @wanted, one that takes the controls in use), and says what
 * was switched: a request is never left invalid behind the user's back. */
static char *
normalize_combination (KlingRequest *request,
                       KlingFeature  wanted)
{
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *mode = NULL;
  g_autofree char *duration = NULL;
  const char *model = kling_request_get_model (request);
  const char *name;

  if (!kling_capabilities_has_model (model))
    {
      g_string_append_printf (note, _("“%s” is not a model Kling Studio knows; switched to %s."),
                              model, kling_capabilities_get_display_name (KLING_REQUEST_DEFAULT_MODEL));
      kling_request_set_model (request, KLING_REQUEST_DEFAULT_MODEL);
      model = kling_request_get_model (request);
    }
  name = kling_capabilities_get_display_name (model);
  kling_capabilities_nearest_combination (model, kling_request_get_mode (request),
                                          kling_request_get_duration (request), wanted,
                                          &mode, &duration);

  if (g_strcmp0 (mode, kling_request_get_mode (request)) != 0)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      if (kling_capabilities_supports_mode (model, kling_request_get_mode (request)))
        g_string_append_printf (note, _("Switched to %s mode, %s s: there %s can use what you set up."),
                                mode, duration, name);
      else
        g_string_append_printf (note, _("%s has no %s mode; switched to %s."),
                                name, kling_request_get_mode (request), mode);
      kling_request_set_mode (request, mode);
    }
  if (g_strcmp0 (duration, kling_request_get_duration (request)) != 0)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append_printf (note, _("%s in %s mode has no %s s; switched to %s s."),
                              name, mode, kling_request_get_duration (request), duration);
      kling_request_set_duration (request, duration);
    }

  return note->len > 0 ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

/* Guidance is sent only when switched on and the model takes it; the
 * switch and value are kept, so going back to such a model restores it. */
static void
apply_cfg (KlingParamsPanel *self)
{
  if (kling_capabilities_supports_cfg_scale (kling_request_get_model (self->request)) &&
      adw_expander_row_get_enable_expansion (self->cfg_row))
    kling_request_set_cfg_scale (self->request, gtk_range_get_value (self->cfg_scale));
  else
    kling_request_unset_cfg_scale (self->request);
}

/* Sound is sent only when switched on and the combination makes sound; the
 * switch is kept, so going back to such a combination restores it. */
static void
apply_sound (KlingParamsPanel *self)
{
  gboolean supported = kling_capabilities_supports_sound (kling_request_get_model (self->request),
                                                          kling_request_get_mode (self->request),
                                                          kling_request_get_duration (self->request));

  kling_request_set_sound (self->request,
                           supported && gtk_switch_get_active (self->sound_switch) ? "on" : NULL);
}

static void
refresh_sound (KlingParamsPanel *self,
               const char       *model)
{
  const char *mode = kling_request_get_mode (self->request);
  gboolean supported = kling_capabilities_supports_sound (model, mode,
                                                          kling_request_get_duration (self->request));
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sound_row),
                          kling_capabilities_get_model_features (model) & KLING_FEATURE_SOUND);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sound_switch), supported);
  if (supported)
    subtitle = g_strdup (_("Kling makes the video’s sound too"));
  else
    subtitle = g_strdup_printf (_("%s makes no sound in %s mode"),
                                kling_capabilities_get_display_name (model), kling_choices_mode_label (mode));
  adw_action_row_set_subtitle (self->sound_row, subtitle);
}

/* What the chosen combination costs, from the published unit table; nothing
 * when we do not know the figure. */
static void
refresh_cost (KlingParamsPanel *self,
              const char       *model)
{
  double units;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *combination = NULL;
  g_autofree char *text = NULL;

  if (!kling_capabilities_get_units (model, kling_request_get_mode (self->request),
                                     kling_request_get_duration (self->request), &units))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->cost_label), FALSE);
      return;
    }
  combination = kling_params_panel_describe_combination (self);
  g_ascii_formatd (number, sizeof number, "%g", units);
  text = g_strdup_printf (ngettext ("Costs %s unit of your Kling resource pack (%s)",
                                    "Costs %s units of your Kling resource pack (%s)",
                                    units == 1.0 ? 1 : 2),
                          number, combination);
  gtk_label_set_text (self->cost_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_label), TRUE);
}

static void
load_combination (KlingParamsPanel *self)
{
  const char *model = kling_request_get_model (self->request);
  const char *mode = kling_request_get_mode (self->request);

  g_auto(GStrv) modes = kling_capabilities_get_modes (model);
  g_auto(GStrv) durations = kling_capabilities_get_durations (model, mode);

  kling_params_panel_model_list_load (self);
  self->updating++;

  /* Lists are replaced only when they differ: never under the combo
   * whose own selection is being notified. */
  if (self->modes == NULL || !g_strv_equal ((const char * const *) self->modes,
                                            (const char * const *) modes))
    {
      g_strfreev (self->modes);
      self->modes = g_steal_pointer (&modes);
      replace_list (self->mode_list, (const char * const *) self->modes, TRUE);
    }
  adw_combo_row_set_selected (self->mode_row, kling_choices_index_of ((const char * const *) self->modes, mode));

  if (self->durations == NULL || !g_strv_equal ((const char * const *) self->durations,
                                                (const char * const *) durations))
    {
      g_strfreev (self->durations);
      self->durations = g_steal_pointer (&durations);
      replace_list (self->duration_list, (const char * const *) self->durations, FALSE);
    }
  adw_combo_row_set_selected (self->duration_row,
                              kling_choices_index_of ((const char * const *) self->durations,
                                                      kling_request_get_duration (self->request)));
  self->updating--;
}

/* What follows from the model without being a choice: guidance shown or
 * explained. */
void
kling_params_panel_model_refresh (KlingParamsPanel *self)
{
  const char *model = kling_request_get_model (self->request);
  gboolean cfg = kling_capabilities_supports_cfg_scale (model);

  gtk_widget_set_visible (GTK_WIDGET (self->cfg_row), cfg);
  gtk_widget_set_visible (GTK_WIDGET (self->cfg_unsupported_row), !cfg);
  refresh_sound (self, model);
  refresh_cost (self, model);
  if (!cfg)
    {
      g_autofree char *text = g_strdup_printf (_("%s sets guidance itself"),
                                               kling_capabilities_get_display_name (model));

      adw_action_row_set_subtitle (self->cfg_unsupported_row, text);
    }
}

static void
combination_changed (KlingParamsPanel *self,
                     KlingFeature      wanted)
{
  g_autofree char *note = normalize_combination (self->request, wanted);

  set_note (self, note);
  apply_cfg (self);
  apply_sound (self);
  load_combination (self);
  kling_params_panel_refresh (self);
  kling_params_panel_emit_changed (self);
}

/**
 * kling_params_panel_choose_combination:
 *
 * Sets model, mode and duration at once, as one user change (the motion
 * brush fix uses it).
 */
void
kling_params_panel_choose_combination (KlingParamsPanel *self,
                                       const char       *model,
                                       const char       *mode,
                                       const char       *duration)
{
  kling_request_set_model (self->request, model);
  kling_request_set_mode (self->request, mode);
  kling_request_set_duration (self->request, duration);
  combination_changed (self, 0);
}

static void
on_model_selected (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   KlingParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->request == NULL || selected >= g_strv_length (self->models))
    return;
  kling_request_set_model (self->request, self->models[selected]);
  /* a new model moves to where what is set up still works */
  combination_changed (self, kling_params_panel_controls_in_use (self));
}

static void
on_mode_selected (AdwComboRow      *row,
                  GParamSpec       *pspec,
                  KlingParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->request == NULL || selected >= g_strv_length (self->modes))
    return;
  kling_request_set_mode (self->request, self->modes[selected]);
  combination_changed (self, 0);
}

static void
on_duration_selected (AdwComboRow      *row,
                      GParamSpec       *pspec,
                      KlingParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->request == NULL || selected >= g_strv_length (self->durations))
    return;
  kling_request_set_duration (self->request, self->durations[selected]);
  combination_changed (self, 0);
}

static void
on_cfg_enabled (AdwExpanderRow   *row,
                GParamSpec       *pspec,
                KlingParamsPanel *self)
{
  if (self->updating > 0 || self->request == NULL)
    return;
  apply_cfg (self);
  kling_params_panel_emit_changed (self);
}

static void
on_cfg_value_changed (GtkRange         *range,
                      KlingParamsPanel *self)
{
  if (self->updating > 0 || self->request == NULL ||
      !adw_expander_row_get_enable_expansion (self->cfg_row))
    return;
  apply_cfg (self);
  kling_params_panel_emit_changed (self);
}

static void
on_sound_toggled (GtkSwitch        *toggle,
                  GParamSpec       *pspec,
                  KlingParamsPanel *self)
{
  if (self->updating > 0 || self->request == NULL)
    return;
  apply_sound (self);
  kling_params_panel_controls_refresh (self);
  kling_params_panel_emit_changed (self);
}

static void
on_aspect_selected (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    KlingParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->request == NULL)
    return;
  kling_request_set_aspect_ratio (self->request,
                                  selected >= 1 && selected <= G_N_ELEMENTS (aspect_ratios)
                                  ? aspect_ratios[selected - 1] : NULL);
  kling_params_panel_emit_changed (self);
}

/* Loading */

static void
load_aspect_ratio (KlingParamsPanel *self)
{
  const char *ratio = kling_request_get_aspect_ratio (self->request);
  guint position = 0;

  if (ratio != NULL)
    {
      position = GTK_INVALID_LIST_POSITION;
      for (guint i = 0; i < G_N_ELEMENTS (aspect_ratios); i++)
        if (g_str_equal (aspect_ratios[i], ratio))
          position = i + 1;
    }
  adw_combo_row_set_selected (self->aspect_row, position);
}

/* For the main file */

/* Shows the request's model, mode, duration, guidance and aspect ratio.
 * A draft may come from an older table or another tool: what the model
 * cannot take is replaced (and the note says so) or, for guidance, unset. */
void
kling_params_panel_model_load (KlingParamsPanel *self)
{
  g_autofree char *note = NULL;
  double cfg_scale;
  gboolean has_cfg;

  if (self->request == NULL)
    {
      set_note (self, NULL);
      return;
    }

  self->updating++;
  note = normalize_combination (self->request, 0);
  set_note (self, note);
  load_combination (self);

  has_cfg = kling_request_get_cfg_scale (self->request, &cfg_scale);
  gtk_range_set_value (self->cfg_scale, cfg_scale);
  adw_expander_row_set_enable_expansion (self->cfg_row, has_cfg);
  adw_expander_row_set_expanded (self->cfg_row, has_cfg);
  if (!kling_capabilities_supports_cfg_scale (kling_request_get_model (self->request)))
    kling_request_unset_cfg_scale (self->request);

  gtk_switch_set_active (self->sound_switch, g_strcmp0 (kling_request_get_sound (self->request), "on") == 0);
  load_aspect_ratio (self);
  self->updating--;
}

void
kling_params_panel_model_init (KlingParamsPanel *self)
{
  g_autoptr(GtkStringList) aspect_list = gtk_string_list_new (NULL);

  kling_params_panel_model_list_init (self);

  self->mode_list = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (self->mode_list));
  self->duration_list = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->duration_row, G_LIST_MODEL (self->duration_list));

  gtk_string_list_append (aspect_list, _("From image"));
  for (guint i = 0; i < G_N_ELEMENTS (aspect_ratios); i++)
    gtk_string_list_append (aspect_list, aspect_ratios[i]);
  adw_combo_row_set_model (self->aspect_row, G_LIST_MODEL (aspect_list));
}

void
kling_params_panel_model_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, model_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, mode_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, duration_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, cfg_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, cfg_scale);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, cfg_unsupported_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, aspect_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, model_note);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, sound_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, sound_switch);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, cost_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sound_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_model_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_cfg_enabled);
  gtk_widget_class_bind_template_callback (widget_class, on_cfg_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_aspect_selected);
}
