/* kling-choices.h — how the generation choices read in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-task.h"

G_BEGIN_DECLS

const char *kling_choices_mode_label     (const char         *mode);
char       *kling_choices_duration_label (const char         *duration);
guint       kling_choices_index_of       (const char * const *values,
                                          const char         *value);
char       *kling_choices_prompt_excerpt (const char         *prompt,
                                          guint               max_chars);
char       *kling_choices_failure_reason (KlingTask          *task);
char       *kling_choices_failure_text   (KlingTask          *task);

G_END_DECLS
