/* kling-jwt.h — the HS256 token Kling's official API expects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a minted token is valid, in seconds (kling-api.md §1). */
#define KLING_JWT_LIFETIME 1800

/* How far before "now" the token becomes valid, for clocks slightly off. */
#define KLING_JWT_NOT_BEFORE_MARGIN 5

char *kling_jwt_new (const char *access_key,
                     const char *secret_key,
                     gint64      now_seconds,
                     gint64      lifetime_seconds);

G_END_DECLS
