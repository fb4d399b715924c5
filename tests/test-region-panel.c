/* test-region-panel.c — the side panel an artist works in, with real input
 *
 * A region's colour and opacity chosen from its swatch reach the canvas's
 * pixels, the undo history and the draft on disk; the region list is one
 * Tab stop per row and the focus passing over it chooses nothing; the list
 * folds, and remembers it; screenshots of the panel over a busy, hazy
 * picture, wide and narrow (KLING_TEST_LANGUAGE=zh_CN for Chinese).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kling-region-swatch.h"
#include "kling-test-images.h"
#include "kling-test-regions.h"

static KlingApplication *test_app;

static gboolean
is_region_swatch (GtkWidget     *widget,
                  gconstpointer  region)
{
  GtkWidget *row;

  if (!KLING_IS_REGION_SWATCH (widget))
    return FALSE;
  row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == GPOINTER_TO_INT (region);
}

static KlingRegionSwatch *
swatch_of (Fixture *f,
           int      region)
{
  GtkWidget *swatch = kling_test_find_widget (region_list (f), is_region_swatch, GINT_TO_POINTER (region));

  g_assert_nonnull (swatch);
  return KLING_REGION_SWATCH (swatch);
}

static gboolean
is_shown_type (GtkWidget     *widget,
               gconstpointer  type_name)
{
  return gtk_widget_get_mapped (widget) && g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name);
}

static void
collect_palette (GtkWidget *widget,
                 GPtrArray *found)
{
  if (is_shown_type (widget, "GtkColorSwatch") && !gtk_widget_has_css_class (widget, "custom"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_palette (child, found);
}

/* A popover is an X window of its own: the pointer goes there (and with
 * it, with no window manager, the keyboard). */
static void
in_popover (GtkWidget  *widget,
            double      x,
            double      y,
            const char *action,
            const char *what)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  int wx, wy;

  kling_test_widget_to_window (widget, x, y, &wx, &wy);
  sx = g_strdup_printf ("%d", wx);
  sy = g_strdup_printf ("%d", wy);
  kling_test_xdotool ("mousemove", "--window", xid, sx, sy, action, what, NULL);
  kling_test_settle ();
}

static void
click_in_popover (GtkWidget *widget,
                  double     x,
                  double     y)
{
  in_popover (widget, x, y, "click", "1");
}

static void
canvas_pixel (Fixture *f,
              double   x,
              double   y,
              guint8   rgba[4])
{
  g_autoptr(GdkTexture) texture = NULL;

  kling_test_wait_frame (canvas (f));
  texture = kling_test_snapshot (canvas (f));
  kling_test_pixel (texture, (int) x, (int) y, rgba);
}

static gboolean
close_to (const guint8 rgba[4],
          const GdkRGBA *expected)
{
  return ABS (rgba[0] - expected->red * 255) < 12 && ABS (rgba[1] - expected->green * 255) < 12 &&
         ABS (rgba[2] - expected->blue * 255) < 12;
}

/* Opens region 1's swatch, picks a green from the palette with the
 * pointer, and pushes the opacity to the end with the keys. */
static void
choose_green (Fixture  *f,
              GdkRGBA  *chosen)
{
  KlingRegionSwatch *swatch = swatch_of (f, 1);
  GtkWidget *popover = kling_region_swatch_get_popover (swatch);
  GtkWidget *chooser, *scale;
  g_autoptr(GPtrArray) palette = g_ptr_array_new ();

  kling_test_wait_still (GTK_WIDGET (swatch));
  click_middle (GTK_WIDGET (swatch));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, popover, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (popover);
  chooser = kling_test_find_widget (popover, kling_test_match_type, (gconstpointer) GTK_TYPE_COLOR_CHOOSER_WIDGET);
  /* the opacity, under the chooser (whose editor has scales of its own) */
  scale = gtk_widget_get_last_child (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_assert_true (GTK_IS_SCALE (scale));
  collect_palette (chooser, palette);
  g_assert_cmpuint (palette->len, >=, 20);
  for (guint i = 0; i < palette->len; i++)
    {
      GtkWidget *colour = g_ptr_array_index (palette, i);

      click_in_popover (colour, gtk_widget_get_width (colour) / 2.0, gtk_widget_get_height (colour) / 2.0);
      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (chooser), chosen);
      if (chosen->green > 0.6 && chosen->red < 0.5 && chosen->blue < 0.7)
        break;
    }
  g_assert_cmpfloat (chosen->green, >, chosen->red);
  click_in_popover (scale, 10, gtk_widget_get_height (scale) / 2.0);
  in_popover (scale, 10, gtk_widget_get_height (scale) / 2.0, "key", "End");
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 100);
  in_popover (scale, 10, gtk_widget_get_height (scale) / 2.0, "key", "Escape");
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, gtk_widget_get_parent (popover), KLING_TEST_PATIENCE_MS));
}

