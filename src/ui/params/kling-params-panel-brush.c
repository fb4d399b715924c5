/* kling-params-panel-brush.c — painted regions the chosen model cannot use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The problem is said at the top of the panel, where it is seen, with a
 * one-click fix: the nearest combination that takes the motion brush (the
 * same model when it can, else Kling v1 Pro). The paint is never thrown
 * away.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-params-panel-private.h"

/* Where motion brush works for sure, when the chosen model has no
 * combination that takes it. */
#define FIX_MODEL "kling-v1"
#define FIX_MODE "pro"
#define FIX_DURATION "5"

/* The nearest combination taking the motion brush: the same model when it
 * can (current mode first), else Kling v1 pro 5 s. */
static void
find_motion_brush_fix (KlingParamsPanel  *self,
                       char             **out_model,
                       char             **out_mode,
                       char             **out_duration)
{
  const char *model = kling_request_get_model (self->request);
  const char *current = kling_request_get_mode (self->request);
  g_auto(GStrv) modes = kling_capabilities_get_modes (model);

  for (guint pass = 0; pass < 2; pass++)
    for (guint m = 0; modes[m] != NULL; m++)
      {
        g_auto(GStrv) durations = NULL;

        if ((pass == 0) != g_str_equal (modes[m], current))
          continue;
        durations = kling_capabilities_get_durations (model, modes[m]);
        for (guint d = 0; durations[d] != NULL; d++)
          if (kling_capabilities_supports_motion_brush (model, modes[m], durations[d]))
            {
              *out_model = g_strdup (model);
              *out_mode = g_strdup (modes[m]);
              *out_duration = g_strdup (durations[d]);
              return;
            }
      }
  *out_model = g_strdup (FIX_MODEL);
  *out_mode = g_strdup (FIX_MODE);
  *out_duration = g_strdup (FIX_DURATION);
}

/* "Use Kling v1 Pro", with the seconds when they change too */
static char *
describe_fix (KlingParamsPanel *self,
              const char       *model,
              const char       *mode,
              const char       *duration)
{
  const char *name = kling_capabilities_get_display_name (model);
  const char *mode_name = g_str_equal (mode, "pro") ? _("Pro") : _("Standard");

  if (g_strcmp0 (duration, kling_request_get_duration (self->request)) == 0)
    return g_strdup_printf (_("Use %s %s"), name, mode_name);
  return g_strdup_printf (_("Use %s %s, %s s"), name, mode_name, duration);
}

/**
 * kling_params_panel_brush_refresh:
 * @combination: the current model, mode and duration as the user reads them
 *
 * Says whether the painted regions can be used, and offers the fix where
 * they cannot.
 */
void
kling_params_panel_brush_refresh (KlingParamsPanel *self,
                                  const char       *combination)
{
  gboolean supported = kling_capabilities_supports_motion_brush (kling_request_get_model (self->request),
                                                                 kling_request_get_mode (self->request),
                                                                 kling_request_get_duration (self->request));
  g_autofree char *subtitle = NULL;

  if (self->uses_motion_brush && supported)
    subtitle = g_strdup (_("In use: the painted regions decide what moves and what stays still"));
  else if (self->uses_motion_brush)
    subtitle = g_strdup_printf (_("Painted, but %s cannot use it"), combination);
  else if (supported)
    subtitle = g_strdup (_("Paint regions on the image to use it"));
  else
    subtitle = g_strdup_printf (_("Not available with %s"), combination);
  adw_action_row_set_subtitle (self->motion_brush_row, subtitle);

  gtk_widget_set_visible (self->motion_brush_warning, self->uses_motion_brush && !supported);
  if (self->uses_motion_brush && !supported)
    {
      g_autofree char *where = kling_capabilities_describe_feature (KLING_FEATURE_MOTION_BRUSH);
      g_autofree char *warning = g_strdup_printf (_("%s cannot use the motion brush you painted. "
                                                    "Motion brush works only with %s."),
                                                  combination, where);
      g_autofree char *model = NULL;
      g_autofree char *mode = NULL;
      g_autofree char *duration = NULL;
      g_autofree char *button = NULL;

      find_motion_brush_fix (self, &model, &mode, &duration);
      button = describe_fix (self, model, mode, duration);
      gtk_label_set_text (self->motion_brush_warning_label, warning);
      gtk_label_set_text (self->motion_brush_fix_label, button);
    }
}

static gboolean
apply_fix (gpointer data)
{
  KlingParamsPanel *self = data;
  g_autofree char *model = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *duration = NULL;

  if (self->request == NULL)
    return G_SOURCE_REMOVE;
  find_motion_brush_fix (self, &model, &mode, &duration);
  kling_params_panel_choose_combination (self, model, mode, duration);
  /* the button goes with the problem: the focus goes to what changed */
  kling_params_panel_show_widget (self, GTK_WIDGET (self->model_row));
  return G_SOURCE_REMOVE;
}

/* From an idle: the fix hides the button, which must not happen while its
 * own click is still being handled (GTK then loses count of its pressed
 * state). */
static void
on_motion_brush_fix_clicked (GtkButton        *button,
                             KlingParamsPanel *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_fix, g_object_ref (self), g_object_unref);
}

void
kling_params_panel_brush_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, motion_brush_warning);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, motion_brush_warning_label);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, motion_brush_fix_button);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, motion_brush_fix_label);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, motion_brush_row);
  gtk_widget_class_bind_template_callback (widget_class, on_motion_brush_fix_clicked);
}
