/* kling-preferences-window-api.c — where requests go: provider and base URL
 *
 * The provider, the official API's server (saved in GSettings at once), a
 * custom server's base URL (checked as it is typed, saved
 * in GSettings when applied or when the window closes) and which kind of
 * credentials the rows ask for. Environment variables that override them
 * are shown as such, and the rows they replace are insensitive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-choices.h"
#include "kling-preferences-window-private.h"

/* ---- What is shown ------------------------------------------------------ */

/* Where requests go: the saved base URL, not what is being typed (a URL
 * that is refused is not where anything goes). */
static void
update_provider_subtitle (KlingPreferencesWindow *self)
{
  g_autofree char *custom = g_settings_get_string (self->settings, "custom-base-url");
  KlingOfficialHost host = (KlingOfficialHost) g_settings_get_enum (self->settings, "official-host");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row),
                               kling_credentials_base_url_for_host (self->provider, host, custom));
}

void
kling_preferences_window_update_visibility (KlingPreferencesWindow *self)
{
  gboolean custom = self->provider == KLING_PROVIDER_CUSTOM;
  gboolean token = kling_preferences_window_uses_token (self);
  gboolean environment_base = kling_credentials_environment_base_url () != NULL;

  /* KLING_API_BASE decides the URL: neither row would change anything. */
  gtk_widget_set_visible (GTK_WIDGET (self->official_host_row),
                          self->provider == KLING_PROVIDER_OFFICIAL && !environment_base);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), custom && !environment_base);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error),
                          gtk_widget_get_visible (GTK_WIDGET (self->base_url_row)) &&
                          gtk_widget_has_css_class (GTK_WIDGET (self->base_url_row), "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->auth_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);
  gtk_widget_set_visible (GTK_WIDGET (self->access_key_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_key_row), !token);
  update_provider_subtitle (self);
}

/* Environment variables win over everything here (design.md §4): say so,
 * and make the rows they replace insensitive. */
static void
apply_environment (KlingPreferencesWindow *self)
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
validate_base_url (KlingPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (kling_preferences_row_text (self->base_url_row)));
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
save_base_url (KlingPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (kling_preferences_row_text (self->base_url_row)));
  g_autoptr(GError) error = NULL;

  self->base_url_dirty = FALSE;
  if (*text != '\0' && !kling_base_url_check (text, &error))
    {
      g_autofree char *message = NULL;

      /* The row already says what is wrong, under it. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->base_url_error)))
        return;
      message = g_strdup_printf (_("The base URL was not saved: %s"), error->message);
      kling_preferences_window_toast (self, message);
      return;
    }
  g_settings_set_string (self->settings, "custom-base-url", text);
  update_provider_subtitle (self);
  kling_preferences_window_emit_credentials_changed (self);
}

/* Stores what was typed and not yet applied. */
void
kling_preferences_window_save_pending (KlingPreferencesWindow *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->dirty[kind] &&
        gtk_widget_get_visible (GTK_WIDGET (kling_preferences_row_for_kind (self, kind))))
      kling_preferences_window_store_secret (self, kind);
  if (self->base_url_dirty)
    save_base_url (self);
}

static void
base_url_changed_cb (GtkEditable            *editable,
                     KlingPreferencesWindow *self)
{
  validate_base_url (self);
  if (self->loading > 0)
    return;
  self->base_url_dirty = TRUE;
  kling_preferences_window_reset_test_result (self);
}

static void
base_url_applied_cb (AdwEntryRow            *row,
                     KlingPreferencesWindow *self)
{
  save_base_url (self);
}

static void
provider_selected_cb (AdwComboRow            *row,
                      GParamSpec             *pspec,
                      KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;

  /* What was typed belongs to the provider it was typed for. */
  kling_preferences_window_save_pending (self);
  self->provider = (KlingProvider) adw_combo_row_get_selected (row);
  g_settings_set_enum (self->settings, "provider", self->provider);
  kling_preferences_window_update_visibility (self);
  kling_preferences_window_load_secrets (self);
  kling_preferences_window_reset_test_result (self);
  kling_preferences_window_emit_credentials_changed (self);
}

/* The keys stay one pair: they are the same wherever they are sent. */
static void
official_host_selected_cb (AdwComboRow            *row,
                           GParamSpec             *pspec,
                           KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;

  g_settings_set_enum (self->settings, "official-host", (int) adw_combo_row_get_selected (row));
  update_provider_subtitle (self);
  kling_preferences_window_reset_test_result (self);
  kling_preferences_window_emit_credentials_changed (self);
}

static void
auth_selected_cb (AdwComboRow            *row,
                  GParamSpec             *pspec,
                  KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;
  kling_preferences_window_update_visibility (self);
  kling_preferences_window_reset_test_result (self);
}

void
kling_preferences_window_api_page_load (KlingPreferencesWindow *self)
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
  kling_preferences_window_update_visibility (self);
  validate_base_url (self);
  kling_preferences_window_load_secrets (self);
}

void
kling_preferences_window_focus_credentials (KlingPreferencesWindow *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->credentials_group)))
    gtk_widget_grab_focus (GTK_WIDGET (kling_preferences_window_uses_token (self)
                                       ? self->token_row : self->access_key_row));
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
official_host_row_init (KlingPreferencesWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (site_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (site_item_bind_cb), self->official_host_row);
  g_signal_connect (factory, "unbind", G_CALLBACK (site_item_unbind_cb), self->official_host_row);
  adw_combo_row_set_list_factory (self->official_host_row, factory);
}

void
kling_preferences_window_api_page_init (KlingPreferencesWindow *self)
{
  official_host_row_init (self);
  g_signal_connect (self->provider_row, "notify::selected", G_CALLBACK (provider_selected_cb), self);
  g_signal_connect (self->official_host_row, "notify::selected", G_CALLBACK (official_host_selected_cb), self);
  g_signal_connect (self->auth_row, "notify::selected", G_CALLBACK (auth_selected_cb), self);
  g_signal_connect (self->base_url_row, "changed", G_CALLBACK (base_url_changed_cb), self);
  g_signal_connect (self->base_url_row, "apply", G_CALLBACK (base_url_applied_cb), self);
  kling_preferences_window_keyring_init (self);
  kling_preferences_window_connection_init (self);
}
