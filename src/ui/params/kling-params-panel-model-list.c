/* kling-params-panel-model-list.c — the model choice: what each model takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each model in the drop-down says what it can take (motion brush, end
 * frame, camera, sound), from the capabilities table, so that the artist
 * chooses knowing. Retired models are listed only behind "Show retired
 * models", or while the request uses one: a draft is never changed behind
 * the artist's back because its model was retired.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-params-panel-private.h"

#define CAPTION_MAX_CHARS 36

/* "Retired 2026-09-15 · End frame", "Motion brush · End frame" */
static char *
describe_marks (const char *model)
{
  guint features = kling_capabilities_get_model_features (model);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (kling_capabilities_is_retired (model))
    g_ptr_array_add (parts, g_strdup_printf (_("Retired %s"), kling_capabilities_get_end_of_life (model)));
  if (features & KLING_FEATURE_MOTION_BRUSH)
    g_ptr_array_add (parts, g_strdup (_("Motion brush")));
  if (features & KLING_FEATURE_END_FRAME)
    g_ptr_array_add (parts, g_strdup (_("End frame")));
  if (features & KLING_FEATURE_CAMERA_CONTROL)
    g_ptr_array_add (parts, g_strdup (_("Camera")));
  if (features & KLING_FEATURE_SOUND)
    g_ptr_array_add (parts, g_strdup (_("Sound")));
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (_("No motion brush, end frame or camera")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
setup_model_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  KlingParamsPanel         *self)
{
  gtk_list_item_set_child (item, kling_choices_item_new (CAPTION_MAX_CHARS));
}

static void
bind_model_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KlingParamsPanel         *self)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  guint position = gtk_list_item_get_position (item);
  const char *model = position < g_strv_length (self->models) ? self->models[position] : NULL;
  g_autofree char *marks = model != NULL ? describe_marks (model) : NULL;

  kling_choices_item_set_name (child, gtk_string_object_get_string (gtk_list_item_get_item (item)));
  kling_choices_item_set_caption (child, marks);
  kling_choices_item_set_checked (child, self->request != NULL &&
                                         g_strcmp0 (kling_request_get_model (self->request), model) == 0);
}

/**
 * kling_params_panel_model_list_load:
 *
 * Lists the models to choose from (retired ones when shown or in use) and
 * selects the request's.
 */
void
kling_params_panel_model_list_load (KlingParamsPanel *self)
{
  const char *current = self->request != NULL ? kling_request_get_model (self->request) : NULL;
  gboolean show_retired = gtk_switch_get_active (self->retired_switch);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) models = NULL;

  for (const char * const *m = kling_capabilities_get_models (); *m != NULL; m++)
    if (show_retired || !kling_capabilities_is_retired (*m) || g_strcmp0 (*m, current) == 0)
      g_strv_builder_add (builder, *m);
  models = g_strv_builder_end (builder);

  self->updating++;
  if (self->models == NULL || !g_strv_equal ((const char * const *) self->models,
                                             (const char * const *) models))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; models[i] != NULL; i++)
        g_ptr_array_add (names, (gpointer) kling_capabilities_get_display_name (models[i]));
      g_ptr_array_add (names, NULL);
      g_strfreev (self->models);
      self->models = g_steal_pointer (&models);
      gtk_string_list_splice (self->model_list, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->model_list)),
                              (const char * const *) names->pdata);
    }
  adw_combo_row_set_selected (self->model_row,
                              kling_choices_index_of ((const char * const *) self->models, current));
  self->updating--;
}

static void
on_retired_toggled (GtkSwitch        *toggle,
                    GParamSpec       *pspec,
                    KlingParamsPanel *self)
{
  kling_params_panel_model_list_load (self);
}

void
kling_params_panel_model_list_init (KlingParamsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->model_list = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_model_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_model_item), self);
  adw_combo_row_set_list_factory (self->model_row, factory);
  adw_combo_row_set_model (self->model_row, G_LIST_MODEL (self->model_list));
  kling_params_panel_model_list_load (self);
}

void
kling_params_panel_model_list_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, retired_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, retired_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_retired_toggled);
}
