/* test-model-choice.c — choosing a model with regions painted
 *
 * Regions are painted with the real brush and trajectory tools; then Kling
 * v2.5 Turbo, which takes no motion brush, is chosen. The panel says so at
 * its top with a one-click fix, Generate is insensitive and its tooltip says
 * why; one real click on the fix makes the request valid. In English and
 * Chinese, wide (1280×800) and narrow (600 px): the screenshots are kept in
 * the build tree's tests/screenshots to be looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kling-application.h"
#include "kling-capabilities.h"
#include "kling-draft.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 480
/* One image pixel per logical pixel, 20 px margin. */
#define VIEW_X 20.0
#define VIEW_Y 20.0

static KlingApplication *test_app;

typedef struct {
  const char *language;     /* LANGUAGE for the test */
  int         width;        /* of the window */
  const char *fix_label;    /* what the fix button reads */
  const char *shot;         /* screenshot name prefix */
} Case;

/* Chinese first: GLib decides once per process whether to translate at
 * all (see main()), and an English start would make it never do. */
static const Case cases[] = {
  { "zh_CN", 1280, "改用 Kling v1 专业", "model-choice-zh_CN" },
  { "zh_CN", 600, "改用 Kling v1 专业", "model-choice-zh_CN-narrow" },
  { "en", 1280, "Use Kling v1 Pro", "model-choice-en" },
  { "en", 600, "Use Kling v1 Pro", "model-choice-en-narrow" },
};

typedef struct {
  KlingWindow *window;
  char        *dir;
} Fixture;

static char *
write_test_image (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x5a7fa0ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* The language is switched before any widget is made: textdomain() again
 * makes gettext read LANGUAGE anew. */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Case *c = data;
  g_autofree char *image = NULL;

  use_language (c->language);
  f->dir = kling_test_make_dir ("model-choice");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  image = write_test_image (f->dir);

  f->window = kling_test_window_new (test_app, c->width, 800);
  kling_test_open_image (f->window, image, VIEW_X, VIEW_Y);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->dir);
}

static GtkWidget *
canvas (Fixture *f)
{
  return GTK_WIDGET (kling_test_canvas (f->window));
}

static gboolean
is_fix_button (GtkWidget     *widget,
               gconstpointer  label)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), label) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GAction *
submit_action (Fixture *f)
{
  return g_action_map_lookup_action (G_ACTION_MAP (f->window), "submit");
}

/* One static and one dynamic region with its path, drawn as a user does. */
static void
paint_regions (Fixture *f)
{
  const double still[] = { VIEW_X + 40, VIEW_Y + 420, VIEW_X + 600, VIEW_Y + 420 };
  const double blob[] = { VIEW_X + 300, VIEW_Y + 300, VIEW_X + 330, VIEW_Y + 320 };

  kling_test_key (canvas (f), "0 b");
  kling_test_drag (canvas (f), still, 2, 1);
  kling_test_key (canvas (f), "1");
  kling_test_drag (canvas (f), blob, 2, 1);
  kling_test_key (canvas (f), "t");
  kling_test_click (canvas (f), VIEW_X + 310, VIEW_Y + 310, 1);
  kling_test_click (canvas (f), VIEW_X + 400, VIEW_Y + 250, 1);
  g_assert_true (kling_document_any_region_painted (kling_test_document (f->window)));
}

static gboolean
fix_shown (gpointer data)
{
  Fixture *f = data;
  g_autofree char *problem = kling_params_panel_get_problem (kling_test_params_panel (f->window));

  return problem != NULL && !g_action_get_enabled (submit_action (f));
}

static gboolean
fix_applied (gpointer data)
{
  Fixture *f = data;
  g_autofree char *problem = kling_params_panel_get_problem (kling_test_params_panel (f->window));

  return problem == NULL && g_action_get_enabled (submit_action (f));
}

static gboolean
flap_revealed (gpointer flap)
{
  return adw_flap_get_reveal_progress (ADW_FLAP (flap)) >= 1.0;
}

