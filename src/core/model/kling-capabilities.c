/* kling-capabilities.c — which model takes which mode, duration and control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer comes from kling-models.json (read by
 * kling-capabilities-load.c): the request's checks, the parameters panel and
 * the command line all ask here, so a new model or a corrected combination
 * is a change to that data file alone. Where each fact comes from is said in
 * the file itself.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "kling-capabilities-private.h"
#include "kling-text.h"

/* The data file's display names, for xgettext: _() is applied to the names
 * read from the file, and these are their msgids. */
static const char * const display_names[] G_GNUC_UNUSED = {
  N_("Kling v1"), N_("Kling v1.5"), N_("Kling v1.6"), N_("Kling v2 Master"),
  N_("Kling v2.1"), N_("Kling v2.1 Master"), N_("Kling v2.5 Turbo"),
  N_("Kling v2.6"), N_("Kling v3"),
};

static const KlingModelRow *
find_model (const char *model)
{
  GPtrArray *table = kling_capabilities_get_table ();

  if (model == NULL)
    return NULL;
  for (guint i = 0; i < table->len; i++)
    if (g_str_equal (((KlingModelRow *) g_ptr_array_index (table, i))->name, model))
      return g_ptr_array_index (table, i);
  return NULL;
}

#define COMBO(row, i) (&g_array_index ((row)->combos, KlingComboRow, (i)))

/* "5" but not "05", "5.0" or "": durations are sent as whole-number text. */
static gboolean
parse_duration (const char *duration,
                guint      *out)
{
  char *end = NULL;
  gulong value;

  if (duration == NULL || !g_ascii_isdigit (duration[0]) || duration[0] == '0')
    return FALSE;
  value = strtoul (duration, &end, 10);
  if (*end != '\0' || value > 1000)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static const KlingComboRow *
find_combo (const char *model,
            const char *mode,
            const char *duration)
{
  const KlingModelRow *row = find_model (model);
  guint seconds;

  if (row == NULL || mode == NULL || !parse_duration (duration, &seconds))
    return NULL;
  for (guint i = 0; i < row->combos->len; i++)
    if (g_str_equal (COMBO (row, i)->mode, mode) && COMBO (row, i)->duration == seconds)
      return COMBO (row, i);
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
  static GStrv names;

  if (g_once_init_enter (&names))
    {
      GPtrArray *table = kling_capabilities_get_table ();
      GStrv list = g_new0 (char *, table->len + 1);

      for (guint i = 0; i < table->len; i++)
        list[i] = ((KlingModelRow *) g_ptr_array_index (table, i))->name;
      g_once_init_leave (&names, list);
    }
  return (const char * const *) names;
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
  const KlingModelRow *row = find_model (model);

  return row != NULL ? _(row->display_name) : model;
}

gboolean
kling_capabilities_supports_mode (const char *model,
                                  const char *mode)
{
  const KlingModelRow *row = find_model (model);

  for (guint i = 0; row != NULL && mode != NULL && i < row->combos->len; i++)
    if (g_str_equal (COMBO (row, i)->mode, mode))
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
  const KlingModelRow *row = find_model (model);

  return row != NULL && row->cfg_scale;
}

gboolean
kling_capabilities_supports_feature (const char   *model,
                                     const char   *mode,
                                     const char   *duration,
                                     KlingFeature  feature)
{
  const KlingComboRow *combo = find_combo (model, mode, duration);

  return combo != NULL && (combo->features & feature) == feature;
}

gboolean
kling_capabilities_supports_motion_brush (const char *model,
                                          const char *mode,
                                          const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration, KLING_FEATURE_MOTION_BRUSH);
}

gboolean
kling_capabilities_supports_end_frame (const char *model,
                                       const char *mode,
                                       const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration, KLING_FEATURE_END_FRAME);
}

gboolean
kling_capabilities_supports_camera_control (const char *model,
                                            const char *mode,
                                            const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration, KLING_FEATURE_CAMERA_CONTROL);
}

gboolean
kling_capabilities_supports_sound (const char *model,
                                   const char *mode,
                                   const char *duration)
{
  return kling_capabilities_supports_feature (model, mode, duration, KLING_FEATURE_SOUND);
}

/**
 * kling_capabilities_end_frame_with_sound:
 *
 * Returns: %FALSE when @model cannot take an end frame and `sound` on in
 *   one task (kling-v2-6)
 */
gboolean
kling_capabilities_end_frame_with_sound (const char *model)
{
  const KlingModelRow *row = find_model (model);

  return row == NULL || row->end_frame_with_sound;
}

/**
 * kling_capabilities_get_camera_types:
 *
 * Returns: (transfer none): the camera_control types image-to-video takes
 *   with @model ("simple" only, per kling-api.md); empty when none
 */
const char * const *
kling_capabilities_get_camera_types (const char *model)
{
  static const char * const none[] = { NULL };
  const KlingModelRow *row = find_model (model);

  return row != NULL ? (const char * const *) row->camera_types : none;
}

