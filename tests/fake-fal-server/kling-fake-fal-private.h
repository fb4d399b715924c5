/* kling-fake-fal-private.h — shared by the fake fal server's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kling-fake-fal-server.h"

G_BEGIN_DECLS

char *kling_fake_fal_detail   (const char *field,
                               const char *msg,
                               const char *type);
char *kling_fake_fal_validate (JsonObject *body);

G_END_DECLS
