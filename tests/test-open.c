/* test-open.c — where the window's picture comes from
 *
 * A picture the API refuses is explained with every problem at once and
 * fixed with one click; replacing a composition that has paint or paths
 * asks first, and Cancel loses nothing; a web address shows its download
 * and can be cancelled. Driven with real clicks in a real window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kling-application.h"
#include "kling-test-images.h"
#include "kling-test-ui.h"
#include "kling-toast.h"
#include "kling-window-private.h"

static KlingApplication *test_app;

typedef struct {
  KlingWindow *window;
  char        *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kling_test_make_dir ("open");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->window = kling_test_window_new (test_app, 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  g_free (f->dir);
}

static void
click_center (GtkWidget *widget)
{
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, widget, 5000));
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1);
}

static gboolean
banner_shown (gpointer data)
{
  KlingWindow *window = data;

  return window->banner_revealer != NULL && gtk_revealer_get_reveal_child (window->banner_revealer) &&
         kling_test_widget_mapped (window->banner_button);
}

/* The banner has slid in. */
static gboolean
banner_revealed (gpointer data)
{
  KlingWindow *window = data;

  return banner_shown (window) && gtk_revealer_get_child_revealed (window->banner_revealer);
}

static gboolean
mask_painted (gpointer mask)
{
  return !kling_mask_is_empty (mask);
}

static gboolean
canvas_ready (gpointer window)
{
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (window));

  return kling_test_window_has_picture (window) && gtk_widget_get_width (canvas) > 0 &&
         gtk_root_get_focus (GTK_ROOT (window)) == canvas;
}

static int
image_width (Fixture *f)
{
  KlingImage *image = kling_document_get_image (kling_test_document (f->window));

  return image != NULL ? kling_image_get_width (image) : 0;
}

static int
image_height (Fixture *f)
{
  KlingImage *image = kling_document_get_image (kling_test_document (f->window));

  return image != NULL ? kling_image_get_height (image) : 0;
}

static gboolean
crop_frame_shown (gpointer window)
{
  KlingCropFrame *frame = kling_editor_page_get_crop_frame (kling_test_editor (window));

  return kling_crop_frame_get_active (frame) && gtk_widget_has_focus (GTK_WIDGET (frame));
}

static gboolean
picture_fixed (gpointer data)
{
  return image_width (data) == 300;
}

/* 250×700 is both too small and too tall: the banner says both, and the
 * button names both fixes; the button, then Enter in the crop frame, makes
 * a picture Kling takes. */
static void
test_banner_names_every_problem (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_filled (250, 700, "png", 0x336699ff);
  g_autoptr(GError) error = NULL;
  const char *text;

  kling_window_open_bytes (f->window, png, "tall.png");
  g_assert_true (kling_test_wait_for (banner_shown, f->window, 5000));
  text = gtk_label_get_text (f->window->banner_label);
  g_assert_cmpstr (text, ==, "Too small: each side must be at least 300 pixels, this one is 250×700, "
                             "and too tall: Kling accepts at most 2.5 times taller than wide, "
                             "this one is 2.80 times");
  g_assert_cmpstr (gtk_button_get_label (f->window->banner_button), ==, "Crop to 1:2.5 and Scale Up");
  g_assert_true (kling_test_wait_for (banner_revealed, f->window, 5000));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "open-banner-two-problems");

  /* the crop frame chooses what stays; Enter crops, then scales up */
  click_center (GTK_WIDGET (f->window->banner_button));
  g_assert_true (kling_test_wait_for (crop_frame_shown, f->window, 5000));
  kling_test_key (GTK_WIDGET (kling_editor_page_get_crop_frame (kling_test_editor (f->window))), "Return");
  g_assert_true (kling_test_wait_for (picture_fixed, f, 5000));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->banner_revealer));
  g_assert_cmpint (image_width (f), ==, 300);
  g_assert_cmpint (image_height (f), ==, 750);
  g_assert_true (kling_image_check (kling_document_get_image (kling_test_document (f->window)), "Image", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "tall.png — Kling Studio");
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog ();

  return dialog != NULL && kling_test_widget_mapped (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Clicks the dialog's button labelled @label. */
static void
answer_dialog (const char *label)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_assert_true (kling_test_wait_for (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  button = kling_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, label);
  g_assert_nonnull (button);
  click_center (button);
  g_assert_true (kling_test_wait_for (dialog_gone, NULL, 5000));
}

/* A stroke across the middle of the canvas, on region 1. */
static void
paint_stroke (Fixture *f)
{
  GtkWidget *canvas = GTK_WIDGET (kling_test_canvas (f->window));
  double w = gtk_widget_get_width (canvas), h = gtk_widget_get_height (canvas);
  const double stroke[] = { w * 0.4, h * 0.5, w * 0.5, h * 0.5, w * 0.6, h * 0.5 };

  kling_test_drag (canvas, stroke, G_N_ELEMENTS (stroke) / 2, 1);
  g_assert_true (kling_test_wait_for (mask_painted, kling_document_get_mask (kling_test_document (f->window), 1), 5000));
}

/* Opening a picture over painted regions asks; Cancel keeps everything,
 * Replace opens the new one. Without paint or paths, or with all of them
 * saved in a draft, nothing is asked. */
static void
test_replace_asks_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) first = kling_test_image_filled (640, 400, "png", 0x336699ff);
  g_autoptr(GBytes) second = kling_test_image_filled (500, 500, "png", 0x993333ff);
  g_autoptr(GBytes) third = kling_test_image_filled (600, 450, "png", 0x339933ff);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  kling_window_open_bytes (f->window, first, "first.png");
  g_assert_true (kling_test_wait_for (canvas_ready, f->window, 5000));
  paint_stroke (f);
  before = kling_mask_to_png (kling_document_get_mask (kling_test_document (f->window), 1), NULL);

  kling_window_open_bytes (f->window, second, "second.png");
  g_assert_true (kling_test_wait_for (dialog_shown, NULL, 5000));
  kling_test_save_screenshot (GTK_WIDGET (find_dialog ()), "open-replace-dialog");
  answer_dialog ("_Cancel");
  g_assert_cmpint (image_width (f), ==, 640);
  after = kling_mask_to_png (kling_document_get_mask (kling_test_document (f->window), 1), NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "first.png — Kling Studio");

  kling_window_open_bytes (f->window, second, "second.png");
  answer_dialog ("_Replace");
  g_assert_cmpint (image_width (f), ==, 500);
  g_assert_true (kling_mask_is_empty (kling_document_get_mask (kling_test_document (f->window), 1)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "second.png — Kling Studio");

  /* Nothing painted on the second: the third opens at once. */
  kling_window_open_bytes (f->window, third, "third.png");
  g_assert_null (find_dialog ());
  g_assert_cmpint (image_width (f), ==, 600);

  /* Painted, but all of it in its draft: nothing is lost, nothing asked. */
  paint_stroke (f);
  {
    g_autofree char *path = g_build_filename (f->dir, "third.klingdraft", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (kling_window_save_draft (f->window, path, &error));
    g_assert_no_error (error);
    kling_window_set_draft_path (f->window, path);
  }
  kling_window_open_bytes (f->window, first, "first.png");
  g_assert_null (find_dialog ());
  g_assert_cmpint (image_width (f), ==, 640);
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The view switcher's button for a page, shown in the header. */
static gboolean
is_switcher_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && kling_test_widget_mapped (widget) &&
         kling_test_find_widget (widget, is_label_saying, data) != NULL;
}

static gboolean
on_generations (gpointer window)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (KLING_WINDOW (window)->view_stack), "generations") == 0;
}