/* The swatch's colour and opacity reach the canvas, are one undo step, and
 * are kept in the draft file and come back from it. */
static void
test_colour (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "colours.klingdraft", NULL);
  g_autofree char *hex = NULL;
  g_autoptr(KlingDraft) saved = NULL;
  g_autoptr(GError) error = NULL;
  KlingDocument *document = kling_test_document (f->window);
  double x = VIEW_X + 250, y = VIEW_Y + 200;
  g_autofree char *first = g_strdup (kling_document_get_region (document, 1)->color);
  GdkRGBA chosen, red;
  guint8 rgba[4];

  paint_region_1 (f);
  gdk_rgba_parse (&red, first);
  canvas_pixel (f, x, y, rgba);
  g_assert_false (close_to (rgba, &red));   /* half opaque: picture shows through */

  choose_green (f, &chosen);
  hex = g_strdup_printf ("#%02x%02x%02x", (int) (chosen.red * 255 + 0.5),
                         (int) (chosen.green * 255 + 0.5), (int) (chosen.blue * 255 + 0.5));
  g_assert_cmpstr (kling_document_get_region (document, 1)->color, ==, hex);
  g_assert_cmpint (kling_document_get_region (document, 1)->opacity, ==, 100);
  canvas_pixel (f, x, y, rgba);
  g_assert_true (close_to (rgba, &chosen));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "region-panel-colour");

  /* All that was tried in the popover is one step. */
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_cmpint (kling_document_get_region (document, 1)->opacity, ==, KLING_DRAFT_DEFAULT_OPACITY);
  g_assert_cmpstr (kling_document_get_region (document, 1)->color, ==, first);
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (document, 1)));
  kling_test_key (canvas (f), "ctrl+shift+z");
  g_assert_cmpstr (kling_document_get_region (document, 1)->color, ==, hex);

  /* Saved, and read back into the editor. */
  g_assert_true (kling_window_save_draft (f->window, path, &error));
  g_assert_no_error (error);
  saved = kling_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->regions[1].color, ==, hex);
  g_assert_cmpint (saved->regions[1].opacity, ==, 100);
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_true (kling_window_load_draft (f->window, path, &error));
  g_assert_no_error (error);
  document = kling_test_document (f->window);
  g_assert_cmpstr (kling_document_get_region (document, 1)->color, ==, hex);
  kling_canvas_set_view (kling_test_canvas (f->window), 1.0, VIEW_X, VIEW_Y);
  canvas_pixel (f, x, y, rgba);
  g_assert_true (close_to (rgba, &chosen));
}

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static GtkWidget *
row_widget (Fixture *f,
            int      region)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (swatch_of (f, region)), GTK_TYPE_LIST_BOX_ROW);
}

/* One Tab per row from the first row to the prompt; the focus passing over
 * the rows (Tab, arrows) leaves the chosen region; Enter on a row, or a
 * click, chooses it. */
