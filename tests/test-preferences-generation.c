/* test-preferences-generation.c — the Preferences' "Generation" page, and each page to look at
 *
 * In the session of tests/headless-run.sh, as test-preferences.c: the
 * defaults of new compositions follow what each model allows, the download
 * folder is shown and reset, and each page is saved as a screenshot, wide
 * and narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-capabilities.h"
#include "kling-test-preferences.h"

/* The position of @model in the Model row. */
static guint
model_position (const char *model)
{
  const char * const *models = kling_capabilities_get_models ();

  for (guint i = 0; models[i] != NULL; i++)
    if (g_str_equal (models[i], model))
      return i;
  g_error ("No model %s in the capabilities", model);
  return 0;
}

static void
assert_duration_shown (Fixture    *f,
                       const char *label)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (part (f->window, "duration_row"));

  g_assert_cmpstr (gtk_string_object_get_string (item), ==, label);
}

/* The defaults of new compositions follow what the chosen model offers;
 * the download folder is shown, and reset to the Videos folder. */
static void
test_generation_defaults (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = kling_test_make_dir ("videos-out");

  open_window (f, 1280, 800);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), "generation");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (part (f->window, "mode_list"))), ==, 2);

  /* What Kling v2.6 offers, in its words. */
  adw_combo_row_set_selected (part (f->window, "model_row"), model_position ("kling-v2-6"));
  assert_setting ("default-model", "kling-v2-6");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (part (f->window, "mode_list"))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (part (f->window, "duration_list"))), ==, 2);
  adw_combo_row_set_selected (part (f->window, "duration_row"), 1);
  assert_setting ("default-duration", "10");
  assert_duration_shown (f, "10 s");

  /* Kling v3 offers every second from 3 to 15: the 10 s chosen stays. */
  adw_combo_row_set_selected (part (f->window, "model_row"), model_position ("kling-v3"));
  assert_setting ("default-model", "kling-v3");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (part (f->window, "duration_list"))), ==, 13);
  assert_setting ("default-duration", "10");
  assert_duration_shown (f, "10 s");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "download_reset_button"))));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (part (f->window, "download_row")), "The Videos folder ("));
  g_settings_set_string (test_settings, "download-folder", folder);
  g_assert_cmpstr (adw_action_row_get_subtitle (part (f->window, "download_row")), ==, folder);
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-generation-1280x800");
  click_button (GTK_WIDGET (part (f->window, "download_reset_button")));
  assert_setting ("download-folder", "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "download_reset_button"))));
}

/* Each page, wide and narrow, for people to look at (in another language
 * with KLING_TEST_LANGUAGE). */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const int sizes[][2] = { { 1280, 800 }, { 360, 800 } };
  static const char * const pages[] = { "api", "generation" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      open_window (f, sizes[i][0], sizes[i][1]);
      for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
        {
          g_autofree char *name = g_strdup_printf ("preferences-%s-%d", pages[j], sizes[i][0]);

          adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), pages[j]);
          kling_test_wait_still (GTK_WIDGET (f->window));
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, sizes[i][0]);
          kling_test_save_screenshot (GTK_WIDGET (f->window), name);
        }
      close_window (f);
    }
}

int
main (int    argc,
      char **argv)
{
  kling_test_preferences_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preferences/generation-defaults", test_generation_defaults);
  ADD ("/preferences/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}

