/* test-params-panel.c — the generation parameters panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real panel in a window (under the Xvfb of headless-run.sh)
 * and asserts what the user sees (labels, rows shown or hidden, the
 * choices greyed out) and what the request then holds.
 */
#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-capabilities.h"
#include "kling-params-panel.h"
#include "kling-test-ui.h"

#define IMAGE_W 640
#define IMAGE_H 480

typedef struct {
  GtkWidget        *window;
  KlingParamsPanel *panel;
  KlingRequest     *request;
  guint             n_changed;
  guint             n_end_frame_requested;
} Fixture;

/* Helpers: finding widgets the way a user does, by what they show */

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
match_group_title (GtkWidget     *widget,
                   gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
match_label_prefix (GtkWidget     *widget,
                    gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  prefix)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (widget)), prefix);
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix);
}

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
match_type_name (GtkWidget     *widget,
                 gconstpointer  type_name)
{
  return widget != NULL && g_strcmp0 (g_type_name (G_TYPE_FROM_INSTANCE (widget)), type_name) == 0;
}

/* The first widget under @root that @match accepts: it must be there. */
static GtkWidget *
find_in (GtkWidget            *root,
         KlingTestWidgetMatch  match,
         const char           *text)
{
  GtkWidget *widget = kling_test_find_widget (root, match, text);

  g_assert_nonnull (widget);
  return widget;
}

static gpointer
row (Fixture    *fixture,
     const char *title)
{
  return find_in (GTK_WIDGET (fixture->panel), match_row_title, title);
}

static GtkWidget *
button (Fixture    *fixture,
        const char *label)
{
  return find_in (GTK_WIDGET (fixture->panel), match_button_label, label);
}

static GtkWidget *
visible_label (Fixture    *fixture,
               const char *prefix)
{
  return kling_test_find_widget (GTK_WIDGET (fixture->panel), match_label_prefix, prefix);
}

/* The scale inside a row, group or expander */
static GtkRange *
scale_in (GtkWidget *container)
{
  return GTK_RANGE (find_in (container, match_type_name, "GtkScale"));
}

static GtkTextBuffer *
buffer_of_group (Fixture    *fixture,
                 const char *title)
{
  GtkWidget *group = find_in (GTK_WIDGET (fixture->panel), match_group_title, title);
  GtkWidget *view = find_in (group, match_type_name, "GtkTextView");

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static GtkLabel *
counter_of_group (Fixture    *fixture,
                  const char *title)
{
  GtkWidget *group = find_in (GTK_WIDGET (fixture->panel), match_group_title, title);

  return GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group)));
}

static const char *
selected_string (AdwComboRow *combo)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (combo);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

/* Where @model is in the model list, as its name shows; a retired model is
 * listed once "Show Retired Models" is switched on, as a user would. */
static guint
model_index (Fixture    *fixture,
             const char *model)
{
  GListModel *list = adw_combo_row_get_model (row (fixture, "Model"));
  const char *name = kling_capabilities_get_display_name (model);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (list, i);

          if (g_str_equal (gtk_string_object_get_string (item), name))
            return i;
        }
      gtk_switch_set_active (GTK_SWITCH (find_in (row (fixture, "Show Retired Models"),
                                                  match_type_name, "GtkSwitch")), TRUE);
    }
  g_assert_not_reached ();
}

static void
assert_problem (Fixture    *fixture,
                const char *expected)
{
  g_autofree char *problem = kling_params_panel_get_problem (fixture->panel);

  g_assert_cmpstr (problem, ==, expected);
}

/* Test data, made at test time */

static KlingImage *
make_image (const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  KlingImage *image;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  image = kling_image_new_from_bytes (bytes, name, &error);
  g_assert_no_error (error);
  return image;
}

/* One static and one dynamic region, as the editor puts them in */
static void
paint_regions (KlingRequest *request)
{
  g_autoptr(KlingMask) still = kling_mask_new (IMAGE_W, IMAGE_H);
  g_autoptr(KlingMask) moving = kling_mask_new (IMAGE_W, IMAGE_H);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new ();
  KlingRect top = { 0, 0, IMAGE_W, 100 };
  KlingRect middle = { 200, 200, 100, 100 };

  kling_mask_fill_rect (still, &top, 255);
  kling_mask_fill_rect (moving, &middle, 255);
  kling_trajectory_append (path, 250, 250);
  kling_trajectory_append (path, 400, 260);
  kling_request_set_static_mask (request, still);
  kling_request_add_dynamic (request, moving, path);
}

