/* test-history-actions.c — what a history row's menu does
 *
 * Against the fake server as in test-history.c: the menu items clicked
 * with real X events act on their own row's generation; what is left on
 * disk after Delete, Undo and closing the window; the file Save Video As…
 * proposes and writes; the file manager Show in Folder asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kling-choices.h"
#include "kling-history-row.h"
#include "kling-history-lost.h"
#include "kling-test-history.h"
#include "kling-toast.h"

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

/* The Undo toast goes by itself after the toast time (one second here):
 * the deletion then happens. */
static void
test_delete_when_toast_times_out (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(KlingTask) task = create_task (f, "Deleted when its toast times out");
  g_autofree char *folder = g_strdup (kling_task_get_folder (task));

  wait_settled (kling_history_view_get_row (f->view, task));
  kling_toast_set_timeout (1);
  click_menu_item (f, task, "Delete");
  kling_toast_set_timeout (6);
  /* A toast under the pointer or holding the focus (the deleted row's
   * focus moves on into it) waits for them to leave, as it should. */
  kling_test_pointer_move (GTK_WIDGET (f->window), 10, 10);
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (kling_test_wait_for (folder_gone, folder, KLING_TEST_PATIENCE_MS));
  g_assert_false (kling_task_store_contains (f->store, task));
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
answer_dialog (const char *heading,
               const char *label)
{
  GtkWidget *dialog;
  GtkWidget *button;

  g_assert_true (kling_test_wait_for (dialog_shown, NULL, 5000));
  dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  button = wait_for_widget (dialog, is_visible_button_labelled, label);
  wait_settled (button);
  kling_test_save_screenshot (dialog, heading);
  click_center (button);
  g_assert_true (kling_test_wait_for (dialog_gone, NULL, 5000));
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
row_shows (Fixture    *f,
           KlingTask  *task,
           const char *name)
{
  GtkWidget *row = kling_history_view_get_row (f->view, task);

  return row != NULL && kling_test_find_widget (row, is_label_with_text, name) != NULL;
}

/* Rename… from the row's menu, the name typed like a person, then Return. */
static void
rename_by_typing (Fixture    *f,
                  KlingTask  *task,
                  const char *typed)
{
  GtkWidget *dialog, *entry;

  click_menu_item (f, task, "Rename…");
  g_assert_true (kling_test_wait_for (dialog_shown, NULL, 5000));
  dialog = kling_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Rename Generation");
  entry = wait_for_widget (dialog, is_entry, NULL);
  wait_settled (entry);
  /* The focus is in the name, all of it selected: typing replaces it. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), entry));
  kling_test_pointer_move (entry, 10, gtk_widget_get_height (entry) / 2.0);
  if (*typed != '\0')
    kling_test_xdotool ("type", "--delay", "15", typed, NULL);
  else
    kling_test_xdotool ("key", "BackSpace", NULL);
  kling_test_xdotool ("key", "Return", NULL);
  g_assert_true (kling_test_wait_for (dialog_gone, NULL, 5000));
}

/* A generation's name, typed in Rename…: the row shows it, the task's file
 * keeps it, and after a restart the row still shows it. An empty name
 * names it after its prompt again. */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KlingTask) task = create_task (f, "A lantern drifts over the lake while the moon rises");
  g_autofree char *local_id = g_strdup (kling_task_get_local_id (task));
  g_autofree char *file = g_build_filename (kling_task_get_folder (task), KLING_TASK_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  KlingTask *again;

  wait_settled (kling_history_view_get_row (f->view, task));
  g_assert_false (row_shows (f, task, "Lantern, second take"));

  rename_by_typing (f, task, "Lantern, second take");
  g_assert_cmpstr (kling_task_get_name (task), ==, "Lantern, second take");
  g_assert_true (row_shows (f, task, "Lantern, second take"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "history-renamed");
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"name\" : \"Lantern, second take\""));

  /* The app closes and starts again. */
  close_view (f);
  kling_poller_stop (f->poller);
  g_clear_object (&f->poller);
  g_clear_object (&f->store);
  f->store = kling_task_store_new (f->dir);
  g_assert_true (kling_task_store_load (f->store, &error));
  g_assert_no_error (error);
  make_poller (f);
  open_view (f, 1280);
  again = kling_task_store_find (f->store, local_id);
  g_assert_nonnull (again);
  g_assert_true (again != task);
  wait_settled (kling_history_view_get_row (f->view, again));
  g_assert_true (row_shows (f, again, "Lantern, second take"));
  /* Save Video As… proposes the name too. */
  {
    g_autofree char *video = kling_choices_video_file_name (again);

    g_assert_cmpstr (video, ==, "Lantern, second take.mp4");
  }

  /* Emptied: named after its prompt again, in the file too. */
  rename_by_typing (f, again, "");
  g_assert_null (kling_task_get_name (again));
  g_assert_false (row_shows (f, again, "Lantern, second take"));
  g_assert_true (row_shows (f, again, "A lantern drifts over the lake…"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Lantern, second take"));
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
  answer_dialog ("Delete a Generation in Progress?", "_Cancel");
  g_assert_nonnull (kling_history_view_get_row (f->view, running));
  g_assert_true (kling_task_store_contains (f->store, running));

  click_menu_item (f, running, "Delete");
  answer_dialog ("Delete a Generation in Progress?", "_Delete");
  pair[1] = running;
  g_assert_true (kling_test_wait_for (row_is_gone, pair, 1000));
  g_assert_nonnull (toast_button (f, is_visible_button_labelled, "_Undo"));
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

/* The answer to a create was lost and the server has no list to look it up
 * (a new-api relay): the row says "may have been created", Check Now sends
 * nothing, and Send Again asks first, then sends it once more. */
static void
test_send_again_after_lost_answer (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *site = NULL;
  g_autofree char *expected_site = NULL;

  kling_fake_server_set_no_list (f->server, TRUE);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTML, 1);
  task = submit (f, "A lantern drifts over the lake");
  wait_for_state (task, KLING_TASK_STATE_UNCONFIRMED, 10000);
  assert_state_matches (f, task, "^The request may have been created: its answer was lost \\(.*\\), "
                                 "and this server cannot look it up\\. It was not sent again\\.$");
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 1);

  /* Where to look by hand: the server's front page, not its API path. */
  site = kling_history_lost_site_url (task);
  base = g_uri_parse (kling_fake_server_get_base_url (f->server), G_URI_FLAGS_NONE, NULL);
  expected_site = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (base));
  g_assert_cmpstr (site, ==, expected_site);
  g_assert_nonnull (kling_test_find_widget (open_menu (f, task), is_label_with_text,
                                            "Look on the Provider’s Site"));
  kling_test_key (GTK_WIDGET (f->window), "Escape");

  click_menu_item (f, task, "Send Again (May Be Charged Twice)…");
  answer_dialog ("Send Again?", "_Send Again");
  wait_for_state (task, KLING_TASK_STATE_SUCCEEDED, 20000);
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", NULL), ==, 2);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK reads any schema: the schema source is made once. */
  kling_test_compile_schema ();
  kling_test_ui_init (&argc, &argv);

#define ADD(path, func, width) \
  g_test_add ("/history/actions/" path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("delete-and-undo", test_delete_and_undo, 1280);
  ADD ("delete-when-toast-times-out", test_delete_when_toast_times_out, 1280);
  ADD ("row-actions-act-on-their-row", test_row_actions_act_on_their_row, 1280);
  ADD ("delete-two-undo-both", test_delete_two_undo_both, 1280);
  ADD ("delete-running", test_delete_running, 1280);
  ADD ("save-video-as", test_save_video_as, 1280);
  ADD ("video-file-name", test_video_file_name, 1280);
  ADD ("show-in-folder", test_show_in_folder, 1280);
  ADD ("send-again-after-lost-answer", test_send_again_after_lost_answer, 1280);
  ADD ("rename", test_rename, 1280);

#undef ADD

  return g_test_run ();
}

