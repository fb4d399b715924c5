/* test-capabilities.c — the capabilities table's key facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "kling-capabilities.h"

static void
test_models (void)
{
  const char * const expected[] = {
    "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1",
    "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3", NULL
  };
  const char * const *models = kling_capabilities_get_models ();

  g_assert_cmpstrv (models, expected);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (kling_capabilities_has_model (expected[i]));
  g_assert_false (kling_capabilities_has_model ("kling-v9"));
  g_assert_false (kling_capabilities_has_model (""));
  g_assert_false (kling_capabilities_has_model (NULL));

  g_assert_cmpstr (kling_capabilities_get_display_name ("kling-v1-5"), ==, "Kling v1.5");
  g_assert_cmpstr (kling_capabilities_get_display_name ("kling-v2-master"), ==, "Kling v2 Master");
  g_assert_cmpstr (kling_capabilities_get_display_name ("unknown"), ==, "unknown");
}

static void
test_modes_and_durations (void)
{
  g_auto(GStrv) modes = kling_capabilities_get_modes ("kling-v1");
  g_auto(GStrv) durations = kling_capabilities_get_durations ("kling-v1", "pro");
  g_auto(GStrv) none = kling_capabilities_get_modes ("nope");
  const char * const std_pro[] = { "std", "pro", NULL };
  const char * const five_ten[] = { "5", "10", NULL };
  const char * const empty[] = { NULL };

  g_assert_cmpstrv (modes, std_pro);
  g_assert_cmpstrv (durations, five_ten);
  g_assert_cmpstrv (none, empty);

  for (const char * const *m = kling_capabilities_get_models (); *m != NULL; m++)
    {
      /* every model takes pro, 5 s (the common ground of kling-api.md) */
      g_assert_true (kling_capabilities_supports_mode (*m, "pro"));
      g_assert_true (kling_capabilities_supports_duration (*m, "pro", "5"));
      g_assert_false (kling_capabilities_supports_mode (*m, "turbo"));
      g_assert_false (kling_capabilities_supports_duration (*m, "pro", "16"));
      g_assert_false (kling_capabilities_supports_duration (*m, "pro", "05"));
      g_assert_false (kling_capabilities_supports_duration (*m, "pro", "5.0"));
    }
  g_assert_true (kling_capabilities_supports_duration ("kling-v1", "std", "10"));
  g_assert_false (kling_capabilities_supports_mode ("kling-v9", "std"));
  g_assert_false (kling_capabilities_supports_mode ("kling-v1", NULL));
}

