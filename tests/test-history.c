/* test-history.c — the history of generations against the fake server
 *
 * Real tasks go through the real poller and client to the in-process fake
 * server; what is checked is what a person reads in each row (the state
 * line, with the server's reason and request id), what the thumbnail shows,
 * what the buttons and menu items do when clicked with real X events, and
 * what is left on disk after Delete, Undo, and a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-choices.h"
#include "kling-fake-server.h"
#include "kling-history-row.h"
#include "kling-history-view.h"
#include "kling-request.h"
#include "kling-test-ui.h"

#define TOKEN "sk-test-history-123"
#define REQUEST_ID "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

typedef struct {
  KlingFakeServer  *server;
  KlingClient      *client;
  char             *dir;
  KlingTaskStore   *store;
  KlingPoller      *poller;
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  KlingHistoryView *view;
  GPtrArray        *played;      /* tasks the "play" signal gave */
  GPtrArray        *retried;     /* tasks the "retry" signal gave */
  GPtrArray        *opened;      /* tasks the "open-in-editor" signal gave */
} Fixture;

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
static void
watch (GtkWidget **watched)
{
  g_object_add_weak_pointer (G_OBJECT (*watched), (gpointer *) watched);
}

/* Waits until *@watched is off screen, or gone altogether. */
static void
wait_unmapped (GtkWidget **watched)
{
  g_assert_true (kling_test_wait_for (widget_unmapped, watched, 5000));
  if (*watched != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*watched), (gpointer *) watched);
}

static void click_center (GtkWidget *widget);

/* Clicks @button and waits until it is off screen, or gone altogether (a
 * toast's: its toast goes). */
static void
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

static void
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

static void
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

static void
make_poller (Fixture *f)
{
  f->poller = kling_poller_new (f->store, f->client);
  kling_poller_set_intervals (f->poller, 30, 100);
  kling_poller_set_queue_intervals (f->poller, 150, 300);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("history-%u", counter++);
  const char *base_url;

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 200, 1200);
  base_url = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->client = kling_client_new_bearer (base_url, TOKEN, &error);
  g_assert_no_error (error);
  /* 1303 must reach the poller's queue at once, not the client's retries. */
  kling_client_set_retry_policy (f->client, 10, 1);

  f->dir = kling_test_make_dir (name);
  f->store = kling_task_store_new (f->dir);
  make_poller (f);
  f->played = g_ptr_array_new_with_free_func (g_object_unref);
  f->retried = g_ptr_array_new_with_free_func (g_object_unref);
  f->opened = g_ptr_array_new_with_free_func (g_object_unref);
  open_view (f, GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1280);
}

static void
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


static KlingTask *
create_task (Fixture    *f,
             const char *prompt)
{
  g_autoptr(GBytes) body = make_body (prompt);
  g_autoptr(GError) error = NULL;
  KlingTask *task = kling_task_store_create (f->store, body,
                                             kling_client_get_base_url (f->client),
                                             KLING_AUTH_BEARER, &error);

  g_assert_no_error (error);
  return task;
}

static KlingTask *
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

static void
wait_for_state (KlingTask      *task,
                KlingTaskState  state,
                guint           timeout_ms)
{
  StateWait wait = { task, state };

  g_assert_true (kling_test_wait_for (reached_state, &wait, timeout_ms));
  run_pending ();
}

static void
assert_state_matches (Fixture    *f,
                      KlingTask  *task,
                      const char *pattern)
{
  const char *text = kling_history_view_get_state_text (f->view, task);

  g_assert_nonnull (text);
  if (!g_regex_match_simple (pattern, text, 0, 0))
    g_error ("The state line “%s” does not match “%s”", text, pattern);
}

