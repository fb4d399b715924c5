/* test-start-page.c — the window as it first appears
 *
 * The start page is what every session begins with, and what the
 * first-frame benchmark measures: its icons come from the app's own
 * .symbolic.png files (no SVG is parsed before the first frame), its text is
 * drawn whole at the narrowest width, every button fits the shortest window,
 * and the main menu and the narrow switcher bar, made on first use, work
 * when asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kling-application.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

static KlingApplication *test_app;

static gboolean
is_start_icon (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "kling-start-symbolic") == 0;
}

static KlingWindow *
open_window (int width,
             int height)
{
  KlingWindow *window = kling_window_new (test_app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));
  kling_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

/* Pixels inside @widget that differ clearly from the page behind it. */
static guint
drawn_pixels (KlingWindow *window,
              GtkWidget   *widget)
{
  g_autoptr(GdkTexture) shot = kling_test_snapshot (GTK_WIDGET (window));
  graphene_rect_t bounds;
  guint8 page[4];
  guint drawn = 0;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  kling_test_pixel (shot, (int) bounds.origin.x - 4, (int) bounds.origin.y - 4, page);
  for (int y = (int) bounds.origin.y; y < (int) (bounds.origin.y + bounds.size.height); y++)
    for (int x = (int) bounds.origin.x; x < (int) (bounds.origin.x + bounds.size.width); x++)
      {
        guint8 rgba[4];

        kling_test_pixel (shot, x, y, rgba);
        drawn += ABS ((int) rgba[0] - page[0]) + ABS ((int) rgba[1] - page[1]) + ABS ((int) rgba[2] - page[2]) > 90;
      }
  return drawn;
}

static void
test_icons_are_encoded (void)
{
  const char *names[] = { "kling-brush-symbolic", "kling-eraser-symbolic", "kling-fill-symbolic",
                          "kling-path-symbolic", "kling-start-symbolic" };
  KlingWindow *window = open_window (1280, 800);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  /* Every icon of ours, at 1× and 2×, is a .symbolic.png from the app's
   * resources, at the size asked for: never a missing icon, never an SVG. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (int scale = 1; scale <= 2; scale++)
      {
        int size = g_str_equal (names[i], "kling-start-symbolic") ? 128 : 16;
        g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, size, scale,
                                                                       GTK_TEXT_DIR_NONE, 0);
        g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
        g_autofree char *uri = g_file_get_uri (file);
        g_autofree char *expected = g_strdup_printf ("/%s.symbolic.png", names[i]);

        g_assert_true (g_str_has_prefix (uri, "resource:///io/github/klingstudio/KlingStudio/icons/"));
        g_assert_true (g_str_has_suffix (uri, expected));
        g_assert_true (gtk_icon_paintable_is_symbolic (icon));
      }

  /* And the start page shows its icon: a grey picture with a path in it. */
  {
    GtkWidget *image = kling_test_find_widget (GTK_WIDGET (window), is_start_icon, NULL);

    g_assert_nonnull (image);
    g_assert_cmpuint (drawn_pixels (window, image), >, 2000);
  }
  kling_test_save_screenshot (GTK_WIDGET (window), "start-page");
  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

/* Lines the description needs at the width it was given. */
static int
description_lines (GtkInscription *inscription)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription),
                                                                  gtk_inscription_get_text (inscription));

  pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (inscription)) * PANGO_SCALE);
  pango_layout_set_wrap (layout, gtk_inscription_get_wrap_mode (inscription));
  return pango_layout_get_line_count (layout);
}

