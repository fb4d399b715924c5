/* kling-enum.h — an enum value and its nick, the word kept on disk and sent
 *
 * The nicks come from glib-mkenums (each folder's meson.build): one table per
 * enum, written by the build, never by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

const char *kling_enum_to_nick   (GType       enum_type,
                                  int         value);
gboolean    kling_enum_from_nick (GType       enum_type,
                                  const char *nick,
                                  int        *value);

G_END_DECLS
