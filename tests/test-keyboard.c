/* test-keyboard.c — the editor with the keyboard alone
 *
 * Tab reaches every part of the editor (tools, brush settings, regions,
 * parameters, Generate), and keys operate them: a region chosen with the
 * arrow keys, a prompt typed, a tool picked with its letter, Generate
 * pressed with Enter. Real key events (XTest), as a person types.
 *
 * Keys reach what the user sees: Ctrl+Z and Ctrl+V typed in the prompt act
 * on the text, not the picture; the editor's keys do nothing while the
 * Generations page is shown; Space held pans wherever the focus is; Delete
 * removes a path point only with the path tool; Save Draft suggests a name
 * the user can type over. A digit or a letter typed in the prompt is only
 * text; Esc goes back to the canvas, F6 from pane to pane; Undo is offered
 * only when there is something to undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-application.h"
#include "kling-canvas-private.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

static KlingApplication *test_app;

static char *
write_picture (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 600, 400);
  char *path = g_build_filename (dir, "keys.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0x507090ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return path;
}

static gboolean
focus_inside (GtkWidget *focus,
              GtkWidget *ancestor)
{
  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

static GtkWidget *
focus_of (KlingWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* For kling_test_wait_for (): a picture is open and the canvas has the
 * focus, as after every opening. */
static gboolean
canvas_has_focus (gpointer window)
{
  return kling_test_window_has_picture (window) &&
         focus_of (window) == GTK_WIDGET (kling_test_canvas (window)) &&
         gtk_widget_get_width (GTK_WIDGET (kling_test_canvas (window))) > 0;
}

/* Presses Tab until @ancestor holds the focus; fails after @max presses. */
static void
tab_to (KlingWindow *window,
        GtkWidget   *ancestor,
        guint        max)
{
  for (guint i = 0; i < max; i++)
    {
      if (focus_inside (focus_of (window), ancestor))
        return;
      kling_test_key (GTK_WIDGET (window), "Tab");
    }
  g_assert_true (focus_inside (focus_of (window), ancestor));
}

static gboolean
preferences_shown (gpointer data)
{
  return kling_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL;
}