static void
on_changed (KlingParamsPanel *panel,
            Fixture          *fixture)
{
  fixture->n_changed++;
}

static void
on_end_frame_requested (KlingParamsPanel *panel,
                        Fixture          *fixture)
{
  fixture->n_end_frame_requested++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KlingImage) image = make_image ("start.png");

  fixture->request = kling_request_new ();
  kling_request_set_image (fixture->request, image);
  fixture->panel = KLING_PARAMS_PANEL (kling_params_panel_new ());
  g_signal_connect (fixture->panel, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (fixture->panel, "end-frame-requested", G_CALLBACK (on_end_frame_requested), fixture);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 500);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->panel));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  kling_request_free (fixture->request);
}

/* Model, mode, duration */

static void
test_model_switch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *note = NULL;
  AdwComboRow *mode_row;

  kling_params_panel_set_request (fixture->panel, fixture->request);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_null (kling_params_panel_get_note (fixture->panel));
  mode_row = row (fixture, "Mode");
  g_assert_cmpstr (selected_string (mode_row), ==, "Standard (std)");

  /* Kling v3 takes 3 to 15 s; Kling v2.6 only 5 or 10: the request must
   * not keep 15 s, and moves to the nearest. */
  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v3"));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_null (kling_params_panel_get_note (fixture->panel));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row (fixture, "Duration"))), ==, 13);
  adw_combo_row_set_selected (row (fixture, "Duration"), 12);
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "15");
  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v2-6"));
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_cmpstr (kling_request_get_model (fixture->request), ==, "kling-v2-6");
  g_assert_cmpstr (kling_request_get_mode (fixture->request), ==, "std");
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "10");
  note = kling_params_panel_get_note (fixture->panel);
  g_assert_cmpstr (note, ==, "Kling v2.6 in std mode has no 15 s; switched to 10 s.");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (mode_row)), ==, 2);
  g_assert_cmpstr (selected_string (mode_row), ==, "Standard (std)");
  g_assert_cmpstr (selected_string (row (fixture, "Duration")), ==, "10 s");

  /* The note is said once: a change that switches nothing clears it. */
  adw_combo_row_set_selected (row (fixture, "Duration"), 0);
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "5");
  g_assert_null (kling_params_panel_get_note (fixture->panel));

  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v1"));
  g_assert_cmpstr (kling_request_get_mode (fixture->request), ==, "std");
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "5");
  adw_combo_row_set_selected (mode_row, 1);
  g_assert_cmpstr (kling_request_get_mode (fixture->request), ==, "pro");
  g_assert_cmpuint (fixture->n_changed, ==, 6);
  g_assert_null (kling_params_panel_get_problem (fixture->panel));
}

/* A draft naming a model the table does not know is brought back to a
 * valid one, and the user is told. */
static void
test_unknown_model_loaded (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *note = NULL;

  kling_request_set_model (fixture->request, "kling-v9");
  kling_request_set_cfg_scale (fixture->request, 0.4);
  kling_params_panel_set_request (fixture->panel, fixture->request);
  note = kling_params_panel_get_note (fixture->panel);
  g_assert_cmpstr (note, ==, "“kling-v9” is not a model Kling Studio knows; switched to Kling v1.");
  g_assert_cmpstr (kling_request_get_model (fixture->request), ==, "kling-v1");
  g_assert_cmpstr (selected_string (row (fixture, "Model")), ==, "Kling v1");
  g_assert_true (kling_request_validate (fixture->request, NULL));
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Guidance from a draft for a model that takes none is not sent. */
  kling_request_set_model (fixture->request, "kling-v2-master");
  kling_params_panel_set_request (fixture->panel, fixture->request);
  g_assert_false (kling_request_get_cfg_scale (fixture->request, NULL));
}

/* Guidance */

