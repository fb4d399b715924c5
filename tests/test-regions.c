/* test-regions.c — naming and hiding regions, with real pointer and keys
 *
 * The side panel's rows are renamed and hidden the way a user does it (the
 * rename button, the name typed, Enter or Escape; the eye toggle clicked),
 * and each change is checked where it lands: the row, the draft saved to
 * disk, the messages about the region, the canvas, and the undo history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kling-test-regions.h"

/* Renamed by the row's pencil; the draft written to disk and the messages
 * about the region carry the name; Ctrl+Z and Ctrl+Shift+Z go back and
 * forth; a name left as it was is no step; blank gives the default name. */
static void
test_rename_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "named.klingdraft", NULL);
  g_autoptr(KlingDraft) saved = NULL;
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;
  int height;

  paint_region_1 (f);
  height = gtk_widget_get_height (gtk_widget_get_ancestor (find_button (f, "Rename Region 1"), GTK_TYPE_LIST_BOX_ROW));

  entry = start_rename (f, 1, "Region 1");
  /* The entry takes the name's place without making the row taller. */
  g_assert_true (kling_test_wait_for (entry_laid_out, entry, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_ancestor (find_button (f, "Rename Region 1"), GTK_TYPE_LIST_BOX_ROW)),
                   ==, height);
  type_name (f, "the cat", "Return");
  assert_name (f, 1, "the cat");
  /* The row is as tall as before, and the keys are back with the row. */
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_ancestor (find_button (f, "Rename the cat"), GTK_TYPE_LIST_BOX_ROW)),
                   ==, height);
  g_assert_false (GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (f->window))));
  g_assert_nonnull (find_button (f, "Hide the cat"));

  /* What is saved, read back from the file. */
  g_assert_true (kling_window_save_draft (f->window, path, &error));
  g_assert_no_error (error);
  saved = kling_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->regions[1].name, ==, "the cat");
  g_assert_cmpstr (saved->regions[2].name, ==, "Region 2");

  /* What the user is told about the region (painted, no path yet). */
  request = kling_draft_to_request (kling_document_get_draft (kling_test_document (f->window)), &error);
  g_assert_null (request);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "the cat: "));
  g_clear_error (&error);

  kling_test_key (canvas (f), "ctrl+z");
  assert_name (f, 1, "Region 1");
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 1)));
  kling_test_key (canvas (f), "ctrl+shift+z");
  assert_name (f, 1, "the cat");

  /* Enter on the same name (and spaces around it) adds no step: one
   * Ctrl+Z still undoes the rename itself. */
  start_rename (f, 1, "the cat");
  kling_test_key (region_list (f), "Home space space End space Return");
  assert_name (f, 1, "the cat");
  kling_test_key (canvas (f), "ctrl+z");
  assert_name (f, 1, "Region 1");
  kling_test_key (canvas (f), "ctrl+shift+z");
  assert_name (f, 1, "the cat");

  /* Escape keeps the old name. */
  start_rename (f, 1, "the cat");
  type_name (f, "dog", "Escape");
  assert_name (f, 1, "the cat");

  /* Trimmed; and F2 on the row renames too. */
  kling_test_key (region_list (f), "F2");
  g_assert_true (kling_region_list_is_renaming (kling_test_region_list (f->window), 1));
  type_name (f, "  big dog ", "Return");
  assert_name (f, 1, "big dog");

  /* Emptied, or only blanks: the default name. */
  start_rename (f, 1, "big dog");
  kling_test_key (region_list (f), "BackSpace Return");
  assert_name (f, 1, "Region 1");
  kling_test_key (canvas (f), "ctrl+z");
  assert_name (f, 1, "big dog");
  start_rename (f, 1, "big dog");
  kling_test_key (region_list (f), "space space space Return");
  assert_name (f, 1, "Region 1");
}