static void
test_keyboard_alone (void)
{
  KlingApplication *app = test_app;
  g_autofree char *dir = kling_test_make_dir ("keyboard");
  g_autofree char *picture = write_picture (dir);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  GHashTable *visited = g_hash_table_new (NULL, NULL);
  KlingWindow *window;
  gboolean saw_canvas = FALSE, saw_tools = FALSE, saw_regions = FALSE, saw_params = FALSE;

  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);

  window = kling_test_window_new (app, 1280, 800);
  kling_window_open_file (window, file);

  /* After an image is opened the focus is on the canvas. */
  g_assert_true (kling_test_wait_for (canvas_has_focus, window, 5000));

  /* Tab goes round every part of the editor. */
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      kling_test_key (GTK_WIDGET (window), "Tab");
      focus = focus_of (window);
      g_hash_table_add (visited, focus);
      saw_canvas |= focus == GTK_WIDGET (kling_test_canvas (window));
      saw_tools |= focus_inside (focus, gtk_widget_get_parent (GTK_WIDGET (kling_editor_page_get_tool_options (kling_test_editor (window)))));
      saw_regions |= focus_inside (focus, GTK_WIDGET (kling_test_region_list (window)));
      saw_params |= focus_inside (focus, GTK_WIDGET (kling_test_params_panel (window)));
    }
  g_assert_true (saw_tools);
  g_assert_true (saw_regions);
  g_assert_true (saw_params);
  g_assert_true (saw_canvas);
  g_assert_cmpuint (g_hash_table_size (visited), >, 15);
  g_hash_table_unref (visited);

  /* Regions: with the focus in the list, the arrow keys move to a row and
   * Enter chooses it. */
  tab_to (window, GTK_WIDGET (kling_test_region_list (window)), 80);
  kling_test_key (GTK_WIDGET (window), "Home Down Down Down Return");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 3);

  /* Tools by their letters, whenever the focus is not in a text field. */
  kling_test_key (GTK_WIDGET (window), "t");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_TRAJECTORY);

  /* The prompt: tab into it and type; letters go to the text, not the tools. */
  tab_to (window, GTK_WIDGET (kling_test_params_panel (window)), 80);
  while (!GTK_IS_TEXT_VIEW (focus_of (window)))
    kling_test_key (GTK_WIDGET (window), "Tab");
  kling_test_key (GTK_WIDGET (window), "b e a c h");
  g_assert_cmpstr (kling_request_get_prompt (kling_document_get_request (kling_test_document (window))), ==, "beach");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_TRAJECTORY);

  /* Generate with Ctrl+Return on a first run (no credentials): nothing is
   * sent and the user is led to Preferences, where the token goes. */
  g_assert_true (kling_test_wait_for ((gboolean (*) (gpointer)) kling_application_needs_setup, app, 5000));
  g_assert_true (gtk_widget_get_visible (window->setup_button));
  kling_test_key (GTK_WIDGET (window), "ctrl+Return");
  g_assert_true (kling_test_wait_for (preferences_shown, NULL, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

/* Icon-only buttons say what they do: a tooltip on each (the accessible
 * labels set beside them in the .ui files cannot be read back in GTK 4.8). */
static void
collect_unlabelled (GtkWidget *widget,
                    GPtrArray *missing)
{
  /* GTK's own composite widgets (window controls, the volume button) label
   * their parts themselves; what is not on screen is not checked. */
  if (GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SCALE_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
      gtk_widget_get_tooltip_text (widget) == NULL)
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      /* A button showing only an icon. */
      if (child == NULL || GTK_IS_IMAGE (child))
        g_ptr_array_add (missing, widget);
    }
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_tooltip_text (widget) == NULL &&
      gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL)
    g_ptr_array_add (missing, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_unlabelled (child, missing);
}

static gboolean
generations_shown (gpointer data)
{
  KlingWindow *window = data;

  return window->history != NULL && gtk_widget_get_mapped (GTK_WIDGET (window->history));
}

static void
test_icon_buttons_have_tooltips (void)
{
  KlingApplication *app = test_app;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *dir = kling_test_make_dir ("tooltips");
  g_autofree char *picture = write_picture (dir);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  KlingWindow *window;

  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);
  window = kling_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));
  kling_window_open_file (window, file);
  g_assert_true (kling_test_wait_for (canvas_has_focus, window, 5000));

  /* The editor, then the Generations page with a video in the player. */
  kling_test_wait_frames (GTK_WIDGET (window), 1);
  collect_unlabelled (GTK_WIDGET (window), missing);
  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  g_assert_true (kling_test_wait_for (generations_shown, window, 5000));
  kling_test_wait_frames (GTK_WIDGET (window), 1);
  collect_unlabelled (GTK_WIDGET (window), missing);
  for (guint i = 0; i < missing->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (missing, i);
      GtkWidget *parent = gtk_widget_get_parent (button);

      g_printerr ("no tooltip: %s icon %s in %s in %s\n", G_OBJECT_TYPE_NAME (button),
                  GTK_IS_BUTTON (button) ? gtk_button_get_icon_name (GTK_BUTTON (button)) : "-",
                  G_OBJECT_TYPE_NAME (parent), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (parent)));
    }
  g_assert_cmpuint (missing->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

/* A window at the editor with the test picture open, focus on the canvas. */
static KlingWindow *
open_editor (const char *name)
{
  g_autofree char *dir = kling_test_make_dir (name);
  g_autofree char *picture = write_picture (dir);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  KlingWindow *window;

  g_setenv ("KLING_STUDIO_DATA_DIR", dir, TRUE);
  window = kling_test_window_new (test_app, 1280, 800);
  kling_window_open_file (window, file);
  g_assert_true (kling_test_wait_for (canvas_has_focus, window, 5000));
  kling_test_wait_frames (GTK_WIDGET (window), 1);
  return window;
}

static void
close_window (KlingWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

static KlingMask *
region_mask (KlingWindow *window,
             int          region)
{
  return kling_document_get_mask (kling_test_document (window), region);
}

/* A brush stroke across the middle of the canvas, with real pointer events. */
static void
paint_stroke (KlingWindow *window)
{
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (window));
  double cx = gtk_widget_get_width (canvas) / 2.0;
  double cy = gtk_widget_get_height (canvas) / 2.0;
  double points[] = { cx - 80, cy, cx - 40, cy + 5, cx, cy + 10, cx + 40, cy + 5, cx + 80, cy };

  kling_test_drag (canvas, points, G_N_ELEMENTS (points) / 2, 1);
}

static guint
n_path_points (KlingWindow *window,
               int          region)
{
  return kling_trajectory_get_n_points (kling_document_get_trajectory (kling_test_document (window), region));
}

/* Two path points in region 1, clicked with the path tool. */
static void
click_two_points (KlingWindow *window)
{
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (window));
  double cx = gtk_widget_get_width (canvas) / 2.0;
  double cy = gtk_widget_get_height (canvas) / 2.0;

  kling_test_key (GTK_WIDGET (window), "1 t");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_TRAJECTORY);
  kling_test_click (canvas, cx - 60, cy - 40, 1);
  kling_test_click (canvas, cx + 60, cy - 40, 1);
  g_assert_cmpuint (n_path_points (window, 1), ==, 2);
}