static void
test_tab_stops (Fixture       *f,
                gconstpointer  data)
{
  KlingRegionList *list = kling_test_region_list (f->window);
  guint tabs = 0;

  kling_test_key (canvas (f), "2");
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 2);
  kling_test_key (canvas (f), "F6");
  g_assert_true (focus_of (f) == row_widget (f, 2));
  kling_test_key (region_list (f), "Home");
  g_assert_true (focus_of (f) == row_widget (f, 0));
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 2);

  while (!GTK_IS_TEXT_VIEW (focus_of (f)) && tabs < 30)
    {
      kling_test_key (GTK_WIDGET (f->window), "Tab");
      tabs++;
      if (tabs < KLING_N_REGIONS)
        g_assert_true (focus_of (f) == row_widget (f, tabs));
    }
  /* Six more rows, then the prompt. */
  g_assert_cmpuint (tabs, ==, KLING_N_REGIONS);
  g_assert_true (gtk_widget_is_ancestor (focus_of (f), GTK_WIDGET (kling_test_params_panel (f->window))));
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 2);

  /* Back into the list, and the arrows: still nothing chosen until Enter. */
  kling_test_key (GTK_WIDGET (f->window), "shift+Tab");
  g_assert_true (focus_inside (focus_of (f), row_widget (f, 6)));
  kling_test_key (GTK_WIDGET (f->window), "shift+Tab Up");
  g_assert_true (focus_of (f) == row_widget (f, 4));
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 2);
  kling_test_key (GTK_WIDGET (f->window), "Return");
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 4);
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 4);

  /* Sideways, the arrows reach the row's buttons, which Tab skips. */
  kling_test_key (GTK_WIDGET (f->window), "Right");
  g_assert_true (gtk_widget_is_ancestor (focus_of (f), row_widget (f, 4)));
  kling_test_key (GTK_WIDGET (f->window), "Tab");
  g_assert_true (focus_of (f) == row_widget (f, 5));

  /* A click chooses. */
  click_middle (gtk_widget_get_ancestor (GTK_WIDGET (gtk_widget_get_next_sibling (GTK_WIDGET (swatch_of (f, 6)))),
                                         GTK_TYPE_BOX));
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 6);
}

static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
not_mapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* The heading folds the list; the app remembers it; folded, the heading
 * names the chosen region. */