/* At most 40 characters are kept, typed or not. */
static void
test_name_length (Fixture       *f,
                  gconstpointer  data)
{
  const char *long_name = "the big striped cat that walks slowly away";
  GtkWidget *entry;

  entry = start_rename (f, 3, "Region 3");
  type_name (f, long_name, "Return");
  g_assert_cmpint (g_utf8_strlen (region_name (f, 3), -1), ==, KLING_DRAFT_REGION_NAME_MAX_CHARS);
  g_assert_true (strncmp (region_name (f, 3), long_name, KLING_DRAFT_REGION_NAME_MAX_CHARS) == 0);
  g_assert_false (gtk_widget_get_mapped (entry));

  /* Through the API too, with a line break pasted in. */
  kling_document_set_region_name (kling_test_document (f->window), 3,
                                  "  stripes\nand   dots ØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØ  ");
  g_assert_cmpint (g_utf8_strlen (region_name (f, 3), -1), ==, KLING_DRAFT_REGION_NAME_MAX_CHARS);
  g_assert_true (g_str_has_prefix (region_name (f, 3), "stripes and dots Ø"));
  g_assert_cmpstr (kling_region_list_get_title (kling_test_region_list (f->window), 3), ==, region_name (f, 3));
}

/* While the name is typed, digits, Delete and Ctrl+Z belong to the text:
 * they do not choose regions, delete path points or undo the canvas. */
static void
test_typing_keeps_keys (Fixture       *f,
                        gconstpointer  data)
{
  const double blob[] = { VIEW_X + 200, VIEW_Y + 200, VIEW_X + 260, VIEW_Y + 220 };
  KlingDocument *document = kling_test_document (f->window);
  g_autoptr(KlingMask) painted = NULL;
  GtkWidget *entry;

  kling_test_key (canvas (f), "2 b");
  kling_test_drag (canvas (f), blob, 2, 1);
  kling_test_key (canvas (f), "t");
  kling_test_click (canvas (f), VIEW_X + 230, VIEW_Y + 210, 1);
  kling_test_click (canvas (f), VIEW_X + 330, VIEW_Y + 150, 1);
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 2)), ==, 2);
  painted = kling_mask_copy (kling_document_get_mask (document, 2));

  /* The same keys outside the field do act (else this test proves nothing). */
  kling_test_key (canvas (f), "Delete");
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 2)), ==, 1);
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 2)), ==, 2);
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 2);

  entry = start_rename (f, 2, "Region 2");
  kling_test_key (region_list (f), "c l o u d s 1 5 0");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "clouds150");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 2);
  g_assert_cmpint (kling_region_list_get_selected (kling_test_region_list (f->window)), ==, 2);

  kling_test_key (region_list (f), "BackSpace Delete Home Delete");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "louds15");
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 2)), ==, 2);

  /* Ctrl+Z undoes typing, not the path or the paint. */
  kling_test_key (region_list (f), "ctrl+z");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), !=, "louds15");
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 2)), ==, 2);
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 2), painted));
  g_assert_true (kling_region_list_is_renaming (kling_test_region_list (f->window), 2));

  kling_test_key (region_list (f), "ctrl+a c l o u d s Return");
  assert_name (f, 2, "clouds");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 2);

  /* The focus is back on the row: digits choose regions again. */
  kling_test_key (region_list (f), "3");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (f->window)), ==, 3);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A click elsewhere keeps what was typed, like any GNOME in-place edit;
 * a double-click on the name starts renaming. */
static void
test_click_away_and_double_click (Fixture       *f,
                                  gconstpointer  data)
{
  Expected renaming_4 = { f, 4, NULL };
  GtkWidget *title;

  start_rename (f, 4, "Region 4");
  kling_test_key (region_list (f), "s u n");
  click_middle (find_button (f, "Clear region 6 and its path"));
  g_assert_true (kling_test_wait_for (is_not_renaming, &renaming_4, KLING_TEST_PATIENCE_MS));
  assert_name (f, 4, "sun");

  title = kling_test_find_widget (region_list (f), is_label_with_text, "sun");
  g_assert_nonnull (title);
  kling_test_pointer_move (title, 5, gtk_widget_get_height (title) / 2.0);
  kling_test_xdotool ("click", "--repeat", "2", "--delay", "60", "1", NULL);
  g_assert_true (kling_test_wait_for (is_renaming, &renaming_4, KLING_TEST_PATIENCE_MS));
  kling_test_key (region_list (f), "Escape");
  assert_name (f, 4, "sun");
}