static void
test_narrow_window (void)
{
  KlingWindow *window = open_window (360, 640);
  GtkInscription *description = GTK_INSCRIPTION (kling_test_find_widget (GTK_WIDGET (window), kling_test_match_type,
                                                                         GSIZE_TO_POINTER (GTK_TYPE_INSCRIPTION)));

  /* The description is whole at the narrowest width: it needs no more lines
   * than the page keeps for it, and it is drawn. */
  g_assert_nonnull (description);
  g_assert_cmpstr (gtk_inscription_get_text (description), ==,
                   _("Drop a picture here, paste one, or open a file or a web address. PNG or JPEG, "
                     "at least 300 pixels on each side."));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (description)), <=, 360);
  g_assert_cmpint (description_lines (description), <=, (int) gtk_inscription_get_min_lines (description));
  g_assert_cmpuint (drawn_pixels (window, GTK_WIDGET (description)), >, 300);

  /* The switcher leaves the header for a bar at the bottom, which has been
   * given the pages it switches. */
  g_assert_true (adw_squeezer_get_visible_child (window->title_squeezer) == GTK_WIDGET (window->window_title));
  g_assert_true (adw_view_switcher_bar_get_reveal (window->switcher_bar));
  g_assert_true (adw_view_switcher_bar_get_stack (window->switcher_bar) == window->view_stack);
  kling_test_save_screenshot (GTK_WIDGET (window), "start-page-narrow");

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

static gboolean
is_pill_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "pill") && gtk_widget_get_visible (widget);
}

static void
collect_pill_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  if (is_pill_button (widget, NULL))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pill_buttons (child, buttons);
}

/* The window at its smallest, before any setup (three buttons, the switcher
 * in a bar at the bottom): it keeps the size asked for, and every button of
 * the start page is on screen whole; the picture gives way. */
static void
test_short_window (void)
{
  KlingWindow *window;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *image;

  window = kling_window_new (test_app);
  gtk_widget_set_visible (window->setup_button, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 400);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, 5000));
  kling_test_wait_frames (GTK_WIDGET (window), 2);

  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  collect_pill_buttons (GTK_WIDGET (window), buttons);
  g_assert_cmpuint (buttons->len, ==, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      graphene_rect_t bounds, page;

      g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (window->stack), GTK_WIDGET (window), &page));
      g_assert_true (kling_test_widget_mapped (button));
      g_assert_true (graphene_rect_contains_rect (&page, &bounds));
      g_assert_cmpuint (drawn_pixels (window, button), >, 100);
    }
  image = kling_test_find_widget (GTK_WIDGET (window), is_start_icon, NULL);
  g_assert_false (gtk_widget_get_mapped (image));
  kling_test_save_screenshot (GTK_WIDGET (window), "start-page-short");

  /* Given room again, the picture comes back. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, image, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
player_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((KlingWindow *) data)->player));
}

static gboolean
player_unmapped (gpointer data)
{
  return !player_mapped (data);
}

static gboolean
history_mapped (gpointer data)
{
  KlingWindow *window = data;

  return window->history != NULL && gtk_widget_get_mapped (GTK_WIDGET (window->history));
}

/* Generations before the first generation: one empty page across the whole
 * width, not the list's and the player's side by side; the first task
 * brings the player. */
