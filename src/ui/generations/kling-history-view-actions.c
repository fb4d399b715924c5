/* kling-history-view-actions.c — what a history row's buttons and menu do
 *
 * Play, Open in Editor and Retry are the window's business: they become
 * signals. Check Now asks the poller. Save Video As… copies the video where
 * the user chooses (the "download-folder" setting or ~/Videos first). Show in
 * Folder asks the file manager over D-Bus, else opens the folder. Delete
 * hides the row at once and deletes the folder only once the toast is
 * dismissed without Undo, or when the view goes first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-choices.h"
#include "kling-history-view-private.h"

#define TASK_KEY "kling-task"

/* Play, Open in Editor, Retry, Check Now */

static void
emit_for_row (KlingHistoryRow    *row,
              KlingHistorySignal  signal)
{
  kling_history_view_emit (row->view, signal, row->task);
}

static void
play_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  emit_for_row (user_data, KLING_HISTORY_SIGNAL_PLAY);
}

static void
open_in_editor_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  emit_for_row (user_data, KLING_HISTORY_SIGNAL_OPEN_IN_EDITOR);
}

static void
retry_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  emit_for_row (user_data, KLING_HISTORY_SIGNAL_RETRY);
}

static void
check_now_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KlingHistoryRow *row = user_data;

  if (kling_history_row_can_check_now (row))
    kling_poller_check_now (row->view->poller, row->task);
}

/* Save Video As… */

typedef struct {
  KlingHistoryView *self;
  GFile            *dest;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->dest);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyData, copy_data_free)

static void
video_copied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CopyData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Cannot save the video: %s"), error->message);
      kling_history_view_show_toast (data->self, text);
      return;
    }
  name = g_file_get_basename (data->dest);
  text = g_strdup_printf (_("Video saved as “%s”"), name);
  kling_history_view_show_toast (data->self, text);
}

static void
save_response_cb (GtkNativeDialog  *chooser,
                  int               response,
                  KlingHistoryView *self)
{
  KlingTask *task = g_object_get_data (G_OBJECT (chooser), TASK_KEY);
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFile) source = NULL;
  CopyData *data;

  if (response == GTK_RESPONSE_ACCEPT && kling_task_get_video_path (task) != NULL)
    dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (dest != NULL)
    {
      source = g_file_new_for_path (kling_task_get_video_path (task));
      data = g_new0 (CopyData, 1);
      data->self = g_object_ref (self);
      data->dest = g_object_ref (dest);
      /* The chooser already asked before replacing a file. */
      g_file_copy_async (source, dest, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                         self->cancellable, NULL, NULL, video_copied_cb, data);
    }
  g_clear_object (&self->chooser);
}

static gboolean
settings_have_key (GSettings  *settings,
                   const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* The "download-folder" setting, else ~/Videos, else the home folder. */
static GFile *
default_save_folder (KlingHistoryView *self)
{
  g_autofree char *folder = NULL;
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

  if (self->settings != NULL && settings_have_key (self->settings, "download-folder"))
    folder = g_settings_get_string (self->settings, "download-folder");
  if (!kling_choices_has_text (folder) || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_free (folder);
      folder = videos != NULL ? g_strdup (videos)
                              : g_build_filename (g_get_home_dir (), "Videos", NULL);
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (g_get_home_dir ());
  return g_file_new_for_path (folder);
}

/* A file name a person recognises: the start of the prompt, else the
 * generation's id. */
static char *
video_file_name (KlingTask *task)
{
  const char *prompt = kling_task_get_prompt (task);
  g_autofree char *head = NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  if (prompt != NULL)
    {
      head = g_utf8_substring (prompt, 0, 48);
      for (const char *p = head; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* no folders, no control characters, one space at a time */
          if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || g_unichar_isspace (c))
            c = ' ';
          if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
            continue;
          g_string_append_unichar (name, c);
        }
      while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
        g_string_truncate (name, name->len - 1);
    }
  if (name->len == 0 || name->str[0] == '.')
    g_string_printf (name, "kling-%s", kling_task_get_local_id (task));
  g_string_append (name, ".mp4");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  KlingHistoryRow *row = user_data;
  KlingHistoryView *self = row->view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) folder = default_save_folder (self);
  g_autofree char *name = video_file_name (row->task);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Save Video"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data_full (G_OBJECT (self->chooser), TASK_KEY, g_object_ref (row->task),
                          g_object_unref);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Show in Folder: the file manager's D-Bus interface, else the folder. */

