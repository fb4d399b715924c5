/* kling-history-view-actions.c — what a history row's menu does for the view
 *
 * Save Video As… copies the video where the user chooses (the
 * "download-folder" setting or ~/Videos first). Show in Folder asks the file
 * manager over D-Bus, else opens the folder. Delete hides the row at once
 * and deletes the folder only once the toast is dismissed without Undo, or
 * when the view goes first.
 *
 * The view makes one KlingHistoryActions and calls it; it reaches back only
 * through the _kling_history_view_* functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-choices.h"
#include "kling-history-view-private.h"
#include "kling-toast.h"

struct _KlingHistoryActions
{
  KlingHistoryView     *view;             /* unowned: it owns this */
  GCancellable         *cancellable;      /* cancelled when the view goes */
  GHashTable           *pending_deletes;  /* KlingTask → AdwToast, both owned */
  AdwToast             *undo_toast;       /* the shown one new deletions join; unowned */
  GtkFileChooserNative *chooser;
  KlingTask            *save_task;        /* whose video the chooser saves */
  gboolean              shut_down;
};

/* Save Video As… */

typedef struct {
  KlingHistoryView *view;
  GFile            *dest;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_object_unref (data->view);
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
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Cannot save the video: %s"), error->message);
      _kling_history_view_show_toast (data->view, text);
      return;
    }
  basename = g_file_get_basename (data->dest);
  name = g_filename_display_name (basename);
  text = g_strdup_printf (_("Video saved as “%s”"), name);
  _kling_history_view_show_toast (data->view, text);
}

static void
save_response_cb (GtkNativeDialog     *chooser,
                  int                  response,
                  KlingHistoryActions *self)
{
  g_autoptr(KlingTask) task = g_steal_pointer (&self->save_task);
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFile) source = NULL;
  CopyData *data;

  if (response == GTK_RESPONSE_ACCEPT && kling_task_get_video_path (task) != NULL)
    dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (dest != NULL)
    {
      source = g_file_new_for_path (kling_task_get_video_path (task));
      data = g_new0 (CopyData, 1);
      data->view = g_object_ref (self->view);
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
default_save_folder (KlingHistoryActions *self)
{
  GSettings *settings = self->view->settings;
  g_autofree char *folder = NULL;
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

  if (settings != NULL && settings_have_key (settings, "download-folder"))
    folder = g_settings_get_string (settings, "download-folder");
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

static void
destroy_chooser (KlingHistoryActions *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->save_task);
}

void
_kling_history_actions_save_as (KlingHistoryActions *self,
                                KlingTask           *task)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->view));
  g_autoptr(GFile) folder = default_save_folder (self);
  g_autofree char *name = kling_choices_video_file_name (task);

  destroy_chooser (self);
  self->chooser = gtk_file_chooser_native_new (_("Save Video"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  self->save_task = g_object_ref (task);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Show in Folder: the file manager's D-Bus interface, else the folder. */

typedef struct {
  KlingHistoryView *view;
  GCancellable     *cancellable;
  char             *item_uri;     /* what the file manager should point at */
  char             *folder_uri;   /* what to open without one */
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_object_unref (data->view);
  g_object_unref (data->cancellable);
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
  _kling_history_view_show_toast (data->view, text);
}

static void
open_folder (ShowData *data)
{
  g_app_info_launch_default_for_uri_async (data->folder_uri, NULL, data->cancellable,
                                           folder_launched_cb, data);
}

static void
items_shown_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ShowData) data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("No file manager on the bus (%s): opening the folder", error->message);
  open_folder (g_steal_pointer (&data));
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
      open_folder (again);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", items, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, again->cancellable,
                          items_shown_cb, again);
}

void
_kling_history_actions_show_in_folder (KlingHistoryActions *self,
                                       KlingTask           *task)
{
  const char *video = kling_task_get_video_path (task);
  const char *folder = kling_task_get_folder (task);
  ShowData *data = g_new0 (ShowData, 1);

  data->view = g_object_ref (self->view);
  data->cancellable = g_object_ref (self->cancellable);
  data->folder_uri = g_filename_to_uri (folder, NULL, NULL);
  /* The video when there is one, else the task's folder itself. */
  data->item_uri = g_filename_to_uri (video != NULL ? video : folder, NULL, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_got_cb, data);
}

/* Delete, with Undo */

