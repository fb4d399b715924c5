/* kling-test-regions.c — the fixture and helpers of test-regions.c
 *
 * A window with a known picture open, and the gestures and waits the
 * region tests share: renaming a row, typing a name, waiting for the
 * status line, the side panel and the hover of a button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "kling-test-regions.h"

/* A plain gradient: what a pixel of the bare image is, is known. */
void
image_colour (int    x,
              int    y,
              guint8 out[3])
{
  out[0] = 60 + x / 16;
  out[1] = 90 + y / 16;
  out[2] = 120;
}

static char *
write_test_image (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      image_colour (x, y, pixels + y * stride + x * 3);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  app)
{
  g_autofree char *image = NULL;

  f->dir = kling_test_make_dir ("regions");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  image = write_test_image (f->dir);

  f->window = kling_window_new (KLING_APPLICATION ((gpointer) app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, f->window, 5000));

  kling_test_open_image (f->window, image, VIEW_X, VIEW_Y);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->dir);
}

GtkWidget *
canvas (Fixture *f)
{
  return GTK_WIDGET (kling_test_canvas (f->window));
}

GtkWidget *
region_list (Fixture *f)
{
  return GTK_WIDGET (kling_test_region_list (f->window));
}

const char *
region_name (Fixture *f,
             int      region)
{
  return kling_document_get_region (kling_test_document (f->window), region)->name;
}

gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

gboolean
is_shown_entry (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_mapped (widget);
}

GtkWidget *
find_button (Fixture    *f,
             const char *tooltip)
{
  GtkWidget *button = kling_test_find_widget (region_list (f), is_button_with_tooltip, tooltip);

  if (button == NULL)
    g_error ("No button “%s” in the region list", tooltip);
  return button;
}

void
click_middle (GtkWidget *widget)
{
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1);
}

gboolean
focus_inside (GtkWidget *focus,
              GtkWidget *ancestor)
{
  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* Clicks the pencil of the region named @name; the name becomes an entry
 * that has the focus. Returns the entry. */
GtkWidget *
start_rename (Fixture    *f,
              int         region,
              const char *name)
{
  g_autofree char *tooltip = g_strdup_printf ("Rename %s", name);
  GtkWidget *entry;

  click_middle (find_button (f, tooltip));
  g_assert_true (kling_region_list_is_renaming (kling_test_region_list (f->window), region));
  entry = kling_test_find_widget (region_list (f), is_shown_entry, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, name);
  g_assert_true (focus_inside (gtk_root_get_focus (GTK_ROOT (f->window)), entry));
  return entry;
}

/* xdotool key names for @text, one per character (Latin letters, digits, spaces). */
static char *
keys_for (const char *text)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (keys->len > 0)
        g_string_append_c (keys, ' ');
      if (*p == ' ')
        g_string_append (keys, "space");
      else
        g_string_append_c (keys, *p);
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* Types @text (replacing the selected name) and then @end ("Return", "Escape"). */
void
type_name (Fixture    *f,
           const char *text,
           const char *end)
{
  g_autofree char *keys = keys_for (text);
  g_autofree char *all = *text != '\0' ? g_strconcat (keys, " ", end, NULL) : g_strdup (end);

  kling_test_key (region_list (f), all);
}

void
assert_name (Fixture    *f,
             int         region,
             const char *name)
{
  g_assert_cmpstr (region_name (f, region), ==, name);
  g_assert_cmpstr (kling_region_list_get_title (kling_test_region_list (f->window), region), ==, name);
  g_assert_false (kling_region_list_is_renaming (kling_test_region_list (f->window), region));
}

/* The entry the name turned into has been laid out in its row. */
gboolean
entry_laid_out (gpointer entry)
{
  return gtk_widget_get_mapped (entry) && gtk_widget_get_height (entry) > 0;
}

gboolean
is_renaming (gpointer data)
{
  Expected *expected = data;

  return kling_region_list_is_renaming (kling_test_region_list (expected->f->window), expected->region);
}

gboolean
is_not_renaming (gpointer data)
{
  return !is_renaming (data);
}

static gboolean
status_is (gpointer data)
{
  Expected *expected = data;

  return g_strcmp0 (kling_region_list_get_status (kling_test_region_list (expected->f->window), expected->region),
                    expected->text) == 0;
}

void
assert_status (Fixture    *f,
               int         region,
               const char *status)
{
  Expected expected = { f, region, status };

  kling_test_wait_for (status_is, &expected, KLING_TEST_PATIENCE_MS);
  g_assert_cmpstr (kling_region_list_get_status (kling_test_region_list (f->window), region), ==, status);
}

/* The side panel has finished folding out (or in). */
gboolean
flap_revealed (gpointer data)
{
  Fixture *f = data;

  return adw_flap_get_reveal_flap (kling_test_flap (f->window)) && adw_flap_get_reveal_progress (kling_test_flap (f->window)) >= 1.0;
}

gboolean
flap_folded (gpointer data)
{
  Fixture *f = data;

  return !adw_flap_get_reveal_flap (kling_test_flap (f->window)) && adw_flap_get_reveal_progress (kling_test_flap (f->window)) <= 0.0;
}

/* The static region's eye, shown, is drawn like the row around it: the
 * pointer has left it and its hover has faded. */
gboolean
eye_drawn_flat (gpointer data)
{
  Fixture *f = data;
  GtkWidget *eye = find_button (f, "Hide Static");
  g_autoptr(GdkTexture) shot = kling_test_snapshot (region_list (f));
  graphene_rect_t bounds;
  guint8 inside[4], beside[4];

  g_assert_true (gtk_widget_compute_bounds (eye, region_list (f), &bounds));
  kling_test_pixel (shot, (int) bounds.origin.x + 3, (int) bounds.origin.y + 3, inside);
  kling_test_pixel (shot, (int) bounds.origin.x - 2, (int) bounds.origin.y + 3, beside);
  for (int c = 0; c < 3; c++)
    if (abs (inside[c] - beside[c]) > 3)
      return FALSE;
  return TRUE;
}

gboolean
window_narrow (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->window)) <= 440;
}

/* Paints a blob in region 1 with the brush, as the user does. */
void
paint_region_1 (Fixture *f)
{
  const double blob[] = { VIEW_X + 200, VIEW_Y + 200, VIEW_X + 300, VIEW_Y + 200 };

  kling_test_key (canvas (f), "1 b");
  kling_canvas_set_brush_size (kling_test_canvas (f->window), 30);
  kling_canvas_set_hardness (kling_test_canvas (f->window), 1.0);
  kling_test_drag (canvas (f), blob, 2, 1);
  g_assert_false (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 1)));
}
