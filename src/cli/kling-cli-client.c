/* kling-cli-client.c — the client a command talks through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-cli.h"
#include "kling-credentials.h"
#include "kling-fal.h"

/**
 * kling_cli_make_client:
 *
 * The client the app would use: the environment first, else the provider
 * and base URL of the app's settings with the secrets from the keyring
 * (design.md §4). What is missing is said with both ways to give it.
 *
 * Returns: (transfer full) (nullable): the client
 */
KlingClient *
kling_cli_make_client (GError **error)
{
  return kling_cli_make_client_for (KLING_PROVIDER_CHOICE_SETTINGS, error);
}

gboolean
kling_cli_parse_provider (const char          *text,
                          KlingProviderChoice *choice)
{
  if (g_strcmp0 (text, "kling") == 0)
    *choice = KLING_PROVIDER_CHOICE_KLING;
  else if (g_strcmp0 (text, "fal") == 0)
    *choice = KLING_PROVIDER_CHOICE_FAL;
  else
    return FALSE;
  return TRUE;
}

/**
 * kling_cli_make_client_for:
 * @choice: the provider --provider names, or the settings'
 */
KlingClient *
kling_cli_make_client_for (KlingProviderChoice   choice,
                           GError              **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  KlingCliWait wait = { NULL };
  KlingClient *client;
  gboolean wants_fal;

  if (!kling_credentials_environment_overrides (NULL) || choice == KLING_PROVIDER_CHOICE_FAL)
    settings = kling_settings_open ();
  kling_credentials_make_client_for_async (settings, choice, NULL, kling_cli_wait_cb, &wait);
  result = kling_cli_wait (&wait);
  client = kling_credentials_make_client_finish (result, &local_error);
  if (client != NULL)
    return client;

  wants_fal = choice == KLING_PROVIDER_CHOICE_FAL ||
              (choice == KLING_PROVIDER_CHOICE_SETTINGS && settings != NULL &&
               !kling_credentials_environment_overrides (NULL) &&
               g_settings_get_enum (settings, "provider") == KLING_PROVIDER_FAL);
  if (wants_fal && !g_error_matches (local_error, KLING_ERROR, KLING_ERROR_INSECURE_URL) &&
      kling_fal_environment_key () == NULL)
    g_set_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS, _("%s, or set FAL_KEY"),
                 local_error->message);
  else if (wants_fal)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (kling_credentials_environment_overrides (NULL) ||
      g_error_matches (local_error, KLING_ERROR, KLING_ERROR_INSECURE_URL))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (local_error->domain == KLING_ERROR)
    g_set_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                 _("%s, or set KLING_API_TOKEN (or KLING_ACCESS_KEY and KLING_SECRET_KEY)"),
                 local_error->message);
  else
    g_set_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                 _("%s: set KLING_API_TOKEN (or KLING_ACCESS_KEY and KLING_SECRET_KEY) instead"),
                 local_error->message);
  return NULL;
}