static gboolean
is_visible_button_labelled (GtkWidget     *widget,
                            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_button_with_icon (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
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
static void
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
static GtkWidget *
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
static void
click_menu_item (Fixture    *f,
                 KlingTask  *task,
                 const char *label)
{
  GtkWidget *item = kling_test_find_widget (open_menu (f, task), is_label_with_text, label);

  g_assert_nonnull (item);
  click_in_popover (item);
}

static gboolean
row_is_gone (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  KlingTask *task = ((gpointer *) data)[1];

  return kling_history_view_get_row (f->view, task) == NULL;
}

/* Tests */

static gboolean
elapsed_ticked (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  KlingTask *task = ((gpointer *) data)[1];
  const char *text = kling_history_view_get_state_text (f->view, task);

  return text != NULL && g_str_has_prefix (text, "Generating… 0:02");
}

static void
record_state_text (KlingTask  *task,
                   GParamSpec *pspec,
                   gpointer    data)
{
  gpointer *pair = data;
  Fixture *f = pair[0];
  GPtrArray *seen = pair[2];
  const char *text = kling_history_view_get_state_text (f->view, task);
  GtkWidget *label;
  g_autofree char *shown = NULL;

  if (text == NULL)
    return;
  /* the state line, and its tooltip after a tab when it has one */
  label = kling_test_find_widget (kling_history_view_get_row (f->view, task), is_label_with_text, text);
  if (label != NULL && gtk_widget_get_tooltip_text (label) != NULL)
    shown = g_strdup_printf ("%s\t%s", text, gtk_widget_get_tooltip_text (label));
  else
    shown = g_strdup (text);
  if (seen->len == 0 || g_strcmp0 (g_ptr_array_index (seen, seen->len - 1), shown) != 0)
    g_ptr_array_add (seen, g_steal_pointer (&shown));
}

static gboolean
seen_text (GPtrArray  *seen,
           const char *prefix)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (seen, i), prefix))
      return TRUE;
  return FALSE;
}

/* Whether one of the texts @seen matches @pattern; prints them if none does. */
static gboolean
seen_matching (GPtrArray  *seen,
               const char *pattern)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_regex_match_simple (pattern, g_ptr_array_index (seen, i), 0, 0))
      return TRUE;
  for (guint i = 0; i < seen->len; i++)
    g_printerr ("seen: “%s”\n", (const char *) g_ptr_array_index (seen, i));
  return FALSE;
}

/* A normal generation: Submitted, Generating with a ticking clock, Ready;
 * its thumbnail shows the picture; Play plays it. */
static void
test_normal_generation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GdkTexture) thumb = NULL;
  gpointer pair[3];
  GtkWidget *row, *picture, *play;
  guint8 center[4], corner[4];

  kling_fake_server_set_timing (f->server, 300, 3600);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (f->view)))),
                   ==, "empty");
  task = create_task (f, "A paper boat drifts to the right");
  pair[0] = f;
  pair[1] = task;
  pair[2] = seen;
  g_signal_connect (task, "notify", G_CALLBACK (record_state_text), pair);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Waiting to be sent");
  kling_poller_submit (f->poller, task);

  /* The clock ticks on its own while the server generates. */
  g_assert_true (kling_test_wait_for (elapsed_ticked, pair, 6000));
  g_assert_cmpint (kling_task_get_state (task), ==, KLING_TASK_STATE_PROCESSING);

  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_signal_handlers_disconnect_by_data (task, pair);
  g_assert_true (seen_text (seen, "Sending…"));
  g_assert_true (seen_text (seen, "Submitted"));
  g_assert_true (seen_text (seen, "Generating… 0:0"));
  g_assert_true (seen_text (seen, "Downloading "));
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Ready");

  /* Under the prompt: what was asked for, and when. */
  row = kling_history_view_get_row (f->view, task);
  g_assert_nonnull (kling_test_find_widget (row, is_label_with_text, "Kling v1 · std · 5 s · Just now"));

  /* The thumbnail shows the picture: the red disc in the middle, the
   * blue-grey background at the edge. */
  picture = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
  g_assert_nonnull (picture);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_cmpint (gtk_widget_get_width (picture), ==, 96);
  g_assert_cmpint (gtk_widget_get_height (picture), ==, 54);
  thumb = kling_test_snapshot (picture);
  kling_test_pixel (thumb, 48, 27, center);
  kling_test_pixel (thumb, 4, 27, corner);
  g_assert_cmpint (center[0], >, 180);
  g_assert_cmpint (center[1], <, 80);
  g_assert_cmpint (corner[2], >, 110);
  g_assert_cmpint (corner[0], <, 120);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-ready");

  /* Play is a real button. */
  play = kling_test_find_widget (row, is_button_with_icon, "media-playback-start-symbolic");
  click_center (play);
  g_assert_cmpuint (f->played->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->played, 0) == task);
}

