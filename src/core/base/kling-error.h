/* kling-error.h — the KLING_ERROR domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-base-enums.h"

G_BEGIN_DECLS

#define KLING_ERROR (kling_error_quark ())

/**
 * KlingError:
 *
 * Every failure the core reports. A message built by
 * kling_error_new_from_server() always carries the server's own message and
 * request id, so the user can quote them.
 */
typedef enum {
  KLING_ERROR_INVALID_INPUT,       /* refused before anything was sent */
  KLING_ERROR_NO_CREDENTIALS,      /* no token / keys configured */
  KLING_ERROR_INSECURE_URL,        /* http:// to a non-loopback host, bad URL */
  KLING_ERROR_AUTHENTICATION,      /* 1000–1004 */
  KLING_ERROR_ACCOUNT,             /* 1100, 1101 */
  KLING_ERROR_RESOURCE_EXHAUSTED,  /* 1102 */
  KLING_ERROR_PERMISSION,          /* 1103 */
  KLING_ERROR_INVALID_PARAMETERS,  /* 1200, 1201 */
  KLING_ERROR_NOT_FOUND,           /* 1202, 1203, relay task_not_exist */
  KLING_ERROR_CONTENT_REFUSED,     /* 1300, 1301, moderation failures */
  KLING_ERROR_RATE_LIMITED,        /* 1302, 1303 (after retrying) */
  KLING_ERROR_IP_NOT_ALLOWED,      /* 1304 */
  KLING_ERROR_SERVER,              /* 5000–5002, HTTP 5xx */
  KLING_ERROR_NETWORK,             /* connection, DNS, TLS */
  KLING_ERROR_PROTOCOL,            /* not JSON, truncated, too large, wrong shape */
  KLING_ERROR_TASK_FAILED,         /* the task ended in "failed" */
  KLING_ERROR_TIMEOUT,             /* gave up waiting */
  KLING_ERROR_IO,                  /* a local file could not be read or written */
  KLING_ERROR_UNCONFIRMED,         /* a create's answer was lost and the task could not be
                                    * looked up: it may exist (nothing was sent again) */
} KlingError;

GQuark kling_error_quark (void);

GError     *kling_error_new_from_server (guint        http_status,
                                         int          server_code,
                                         const char  *server_message,
                                         const char  *request_id);
KlingError  kling_error_code_for_server (guint        http_status,
                                         int          server_code);
gboolean    kling_error_is_retryable    (const GError *error);
char       *kling_error_format_details  (const char  *what,
                                         const char  *server_code,
                                         guint        http_status,
                                         const char  *request_id);

G_END_DECLS