static void
test_guidance (Fixture       *fixture,
               gconstpointer  data)
{
  AdwExpanderRow *cfg_row;
  AdwActionRow *unsupported;
  double value = 0;

  kling_params_panel_set_request (fixture->panel, fixture->request);
  cfg_row = row (fixture, "Set Guidance");
  unsupported = row (fixture, "Guidance");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cfg_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (unsupported)));
  g_assert_false (kling_request_get_cfg_scale (fixture->request, NULL));

  adw_expander_row_set_enable_expansion (cfg_row, TRUE);
  g_assert_true (kling_request_get_cfg_scale (fixture->request, &value));
  g_assert_cmpfloat (value, ==, 0.5);
  gtk_range_set_value (scale_in (GTK_WIDGET (cfg_row)), 0.7);
  g_assert_true (kling_request_get_cfg_scale (fixture->request, &value));
  g_assert_cmpfloat_with_epsilon (value, 0.7, 1e-9);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v2-master"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cfg_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (unsupported)));
  g_assert_cmpstr (adw_action_row_get_subtitle (unsupported), ==, "Kling v2 Master sets guidance itself");
  g_assert_false (kling_request_get_cfg_scale (fixture->request, NULL));
  g_assert_true (kling_request_validate (fixture->request, NULL));

  /* Back on a model that takes it, the user's guidance returns. */
  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v1-6"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cfg_row)));
  g_assert_true (kling_request_get_cfg_scale (fixture->request, &value));
  g_assert_cmpfloat_with_epsilon (value, 0.7, 1e-9);

  adw_expander_row_set_enable_expansion (cfg_row, FALSE);
  g_assert_false (kling_request_get_cfg_scale (fixture->request, NULL));
}

/* Prompts */

static void
test_prompt_counter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkLabel *counter;

  kling_params_panel_set_request (fixture->panel, fixture->request);
  counter = counter_of_group (fixture, "Prompt");
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "0 / 2500");

  /* Characters, not bytes: "é" is two bytes in UTF-8. */
  for (guint i = 0; i < 2600; i++)
    g_string_append (text, "é");
  gtk_text_buffer_set_text (buffer_of_group (fixture, "Prompt"), text->str, -1);
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "2600 / 2500");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"));
  assert_problem (fixture, "The prompt has 2600 characters; Kling takes at most 2500. "
                           "Shorten it by 100.");
  /* never truncated: the user decides what to cut */
  g_assert_cmpstr (kling_request_get_prompt (fixture->request), ==, text->str);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  gtk_text_buffer_set_text (buffer_of_group (fixture, "Prompt"), "A cat wakes up", -1);
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "14 / 2500");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"));
  assert_problem (fixture, NULL);
  g_assert_cmpstr (kling_request_get_prompt (fixture->request), ==, "A cat wakes up");

  g_string_truncate (text, 0);
  for (guint i = 0; i < 2501; i++)
    g_string_append_c (text, 'x');
  gtk_text_buffer_set_text (buffer_of_group (fixture, "Negative Prompt"), text->str, -1);
  g_assert_cmpstr (gtk_label_get_text (counter_of_group (fixture, "Negative Prompt")), ==, "2501 / 2500");
  assert_problem (fixture, "The negative prompt has 2501 characters; Kling takes at most 2500. "
                           "Shorten it by 1.");
  g_assert_cmpstr (kling_request_get_negative_prompt (fixture->request), ==, text->str);
}

/* Motion brush */

static gboolean
no_problem (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *problem = kling_params_panel_get_problem (fixture->panel);

  return problem == NULL;
}