static gboolean
is_toggle (GtkWidget     *widget,
           gconstpointer  tooltip)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && is_button_with_tooltip (widget, tooltip);
}

/* How far the window's pixel over image pixel (@ix, @iy) is from the bare
 * image there, the largest of the three channels. */
static int
distance_from_image (Fixture *f,
                     int      ix,
                     int      iy)
{
  g_autoptr(GdkTexture) shot = kling_test_snapshot (GTK_WIDGET (f->window));
  guint8 pixel[4], image[3];
  double sx, sy;
  int wx, wy, distance = 0;

  kling_test_widget_to_window (canvas (f), VIEW_X + ix + 0.5, VIEW_Y + iy + 0.5, &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  kling_test_pixel (shot, wx - (int) sx, wy - (int) sy, pixel);
  image_colour (ix, iy, image);
  for (int c = 0; c < 3; c++)
    distance = MAX (distance, ABS (pixel[c] - image[c]));
  return distance;
}

static void
assert_visible (Fixture  *f,
                gboolean  visible)
{
  GtkWidget *toggle = kling_test_find_widget (region_list (f), is_toggle,
                                              visible ? "Hide Region 1" : "Show Region 1");

  g_assert_nonnull (toggle);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)) == visible);
  g_assert_true (kling_document_get_region (kling_test_document (f->window), 1)->visible == visible);
  if (visible)
    g_assert_cmpint (distance_from_image (f, 250, 200), >, 40);
  else
    g_assert_cmpint (distance_from_image (f, 250, 200), <, 6);
}

/* The eye hides a region's paint from the canvas; Ctrl+Z shows it again,
 * Ctrl+Shift+Z hides it again, and the toggle follows. */
static void
test_visibility_undo (Fixture       *f,
                      gconstpointer  data)
{
  paint_region_1 (f);
  kling_test_pointer_move (canvas (f), VIEW_X + 600, VIEW_Y + 450);
  assert_visible (f, TRUE);

  click_middle (find_button (f, "Hide Region 1"));
  kling_test_pointer_move (canvas (f), VIEW_X + 600, VIEW_Y + 450);
  assert_visible (f, FALSE);

  kling_test_key (canvas (f), "ctrl+z");
  kling_test_pointer_move (canvas (f), VIEW_X + 600, VIEW_Y + 450);
  assert_visible (f, TRUE);
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 1)));

  kling_test_key (canvas (f), "ctrl+shift+z");
  kling_test_pointer_move (canvas (f), VIEW_X + 600, VIEW_Y + 450);
  assert_visible (f, FALSE);
  g_assert_false (kling_document_can_redo (kling_test_document (f->window)));

  /* Undo twice: visible again, then the stroke itself is gone. */
  kling_test_key (canvas (f), "ctrl+z ctrl+z");
  g_assert_true (kling_document_get_region (kling_test_document (f->window), 1)->visible);
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 1)));
}

/* The side panel with renamed regions, wide and narrow, to be looked at. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  paint_region_1 (f);
  start_rename (f, 1, "Region 1");
  type_name (f, "the cat", "Return");
  start_rename (f, 2, "Region 2");
  type_name (f, "clouds", "Return");
  start_rename (f, 3, "Region 3");
  type_name (f, "a very long name for the cat that walks away", "Return");
  click_middle (find_button (f, "Hide clouds"));
  start_rename (f, 4, "Region 4");
  kling_test_key (region_list (f), "s u n");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "regions-renaming");
  kling_test_key (region_list (f), "Return");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "regions-renamed");

  /* A shown region's eye is drawn flat, on the row's own background, like
   * the buttons beside it; only the pointer over it lights it up. */
  kling_test_pointer_move (canvas (f), 5, 5);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_button (f, "Hide Static"))));
  g_assert_true (kling_test_wait_for (eye_drawn_flat, f, KLING_TEST_PATIENCE_MS));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 760);
  g_assert_true (kling_test_wait_for (window_narrow, f, KLING_TEST_PATIENCE_MS));
  adw_flap_set_reveal_flap (kling_test_flap (f->window), TRUE);
  g_assert_true (kling_test_wait_for (flap_revealed, f, KLING_TEST_PATIENCE_MS));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 440);
  start_rename (f, 5, "Region 5");
  kling_test_key (region_list (f), "w a v e s");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "regions-narrow-renaming");
  /* The entry stays inside its row at that width. */
  {
    GtkWidget *entry = kling_test_find_widget (region_list (f), is_shown_entry, NULL);
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (entry, region_list (f), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (region_list (f)));
  }
  kling_test_key (region_list (f), "Return");
  assert_name (f, 5, "waves");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "regions-narrow");
}

