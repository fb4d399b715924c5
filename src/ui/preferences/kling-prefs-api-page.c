/* kling-prefs-api-page.c — the "API" page: where requests go, and the credentials
 *
 * The provider, the official API's server (saved in GSettings at once), a
 * custom server's base URL (checked as it is typed, saved in GSettings when
 * applied or when the window closes); the token or keys
 * (KlingPrefsCredentialsGroup, in the keyring); and "Test Connection"
 * (KlingPrefsTestRow), which gets a client made from what is entered, not
 * from what is stored. Environment variables that override them are shown
 * as such, and the rows they replace are insensitive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-choices.h"
#include "kling-credentials.h"
#include "kling-error.h"
#include "kling-fal.h"
#include "kling-prefs-api-page.h"
#include "kling-prefs-credentials-group.h"
#include "kling-prefs-test-row.h"
#include "kling-toast.h"

struct _KlingPrefsApiPage
{
  AdwPreferencesPage          parent_instance;

  GSettings                  *settings;
  KlingProvider               provider;
  guint                       loading;         /* > 0 while code, not the user, fills rows */
  gboolean                    base_url_dirty;  /* typed but not yet saved */

  /* template children */
  AdwPreferencesGroup        *welcome_group;
  AdwPreferencesGroup        *environment_group;
  AdwActionRow               *environment_row;
  AdwActionRow               *environment_base_row;
  AdwPreferencesGroup        *provider_group;
  AdwComboRow                *provider_row;
  AdwComboRow                *official_host_row;
  AdwEntryRow                *base_url_row;
  GtkLabel                   *base_url_error;
  KlingPrefsCredentialsGroup *credentials_group;
  KlingPrefsTestRow          *test_row;
};

G_DEFINE_FINAL_TYPE (KlingPrefsApiPage, kling_prefs_api_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CREDENTIALS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_credentials_changed (KlingPrefsApiPage *self)
{
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

static char *
base_url_text (KlingPrefsApiPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
}

/* ---- What is shown ------------------------------------------------------ */

/* Where requests go: the saved base URL, not what is being typed (a URL
 * that is refused is not where anything goes). */
static void
update_provider_subtitle (KlingPrefsApiPage *self)
{
  g_autofree char *custom = g_settings_get_string (self->settings, "custom-base-url");
  KlingOfficialHost host = (KlingOfficialHost) g_settings_get_enum (self->settings, "official-host");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row),
                               kling_credentials_base_url_for_host (self->provider, host, custom));
}

static void
update_visibility (KlingPrefsApiPage *self)
{
  gboolean custom = self->provider == KLING_PROVIDER_CUSTOM;
  gboolean environment_base = kling_credentials_environment_base_url () != NULL;

  /* KLING_API_BASE decides the URL: neither row would change anything. */
  gtk_widget_set_visible (GTK_WIDGET (self->official_host_row),
                          self->provider == KLING_PROVIDER_OFFICIAL && !environment_base);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), custom && !environment_base);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error),
                          gtk_widget_get_visible (GTK_WIDGET (self->base_url_row)) &&
                          gtk_widget_has_css_class (GTK_WIDGET (self->base_url_row), "error"));
  update_provider_subtitle (self);
}

/* Environment variables win over everything here (design.md §4): say so,
 * and make the rows they replace insensitive. */
static void
apply_environment (KlingPrefsApiPage *self)
{
  const char *which = NULL;
  const char *base = kling_credentials_environment_base_url ();
  gboolean overrides = kling_credentials_environment_overrides (&which);

  if (overrides)
    {
      g_autofree char *title = g_strdup_printf (strchr (which, '+') != NULL
                                                ? _("Set by the environment variables %s")
                                                : _("Set by the environment variable %s"),
                                                which);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->environment_row), title);
    }
  if (base != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->environment_base_row),
                                     _("Base URL set by the environment variable KLING_API_BASE"));
      adw_action_row_set_subtitle (self->environment_base_row, base);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->environment_row), overrides);
  gtk_widget_set_visible (GTK_WIDGET (self->environment_base_row), base != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->environment_group), overrides || base != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_group), !overrides);
  gtk_widget_set_sensitive (GTK_WIDGET (self->credentials_group), !overrides);
}

static void
validate_base_url (KlingPrefsApiPage *self)
{
  g_autofree char *text = base_url_text (self);
  g_autoptr(GError) error = NULL;
  gboolean bad = *text != '\0' && !kling_base_url_check (text, &error);

  if (bad)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
      gtk_label_set_text (self->base_url_error, error->message);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error),
                          bad && gtk_widget_get_visible (GTK_WIDGET (self->base_url_row)));
}