/* The server's moderation: its reason and request id; Retry asks for a new one. */
static void
test_moderation_failure (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *pattern = NULL;
  const char *request_id;
  GtkWidget *popover;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  task = submit (f, "Something the moderation will refuse");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);

  request_id = kling_task_get_request_id (task);
  g_assert_true (g_regex_match_simple ("^" REQUEST_ID "$", request_id, 0, 0));
  pattern = g_strdup_printf ("^Failed: Failure to pass the risk control system \\(request id %s\\)$",
                             request_id);
  assert_state_matches (f, task, pattern);

  /* The menu offers Retry, not Play, Save Video As or Check Now. */
  popover = open_menu (f, task);
  g_assert_nonnull (kling_test_find_widget (popover, is_label_with_text, "Open in Editor"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Play"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Check Now"));
  g_assert_null (kling_test_find_widget (popover, is_label_with_text, "Save Video As…"));
  kling_test_save_screenshot (popover, "history-menu");
  watch (&popover);
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_unmapped (&popover);

  click_menu_item (f, task, "Retry");
  g_assert_cmpuint (f->retried->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->retried, 0) == task);
}

/* 1102: the resource pack, with the server's words, code and request id. */
static void
test_resource_pack_used_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  task = submit (f, "Out of credits");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);

  assert_state_matches (f, task,
                        "^Failed: The resource pack is used up or has expired: "
                        "Account balance not enough \\(code 1102, HTTP 429, request id " REQUEST_ID "\\)$");
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "resource-exhausted");
}

/* Three lines of a failure in a narrow list; all of it in the tooltip. */
static void
test_failure_in_narrow_list (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(PangoLayout) line = NULL;
  const char *text;
  GtkWidget *label;
  int line_height;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  task = submit (f, "Out of credits, seen in a narrow window");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);
  /* measured as shown */
  kling_test_wait_frame (GTK_WIDGET (f->view));

  text = kling_history_view_get_state_text (f->view, task);
  g_assert_true (g_regex_match_simple ("request id " REQUEST_ID "\\)$", text, 0, 0));
  label = kling_test_find_widget (GTK_WIDGET (f->view), is_label_with_text, text);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, text);
  line = gtk_widget_create_pango_layout (label, "Xg");
  pango_layout_get_pixel_size (line, NULL, &line_height);
  g_assert_cmpint (gtk_widget_get_height (label), <=, 3 * line_height + 2);
  g_assert_cmpint (gtk_widget_get_height (label), >=, 2 * line_height);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-failed-400");
}

/* 1303: the second task waits for a free slot, then gets its video too. */
static void
test_waiting_for_a_slot (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlingTask) first = NULL;
  g_autoptr(KlingTask) second = NULL;
  gpointer pair[3];

  kling_fake_server_set_concurrency (f->server, 1);
  kling_fake_server_set_timing (f->server, 200, 1500);
  first = submit (f, "The first one");
  wait_for_state (first, KLING_TASK_STATE_SUBMITTED, 5000);
  second = create_task (f, "The second one");
  pair[0] = f;
  pair[1] = second;
  pair[2] = seen;
  /* Recorded as shown: on a busy machine the next try may already be on
   * its way when the wait below returns. */
  g_signal_connect (second, "notify", G_CALLBACK (record_state_text), pair);
  kling_poller_submit (f->poller, second);
  wait_for_state (second, KLING_TASK_STATE_QUEUED, 5000);

  /* One calm line; the server's words, code and request id on demand. */
  g_assert_true (seen_matching (seen,
                                "^Waiting for a free slot\tMore tasks are running than the account allows: "
                                "parallel task over resource pack limit "
                                "\\(code 1303, HTTP 429, request id " REQUEST_ID "\\)$"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-queued");

  wait_for_state (first, KLING_TASK_STATE_SUCCEEDED, 10000);
  wait_for_state (second, KLING_TASK_STATE_SUCCEEDED, 15000);
  g_signal_handlers_disconnect_by_data (second, pair);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, first), ==, "Ready");
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, second), ==, "Ready");
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
static GtkWidget *
wait_for_widget (GtkWidget            *root,
                 KlingTestWidgetMatch  match,
                 gconstpointer         data)
{
  FindWait wait = { root, match, data, NULL };

  g_assert_true (kling_test_wait_for (widget_found, &wait, 5000));
  return wait.found;
}

