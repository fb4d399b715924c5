/* kling-window-banner.c — the banner over a picture the API would refuse
 *
 * The picture is still shown, under a banner naming every problem, with
 * one button that fixes them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-image-fix.h"
#include "kling-window-private.h"

/* — the banner for images the API refuses — */

static void
ensure_banner (KlingWindow *self)
{
  GtkWidget *box, *icon;

  if (self->banner_revealer != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "kling-banner");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_box_append (GTK_BOX (box), icon);

  self->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->banner_label), TRUE);
  gtk_label_set_xalign (self->banner_label, 0);
  gtk_label_set_wrap (self->banner_label, TRUE);
  gtk_label_set_wrap_mode (self->banner_label, PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_label));

  self->banner_button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->banner_button), GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "win.fix-image");
  gtk_widget_add_css_class (GTK_WIDGET (self->banner_button), "suggested-action");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_button));

  self->banner_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->banner_revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->banner_revealer, box);
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->banner_revealer), self->header_bar);
}

/* A picture that is not in the editor yet (it needs converting first) is
 * shown on a page of its own, under its banner: not over the previous
 * picture, which the banner would seem to be about. */
static void
show_pending_picture (KlingWindow *self,
                      GdkPixbuf   *pixbuf)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "pending");
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

  if (page == NULL)
    {
      page = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (page), TRUE);
      gtk_widget_set_margin_start (page, 24);
      gtk_widget_set_margin_end (page, 24);
      gtk_widget_set_margin_top (page, 24);
      gtk_widget_set_margin_bottom (page, 24);
      gtk_stack_add_named (self->stack, page, "pending");
    }
  gtk_picture_set_paintable (GTK_PICTURE (page), GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child (self->stack, page);
  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
}

static void
hide_pending_picture (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pending") != 0)
    return;
  gtk_stack_set_visible_child_name (self->stack,
                                    document != NULL && kling_document_get_texture (document) != NULL
                                    ? "editor" : "empty");
}

void
kling_window_show_banner (KlingWindow *self,
                          const char  *message,
                          GdkPixbuf   *pixbuf,
                          const char  *name,
                          gsize        n_bytes,
                          guint        steps)
{
  g_autofree char *label = kling_image_fix_describe (pixbuf, n_bytes, steps);
  KlingDocument *document;

  g_set_object (&self->pending_pixbuf, pixbuf);
  g_free (self->pending_name);
  self->pending_name = g_strdup (name);

  ensure_banner (self);
  gtk_label_set_text (self->banner_label, message);
  gtk_button_set_label (self->banner_button, label);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  document = kling_window_peek_document (self);
  if (document == NULL || kling_document_get_pixbuf (document) != pixbuf)
    show_pending_picture (self, pixbuf);
  kling_window_update_actions (self);
}

void
kling_window_hide_banner (KlingWindow *self)
{
  g_clear_object (&self->pending_pixbuf);
  g_clear_pointer (&self->pending_name, g_free);
  if (self->banner_revealer != NULL)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  hide_pending_picture (self);
  kling_window_update_actions (self);
}

static void
fix_image (KlingWindow *self,
           gpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;

  if (self->pending_pixbuf == NULL)
    return;

  kling_window_ensure_editor (self);
  image = kling_image_fix (self->pending_pixbuf, self->pending_name, &error);
  if (image == NULL ||
      !kling_document_set_image (kling_editor_page_get_document (self->editor_page), image, &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_set_document_name (self, self->pending_name);
  kling_window_hide_banner (self);
  kling_window_show_editor (self);
}

/* The banner's button: the fixed picture replaces what is in the editor. */
void
kling_window_fix_image (KlingWindow *self)
{
  if (self->pending_pixbuf != NULL)
    kling_window_replace_composition (self, self->pending_name, fix_image, NULL, NULL);
}