/* Back from Generations by a click on the switcher, the keys are the
 * canvas's again (an arrow shows its cursor, not moves a button's focus). */
static void
test_editor_page_focuses_canvas (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_filled (640, 400, "png", 0x336699ff);
  GtkWidget *button;

  kling_window_open_bytes (f->window, png, "first.png");
  g_assert_true (kling_test_wait_for (canvas_ready, f->window, 5000));
  button = kling_test_find_widget (GTK_WIDGET (f->window), is_switcher_button, "Generations");
  g_assert_nonnull (button);
  click_center (button);
  g_assert_true (kling_test_wait_for (on_generations, f->window, 5000));
  button = kling_test_find_widget (GTK_WIDGET (f->window), is_switcher_button, "Editor");
  g_assert_nonnull (button);
  click_center (button);
  g_assert_true (kling_test_wait_for (canvas_ready, f->window, 5000));
}

/* — a slow web server — */

typedef struct {
  SoupServer *server;
  char       *url;
  GBytes     *png;
  guint       sent;
  guint       paused;   /* chunks sent before the server stops, 0: no pause */
  GPtrArray  *sources;  /* each message's chunk timer, destroyed when the test ends */
} SlowServer;

static gboolean
send_chunk (gpointer data)
{
  SoupServerMessage *message = data;
  SlowServer *slow = g_object_get_data (G_OBJECT (message), "slow");
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  gsize size = g_bytes_get_size (slow->png);
  gsize chunk = size / 10 + 1;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (message), "index"));
  gsize offset = index * chunk;

  if (g_object_get_data (G_OBJECT (message), "gone") != NULL)
    return G_SOURCE_REMOVE;   /* the client went away */
  if (slow->paused != 0 && index == slow->paused)
    return G_SOURCE_REMOVE;   /* hangs: the client cancels */
  if (offset >= size)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (message);
      return G_SOURCE_REMOVE;
    }
  soup_message_body_append (body, SOUP_MEMORY_COPY,
                            (const guint8 *) g_bytes_get_data (slow->png, NULL) + offset,
                            MIN (chunk, size - offset));
  slow->sent++;
  g_object_set_data (G_OBJECT (message), "index", GUINT_TO_POINTER (index + 1));
  soup_server_message_unpause (message);
  return G_SOURCE_CONTINUE;
}

static void
message_gone_cb (SoupServerMessage *message)
{
  g_object_set_data (G_OBJECT (message), "gone", GINT_TO_POINTER (1));
}