static GtkTextView *
prompt_view (KlingWindow *window)
{
  GtkWidget *view = kling_test_find_widget (GTK_WIDGET (kling_test_params_panel (window)), kling_test_match_type,
                                            GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

static const char *
prompt_of (KlingWindow *window)
{
  const char *prompt = kling_request_get_prompt (kling_document_get_request (kling_test_document (window)));

  return prompt != NULL ? prompt : "";
}

/* Clicks into the prompt, as a person starting to type. */
static void
click_prompt (KlingWindow *window)
{
  GtkWidget *view = GTK_WIDGET (prompt_view (window));

  kling_test_click (view, gtk_widget_get_width (view) / 2.0, gtk_widget_get_height (view) / 2.0, 1);
  g_assert_true (focus_of (window) == view);
}

/* Ctrl+Z / Ctrl+Shift+Z while typing undo and redo the text; the painted
 * mask is left as it was. */
static void
test_text_undo (void)
{
  KlingWindow *window = open_editor ("text-undo");
  g_autoptr(KlingMask) painted = NULL;

  paint_stroke (window);
  g_assert_false (kling_mask_is_empty (region_mask (window, 1)));
  painted = kling_mask_copy (region_mask (window, 1));

  click_prompt (window);
  kling_test_key (GTK_WIDGET (window), "w i n d");
  g_assert_cmpstr (prompt_of (window), ==, "wind");

  kling_test_key (GTK_WIDGET (window), "ctrl+z");
  g_assert_cmpstr (prompt_of (window), ==, "");
  g_assert_true (kling_mask_equal (region_mask (window, 1), painted));
  g_assert_true (kling_document_can_undo (kling_test_document (window)));

  kling_test_key (GTK_WIDGET (window), "ctrl+shift+z");
  g_assert_cmpstr (prompt_of (window), ==, "wind");
  kling_test_key (GTK_WIDGET (window), "ctrl+z ctrl+y");
  g_assert_cmpstr (prompt_of (window), ==, "wind");
  g_assert_true (kling_mask_equal (region_mask (window, 1), painted));

  /* Out of the text (a click on the canvas would paint), Ctrl+Z is the
   * picture's again. */
  gtk_widget_grab_focus (GTK_WIDGET (kling_test_canvas (window)));
  kling_test_key (GTK_WIDGET (window), "ctrl+z");
  g_assert_true (kling_mask_is_empty (region_mask (window, 1)));
  g_assert_cmpstr (prompt_of (window), ==, "wind");

  close_window (window);
}

static gboolean
prompt_is_pasted (gpointer data)
{
  return g_str_has_suffix (prompt_of (data), "picture.png");
}

/* Ctrl+V in the prompt pastes the clipboard's text there; a web address
 * on the clipboard does not replace the picture. */
static void
test_paste_into_prompt (void)
{
  KlingWindow *window = open_editor ("paste-prompt");
  GdkTexture *texture = kling_document_get_texture (kling_test_document (window));
  const char *url = "http://127.0.0.1:9/picture.png";

  click_prompt (window);
  kling_test_key (GTK_WIDGET (window), "a space");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), url);
  kling_test_key (GTK_WIDGET (window), "ctrl+v");
  kling_test_wait_for (prompt_is_pasted, window, 2000);
  g_assert_cmpstr (prompt_of (window), ==, "a http://127.0.0.1:9/picture.png");

  /* Nothing was opened: the same picture, in the editor. */
  kling_test_wait (300);
  g_assert_true (kling_document_get_texture (kling_test_document (window)) == texture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "editor");

  close_window (window);
}

