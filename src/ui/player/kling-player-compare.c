/* kling-player-compare.c — two generations side by side, as one
 *
 * The player shows a second generation beside its own: a partner player
 * without controls, whose video follows this one's (kling-player-sync.c).
 * One play/pause, one scrubber, one frame step act on both; the paths
 * toggle shows each one's own paths, and a caption over each says which
 * generation it is. Comparing replaces the source picture beside the
 * video; either ends the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-player-private.h"

static void
stop_comparing (KlingPlayer *self)
{
  g_clear_pointer (&self->sync, _kling_player_sync_free);
  if (self->partner != NULL)
    gtk_box_remove (GTK_BOX (self->media_box), GTK_WIDGET (self->partner));
  self->partner = NULL;
  if (self->stop_compare_button != NULL)
    gtk_widget_set_visible (self->stop_compare_button, FALSE);
  if (self->caption != NULL)
    gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->caption)), FALSE);
}

static void
stop_clicked_cb (KlingPlayer *self)
{
  stop_comparing (self);
}

/* Over the top of each video: which generation it is. */
static void
add_caption (KlingPlayer *self)
{
  GtkWidget *bubble = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (bubble), label);
  gtk_widget_set_halign (bubble, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (bubble, GTK_ALIGN_START);
  gtk_widget_set_margin_top (bubble, 8);
  /* Clear of the back button and the stop button in the corners. */
  gtk_widget_set_margin_start (bubble, 48);
  gtk_widget_set_margin_end (bubble, 48);
  gtk_widget_set_can_target (bubble, FALSE);
  gtk_widget_add_css_class (bubble, "osd");
  gtk_widget_add_css_class (bubble, "kling-compare-caption");
  gtk_widget_set_visible (bubble, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->video_overlay), bubble);
  self->caption = GTK_LABEL (label);
}

static void
show_caption (KlingPlayer *self,
              const char  *caption)
{
  gtk_label_set_text (self->caption, caption);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->caption)), caption != NULL && *caption != '\0');
}

/**
 * kling_player_set_compare_captions:
 * @own: what the player's own generation is called
 * @other: what the compared one is called
 *
 * While comparing, says over each video which generation it is.
 */
void
kling_player_set_compare_captions (KlingPlayer *self,
                                   const char  *own,
                                   const char  *other)
{
  g_return_if_fail (KLING_IS_PLAYER (self));

  if (self->partner == NULL)
    return;
  show_caption (self, own);
  show_caption (self->partner, other);
}

/* The way back to one video, over the compared one's top corner. */
void
_kling_player_compare_init (KlingPlayer *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  add_caption (self);

  gtk_widget_set_tooltip_text (button, _("Stop Comparing"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stop Comparing"), -1);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (stop_clicked_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->root_overlay), button);
  self->stop_compare_button = button;
}

/**
 * kling_player_compare_with:
 * @other: (nullable): the generation to show beside the player's own;
 *   %NULL to stop comparing
 *
 * Shows @other's video beside this one, in sync with it.
 */
void
kling_player_compare_with (KlingPlayer *self,
                           KlingTask   *other)
{
  g_return_if_fail (KLING_IS_PLAYER (self));
  g_return_if_fail (other == NULL || KLING_IS_TASK (other));

  if (other == NULL || other == self->task)
    {
      stop_comparing (self);
      return;
    }
  if (self->partner != NULL && kling_player_get_task (self->partner) == other)
    return;
  stop_comparing (self);
  kling_player_set_side_by_side (self, FALSE);

  self->partner = KLING_PLAYER (kling_player_new ());
  self->partner->follows = TRUE;
  gtk_widget_set_hexpand (GTK_WIDGET (self->partner), TRUE);
  /* Only this player takes the keys and clicks. */
  gtk_widget_set_can_target (GTK_WIDGET (self->partner), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->partner), FALSE);
  g_object_bind_property (self, "show-paths", self->partner, "show-paths", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (self->media_box), GTK_WIDGET (self->partner));
  kling_player_set_task (self->partner, other);
  self->sync = _kling_player_sync_new (GTK_MEDIA_STREAM (self->paintable),
                                       GTK_MEDIA_STREAM (self->partner->paintable));
  gtk_widget_set_visible (self->stop_compare_button, TRUE);
}

/**
 * kling_player_get_partner:
 *
 * Returns: (transfer none) (nullable): the player beside this one while
 *   comparing
 */
KlingPlayer *
kling_player_get_partner (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), NULL);
  return self->partner;
}

void
_kling_player_compare_dispose (KlingPlayer *self)
{
  stop_comparing (self);
}