static GtkWidget *
toast_button (Fixture              *f,
              KlingTestWidgetMatch  test,
              const char           *data)
{
  GtkWidget *button = wait_for_widget (GTK_WIDGET (f->overlay), test, data);

  /* Let the toast finish sliding in before it is clicked. */
  wait_settled (button);
  return button;
}

static gboolean
folder_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Delete hides at once; Undo keeps the folder; dismissing the toast, or
 * closing the window before, deletes it. */
static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlingTask) kept = create_task (f, "Kept after Undo");
  g_autoptr(KlingTask) gone = create_task (f, "Deleted when the toast goes");
  g_autoptr(KlingTask) closed = create_task (f, "Deleted when the window closes");
  g_autofree char *kept_folder = g_strdup (kling_task_get_folder (kept));
  g_autofree char *gone_folder = g_strdup (kling_task_get_folder (gone));
  g_autofree char *closed_folder = g_strdup (kling_task_get_folder (closed));
  gpointer pair[2] = { f, kept };
  GtkWidget *undo;

  /* the new rows get their place */
  wait_settled (kling_history_view_get_row (f->view, kept));

  /* Undo */
  click_menu_item (f, kept, "Delete");
  g_assert_null (kling_history_view_get_row (f->view, kept));
  g_assert_true (g_file_test (kept_folder, G_FILE_TEST_IS_DIR));
  undo = toast_button (f, is_visible_button_labelled, "_Undo");
  g_assert_nonnull (kling_test_find_widget (GTK_WIDGET (f->overlay), is_label_with_text, "“Kept after Undo” deleted"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-deleted");
  click_until_unmapped (undo);
  g_assert_nonnull (kling_history_view_get_row (f->view, kept));
  g_assert_true (g_file_test (kept_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (kling_task_store_contains (f->store, kept));

  /* Dismissed without Undo */
  click_menu_item (f, gone, "Delete");
  pair[1] = gone;
  g_assert_true (kling_test_wait_for (row_is_gone, pair, 1000));
  g_assert_true (g_file_test (gone_folder, G_FILE_TEST_IS_DIR));
  click_center (toast_button (f, is_button_with_icon, "window-close-symbolic"));
  g_assert_true (kling_test_wait_for (folder_gone, gone_folder, 5000));
  g_assert_false (kling_task_store_contains (f->store, gone));

  /* The window closes while the toast is up. */
  click_menu_item (f, closed, "Delete");
  g_assert_true (g_file_test (closed_folder, G_FILE_TEST_IS_DIR));
  close_view (f);
  g_assert_false (g_file_test (closed_folder, G_FILE_TEST_EXISTS));
  g_assert_false (kling_task_store_contains (f->store, closed));
  g_assert_true (g_file_test (kept_folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
}

/* A row's menu acts on that row's generation, not on its neighbours'. */
static void
test_row_actions_act_on_their_row (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(KlingTask) older = create_task (f, "The one below");
  g_autoptr(KlingTask) middle = create_task (f, "The one in the middle");
  g_autoptr(KlingTask) newer = create_task (f, "The one above");
  g_autofree char *older_folder = g_strdup (kling_task_get_folder (older));
  g_autofree char *middle_folder = g_strdup (kling_task_get_folder (middle));
  g_autofree char *newer_folder = g_strdup (kling_task_get_folder (newer));
  GtkWidget *row = kling_history_view_get_row (f->view, middle);

  g_assert_true (kling_history_row_get_task (KLING_HISTORY_ROW (row)) == middle);
  wait_settled (kling_history_view_get_row (f->view, older));

  click_menu_item (f, middle, "Open in Editor");
  g_assert_cmpuint (f->opened->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->opened, 0) == middle);

  click_menu_item (f, middle, "Delete");
  g_assert_null (kling_history_view_get_row (f->view, middle));
  g_assert_nonnull (kling_history_view_get_row (f->view, older));
  g_assert_nonnull (kling_history_view_get_row (f->view, newer));
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (f->overlay), is_label_with_text,
                                     "“The one in the middle” deleted"));
  click_center (toast_button (f, is_button_with_icon, "window-close-symbolic"));
  g_assert_true (kling_test_wait_for (folder_gone, middle_folder, 5000));
  g_assert_true (g_file_test (older_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (newer_folder, G_FILE_TEST_IS_DIR));
  g_assert_false (kling_task_store_contains (f->store, middle));
  g_assert_true (kling_task_store_contains (f->store, older));
  g_assert_true (kling_task_store_contains (f->store, newer));
}

/* Two deletions in a row share one toast that counts them; its Undo
 * brings both back, and nothing is deleted later. */
static void
test_delete_two_undo_both (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(KlingTask) first = create_task (f, "The first to go");
  g_autoptr(KlingTask) second = create_task (f, "The second to go");
  g_autofree char *first_folder = g_strdup (kling_task_get_folder (first));
  g_autofree char *second_folder = g_strdup (kling_task_get_folder (second));

  wait_settled (kling_history_view_get_row (f->view, first));
  click_menu_item (f, first, "Delete");
  click_menu_item (f, second, "Delete");
  g_assert_null (kling_history_view_get_row (f->view, first));
  g_assert_null (kling_history_view_get_row (f->view, second));
  g_assert_nonnull (kling_test_find_widget (GTK_WIDGET (f->overlay), is_label_with_text, "2 generations deleted"));

  /* No other toast is left to delete them when it goes: the overlay would
   * show a queued one as soon as this one is gone. */
  click_until_unmapped (toast_button (f, is_visible_button_labelled, "_Undo"));
  g_assert_nonnull (kling_history_view_get_row (f->view, first));
  g_assert_nonnull (kling_history_view_get_row (f->view, second));
  kling_test_wait_frame (GTK_WIDGET (f->overlay));
  g_assert_null (kling_test_find_widget (GTK_WIDGET (f->overlay), is_visible_button_labelled, "_Undo"));
  g_assert_true (g_file_test (first_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (second_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (kling_task_store_contains (f->store, first));
  g_assert_true (kling_task_store_contains (f->store, second));
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWidget *dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && kling_test_widget_mapped (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return !dialog_shown (data);
}

/* The dialog's button labelled @label, clicked; the dialog goes. */
static void
answer_dialog (const char *label)
{
  GtkWidget *dialog;
  GtkWidget *button;

  g_assert_true (kling_test_wait_for (dialog_shown, NULL, 5000));
  dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete a Generation in Progress?");
  button = wait_for_widget (dialog, is_visible_button_labelled, label);
  wait_settled (button);
  kling_test_save_screenshot (dialog, "history-delete-running");
  click_center (button);
  g_assert_true (kling_test_wait_for (dialog_gone, NULL, 5000));
}

/* Deleting a generation Kling is still making asks first: it goes on at
 * Kling. Cancel keeps it followed; Delete hides it with the usual Undo. A
 * finished one is deleted without a question (test_delete_and_undo). */
static void
test_delete_running (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KlingTask) running = NULL;
  gpointer pair[2] = { f, NULL };

  kling_fake_server_set_timing (f->server, 100, 60000);
  running = submit (f, "Still being made");
  wait_for_state (running, KLING_TASK_STATE_PROCESSING, 5000);

  click_menu_item (f, running, "Delete");
  answer_dialog ("_Cancel");
  g_assert_nonnull (kling_history_view_get_row (f->view, running));
  g_assert_true (kling_task_store_contains (f->store, running));

  click_menu_item (f, running, "Delete");
  answer_dialog ("_Delete");
  pair[1] = running;
  g_assert_true (kling_test_wait_for (row_is_gone, pair, 1000));
  g_assert_nonnull (toast_button (f, is_visible_button_labelled, "_Undo"));
}

/* After a restart: the same rows, and a task that was being generated is
 * followed again until its video is saved. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KlingTask) failed = NULL;
  g_autoptr(KlingTask) running = NULL;
  g_autoptr(KlingTask) pending = create_task (f, "");
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KlingTask *again;
  guint n;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  failed = submit (f, "Refused");
  wait_for_state (failed, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_set_timing (f->server, 100, 2500);
  running = submit (f, "Still being generated when the app closed");
  wait_for_state (running, KLING_TASK_STATE_PROCESSING, 5000);

  n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_ptr_array_add (before, g_strdup (kling_history_view_get_state_text (f->view, task)));
    }
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, pending), ==, "Waiting to be sent");

  /* The app closes. */
  close_view (f);
  kling_poller_stop (f->poller);
  g_clear_object (&f->poller);
  g_clear_object (&f->store);

  /* And starts again. */
  f->store = kling_task_store_new (f->dir);
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);
  make_poller (f);
  open_view (f, 1280);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      const char *text = kling_history_view_get_state_text (f->view, task);

      /* The clock of the running one moved on; its words did not. */
      if (g_str_has_prefix (g_ptr_array_index (before, i), "Generating… "))
        g_assert_true (g_str_has_prefix (text, "Generating… "));
      else
        g_assert_cmpstr (text, ==, g_ptr_array_index (before, i));
    }

  kling_poller_start (f->poller);
  again = kling_task_store_find (f->store, kling_task_get_local_id (running));
  g_assert_nonnull (again);
  wait_for_state (again, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, again), ==, "Ready");
}

/* Stopped waiting: says so; Check Now follows the task again to its video. */
static void
test_check_again_after_giving_up (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *expected = NULL;

  kling_fake_server_set_timing (f->server, 100, 2500);
  kling_poller_set_give_up_after (f->poller, 1);
  task = submit (f, "A slow one");
  wait_for_state (task, KLING_TASK_STATE_FAILED, 8000);
  g_assert_cmpstr (kling_task_get_error_kind (task), ==, "timeout");
  expected = g_strdup_printf ("Stopped waiting; check again later (task id %s)",
                              kling_task_get_task_id (task));
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, expected);

  kling_poller_set_give_up_after (f->poller, 60);
  click_menu_item (f, task, "Check Now");
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 10000);
  g_assert_cmpstr (kling_history_view_get_state_text (f->view, task), ==, "Ready");
}

