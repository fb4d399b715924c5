/* kling-history-rename.c — a generation's own name
 *
 * Rows are named from their prompt until the artist names them: a short
 * dialog with the name selected, Return renames, an empty name goes back to
 * the prompt's. The name is kept in the task's file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kling-history-rename.h"
#include "kling-history-text.h"
#include "kling-toast.h"

typedef struct {
  KlingTaskStore *store;
  KlingTask      *task;
  GtkEditable    *entry;
  GtkWidget      *parent;     /* where a failure is told */
} Rename;

static void
rename_free (gpointer  data,
             GClosure *closure)
{
  Rename *rename = data;

  g_clear_object (&rename->store);
  g_clear_object (&rename->task);
  g_clear_object (&rename->parent);
  g_free (rename);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Rename           *rename)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (kling_task_get_name (rename->task));
  g_autofree char *text = NULL;
  GtkWidget *overlay;

  if (g_strcmp0 (response, "rename") != 0)
    return;
  kling_task_set_name (rename->task, gtk_editable_get_text (rename->entry));
  if (rename->store == NULL || !kling_task_store_contains (rename->store, rename->task) ||
      kling_task_store_save (rename->store, rename->task, &error))
    return;
  /* Not kept: the row says what the file says. */
  kling_task_set_name (rename->task, before);
  text = g_strdup_printf (_("Could not rename the generation: %s"), error->message);
  overlay = gtk_widget_get_ancestor (rename->parent, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), kling_toast_new_plain (text));
  else
    g_warning ("%s", text);
}

/**
 * kling_history_rename_ask:
 *
 * Asks for @task's new name, and keeps it in @store.
 */
void
kling_history_rename_ask (GtkWidget      *parent,
                          KlingTaskStore *store,
                          KlingTask      *task)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = kling_history_dup_display_name (task);
  Rename *rename = g_new0 (Rename, 1);

  rename->store = store != NULL ? g_object_ref (store) : NULL;
  rename->task = g_object_ref (task);
  rename->entry = GTK_EDITABLE (entry);
  rename->parent = g_object_ref (parent);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), _("Rename Generation"),
                                   _("Leave the name empty to name it after its prompt again."));
  gtk_editable_set_text (GTK_EDITABLE (entry), kling_task_get_name (task) != NULL ? name : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), name);
  gtk_entry_set_max_length (GTK_ENTRY (entry), KLING_TASK_NAME_MAX_CHARS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), rename, rename_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
