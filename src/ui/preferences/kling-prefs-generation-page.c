/* kling-prefs-generation-page.c — the "Generation" page: defaults and the download folder
 *
 * The defaults of new compositions, in GSettings: the combos offer only
 * what the capabilities table allows for the chosen model, and a setting
 * the model lacks becomes the first value it offers. Also the folder
 * "Save Video As…" starts in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-prefs-generation-page.h"

struct _KlingPrefsGenerationPage
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
  guint                 loading;      /* > 0 while code, not the user, fills rows */
  GStrv                 modes;        /* what mode_row and duration_row list */
  GStrv                 durations;

  /* template children */
  AdwComboRow          *model_row;
  GtkStringList        *model_list;
  AdwComboRow          *mode_row;
  GtkStringList        *mode_list;
  AdwComboRow          *duration_row;
  GtkStringList        *duration_list;
  AdwActionRow         *download_row;
  GtkButton            *download_button;
  GtkButton            *download_reset_button;
};

G_DEFINE_FINAL_TYPE (KlingPrefsGenerationPage, kling_prefs_generation_page, ADW_TYPE_PREFERENCES_PAGE)


/* ---- Generation defaults ------------------------------------------------ */

/* The position of @value in @values; the first when it is not there. */
static guint
index_of (const char * const *values,
          const char         *value)
{
  guint position = kling_choices_index_of (values, value);

  return position == GTK_INVALID_LIST_POSITION ? 0 : position;
}

/* Lists what @model (and mode) allow, selects the setting's value or, when
 * the model lacks it, the first allowed one, which then becomes the setting. */
static void
fill_choices (KlingPrefsGenerationPage *self,
              AdwComboRow            *row,
              GtkStringList          *list,
              GStrv                  *values,
              GStrv                   new_values,
              const char             *key)
{
  g_autofree char *current = g_settings_get_string (self->settings, key);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint position;

  g_strfreev (*values);
  *values = new_values;
  for (guint i = 0; new_values[i] != NULL; i++)
    g_ptr_array_add (labels, row == self->mode_row ? g_strdup (kling_choices_mode_label (new_values[i]))
                                                   : kling_choices_duration_label (new_values[i]));
  g_ptr_array_add (labels, NULL);

  position = index_of ((const char * const *) new_values, current);
  self->loading++;
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (row, position);
  self->loading--;
  if (new_values[0] != NULL && g_strcmp0 (new_values[position], current) != 0)
    g_settings_set_string (self->settings, key, new_values[position]);
}

static const char *
selected_model (KlingPrefsGenerationPage *self)
{
  return kling_capabilities_get_models ()[adw_combo_row_get_selected (self->model_row)];
}

static void
fill_durations (KlingPrefsGenerationPage *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "default-mode");

  fill_choices (self, self->duration_row, self->duration_list, &self->durations,
                kling_capabilities_get_durations (selected_model (self), mode), "default-duration");
}

static void
fill_modes (KlingPrefsGenerationPage *self)
{
  fill_choices (self, self->mode_row, self->mode_list, &self->modes,
                kling_capabilities_get_modes (selected_model (self)), "default-mode");
  fill_durations (self);
}

static void
model_selected_cb (AdwComboRow            *row,
                   GParamSpec             *pspec,
                   KlingPrefsGenerationPage *self)
{
  if (self->loading > 0)
    return;
  g_settings_set_string (self->settings, "default-model", selected_model (self));
  fill_modes (self);
}

static void
mode_selected_cb (AdwComboRow            *row,
                  GParamSpec             *pspec,
                  KlingPrefsGenerationPage *self)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->loading > 0 || position >= g_strv_length (self->modes))
    return;
  g_settings_set_string (self->settings, "default-mode", self->modes[position]);
  fill_durations (self);
}

static void
duration_selected_cb (AdwComboRow            *row,
                      GParamSpec             *pspec,
                      KlingPrefsGenerationPage *self)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->loading > 0 || position >= g_strv_length (self->durations))
    return;
  g_settings_set_string (self->settings, "default-duration", self->durations[position]);
}