/* A digit and a letter typed after the prompt are text: the region and
 * the tool stay as they were ("…slowly1b" chose region 1 and the brush). */
static void
test_keys_in_prompt_are_text (void)
{
  KlingWindow *window = open_editor ("keys-in-prompt");

  kling_test_key (GTK_WIDGET (window), "3 e");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 3);
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_ERASER);

  click_prompt (window);
  kling_test_key (GTK_WIDGET (window), "s l o w l y 1 b");
  g_assert_true (g_str_has_suffix (prompt_of (window), "1b"));
  g_assert_cmpstr (prompt_of (window), ==, "slowly1b");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 3);
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_ERASER);

  /* Esc leaves the text for the canvas, where the keys act again. */
  kling_test_key (GTK_WIDGET (window), "Escape");
  g_assert_true (focus_of (window) == GTK_WIDGET (kling_test_canvas (window)));
  kling_test_key (GTK_WIDGET (window), "1 b");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 1);
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_BRUSH);
  g_assert_cmpstr (prompt_of (window), ==, "slowly1b");

  close_window (window);
}

/* F6 goes from pane to pane: canvas, regions, parameters, canvas. */
static void
test_f6_cycles_panes (void)
{
  KlingWindow *window = open_editor ("f6");
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (window));

  g_assert_true (focus_of (window) == canvas);
  kling_test_key (GTK_WIDGET (window), "F6");
  g_assert_true (focus_inside (focus_of (window), GTK_WIDGET (kling_test_region_list (window))));
  kling_test_key (GTK_WIDGET (window), "F6");
  g_assert_true (focus_inside (focus_of (window), GTK_WIDGET (kling_test_params_panel (window))));
  kling_test_key (GTK_WIDGET (window), "F6");
  g_assert_true (focus_of (window) == canvas);

  close_window (window);
}

static gboolean
match_undo_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "editor.undo") == 0;
}

static gboolean
widget_sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

/* Undo is greyed out on a fresh picture and offered after a stroke; Ctrl+Z
 * takes the stroke back and greys it out again. */
static void
test_undo_follows_history (void)
{
  KlingWindow *window = open_editor ("undo-enabled");
  GtkWidget *undo = kling_test_find_widget (GTK_WIDGET (window), match_undo_button, NULL);

  g_assert_nonnull (undo);
  g_assert_false (gtk_widget_is_sensitive (undo));
  paint_stroke (window);
  g_assert_true (kling_test_wait_for (widget_sensitive, undo, 5000));

  kling_test_key (GTK_WIDGET (window), "ctrl+z");
  g_assert_true (kling_mask_is_empty (region_mask (window, 1)));
  g_assert_false (gtk_widget_is_sensitive (undo));

  close_window (window);
}

