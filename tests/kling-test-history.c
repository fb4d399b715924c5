/* kling-test-history.c — what the history tests share
 *
 * A KlingHistoryView in a window with a toast overlay, showing a task store
 * in a folder of its own, which a poller follows against the in-process
 * fake Kling server; tasks made from a real request body; and the ways a
 * test drives the rows with real X clicks and waits for what they do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gdk/x11/gdkx.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-test-history.h"

/* Test media: a grey-blue gradient with a red disc in the middle. */
static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        gboolean in_disc = hypot (x - width / 2.0, y - height / 2.0) < height / 4.0;

        p[0] = in_disc ? 230 : 40 + x / 8;
        p[1] = in_disc ? 20 : 70 + y / 8;
        p[2] = in_disc ? 30 : 140;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static GBytes *
make_body (const char *prompt)
{
  g_autoptr(GBytes) png = make_png (640, 400);

  return kling_test_request_body (png, "picture.png", prompt);
}

/* Waiting */

/* Runs what is already due, without waiting for anything new. */
static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
widget_unmapped (gpointer data)
{
  GtkWidget **widget = data;

  return *widget == NULL || !gtk_widget_get_mapped (*widget);
}

/* Watching a widget that a click may make go: *@watched becomes NULL then. */
void
watch (GtkWidget **watched)
{
  g_object_add_weak_pointer (G_OBJECT (*watched), (gpointer *) watched);
}

/* Waits until *@watched is off screen, or gone altogether. */
void
wait_unmapped (GtkWidget **watched)
{
  g_assert_true (kling_test_wait_for (widget_unmapped, watched, 5000));
  if (*watched != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*watched), (gpointer *) watched);
}

/* Clicks @button and waits until it is off screen, or gone altogether (a
 * toast's: its toast goes). */
void
click_until_unmapped (GtkWidget *button)
{
  GtkWidget *watched = button;

  watch (&watched);
  click_center (button);
  wait_unmapped (&watched);
}

static gboolean
widget_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Fixture */

static void
played_cb (KlingHistoryView *view,
           KlingTask        *task,
           Fixture          *f)
{
  g_ptr_array_add (f->played, g_object_ref (task));
}

static void
retried_cb (KlingHistoryView *view,
            KlingTask        *task,
            Fixture          *f)
{
  g_ptr_array_add (f->retried, g_object_ref (task));
}

static void
opened_cb (KlingHistoryView *view,
           KlingTask        *task,
           Fixture          *f)
{
  g_ptr_array_add (f->opened, g_object_ref (task));
}

void
open_view (Fixture *f,
           int      width)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 800);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  f->view = KLING_HISTORY_VIEW (kling_history_view_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->view));
  kling_history_view_set_toast_overlay (f->view, f->overlay);
  kling_history_view_set_store (f->view, f->store);
  kling_history_view_set_poller (f->view, f->poller);
  g_signal_connect (f->view, "play", G_CALLBACK (played_cb), f);
  g_signal_connect (f->view, "retry", G_CALLBACK (retried_cb), f);
  g_signal_connect (f->view, "open-in-editor", G_CALLBACK (opened_cb), f);
  gtk_window_present (f->window);
  g_assert_true (kling_test_wait_for (widget_allocated, f->view, 5000));
  kling_test_wait_frame (GTK_WIDGET (f->view));
}

void
close_view (Fixture *f)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->view = NULL;
  f->overlay = NULL;
  run_pending ();
}

void
make_poller (Fixture *f)
{
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_set_intervals (f->poller, 30, 100);
  kling_poller_set_queue_intervals (f->poller, 150, 300);
}

/* The store, poller and view around @client (taken), the view @width wide. */
void
fixture_set_up_with (Fixture     *f,
                     KlingClient *client,
                     int          width)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("history-%u", counter++);

  f->client = client;
  f->dir = kling_test_make_dir (name);
  f->store = kling_task_store_new (f->dir);
  make_poller (f);
  f->played = g_ptr_array_new_with_free_func (g_object_unref);
  f->retried = g_ptr_array_new_with_free_func (g_object_unref);
  f->opened = g_ptr_array_new_with_free_func (g_object_unref);
  open_view (f, width > 0 ? width : 1280);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlingClient *client;
  const char *base_url;

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 200, 1200);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  client = kling_client_new_bearer (base_url, TOKEN, &error);
  g_assert_no_error (error);
  /* 1303 must reach the poller's queue at once, not the client's retries. */
  kling_client_set_retry_policy (client, 10, 1);
  fixture_set_up_with (f, client, GPOINTER_TO_INT (data));
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_view (f);
  if (f->poller != NULL)
    kling_poller_stop (f->poller);
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, kling_fake_server_free);
  g_ptr_array_unref (f->played);
  g_ptr_array_unref (f->retried);
  g_ptr_array_unref (f->opened);
  g_free (f->dir);
}

/* Helpers */


/* A task kept for @f's client, which sends with @auth. */
KlingTask *
create_task_for (Fixture       *f,
                 const char    *prompt,
                 KlingAuthMode  auth)
{
  g_autoptr(GBytes) body = make_body (prompt);
  g_autoptr(GError) error = NULL;
  KlingTask *task = kling_task_store_create (f->store, body,
                                             kling_client_get_base_url (f->client),
                                             auth, &error);

  g_assert_no_error (error);
  return task;
}

