/* kling-preferences-window.c — provider, credentials and generation defaults
 *
 * An AdwPreferencesWindow that assembles its pages: "API"
 * (KlingPrefsApiPage: where requests go, the token or keys in the keyring,
 * "Test Connection") and "Generation" (KlingPrefsGenerationPage: the
 * defaults of new compositions and the download folder, in GSettings).
 * What is typed and not yet applied is saved when the window closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-preferences-window.h"
#include "kling-prefs-api-page.h"
#include "kling-prefs-generation-page.h"

struct _KlingPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  KlingPrefsApiPage    *api_page;
};

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

static void
credentials_changed_cb (KlingPreferencesWindow *self)
{
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

/* ---- The object --------------------------------------------------------- */

static gboolean
kling_preferences_window_close_request (GtkWindow *window)
{
  kling_prefs_api_page_save_pending (KLING_PREFERENCES_WINDOW (window)->api_page);
  return GTK_WINDOW_CLASS (kling_preferences_window_parent_class)->close_request (window);
}

static void
kling_preferences_window_constructed (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kling_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  self->api_page = KLING_PREFS_API_PAGE (kling_prefs_api_page_new (self->settings));
  g_signal_connect_object (self->api_page, "credentials-changed", G_CALLBACK (credentials_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->api_page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kling_prefs_generation_page_new (self->settings)));
}

static void
kling_preferences_window_finalize (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

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
}

static void
kling_preferences_window_init (KlingPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->api_page));
  kling_prefs_api_page_welcome (self->api_page);
}