static void
test_motion_brush_fix (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *fix;

  paint_regions (fixture->request);
  kling_request_set_model (fixture->request, "kling-v2-master");
  kling_params_panel_set_request (fixture->panel, fixture->request);
  g_assert_null (kling_params_panel_get_problem (fixture->panel));
  g_assert_cmpstr (adw_action_row_get_subtitle (row (fixture, "Motion Brush")), ==,
                   "Not available with Kling v2 Master std 5 s");

  kling_params_panel_set_uses_motion_brush (fixture->panel, TRUE);
  assert_problem (fixture, "Kling v2 Master std 5 s cannot use the motion brush you painted. "
                           "Motion brush works only with Kling v1 (std or pro, 5 s).");
  g_assert_false (kling_request_validate (fixture->request, &error));
  g_assert_true (g_str_has_prefix (error->message, "Motion brush works only with"));
  g_clear_error (&error);

  fix = button (fixture, "Use ");
  g_assert_true (gtk_widget_is_visible (fix));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (fix)))), ==,
                   "Use Kling v1 Pro");
  g_signal_emit_by_name (fix, "clicked");
  g_assert_true (kling_test_wait_for (no_problem, fixture, 5000));

  g_assert_cmpstr (kling_request_get_model (fixture->request), ==, "kling-v1");
  g_assert_cmpstr (kling_request_get_mode (fixture->request), ==, "pro");
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "5");
  g_assert_true (kling_request_validate (fixture->request, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_null (kling_params_panel_get_problem (fixture->panel));
  g_assert_false (gtk_widget_is_visible (fix));
  g_assert_cmpstr (selected_string (row (fixture, "Model")), ==, "Kling v1");
  g_assert_cmpstr (selected_string (row (fixture, "Mode")), ==, "Professional (pro)");
  g_assert_cmpstr (adw_action_row_get_subtitle (row (fixture, "Motion Brush")), ==,
                   "In use: the painted regions decide what moves and what stays still");

  /* The nearest fix keeps the model and mode when they can. */
  adw_combo_row_set_selected (row (fixture, "Mode"), 0);
  adw_combo_row_set_selected (row (fixture, "Duration"), 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (fix)))), ==,
                   "Use Kling v1 Standard, 5 s");
  g_signal_emit_by_name (fix, "clicked");
  g_assert_true (kling_test_wait_for (no_problem, fixture, 5000));
  g_assert_cmpstr (kling_request_get_mode (fixture->request), ==, "std");
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "5");
  g_assert_true (kling_request_validate (fixture->request, NULL));

  /* Clearing the paint clears the warning. */
  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v2-master"));
  g_assert_nonnull (kling_params_panel_get_problem (fixture->panel));
  kling_params_panel_set_uses_motion_brush (fixture->panel, FALSE);
  g_assert_null (kling_params_panel_get_problem (fixture->panel));
}

/* End frame, camera control and motion brush exclude each other */

static void
test_controls_exclusive (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KlingImage) end = make_image ("end.png");
  g_autoptr(GError) error = NULL;
  AdwComboRow *control;
  AdwActionRow *end_row;
  GtkWidget *remove;
  double config[KLING_CAMERA_N_AXES];

  kling_request_set_model (fixture->request, "kling-v1-5");
  kling_request_set_mode (fixture->request, "pro");
  kling_params_panel_set_request (fixture->panel, fixture->request);
  control = row (fixture, "Extra Control");
  end_row = row (fixture, "End Frame");
  g_assert_cmpstr (selected_string (control), ==, "None");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (end_row)));

  /* End frame */
  adw_combo_row_set_selected (control, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (end_row)));
  g_assert_null (kling_request_get_image_tail (fixture->request));
  assert_problem (fixture, "No end frame chosen yet: choose an image, or set Extra control to None.");
  g_signal_emit_by_name (button (fixture, "_Choose"), "clicked");
  g_assert_cmpuint (fixture->n_end_frame_requested, ==, 1);
  kling_params_panel_set_end_frame (fixture->panel, end);
  g_assert_true (kling_request_get_image_tail (fixture->request) == end);
  g_assert_cmpstr (adw_action_row_get_subtitle (end_row), ==, "end.png, 640 × 480");
  assert_problem (fixture, NULL);
  g_assert_true (kling_request_validate (fixture->request, NULL));

  /* Camera control replaces the end frame in the request. */
  adw_combo_row_set_selected (control, 2);
  g_assert_null (kling_request_get_image_tail (fixture->request));
  g_assert_cmpstr (kling_request_get_camera_control (fixture->request, NULL), ==, "simple");
  assert_problem (fixture, "Camera control: choose an amount other than 0 for Horizontal.");
  adw_combo_row_set_selected (row (fixture, "Axis"), 5);
  gtk_range_set_value (scale_in (row (fixture, "Amount")), 5);
  g_assert_cmpstr (kling_request_get_camera_control (fixture->request, config), ==, "simple");
  for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
    g_assert_cmpfloat (config[i], ==, i == KLING_CAMERA_ZOOM ? 5.0 : 0.0);
  assert_problem (fixture, NULL);
  g_assert_true (kling_request_validate (fixture->request, NULL));

  /* Image-to-video takes only "simple": the presets are not offered. */
  g_assert_false (gtk_widget_get_visible (row (fixture, "Camera Movement")));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row (fixture, "Camera Movement"))), ==, 1);

  /* Painted regions: explained, and nothing of the user's is thrown away. */
  paint_regions (fixture->request);
  kling_params_panel_set_uses_motion_brush (fixture->panel, TRUE);
  assert_problem (fixture, "Motion brush is in use: clear the painted regions to use camera control");
  g_assert_cmpuint (kling_request_get_n_dynamic (fixture->request), ==, 1);
  g_assert_false (kling_request_validate (fixture->request, &error));
  g_assert_true (g_str_has_prefix (error->message, "End frame, motion brush and camera control cannot be combined"));
  g_clear_error (&error);

  adw_combo_row_set_selected (control, 1);
  assert_problem (fixture, "Motion brush is in use: clear the painted regions to use an end frame");
  g_assert_null (kling_request_get_camera_control (fixture->request, NULL));
  g_assert_true (kling_request_get_image_tail (fixture->request) == end);

  adw_combo_row_set_selected (control, 0);
  assert_problem (fixture, NULL);
  g_assert_null (kling_request_get_image_tail (fixture->request));
  g_assert_null (kling_request_get_camera_control (fixture->request, NULL));
  g_assert_true (kling_request_validate (fixture->request, NULL));

  /* The chosen end frame was kept; removing it empties the request's. */
  kling_params_panel_set_uses_motion_brush (fixture->panel, FALSE);
  kling_request_clear_dynamic (fixture->request);
  kling_request_set_static_mask (fixture->request, NULL);
  adw_combo_row_set_selected (control, 1);
  g_assert_true (kling_request_get_image_tail (fixture->request) == end);
  remove = kling_test_find_widget (GTK_WIDGET (end_row), match_tooltip, "Remove End Frame");
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_visible (remove));
  g_signal_emit_by_name (remove, "clicked");
  g_assert_null (kling_request_get_image_tail (fixture->request));
  g_assert_cmpstr (adw_action_row_get_subtitle (end_row), ==, "No image chosen yet");
  g_assert_cmpuint (fixture->n_changed, ==, 9);
}

