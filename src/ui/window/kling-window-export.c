/* kling-window-export.c — Export Motion Tracks…: the draft's motion for Wan-Move and ATI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-document.h"
#include "kling-editor-page.h"
#include "kling-tracks.h"
#include "kling-window-private.h"

static void
export_to (KlingWindow *self,
           const char  *path)
{
  KlingDocument *document = kling_editor_page_get_document (self->editor_page);
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_str_has_suffix (path, ".json") ? g_strdup (path) : g_strconcat (path, ".json", NULL);
  g_autofree char *text = NULL;

  request = kling_draft_to_request (kling_document_get_draft (document), &error);
  if (request == NULL ||
      !kling_tracks_export (request, target, KLING_TRACKS_DEFAULT_FRAMES, KLING_TRACKS_DEFAULT_POINTS, &error))
    text = g_strdup_printf (_("Could not export the motion tracks: %s"), error->message);
  else
    text = g_strdup_printf (_("Motion tracks saved as %s, the masks beside them"), target);
  kling_window_show_toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KlingWindow     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    export_to (self, path);
  else if (response == GTK_RESPONSE_ACCEPT)
    kling_window_show_toast (self, _("Motion tracks can only be saved to local files"));
  g_object_unref (chooser);
}

/* win.export-tracks */
void
kling_window_export_tracks_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->editor_page == NULL || !kling_editor_page_get_has_image (self->editor_page))
    return;
  chooser = gtk_file_chooser_native_new (_("Export Motion Tracks"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Track files (Wan-Move, ATI)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "tracks.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