/* The row says what a dynamic region still needs, short enough for a
 * narrow panel: paint, then a path, then a second point. */
static void
test_status_line (Fixture       *f,
                  gconstpointer  data)
{
  KlingRegionList *list = kling_test_region_list (f->window);

  g_assert_cmpstr (kling_region_list_get_status (list, 1), ==, "Not used");
  paint_region_1 (f);
  g_assert_cmpstr (kling_region_list_get_status (list, 1), ==, "0 / 77 points · Draw where it goes");
  kling_test_key (canvas (f), "t");
  kling_test_click (canvas (f), VIEW_X + 250, VIEW_Y + 200, 1);
  assert_status (f, 1, "1 / 77 points · Add one more point");
  kling_test_click (canvas (f), VIEW_X + 400, VIEW_Y + 120, 1);
  assert_status (f, 1, "2 / 77 points");
  g_assert_cmpstr (kling_region_list_get_status (list, 0), ==, "Not painted");
}

/* F2 anywhere in the editor renames the selected region, folding the side
 * panel out first when it is hidden, even while another row has the focus. */
static void
test_f2_from_canvas (Fixture       *f,
                     gconstpointer  data)
{
  kling_test_key (canvas (f), "3");
  g_assert_cmpint (kling_region_list_get_selected (kling_test_region_list (f->window)), ==, 3);
  adw_flap_set_reveal_flap (kling_test_flap (f->window), FALSE);
  g_assert_true (kling_test_wait_for (flap_folded, f, KLING_TEST_PATIENCE_MS));
  kling_test_key (canvas (f), "F2");
  g_assert_true (adw_flap_get_reveal_flap (kling_test_flap (f->window)));
  g_assert_true (kling_region_list_is_renaming (kling_test_region_list (f->window), 3));
  g_assert_true (kling_test_wait_for (flap_revealed, f, KLING_TEST_PATIENCE_MS));
  type_name (f, "the sea", "Return");
  assert_name (f, 3, "the sea");

  /* The focus is on region 3's row now; 4 chooses region 4, and F2 renames
   * the region chosen, not the row that has the focus. */
  kling_test_key (region_list (f), "4");
  g_assert_cmpint (kling_region_list_get_selected (kling_test_region_list (f->window)), ==, 4);
  kling_test_key (region_list (f), "F2");
  g_assert_false (kling_region_list_is_renaming (kling_test_region_list (f->window), 3));
  g_assert_true (kling_region_list_is_renaming (kling_test_region_list (f->window), 4));
  type_name (f, "birds", "Return");
  assert_name (f, 4, "birds");
  assert_name (f, 3, "the sea");
}

int
main (int   argc,
      char *argv[])
{
  KlingApplication *app;

  kling_test_ui_init (&argc, &argv);
  app = kling_test_app_new ();

  g_test_add ("/regions/rename-undo", Fixture, app, fixture_set_up, test_rename_undo, fixture_tear_down);
  g_test_add ("/regions/name-length", Fixture, app, fixture_set_up, test_name_length, fixture_tear_down);
  g_test_add ("/regions/typing-keeps-keys", Fixture, app, fixture_set_up, test_typing_keeps_keys, fixture_tear_down);
  g_test_add ("/regions/click-away-double-click", Fixture, app, fixture_set_up, test_click_away_and_double_click, fixture_tear_down);
  g_test_add ("/regions/visibility-undo", Fixture, app, fixture_set_up, test_visibility_undo, fixture_tear_down);
  g_test_add ("/regions/status-line", Fixture, app, fixture_set_up, test_status_line, fixture_tear_down);
  g_test_add ("/regions/f2-from-canvas", Fixture, app, fixture_set_up, test_f2_from_canvas, fixture_tear_down);
  g_test_add ("/regions/screenshot", Fixture, app, fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
