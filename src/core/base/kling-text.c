/* kling-text.c — lists of words joined into a translatable phrase
 *
 * "a, b or c" is built as "%s or %s" from "a, b" and "c": a translator sees
 * the whole pattern, never a lone " or ".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-text.h"

static char *
item_text (const char *item,
           const char *unit)
{
  /* Translators: a number and its unit, as in "5 s" */
  return unit != NULL ? g_strdup_printf (C_("value with unit", "%s %s"), item, unit) : g_strdup (item);
}

static char *
join (const char * const *items,
      int                 n_items,
      const char         *unit,
      gboolean            alternatives)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *last = NULL;

  if (n_items < 0)
    n_items = items != NULL ? (int) g_strv_length ((char **) items) : 0;
  if (n_items == 0)
    return g_strdup ("");

  for (int i = 0; i < n_items - 1; i++)
    {
      g_autofree char *text = item_text (items[i], unit);

      if (i > 0)
        /* Translators: the separator between items of a list but the last two */
        g_string_append (head, C_("list", ", "));
      g_string_append (head, text);
    }
  last = item_text (items[n_items - 1], unit);
  if (n_items == 1)
    return g_steal_pointer (&last);
  if (alternatives)
    /* Translators: "kling-v1, kling-v1-5 or kling-v2": the list before the
     * last item, then the last item */
    return g_strdup_printf (C_("list", "%s or %s"), head->str, last);
  /* Translators: "kling-v1, kling-v1-5 and kling-v2" */
  return g_strdup_printf (C_("list", "%s and %s"), head->str, last);
}

/**
 * kling_text_join_or:
 * @n_items: how many of @items, or -1 for a %NULL-terminated @items
 * @unit: (nullable): written after each item
 *
 * Returns: (transfer full): "a, b or c"
 */
char *
kling_text_join_or (const char * const *items,
                    int                 n_items,
                    const char         *unit)
{
  return join (items, n_items, unit, TRUE);
}

/**
 * kling_text_join_and:
 *
 * Returns: (transfer full): "a, b and c"
 */
char *
kling_text_join_and (const char * const *items,
                     int                 n_items,
                     const char         *unit)
{
  return join (items, n_items, unit, FALSE);
}