typedef struct {
  KlingHistoryView *self;
  char             *item_uri;     /* what the file manager should point at */
  char             *folder_uri;   /* what to open without one */
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_object_unref (data->self);
  g_free (data->item_uri);
  g_free (data->folder_uri);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowData, show_data_free)

static void
folder_launched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShowData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  text = g_strdup_printf (_("Cannot show the folder: %s"), error->message);
  kling_history_view_show_toast (data->self, text);
}

static void
items_shown_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ShowData) data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  ShowData *again;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("No file manager on the bus (%s): opening the folder", error->message);
  again = g_steal_pointer (&data);
  g_app_info_launch_default_for_uri_async (again->folder_uri, NULL, again->self->cancellable,
                                           folder_launched_cb, again);
}

static void
bus_got_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ShowData) data = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  ShowData *again = g_steal_pointer (&data);
  const char *items[] = { again->item_uri, NULL };

  if (bus == NULL)
    {
      g_app_info_launch_default_for_uri_async (again->folder_uri, NULL, again->self->cancellable,
                                               folder_launched_cb, again);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", items, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, again->self->cancellable,
                          items_shown_cb, again);
}

static void
show_in_folder_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KlingHistoryRow *row = user_data;
  KlingHistoryView *self = row->view;
  const char *video = kling_task_get_video_path (row->task);
  const char *folder = kling_task_get_folder (row->task);
  ShowData *data = g_new0 (ShowData, 1);

  data->self = g_object_ref (self);
  data->folder_uri = g_filename_to_uri (folder, NULL, NULL);
  /* The video when there is one, else the task's folder itself. */
  data->item_uri = g_filename_to_uri (video != NULL ? video : folder, NULL, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_got_cb, data);
}

/* Delete, with Undo */

static void
unhide (KlingHistoryView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
delete_now (KlingHistoryView *self,
            KlingTask        *task)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL || kling_task_store_delete (self->store, task, &error))
    return;
  text = g_strdup_printf (_("Cannot delete the generation: %s"), error->message);
  kling_history_view_show_toast (self, text);
  unhide (self);
}

/* The tasks waiting on @toast, the one Undo toast deletions share. */
static GPtrArray *
tasks_of_toast (KlingHistoryView *self,
                AdwToast         *toast)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer task, value;

  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, &task, &value))
    if (value == toast)
      g_ptr_array_add (tasks, g_object_ref (task));
  return tasks;
}

/* One deletion names the generation by its prompt; more are counted. */
static void
update_undo_title (KlingHistoryView *self,
                   AdwToast         *toast)
{
  g_autoptr(GPtrArray) tasks = tasks_of_toast (self, toast);
  g_autofree char *title = NULL;

  if (tasks->len == 1)
    {
      g_autofree char *start = kling_choices_prompt_excerpt (kling_task_get_prompt (g_ptr_array_index (tasks, 0)), 32);
      g_autofree char *escaped = NULL;

      if (start == NULL)
        {
          adw_toast_set_title (toast, _("Generation deleted"));
          return;
        }
      /* toast titles are markup */
      escaped = g_markup_escape_text (start, -1);
      /* TRANSLATORS: a deleted generation, named by the start of its prompt */
      title = g_strdup_printf (_("“%s” deleted"), escaped);
    }
  else
    title = g_strdup_printf (ngettext ("%u generation deleted", "%u generations deleted", tasks->len),
                             tasks->len);
  adw_toast_set_title (toast, title);
}

/* Undo brings back every generation the toast counts. */
static void
undo_clicked_cb (AdwToast         *toast,
                 KlingHistoryView *self)
{
  g_autoptr(GPtrArray) tasks = tasks_of_toast (self, toast);

  for (guint i = 0; i < tasks->len; i++)
    g_hash_table_remove (self->pending_deletes, g_ptr_array_index (tasks, i));
  if (tasks->len > 0)
    unhide (self);
}

