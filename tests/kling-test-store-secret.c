/* kling-test-store-secret.c — saves a secret in the keyring as Preferences does
 *
 * Usage: kling-test-store-secret PROVIDER KIND < secret
 * PROVIDER is proxy, official or custom; KIND is token, access-key or
 * secret-key. The secret is read from standard input (never the command
 * line); an empty one clears the item. Used by test-cli.py to give the
 * command line the credentials a user saved in the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kling-credentials.h"

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
parse (const char *text,
       const char *(*to_string) (int),
       int         count,
       int        *value)
{
  for (int i = 0; i < count; i++)
    if (g_strcmp0 (text, to_string (i)) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

static const char *
provider_name (int provider)
{
  return kling_provider_to_string ((KlingProvider) provider);
}

static const char *
kind_name (int kind)
{
  return kling_credential_kind_to_string ((KlingCredentialKind) kind);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char secret[512] = "";
  int provider, kind;

  if (argc != 3 ||
      !parse (argv[1], provider_name, KLING_PROVIDER_CUSTOM + 1, &provider) ||
      !parse (argv[2], kind_name, KLING_CREDENTIAL_SECRET_KEY + 1, &kind))
    {
      g_printerr ("usage: kling-test-store-secret proxy|official|custom token|access-key|secret-key < secret\n");
      return 2;
    }
  if (fgets (secret, sizeof secret, stdin) != NULL)
    secret[strcspn (secret, "\r\n")] = '\0';

  kling_credentials_store_async ((KlingProvider) provider, (KlingCredentialKind) kind, secret,
                                 NULL, stored_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  memset (secret, 0, sizeof secret);
  if (!kling_credentials_store_finish (result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