/**
 * kling_capabilities_get_model_features:
 *
 * Returns: the KlingFeature flags some combination of @model allows, for a
 *   menu that marks what each model can take
 */
guint
kling_capabilities_get_model_features (const char *model)
{
  const KlingModelRow *row = find_model (model);
  guint features = 0;

  for (guint i = 0; row != NULL && i < row->combos->len; i++)
    features |= COMBO (row, i)->features;
  return features;
}

/**
 * kling_capabilities_get_end_of_life:
 *
 * Returns: (nullable): the day @model stops being served, "2026-09-15"
 */
const char *
kling_capabilities_get_end_of_life (const char *model)
{
  const KlingModelRow *row = find_model (model);

  return row != NULL ? row->end_of_life : NULL;
}

/**
 * kling_capabilities_is_retired:
 *
 * Returns: whether @model's end of life has come (today, UTC). A retired
 *   model stays usable: some accounts and relays still serve it.
 */
gboolean
kling_capabilities_is_retired (const char *model)
{
  const char *end_of_life = kling_capabilities_get_end_of_life (model);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;

  if (end_of_life == NULL)
    return FALSE;
  now = g_date_time_new_now_utc ();
  today = g_date_time_format (now, "%Y-%m-%d");
  /* ISO dates compare as text */
  return strcmp (today, end_of_life) >= 0;
}

/**
 * kling_capabilities_explain_retirement:
 *
 * For a refusal of a retired model's request: the likely reason.
 *
 * Returns: (transfer full) (nullable): "Kling v1.5 was retired on
 *   2026-09-15; this server may no longer serve it.", or %NULL when @model
 *   is not retired
 */
char *
kling_capabilities_explain_retirement (const char *model)
{
  if (!kling_capabilities_is_retired (model))
    return NULL;
  return g_strdup_printf (_("%s was retired on %s; this server may no longer serve it."),
                          kling_capabilities_get_display_name (model),
                          kling_capabilities_get_end_of_life (model));
}

/**
 * kling_capabilities_get_units:
 * @out_units: (out): the cost of one video in Kling's resource-pack units
 *
 * Returns: %FALSE when the published figure is not known to us: then
 *   nothing is to be shown, rather than a guess
 */
gboolean
kling_capabilities_get_units (const char *model,
                              const char *mode,
                              const char *duration,
                              double     *out_units)
{
  const KlingComboRow *combo = find_combo (model, mode, duration);

  if (combo == NULL || !combo->has_units)
    return FALSE;
  *out_units = combo->units;
  return TRUE;
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

static GStrv
steal_strv (GPtrArray *list)
{
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (list, FALSE);
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
  const KlingModelRow *row = find_model (model);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; row != NULL && i < row->combos->len; i++)
    add_unique (list, COMBO (row, i)->mode);
  return steal_strv (list);
}

/**
 * kling_capabilities_get_durations:
 *
 * Returns: (transfer full): the durations ("5", "10"; "3" to "15" for
 *   kling-v3) @model takes in @mode, shortest first
 */
GStrv
kling_capabilities_get_durations (const char *model,
                                  const char *mode)
{
  const KlingModelRow *row = find_model (model);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; row != NULL && mode != NULL && i < row->combos->len; i++)
    if (g_str_equal (COMBO (row, i)->mode, mode))
      {
        g_autofree char *text = g_strdup_printf ("%u", COMBO (row, i)->duration);

        add_unique (list, text);
      }
  return steal_strv (list);
}

/* How far a combination is from the one asked for: a wanted control
 * missing weighs most, then another mode, then the seconds apart. */
static guint
distance (const KlingComboRow *combo,
          const char          *mode,
          guint                seconds,
          KlingFeature         wanted)
{
  guint apart = combo->duration > seconds ? combo->duration - seconds : seconds - combo->duration;

  return ((combo->features & wanted) == wanted ? 0 : 10000) +
         (g_strcmp0 (combo->mode, mode) == 0 ? 0 : 1000) + apart;
}

/**
 * kling_capabilities_nearest_combination:
 * @wanted: controls in use that the combination should allow, if @model
 *   has one that does
 * @out_mode: (out) (transfer full):
 * @out_duration: (out) (transfer full):
 *
 * The combination of @model nearest to @mode and @duration: the same when
 * @model offers it; else the same mode with the nearest duration; else the
 * other mode. For an unknown @model, @mode and @duration are kept.
 */