static void
test_fix (Fixture       *f,
          gconstpointer  data)
{
  const Case *c = data;
  KlingRequest *request = kling_document_get_request (kling_test_document (f->window));
  g_autofree char *problem = NULL;
  const char *tooltip;
  g_autoptr(KlingRequest) sent = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixed_shot = NULL;
  GtkWidget *panel = GTK_WIDGET (kling_test_params_panel (f->window));
  GtkWidget *model_row, *fix;
  guint turbo = GTK_INVALID_LIST_POSITION;
  GListModel *models;

  paint_regions (f);
  adw_flap_set_reveal_flap (kling_test_flap (f->window), TRUE);
  /* Clicks aim at where things are once the panel has slid in. */
  g_assert_true (kling_test_wait_for (flap_revealed, kling_test_flap (f->window), KLING_TEST_PATIENCE_MS));
  model_row = kling_test_find_widget (panel, is_row_titled, c->language[0] == 'z' ? "模型" : "Model");
  g_assert_nonnull (model_row);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, model_row, 5000));

  /* Kling v2.5 Turbo, as the drop-down names it. The popup's rows are
   * beyond what XTest helpers can aim at here (their own surface), so the
   * choice is made on the row itself. */
  models = adw_combo_row_get_model (ADW_COMBO_ROW (model_row));
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (models, i);

      if (g_str_equal (gtk_string_object_get_string (item), "Kling v2.5 Turbo"))
        turbo = i;
    }
  g_assert_cmpuint (turbo, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (model_row), turbo);
  g_assert_cmpstr (kling_request_get_model (request), ==, "kling-v2-5-turbo");

  /* The problem at the top of the panel, the fix next to it, Generate
   * insensitive and saying why. */
  g_assert_true (kling_test_wait_for (fix_shown, f, KLING_TEST_PATIENCE_MS));
  problem = kling_params_panel_get_problem (kling_test_params_panel (f->window));
  g_assert_true (g_str_has_prefix (problem, "Kling v2.5 Turbo"));
  if (strstr (problem, c->language[0] == 'z' ? "运动笔刷" : "motion brush") == NULL)
    g_error ("Untranslated: %s", problem);
  tooltip = gtk_widget_get_tooltip_text (f->window->submit_button);
  g_assert_nonnull (strstr (tooltip, problem));
  fix = kling_test_find_widget (panel, is_fix_button, c->fix_label);
  if (fix == NULL)
    g_error ("No button “%s” (the problem: %s)", c->fix_label, problem);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, fix, 5000));
  kling_params_panel_focus_field (kling_test_params_panel (f->window), "motion_brush");
  kling_test_wait_for (kling_test_widget_mapped, fix, 1000);
  kling_test_save_screenshot (GTK_WIDGET (f->window), c->shot);

  /* One click, and the request can be sent. */
  kling_test_click (fix, gtk_widget_get_width (fix) / 2.0, gtk_widget_get_height (fix) / 2.0, 1);
  g_assert_true (kling_test_wait_for (fix_applied, f, KLING_TEST_PATIENCE_MS));
  g_assert_cmpstr (kling_request_get_model (request), ==, "kling-v1");
  g_assert_cmpstr (kling_request_get_mode (request), ==, "pro");
  g_assert_cmpstr (kling_request_get_duration (request), ==, "5");
  sent = kling_draft_to_request (kling_document_get_draft (kling_test_document (f->window)), &error);
  g_assert_no_error (error);
  body = kling_request_build_body (sent, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (body, NULL),
                                   "{\"model_name\":\"kling-v1\",\"mode\":\"pro\","));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"dynamic_masks\":[{\"mask\":\""));
  kling_params_panel_focus_field (kling_test_params_panel (f->window), "duration");
  fixed_shot = g_strconcat (c->shot, "-fixed", NULL);
  kling_test_save_screenshot (GTK_WIDGET (f->window), fixed_shot);
}

int
main (int   argc,
      char *argv[])
{
  /* GLib decides on the first translation whether to translate at all:
   * it must find a catalogue then. */
  g_setenv ("LANGUAGE", cases[0].language, TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLING_LOCALE_DIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model-choice/%s/%d", cases[i].language, cases[i].width);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_fix, fixture_tear_down);
    }
  return g_test_run ();
}