/* ---- Provider and base URL ---------------------------------------------- */

static void
save_base_url (KlingPrefsApiPage *self)
{
  g_autofree char *text = base_url_text (self);
  g_autoptr(GError) error = NULL;

  self->base_url_dirty = FALSE;
  if (*text != '\0' && !kling_base_url_check (text, &error))
    {
      g_autofree char *message = NULL;

      /* The row already says what is wrong, under it. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->base_url_error)))
        return;
      message = g_strdup_printf (_("The base URL was not saved: %s"), error->message);
      kling_toast_show (GTK_WIDGET (self), message);
      return;
    }
  g_settings_set_string (self->settings, "custom-base-url", text);
  update_provider_subtitle (self);
  emit_credentials_changed (self);
}

static void
base_url_changed_cb (KlingPrefsApiPage *self)
{
  validate_base_url (self);
  if (self->loading > 0)
    return;
  self->base_url_dirty = TRUE;
  kling_prefs_test_row_reset (self->test_row);
}

static void
provider_selected_cb (KlingPrefsApiPage *self)
{
  if (self->loading > 0)
    return;

  /* What was typed belongs to the provider it was typed for. */
  kling_prefs_api_page_save_pending (self);
  self->provider = (KlingProvider) adw_combo_row_get_selected (self->provider_row);
  g_settings_set_enum (self->settings, "provider", self->provider);
  update_visibility (self);
  kling_prefs_credentials_group_set_provider (self->credentials_group, self->provider);
  kling_prefs_test_row_reset (self->test_row);
  emit_credentials_changed (self);
}

/* The keys stay one pair: they are the same wherever they are sent. */
static void
official_host_selected_cb (KlingPrefsApiPage *self)
{
  if (self->loading > 0)
    return;

  g_settings_set_enum (self->settings, "official-host", (int) adw_combo_row_get_selected (self->official_host_row));
  update_provider_subtitle (self);
  kling_prefs_test_row_reset (self->test_row);
  emit_credentials_changed (self);
}

static void
load (KlingPrefsApiPage *self)
{
  g_autofree char *custom = g_settings_get_string (self->settings, "custom-base-url");

  self->provider = (KlingProvider) g_settings_get_enum (self->settings, "provider");
  self->loading++;
  adw_combo_row_set_selected (self->provider_row, self->provider);
  adw_combo_row_set_selected (self->official_host_row,
                              (guint) g_settings_get_enum (self->settings, "official-host"));
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), custom);
  self->loading--;

  apply_environment (self);
  update_visibility (self);
  validate_base_url (self);
  kling_prefs_credentials_group_set_provider (self->credentials_group, self->provider);
}

/* ---- Test Connection ------------------------------------------------------ */

static KlingClient *
client_from_rows (KlingPrefsApiPage  *self,
                  GError            **error)
{
  KlingPrefsCredentialsGroup *credentials = self->credentials_group;
  g_autofree char *custom = NULL;
  KlingOfficialHost host;
  KlingClient *client;
  const char *base;

  if (self->provider == KLING_PROVIDER_FAL)
    return kling_client_new_fal (NULL, kling_fal_environment_key () != NULL ? kling_fal_environment_key ()
                                 : kling_prefs_credentials_group_get_entered (credentials, KLING_CREDENTIAL_TOKEN),
                                 error);
  if (kling_credentials_environment_overrides (NULL))
    return kling_client_new_from_environment (error);

  custom = base_url_text (self);
  host = (KlingOfficialHost) g_settings_get_enum (self->settings, "official-host");
  base = kling_credentials_base_url_for_host (self->provider, host, custom);
  if (*base == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("Enter the custom server’s base URL first"));
      return NULL;
    }
  if (kling_prefs_credentials_group_uses_token (credentials))
    return kling_client_new_bearer (base, kling_prefs_credentials_group_get_entered (credentials, KLING_CREDENTIAL_TOKEN),
                                    error);
  client = kling_client_new_official (base,
                                      kling_prefs_credentials_group_get_entered (credentials, KLING_CREDENTIAL_ACCESS_KEY),
                                      kling_prefs_credentials_group_get_entered (credentials, KLING_CREDENTIAL_SECRET_KEY),
                                      error);
  /* Keys of the other site are the likely reason for a refusal: say so. */
  if (client != NULL)
    kling_credentials_mark_official_host (client, self->provider, host);
  return client;
}