static void
unhide (KlingHistoryActions *self)
{
  gtk_filter_changed (GTK_FILTER (self->view->filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
delete_now (KlingHistoryActions *self,
            KlingTask        *task)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  KlingTaskStore *store = self->view->store;

  if (store == NULL || kling_task_store_delete (store, task, &error))
    return;
  text = g_strdup_printf (_("Cannot delete the generation: %s"), error->message);
  _kling_history_view_show_toast (self->view, text);
  unhide (self);
}

/* The tasks waiting on @toast, the one Undo toast deletions share. */
static GPtrArray *
tasks_of_toast (KlingHistoryActions *self,
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
update_undo_title (KlingHistoryActions *self,
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
                 KlingHistoryActions *self)
{
  g_autoptr(GPtrArray) tasks = tasks_of_toast (self, toast);

  for (guint i = 0; i < tasks->len; i++)
    g_hash_table_remove (self->pending_deletes, g_ptr_array_index (tasks, i));
  if (tasks->len > 0)
    unhide (self);
}

static void
delete_dismissed_cb (AdwToast         *toast,
                     KlingHistoryActions *self)
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
_kling_history_actions_commit_deletes (KlingHistoryActions *self)
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
delete_with_undo (KlingHistoryActions *self,
                  KlingTask        *task)
{
  AdwToastOverlay *overlay = self->view->toast_overlay;

  if (overlay == NULL || self->shut_down)
    {
      delete_now (self, task);
      return;
    }

  if (self->undo_toast == NULL)
    {
      self->undo_toast = kling_toast_new_plain (_("Generation deleted"));
      adw_toast_set_button_label (self->undo_toast, _("_Undo"));
      adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect (self->undo_toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self);
      g_signal_connect (self->undo_toast, "dismissed", G_CALLBACK (delete_dismissed_cb), self);
      g_hash_table_insert (self->pending_deletes, g_object_ref (task), g_object_ref (self->undo_toast));
      update_undo_title (self, self->undo_toast);
      kling_toast_add (overlay, self->undo_toast);
    }
  else
    {
      g_hash_table_insert (self->pending_deletes, g_object_ref (task), g_object_ref (self->undo_toast));
      update_undo_title (self, self->undo_toast);
    }
  gtk_filter_changed (GTK_FILTER (self->view->filter), GTK_FILTER_CHANGE_MORE_STRICT);
}

/* The dialog's answer; the view may have gone meanwhile. */
typedef struct {
  KlingHistoryView    *view;
  KlingHistoryActions *actions;
  KlingTask           *task;
} AskData;

static void
ask_data_free (gpointer data,
               GClosure *closure)
{
  AskData *ask = data;

  g_object_unref (ask->view);
  g_object_unref (ask->task);
  g_free (ask);
}

static void
delete_running_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            AskData          *ask)
{
  if (g_str_equal (response, "delete"))
    delete_with_undo (ask->actions, ask->task);
}

/* A generation still being made goes on at Kling, and is paid for, after
 * it is deleted here; the user hears that before, not after. */
static void
ask_delete_running (KlingHistoryActions *self,
                    KlingTask           *task)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->view));
  AskData *ask = g_new0 (AskData, 1);
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
  ask->view = g_object_ref (self->view);
  ask->actions = self;
  ask->task = g_object_ref (task);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_running_response_cb), ask,
                         ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_kling_history_actions_delete (KlingHistoryActions *self,
                               KlingTask           *task)
{
  KlingTaskState state = kling_task_get_state (task);

  if (state == KLING_TASK_STATE_SENDING || state == KLING_TASK_STATE_UNCONFIRMED ||
      state == KLING_TASK_STATE_SUBMITTED ||
      state == KLING_TASK_STATE_PROCESSING)
    ask_delete_running (self, task);
  else
    delete_with_undo (self, task);
}

gboolean
_kling_history_actions_is_shown (KlingHistoryActions *self,
                                 KlingTask           *task)
{
  return !g_hash_table_contains (self->pending_deletes, task);
}

/* The object */

KlingHistoryActions *
_kling_history_actions_new (KlingHistoryView *view)
{
  KlingHistoryActions *self = g_new0 (KlingHistoryActions, 1);

  self->view = view;
  self->cancellable = g_cancellable_new ();
  self->pending_deletes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  return self;
}

/* The view goes: what waits for its toast is deleted, the rest stops.
 * Answers still on their way hold the view, so this lives until it goes. */
void
_kling_history_actions_shutdown (KlingHistoryActions *self)
{
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  _kling_history_actions_commit_deletes (self);
  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  destroy_chooser (self);
}

void
_kling_history_actions_free (KlingHistoryActions *self)
{
  _kling_history_actions_shutdown (self);
  g_hash_table_unref (self->pending_deletes);
  g_object_unref (self->cancellable);
  g_free (self);
}
