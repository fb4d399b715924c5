/* kling-capabilities.c — which model takes which mode, duration and control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per model of kling-api.md §2. The request's checks and the UI's
 * choices are all driven by this table, so a new model or a corrected
 * combination is a one-line change here.
 *
 * What kling-api.md states: the model names; modes std/pro; durations "5"
 * and "10"; cfg_scale only for v1, v1-5, v1-6; motion brush only for
 * kling-v1 (std or pro, 5 s) and kling-v1-5 (pro, 5 s). Everything else
 * (which models lack std, end frame and camera control per combination) is
 * marked unverified: it follows Kling's published capability map as best we
 * know it and is our design choice until confirmed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-text.h"

#define EF KLING_FEATURE_END_FRAME
#define MB KLING_FEATURE_MOTION_BRUSH
#define CC KLING_FEATURE_CAMERA_CONTROL

#define MAX_COMBOS 4

typedef struct {
  const char *mode;
  const char *duration;
  guint       features;   /* KlingFeature flags */
} KlingCombo;

typedef struct {
  const char *name;
  const char *display_name;
  gboolean    cfg_scale;
  KlingCombo  combos[MAX_COMBOS];   /* ends at the first NULL mode */
} KlingModelCaps;

static const KlingModelCaps model_table[] = {
  { "kling-v1", N_("Kling v1"), TRUE, {
      { "std", "5",  MB | EF /* end frame: unverified */ },
      { "std", "10", 0 },
      { "pro", "5",  MB | EF /* end frame: unverified */ },
      { "pro", "10", 0 },
  } },
  { "kling-v1-5", N_("Kling v1.5"), TRUE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  MB | EF | CC /* end frame, camera: unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
  { "kling-v1-6", N_("Kling v1.6"), TRUE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  EF /* unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
  /* The master models have one quality level; both modes are accepted.
   * unverified */
  { "kling-v2-master", N_("Kling v2 Master"), FALSE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  0 },
      { "pro", "10", 0 },
  } },
  { "kling-v2-1", N_("Kling v2.1"), FALSE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  EF /* unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
  { "kling-v2-1-master", N_("Kling v2.1 Master"), FALSE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  0 },
      { "pro", "10", 0 },
  } },
  { "kling-v2-5-turbo", N_("Kling v2.5 Turbo"), FALSE, {
      { "std", "5",  0 },
      { "std", "10", 0 },
      { "pro", "5",  EF /* unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
  /* unverified: pro only */
  { "kling-v2-6", N_("Kling v2.6"), FALSE, {
      { "pro", "5",  EF /* unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
  /* unverified: longer durations may exist; only 5 and 10 are listed */
  { "kling-v3", N_("Kling v3"), FALSE, {
      { "std", "5",  EF /* unverified */ },
      { "std", "10", EF /* unverified */ },
      { "pro", "5",  EF /* unverified */ },
      { "pro", "10", EF /* unverified */ },
  } },
};

static const char * const model_names[] = {
  "kling-v1",
  "kling-v1-5",
  "kling-v1-6",
  "kling-v2-master",
  "kling-v2-1",
  "kling-v2-1-master",
  "kling-v2-5-turbo",
  "kling-v2-6",
  "kling-v3",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (model_names) == G_N_ELEMENTS (model_table) + 1);

static const KlingModelCaps *
find_model (const char *model)
{
  if (model == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (model_table); i++)
    if (g_str_equal (model_table[i].name, model))
      return &model_table[i];
  return NULL;
}

static const KlingCombo *
find_combo (const char *model,
            const char *mode,
            const char *duration)
{
  const KlingModelCaps *caps = find_model (model);

  if (caps == NULL || mode == NULL || duration == NULL)
    return NULL;
  for (guint i = 0; i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
    if (g_str_equal (caps->combos[i].mode, mode) &&
        g_str_equal (caps->combos[i].duration, duration))
      return &caps->combos[i];
  return NULL;
}

/**
 * kling_capabilities_get_models:
 *
 * Returns: (transfer none): the model names in the order a menu shows them
 */
const char * const *
kling_capabilities_get_models (void)
{
  return model_names;
}

gboolean
kling_capabilities_has_model (const char *model)
{
  return find_model (model) != NULL;
}

/**
 * kling_capabilities_get_display_name:
 *
 * Returns: the translated name to show for @model, or @model itself when it
 *   is not in the table
 */
const char *
kling_capabilities_get_display_name (const char *model)
{
  const KlingModelCaps *caps = find_model (model);

  return caps != NULL ? _(caps->display_name) : model;
}

gboolean
kling_capabilities_supports_mode (const char *model,
                                  const char *mode)
{
  const KlingModelCaps *caps = find_model (model);

  if (caps == NULL || mode == NULL)
    return FALSE;
  for (guint i = 0; i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
    if (g_str_equal (caps->combos[i].mode, mode))
      return TRUE;
  return FALSE;
}

gboolean
kling_capabilities_supports_duration (const char *model,
                                      const char *mode,
                                      const char *duration)
{
  return find_combo (model, mode, duration) != NULL;
}

gboolean
kling_capabilities_supports_cfg_scale (const char *model)
{
  const KlingModelCaps *caps = find_model (model);

  return caps != NULL && caps->cfg_scale;
}

gboolean
kling_capabilities_supports_feature (const char   *model,
                                     const char   *mode,
                                     const char   *duration,
                                     KlingFeature  feature)
{
  const KlingCombo *combo = find_combo (model, mode, duration);

  return combo != NULL && (combo->features & feature) == feature;
}

gboolean
kling_capabilities_supports_motion_brush (const char *model,
                                          const char *mode,
                                          const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration,
                                              KLING_FEATURE_MOTION_BRUSH);
}

gboolean
kling_capabilities_supports_end_frame (const char *model,
                                       const char *mode,
                                       const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration,
                                              KLING_FEATURE_END_FRAME);
}

gboolean
kling_capabilities_supports_camera_control (const char *model,
                                            const char *mode,
                                            const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration,
                                              KLING_FEATURE_CAMERA_CONTROL);
}

static void
add_unique (GPtrArray  *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), value))
      return;
  g_ptr_array_add (list, g_strdup (value));
}

