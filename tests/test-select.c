/* test-select.c — the object selection, the lasso and the region changes,
 * driven with real pointer and key events
 *
 * A box dragged around an object on a grainy, textured picture gives the
 * region the object's shape (one undo step); the lasso fills the polygon
 * clicked, closes with Enter or a double-click and cancels with Esc; grow,
 * fill holes and "everything else stays still" are one undo step each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "kling-application.h"
#include "kling-test-ui.h"
#include "kling-editor-page-private.h"
#include "kling-window-private.h"

#define IMAGE_W 640
#define IMAGE_H 480
/* An orange blob: a disc and an ellipse joined. */
#define BLOB_X 330
#define BLOB_Y 250
#define VIEW_X 20.0
#define VIEW_Y 20.0

static KlingApplication *test_app;

typedef struct {
  KlingWindow *window;
  char        *dir;
  char        *image_path;
} Fixture;

static gboolean
in_object (int x,
           int y)
{
  double ex = (x - (BLOB_X + 40)) / 90.0, ey = (y - (BLOB_Y + 20)) / 50.0;

  return hypot (x - BLOB_X, y - BLOB_Y) <= 70 || ex * ex + ey * ey <= 1.0;
}

/* Green-blue leaves in 12-pixel cells, with grain, around the blob. */
static char *
write_picture (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_W, IMAGE_H);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char *path = g_build_filename (dir, "leaves.png", NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int grain = g_rand_int_range (rand, -12, 13);
        int cell = ((x / 12) * 7 + (y / 12) * 13) % 5;

        if (in_object (x, y))
          {
            p[0] = CLAMP (235 - (y - BLOB_Y) / 4 + grain, 0, 255);
            p[1] = CLAMP (130 + grain, 0, 255);
            p[2] = CLAMP (40 + grain, 0, 255);
          }
        else
          {
            p[0] = CLAMP (40 + cell * 12 + grain, 0, 255);
            p[1] = CLAMP (110 + cell * 20 + grain, 0, 255);
            p[2] = CLAMP (90 + cell * 25 + grain, 0, 255);
          }
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kling_test_make_dir ("select");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->image_path = write_picture (f->dir);

  f->window = kling_test_window_new (test_app, data != NULL ? GPOINTER_TO_INT (data) : 1280, 800);
  kling_test_open_image (f->window, f->image_path, VIEW_X, VIEW_Y);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->image_path);
  g_free (f->dir);
}

static GtkWidget *
canvas (Fixture *f)
{
  return GTK_WIDGET (kling_test_canvas (f->window));
}

/* Named by width and language, to be looked at (KLING_TEST_LANGUAGE=zh_CN
 * runs the tests in Chinese). */
static void
shoot (Fixture    *f,
       const char *what)
{
  g_autofree char *name = g_strdup_printf ("%s-%d-%s", what,
                                           gtk_widget_get_width (GTK_WIDGET (f->window)),
                                           g_getenv ("KLING_TEST_LANGUAGE") ? g_getenv ("KLING_TEST_LANGUAGE") : "en");

  kling_test_save_screenshot (GTK_WIDGET (f->window), name);
}

static KlingMask *
mask (Fixture *f,
      int      region)
{
  return kling_document_get_mask (kling_test_document (f->window), region);
}

static gboolean
painted (KlingMask *m,
         int        x,
         int        y)
{
  return kling_mask_get_value (m, x, y) >= KLING_MASK_PAINTED;
}

static gboolean
region_painted (gpointer data)
{
  return !kling_mask_is_empty (data);
}

static gboolean
canvas_idle (gpointer data)
{
  return !kling_canvas_get_busy (data);
}

static void
test_select_object (Fixture       *f,
                    gconstpointer  data)
{
  /* From above the blob's top left to below its bottom right, loosely. */
  double box[] = { VIEW_X + 240, VIEW_Y + 160, VIEW_X + 350, VIEW_Y + 240, VIEW_X + 455, VIEW_Y + 340 };
  guint object = 0, hit = 0, background = 0, stray = 0;
  KlingMask *m = mask (f, 2);

  kling_test_key (canvas (f), "2 s");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_SELECT);
  kling_test_drag (canvas (f), box, 3, 1);
  g_assert_true (kling_test_wait_for (region_painted, m, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (canvas_idle, kling_test_canvas (f->window), KLING_TEST_PATIENCE_MS));

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      if (in_object (x, y))
        object++, hit += painted (m, x, y);
      else
        background++, stray += painted (m, x, y);
  g_test_message ("%u of %u object pixels, %u of %u background pixels", hit, object, stray, background);
  g_assert_cmpfloat ((double) hit / object, >=, 0.95);
  g_assert_cmpfloat ((double) stray / background, <, 0.02);
  g_assert_true (kling_mask_is_empty (mask (f, 1)));
  shoot (f, "select-object");

  /* One undo step. */
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_true (kling_mask_is_empty (m));
}

