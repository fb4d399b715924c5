/* kling-draft-private.h — what the draft's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-draft.h"

G_BEGIN_DECLS

gboolean _kling_draft_is_color (const char *text);
gboolean _kling_draft_is_default_region_name (guint       region,
                                              const char *name);

G_END_DECLS
