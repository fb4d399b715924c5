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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-error.h"
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

static void
emit_credentials_changed (KlingPreferencesWindow *self)
{
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

/* ---- Small helpers ---------------------------------------------------- */

static AdwEntryRow *
row_for_kind (KlingPreferencesWindow *self,
              KlingCredentialKind     kind)
{
  switch (kind)
    {
    case KLING_CREDENTIAL_ACCESS_KEY: return self->access_key_row;
    case KLING_CREDENTIAL_SECRET_KEY: return self->secret_key_row;
    case KLING_CREDENTIAL_TOKEN:
    default:                          return self->token_row;
    }
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (KlingPreferencesWindow *self,
              AdwEntryRow            *row,
              const char             *text)
{
  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->loading--;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
uses_token (KlingPreferencesWindow *self)
{
  if (self->provider == KLING_PROVIDER_CUSTOM)
    return adw_combo_row_get_selected (self->auth_row) == AUTH_BEARER;
  return self->provider == KLING_PROVIDER_PROXY;
}

static void
toast (KlingPreferencesWindow *self,
       const char             *text)
{
  if (!self->disposed)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* ---- What is shown ------------------------------------------------------ */

static void
update_provider_subtitle (KlingPreferencesWindow *self)
{
  g_autofree char *custom = g_strstrip (g_strdup (row_text (self->base_url_row)));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row),
                               kling_credentials_base_url_for (self->provider, custom));
}

static void
update_visibility (KlingPreferencesWindow *self)
{
  gboolean custom = self->provider == KLING_PROVIDER_CUSTOM;
  gboolean token = uses_token (self);

  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row),
                          custom && kling_credentials_environment_base_url () == NULL);
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
  g_autofree char *text = g_strstrip (g_strdup (row_text (self->base_url_row)));
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
static void
reset_test_result (KlingPreferencesWindow *self)
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
  const char *base;

  if (kling_credentials_environment_overrides (NULL))
    return kling_client_new_from_environment (error);

  custom = g_strstrip (g_strdup (row_text (self->base_url_row)));
  base = kling_credentials_base_url_for (self->provider, custom);
  if (*base == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("Enter the custom server’s base URL first"));
      return NULL;
    }
  if (uses_token (self))
    return kling_client_new_bearer (base, row_text (self->token_row), error);
  return kling_client_new_official (base, row_text (self->access_key_row),
                                    row_text (self->secret_key_row), error);
}

static void
test_clicked_cb (GtkButton              *button,
                 KlingPreferencesWindow *self)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;

  reset_test_result (self);
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

/* ---- Keyring ------------------------------------------------------------ */

/* One keyring change waiting its turn. */
typedef struct {
  KlingProvider        provider;
  KlingCredentialKind  kind;
  char                *value;   /* NULL: remove the item */
} StoreOp;

static void
store_op_free (StoreOp *op)
{
  if (op->value != NULL)
    memset (op->value, 0, strlen (op->value));
  g_free (op->value);
  g_free (op);
}

static void
clear_store_queue (KlingPreferencesWindow *self)
{
  g_queue_clear_full (&self->store_queue, (GDestroyNotify) store_op_free);
}

static void store_done_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
run_next_store (KlingPreferencesWindow *self)
{
  StoreOp *op = g_queue_pop_head (&self->store_queue);

  kling_credentials_store_async (op->provider, op->kind, op->value, NULL, store_done_cb, g_object_ref (self));
  store_op_free (op);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KlingPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kling_credentials_store_finish (result, &error))
    {
      self->store_failed = TRUE;
      toast (self, error->message);
    }
  if (--self->pending_stores > 0)
    {
      run_next_store (self);
      return;
    }

  if (!self->store_failed)
    toast (self, _("Saved in the keyring"));
  self->store_failed = FALSE;
  /* Also after the window closed: the app rebuilds its client. */
  emit_credentials_changed (self);
}

/* Keyring changes run one after the other, in order: two removals of the
 * same item at once make libsecret 0.20 complete its task twice. */
static void
store_kind (KlingPreferencesWindow *self,
            KlingCredentialKind     kind,
            const char             *value)
{
  StoreOp *op = g_new0 (StoreOp, 1);

  op->provider = self->provider;
  op->kind = kind;
  op->value = g_strdup (value);
  g_queue_push_tail (&self->store_queue, op);
  if (self->pending_stores++ == 0)
    run_next_store (self);
}

/* Stores what @kind's row holds. A custom server keeps one kind of
 * credentials, so storing one kind clears the other: what is stored then
 * says which authentication it takes (kling_credentials_make_client_async). */
