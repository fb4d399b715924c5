/* kling-api-call-http.c — what an API call reads from HTTP headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-api-call.h"
#include "kling-error.h"

/* Waits between attempts never exceed this, whatever the server asks. */
#define MAX_RETRY_AFTER_SECONDS (5 * 60)

GError *
kling_api_error_redirected (SoupMessage *message)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");
  g_autoptr(GUri) target = location != NULL ? g_uri_parse_relative (soup_message_get_uri (message),
                                                                    location, G_URI_FLAGS_NONE, NULL)
                                            : NULL;
  const char *host = target != NULL ? g_uri_get_host (target) : NULL;

  /* Only the host is named: a redirect URL may carry anything. */
  if (host == NULL)
    return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                        _("The server redirected the request (HTTP %u, to an unknown place); API requests are "
                          "not redirected, so that the token stays with the API base. Check the base URL"),
                        soup_message_get_status (message));
  return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                      _("The server redirected the request (HTTP %u, to %s); API requests are not redirected, "
                        "so that the token stays with the API base. Check the base URL"),
                      soup_message_get_status (message), host);
}

/* Retry-After in seconds or as an HTTP date; 0 when absent or unreadable. */
guint
kling_api_retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
    return MIN (seconds, MAX_RETRY_AFTER_SECONDS) * 1000;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  seconds = (guint64) CLAMP (g_date_time_difference (date, now) / G_TIME_SPAN_SECOND,
                             0, MAX_RETRY_AFTER_SECONDS);
  return (guint) seconds * 1000;
}
