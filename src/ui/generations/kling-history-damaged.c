/* kling-history-damaged.c — the generations whose files are damaged
 *
 * A task folder whose task.json cannot be read is not a generation the
 * list can show, but it is not nothing either: it gets a row of its own
 * above the list, saying which folder and what is wrong, with a button to
 * look at it. The files are never touched. The widget is visible only
 * while there is such a folder (and the view hides its own list while
 * that is empty: an empty boxed list would draw a frame under these rows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-history-damaged.h"

struct _KlingHistoryDamaged
{
  AdwBin          parent_instance;

  GtkListBox     *list_box;
  KlingTaskStore *store;
  gulong          notify_id;
};

G_DEFINE_FINAL_TYPE (KlingHistoryDamaged, kling_history_damaged, ADW_TYPE_BIN)

static void
show_folder_cb (GtkButton *button,
                gpointer   user_data)
{
  const char *folder = g_object_get_data (G_OBJECT (button), "folder");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), uri, GDK_CURRENT_TIME);
}

static GtkWidget *
make_row (const char *folder,
          const char *reason)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show in _Folder"));
  g_autofree char *name = g_filename_display_basename (folder);
  g_autofree char *subtitle = g_strdup_printf ("%s: %s", name, reason);
  g_autofree char *valid = g_utf8_make_valid (subtitle, -1);

  /* The texts are file names and parser messages: not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A damaged generation file"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), valid);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "folder", g_strdup (folder), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (show_folder_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "error");
  return row;
}

static void
update_rows (KlingHistoryDamaged *self)
{
  GtkWidget *child;
  guint n = self->store != NULL ? kling_task_store_get_n_damaged (self->store) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->list_box,
                         make_row (kling_task_store_get_damaged_folder (self->store, i),
                                   kling_task_store_get_damaged_reason (self->store, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

void
kling_history_damaged_set_store (KlingHistoryDamaged *self,
                                 KlingTaskStore      *store)
{
  g_return_if_fail (KLING_IS_HISTORY_DAMAGED (self));

  g_clear_signal_handler (&self->notify_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->notify_id = g_signal_connect_swapped (store, "notify::n-damaged",
                                                G_CALLBACK (update_rows), self);
  update_rows (self);
}

gboolean
kling_history_damaged_has_rows (KlingHistoryDamaged *self)
{
  g_return_val_if_fail (KLING_IS_HISTORY_DAMAGED (self), FALSE);
  return gtk_widget_get_first_child (GTK_WIDGET (self->list_box)) != NULL;
}

static void
kling_history_damaged_dispose (GObject *object)
{
  KlingHistoryDamaged *self = KLING_HISTORY_DAMAGED (object);

  g_clear_signal_handler (&self->notify_id, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kling_history_damaged_parent_class)->dispose (object);
}

static void
kling_history_damaged_class_init (KlingHistoryDamagedClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kling_history_damaged_dispose;
}

static void
kling_history_damaged_init (KlingHistoryDamaged *self)
{
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Damaged generation files"), -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list_box));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