static gboolean
popup_items_bound (gpointer data)
{
  Fixture *fixture = data;

  return visible_label (fixture, "Not with") != NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *prefix;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return visible_label (wait->fixture, wait->prefix) != NULL;
}

static gboolean
kling_test_wait_for_label (Fixture    *fixture,
                           const char *prefix)
{
  LabelWait wait = { fixture, prefix };

  return kling_test_wait_for (label_shown, &wait, 5000);
}

static gboolean
model_items_bound (gpointer data)
{
  Fixture *fixture = data;

  return visible_label (fixture, "Motion brush · End frame") != NULL;
}

/* The model list says what each model takes; retired models wait behind
 * "Show Retired Models"; the cost shows where the figure is known. */
static void
test_model_list (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwComboRow *model = NULL;
  GListModel *names;

  kling_params_panel_set_request (fixture->panel, fixture->request);
  model = row (fixture, "Model");
  names = adw_combo_row_get_model (model);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 5);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (visible_label (fixture, "Costs"))), ==,
                   "Costs 1 unit of your Kling resource pack (Kling v1 std 5 s)");

  gtk_widget_activate (GTK_WIDGET (model));
  g_assert_true (kling_test_wait_for (model_items_bound, fixture, 5000));
  g_assert_nonnull (visible_label (fixture, "End frame · Sound"));   /* v2.6, v3 */
  g_assert_nonnull (visible_label (fixture, "No motion brush, end frame or camera"));   /* v2 Master */
  g_assert_null (visible_label (fixture, "Retired"));
  gtk_popover_popdown (GTK_POPOVER (find_in (GTK_WIDGET (model), match_type_name, "GtkPopover")));

  gtk_switch_set_active (GTK_SWITCH (find_in (row (fixture, "Show Retired Models"),
                                              match_type_name, "GtkSwitch")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 9);
  g_assert_cmpstr (selected_string (model), ==, "Kling v1");
  g_assert_true (kling_test_wait_for_label (fixture, "Retired 2026-09-15 · Motion brush · End frame · Camera"));

  /* v3 pro 15 s: no published figure known, so no cost shown */
  adw_combo_row_set_selected (model, model_index (fixture, "kling-v3"));
  adw_combo_row_set_selected (row (fixture, "Duration"), 12);
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "15");
  g_assert_null (visible_label (fixture, "Costs"));
  g_assert_true (gtk_widget_get_visible (row (fixture, "Sound")));
  g_assert_cmpuint (fixture->n_changed, ==, 2);
}