void
kling_capabilities_nearest_combination (const char   *model,
                                        const char   *mode,
                                        const char   *duration,
                                        KlingFeature  wanted,
                                        char        **out_mode,
                                        char        **out_duration)
{
  const KlingModelRow *row = find_model (model);
  const KlingComboRow *best = NULL;
  guint seconds = 5;

  if (!parse_duration (duration, &seconds))
    seconds = 5;
  for (guint i = 0; row != NULL && i < row->combos->len; i++)
    if (best == NULL || distance (COMBO (row, i), mode, seconds, wanted) <
                        distance (best, mode, seconds, wanted))
      best = COMBO (row, i);
  *out_mode = g_strdup (best != NULL ? best->mode : mode);
  *out_duration = best != NULL ? g_strdup_printf ("%u", best->duration) : g_strdup (duration);
}

/* "std or pro"; "5 s or 10 s"; "3–15 s" for a run of three or more seconds */
static char *
join_alternatives (GPtrArray *items)
{
  return kling_text_join_or ((const char * const *) items->pdata, items->len, NULL);
}

static char *
join_seconds (const guint *seconds,
              guint        n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean run = n >= 3;

  for (guint i = 1; run && i < n; i++)
    run = seconds[i] == seconds[i - 1] + 1;
  if (run)
    return g_strdup_printf (_("%u–%u s"), seconds[0], seconds[n - 1]);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_strdup_printf (_("%u s"), seconds[i]));
  return join_alternatives (items);
}

/* The seconds of @row's combinations in @mode having @feature (0: any). */
static char *
describe_seconds (const KlingModelRow *row,
                  const char          *mode,
                  guint                feature)
{
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < row->combos->len; i++)
    if ((mode == NULL || g_str_equal (COMBO (row, i)->mode, mode)) &&
        (COMBO (row, i)->features & feature) == feature)
      {
        gboolean seen = FALSE;

        for (guint j = 0; j < seconds->len; j++)
          seen |= g_array_index (seconds, guint, j) == COMBO (row, i)->duration;
        if (!seen)
          g_array_append_val (seconds, COMBO (row, i)->duration);
      }
  return join_seconds ((guint *) seconds->data, seconds->len);
}

/**
 * kling_capabilities_describe_durations:
 *
 * Returns: (transfer full): the durations @model takes in @mode as a user
 *   reads them: "5 s or 10 s", "3–15 s"
 */
char *
kling_capabilities_describe_durations (const char *model,
                                       const char *mode)
{
  const KlingModelRow *row = find_model (model);

  return row != NULL ? describe_seconds (row, mode, 0) : g_strdup ("");
}

/* "Kling v1 (std or pro, 5 s)": the same durations in every mode listed
 * once, else each mode with its own. NULL when no combination allows it. */
static char *
describe_model_feature (const KlingModelRow *row,
                        KlingFeature         feature)
{
  g_autoptr(GPtrArray) modes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) per_mode = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean same = TRUE;

  for (guint i = 0; i < row->combos->len; i++)
    if (COMBO (row, i)->features & feature)
      add_unique (modes, COMBO (row, i)->mode);
  if (modes->len == 0)
    return NULL;
  for (guint m = 0; m < modes->len; m++)
    {
      g_ptr_array_add (per_mode, describe_seconds (row, g_ptr_array_index (modes, m), feature));
      same &= g_str_equal (g_ptr_array_index (per_mode, m), g_ptr_array_index (per_mode, 0));
    }

  g_string_append_printf (text, "%s (", _(row->display_name));
  if (same)
    {
      g_autofree char *mode_text = join_alternatives (modes);

      g_string_append_printf (text, "%s, %s", mode_text, (char *) g_ptr_array_index (per_mode, 0));
    }
  else
    for (guint m = 0; m < modes->len; m++)
      g_string_append_printf (text, "%s%s, %s", m > 0 ? "; " : "",
                              (char *) g_ptr_array_index (modes, m),
                              (char *) g_ptr_array_index (per_mode, m));
  g_string_append_c (text, ')');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
collect_descriptions (KlingFeature  feature,
                      gboolean      retired,
                      GPtrArray    *parts)
{
  GPtrArray *table = kling_capabilities_get_table ();

  for (guint i = 0; i < table->len; i++)
    {
      const KlingModelRow *row = g_ptr_array_index (table, i);
      char *part;

      if (kling_capabilities_is_retired (row->name) != retired)
        continue;
      part = describe_model_feature (row, feature);
      if (part != NULL && retired)
        {
          char *marked = g_strdup_printf (_("%s, retired"), part);

          g_free (part);
          part = marked;
        }
      if (part != NULL)
        g_ptr_array_add (parts, part);
    }
}

/**
 * kling_capabilities_describe_feature:
 *
 * Says where @feature works, from the table, for error messages:
 * "Kling v1 (std or pro, 5 s)". Retired models are left out, unless only
 * they allow @feature: then they are named as retired.
 *
 * Returns: (transfer full): the description
 */
char *
kling_capabilities_describe_feature (KlingFeature feature)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  collect_descriptions (feature, FALSE, parts);
  if (parts->len == 0)
    collect_descriptions (feature, TRUE, parts);
  return kling_text_join_and ((const char * const *) parts->pdata, parts->len, NULL);
}
