/* kling-capabilities-load.c — reading kling-models.json into rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is data compiled into the core as a GResource, so that a
 * corrected combination or a new model is a change to kling-models.json
 * alone. It is ours, not outside input: a row that does not read is a
 * build mistake, and the test of the table fails on it.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "kling-capabilities-private.h"
#include "kling-models-resource.h"

#define MODELS_RESOURCE "/io/github/klingstudio/KlingStudio/core/kling-models.json"

static const struct {
  const char   *name;
  KlingFeature  feature;
} feature_names[] = {
  { "end_frame", KLING_FEATURE_END_FRAME },
  { "motion_brush", KLING_FEATURE_MOTION_BRUSH },
  { "camera_control", KLING_FEATURE_CAMERA_CONTROL },
  { "sound", KLING_FEATURE_SOUND },
};

static void
kling_model_row_free (KlingModelRow *row)
{
  g_free (row->name);
  g_free (row->display_name);
  g_free (row->end_of_life);
  g_strfreev (row->camera_types);
  for (guint i = 0; i < row->combos->len; i++)
    g_free (g_array_index (row->combos, KlingComboRow, i).mode);
  g_array_unref (row->combos);
  g_free (row);
}

static guint
read_features (JsonArray *array)
{
  guint features = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      for (guint f = 0; f < G_N_ELEMENTS (feature_names); f++)
        if (g_strcmp0 (feature_names[f].name, name) == 0)
          features |= feature_names[f].feature;
    }
  return features;
}

/* One combination per duration, so that lookups stay one comparison. */
static void
read_combo (KlingModelRow *row,
            JsonObject    *object)
{
  JsonArray *durations = json_object_get_array_member (object, "durations");
  JsonArray *features = json_object_has_member (object, "features")
                        ? json_object_get_array_member (object, "features") : NULL;

  for (guint i = 0; i < json_array_get_length (durations); i++)
    {
      KlingComboRow combo = { 0 };

      combo.mode = g_strdup (json_object_get_string_member (object, "mode"));
      combo.duration = (guint) json_array_get_int_element (durations, i);
      combo.features = read_features (features);
      combo.has_units = json_object_has_member (object, "units");
      if (combo.has_units)
        combo.units = json_object_get_double_member (object, "units");
      g_array_append_val (row->combos, combo);
    }
}

static GStrv
read_strings (JsonObject *object,
              const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_has_member (object, name)
                     ? json_object_get_array_member (object, name) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static KlingModelRow *
read_row (JsonObject *object)
{
  KlingModelRow *row = g_new0 (KlingModelRow, 1);
  JsonArray *combos = json_object_get_array_member (object, "combos");

  row->name = g_strdup (json_object_get_string_member (object, "name"));
  row->display_name = g_strdup (json_object_get_string_member (object, "display_name"));
  row->end_of_life = g_strdup (json_object_get_string_member_with_default (object, "end_of_life", NULL));
  row->cfg_scale = json_object_get_boolean_member_with_default (object, "cfg_scale", FALSE);
  row->end_frame_with_sound = json_object_get_boolean_member_with_default (object, "end_frame_with_sound",
                                                                           TRUE);
  row->camera_types = read_strings (object, "camera_types");
  row->combos = g_array_new (FALSE, TRUE, sizeof (KlingComboRow));
  for (guint i = 0; i < json_array_get_length (combos); i++)
    read_combo (row, json_array_get_object_element (combos, i));
  return row;
}

static GPtrArray *
load_table (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_model_row_free);
  JsonArray *models;

  bytes = g_resource_lookup_data (kling_models_get_resource (), MODELS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("The model table kling-models.json does not read: %s", error->message);

  models = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "models");
  for (guint i = 0; i < json_array_get_length (models); i++)
    g_ptr_array_add (rows, read_row (json_array_get_object_element (models, i)));
  return rows;
}

/**
 * kling_capabilities_get_table:
 *
 * Returns: (transfer none) (element-type KlingModelRow): the rows of
 *   kling-models.json in their order, read once and kept
 */
GPtrArray *
kling_capabilities_get_table (void)
{
  static GPtrArray *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_table ());
  return table;
}