/* A draft from before: a text-to-video camera preset is a problem the
 * panel names, and choosing an amount makes it "simple". */
static void
test_camera_preset_draft (Fixture       *fixture,
                          gconstpointer  data)
{
  double none[KLING_CAMERA_N_AXES] = { 0 };
  double config[KLING_CAMERA_N_AXES];

  kling_request_set_model (fixture->request, "kling-v1-5");
  kling_request_set_mode (fixture->request, "pro");
  kling_request_set_camera_control (fixture->request, "down_back", none);
  kling_params_panel_set_request (fixture->panel, fixture->request);
  assert_problem (fixture, "Camera control: “down_back” is a text-to-video preset; "
                           "image-to-video takes only “simple” (one axis)");
  gtk_range_set_value (scale_in (row (fixture, "Amount")), -4);
  g_assert_cmpstr (kling_request_get_camera_control (fixture->request, config), ==, "simple");
  g_assert_cmpfloat (config[KLING_CAMERA_HORIZONTAL], ==, -4.0);
  assert_problem (fixture, NULL);
  g_assert_true (kling_request_validate (fixture->request, NULL));
}

/* What the combination cannot do is greyed out, with the reason inline. */
static void
test_unsupported_control (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwComboRow *control;
  GtkWidget *popup_label;

  kling_request_set_duration (fixture->request, "10");
  kling_params_panel_set_request (fixture->panel, fixture->request);
  control = row (fixture, "Extra Control");
  g_assert_nonnull (visible_label (fixture, "Kling v1 std 10 s cannot use an end frame or camera control."));
  g_assert_null (kling_params_panel_get_problem (fixture->panel));

  /* In the popup, the two are insensitive and say why. */
  gtk_widget_activate (GTK_WIDGET (control));
  g_assert_true (kling_test_wait_for (popup_items_bound, fixture, 5000));
  popup_label = visible_label (fixture, "Not with Kling v1 std 10 s");
  g_assert_false (gtk_widget_is_sensitive (popup_label));
  g_assert_false (gtk_widget_is_sensitive (visible_label (fixture, "Camera control")));
  g_assert_true (gtk_widget_is_sensitive (visible_label (fixture, "None")));

  /* Chosen anyway (a draft, a script): a problem, in red. */
  adw_combo_row_set_selected (control, 1);
  assert_problem (fixture, "Kling v1 std 10 s cannot use an end frame or camera control.");

  /* Kling v1.5 pro 10 s takes an end frame but no camera control. */
  adw_combo_row_set_selected (row (fixture, "Model"), model_index (fixture, "kling-v1-5"));
  adw_combo_row_set_selected (row (fixture, "Mode"), 1);
  g_assert_cmpstr (kling_request_get_duration (fixture->request), ==, "10");
  assert_problem (fixture, "No end frame chosen yet: choose an image, or set Extra control to None.");
  g_assert_nonnull (visible_label (fixture, "Kling v1.5 pro 10 s cannot use camera control; "
                                            "it works only with Kling v1.5 (pro, 5 s), retired."));
  g_assert_true (gtk_widget_is_sensitive (visible_label (fixture, "End frame")));
}