static GtkWidget *
switcher_button (KlingWindow *window,
                 guint        index)
{
  GtkWidget *switcher = kling_test_find_widget (GTK_WIDGET (window), kling_test_match_type,
                                                GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER));
  GtkWidget *button;

  g_assert_nonnull (switcher);
  button = kling_test_find_widget (switcher, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_TOGGLE_BUTTON));
  for (guint i = 0; button != NULL && i < index; i++)
    button = gtk_widget_get_next_sibling (button);
  g_assert_nonnull (button);
  return button;
}

/* With the Generations page in front, the editor's keys change nothing in
 * the composition the user cannot see. */
static void
test_generations_page_keys (void)
{
  KlingWindow *window = open_editor ("generations-keys");
  g_autoptr(KlingMask) painted = NULL;
  double zoom, brush_size;
  GtkWidget *button;

  paint_stroke (window);
  painted = kling_mask_copy (region_mask (window, 1));
  click_two_points (window);
  zoom = kling_canvas_get_zoom (kling_test_canvas (window));
  brush_size = kling_canvas_get_brush_size (kling_test_canvas (window));
  g_assert_true (adw_flap_get_reveal_flap (kling_test_flap (window)));

  button = switcher_button (window, 1);
  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "generations");

  kling_test_key (GTK_WIDGET (window), "Delete BackSpace 3 b bracketright minus ctrl+minus F9 ctrl+z");
  g_assert_cmpuint (n_path_points (window, 1), ==, 2);
  g_assert_cmpfloat (kling_canvas_get_zoom (kling_test_canvas (window)), ==, zoom);
  g_assert_cmpfloat (kling_canvas_get_brush_size (kling_test_canvas (window)), ==, brush_size);
  g_assert_true (adw_flap_get_reveal_flap (kling_test_flap (window)));
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 1);
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_TRAJECTORY);
  g_assert_true (kling_mask_equal (region_mask (window, 1), painted));

  /* Back in the editor, the same keys act. */
  button = switcher_button (window, 0);
  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "editor");
  kling_test_key (GTK_WIDGET (window), "Delete");
  g_assert_cmpuint (n_path_points (window, 1), ==, 1);
  kling_test_key (GTK_WIDGET (window), "3");
  g_assert_cmpint (kling_canvas_get_region (kling_test_canvas (window)), ==, 3);

  close_window (window);
}

static gboolean
match_action_button (GtkWidget     *widget,
                     gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* After a click on a toolbar button, Space held with a drag on the canvas
 * pans the view: nothing is painted and the button is not pressed. */
static void
test_space_pans_after_button (void)
{
  KlingWindow *window = open_editor ("space-pan");
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (window));
  GtkWidget *fit = kling_test_find_widget (GTK_WIDGET (window), match_action_button, "editor.zoom-fit");
  double cx = gtk_widget_get_width (canvas) / 2.0;
  double cy = gtk_widget_get_height (canvas) / 2.0;
  double drag[] = { cx, cy, cx + 40, cy + 30, cx + 80, cy + 50, cx + 120, cy + 70 };
  double zoom, offset_x, offset_y;

  g_assert_nonnull (fit);
  kling_test_click (fit, gtk_widget_get_width (fit) / 2.0, gtk_widget_get_height (fit) / 2.0, 1);
  g_assert_true (focus_of (window) == fit);

  /* Zoomed in: were the focused "fit" button pressed, the zoom would change. */
  kling_canvas_zoom_by (kling_test_canvas (window), 2.0, cx, cy);
  zoom = kling_canvas_get_zoom (kling_test_canvas (window));
  offset_x = kling_test_canvas (window)->offset_x;
  offset_y = kling_test_canvas (window)->offset_y;

  kling_test_pointer_move (canvas, cx, cy);
  kling_test_xdotool ("keydown", "space", "sleep", "0.2", NULL);
  kling_test_drag (canvas, drag, G_N_ELEMENTS (drag) / 2, 1);
  kling_test_xdotool ("keyup", "space", NULL);

  g_assert_cmpfloat_with_epsilon (kling_canvas_get_zoom (kling_test_canvas (window)), zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (kling_test_canvas (window)->offset_x, offset_x + 120, 2);
  g_assert_cmpfloat_with_epsilon (kling_test_canvas (window)->offset_y, offset_y + 70, 2);
  g_assert_true (kling_mask_is_empty (region_mask (window, 1)));
  g_assert_false (kling_document_can_undo (kling_test_document (window)));

  /* Space released: a drag paints again. */
  paint_stroke (window);
  g_assert_false (kling_mask_is_empty (region_mask (window, 1)));

  close_window (window);
}

/* Path points are shown and chosen only with the path tool: Delete with
 * the brush or the eraser leaves them. */
static void
test_delete_only_with_path_tool (void)
{
  KlingWindow *window = open_editor ("delete-point");

  click_two_points (window);
  kling_test_key (GTK_WIDGET (window), "b Delete BackSpace e Delete BackSpace");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (window)), ==, KLING_TOOL_ERASER);
  g_assert_cmpuint (n_path_points (window, 1), ==, 2);

  kling_test_key (GTK_WIDGET (window), "t Delete");
  g_assert_cmpuint (n_path_points (window, 1), ==, 1);

  close_window (window);
}

