/* kling-error.c — the KLING_ERROR domain and the server's error codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-error.h"

G_DEFINE_QUARK (kling-error-quark, kling_error)

KlingError
kling_error_code_for_server (guint http_status,
                             int   server_code)
{
  if (server_code >= 1000 && server_code <= 1004)
    return KLING_ERROR_AUTHENTICATION;
  if (server_code == 1100 || server_code == 1101)
    return KLING_ERROR_ACCOUNT;
  if (server_code == 1102)
    return KLING_ERROR_RESOURCE_EXHAUSTED;
  if (server_code == 1103)
    return KLING_ERROR_PERMISSION;
  if (server_code == 1200 || server_code == 1201)
    return KLING_ERROR_INVALID_PARAMETERS;
  if (server_code == 1202 || server_code == 1203)
    return KLING_ERROR_NOT_FOUND;
  if (server_code == 1300 || server_code == 1301)
    return KLING_ERROR_CONTENT_REFUSED;
  if (server_code == 1302 || server_code == 1303)
    return KLING_ERROR_RATE_LIMITED;
  if (server_code == 1304)
    return KLING_ERROR_IP_NOT_ALLOWED;
  if (server_code >= 5000 && server_code < 6000)
    return KLING_ERROR_SERVER;

  /* An unknown code: fall back on the HTTP status. */
  if (http_status == 401)
    return KLING_ERROR_AUTHENTICATION;
  if (http_status == 403)
    return KLING_ERROR_PERMISSION;
  if (http_status == 404)
    return KLING_ERROR_NOT_FOUND;
  if (http_status == 429)
    return KLING_ERROR_RATE_LIMITED;
  if (http_status >= 500)
    return KLING_ERROR_SERVER;
  return KLING_ERROR_INVALID_PARAMETERS;
}

static const char *
summary_for_server_code (int server_code)
{
  switch (server_code)
    {
    case 1000: return _("Authentication failed");
    case 1001: return _("Authentication failed: the Authorization header is empty");
    case 1002: return _("Authentication failed: the token is invalid");
    case 1003: return _("Authentication failed: the token is not yet valid");
    case 1004: return _("Authentication failed: the token has expired");
    case 1100: return _("There is a problem with the account");
    case 1101: return _("The account is in arrears");
    case 1102: return _("The resource pack is used up or has expired");
    case 1103: return _("The account has no permission for this API or model");
    case 1200: return _("The request has invalid parameters");
    case 1201: return _("The request has invalid parameters");
    case 1202: return _("The request method is wrong");
    case 1203: return _("The requested resource (model or task) does not exist");
    case 1300: return _("The request was refused by the platform's policy");
    case 1301: return _("The content was refused by the safety check");
    case 1302: return _("Requests are too frequent");
    case 1303: return _("More tasks are running than the account allows");
    case 1304: return _("This IP address is not on the account's whitelist");
    case 5000: return _("The server had an internal error");
    case 5001: return _("The server is under maintenance");
    case 5002: return _("The server is too busy and timed out");
    default:   return NULL;
    }
}

static const char *
summary_for_error_code (KlingError code)
{
  switch (code)
    {
    case KLING_ERROR_AUTHENTICATION:     return _("Authentication failed");
    case KLING_ERROR_ACCOUNT:            return _("There is a problem with the account");
    case KLING_ERROR_RESOURCE_EXHAUSTED: return _("The resource pack is used up or has expired");
    case KLING_ERROR_PERMISSION:         return _("The account has no permission for this API or model");
    case KLING_ERROR_NOT_FOUND:          return _("The requested resource does not exist");
    case KLING_ERROR_CONTENT_REFUSED:    return _("The content was refused by the safety check");
    case KLING_ERROR_RATE_LIMITED:       return _("Too many requests");
    case KLING_ERROR_IP_NOT_ALLOWED:     return _("This IP address is not allowed");
    case KLING_ERROR_SERVER:             return _("The server had an error");
    case KLING_ERROR_INVALID_PARAMETERS:
    default:                             return _("The server refused the request");
    }
}

/**
 * kling_error_new_from_server:
 * @http_status: the HTTP status, or 0 when unknown
 * @server_code: the envelope's numeric code, or -1 when there was none
 * @server_message: (nullable): the envelope's message
 * @request_id: (nullable): the envelope's request id
 *
 * Builds the error shown to the user: what happened in plain words, then the
 * server's own message, code and request id so they can be quoted.
 */
GError *
kling_error_new_from_server (guint       http_status,
                             int         server_code,
                             const char *server_message,
                             const char *request_id)
{
  KlingError code = kling_error_code_for_server (http_status, server_code);
  const char *summary = summary_for_server_code (server_code);
  g_autofree char *what = NULL;
  g_autofree char *server_code_text = NULL;
  g_autofree char *text = NULL;

  if (summary == NULL)
    summary = summary_for_error_code (code);
  if (server_message != NULL && *server_message != '\0')
    what = g_strdup_printf ("%s: %s", summary, server_message);
  else
    what = g_strdup (summary);

  if (server_code >= 0)
    server_code_text = g_strdup_printf ("%d", server_code);
  text = kling_error_format_details (what, server_code_text, http_status, request_id);
  return g_error_new_literal (KLING_ERROR, code, text);
}

/**
 * kling_error_format_details:
 * @what: the sentence saying what went wrong, without a full stop
 * @server_code: (nullable): the server's code, as it sent it
 * @http_status: the HTTP status; 0 when there was none (then it is left out,
 *   unless there is no code either)
 * @request_id: (nullable): the server's request id
 *
 * Adds what the user may quote to the server's support in brackets, each
 * combination as one whole translatable sentence.
 *
 * Returns: (transfer full): "what (code C, HTTP S, request id R)"
 */
char *
kling_error_format_details (const char *what,
                            const char *server_code,
                            guint       http_status,
                            const char *request_id)
{
  gboolean has_code = server_code != NULL;
  gboolean has_http = http_status > 0 || !has_code;
  gboolean has_request_id = request_id != NULL && *request_id != '\0';

  /* Translators: in all of these, the first %s is a sentence saying what
   * went wrong; then come the server's code, the HTTP status and the
   * request id for the server's support. */
  if (has_code && has_http && has_request_id)
    return g_strdup_printf (_("%s (code %s, HTTP %u, request id %s)"),
                            what, server_code, http_status, request_id);
  if (has_code && has_http)
    return g_strdup_printf (_("%s (code %s, HTTP %u)"), what, server_code, http_status);
  if (has_code && has_request_id)
    return g_strdup_printf (_("%s (code %s, request id %s)"), what, server_code, request_id);
  if (has_code)
    return g_strdup_printf (_("%s (code %s)"), what, server_code);
  if (has_request_id)
    return g_strdup_printf (_("%s (HTTP %u, request id %s)"), what, http_status, request_id);
  return g_strdup_printf (_("%s (HTTP %u)"), what, http_status);
}

/**
 * kling_error_is_retryable:
 *
 * Whether the same request may simply be sent again later: the server was
 * busy or the network failed. (A POST needs more care: see KlingClient.)
 */
gboolean
kling_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != KLING_ERROR)
    return FALSE;
  return error->code == KLING_ERROR_SERVER ||
         error->code == KLING_ERROR_NETWORK ||
         error->code == KLING_ERROR_RATE_LIMITED;
}
