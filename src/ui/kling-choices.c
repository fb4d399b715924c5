/* kling-choices.c — how the generation choices read in the interface
 *
 * The editor's parameters, the preferences' defaults and the history's rows
 * name modes and durations the same way; a generation is named by the
 * start of its prompt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "kling-choices.h"

/* "Standard (std)": the API's word stays visible, since the docs use it. */
const char *
kling_choices_mode_label (const char *mode)
{
  if (g_strcmp0 (mode, "std") == 0)
    return _("Standard (std)");
  if (g_strcmp0 (mode, "pro") == 0)
    return _("Professional (pro)");
  return mode;
}

/* @duration: seconds as the API writes them ("5") */
char *
kling_choices_duration_label (const char *duration)
{
  /* TRANSLATORS: a video's length in seconds, as in "5 s" */
  return g_strdup_printf (_("%s s"), duration);
}

/* The position of @value in @values, or GTK_INVALID_LIST_POSITION. */
guint
kling_choices_index_of (const char * const *values,
                        const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The first @max_chars characters of @prompt, with "…" when cut; NULL when
 * there is no prompt. */
char *
kling_choices_prompt_excerpt (const char *prompt,
                              guint       max_chars)
{
  g_autofree char *start = NULL;

  if (prompt == NULL || *prompt == '\0')
    return NULL;
  if ((guint) g_utf8_strlen (prompt, -1) <= max_chars)
    return g_strdup (prompt);
  start = g_utf8_substring (prompt, 0, max_chars);
  return g_strconcat (start, "…", NULL);
}