static GtkWidget *
visible_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return visible_file_chooser () != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
name_chosen (gpointer dialog)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));

  return name != NULL && *name != '\0';
}

static gboolean
folder_chosen (gpointer dialog)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

  return folder != NULL;
}

/* Ctrl+S: the dialog opens in the home folder (no Documents folder here)
 * with the picture's name chosen, so what the user types replaces it. */
static void
test_save_draft_name (void)
{
  KlingWindow *window = open_editor ("save-name");
  g_autofree char *dir = kling_test_make_dir ("save-name/typed");
  g_autofree char *typed = g_build_filename (dir, "mine", NULL);
  g_autofree char *expected = g_strconcat (typed, ".klingdraft", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  GtkWidget *dialog;

  kling_test_key (GTK_WIDGET (window), "ctrl+s");
  g_assert_true (kling_test_wait_for (file_chooser_shown, NULL, 5000));
  dialog = visible_file_chooser ();
  g_assert_true (kling_test_wait_for (name_chosen, dialog, 5000));

  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "keys.klingdraft");
  /* The chooser sets its folder once it has read it, a moment later. */
  g_assert_true (kling_test_wait_for (folder_chosen, dialog, KLING_TEST_PATIENCE_MS));
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, home));

  /* Typing replaces the chosen name and keeps the suffix. */
  kling_test_pointer_move (dialog, 40, 40);
  kling_test_xdotool ("type", "--delay", "15", typed, NULL);
  kling_test_xdotool ("key", "Return", NULL);
  g_assert_true (kling_test_wait_for (file_exists, expected, 5000));
  g_assert_cmpstr (kling_editor_page_get_draft_path (kling_test_editor (window)), ==, expected);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();
  g_test_add_func ("/keyboard/editor-alone", test_keyboard_alone);
  g_test_add_func ("/keyboard/icon-buttons-have-tooltips", test_icon_buttons_have_tooltips);
  g_test_add_func ("/keyboard/text-undo", test_text_undo);
  g_test_add_func ("/keyboard/paste-into-prompt", test_paste_into_prompt);
  g_test_add_func ("/keyboard/generations-page-keys", test_generations_page_keys);
  g_test_add_func ("/keyboard/space-pans-after-button", test_space_pans_after_button);
  g_test_add_func ("/keyboard/delete-only-with-path-tool", test_delete_only_with_path_tool);
  g_test_add_func ("/keyboard/save-draft-name", test_save_draft_name);
  g_test_add_func ("/keyboard/keys-in-prompt-are-text", test_keys_in_prompt_are_text);
  g_test_add_func ("/keyboard/f6-cycles-panes", test_f6_cycles_panes);
  g_test_add_func ("/keyboard/undo-follows-history", test_undo_follows_history);
  return g_test_run ();
}
