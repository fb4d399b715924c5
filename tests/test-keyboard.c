/* test-keyboard.c — the editor with the keyboard alone
 *
 * Tab reaches every part of the editor (tools, brush settings, regions,
 * parameters, Generate), and keys operate them: a region chosen with the
 * arrow keys, a prompt typed, a tool picked with its letter, Generate
 * pressed with Enter. Real key events (XTest), as a person types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-application.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

static KlingApplication *test_app;

static gboolean
has_texture (gpointer data)
{
  return kling_document_get_texture (((KlingWindow *) data)->document) != NULL;
}

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

  window = kling_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));
  kling_window_open_file (window, file);
  g_assert_true (kling_test_wait_for (has_texture, window, 5000));
  kling_test_wait (300);

  /* After an image is opened the focus is on the canvas. */
  g_assert_true (focus_of (window) == GTK_WIDGET (window->canvas));

  /* Tab goes round every part of the editor. */
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      kling_test_key (GTK_WIDGET (window), "Tab");
      focus = focus_of (window);
      g_hash_table_add (visited, focus);
      saw_canvas |= focus == GTK_WIDGET (window->canvas);
      saw_tools |= focus_inside (focus, gtk_widget_get_parent (GTK_WIDGET (window->tool_options)));
      saw_regions |= focus_inside (focus, GTK_WIDGET (window->region_list));
      saw_params |= focus_inside (focus, GTK_WIDGET (window->params_panel));
    }
  g_assert_true (saw_tools);
  g_assert_true (saw_regions);
  g_assert_true (saw_params);
  g_assert_true (saw_canvas);
  g_assert_cmpuint (g_hash_table_size (visited), >, 15);
  g_hash_table_unref (visited);

  /* Regions: with the focus in the list, the arrow keys choose. */
  tab_to (window, GTK_WIDGET (window->region_list), 80);
  kling_test_key (GTK_WIDGET (window), "Home Down Down Down");
  g_assert_cmpint (kling_canvas_get_region (window->canvas), ==, 3);

  /* Tools by their letters, whenever the focus is not in a text field. */
  kling_test_key (GTK_WIDGET (window), "t");
  g_assert_cmpint (kling_canvas_get_tool (window->canvas), ==, KLING_TOOL_TRAJECTORY);

  /* The prompt: tab into it and type; letters go to the text, not the tools. */
  tab_to (window, GTK_WIDGET (window->params_panel), 80);
  while (!GTK_IS_TEXT_VIEW (focus_of (window)))
    kling_test_key (GTK_WIDGET (window), "Tab");
  kling_test_key (GTK_WIDGET (window), "b e a c h");
  g_assert_cmpstr (kling_request_get_prompt (kling_document_get_request (window->document)), ==, "beach");
  g_assert_cmpint (kling_canvas_get_tool (window->canvas), ==, KLING_TOOL_TRAJECTORY);

  /* Generate with Ctrl+Return on a first run (no credentials): nothing is
   * sent and the user is led to Preferences, where the token goes. */
  g_assert_true (kling_test_wait_for ((gboolean (*) (gpointer)) kling_application_needs_setup, app, 5000));
  g_assert_true (gtk_widget_get_visible (window->setup_button));
  kling_test_key (GTK_WIDGET (window), "ctrl+Return");
  kling_test_wait (500);
  {
    gboolean preferences_shown = FALSE;

    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_PREFERENCES_WINDOW (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
          {
            preferences_shown = TRUE;
            break;
          }
      }
    g_assert_true (preferences_shown);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_wait (50);
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
  g_assert_true (kling_test_wait_for (has_texture, window, 5000));

  /* The editor, then the Generations page with a video in the player. */
  kling_test_wait (300);
  collect_unlabelled (GTK_WIDGET (window), missing);
  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  kling_test_wait (300);
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
  kling_test_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();
  g_test_add_func ("/keyboard/editor-alone", test_keyboard_alone);
  g_test_add_func ("/keyboard/icon-buttons-have-tooltips", test_icon_buttons_have_tooltips);
  return g_test_run ();
}
