/* kling-preferences-window.c — provider, credentials and generation defaults
 *
 * An AdwPreferencesWindow with two pages. Page "API" chooses where requests
 * go and holds the token or keys: the secrets go to the keyring
 * (kling-credentials.c) when a row is applied or the window closes, never to
 * GSettings, and environment variables that override them are shown as such.
 * "Test connection" builds a client from what is entered (not from what is
 * stored) and asks for one task of the list. Page "Generation" holds the
 * defaults of new compositions and the download folder, in GSettings.
 *
 * This file holds the window, the helpers its parts share and its public
 * API; the concerns live in kling-preferences-window-api.c (provider, base
 * URL, environment), kling-preferences-window-keyring.c (the secrets),
 * kling-preferences-window-connection.c ("Test connection") and
 * kling-preferences-window-generation.c (the "Generation" page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-preferences-window-private.h"

G_DEFINE_FINAL_TYPE (KlingPreferencesWindow, kling_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  CREDENTIALS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
kling_preferences_window_emit_credentials_changed (KlingPreferencesWindow *self)
{
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

/* ---- Small helpers ---------------------------------------------------- */

void
kling_preferences_window_set_row_text (KlingPreferencesWindow *self,
                                       AdwEntryRow            *row,
                                       const char             *text)
{
  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->loading--;
}

gboolean
kling_preferences_window_uses_token (KlingPreferencesWindow *self)
{
  if (self->provider == KLING_PROVIDER_CUSTOM)
    return adw_combo_row_get_selected (self->auth_row) == AUTH_BEARER;
  return self->provider == KLING_PROVIDER_PROXY;
}

void
kling_preferences_window_toast (KlingPreferencesWindow *self,
                                const char             *text)
{
  if (!self->disposed)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* ---- The object --------------------------------------------------------- */

static gboolean
kling_preferences_window_close_request (GtkWindow *window)
{
  kling_preferences_window_save_pending (KLING_PREFERENCES_WINDOW (window));
  return GTK_WINDOW_CLASS (kling_preferences_window_parent_class)->close_request (window);
}

static void
kling_preferences_window_constructed (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kling_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  kling_preferences_window_api_page_load (self);
  kling_preferences_window_generation_page_load (self);
}

static void
kling_preferences_window_dispose (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (kling_preferences_window_parent_class)->dispose (object);
}

static void
kling_preferences_window_finalize (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  kling_preferences_window_clear_store_queue (self);
  g_strfreev (self->modes);
  g_strfreev (self->durations);

  G_OBJECT_CLASS (kling_preferences_window_parent_class)->finalize (object);
}

static void
kling_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_preferences_window_class_init (KlingPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kling_preferences_window_constructed;
  object_class->dispose = kling_preferences_window_dispose;
  object_class->finalize = kling_preferences_window_finalize;
  object_class->set_property = kling_preferences_window_set_property;
  object_class->get_property = kling_preferences_window_get_property;
  window_class->close_request = kling_preferences_window_close_request;

  /**
   * KlingPreferencesWindow:settings:
   *
   * The app's settings (io.github.klingstudio.KlingStudio); %NULL at
   * construction makes the window open them itself.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlingPreferencesWindow::credentials-changed:
   *
   * The provider, the base URL or a stored secret changed (emitted once the
   * keyring has them, also after the window closed): time to rebuild the
   * client with kling_credentials_make_client_async().
   */
  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, api_page);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, welcome_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, environment_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, environment_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, environment_base_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, provider_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, provider_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, official_host_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, base_url_error);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, auth_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, secret_key_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, model_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, model_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, mode_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, duration_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, duration_list);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, download_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, download_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPreferencesWindow, download_reset_button);
}

static void
kling_preferences_window_init (KlingPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  kling_preferences_window_api_page_init (self);
  kling_preferences_window_generation_page_init (self);
}

/* ---- Public API --------------------------------------------------------- */

/**
 * kling_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the app's settings
 *
 * Returns: (transfer floating): the window, not yet shown
 */
GtkWidget *
kling_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  return g_object_new (KLING_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

/**
 * kling_preferences_window_show_credentials_page:
 *
 * For a first run without credentials: shows the API page with a word of
 * welcome and puts the focus in the first credential field.
 */
void
kling_preferences_window_show_credentials_page (KlingPreferencesWindow *self)
{
  g_return_if_fail (KLING_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->api_page);
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_group), TRUE);
  kling_preferences_window_focus_credentials (self);
}
