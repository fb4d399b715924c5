/* kling-credentials.c — where the API token and keys live: the keyring
 *
 * The token, the access key and the secret key are kept by libsecret (the
 * GNOME keyring), one item per provider and kind, and never in GSettings,
 * a file, a log line or an error message (design.md §7). GSettings holds only
 * which provider is used, the official API's server and a custom base URL;
 * the environment variables of design.md §4 win over both, so scripts and
 * CI never touch the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-credentials.h"
#include "kling-enum.h"
#include "kling-error.h"
#include "kling-fal.h"

#define SETTINGS_PROVIDER        "provider"
#define SETTINGS_CUSTOM_BASE_URL "custom-base-url"
#define SETTINGS_OFFICIAL_HOST   "official-host"

const SecretSchema *
kling_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.klingstudio.KlingStudio.Credentials", SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Also the keyring attribute values and the GSettings enum nicks: the
 * enums' nicks, made by glib-mkenums. */
const char *
kling_provider_to_string (KlingProvider provider)
{
  const char *nick = kling_enum_to_nick (KLING_TYPE_PROVIDER, provider);

  return nick != NULL ? nick : "proxy";
}

const char *
kling_credential_kind_to_string (KlingCredentialKind kind)
{
  const char *nick = kling_enum_to_nick (KLING_TYPE_CREDENTIAL_KIND, kind);

  return nick != NULL ? nick : "token";
}

/* What a keyring manager (Seahorse) shows for the item. */
static char *
item_label (KlingProvider       provider,
            KlingCredentialKind kind)
{
  const char *name = kling_provider_to_string (provider);

  switch (kind)
    {
    case KLING_CREDENTIAL_ACCESS_KEY:
      return g_strdup_printf (_("Kling Studio access key (%s)"), name);
    case KLING_CREDENTIAL_SECRET_KEY:
      return g_strdup_printf (_("Kling Studio secret key (%s)"), name);
    case KLING_CREDENTIAL_TOKEN:
    default:
      if (provider == KLING_PROVIDER_FAL)
        return g_strdup (_("Kling Studio fal key"));
      return g_strdup_printf (_("Kling Studio API token (%s)"), name);
    }
}

void
kling_credentials_free_secret (char *secret)
{
  secret_password_free (secret);
}

/* ---- Store, look up, clear ---------------------------------------------- */

/* Store, clear and lookup fail alike: the keyring's own error, prefixed
 * with what we were doing. Returns FALSE, touching nothing, without one. */
static gboolean
return_keyring_error (GTask      *task,
                      GError     *error,
                      const char *doing)
{
  if (error == NULL)
    return FALSE;
  g_prefix_error (&error, "%s", doing);
  g_task_return_error (task, error);
  return TRUE;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_store_finish (result, &error);
  if (!return_keyring_error (task, error, _("Could not save to the keyring: ")))
    g_task_return_boolean (task, TRUE);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (!return_keyring_error (task, error, _("Could not remove from the keyring: ")))
    g_task_return_boolean (task, TRUE);
}

/**
 * kling_credentials_store_async:
 * @secret: the value; surrounding white space (what a copy and paste adds)
 *   is dropped, and an empty value removes the item
 *
 * Saves @secret in the default keyring, labelled for people who look at it
 * with a keyring manager.
 */
void
kling_credentials_store_async (KlingProvider        provider,
                               KlingCredentialKind  kind,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;
  char *clean;

  g_task_set_source_tag (task, kling_credentials_store_async);

  clean = g_strstrip (g_strdup (secret != NULL ? secret : ""));
  if (*clean == '\0')
    {
      g_free (clean);
      secret_password_clear (kling_secret_get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                             "provider", kling_provider_to_string (provider),
                             "kind", kling_credential_kind_to_string (kind),
                             NULL);
      return;
    }

  label = item_label (provider, kind);
  secret_password_store (kling_secret_get_schema (), SECRET_COLLECTION_DEFAULT, label, clean,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "provider", kling_provider_to_string (provider),
                         "kind", kling_credential_kind_to_string (kind),
                         NULL);
  /* libsecret has its own copy now. */
  secret_password_free (clean);
}

