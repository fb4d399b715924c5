/* kling-text.h — lists of words joined into a translatable phrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kling_text_join_or  (const char * const *items,
                           int                 n_items,
                           const char         *unit);
char *kling_text_join_and (const char * const *items,
                           int                 n_items,
                           const char         *unit);

G_END_DECLS