/**
 * kling_capabilities_get_modes:
 *
 * Returns: (transfer full): the modes @model takes, in table order; empty for
 *   an unknown model
 */
GStrv
kling_capabilities_get_modes (const char *model)
{
  const KlingModelCaps *caps = find_model (model);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; caps != NULL && i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
    add_unique (list, caps->combos[i].mode);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/**
 * kling_capabilities_get_durations:
 *
 * Returns: (transfer full): the durations ("5", "10") @model takes in @mode
 */
GStrv
kling_capabilities_get_durations (const char *model,
                                  const char *mode)
{
  const KlingModelCaps *caps = find_model (model);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; caps != NULL && i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
    if (mode != NULL && g_str_equal (caps->combos[i].mode, mode))
      add_unique (list, caps->combos[i].duration);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* "std or pro", "5 s or 10 s" */
static char *
join_alternatives (GPtrArray  *items,
                   const char *unit)
{
  return kling_text_join_or ((const char * const *) items->pdata, items->len, unit);
}

/* "Kling v1.5 (pro, 5 s)"; the combinations allowing @feature are assumed to
 * form a full modes × durations grid, else each mode is listed on its own. */
static char *
describe_model_feature (const KlingModelCaps *caps,
                        KlingFeature          feature)
{
  g_autoptr(GPtrArray) modes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) durations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *mode_text = NULL;
  g_autofree char *duration_text = NULL;
  guint n_combos = 0;

  for (guint i = 0; i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
    if (caps->combos[i].features & feature)
      {
        add_unique (modes, caps->combos[i].mode);
        add_unique (durations, caps->combos[i].duration);
        n_combos++;
      }
  if (n_combos == 0)
    return NULL;

  g_string_append_printf (text, "%s (", _(caps->display_name));
  if (n_combos == modes->len * durations->len)
    {
      mode_text = join_alternatives (modes, NULL);
      duration_text = join_alternatives (durations, "s");
      g_string_append_printf (text, "%s, %s", mode_text, duration_text);
    }
  else
    {
      for (guint m = 0; m < modes->len; m++)
        {
          g_autoptr(GPtrArray) allowed = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *allowed_text = NULL;
          const char *mode = g_ptr_array_index (modes, m);

          for (guint i = 0; i < MAX_COMBOS && caps->combos[i].mode != NULL; i++)
            if ((caps->combos[i].features & feature) &&
                g_str_equal (caps->combos[i].mode, mode))
              add_unique (allowed, caps->combos[i].duration);
          allowed_text = join_alternatives (allowed, "s");
          g_string_append_printf (text, "%s%s, %s", m > 0 ? "; " : "",
                                  mode, allowed_text);
        }
    }
  g_string_append_c (text, ')');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kling_capabilities_describe_feature:
 *
 * Says where @feature works, from the table, for error messages:
 * "Kling v1 (std or pro, 5 s) and Kling v1.5 (pro, 5 s)".
 *
 * Returns: (transfer full): the description
 */
char *
kling_capabilities_describe_feature (KlingFeature feature)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (model_table); i++)
    {
      char *part = describe_model_feature (&model_table[i], feature);

      if (part != NULL)
        g_ptr_array_add (parts, part);
    }

  return kling_text_join_and ((const char * const *) parts->pdata, parts->len, NULL);
}