static void
load_generation (KlingPrefsGenerationPage *self)
{
  const char * const *models = kling_capabilities_get_models ();
  g_autofree char *model = g_settings_get_string (self->settings, "default-model");

  self->loading++;
  for (guint i = 0; models[i] != NULL; i++)
    gtk_string_list_append (self->model_list, kling_capabilities_get_display_name (models[i]));
  adw_combo_row_set_selected (self->model_row, index_of (models, model));
  self->loading--;
  if (!kling_capabilities_has_model (model))
    g_settings_set_string (self->settings, "default-model", selected_model (self));
  fill_modes (self);
}

/* ---- Download folder ---------------------------------------------------- */

static void
download_folder_changed_cb (GSettings              *settings,
                            const char             *key,
                            KlingPrefsGenerationPage *self)
{
  g_autofree char *folder = g_settings_get_string (settings, "download-folder");
  g_autofree char *shown = NULL;

  if (*folder == '\0')
    {
      const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);
      g_autofree char *fallback = g_build_filename (g_get_home_dir (), "Videos", NULL);
      g_autofree char *name = g_filename_display_name (videos != NULL ? videos : fallback);

      shown = g_strdup_printf (_("The Videos folder (%s)"), name);
    }
  else
    shown = g_filename_display_name (folder);
  adw_action_row_set_subtitle (self->download_row, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->download_reset_button), *folder != '\0');
}

static void
chooser_response_cb (GtkNativeDialog        *dialog,
                     int                     response,
                     KlingPrefsGenerationPage *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (self->settings, "download-folder", path);
  g_clear_object (&self->chooser);
}

static void
download_clicked_cb (GtkButton              *button,
                     KlingPrefsGenerationPage *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "download-folder");
  GtkRoot *root;

  if (self->chooser != NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Folder for Saved Videos"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (*current != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
download_reset_clicked_cb (GtkButton              *button,
                           KlingPrefsGenerationPage *self)
{
  g_settings_set_string (self->settings, "download-folder", "");
}

/* ---- The object --------------------------------------------------------- */

static void
kling_prefs_generation_page_dispose (GObject *object)
{
  KlingPrefsGenerationPage *self = KLING_PREFS_GENERATION_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_PREFS_GENERATION_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kling_prefs_generation_page_parent_class)->dispose (object);
}

static void
kling_prefs_generation_page_finalize (GObject *object)
{
  KlingPrefsGenerationPage *self = KLING_PREFS_GENERATION_PAGE (object);

  g_strfreev (self->modes);
  g_strfreev (self->durations);

  G_OBJECT_CLASS (kling_prefs_generation_page_parent_class)->finalize (object);
}

static void
kling_prefs_generation_page_class_init (KlingPrefsGenerationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_prefs_generation_page_dispose;
  object_class->finalize = kling_prefs_generation_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-prefs-generation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, model_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, mode_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, mode_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, duration_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, duration_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, download_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, download_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsGenerationPage, download_reset_button);
}

static void
kling_prefs_generation_page_init (KlingPrefsGenerationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->model_row, "notify::selected", G_CALLBACK (model_selected_cb), self);
  g_signal_connect (self->mode_row, "notify::selected", G_CALLBACK (mode_selected_cb), self);
  g_signal_connect (self->duration_row, "notify::selected", G_CALLBACK (duration_selected_cb), self);
  g_signal_connect (self->download_button, "clicked", G_CALLBACK (download_clicked_cb), self);
  g_signal_connect (self->download_reset_button, "clicked", G_CALLBACK (download_reset_clicked_cb), self);
}

/**
 * kling_prefs_generation_page_new:
 * @settings: the app's settings
 *
 * The page, filled from @settings; it follows the download folder.
 */
GtkWidget *
kling_prefs_generation_page_new (GSettings *settings)
{
  KlingPrefsGenerationPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (KLING_TYPE_PREFS_GENERATION_PAGE, NULL);
  self->settings = g_object_ref (settings);
  load_generation (self);
  g_signal_connect_object (self->settings, "changed::download-folder",
                           G_CALLBACK (download_folder_changed_cb), self, 0);
  download_folder_changed_cb (self->settings, "download-folder", self);
  return GTK_WIDGET (self);
}
