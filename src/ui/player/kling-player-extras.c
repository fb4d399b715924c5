/* kling-player-extras.c — a frame saved as PNG, a range played in a loop,
 * and the paths choice kept
 *
 * The frame on screen is saved at the video's own size, alone or with the
 * regions and paths drawn over it as the player shows them; the PNG is
 * written in a thread. A loop range plays from one mark to the other again
 * and again; the scrubber shows the marks. Whether the paths are shown is
 * kept in the settings: the next generation, and the next start, show them
 * the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "kling-choices.h"
#include "kling-player-private.h"
#include "kling-toast.h"

/* — the frame as PNG — */

static void
write_thread (GTask        *gtask,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  cairo_surface_t *surface = task_data;
  GFile *file = g_object_get_data (G_OBJECT (gtask), "file");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *part = path != NULL ? g_strconcat (path, ".part", NULL) : NULL;

  if (path == NULL)
    {
      g_task_return_new_error (gtask, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Frames can only be saved to local files"));
      return;
    }
  /* Whole under another name first: a half-written PNG never has the name. */
  if (cairo_surface_write_to_png (surface, part) != CAIRO_STATUS_SUCCESS || g_rename (part, path) != 0)
    {
      g_unlink (part);
      g_task_return_new_error (gtask, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return;
    }
  g_task_return_boolean (gtask, TRUE);
}

/* The frame on screen at the video's size, with the paths if asked. */
static cairo_surface_t *
render_frame (KlingPlayer *self,
              gboolean     with_paths)
{
  GdkTexture *texture = kling_video_paintable_get_texture (self->paintable);
  int width, height;
  cairo_surface_t *surface;
  graphene_rect_t rect;
  cairo_t *cr;

  if (texture == NULL)
    return NULL;
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  /* GDK's default download format is cairo's ARGB32. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  if (with_paths && self->overlay != NULL)
    {
      cr = cairo_create (surface);
      graphene_rect_init (&rect, 0, 0, width, height);
      kling_motion_overlay_draw (self->overlay, cr, &rect);
      cairo_destroy (cr);
    }
  return surface;
}

/**
 * kling_player_export_frame_async:
 * @file: a local file to write the PNG to
 * @with_paths: whether the regions and paths are drawn over the frame
 *
 * Saves the frame on screen as a PNG of the video's size.
 */
void
kling_player_export_frame_async (KlingPlayer         *self,
                                 GFile               *file,
                                 gboolean             with_paths,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) gtask = g_task_new (self, cancellable, callback, user_data);
  cairo_surface_t *surface = render_frame (self, with_paths);

  g_task_set_source_tag (gtask, kling_player_export_frame_async);
  if (surface == NULL)
    {
      g_task_return_new_error (gtask, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No frame is shown"));
      return;
    }
  g_object_set_data_full (G_OBJECT (gtask), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (gtask, surface, (GDestroyNotify) cairo_surface_destroy);
  g_task_run_in_thread (gtask, write_thread);
}

gboolean
kling_player_export_frame_finish (KlingPlayer   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tell (KlingPlayer *self,
      const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), kling_toast_new_plain (text));
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (kling_player_export_frame_finish (KLING_PLAYER (source), result, &error))
    text = g_strdup_printf (_("Frame saved as %s"), name);
  else
    text = g_strdup_printf (_("Could not save the frame: %s"), error->message);
  tell (KLING_PLAYER (source), text);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KlingPlayer     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gboolean with_paths = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "with-paths"));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    kling_player_export_frame_async (self, file, with_paths, NULL, exported_cb, g_object_ref (file));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * kling_player_dup_frame_file_name:
 *
 * The name Save Frame as PNG proposes for the frame shown, as the artist
 * knows it: the generation's video, and the frame counted as the position
 * line counts it ("Lantern, frame 64.png").
 */
char *
kling_player_dup_frame_file_name (KlingPlayer *self)
{
  g_autofree char *video = NULL;
  double fps = kling_video_paintable_get_framerate (self->paintable);
  gint64 at = MAX (kling_video_paintable_get_frame_timestamp (self->paintable), 0);

  g_return_val_if_fail (KLING_IS_PLAYER (self), NULL);

  video = self->task != NULL ? kling_choices_video_file_name (self->task) : g_strdup (_("Video"));
  if (g_str_has_suffix (video, ".mp4"))
    video[strlen (video) - strlen (".mp4")] = '\0';
  /* Translators: a file name: the generation's, then the frame's number */
  return g_strdup_printf (_("%s, frame %u.png"), video,
                          fps > 0 ? (guint) llround (at * fps / G_USEC_PER_SEC) + 1 : 1);
}

static void
export_frame_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KlingPlayer *self = KLING_PLAYER (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (kling_video_paintable_get_texture (self->paintable) == NULL)
    return;
  /* The frame does not move while its name is chosen. */
  gtk_media_stream_pause (GTK_MEDIA_STREAM (self->paintable));
  name = kling_player_dup_frame_file_name (self);
  chooser = gtk_file_chooser_native_new (_("Save Frame"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "with-paths", GINT_TO_POINTER (g_variant_get_boolean (parameter)));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* — the loop range — */

static void
show_range (KlingPlayer *self)
{
  GtkScale *scale = self->seek_scale;

  gtk_scale_clear_marks (scale);
  if (self->loop_from >= 0)
    gtk_scale_add_mark (scale, self->loop_from / (double) G_USEC_PER_SEC, GTK_POS_TOP, NULL);
  if (self->loop_until >= 0)
    gtk_scale_add_mark (scale, self->loop_until / (double) G_USEC_PER_SEC, GTK_POS_TOP, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.loop-clear", self->loop_from >= 0 || self->loop_until >= 0);
}

/* Playing past the range's end goes back to its start. */
static void
timestamp_cb (KlingPlayer *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self->paintable);
  gint64 from = MAX (self->loop_from, 0);
  gint64 until = self->loop_until >= 0 ? self->loop_until : gtk_media_stream_get_duration (stream);

  if ((self->loop_from < 0 && self->loop_until < 0) || !gtk_media_stream_get_playing (stream) ||
      gtk_media_stream_is_seeking (stream) || until <= from)
    return;
  if (gtk_media_stream_get_timestamp (stream) >= until || gtk_media_stream_get_timestamp (stream) < from)
    gtk_media_stream_seek (stream, from);
}

/* A range that ends at the video's end goes on through its end. */
static void
ended_cb (KlingPlayer *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self->paintable);

  if (gtk_media_stream_get_ended (stream) && self->loop_from >= 0)
    {
      gtk_media_stream_seek (stream, self->loop_from);
      gtk_media_stream_play (stream);
    }
}

static void
loop_mark_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlingPlayer *self = KLING_PLAYER (widget);
  gint64 at = kling_video_paintable_get_frame_timestamp (self->paintable);

  at = MAX (at, 0);
  if (g_str_equal (action_name, "player.loop-from"))
    self->loop_from = at;
  else if (g_str_equal (action_name, "player.loop-until"))
    self->loop_until = at;
  else
    self->loop_from = self->loop_until = -1;
  /* Marks set the wrong way round still make a range. */
  if (self->loop_from >= 0 && self->loop_until >= 0 && self->loop_until < self->loop_from)
    {
      gint64 swap = self->loop_from;

      self->loop_from = self->loop_until;
      self->loop_until = swap;
    }
  show_range (self);
}

/**
 * kling_player_get_loop_range:
 * @from: (out): where the range starts, in microseconds, or -1
 * @until: (out): where it ends, or -1
 */
void
kling_player_get_loop_range (KlingPlayer *self,
                             gint64      *from,
                             gint64      *until)
{
  g_return_if_fail (KLING_IS_PLAYER (self));
  *from = self->loop_from;
  *until = self->loop_until;
}

/* A new video: its own range, none yet. */
void
_kling_player_extras_reset (KlingPlayer *self)
{
  self->loop_from = self->loop_until = -1;
  show_range (self);
}

void
_kling_player_extras_init (KlingPlayer *self)
{
  g_signal_connect_swapped (self->paintable, "notify::timestamp", G_CALLBACK (timestamp_cb), self);
  g_signal_connect_swapped (self->paintable, "notify::ended", G_CALLBACK (ended_cb), self);
  _kling_player_extras_reset (self);
}

void
_kling_player_class_extras_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "player.export-frame", "b", export_frame_activated);
  gtk_widget_class_install_action (widget_class, "player.loop-from", NULL, loop_mark_activated);
  gtk_widget_class_install_action (widget_class, "player.loop-until", NULL, loop_mark_activated);
  gtk_widget_class_install_action (widget_class, "player.loop-clear", NULL, loop_mark_activated);
}

/**
 * kling_player_set_settings:
 * @settings: (nullable): the app's settings, which keep whether the paths
 *   are shown
 */
void
kling_player_set_settings (KlingPlayer *self,
                           GSettings   *settings)
{
  g_return_if_fail (KLING_IS_PLAYER (self));

  g_settings_unbind (self, "show-paths");
  if (settings != NULL)
    g_settings_bind (settings, "player-show-paths", self, "show-paths", G_SETTINGS_BIND_DEFAULT);
}

/**
 * kling_player_has_paths:
 *
 * Returns: whether the paths of the generation shown are read, ready to be
 *   drawn over its video
 */
gboolean
kling_player_has_paths (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), FALSE);
  return self->overlay != NULL && kling_motion_overlay_has_motion (self->overlay);
}
