/* kling-task-colors.c — the regions' colours a generation was painted in
 *
 * The editor's regions have the artist's colours; a task keeps them (in
 * task.json's "region_colors", the static region first) so that the player
 * draws a generation's regions in the colours they were painted in. A task
 * written before, or a colour that is not "#rrggbb", has the defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-task-private.h"

static gboolean
is_color (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * kling_task_set_region_colors:
 * @colors: (nullable) (array length=KLING_TASK_N_REGIONS): one "#rrggbb"
 *   per region, the static region first; %NULL for the defaults
 */
void
kling_task_set_region_colors (KlingTask         *self,
                              const char *const *colors)
{
  g_return_if_fail (KLING_IS_TASK (self));

  g_clear_pointer (&self->region_colors, g_strfreev);
  if (colors == NULL)
    return;
  for (int i = 0; i < KLING_TASK_N_REGIONS; i++)
    if (!is_color (colors[i]))
      return;
  self->region_colors = g_new0 (char *, KLING_TASK_N_REGIONS + 1);
  for (int i = 0; i < KLING_TASK_N_REGIONS; i++)
    self->region_colors[i] = g_ascii_strdown (colors[i], -1);
}

/* Returns: (nullable): @region's colour, or %NULL for the default */
const char *
kling_task_get_region_color (KlingTask *self,
                             guint      region)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  g_return_val_if_fail (region < KLING_TASK_N_REGIONS, NULL);

  return self->region_colors != NULL ? self->region_colors[region] : NULL;
}

void
_kling_task_add_region_colors (KlingTask   *self,
                               JsonBuilder *builder)
{
  if (self->region_colors == NULL)
    return;
  json_builder_set_member_name (builder, "region_colors");
  json_builder_begin_array (builder);
  for (int i = 0; i < KLING_TASK_N_REGIONS; i++)
    json_builder_add_string_value (builder, self->region_colors[i]);
  json_builder_end_array (builder);
}

/* Colours are how the task looks, never a reason to refuse it: anything but
 * seven "#rrggbb" strings leaves the defaults. */
void
_kling_task_read_region_colors (KlingTask  *self,
                                JsonObject *root)
{
  const char *colors[KLING_TASK_N_REGIONS] = { NULL };
  JsonNode *node = json_object_get_member (root, "region_colors");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != KLING_TASK_N_REGIONS)
    return;
  for (guint i = 0; i < KLING_TASK_N_REGIONS; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return;
      colors[i] = json_node_get_string (element);
    }
  kling_task_set_region_colors (self, colors);
}
