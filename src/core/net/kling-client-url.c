/* kling-client-url.c — which API base URLs a client accepts
 *
 * https:// everywhere, plain http:// only for this computer, and nothing in
 * the URL that could carry a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-client.h"
#include "kling-error.h"

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * kling_base_url_check:
 * @base_url: what the user typed
 * @error: %KLING_ERROR_INSECURE_URL when it is refused
 *
 * A base URL must be an absolute https:// URL (http:// only for this
 * computer: 127.0.0.0/8, ::1, localhost), with a host, and without user
 * name, password, query or fragment (a token must never live in a URL).
 */
gboolean
kling_base_url_check (const char  *base_url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("The API base URL is empty"));
      return FALSE;
    }

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("The API base URL is not a valid URL; it should look like https://api.example.com"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                   _("The API base URL must start with https:// (not %s://)"), scheme);
      return FALSE;
    }
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("The API base URL has no host name"));
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                           _("The API base URL must not contain a user name, password, “?” query or “#” fragment; "
                             "the token is set separately"));
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL,
                   _("The API base URL for %s must use https://; plain http:// would send the token unencrypted "
                     "(it is allowed only for this computer: localhost, 127.0.0.1, ::1)"),
                   host);
      return FALSE;
    }

  return TRUE;
}

/**
 * kling_base_url_normalize:
 *
 * Checks @base_url (see kling_base_url_check()) and returns it without
 * trailing slashes, ready for paths to be appended.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL with @error set
 */
char *
kling_base_url_normalize (const char  *base_url,
                          GError     **error)
{
  g_autofree char *stripped = NULL;
  gsize length;

  if (!kling_base_url_check (base_url, error))
    return NULL;

  stripped = g_strstrip (g_strdup (base_url));
  length = strlen (stripped);
  while (length > 0 && stripped[length - 1] == '/')
    stripped[--length] = '\0';

  return g_steal_pointer (&stripped);
}
