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
      g_assert_false (kling_capabilities_supports_duration (*m, "pro", "7"));
      g_assert_false (kling_capabilities_supports_duration (*m, "pro", "05"));
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

  g_assert_cmpstr (motion, ==, "Kling v1 (std or pro, 5 s) and Kling v1.5 (pro, 5 s)");
  g_assert_cmpstr (camera, ==, "Kling v1.5 (pro, 5 s)");
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

  return g_test_run ();
}