static gboolean
file_chooser_shown (gpointer data)
{
  GtkWidget **found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_mapped (window))
        {
          *found = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Save Video As… opens in the "download-folder" setting's folder, with a
 * name; Return saves a copy of the video there. */
static void
test_save_video_as (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *folder = kling_test_make_dir ("saved-videos");
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *original = NULL;
  g_autofree char *toast_text = NULL;
  g_autofree char *shown_path = NULL;
  g_autoptr(GFile) shown_folder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser = NULL;
  gsize saved_length, original_length;

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "download-folder", folder);
  kling_history_view_set_settings (f->view, settings);

  kling_fake_server_set_timing (f->server, 100, 400);
  task = submit (f, "Keep  this one/the boat\n");
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 8000);

  click_menu_item (f, task, "Save Video As…");
  g_assert_true (kling_test_wait_for (file_chooser_shown, &chooser, 5000));
  /* named after the prompt, made a safe file name, in the setting's folder */
  name = g_strdup ("Keep this one the boat.mp4");
  dest = g_build_filename (folder, name, NULL);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, name);
  shown_folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (shown_folder);
  shown_path = g_file_get_path (shown_folder);
  g_assert_cmpstr (shown_path, ==, folder);
  wait_settled (chooser);
  kling_test_key (chooser, "Return");
  g_assert_true (kling_test_wait_for (file_exists, dest, 5000));
  /* the copy is whole once the toast says so */
  toast_text = g_strdup_printf ("Video saved as “%s”", name);
  wait_for_widget (GTK_WIDGET (f->overlay), is_label_with_text, toast_text);

  g_assert_true (g_file_get_contents (dest, &saved, &saved_length, &error));
  g_assert_true (g_file_get_contents (kling_task_get_video_path (task), &original,
                                      &original_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (saved_length, >, 1000);
  g_assert_cmpmem (saved, saved_length, original, original_length);
}

/* The name Save Video As… proposes: the start of the prompt as a safe file
 * name, at most 48 characters of it; a short prompt is read no further
 * than its end (the name was once read past it). */
static void
test_video_file_name (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlingTask) short_one = create_task (f, "A boat");
  g_autoptr(KlingTask) spaced = create_task (f, "  Rain / on\tthe roof.  ");
  g_autoptr(KlingTask) long_one = create_task (f, "Ein Bötchen treibt ganz langsam nach rechts über das Wasser");
  g_autoptr(KlingTask) wide = create_task (f, "一只纸船向右漂去");
  g_autoptr(KlingTask) none = create_task (f, "");
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;

  name = kling_choices_video_file_name (short_one);
  g_assert_cmpstr (name, ==, "A boat.mp4");
  g_clear_pointer (&name, g_free);
  name = kling_choices_video_file_name (spaced);
  g_assert_cmpstr (name, ==, "Rain on the roof.mp4");
  g_clear_pointer (&name, g_free);
  name = kling_choices_video_file_name (long_one);
  g_assert_cmpstr (name, ==, "Ein Bötchen treibt ganz langsam nach rechts über.mp4");
  g_assert_cmpint (g_utf8_strlen (name, -1), ==, 48 + 4);
  g_clear_pointer (&name, g_free);
  name = kling_choices_video_file_name (wide);
  g_assert_cmpstr (name, ==, "一只纸船向右漂去.mp4");
  g_clear_pointer (&name, g_free);
  name = kling_choices_video_file_name (none);
  expected = g_strdup_printf ("kling-%s.mp4", kling_task_get_local_id (none));
  g_assert_cmpstr (name, ==, expected);
}

