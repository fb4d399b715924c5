/* kling-window-export.c — the motion exported: tracks for Wan-Move and ATI, the preview as a video or a GIF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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
export_tracks_to (KlingWindow *self,
                  GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    export_to (self, path);
  else
    kling_window_show_toast (self, _("Motion tracks can only be saved to local files"));
}

/* win.export-tracks */
void
kling_window_export_tracks_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  if (self->editor_page == NULL || !kling_editor_page_get_has_image (self->editor_page))
    return;
  gtk_file_filter_set_name (filter, _("Track files (Wan-Move, ATI)"));
  gtk_file_filter_add_suffix (filter, "json");
  chooser = kling_window_new_chooser (self, _("Export Motion Tracks"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                      _("_Export"), filter, export_tracks_to);
  if (chooser == NULL)
    return;
  gtk_file_chooser_set_current_name (chooser, "tracks.json");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* — exporting the motion preview — */

static void
export_mp4_to (KlingWindow *self,
               GFile       *file)
{
  kling_editor_page_export_motion (self->editor_page, KLING_MOTION_FORMAT_MP4, file);
}

static void
export_gif_to (KlingWindow *self,
               GFile       *file)
{
  kling_editor_page_export_motion (self->editor_page, KLING_MOTION_FORMAT_GIF, file);
}

/* The picture's name, "-motion" and the format's suffix. */
static char *
suggested_export_name (KlingWindow *self,
                       const char  *suffix)
{
  g_autofree char *draft_name = kling_window_suggest_draft_name (self);

  draft_name[strlen (draft_name) - strlen (KLING_DRAFT_FILE_SUFFIX)] = '\0';
  return g_strconcat (draft_name, "-motion", suffix, NULL);
}

/* win.export-motion: "mp4" or "gif" */
void
kling_window_export_motion_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  gboolean gif = g_str_equal (g_variant_get_string (parameter, NULL), "gif");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->editor_page == NULL)
    return;
  gtk_file_filter_set_name (filter, gif ? _("Animated GIF") : _("MP4 Video"));
  gtk_file_filter_add_mime_type (filter, gif ? "image/gif" : "video/mp4");
  chooser = kling_window_new_chooser (self, gif ? _("Export Motion as GIF") : _("Export Motion as Video"),
                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), filter,
                                      gif ? export_gif_to : export_mp4_to);
  if (chooser == NULL)
    return;
  name = suggested_export_name (self, gif ? ".gif" : ".mp4");
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