static void
serve_slowly (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  SlowServer *slow = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  GSource *source;

  soup_server_message_set_status (message, 200, NULL);
  soup_message_headers_set_content_type (headers, "image/png", NULL);
  soup_message_headers_set_content_length (headers, g_bytes_get_size (slow->png));
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);
  g_object_set_data (G_OBJECT (message), "slow", slow);
  g_signal_connect (message, "disconnected", G_CALLBACK (message_gone_cb), NULL);
  g_signal_connect (message, "finished", G_CALLBACK (message_gone_cb), NULL);
  soup_server_message_pause (message);
  source = g_timeout_source_new (80);
  g_source_set_callback (source, send_chunk, g_object_ref (message), g_object_unref);
  g_source_attach (source, NULL);
  g_ptr_array_add (slow->sources, source);
}

static void
slow_server_start (SlowServer *slow)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;

  slow->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  slow->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (slow->server, NULL, serve_slowly, slow, NULL);
  g_assert_true (soup_server_listen_local (slow->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (slow->server);
  base = g_uri_to_string (uris->data);
  slow->url = g_strconcat (base, "pictures/lake.png", NULL);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

/* No chunk timer outlives the test: they point at @slow, on its stack. */
static void
slow_server_stop (SlowServer *slow)
{
  for (guint i = 0; i < slow->sources->len; i++)
    g_source_destroy (g_ptr_array_index (slow->sources, i));
  g_ptr_array_unref (slow->sources);
  soup_server_disconnect (slow->server);
  g_object_unref (slow->server);
  g_bytes_unref (slow->png);
  g_free (slow->url);
}

static gboolean
bar_shows_progress (gpointer data)
{
  KlingWindow *window = data;

  return window->download_bar != NULL && gtk_widget_get_mapped (window->download_bar) &&
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (window->download_bar)) > 0.0;
}

static gboolean
bar_hidden (gpointer data)
{
  KlingWindow *window = data;

  return window->download_bar == NULL || !gtk_widget_get_visible (window->download_bar);
}

static gboolean
is_visible_button_labelled (GtkWidget     *widget,
                            gconstpointer  data)
{
  return is_button_labelled (widget, data) && gtk_widget_get_mapped (widget);
}

static gboolean
cancel_shown (gpointer data)
{
  KlingWindow *window = data;

  return kling_test_find_widget (GTK_WIDGET (window->toast_overlay), is_visible_button_labelled, "_Cancel") != NULL;
}

/* A download shows how far it is and can be cancelled from its toast; the
 * next one arrives and opens, named in the window's title. */
static void
test_download_progress_and_cancel (Fixture       *f,
                                   gconstpointer  data)
{
  SlowServer slow = { NULL };
  GtkWidget *cancel = NULL;

  slow.png = kling_test_image_filled (800, 600, "png", 0x6699ccff);
  slow.paused = 4;
  slow_server_start (&slow);

  kling_window_open_url (f->window, slow.url);
  g_assert_true (kling_test_wait_for (bar_shows_progress, f->window, 5000));
  g_assert_true (kling_test_wait_for (cancel_shown, f->window, 5000));
  cancel = kling_test_find_widget (GTK_WIDGET (f->window->toast_overlay), is_visible_button_labelled, "_Cancel");
  kling_test_wait_still (GTK_WIDGET (f->window));   /* the toast slides in */
  kling_test_save_screenshot (GTK_WIDGET (f->window), "open-downloading");
  click_center (cancel);
  g_assert_true (kling_test_wait_for (bar_hidden, f->window, 5000));
  g_assert_null (kling_document_get_image (kling_test_document (f->window)));

  slow.paused = 0;
  kling_window_open_url (f->window, slow.url);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, f->window, 10000));
  g_assert_true (bar_hidden (f->window));
  g_assert_cmpint (image_width (f), ==, 800);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "lake.png — Kling Studio");

  slow_server_stop (&slow);
}

/* A message is text: a file name with "&" or "<", or a parser's "<data>",
 * shows as written (it used to give an empty toast and a markup warning),
 * and bytes that are not UTF-8 do not empty it either. */
static void
test_toast_is_text (Fixture       *f,
                    gconstpointer  data)
{
  const char *message = "Cannot open “Tom & Jerry <final>.klingdraft”: <data>:1:2: unexpected end";
  KlingTestLabelWait wait = { GTK_WIDGET (f->window->toast_overlay), message, TRUE };
  g_autoptr(AdwToast) toast = NULL;

  kling_window_show_toast (f->window, message);
  g_assert_true (kling_test_wait_for (kling_test_label_shown, &wait, KLING_TEST_PATIENCE_MS));

  toast = kling_toast_new_plain ("Cannot read \xff.png");
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Cannot read \xef\xbf\xbd.png");
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

#define ADD(path, func) \
  g_test_add ("/open/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("banner-names-every-problem", test_banner_names_every_problem);
  ADD ("replace-asks-first", test_replace_asks_first);
  ADD ("editor-page-focuses-canvas", test_editor_page_focuses_canvas);
  ADD ("download-progress-and-cancel", test_download_progress_and_cancel);
  ADD ("toast-is-text", test_toast_is_text);
#undef ADD

  return g_test_run ();
}
