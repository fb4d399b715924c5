/* test-i18n.c — the main window in Simplified Chinese
 *
 * Started with LANGUAGE=zh_CN, the window shows Chinese: the start page and
 * the view switcher, from the catalogue compiled in the build tree. The
 * screenshot is kept (tests/screenshots/i18n-zh_CN.png) to be looked at.
 * Regions keep the names of the reader's language unless the user named
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kling-application.h"
#include "kling-draft.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  return kling_test_find_widget (root, is_label_with_text, text);
}

static void
test_window_in_chinese (void)
{
  g_autoptr(KlingApplication) app = kling_test_app_new ();
  g_autoptr(GdkTexture) shot = NULL;
  KlingWindow *window;
  GtkWidget *title;
  graphene_rect_t bounds;
  guint dark = 0;

  window = kling_test_window_new (app, 1280, 800);
  kling_test_wait_frames (GTK_WIDGET (window), 2);

  /* The start page and both pages of the view switcher. */
  title = find_label_with_text (GTK_WIDGET (window), "打开一张图片");
  g_assert_nonnull (title);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "编辑器"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "生成记录"));
  g_assert_null (find_label_with_text (GTK_WIDGET (window), "Open an Image"));

  /* And it is drawn: the title's glyphs are dark pixels on the light page. */
  kling_test_save_screenshot (GTK_WIDGET (window), "i18n-zh_CN");
  shot = kling_test_snapshot (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &bounds));
  {
    double sx, sy;
    int x0, y0;

    gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
    x0 = (int) bounds.origin.x;
    y0 = (int) bounds.origin.y;
    for (int y = y0; y < y0 + (int) bounds.size.height; y += 2)
      for (int x = x0; x < x0 + (int) bounds.size.width; x += 2)
        {
          guint8 rgba[4];
          kling_test_pixel (shot, x, y, rgba);
          dark += rgba[0] < 100 && rgba[1] < 100 && rgba[2] < 100;
        }
  }
  g_assert_cmpuint (dark, >, 30);

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
}

/* A draft saved in English, opened in Chinese: the regions the user did not
 * name take their Chinese names; a name the user gave stays. Saved again,
 * only the user's name is written. */
static void
test_draft_region_names (void)
{
  static const char english[] =
    "{\"format\":\"kling-studio-draft\",\"version\":1,\"request\":{\"model_name\":\"kling-v1\"},"
    "\"regions\":[{\"name\":\"Static\"},{\"name\":\"Region 1\"},{\"name\":\"the cat\"}]}";
  g_autofree char *dir = kling_test_make_dir ("i18n-draft");
  g_autofree char *path = g_build_filename (dir, "english.klingdraft", NULL);
  g_autoptr(KlingDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (path, english, -1, NULL));
  draft = kling_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->regions[0].name, ==, "静态");
  g_assert_cmpstr (draft->regions[1].name, ==, "区域 1");
  g_assert_cmpstr (draft->regions[2].name, ==, "the cat");
  g_assert_cmpstr (draft->regions[3].name, ==, "区域 3");

  saved = kling_draft_to_data (draft, &length);
  g_assert_null (strstr (saved, "静态"));
  g_assert_null (strstr (saved, "区域"));
  g_assert_nonnull (strstr (saved, "\"the cat\""));
}

int
main (int   argc,
      char *argv[])
{
  /* As a Chinese desktop starts the app: the catalogue from the build tree. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLING_LOCALE_DIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  kling_test_ui_init (&argc, &argv);
  g_test_add_func ("/i18n/window-in-chinese", test_window_in_chinese);
  g_test_add_func ("/i18n/draft-region-names", test_draft_region_names);
  return g_test_run ();
}