gboolean
kling_credentials_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (!return_keyring_error (task, error, _("Could not read from the keyring: ")))
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
kling_credentials_lookup_async (KlingProvider        provider,
                                KlingCredentialKind  kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kling_credentials_lookup_async);
  secret_password_lookup (kling_secret_get_schema (), cancellable, lookup_cb, task,
                          "provider", kling_provider_to_string (provider),
                          "kind", kling_credential_kind_to_string (kind),
                          NULL);
}

/**
 * kling_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, to be released with
 *   kling_credentials_free_secret(); %NULL with no error when none is stored
 */
char *
kling_credentials_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kling_credentials_clear_async (KlingProvider        provider,
                               KlingCredentialKind  kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  kling_credentials_store_async (provider, kind, NULL, cancellable, callback, user_data);
}

gboolean
kling_credentials_clear_finish (GAsyncResult  *result,
                                GError       **error)
{
  return kling_credentials_store_finish (result, error);
}

/* ---- The environment ---------------------------------------------------- */

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * kling_settings_open:
 *
 * The app's settings, which the window and the command line share, or
 * %NULL when their schema is not installed (running uninstalled): callers
 * then use the defaults.
 *
 * Returns: (transfer full) (nullable): the settings
 */
GSettings *
kling_settings_open (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * kling_credentials_environment_overrides:
 * @which: (out) (optional): the variable(s) that do, e.g. "KLING_API_TOKEN"
 *
 * A lone KLING_ACCESS_KEY or KLING_SECRET_KEY counts too: the client then
 * reports which one is missing rather than quietly using the keyring.
 * KLING_API_BASE alone does not (see kling_credentials_environment_base_url()).
 */
gboolean
kling_credentials_environment_overrides (const char **which)
{
  gboolean access_key = getenv_nonempty ("KLING_ACCESS_KEY") != NULL;
  gboolean secret_key = getenv_nonempty ("KLING_SECRET_KEY") != NULL;
  const char *name = NULL;

  if (getenv_nonempty ("KLING_API_TOKEN") != NULL)
    name = "KLING_API_TOKEN";
  else if (access_key && secret_key)
    name = "KLING_ACCESS_KEY + KLING_SECRET_KEY";
  else if (access_key)
    name = "KLING_ACCESS_KEY";
  else if (secret_key)
    name = "KLING_SECRET_KEY";

  if (which != NULL)
    *which = name;
  return name != NULL;
}

const char *
kling_credentials_environment_base_url (void)
{
  return getenv_nonempty ("KLING_API_BASE");
}

/* The one place that decides where requests go, for the client, the
 * Preferences window and the command line alike. */
const char *
kling_credentials_base_url_for_host (KlingProvider      provider,
                                     KlingOfficialHost  official_host,
                                     const char        *custom_base_url)
{
  const char *environment = kling_credentials_environment_base_url ();

  /* KLING_API_BASE is Kling's; fal's queue has FAL_QUEUE_BASE. */
  if (provider == KLING_PROVIDER_FAL)
    return kling_fal_queue_base ();
  if (environment != NULL)
    return environment;
  switch (provider)
    {
    case KLING_PROVIDER_OFFICIAL:
      return official_host == KLING_OFFICIAL_HOST_BEIJING ? KLING_OFFICIAL_BEIJING_BASE
                                                          : KLING_DEFAULT_OFFICIAL_BASE;
    case KLING_PROVIDER_CUSTOM:
      return custom_base_url != NULL ? custom_base_url : "";
    case KLING_PROVIDER_PROXY:
    default:
      return KLING_DEFAULT_PROXY_BASE;
    }
}

/* Only a server chosen in the settings is known to be an official one:
 * KLING_API_BASE may point anywhere, and so may a custom server. */
void
kling_credentials_mark_official_host (KlingClient       *client,
                                      KlingProvider      provider,
                                      KlingOfficialHost  official_host)
{
  g_return_if_fail (KLING_IS_CLIENT (client));

  if (provider == KLING_PROVIDER_OFFICIAL && kling_client_get_auth_mode (client) == KLING_AUTH_JWT &&
      kling_credentials_environment_base_url () == NULL)
    kling_client_set_official_host (client, official_host);
}

/* ---- A client from settings and keyring ---------------------------------- */

typedef struct {
  KlingProvider  provider;
  KlingOfficialHost official_host;
  char          *base_url;
  char          *secrets[3];   /* by KlingCredentialKind */
  guint          pending;
  GError        *error;        /* the first lookup failure */
} MakeClientData;

static void
make_client_data_free (MakeClientData *data)
{
  g_free (data->base_url);
  for (guint i = 0; i < G_N_ELEMENTS (data->secrets); i++)
    secret_password_free (data->secrets[i]);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct {
  GTask               *task;
  KlingCredentialKind  kind;
} LookupOne;

static KlingClient *
official_client_new (MakeClientData  *data,
                     const char      *access_key,
                     const char      *secret_key,
                     GError         **error)
{
  KlingClient *client = kling_client_new_official (data->base_url, access_key, secret_key, error);

  if (client != NULL)
    kling_credentials_mark_official_host (client, data->provider, data->official_host);
  return client;
}

static KlingClient *
client_from_secrets (MakeClientData  *data,
                     GError         **error)
{
  const char *token = data->secrets[KLING_CREDENTIAL_TOKEN];
  const char *access_key = data->secrets[KLING_CREDENTIAL_ACCESS_KEY];
  const char *secret_key = data->secrets[KLING_CREDENTIAL_SECRET_KEY];

  /* Until the settings say which authentication a custom server takes,
   * the stored secrets do: the Preferences window keeps only one kind. */
  if (data->provider != KLING_PROVIDER_OFFICIAL && token != NULL)
    return kling_client_new_bearer (data->base_url, token, error);
  if (data->provider != KLING_PROVIDER_PROXY && access_key != NULL && secret_key != NULL)
    return official_client_new (data, access_key, secret_key, error);

  switch (data->provider)
    {
    case KLING_PROVIDER_PROXY:
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                           _("No API token is saved for the Kling proxy: open Preferences to enter it"));
      break;
    case KLING_PROVIDER_OFFICIAL:
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                           _("The access key and secret key of the official Kling API are not both saved: "
                             "open Preferences to enter them"));
      break;
    case KLING_PROVIDER_CUSTOM:
    default:
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                           _("No API token or keys are saved for the custom server: open Preferences to enter them"));
      break;
    }
  return NULL;
}

