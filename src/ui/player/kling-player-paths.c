/* kling-player-paths.c — what the artist asked for, over the video and beside it
 *
 * The paths and regions of the generation (a KlingMotionOverlay, read from
 * the task's folder) drawn over the video where the picture shows it, and
 * the source image with the same drawing beside the video, in a row or a
 * column, whichever shows them larger. A ring on each path follows the
 * video: where the region was asked to be at the frame shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-player-private.h"

static void
draw_paths (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  KlingPlayer *self = KLING_PLAYER (user_data);
  GdkPaintable *content;
  graphene_rect_t rect;

  if (self->overlay == NULL || !self->show_paths)
    return;
  content = GTK_WIDGET (area) == self->video_paths ? GDK_PAINTABLE (self->paintable)
                                                   : gtk_picture_get_paintable (self->image_picture);
  if (content != NULL &&
      kling_motion_overlay_fit (width, height, gdk_paintable_get_intrinsic_aspect_ratio (content), &rect))
    {
      kling_motion_overlay_draw (self->overlay, cr, &rect);
      kling_motion_overlay_draw_asked (self->overlay, cr, &rect, _kling_player_get_clip_time (self));
    }
}

void
_kling_player_paths_redraw (KlingPlayer *self)
{
  gtk_widget_queue_draw (self->video_paths);
  gtk_widget_queue_draw (self->image_paths);
}

/* The colours the regions were painted in, kept with the task; the
 * editor's defaults for a task written before that. */
static void
set_colors (KlingPlayer *self,
            KlingTask   *task)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();

  G_STATIC_ASSERT (N_REGIONS == KLING_TASK_N_REGIONS);
  for (guint i = 0; i < N_REGIONS; i++)
    {
      const char *color = task != NULL ? kling_task_get_region_color (task, i) : NULL;

      if (!gdk_rgba_parse (&self->colors[i], color != NULL ? color : draft->regions[i].color))
        self->colors[i] = (GdkRGBA) { 1, 1, 1, 1 };
    }
}

void
_kling_player_paths_init (KlingPlayer *self)
{
  set_colors (self, NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->video_paths), draw_paths, self, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->image_paths), draw_paths, self, NULL);
}

/* Called whenever what can be shown changes. */
void
_kling_player_paths_update (KlingPlayer *self)
{
  gboolean has_image = self->overlay != NULL && kling_motion_overlay_get_image (self->overlay) != NULL;
  gboolean has_motion = self->overlay != NULL && kling_motion_overlay_has_motion (self->overlay);

  /* A generation without a motion brush has nothing to show over it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.show-paths", has_motion);
  gtk_widget_set_tooltip_text (self->paths_button,
                               has_motion || self->overlay == NULL
                               ? _("Show the paths and regions over the video")
                               : _("This generation used no motion brush: there are no paths to show"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.side-by-side", has_image);
  gtk_widget_set_visible (self->image_overlay, has_image && self->side_by_side);
  _kling_player_paths_redraw (self);
}

/* — loading — */

static void
overlay_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingMotionOverlay) overlay = kling_motion_overlay_load_finish (result, &error);
  KlingPlayer *self;
  GdkPixbuf *image;

  /* Cancelled when the task changed or the player went away. */
  if (overlay == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No paths to show: %s", error->message);
      return;
    }
  self = KLING_PLAYER (user_data);
  g_clear_pointer (&self->overlay, kling_motion_overlay_free);
  self->overlay = g_steal_pointer (&overlay);
  image = kling_motion_overlay_get_image (self->overlay);
  if (image != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (image);

      gtk_picture_set_paintable (self->image_picture, GDK_PAINTABLE (texture));
    }
  _kling_player_paths_update (self);
}

void
_kling_player_paths_load (KlingPlayer *self)
{
  self->overlay_cancellable = g_cancellable_new ();
  set_colors (self, self->task);
  kling_motion_overlay_load_async (kling_task_get_folder (self->task), self->colors,
                                   self->overlay_cancellable, overlay_loaded_cb, self);
}

/* Drops what was read from the task; the caller updates the view. */
void
_kling_player_paths_forget (KlingPlayer *self)
{
  g_cancellable_cancel (self->overlay_cancellable);
  g_clear_object (&self->overlay_cancellable);
  g_clear_pointer (&self->overlay, kling_motion_overlay_free);
}

void
_kling_player_paths_show_none (KlingPlayer *self)
{
  gtk_picture_set_paintable (self->image_picture, NULL);
  _kling_player_paths_update (self);
}

/* — layout — */

/* Side by side, the video and the image go in a row or in a column,
 * whichever shows them larger: a column in a narrow window. */
void
_kling_player_paths_choose_orientation (KlingPlayer *self,
                                        int          width,
                                        int          height)
{
  double aspect = gdk_paintable_get_intrinsic_aspect_ratio (GDK_PAINTABLE (self->paintable));
  GtkOrientation orientation = GTK_ORIENTATION_HORIZONTAL;
  int controls = 0;

  if (aspect > 0 && gtk_widget_get_visible (self->image_overlay))
    {
      if (gtk_widget_get_visible (self->controls))
        gtk_widget_measure (self->controls, GTK_ORIENTATION_VERTICAL, width, NULL, &controls, NULL, NULL);
      height -= controls;
      /* the video's height either way */
      if (MIN (width / aspect, height / 2.0) > MIN (width / 2.0 / aspect, height))
        orientation = GTK_ORIENTATION_VERTICAL;
    }
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->media_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->media_box), orientation);
}