static void
test_fold (Fixture       *f,
           gconstpointer  data)
{
  GSettings *settings = kling_application_get_settings (test_app);
  KlingRegionList *list = kling_test_region_list (f->window);
  GtkWidget *expander = kling_test_find_widget (region_list (f), kling_test_match_type,
                                                (gconstpointer) GTK_TYPE_EXPANDER);
  GtkWidget *heading = gtk_expander_get_label_widget (GTK_EXPANDER (expander));

  GtkWidget *first_row = row_widget (f, 0);

  g_assert_true (g_settings_get_boolean (settings, "editor-regions-expanded"));
  kling_test_key (canvas (f), "3");
  kling_test_click (heading, 20, gtk_widget_get_height (heading) / 2.0, 1);
  g_assert_true (kling_test_wait_for (not_mapped, first_row, KLING_TEST_PATIENCE_MS));
  g_assert_false (kling_region_list_get_expanded (list));
  g_assert_false (g_settings_get_boolean (settings, "editor-regions-expanded"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "region-panel-folded");

  /* Keys still choose regions while the list is folded. */
  kling_test_key (canvas (f), "5");
  g_assert_cmpint (kling_region_list_get_selected (list), ==, 5);
  g_assert_nonnull (kling_test_find_widget (expander, is_shown_label, "Region 5"));

  g_settings_set_boolean (settings, "editor-regions-expanded", TRUE);
  g_assert_true (kling_region_list_get_expanded (list));
}

static GtkAdjustment *
panel_adjustment (Fixture *f)
{
  GtkWidget *scroller = kling_test_find_widget (GTK_WIDGET (kling_test_params_panel (f->window)),
                                                kling_test_match_type, (gconstpointer) GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

typedef struct {
  GtkAdjustment *adjustment;
  double         value;
  gboolean       down;
} Moved;

static gboolean
moved (gpointer data)
{
  Moved *m = data;
  double now = gtk_adjustment_get_value (m->adjustment);

  return m->down ? now > m->value + 10 : now < m->value - 10;
}

/* A wheel over a prompt box that has nothing more to scroll scrolls the
 * panel, down and back up. */
static void
test_wheel_over_text (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (kling_test_params_panel (f->window));
  GtkWidget *prompt = kling_test_find_widget (panel, kling_test_match_type, (gconstpointer) GTK_TYPE_TEXT_VIEW);
  GtkAdjustment *adjustment = panel_adjustment (f);
  Moved m = { adjustment, gtk_adjustment_get_value (adjustment), TRUE };

  g_assert_nonnull (prompt);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 100);
  kling_test_click (prompt, 40, 20, 5);
  g_assert_true (kling_test_wait_for (moved, &m, KLING_TEST_PATIENCE_MS));

  m = (Moved) { adjustment, gtk_adjustment_get_value (adjustment), FALSE };
  kling_test_click (prompt, 40, 20, 4);
  g_assert_true (kling_test_wait_for (moved, &m, KLING_TEST_PATIENCE_MS));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_shown_item (GtkWidget     *widget,
               gconstpointer  data)
{
  return is_shown_type (widget, "GtkListItemWidget") &&
         !gtk_widget_has_css_class (widget, "kling-test-skip") &&
         (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED) == 0;
}

static GtkWidget *
popover_of (GtkWidget *row)
{
  return kling_test_find_widget (row, kling_test_match_type, (gconstpointer) GTK_TYPE_POPOVER);
}

/* A choice made with the pointer in a row cut by the panel's lower edge:
 * the panel stays where the artist put it, while the list is open and
 * after. With the keys, the focus is still brought into view. */
static void
test_choice_keeps_still (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (kling_test_params_panel (f->window));
  GtkWidget *row = kling_test_find_widget (panel, is_row_titled, "Duration");
  GtkAdjustment *adjustment = panel_adjustment (f);
  GtkWidget *popover, *item;
  graphene_rect_t bounds;
  double value;

  GtkWidget *content;

  g_assert_nonnull (row);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (kling_test_find_widget (
              panel, kling_test_match_type, (gconstpointer) GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_true (gtk_widget_compute_bounds (row, content, &bounds));
  /* The row's lower half below the panel's edge. */
  value = bounds.origin.y + bounds.size.height / 2 - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, value);
  value = gtk_adjustment_get_value (adjustment);
  kling_test_wait_still (panel);
  kling_test_click (row, 30, bounds.size.height / 4, 1);
  popover = popover_of (row);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, popover, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (popover);
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (adjustment) - value), <, 1);
  item = kling_test_find_widget (popover, is_shown_item, NULL);
  g_assert_nonnull (item);
  click_in_popover (item, gtk_widget_get_width (item) / 2.0, gtk_widget_get_height (item) / 2.0);
  g_assert_true (kling_test_wait_for (not_mapped, popover, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (panel);
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (adjustment) - value), <, 1);

  /* Tab from the prompt down to the row: the panel shows it. */
  gtk_adjustment_set_value (adjustment, 0);
  for (int i = 0; i < 3 && !GTK_IS_TEXT_VIEW (focus_of (f)); i++)
    kling_test_key (canvas (f), "F6");
  g_assert_true (GTK_IS_TEXT_VIEW (focus_of (f)));
  for (int i = 0; i < 20 && !focus_inside (focus_of (f), row); i++)
    kling_test_key (GTK_WIDGET (f->window), "Tab");
  g_assert_true (focus_inside (focus_of (f), row));
  kling_test_wait_still (panel);
  g_assert_true (gtk_widget_compute_bounds (row, content, &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) + 1);
}

static const char *
language (void)
{
  return g_getenv ("KLING_TEST_LANGUAGE") != NULL ? g_getenv ("KLING_TEST_LANGUAGE") : "en";
}

static void
screenshot (Fixture    *f,
            const char *what)
{
  g_autofree char *name = g_strdup_printf ("region-panel-%s-%s", what, language ());

  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), name);
}