static void
test_started_cb (KlingPrefsApiPage *self)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = client_from_rows (self, &error);
  if (client == NULL)
    kling_prefs_test_row_fail (self->test_row, error->message);
  else
    kling_prefs_test_row_run (self->test_row, client);
}

/* ---- The official server's row -------------------------------------------- */

/* Which keys each server takes: the list says it under the server's name. */
static const char *
official_host_site (guint position)
{
  return position == KLING_OFFICIAL_HOST_BEIJING ? _("For keys from Kling’s mainland China site")
                                                 : _("For keys from Kling’s global site");
}

static void
site_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (item, kling_choices_item_new (44));
}

static void
site_item_update_check (AdwComboRow *row,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  kling_choices_item_set_checked (gtk_list_item_get_child (item),
                                  adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item));
}

static void
site_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AdwComboRow              *row)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  kling_choices_item_set_name (child, gtk_string_object_get_string (gtk_list_item_get_item (item)));
  kling_choices_item_set_caption (child, official_host_site (gtk_list_item_get_position (item)));
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (site_item_update_check), item);
  site_item_update_check (row, NULL, item);
}

static void
site_item_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, site_item_update_check, item);
}

/* The row shows the server's short name beside its subtitle; the list it
 * opens says which site's keys each server takes. */
static void
official_host_row_init (KlingPrefsApiPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (site_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (site_item_bind_cb), self->official_host_row);
  g_signal_connect (factory, "unbind", G_CALLBACK (site_item_unbind_cb), self->official_host_row);
  adw_combo_row_set_list_factory (self->official_host_row, factory);
}

/* ---- The object --------------------------------------------------------- */

static void
kling_prefs_api_page_dispose (GObject *object)
{
  KlingPrefsApiPage *self = KLING_PREFS_API_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_PREFS_API_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kling_prefs_api_page_parent_class)->dispose (object);
}

static void
kling_prefs_api_page_class_init (KlingPrefsApiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_prefs_api_page_dispose;

  /**
   * KlingPrefsApiPage::credentials-changed:
   *
   * The provider, the base URL or a stored secret changed (emitted once
   * the keyring has them, also after the window closed).
   */
  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KLING_TYPE_PREFS_CREDENTIALS_GROUP);
  g_type_ensure (KLING_TYPE_PREFS_TEST_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-prefs-api-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, welcome_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, environment_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, environment_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, environment_base_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, provider_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, official_host_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, base_url_error);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsApiPage, test_row);
}

static void
kling_prefs_api_page_init (KlingPrefsApiPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  official_host_row_init (self);
  g_signal_connect_swapped (self->provider_row, "notify::selected", G_CALLBACK (provider_selected_cb), self);
  g_signal_connect_swapped (self->official_host_row, "notify::selected", G_CALLBACK (official_host_selected_cb), self);
  g_signal_connect_swapped (self->base_url_row, "changed", G_CALLBACK (base_url_changed_cb), self);
  g_signal_connect_swapped (self->base_url_row, "apply", G_CALLBACK (save_base_url), self);
  g_signal_connect_swapped (self->credentials_group, "edited", G_CALLBACK (kling_prefs_test_row_reset), self->test_row);
  g_signal_connect_swapped (self->credentials_group, "credentials-changed", G_CALLBACK (emit_credentials_changed), self);
  g_signal_connect_swapped (self->test_row, "start", G_CALLBACK (test_started_cb), self);
}

/* ---- Public API --------------------------------------------------------- */

/**
 * kling_prefs_api_page_new:
 * @settings: the app's settings
 */
GtkWidget *
kling_prefs_api_page_new (GSettings *settings)
{
  KlingPrefsApiPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (KLING_TYPE_PREFS_API_PAGE, NULL);
  self->settings = g_object_ref (settings);
  load (self);
  return GTK_WIDGET (self);
}

/**
 * kling_prefs_api_page_save_pending:
 *
 * Saves what was typed and not yet applied: the secrets and the base URL.
 */
void
kling_prefs_api_page_save_pending (KlingPrefsApiPage *self)
{
  g_return_if_fail (KLING_IS_PREFS_API_PAGE (self));

  kling_prefs_credentials_group_save_pending (self->credentials_group);
  if (self->base_url_dirty)
    save_base_url (self);
}

/**
 * kling_prefs_api_page_welcome:
 *
 * For a first run without credentials: a word of welcome, and the focus in
 * the first credential field.
 */
void
kling_prefs_api_page_welcome (KlingPrefsApiPage *self)
{
  g_return_if_fail (KLING_IS_PREFS_API_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->welcome_group), TRUE);
  kling_prefs_credentials_group_focus (self->credentials_group);
}