/* The arrows' keys that take the keyboard cursor @distance image pixels
 * along an axis at zoom 1 (Shift: 40, else 4). */
static void
append_arrows (GString    *keys,
               int         distance,
               const char *minus,
               const char *plus)
{
  const char *key = distance < 0 ? minus : plus;

  for (int i = 0; i < ABS (distance) / 40; i++)
    g_string_append_printf (keys, " shift+%s", key);
  for (int i = 0; i < ABS (distance) % 40 / 4; i++)
    g_string_append_printf (keys, " %s", key);
}

/* Without a pointer: the arrows take the cursor onto the blob and Enter
 * finds it, as a click would (not a dab of the brush). */
static void
test_select_object_by_keyboard (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *widget = canvas (f);
  g_autoptr(GString) keys = g_string_new ("2 s");
  int start_x = (int) (gtk_widget_get_width (widget) / 2.0 - VIEW_X);
  int start_y = (int) (gtk_widget_get_height (widget) / 2.0 - VIEW_Y);
  KlingMask *m = mask (f, 2);
  guint object = 0, hit = 0;

  append_arrows (keys, BLOB_X - start_x, "Left", "Right");
  append_arrows (keys, BLOB_Y - start_y, "Up", "Down");
  g_string_append (keys, " Return");
  kling_test_key (widget, keys->str);
  g_assert_true (kling_test_wait_for (region_painted, m, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (canvas_idle, kling_test_canvas (f->window), KLING_TEST_PATIENCE_MS));

  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      if (in_object (x, y))
        object++, hit += painted (m, x, y);
  g_test_message ("%u of %u object pixels", hit, object);
  /* the whole blob, far beyond what one dab under the cursor covers */
  g_assert_cmpfloat ((double) hit / object, >=, 0.9);
  g_assert_true (painted (m, BLOB_X + 110, BLOB_Y + 20));
  shoot (f, "select-object-keyboard");
}

static gboolean
corner_painted (gpointer data)
{
  return painted (data, 60, 60);
}

static void
test_lasso (Fixture       *f,
            gconstpointer  data)
{
  KlingMask *m = mask (f, 3);

  kling_test_key (canvas (f), "3 l");
  g_assert_cmpint (kling_canvas_get_tool (kling_test_canvas (f->window)), ==, KLING_TOOL_LASSO);

  /* Esc drops a lasso half drawn. */
  kling_test_click (canvas (f), VIEW_X + 40, VIEW_Y + 40, 1);
  kling_test_click (canvas (f), VIEW_X + 200, VIEW_Y + 40, 1);
  kling_test_key (canvas (f), "Escape");
  kling_test_click (canvas (f), VIEW_X + 100, VIEW_Y + 100, 1);
  kling_test_key (canvas (f), "Escape");
  g_assert_true (kling_mask_is_empty (m));

  /* A triangle, closed with Enter. */
  kling_test_click (canvas (f), VIEW_X + 40, VIEW_Y + 40, 1);
  kling_test_click (canvas (f), VIEW_X + 240, VIEW_Y + 40, 1);
  kling_test_click (canvas (f), VIEW_X + 40, VIEW_Y + 240, 1);
  shoot (f, "select-lasso");
  kling_test_key (canvas (f), "Return");
  g_assert_true (kling_test_wait_for (corner_painted, m, KLING_TEST_PATIENCE_MS));
  g_assert_true (painted (m, 45, 45));
  g_assert_true (painted (m, 130, 130));
  g_assert_false (painted (m, 150, 150));
  g_assert_false (painted (m, 20, 20));

  kling_test_key (canvas (f), "ctrl+z");
  g_assert_true (kling_mask_is_empty (m));
}

static gboolean
centre_clear (gpointer data)
{
  return !painted (data, 200, 200);
}

static gboolean
is_still_elsewhere_button (GtkWidget     *widget,
                           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "editor.still-elsewhere") == 0;
}