static void
store_secret (KlingPreferencesWindow *self,
              KlingCredentialKind     kind)
{
  const char *value = row_text (row_for_kind (self, kind));

  self->dirty[kind] = FALSE;
  store_kind (self, kind, value);
  if (self->provider != KLING_PROVIDER_CUSTOM || is_blank (value))
    return;

  for (guint other = 0; other < N_KINDS; other++)
    if ((kind == KLING_CREDENTIAL_TOKEN) != (other == KLING_CREDENTIAL_TOKEN))
      {
        self->dirty[other] = FALSE;
        set_row_text (self, row_for_kind (self, other), NULL);
        store_kind (self, other, NULL);
      }
}

static void
secret_applied_cb (AdwEntryRow            *row,
                   KlingPreferencesWindow *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (row_for_kind (self, kind) == row)
      store_secret (self, kind);
}

static void
secret_changed_cb (GtkEditable            *editable,
                   KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (GTK_EDITABLE (row_for_kind (self, kind)) == editable)
      self->dirty[kind] = TRUE;
  reset_test_result (self);
}

typedef struct {
  KlingPreferencesWindow *self;
  KlingCredentialKind     kind;
  guint                   serial;
} Lookup;

/* A custom server's authentication follows what is stored for it. */
static void
lookups_done (KlingPreferencesWindow *self)
{
  gboolean jwt = *row_text (self->token_row) == '\0' && *row_text (self->access_key_row) != '\0';

  if (self->provider != KLING_PROVIDER_CUSTOM)
    return;
  self->loading++;
  adw_combo_row_set_selected (self->auth_row, jwt ? AUTH_JWT : AUTH_BEARER);
  self->loading--;
  update_visibility (self);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(KlingPreferencesWindow) self = lookup->self;
  g_autoptr(GError) error = NULL;
  char *secret = kling_credentials_lookup_finish (result, &error);
  gboolean current = lookup->serial == self->lookup_serial && !self->disposed;

  if (current && error != NULL)
    toast (self, error->message);
  if (current && !self->dirty[lookup->kind])
    set_row_text (self, row_for_kind (self, lookup->kind), secret);
  kling_credentials_free_secret (secret);
  if (current && --self->pending_lookups == 0)
    lookups_done (self);
  g_free (lookup);
}

static void
load_secrets (KlingPreferencesWindow *self)
{
  self->lookup_serial++;
  self->pending_lookups = 0;
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      gboolean token = kind == KLING_CREDENTIAL_TOKEN;
      Lookup *lookup;

      self->dirty[kind] = FALSE;
      set_row_text (self, row_for_kind (self, kind), NULL);
      if ((self->provider == KLING_PROVIDER_PROXY && !token) ||
          (self->provider == KLING_PROVIDER_OFFICIAL && token))
        continue;

      lookup = g_new0 (Lookup, 1);
      lookup->self = g_object_ref (self);
      lookup->kind = kind;
      lookup->serial = self->lookup_serial;
      self->pending_lookups++;
      kling_credentials_lookup_async (self->provider, kind, self->cancellable, lookup_done_cb, lookup);
    }
}

/* ---- Provider and base URL ---------------------------------------------- */

static void
save_base_url (KlingPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (self->base_url_row)));
  g_autoptr(GError) error = NULL;

  self->base_url_dirty = FALSE;
  if (*text != '\0' && !kling_base_url_check (text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The base URL was not saved: %s"), error->message);

      toast (self, message);
      return;
    }
  g_settings_set_string (self->settings, "custom-base-url", text);
  emit_credentials_changed (self);
}

/* Stores what was typed and not yet applied. */
static void
save_pending (KlingPreferencesWindow *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->dirty[kind] && gtk_widget_get_visible (GTK_WIDGET (row_for_kind (self, kind))))
      store_secret (self, kind);
  if (self->base_url_dirty)
    save_base_url (self);
}

static void
base_url_changed_cb (GtkEditable            *editable,
                     KlingPreferencesWindow *self)
{
  validate_base_url (self);
  update_provider_subtitle (self);
  if (self->loading > 0)
    return;
  self->base_url_dirty = TRUE;
  reset_test_result (self);
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
  save_pending (self);
  self->provider = (KlingProvider) adw_combo_row_get_selected (row);
  g_settings_set_enum (self->settings, "provider", self->provider);
  update_visibility (self);
  load_secrets (self);
  reset_test_result (self);
  emit_credentials_changed (self);
}

static void
auth_selected_cb (AdwComboRow            *row,
                  GParamSpec             *pspec,
                  KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;
  update_visibility (self);
  reset_test_result (self);
}

