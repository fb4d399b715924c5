/* kling-fake-fal-private.h — shared by the fake fal server's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kling-fake-fal-server.h"
#include "kling-fake-render.h"

G_BEGIN_DECLS

char *kling_fake_fal_detail   (const char *field,
                               const char *msg,
                               const char *type);
char *kling_fake_fal_validate (JsonObject *body);

/* kling-fake-fal-render.c: the render of a validated body; %NULL with
 * @failure (the result's 422 body) for a file given as a URL, which this
 * fake does not fetch. */
KlingFakeRender *kling_fake_fal_render_of (JsonObject  *body,
                                           char       **failure);

G_END_DECLS
