/* kling-preferences-window-connection.c — "Test connection"
 *
 * The test builds a client from what is entered (not from what is stored)
 * and asks for one task of the list, with one quick try. Changing what is
 * entered cancels a running test and clears the result shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-preferences-window-private.h"

/* ---- Test connection ---------------------------------------------------- */

static void
show_test_result (KlingPreferencesWindow *self,
                  const char             *icon_name,
                  const char             *style,
                  const char             *text)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
  gtk_image_set_from_icon_name (self->test_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), style);
  adw_action_row_set_subtitle (self->test_row, text);
}

/* What is entered changed: an earlier result no longer says anything. */
void
kling_preferences_window_reset_test_result (KlingPreferencesWindow *self)
{
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  show_test_result (self, "network-transmit-receive-symbolic", NULL,
                    _("Asks the server for its newest task with what is entered above"));
}

static char *
endpoint_host (KlingClient *client)
{
  g_autoptr(GUri) uri = g_uri_parse (kling_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (kling_client_get_base_url (client));
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KlingPreferencesWindow) self = user_data;
  KlingClient *client = KLING_CLIENT (source);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;

  tasks = kling_client_list_tasks_finish (client, result, &error);
  /* Cancelled: a newer test runs, or the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;

  if (error != NULL)
    {
      show_test_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }
  host = endpoint_host (client);
  text = g_strdup_printf (_("Connected to %s"), host);
  show_test_result (self, "emblem-ok-symbolic", "success", text);
}

static KlingClient *
client_from_rows (KlingPreferencesWindow  *self,
                  GError                 **error)
{
  g_autofree char *custom = NULL;
  KlingOfficialHost host;
  KlingClient *client;
  const char *base;

  if (kling_credentials_environment_overrides (NULL))
    return kling_client_new_from_environment (error);

  custom = g_strstrip (g_strdup (kling_preferences_row_text (self->base_url_row)));
  host = (KlingOfficialHost) g_settings_get_enum (self->settings, "official-host");
  base = kling_credentials_base_url_for_host (self->provider, host, custom);
  if (*base == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("Enter the custom server’s base URL first"));
      return NULL;
    }
  if (kling_preferences_window_uses_token (self))
    return kling_client_new_bearer (base, kling_preferences_row_text (self->token_row), error);
  client = kling_client_new_official (base, kling_preferences_row_text (self->access_key_row),
                                      kling_preferences_row_text (self->secret_key_row), error);
  /* Keys of the other site are the likely reason for a refusal: say so. */
  if (client != NULL)
    kling_credentials_mark_official_host (client, self->provider, host);
  return client;
}

static void
test_clicked_cb (GtkButton              *button,
                 KlingPreferencesWindow *self)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;

  kling_preferences_window_reset_test_result (self);
  client = client_from_rows (self, &error);
  if (client == NULL)
    {
      show_test_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  /* One quick try: the user is waiting for an answer, not for retries. */
  kling_client_set_retry_policy (client, 500, 1);
  self->test_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  kling_client_list_tasks_async (client, 1, 1, self->test_cancellable, test_done_cb, g_object_ref (self));
}

void
kling_preferences_window_connection_init (KlingPreferencesWindow *self)
{
  g_signal_connect (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
}