/* The whole screen, for what is drawn in popovers. */
static void
screenshot_screen (const char *what)
{
  g_autoptr(GdkPixbuf) screen = kling_test_grab_screen ();
  g_autofree char *name = g_strdup_printf ("region-panel-%s-%s.png", what, language ());
  g_autofree char *path = NULL;

  if (g_getenv ("KLING_TEST_SCREENSHOT_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("KLING_TEST_SCREENSHOT_DIR"), name, NULL);
  g_assert_true (gdk_pixbuf_save (screen, path, "png", NULL, NULL));
}

static void
paint_blob (KlingDocument *document,
            int            region,
            double         x0,
            double         y0,
            double         x1,
            double         y1,
            double         radius)
{
  kling_document_begin_mask_edit (document, region, "Brush");
  kling_document_paint_line (document, x0, y0, x1, y1, radius, 0.9, FALSE);
  kling_document_end_mask_edit (document);
}

typedef struct {
  Fixture *f;
  int      width;
} Width;

static gboolean
window_width_is (gpointer data)
{
  Width *w = data;

  return ABS (gtk_widget_get_width (GTK_WIDGET (w->f->window)) - w->width) <= 20;
}

/* Where the page switcher is shown, in the window's coordinates. */
static graphene_rect_t
switcher_bounds (Fixture *f)
{
  GtkWidget *switcher = kling_test_find_widget (GTK_WIDGET (f->window), is_shown_type, "AdwViewSwitcher");
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  g_assert_nonnull (switcher);
  g_assert_true (gtk_widget_compute_bounds (switcher, GTK_WIDGET (f->window), &bounds));
  return bounds;
}

static gboolean
is_wide_picture (gpointer data)
{
  Fixture *f = data;

  return kling_document_get_width (kling_test_document (f->window)) == 1280;
}

/* A busy, hazy picture with regions painted in tints near its own colours,
 * wide and at 600 px; the switcher stays in one place across pages. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_hazy_kite (1280, 720);
  g_autofree char *path = g_build_filename (f->dir, "hazy-kite.png", NULL);
  KlingDocument *document;
  GtkWidget *popover;
  graphene_rect_t editor_switcher, generations_switcher;
  Width narrow = { f, 600 };

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  kling_test_open_image (f->window, path, 0, 0);
  /* The fixture's picture was open already: wait for this one. */
  g_assert_true (kling_test_wait_for (is_wide_picture, f, KLING_TEST_PATIENCE_MS));
  kling_canvas_zoom_to_fit (kling_test_canvas (f->window));
  document = kling_test_document (f->window);
  paint_blob (document, 0, 100, 150, 500, 120, 90);
  paint_blob (document, 1, 760, 200, 820, 230, 50);
  paint_blob (document, 2, 200, 640, 1100, 620, 60);
  paint_blob (document, 6, 880, 180, 900, 200, 30);
  kling_test_key (canvas (f), "1");
  screenshot (f, "wide");

  kling_test_wait_still (GTK_WIDGET (swatch_of (f, 1)));
  click_middle (GTK_WIDGET (swatch_of (f, 1)));
  popover = kling_region_swatch_get_popover (swatch_of (f, 1));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, popover, KLING_TEST_PATIENCE_MS));
  kling_test_wait_still (popover);
  screenshot_screen ("swatch");
  in_popover (popover, 10, 10, "key", "Escape");
  g_assert_true (kling_test_wait_for (not_mapped, popover, KLING_TEST_PATIENCE_MS));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 800);
  g_assert_true (kling_test_wait_for (window_width_is, &narrow, KLING_TEST_PATIENCE_MS));
  adw_flap_set_reveal_flap (kling_test_flap (f->window), TRUE);
  g_assert_true (kling_test_wait_for (flap_revealed, f, KLING_TEST_PATIENCE_MS));
  screenshot (f, "narrow");
  editor_switcher = switcher_bounds (f);

  adw_view_stack_set_visible_child_name (f->window->view_stack, "generations");
  kling_test_wait_still (GTK_WIDGET (f->window));
  screenshot (f, "narrow-generations");
  generations_switcher = switcher_bounds (f);
  g_assert_cmpfloat (ABS (editor_switcher.origin.x - generations_switcher.origin.x), <, 1);
  g_assert_cmpfloat (ABS (editor_switcher.origin.y - generations_switcher.origin.y), <, 1);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  g_test_add ("/region-panel/colour", Fixture, test_app, fixture_set_up, test_colour, fixture_tear_down);
  g_test_add ("/region-panel/tab-stops", Fixture, test_app, fixture_set_up, test_tab_stops, fixture_tear_down);
  g_test_add ("/region-panel/wheel-over-text", Fixture, test_app, fixture_set_up, test_wheel_over_text, fixture_tear_down);
  g_test_add ("/region-panel/choice-keeps-still", Fixture, test_app, fixture_set_up, test_choice_keeps_still, fixture_tear_down);
  g_test_add ("/region-panel/screenshots", Fixture, test_app, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/region-panel/fold", Fixture, test_app, fixture_set_up, test_fold, fixture_tear_down);

  return g_test_run ();
}
