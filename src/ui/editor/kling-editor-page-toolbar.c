/* kling-editor-page-toolbar.c — the toolbar that never asks for more width
 * than the page has
 *
 * When the tools and the current tool's options do not fit, the secondary
 * controls (Refine, Show Only the Selected Region, Fit to Window) move into
 * an overflow menu instead of being scrolled out of sight; they come back
 * once there is room for them again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-editor-page-private.h"

static gboolean
overflowed (KlingEditorPage *self)
{
  return gtk_widget_get_parent (GTK_WIDGET (self->secondary_tools)) == GTK_WIDGET (self->overflow_box);
}

static void
move_secondary_tools (KlingEditorPage *self,
                      gboolean         into_menu)
{
  GtkWidget *tools = GTK_WIDGET (self->secondary_tools);

  g_object_ref (tools);
  gtk_widget_unparent (tools);
  if (into_menu)
    gtk_box_append (self->overflow_box, tools);
  else
    gtk_box_insert_child_after (self->tool_bar, tools, GTK_WIDGET (self->tool_options));
  g_object_unref (tools);
  gtk_widget_set_visible (GTK_WIDGET (self->overflow_button), into_menu);
}

/* Deferred out of the size allocation that found the toolbar too wide:
 * moving widgets while GTK allocates would resize in the middle of it. */
static gboolean
update_overflow_cb (gpointer user_data)
{
  KlingEditorPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->tool_scroller);
  double room = gtk_adjustment_get_page_size (adjustment);
  int needed;

  self->overflow_id = 0;
  /* Not the adjustment's upper bound: the bar is stretched to the room. */
  gtk_widget_measure (GTK_WIDGET (self->tool_bar), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &needed, NULL, NULL);
  if (room <= 0)
    return G_SOURCE_REMOVE;
  if (!overflowed (self))
    {
      if (needed > room)
        move_secondary_tools (self, TRUE);
    }
  else
    {
      int tools_width, button_width, spacing = gtk_box_get_spacing (self->tool_bar);

      gtk_widget_measure (GTK_WIDGET (self->secondary_tools), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &tools_width, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->overflow_button), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &button_width, NULL, NULL);
      /* Back in the toolbar, the tools also take the room the menu leaves. */
      if (needed + spacing + tools_width <= room + button_width)
        move_secondary_tools (self, FALSE);
    }
  return G_SOURCE_REMOVE;
}

static void
toolbar_resized_cb (KlingEditorPage *self)
{
  if (self->overflow_id == 0)
    self->overflow_id = g_idle_add (update_overflow_cb, self);
}

void
_kling_editor_page_class_toolbar_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, tool_scroller);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, tool_bar);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, secondary_tools);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, overflow_button);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, overflow_box);
}

void
_kling_editor_page_toolbar_init (KlingEditorPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->tool_scroller);

  g_signal_connect_object (adjustment, "changed", G_CALLBACK (toolbar_resized_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_kling_editor_page_toolbar_dispose (KlingEditorPage *self)
{
  g_clear_handle_id (&self->overflow_id, g_source_remove);
}