static void
make_client_lookup_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LookupOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  MakeClientData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GError *client_error = NULL;
  KlingClient *client;

  data->secrets[one->kind] = kling_credentials_lookup_finish (result, &error);
  if (error != NULL && data->error == NULL)
    data->error = g_steal_pointer (&error);
  g_free (one);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  client = client_from_secrets (data, &client_error);
  if (client == NULL)
    g_task_return_error (task, client_error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

static void
make_client_lookup (GTask               *task,
                    KlingCredentialKind  kind)
{
  MakeClientData *data = g_task_get_task_data (task);
  LookupOne *one = g_new0 (LookupOne, 1);

  one->task = g_object_ref (task);
  one->kind = kind;
  data->pending++;
  kling_credentials_lookup_async (data->provider, kind, g_task_get_cancellable (task),
                                  make_client_lookup_cb, one);
}

static void
make_client_data_read_settings (MakeClientData *data,
                                GSettings      *settings)
{
  g_autofree char *custom = NULL;

  data->provider = KLING_PROVIDER_PROXY;
  data->official_host = KLING_OFFICIAL_HOST_SINGAPORE;
  if (settings != NULL)
    {
      data->provider = (KlingProvider) g_settings_get_enum (settings, SETTINGS_PROVIDER);
      /* Asked for Kling while fal is chosen: Kling's default way in. */
      if (data->provider == KLING_PROVIDER_FAL)
        data->provider = KLING_PROVIDER_PROXY;
      data->official_host = (KlingOfficialHost) g_settings_get_enum (settings, SETTINGS_OFFICIAL_HOST);
      if (data->provider == KLING_PROVIDER_CUSTOM)
        custom = g_settings_get_string (settings, SETTINGS_CUSTOM_BASE_URL);
    }
  data->base_url = g_strdup (kling_credentials_base_url_for_host (data->provider, data->official_host, custom));
}

/**
 * kling_credentials_make_client_async:
 * @settings: (nullable): the app's settings; %NULL uses their defaults
 *
 * Builds the client the app should use. KLING_API_TOKEN, or
 * KLING_ACCESS_KEY and KLING_SECRET_KEY, win over everything, exactly as
 * kling_client_new_from_environment(). Otherwise the provider, the official
 * server and the custom base URL come from @settings (KLING_API_BASE still
 * overriding the URL) and the secrets from the keyring. A client for the
 * official server chosen there is marked with
 * kling_client_set_official_host(). Finishes with
 * %KLING_ERROR_NO_CREDENTIALS, whose message tells the user to open
 * Preferences, when they are missing.
 */
void
kling_credentials_make_client_async (GSettings           *settings,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  kling_credentials_make_client_for_async (settings, KLING_PROVIDER_CHOICE_SETTINGS, cancellable,
                                           callback, user_data);
}

/**
 * kling_credentials_make_client_for_async:
 * @choice: which provider: the settings', Kling's, or fal
 *
 * As kling_credentials_make_client_async(), for the provider @choice names
 * (the command line's --provider). fal's client comes from FAL_KEY or the
 * keyring (kling_fal_make_client_async()).
 */
void
kling_credentials_make_client_for_async (GSettings           *settings,
                                         KlingProviderChoice  choice,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MakeClientData *data;
  GError *error = NULL;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (choice == KLING_PROVIDER_CHOICE_FAL ||
      (choice == KLING_PROVIDER_CHOICE_SETTINGS && !kling_credentials_environment_overrides (NULL) &&
       settings != NULL && g_settings_get_enum (settings, SETTINGS_PROVIDER) == KLING_PROVIDER_FAL))
    {
      kling_fal_make_client_async (cancellable, callback, user_data);
      return;
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kling_credentials_make_client_async);

  if (kling_credentials_environment_overrides (NULL))
    {
      KlingClient *client = kling_client_new_from_environment (&error);

      if (client == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, client, g_object_unref);
      return;
    }

  data = g_new0 (MakeClientData, 1);
  make_client_data_read_settings (data, settings);
  g_task_set_task_data (task, data, (GDestroyNotify) make_client_data_free);

  /* A bad URL is reported before the keyring is asked anything. */
  if (*data->base_url == '\0')
    {
      g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_INSECURE_URL, "%s",
                               _("The custom server has no base URL: open Preferences to enter it"));
      return;
    }
  if (!kling_base_url_check (data->base_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The lookups run side by side (their callbacks always come later, from
   * the main context); the last one to answer builds the client. */
  if (data->provider != KLING_PROVIDER_OFFICIAL)
    make_client_lookup (task, KLING_CREDENTIAL_TOKEN);
  if (data->provider != KLING_PROVIDER_PROXY)
    {
      make_client_lookup (task, KLING_CREDENTIAL_ACCESS_KEY);
      make_client_lookup (task, KLING_CREDENTIAL_SECRET_KEY);
    }
}

/**
 * kling_credentials_make_client_finish:
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error set
 */
KlingClient *
kling_credentials_make_client_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