/* A file manager on the session bus, as Nautilus offers it. */

static const char file_manager_xml[] =
  "<node><interface name='org.freedesktop.FileManager1'>"
  "<method name='ShowItems'><arg type='as' name='URIs' direction='in'/>"
  "<arg type='s' name='StartupId' direction='in'/></method>"
  "</interface></node>";

static void
file_manager_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  GPtrArray *shown = user_data;
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (shown, g_strdup (uris[i]));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_nonempty (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* Show in Folder asks the file manager to point at the video. */
static void
test_show_in_folder (Fixture       *f,
                     gconstpointer  data)
{
  static const GDBusInterfaceVTable vtable = { file_manager_call };
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (file_manager_xml, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *uri = NULL;
  gboolean acquired = FALSE;
  guint object_id, owner_id;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                 node->interfaces[0], &vtable, shown, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           name_acquired_cb, NULL, &acquired, NULL);
  g_assert_true (kling_test_wait_for (is_true, &acquired, 5000));

  kling_fake_server_set_timing (f->server, 100, 400);
  task = submit (f, "Where is it?");
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 8000);
  click_menu_item (f, task, "Show in Folder");
  g_assert_true (kling_test_wait_for (is_nonempty, shown, 5000));

  uri = g_filename_to_uri (kling_task_get_video_path (task), NULL, NULL);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, uri);

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
}

