/* kling-choices.h — how the generation choices read in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-task.h"

G_BEGIN_DECLS

/* Whether @text has anything to show. */
static inline gboolean
kling_choices_has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

const char *kling_choices_mode_label     (const char         *mode);
char       *kling_choices_duration_label (const char         *duration);
guint       kling_choices_index_of       (const char * const *values,
                                          const char         *value);
char       *kling_choices_prompt_excerpt (const char         *prompt,
                                          guint               max_chars);
char       *kling_choices_video_file_name (KlingTask         *task);
char       *kling_choices_failure_reason (KlingTask          *task);
char       *kling_choices_failure_text   (KlingTask          *task);

GtkWidget  *kling_choices_item_new         (int                 caption_max_chars);
void        kling_choices_item_set_name    (GtkWidget          *item,
                                            const char         *name);
void        kling_choices_item_set_caption (GtkWidget          *item,
                                            const char         *caption);
void        kling_choices_item_set_checked (GtkWidget          *item,
                                            gboolean            checked);

G_END_DECLS