/* Loading a request (a draft) shows every value and emits nothing. */
static void
test_refresh_from_request (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KlingRequest) other = kling_request_new ();
  g_autoptr(KlingImage) end = make_image ("last.png");
  double config[KLING_CAMERA_N_AXES] = { 0, 0, 0, 0, -3, 0 };
  GtkTextBuffer *prompt;
  g_autofree char *text = NULL;
  GtkTextIter start, stop;

  kling_request_set_prompt (fixture->request, "A kite drifts");
  kling_request_set_model (fixture->request, "kling-v1-6");
  kling_request_set_mode (fixture->request, "pro");
  kling_request_set_duration (fixture->request, "10");
  kling_request_set_cfg_scale (fixture->request, 0.3);
  kling_request_set_aspect_ratio (fixture->request, "9:16");
  kling_request_set_camera_control (fixture->request, "simple", config);
  kling_params_panel_set_request (fixture->panel, fixture->request);

  prompt = buffer_of_group (fixture, "Prompt");
  gtk_text_buffer_get_bounds (prompt, &start, &stop);
  text = gtk_text_buffer_get_text (prompt, &start, &stop, FALSE);
  g_assert_cmpstr (text, ==, "A kite drifts");
  g_assert_cmpstr (selected_string (row (fixture, "Model")), ==, "Kling v1.6");
  g_assert_cmpstr (selected_string (row (fixture, "Mode")), ==, "Professional (pro)");
  g_assert_cmpstr (selected_string (row (fixture, "Duration")), ==, "10 s");
  g_assert_true (adw_expander_row_get_enable_expansion (row (fixture, "Set Guidance")));
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (scale_in (row (fixture, "Set Guidance"))), 0.3, 1e-9);
  g_assert_cmpstr (selected_string (row (fixture, "Aspect Ratio")), ==, "9:16");
  g_assert_cmpstr (selected_string (row (fixture, "Extra Control")), ==, "Camera control");
  g_assert_cmpstr (selected_string (row (fixture, "Axis")), ==, "Roll");
  g_assert_cmpfloat (gtk_range_get_value (scale_in (row (fixture, "Amount"))), ==, -3.0);
  /* v1.6 pro 10 s takes no camera control */
  assert_problem (fixture, "Kling v1.6 pro 10 s cannot use camera control; "
                           "it works only with Kling v1.5 (pro, 5 s), retired.");
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* A request replaced from outside: everything follows. */
  kling_request_set_image_tail (other, end);
  kling_request_set_model (other, "kling-v2-1");
  kling_request_set_mode (other, "pro");
  kling_params_panel_set_request (fixture->panel, other);
  g_assert_cmpstr (selected_string (row (fixture, "Model")), ==, "Kling v2.1");
  g_assert_cmpstr (selected_string (row (fixture, "Aspect Ratio")), ==, "From image");
  g_assert_cmpstr (selected_string (row (fixture, "Extra Control")), ==, "End frame");
  g_assert_cmpstr (adw_action_row_get_subtitle (row (fixture, "End Frame")), ==, "last.png, 640 × 480");
  g_assert_cmpstr (gtk_label_get_text (counter_of_group (fixture, "Prompt")), ==, "0 / 2500");
  g_assert_false (gtk_widget_get_visible (row (fixture, "Set Guidance")));
  assert_problem (fixture, NULL);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  kling_params_panel_set_request (fixture->panel, NULL);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (row (fixture, "Model"))));
}

static gboolean
panel_allocated (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->panel)) &&
         gtk_widget_get_height (GTK_WIDGET (fixture->panel)) > 0;
}

static void
test_focus_field (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (fixture->panel));
  GtkWidget *scroller = kling_test_find_widget (GTK_WIDGET (fixture->panel), match_type_name, "GtkScrolledWindow");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *group = kling_test_find_widget (GTK_WIDGET (fixture->panel), match_group_title, "Negative Prompt");

  kling_params_panel_set_request (fixture->panel, fixture->request);
  g_assert_true (kling_test_wait_for (panel_allocated, fixture, 5000));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  kling_params_panel_focus_field (fixture->panel, "image_tail");
  g_assert_true (gtk_root_get_focus (root) == row (fixture, "Extra Control"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  kling_params_panel_focus_field (fixture->panel, "negative_prompt");
  g_assert_true (gtk_root_get_focus (root) == kling_test_find_widget (group, match_type_name, "GtkTextView"));

  kling_params_panel_focus_field (fixture->panel, "duration");
  g_assert_true (gtk_root_get_focus (root) == row (fixture, "Duration"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/params-panel/model-switch", test_model_switch);
  ADD ("/params-panel/unknown-model-loaded", test_unknown_model_loaded);
  ADD ("/params-panel/guidance", test_guidance);
  ADD ("/params-panel/prompt-counter", test_prompt_counter);
  ADD ("/params-panel/motion-brush-fix", test_motion_brush_fix);
  ADD ("/params-panel/controls-exclusive", test_controls_exclusive);
  ADD ("/params-panel/unsupported-control", test_unsupported_control);
  ADD ("/params-panel/model-list", test_model_list);
  ADD ("/params-panel/camera-preset-draft", test_camera_preset_draft);
  ADD ("/params-panel/refresh-from-request", test_refresh_from_request);
  ADD ("/params-panel/focus-field", test_focus_field);
#undef ADD

  return g_test_run ();
}
