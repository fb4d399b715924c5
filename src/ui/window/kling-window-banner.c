/* kling-window-banner.c — the banner over a picture the API would refuse
 *
 * The picture is still shown, under a banner naming every problem, with
 * one button that fixes them all. A picture in the editor is fixed in
 * place, keeping its regions and paths, as one undo step; when it must be
 * cropped, the crop frame lets the artist choose what stays first. The
 * banner follows the picture: an undone crop brings it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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
  self->pending_steps = steps;

  ensure_banner (self);
  gtk_label_set_text (self->banner_label, message);
  gtk_button_set_label (self->banner_button, label);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  document = kling_window_peek_document (self);
  if (document == NULL || kling_document_get_pixbuf (document) != pixbuf)
    show_pending_picture (self, pixbuf);
  kling_window_update_actions (self);
}

static void
hide_banner (KlingWindow *self)
{
  g_clear_object (&self->pending_pixbuf);
  g_clear_pointer (&self->pending_name, g_free);
  if (self->banner_revealer != NULL)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  hide_pending_picture (self);
  kling_window_update_actions (self);
}

/* Also stops following the picture: a draft or a fresh start has none to fix. */
void
kling_window_hide_banner (KlingWindow *self)
{
  self->follows_picture = FALSE;
  hide_banner (self);
}

/**
 * kling_window_check_picture:
 *
 * Shows the banner for what is wrong with the picture in the editor, or
 * hides it when nothing is; after opening a picture, fixing it, and undoing
 * or redoing a fix. A picture waiting on a page of its own keeps its banner.
 */
void
kling_window_check_picture (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);
  KlingImage *image = document ? kling_document_get_image (document) : NULL;
  g_autoptr(GError) problem = NULL;
  g_autofree char *turned = NULL;
  g_autofree char *text = NULL;
  const char *name;

  if (!self->follows_picture || document == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pending") == 0)
    return;
  if (image == NULL || kling_image_is_url (image))
    {
      hide_banner (self);
      return;
    }
  name = kling_image_get_name (image);
  kling_image_check (image, NULL, &problem);
  if (kling_image_get_orientation (image) != 1)
    turned = kling_image_fix_rotation_problem (name ? name : "");
  if (problem == NULL && turned == NULL)
    {
      hide_banner (self);
      return;
    }
  text = problem && turned ? g_strdup_printf ("%s\n%s", problem->message, turned) : NULL;
  kling_window_show_banner (self, text ? text : problem ? problem->message : turned,
                            kling_document_get_pixbuf (document), name,
                            g_bytes_get_size (kling_image_get_bytes (image)),
                            turned ? KLING_IMAGE_FIX_ROTATE : 0);
}

/* — fixing — */

/* Fixes the picture in the editor, keeping only @area of it, with its
 * regions and paths: one undo step. */
static void
fix_in_place (KlingWindow     *self,
              const KlingRect *area)
{
  KlingDocument *document = kling_window_peek_document (self);
  KlingImage *old = kling_document_get_image (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;
  gboolean cropped = area->width != kling_document_get_width (document) ||
                     area->height != kling_document_get_height (document);

  image = kling_image_fix (kling_document_get_pixbuf (document), kling_image_get_name (old), area,
                           g_strcmp0 (kling_image_get_mime_type (old), "image/jpeg") == 0 ? "jpeg" : "png",
                           &error);
  if (image == NULL ||
      !kling_document_crop_picture (document, image, area, cropped ? _("Crop") : _("Fix Picture"), &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_show_toast (self, cropped ? _("Cropped: Ctrl+Z gives back the whole picture")
                                         : _("Fixed: Ctrl+Z gives back the picture as it was"));
}

static void
crop_applied_cb (KlingWindow    *self,
                 KlingCropFrame *frame)
{
  KlingRect area;

  kling_crop_frame_get_area (frame, &area);
  self->cropping = FALSE;
  fix_in_place (self, &area);
  kling_window_update_actions (self);
}

static void
crop_cancelled_cb (KlingWindow *self)
{
  self->cropping = FALSE;
  kling_window_update_actions (self);
}

/* The artist chooses what stays (kling-crop-frame.c) before anything is
 * cropped; a picture that needs no crop is fixed at once. */
static void
fix_or_crop (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);
  KlingCropFrame *frame = kling_editor_page_get_crop_frame (self->editor_page);
  int width = kling_document_get_width (document);
  int height = kling_document_get_height (document);
  KlingRect area = { 0, 0, width, height };

  if (!kling_image_fix_crop_size (width, height, &area.width, &area.height))
    {
      fix_in_place (self, &area);
      return;
    }
  if (!self->crop_connected)
    {
      g_signal_connect_object (frame, "apply", G_CALLBACK (crop_applied_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (frame, "cancel", G_CALLBACK (crop_cancelled_cb), self, G_CONNECT_SWAPPED);
      self->crop_connected = TRUE;
    }
  self->cropping = TRUE;
  kling_window_update_actions (self);
  kling_crop_frame_start (frame, area.width, area.height);
}

/* A picture that was not in the editor (it needed converting, turning or
 * scaling down first) replaces the composition; cropping comes after. */
static void
fix_image (KlingWindow *self,
           gpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autofree char *name = g_strdup (self->pending_name);

  if (self->pending_pixbuf == NULL)
    return;

  kling_window_ensure_editor (self);
  image = kling_image_fix (self->pending_pixbuf, name, NULL, "png", &error);
  if (image == NULL ||
      !kling_document_set_image (kling_editor_page_get_document (self->editor_page), image, &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_set_document_name (self, name);
  hide_banner (self);
  self->follows_picture = TRUE;
  kling_window_check_picture (self);
  kling_window_show_editor (self);
  if (self->pending_pixbuf != NULL)
    fix_or_crop (self);
}

/* The banner's button: a picture in the editor is fixed in place; one on
 * its own page replaces what is in the editor. */
void
kling_window_fix_image (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);

  if (self->pending_pixbuf == NULL || self->cropping)
    return;
  if (document != NULL && kling_document_get_pixbuf (document) == self->pending_pixbuf &&
      !(self->pending_steps & KLING_IMAGE_FIX_ROTATE))
    fix_or_crop (self);
  else
    kling_window_replace_composition (self, self->pending_name, fix_image, NULL, NULL);
}