/* Whether the row pair[0] is whole inside the scrolled window pair[1]. */
static gboolean
row_in_view (gpointer data)
{
  GtkWidget *row = ((gpointer *) data)[0];
  GtkWidget *scrolled = ((gpointer *) data)[1];
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (row, scrolled, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Selecting a task far down the list scrolls it into view. */
static void
test_select_scrolls (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *scrolled = kling_test_find_widget (GTK_WIDGET (f->view), kling_test_match_type,
                                                GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
  graphene_rect_t bounds;
  gpointer pair[2];
  GtkWidget *row;
  KlingTask *oldest;

  for (int i = 0; i < 14; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("Generation number %d", i + 1);

      g_ptr_array_add (tasks, create_task (f, prompt));
    }
  oldest = g_list_model_get_item (G_LIST_MODEL (f->store), 13);
  g_object_unref (oldest);   /* the store keeps it */
  row = kling_history_view_get_row (f->view, oldest);
  wait_settled (row);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, >, gtk_widget_get_height (scrolled));

  kling_history_view_select_task (f->view, oldest);
  pair[0] = row;
  pair[1] = scrolled;
  g_assert_true (kling_test_wait_for (row_in_view, pair, 5000));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
}

/* Whether every row whose task has a thumbnail shows it. */
static gboolean
thumbnails_shown (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      GtkWidget *row = kling_history_view_get_row (f->view, task);
      GtkWidget *picture;

      if (row == NULL)
        return FALSE;
      picture = kling_test_find_widget (row, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_PICTURE));
      if (kling_task_get_thumbnail_path (task) != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Every state at once, wide and narrow, for people to look at. */
static void
fill_with_every_state (Fixture *f)
{
  g_autoptr(KlingTask) ready = NULL;
  g_autoptr(KlingTask) refused = NULL;
  g_autoptr(KlingTask) exhausted = NULL;
  g_autoptr(KlingTask) running = NULL;
  g_autoptr(KlingTask) queued = NULL;
  g_autoptr(KlingTask) pending = NULL;

  kling_fake_server_set_timing (f->server, 100, 600);
  ready = submit (f, "A paper boat drifts to the right while the water ripples around it");
  wait_for_state (ready, KLING_TASK_STATE_SUCCEEDED, 8000);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  refused = submit (f, "A crowd at night");
  wait_for_state (refused, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  exhausted = submit (f, "Clouds rolling over the hills");
  wait_for_state (exhausted, KLING_TASK_STATE_FAILED, 8000);
  kling_fake_server_set_timing (f->server, 100, 120000);
  kling_fake_server_set_concurrency (f->server, 1);
  running = submit (f, "The cat turns its head and blinks slowly");
  wait_for_state (running, KLING_TASK_STATE_PROCESSING, 5000);
  queued = submit (f, "Leaves fall from the tree");
  wait_for_state (queued, KLING_TASK_STATE_QUEUED, 5000);
  pending = create_task (f, "");
  g_assert_true (kling_test_wait_for (thumbnails_shown, f, 5000));
  wait_settled (kling_history_view_get_row (f->view, ready));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (f->view));

  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-empty-1280");
  fill_with_every_state (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-1280");
}

static void
test_screenshots_narrow (Fixture       *f,
                         gconstpointer  data)
{
  fill_with_every_state (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, 360);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-360");
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK reads any schema: the schema source is made once. */
  kling_test_compile_schema ();
  kling_test_ui_init (&argc, &argv);

#define ADD(path, func, width) \
  g_test_add ("/history/" path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("normal-generation", test_normal_generation, 1280);
  ADD ("moderation-failure", test_moderation_failure, 1280);
  ADD ("resource-pack-used-up", test_resource_pack_used_up, 1280);
  ADD ("waiting-for-a-slot", test_waiting_for_a_slot, 1280);
  ADD ("delete-and-undo", test_delete_and_undo, 1280);
  ADD ("row-actions-act-on-their-row", test_row_actions_act_on_their_row, 1280);
  ADD ("delete-two-undo-both", test_delete_two_undo_both, 1280);
  ADD ("delete-running", test_delete_running, 1280);
  ADD ("failure-in-narrow-list", test_failure_in_narrow_list, 400);
  ADD ("restart", test_restart, 1280);
  ADD ("check-again-after-giving-up", test_check_again_after_giving_up, 1280);
  ADD ("save-video-as", test_save_video_as, 1280);
  ADD ("video-file-name", test_video_file_name, 1280);
  ADD ("show-in-folder", test_show_in_folder, 1280);
  ADD ("select-scrolls", test_select_scrolls, 1280);
  ADD ("screenshots", test_screenshots, 1280);
  ADD ("screenshots-narrow", test_screenshots_narrow, 360);

#undef ADD

  return g_test_run ();
}