static void
test_cfg_scale (void)
{
  g_assert_true (kling_capabilities_supports_cfg_scale ("kling-v1"));
  g_assert_true (kling_capabilities_supports_cfg_scale ("kling-v1-5"));
  g_assert_true (kling_capabilities_supports_cfg_scale ("kling-v1-6"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v2-master"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v2-1"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v2-1-master"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v2-5-turbo"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v2-6"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("kling-v3"));
  g_assert_false (kling_capabilities_supports_cfg_scale ("unknown"));
}

/* kling-api.md §2: only kling-v1 (std or pro, 5 s) and kling-v1-5 (pro, 5 s) */
static void
test_motion_brush (void)
{
  const char *modes[] = { "std", "pro" };
  const char *durations[] = { "5", "10" };
  guint n_allowed = 0;

  g_assert_true (kling_capabilities_supports_motion_brush ("kling-v1", "std", "5"));
  g_assert_true (kling_capabilities_supports_motion_brush ("kling-v1", "pro", "5"));
  g_assert_true (kling_capabilities_supports_motion_brush ("kling-v1-5", "pro", "5"));
  g_assert_false (kling_capabilities_supports_motion_brush ("kling-v1", "std", "10"));
  g_assert_false (kling_capabilities_supports_motion_brush ("kling-v1-5", "std", "5"));
  g_assert_false (kling_capabilities_supports_motion_brush ("kling-v1-5", "pro", "10"));

  for (const char * const *m = kling_capabilities_get_models (); *m != NULL; m++)
    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      for (guint j = 0; j < G_N_ELEMENTS (durations); j++)
        n_allowed += kling_capabilities_supports_motion_brush (*m, modes[i], durations[j]);
  g_assert_cmpuint (n_allowed, ==, 3);
}

static void
test_other_controls (void)
{
  /* the table's (unverified) choices that the UI relies on */
  g_assert_true (kling_capabilities_supports_end_frame ("kling-v1-5", "pro", "5"));
  g_assert_false (kling_capabilities_supports_end_frame ("kling-v2-master", "pro", "5"));
  g_assert_true (kling_capabilities_supports_camera_control ("kling-v1-5", "pro", "5"));
  g_assert_false (kling_capabilities_supports_camera_control ("kling-v1", "std", "5"));
  g_assert_false (kling_capabilities_supports_end_frame ("unknown", "pro", "5"));
  g_assert_true (kling_capabilities_supports_feature ("kling-v1", "std", "5",
                                                      KLING_FEATURE_MOTION_BRUSH |
                                                      KLING_FEATURE_END_FRAME));
}

static void
test_describe (void)
{
  g_autofree char *motion = kling_capabilities_describe_feature (KLING_FEATURE_MOTION_BRUSH);
  g_autofree char *camera = kling_capabilities_describe_feature (KLING_FEATURE_CAMERA_CONTROL);

  g_autofree char *sound = kling_capabilities_describe_feature (KLING_FEATURE_SOUND);
  g_autofree char *v3 = kling_capabilities_describe_durations ("kling-v3", "std");
  g_autofree char *v1 = kling_capabilities_describe_durations ("kling-v1", "pro");

  /* kling-v1-5 is retired: left out while a served model has the feature */
  g_assert_cmpstr (motion, ==, "Kling v1 (std or pro, 5 s)");
  g_assert_cmpstr (camera, ==, "Kling v1.5 (pro, 5 s), retired");
  g_assert_cmpstr (sound, ==, "Kling v2.6 (pro, 5 s or 10 s) and Kling v3 (std or pro, 3–15 s)");
  g_assert_cmpstr (v3, ==, "3–15 s");
  g_assert_cmpstr (v1, ==, "5 s or 10 s");
}

/* kling-api.md §7: the state of late 2026 */
static void
test_late_2026 (void)
{
  g_auto(GStrv) v3 = kling_capabilities_get_durations ("kling-v3", "pro");
  g_auto(GStrv) v26 = kling_capabilities_get_modes ("kling-v2-6");
  const char * const std_pro[] = { "std", "pro", NULL };
  const char * const retired[] = { "kling-v1-5", "kling-v1-6", "kling-v2-1", "kling-v2-1-master", NULL };
  const char * const served[] = { "kling-v1", "kling-v2-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3", NULL };
  const char * const simple[] = { "simple", NULL };

  g_assert_cmpuint (g_strv_length (v3), ==, 13);
  g_assert_cmpstr (v3[0], ==, "3");
  g_assert_cmpstr (v3[12], ==, "15");
  g_assert_true (kling_capabilities_supports_duration ("kling-v3", "std", "15"));
  g_assert_false (kling_capabilities_supports_duration ("kling-v3", "std", "2"));
  g_assert_false (kling_capabilities_supports_duration ("kling-v2-6", "pro", "15"));

  /* v2.6: std silent, pro with sound; end frame only in pro, not with sound */
  g_assert_cmpstrv (v26, std_pro);
  g_assert_false (kling_capabilities_supports_sound ("kling-v2-6", "std", "5"));
  g_assert_true (kling_capabilities_supports_sound ("kling-v2-6", "pro", "10"));
  g_assert_false (kling_capabilities_supports_end_frame ("kling-v2-6", "std", "5"));
  g_assert_true (kling_capabilities_supports_end_frame ("kling-v2-6", "pro", "5"));
  g_assert_false (kling_capabilities_end_frame_with_sound ("kling-v2-6"));
  g_assert_true (kling_capabilities_end_frame_with_sound ("kling-v3"));
  g_assert_true (kling_capabilities_supports_end_frame ("kling-v3", "std", "3"));
  g_assert_true (kling_capabilities_supports_sound ("kling-v3", "std", "15"));
  g_assert_false (kling_capabilities_supports_sound ("kling-v1", "pro", "5"));

  for (guint i = 0; retired[i] != NULL; i++)
    {
      g_assert_true (kling_capabilities_is_retired (retired[i]));
      g_assert_cmpstr (kling_capabilities_get_end_of_life (retired[i]), ==, "2026-09-15");
    }
  for (guint i = 0; served[i] != NULL; i++)
    g_assert_false (kling_capabilities_is_retired (served[i]));

  g_assert_cmpstrv (kling_capabilities_get_camera_types ("kling-v1-5"), simple);
  g_assert_null (kling_capabilities_get_camera_types ("kling-v1")[0]);
  g_assert_true (kling_capabilities_get_model_features ("kling-v1") & KLING_FEATURE_MOTION_BRUSH);
  g_assert_false (kling_capabilities_get_model_features ("kling-v2-5-turbo") & KLING_FEATURE_MOTION_BRUSH);
}

static void
test_units (void)
{
  double units = 0;

  g_assert_true (kling_capabilities_get_units ("kling-v1", "std", "5", &units));
  g_assert_cmpfloat (units, ==, 1.0);
  g_assert_true (kling_capabilities_get_units ("kling-v1", "pro", "10", &units));
  g_assert_cmpfloat (units, ==, 7.0);
  /* no published figure known: nothing rather than a guess */
  g_assert_false (kling_capabilities_get_units ("kling-v3", "pro", "15", &units));
  g_assert_false (kling_capabilities_get_units ("kling-v9", "pro", "5", &units));
}

static void
check_nearest (const char   *model,
               const char   *mode,
               const char   *duration,
               KlingFeature  wanted,
               const char   *expected_mode,
               const char   *expected_duration)
{
  g_autofree char *out_mode = NULL;
  g_autofree char *out_duration = NULL;

  kling_capabilities_nearest_combination (model, mode, duration, wanted, &out_mode, &out_duration);
  g_assert_cmpstr (out_mode, ==, expected_mode);
  g_assert_cmpstr (out_duration, ==, expected_duration);
}

static void
test_nearest (void)
{
  check_nearest ("kling-v3", "std", "15", 0, "std", "15");
  check_nearest ("kling-v2-6", "std", "15", 0, "std", "10");
  check_nearest ("kling-v1", "pro", "3", 0, "pro", "5");
  /* painted regions: v1 std 10 s moves to 5 s, where the brush works */
  check_nearest ("kling-v1", "std", "10", KLING_FEATURE_MOTION_BRUSH, "std", "5");
  check_nearest ("kling-v1-5", "std", "5", KLING_FEATURE_MOTION_BRUSH, "pro", "5");
  /* no combination takes the brush: the nearest plain one */
  check_nearest ("kling-v2-5-turbo", "pro", "7", KLING_FEATURE_MOTION_BRUSH, "pro", "5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capabilities/models", test_models);
  g_test_add_func ("/capabilities/modes-and-durations", test_modes_and_durations);
  g_test_add_func ("/capabilities/cfg-scale", test_cfg_scale);
  g_test_add_func ("/capabilities/motion-brush", test_motion_brush);
  g_test_add_func ("/capabilities/other-controls", test_other_controls);
  g_test_add_func ("/capabilities/describe", test_describe);
  g_test_add_func ("/capabilities/late-2026", test_late_2026);
  g_test_add_func ("/capabilities/units", test_units);
  g_test_add_func ("/capabilities/nearest", test_nearest);

  return g_test_run ();
}