KlingTask *
create_task (Fixture    *f,
             const char *prompt)
{
  return create_task_for (f, prompt, KLING_AUTH_BEARER);
}

KlingTask *
submit (Fixture    *f,
        const char *prompt)
{
  KlingTask *task = create_task (f, prompt);

  kling_poller_submit (f->poller, task);
  return task;
}

typedef struct {
  KlingTask      *task;
  KlingTaskState  state;
} StateWait;

static gboolean
reached_state (gpointer data)
{
  StateWait *wait = data;

  return kling_task_get_state (wait->task) == wait->state &&
         (wait->state != KLING_TASK_STATE_SUCCEEDED || kling_task_get_video_path (wait->task) != NULL);
}

void
wait_for_state (KlingTask      *task,
                KlingTaskState  state,
                guint           timeout_ms)
{
  StateWait wait = { task, state };

  g_assert_true (kling_test_wait_for (reached_state, &wait, timeout_ms));
  run_pending ();
}

void
assert_state_matches (Fixture    *f,
                      KlingTask  *task,
                      const char *pattern)
{
  const char *text = kling_history_view_get_state_text (f->view, task);

  g_assert_nonnull (text);
  if (!g_regex_match_simple (pattern, text, 0, 0))
    g_error ("The state line “%s” does not match “%s”", text, pattern);
}

gboolean
is_visible_button_labelled (GtkWidget     *widget,
                            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

gboolean
is_button_with_icon (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

void
click_center (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  kling_test_click (widget, gtk_widget_get_width (widget) / 2.0,
                    gtk_widget_get_height (widget) / 2.0, 1);
}

/* A click in a popover: it is an X window of its own. */
static void
click_in_popover (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GtkWidget *watched = widget;
  int wx, wy;

  kling_test_widget_to_window (widget, gtk_widget_get_width (widget) / 2.0,
                               gtk_widget_get_height (widget) / 2.0, &wx, &wy);
  x = g_strdup_printf ("%d", wx);
  y = g_strdup_printf ("%d", wy);
  /* An item's click closes its menu, or makes its row go. */
  watch (&watched);
  kling_test_xdotool ("mousemove", "--window", xid, x, y, "click", "1", NULL);
  wait_unmapped (&watched);
  run_pending ();
}

/* Waits until @widget is on screen and has not moved for two frames. */
void
wait_settled (GtkWidget *widget)
{
  int last_x = -1, last_y = -1, still = 0;

  g_assert_true (kling_test_wait_for (widget_allocated, widget, 5000));
  for (int i = 0; i < 100 && still < 2; i++)
    {
      int x, y;

      kling_test_wait_frame (widget);
      kling_test_widget_to_window (widget, 0, 0, &x, &y);
      still = x == last_x && y == last_y ? still + 1 : 0;
      last_x = x;
      last_y = y;
    }
}

static gboolean
menu_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  return popover != NULL && kling_test_widget_mapped (popover);
}

/* Opens the row's menu with a click. On a machine loaded far beyond its
 * cores the X server and GTK can lose a click that lands while the list
 * is still settling (the row gets selected, no menu opens): the test then
 * clicks once more rather than fail on the machine's account. */
GtkWidget *
open_menu (Fixture   *f,
           KlingTask *task)
{
  GtkWidget *row = kling_history_view_get_row (f->view, task);
  GtkWidget *button = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));

  /* New rows push the others down: click where the button has settled. */
  wait_settled (button);
  click_center (button);
  if (!kling_test_wait_for (menu_shown, button, 3000))
    {
      kling_test_key (button, "Escape");
      wait_settled (button);
      click_center (button);
    }
  g_assert_true (kling_test_wait_for (menu_shown, button, 5000));
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

/* Opens the row's menu with a click and clicks the item @label. */
void
click_menu_item (Fixture    *f,
                 KlingTask  *task,
                 const char *label)
{
  GtkWidget *item = kling_test_find_widget (open_menu (f, task), is_label_with_text, label);

  g_assert_nonnull (item);
  click_in_popover (item);
}

gboolean
row_is_gone (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  KlingTask *task = ((gpointer *) data)[1];

  return kling_history_view_get_row (f->view, task) == NULL;
}


typedef struct {
  GtkWidget            *root;
  KlingTestWidgetMatch  match;
  gconstpointer         data;
  GtkWidget            *found;
} FindWait;

static gboolean
widget_found (gpointer data)
{
  FindWait *wait = data;

  wait->found = kling_test_find_widget (wait->root, wait->match, wait->data);
  return wait->found != NULL;
}

/* Waits until a widget under @root matches, and returns it. */
GtkWidget *
wait_for_widget (GtkWidget            *root,
                 KlingTestWidgetMatch  match,
                 gconstpointer         data)
{
  FindWait wait = { root, match, data, NULL };

  g_assert_true (kling_test_wait_for (widget_found, &wait, 5000));
  return wait.found;
}

GtkWidget *
toast_button (Fixture              *f,
              KlingTestWidgetMatch  test,
              const char           *data)
{
  GtkWidget *button = wait_for_widget (GTK_WIDGET (f->overlay), test, data);

  /* Let the toast finish sliding in before it is clicked. */
  wait_settled (button);
  return button;
}

gboolean
folder_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

