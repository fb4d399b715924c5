/* kling-editor-page-refine.c — the options of the selection tools and the
 * changes to a whole region: grow, shrink, fill holes, smooth edge, and
 * "everything else stays still"
 *
 * Each change is one undo step, and says so when it changed nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-editor-page-private.h"
#include "kling-mask-ops.h"

/* Smooth Edge rounds off steps and spurs this wide (image pixels). */
#define SMOOTH_RADIUS 6

static gboolean
has_image (KlingEditorPage *self)
{
  return kling_document_get_texture (self->document) != NULL;
}

static void
grow (KlingMask *mask,
      gpointer   data)
{
  kling_mask_grow (mask, GPOINTER_TO_INT (data));
}

static void
fill_holes (KlingMask *mask,
            gpointer   data)
{
  kling_mask_fill_holes (mask);
}

static void
smooth (KlingMask *mask,
        gpointer   data)
{
  kling_mask_smooth (mask, SMOOTH_RADIUS);
}

static void
change_region (KlingEditorPage     *self,
               KlingMaskChangeFunc  change,
               gpointer             data,
               const char          *label,
               const char          *unchanged)
{
  int region = kling_canvas_get_region (self->canvas);

  if (!has_image (self))
    return;
  if (!kling_document_change_mask (self->document, region, change, data, label))
    _kling_editor_page_toast (self, unchanged);
}

static void
refine_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  int by = (int) gtk_adjustment_get_value (self->grow_adjustment);

  if (g_str_equal (action_name, "editor.grow-region"))
    change_region (self, grow, GINT_TO_POINTER (by), _("Grow Region"),
                   _("The region is empty: there is nothing to grow"));
  else if (g_str_equal (action_name, "editor.shrink-region"))
    change_region (self, grow, GINT_TO_POINTER (-by), _("Shrink Region"),
                   _("The region is empty: there is nothing to shrink"));
  else if (g_str_equal (action_name, "editor.fill-holes"))
    change_region (self, fill_holes, NULL, _("Fill Holes"), _("The region has no holes"));
  else if (g_str_equal (action_name, "editor.smooth-edge"))
    change_region (self, smooth, NULL, _("Smooth Edge"), _("The region's edge is already smooth"));
}

static void
still_elsewhere_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  if (!has_image (self))
    return;
  /* a one-off, unlike growing by steps: the menu has done its work */
  gtk_menu_button_popdown (self->refine_button);
  gtk_menu_button_popdown (self->overflow_button);
  if (kling_document_still_elsewhere (self->document))
    _kling_editor_page_toast (self, _("The static region is now everything no dynamic region covers"));
  else
    _kling_editor_page_toast (self, _("The static region already covers everything else"));
}

static void
busy_changed_cb (KlingEditorPage *self)
{
  gboolean busy = kling_canvas_get_busy (self->canvas);

  gtk_widget_set_visible (GTK_WIDGET (self->select_spinner), busy);
  gtk_spinner_set_spinning (self->select_spinner, busy);
  gtk_label_set_text (self->select_hint,
                      busy ? _("Finding the object… (Esc stops)")
                           : _("Drag a box around an object or click it; then Shift-drag over what belongs to it, Alt-drag over what does not"));
}

static void
contiguous_toggled_cb (GtkCheckButton  *check,
                       KlingEditorPage *self)
{
  kling_canvas_set_fill_contiguous (self->canvas, gtk_check_button_get_active (check));
}

void
_kling_editor_page_update_refine_actions (KlingEditorPage *self)
{
  gboolean has = has_image (self);
  static const char * const actions[] = {
    "editor.grow-region", "editor.shrink-region", "editor.fill-holes",
    "editor.smooth-edge", "editor.still-elsewhere",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], has);
}

void
_kling_editor_page_class_refine_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, contiguous_check);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, grow_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, select_spinner);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, select_hint);

  gtk_widget_class_install_action (widget_class, "editor.grow-region", NULL, refine_action);
  gtk_widget_class_install_action (widget_class, "editor.shrink-region", NULL, refine_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-holes", NULL, refine_action);
  gtk_widget_class_install_action (widget_class, "editor.smooth-edge", NULL, refine_action);
  gtk_widget_class_install_action (widget_class, "editor.still-elsewhere", NULL, still_elsewhere_action);
}

void
_kling_editor_page_refine_init (KlingEditorPage *self)
{
  g_signal_connect (self->contiguous_check, "toggled", G_CALLBACK (contiguous_toggled_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::busy", G_CALLBACK (busy_changed_cb), self);
}