static void
load_api (KlingPreferencesWindow *self)
{
  g_autofree char *custom = g_settings_get_string (self->settings, "custom-base-url");

  self->provider = (KlingProvider) g_settings_get_enum (self->settings, "provider");
  self->loading++;
  adw_combo_row_set_selected (self->provider_row, self->provider);
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), custom);
  self->loading--;

  apply_environment (self);
  update_visibility (self);
  validate_base_url (self);
  load_secrets (self);
}

static void
focus_credentials (KlingPreferencesWindow *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->credentials_group)))
    gtk_widget_grab_focus (GTK_WIDGET (uses_token (self) ? self->token_row : self->access_key_row));
}

static void
api_page_init (KlingPreferencesWindow *self)
{
  g_signal_connect (self->provider_row, "notify::selected", G_CALLBACK (provider_selected_cb), self);
  g_signal_connect (self->auth_row, "notify::selected", G_CALLBACK (auth_selected_cb), self);
  g_signal_connect (self->base_url_row, "changed", G_CALLBACK (base_url_changed_cb), self);
  g_signal_connect (self->base_url_row, "apply", G_CALLBACK (base_url_applied_cb), self);
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      g_signal_connect (row_for_kind (self, kind), "changed", G_CALLBACK (secret_changed_cb), self);
      g_signal_connect (row_for_kind (self, kind), "apply", G_CALLBACK (secret_applied_cb), self);
    }
  g_signal_connect (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
}

/* ---- Generation defaults ------------------------------------------------ */

static const char *
mode_label (const char *mode)
{
  if (g_str_equal (mode, "std"))
    return _("Standard (std)");
  if (g_str_equal (mode, "pro"))
    return _("Professional (pro)");
  return mode;
}

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

/* Lists what @model (and mode) allow, selects the setting's value or, when
 * the model lacks it, the first allowed one, which then becomes the setting. */
static void
fill_choices (KlingPreferencesWindow *self,
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
    g_ptr_array_add (labels, row == self->mode_row ? g_strdup (mode_label (new_values[i]))
                                                   : g_strdup_printf (_("%s seconds"), new_values[i]));
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
selected_model (KlingPreferencesWindow *self)
{
  return kling_capabilities_get_models ()[adw_combo_row_get_selected (self->model_row)];
}

static void
fill_durations (KlingPreferencesWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "default-mode");

  fill_choices (self, self->duration_row, self->duration_list, &self->durations,
                kling_capabilities_get_durations (selected_model (self), mode), "default-duration");
}

static void
fill_modes (KlingPreferencesWindow *self)
{
  fill_choices (self, self->mode_row, self->mode_list, &self->modes,
                kling_capabilities_get_modes (selected_model (self)), "default-mode");
  fill_durations (self);
}

static void
model_selected_cb (AdwComboRow            *row,
                   GParamSpec             *pspec,
                   KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;
  g_settings_set_string (self->settings, "default-model", selected_model (self));
  fill_modes (self);
}

static void
mode_selected_cb (AdwComboRow            *row,
                  GParamSpec             *pspec,
                  KlingPreferencesWindow *self)
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
                      KlingPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->loading > 0 || position >= g_strv_length (self->durations))
    return;
  g_settings_set_string (self->settings, "default-duration", self->durations[position]);
}

static void
load_generation (KlingPreferencesWindow *self)
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
                            KlingPreferencesWindow *self)
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
                     KlingPreferencesWindow *self)
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
                     KlingPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "download-folder");

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Download Folder"), GTK_WINDOW (self),
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
                           KlingPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "download-folder", "");
}

/* ---- The object --------------------------------------------------------- */

static gboolean
kling_preferences_window_close_request (GtkWindow *window)
{
  save_pending (KLING_PREFERENCES_WINDOW (window));
  return GTK_WINDOW_CLASS (kling_preferences_window_parent_class)->close_request (window);
}

static void
kling_preferences_window_constructed (GObject *object)
{
  KlingPreferencesWindow *self = KLING_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kling_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  load_api (self);
  load_generation (self);
  g_signal_connect_object (self->settings, "changed::download-folder",
                           G_CALLBACK (download_folder_changed_cb), self, 0);
  download_folder_changed_cb (self->settings, "download-folder", self);
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
  clear_store_queue (self);
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

  api_page_init (self);
  g_signal_connect (self->model_row, "notify::selected", G_CALLBACK (model_selected_cb), self);
  g_signal_connect (self->mode_row, "notify::selected", G_CALLBACK (mode_selected_cb), self);
  g_signal_connect (self->duration_row, "notify::selected", G_CALLBACK (duration_selected_cb), self);
  g_signal_connect (self->download_button, "clicked", G_CALLBACK (download_clicked_cb), self);
  g_signal_connect (self->download_reset_button, "clicked", G_CALLBACK (download_reset_clicked_cb), self);
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
  focus_credentials (self);
}