static gboolean
popover_gone (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static void
test_region_changes (Fixture       *f,
                     gconstpointer  data)
{
  KlingEditorPage *page = kling_test_editor (f->window);
  KlingDocument *document = kling_test_document (f->window);
  KlingMask *m = mask (f, 1);
  guint before = 0, after = 0;
  GtkWidget *still;

  /* A ring with the lasso (outer square, then an inner one taken away). */
  kling_test_key (canvas (f), "1 l");
  kling_test_click (canvas (f), VIEW_X + 100, VIEW_Y + 100, 1);
  kling_test_click (canvas (f), VIEW_X + 300, VIEW_Y + 100, 1);
  kling_test_click (canvas (f), VIEW_X + 300, VIEW_Y + 300, 1);
  kling_test_click (canvas (f), VIEW_X + 100, VIEW_Y + 300, 1);
  kling_test_key (canvas (f), "Return");
  g_assert_true (kling_test_wait_for (region_painted, m, KLING_TEST_PATIENCE_MS));
  kling_test_xdotool ("keydown", "alt", NULL);
  kling_test_click (canvas (f), VIEW_X + 150, VIEW_Y + 150, 1);
  kling_test_xdotool ("keyup", "alt", NULL);
  kling_test_click (canvas (f), VIEW_X + 250, VIEW_Y + 150, 1);
  kling_test_click (canvas (f), VIEW_X + 250, VIEW_Y + 250, 1);
  /* The last corner, with a double-click that closes the lasso. */
  kling_test_pointer_move (canvas (f), VIEW_X + 150, VIEW_Y + 250);
  kling_test_xdotool ("click", "--repeat", "2", "--delay", "60", "1", NULL);
  g_assert_true (kling_test_wait_for (centre_clear, m, KLING_TEST_PATIENCE_MS));
  g_assert_true (painted (m, 120, 120));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "editor.fill-holes", NULL));
  g_assert_true (painted (m, 200, 200));
  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      before += painted (m, x, y);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "editor.grow-region", NULL));
  for (int y = 0; y < IMAGE_H; y++)
    for (int x = 0; x < IMAGE_W; x++)
      after += painted (m, x, y);
  /* 4 pixels on each side of a 200-pixel square, corners rounded. */
  g_assert_cmpuint (after, >, before + 4 * 4 * 200);
  g_assert_true (painted (m, 97, 200));
  kling_test_key (canvas (f), "ctrl+z");
  g_assert_false (painted (m, 97, 200));
  g_assert_true (painted (m, 200, 200));

  /* Everything else stays still, from the Refine menu: the static region is
   * the rest, and the menu closes (a one-off, unlike Grow). */
  gtk_menu_button_popup (page->refine_button);
  still = kling_test_find_widget (GTK_WIDGET (page->refine_button), is_still_elsewhere_button, NULL);
  g_assert_nonnull (still);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, still, KLING_TEST_PATIENCE_MS));
  /* (the test's pointer cannot reach into a popover's own surface) */
  g_assert_true (gtk_widget_activate (still));
  g_assert_true (kling_test_wait_for (region_painted, mask (f, 0), KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_wait_for (popover_gone, still, KLING_TEST_PATIENCE_MS));
  g_assert_true (painted (mask (f, 0), 10, 10));
  g_assert_false (painted (mask (f, 0), 200, 200));
  g_assert_false (kling_mask_intersects (mask (f, 0), m));
  shoot (f, "select-still-elsewhere");
  kling_document_undo (document);
  g_assert_true (kling_mask_is_empty (mask (f, 0)));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("KLING_TEST_LANGUAGE") != NULL)
    {
      g_setenv ("LANGUAGE", g_getenv ("KLING_TEST_LANGUAGE"), TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLING_LOCALE_DIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

  g_test_add ("/select/object", Fixture, NULL, fixture_set_up, test_select_object, fixture_tear_down);
  /* A phone's width: the panel folds away, the tools stay usable. */
  g_test_add ("/select/object-narrow", Fixture, GINT_TO_POINTER (600), fixture_set_up, test_select_object, fixture_tear_down);
  g_test_add ("/select/object-by-keyboard", Fixture, NULL, fixture_set_up, test_select_object_by_keyboard, fixture_tear_down);
  g_test_add ("/select/lasso", Fixture, NULL, fixture_set_up, test_lasso, fixture_tear_down);
  g_test_add ("/select/region-changes", Fixture, NULL, fixture_set_up, test_region_changes, fixture_tear_down);

  return g_test_run ();
}