static void
delete_dismissed_cb (AdwToast         *toast,
                     KlingHistoryView *self)
{
  g_autoptr(GPtrArray) tasks = tasks_of_toast (self, toast);

  if (self->undo_toast == toast)
    self->undo_toast = NULL;
  for (guint i = 0; i < tasks->len; i++)
    {
      KlingTask *task = g_ptr_array_index (tasks, i);

      if (g_hash_table_remove (self->pending_deletes, task))
        delete_now (self, task);
    }
}

/* Deletes what is waiting for its toast to go: the view is going first. */
void
kling_history_view_commit_deletes (KlingHistoryView *self)
{
  GHashTableIter iter;
  KlingTask *task;
  AdwToast *toast;

  self->undo_toast = NULL;
  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &task, (gpointer *) &toast))
    {
      g_autoptr(KlingTask) held = g_object_ref (task);
      g_autoptr(AdwToast) shown = g_object_ref (toast);

      g_hash_table_iter_steal (&iter);
      g_signal_handlers_disconnect_by_data (shown, self);
      adw_toast_dismiss (shown);
      g_object_unref (task);
      g_object_unref (toast);
      delete_now (self, held);
    }
}

/* Deleting hides the row at once. Deletions in a row share one toast, so
 * its Undo always means all of them: two identical toasts in a queue made
 * Undo bring back another generation than the one the user thought. */
static void
delete_with_undo (KlingHistoryView *self,
                  KlingTask        *task)
{
  if (self->toast_overlay == NULL)
    {
      delete_now (self, task);
      return;
    }

  if (self->undo_toast == NULL)
    {
      self->undo_toast = adw_toast_new (_("Generation deleted"));
      adw_toast_set_button_label (self->undo_toast, _("_Undo"));
      adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
      g_signal_connect_object (self->undo_toast, "dismissed", G_CALLBACK (delete_dismissed_cb), self, 0);
      g_hash_table_insert (self->pending_deletes, g_object_ref (task), g_object_ref (self->undo_toast));
      update_undo_title (self, self->undo_toast);
      adw_toast_overlay_add_toast (self->toast_overlay, self->undo_toast);
    }
  else
    {
      g_hash_table_insert (self->pending_deletes, g_object_ref (task), g_object_ref (self->undo_toast));
      update_undo_title (self, self->undo_toast);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
delete_running_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  g_autoptr(KlingTask) task = user_data;
  KlingHistoryView *self = g_object_get_data (G_OBJECT (dialog), "view");

  if (g_str_equal (response, "delete") && self != NULL)
    delete_with_undo (self, task);
}

/* A generation still being made goes on at Kling, and is paid for, after
 * it is deleted here; the user hears that before, not after. */
static void
ask_delete_running (KlingHistoryView *self,
                    KlingTask        *task)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete a Generation in Progress?"),
                                   _("Kling goes on making this video, and it still counts against your account, "
                                     "but Kling Studio will stop following it and will not save the video."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "view", g_object_ref (self), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_running_response_cb), g_object_ref (task));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  KlingHistoryRow *row = user_data;
  KlingHistoryView *self = row->view;
  g_autoptr(KlingTask) task = g_object_ref (row->task);   /* the row goes now */
  KlingTaskState state = kling_task_get_state (task);

  if (state == KLING_TASK_STATE_SENDING || state == KLING_TASK_STATE_SUBMITTED ||
      state == KLING_TASK_STATE_PROCESSING)
    ask_delete_running (self, task);
  else
    delete_with_undo (self, task);
}

gboolean
kling_history_view_is_shown (gpointer task,
                             gpointer view)
{
  KlingHistoryView *self = view;

  return !g_hash_table_contains (self->pending_deletes, task);
}

static const GActionEntry row_actions[] = {
  { "play", play_action },
  { "open-in-editor", open_in_editor_action },
  { "save-as", save_as_action },
  { "show-in-folder", show_in_folder_action },
  { "check-now", check_now_action },
  { "retry", retry_action },
  { "delete", delete_action },
};

/**
 * kling_history_row_add_actions:
 * @widget: the row's widget, which keeps the actions
 *
 * The "row." actions the row's buttons and menu use.
 */
void
kling_history_row_add_actions (KlingHistoryRow *row,
                               GtkWidget       *widget)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), row_actions,
                                   G_N_ELEMENTS (row_actions), row);
  gtk_widget_insert_action_group (widget, "row", G_ACTION_GROUP (group));
  row->actions = G_ACTION_MAP (group);
}