static void
test_generations_empty (void)
{
  KlingWindow *window = open_window (1280, 800);
  KlingTaskStore *store = kling_application_get_store (test_app);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *title;
  graphene_rect_t bounds;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  adw_view_stack_set_visible_child_name (window->view_stack, "generations");
  g_assert_true (kling_test_wait_for (history_mapped, window, 5000));
  kling_test_wait_frames (GTK_WIDGET (window), 1);
  title = kling_test_find_widget (GTK_WIDGET (window), is_label, "No Generations Yet");
  g_assert_nonnull (title);
  g_assert_null (kling_test_find_widget (GTK_WIDGET (window), is_label, "No Video"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->player)));
  g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - gtk_widget_get_width (GTK_WIDGET (window)) / 2.0),
                     <, 20);
  kling_test_save_screenshot (GTK_WIDGET (window), "generations-empty");

  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
    char *buffer = NULL;
    gsize length;

    gdk_pixbuf_fill (pixbuf, 0x3366aaff);
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
    png = g_bytes_new_take (buffer, length);
  }
  body = kling_test_request_body (png, "first.png", "The first one");
  task = kling_task_store_create (store, body, "http://127.0.0.1:1", KLING_AUTH_BEARER, &error);
  g_assert_no_error (error);
  g_assert_true (kling_test_wait_for (player_mapped, window, 5000));

  kling_task_store_delete (store, task, &error);
  g_assert_no_error (error);
  g_assert_true (kling_test_wait_for (player_unmapped, window, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
popover_hidden (gpointer data)
{
  return !popover_shown (data);
}

static void
test_main_menu (void)
{
  KlingWindow *window = open_window (1280, 800);

  /* Nothing is built before it is asked for; F10 opens the full menu. */
  g_assert_null (gtk_menu_button_get_menu_model (window->menu_button));
  kling_test_key (GTK_WIDGET (window), "F10");
  g_assert_true (kling_test_wait_for (popover_shown, window->menu_button, 5000));
  g_assert_true (gtk_menu_button_get_menu_model (window->menu_button) == window->primary_menu);
  /* Files, copies of the request, exports of the motion, the app. */
  g_assert_cmpint (g_menu_model_get_n_items (window->primary_menu), ==, 4);
  kling_test_key (GTK_WIDGET (window), "Escape");
  g_assert_true (kling_test_wait_for (popover_hidden, window->menu_button, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

static gboolean
shortcuts_shown (gpointer data)
{
  GtkWidget *window = kling_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  return window != NULL && kling_test_widget_mapped (window);
}

static void
collect_accelerators (GtkWidget *widget,
                      GPtrArray *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      g_ptr_array_add (accelerators, g_steal_pointer (&accelerator));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accelerators);
}

static gboolean
has_accelerator (GPtrArray  *accelerators,
                 const char *accelerator)
{
  for (guint i = 0; i < accelerators->len; i++)
    if (g_strcmp0 (g_ptr_array_index (accelerators, i), accelerator) == 0)
      return TRUE;
  return FALSE;
}

/* Ctrl+? shows every shortcut design.md §4 promises, the player's too. */
static void
test_shortcuts_window (void)
{
  static const char * const promised[] = {
    "b", "e", "t", "0...6", "F2", "bracketleft bracketright",
    "<Control>z", "<Control><Shift>z", "<Control>o", "<Control>l", "<Control>s",
    "<Control>Return", "space", "<Control>question", "F6", "Escape",
  };
  KlingWindow *window = open_window (1280, 800);
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *shortcuts;

  kling_test_key (GTK_WIDGET (window), "ctrl+question");
  g_assert_true (kling_test_wait_for (shortcuts_shown, NULL, 5000));
  shortcuts = kling_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  collect_accelerators (shortcuts, accelerators);
  for (guint i = 0; i < G_N_ELEMENTS (promised); i++)
    if (!has_accelerator (accelerators, promised[i]))
      g_error ("The shortcuts window does not list “%s”", promised[i]);
  kling_test_save_screenshot (shortcuts, "shortcuts-window");
  /* All of it on a 1280×800 screen: it neither scrolls nor shrinks. */
  kling_test_wait_frames (shortcuts, 1);
  g_assert_cmpint (gtk_widget_get_height (shortcuts), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (shortcuts), <=, 1280);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (shortcuts)), ==, "Keyboard Shortcuts");

  gtk_window_destroy (GTK_WINDOW (shortcuts));
  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  g_test_add_func ("/start-page/icons-are-encoded", test_icons_are_encoded);
  g_test_add_func ("/start-page/narrow-window", test_narrow_window);
  g_test_add_func ("/start-page/short-window", test_short_window);
  g_test_add_func ("/start-page/main-menu", test_main_menu);
  g_test_add_func ("/start-page/generations-empty", test_generations_empty);
  g_test_add_func ("/start-page/shortcuts-window", test_shortcuts_window);
  return g_test_run ();
}
