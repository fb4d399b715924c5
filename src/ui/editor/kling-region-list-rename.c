/* kling-region-list-rename.c — a region renamed in its row
 *
 * Renaming happens in place: the name turns into an entry (the rename
 * button, a double-click on the name, or F2, which the window gives to the
 * selected region). Enter or leaving the entry keeps the new name, Escape
 * the old one; the document trims it and makes it one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-region-list-private.h"

void
_kling_region_list_start_rename (KlingRegionList *self,
                                int              region)
{
  RegionRow *row = &self->rows[region];
  const KlingRegionInfo *info;

  if (self->document == NULL || row->renaming)
    return;

  info = kling_document_get_region (self->document, region);
  row->renaming = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row->name_entry), info->name ? info->name : "");
  gtk_stack_set_visible_child (GTK_STACK (row->title_stack), row->name_entry);
  gtk_widget_grab_focus (row->name_entry);
  gtk_editable_select_region (GTK_EDITABLE (row->name_entry), 0, -1);
}

/* @refocus: the user ended it with a key, so the keys go on to the row
 * (and from there 0–6 choose regions again); after a click elsewhere the
 * focus stays where it went. */
static void
finish_rename (KlingRegionList *self,
               int              region,
               gboolean         commit,
               gboolean         refocus)
{
  RegionRow *row = &self->rows[region];
  g_autofree char *name = NULL;

  if (!row->renaming)
    return;
  /* First, so that the entry losing the focus below does not finish twice. */
  row->renaming = FALSE;
  name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->name_entry)));

  if (refocus)
    gtk_widget_grab_focus (row->row);
  gtk_stack_set_visible_child (GTK_STACK (row->title_stack), row->title);
  if (commit && self->document != NULL)
    kling_document_set_region_name (self->document, region, name);
  _kling_region_list_update_row (self, region);
}

void
_kling_region_list_cancel_renames (KlingRegionList *self)
{
  for (int i = 0; i < KLING_N_REGIONS; i++)
    finish_rename (self, i, FALSE, FALSE);
}

void
_kling_region_list_rename_clicked (GtkButton *button,
                                   RegionRow *row)
{
  _kling_region_list_start_rename (row->list, row->region);
}

static void
title_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               RegionRow       *row)
{
  if (n_press == 2)
    _kling_region_list_start_rename (row->list, row->region);
}

static void
name_activated (GtkEntry  *entry,
                RegionRow *row)
{
  finish_rename (row->list, row->region, TRUE, TRUE);
}

/* Before the entry sees it: the text does not use Escape, which would go on
 * to the window (a folded side panel closes on it). */
static gboolean
name_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  RegionRow             *row)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_rename (row->list, row->region, FALSE, TRUE);
  return TRUE;
}

static void
name_focus_left (GtkEventControllerFocus *controller,
                 RegionRow               *row)
{
  finish_rename (row->list, row->region, TRUE, FALSE);
}

/* The name, and the entry it turns into while it is renamed. The stack
 * is as tall as what it shows, so the rows keep their height. */
void
_kling_region_list_build_title (RegionRow *row)
{
  GtkGesture *double_click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  row->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->title), PANGO_ELLIPSIZE_END);
  g_signal_connect (double_click, "pressed", G_CALLBACK (title_pressed), row);
  gtk_widget_add_controller (row->title, GTK_EVENT_CONTROLLER (double_click));

  row->name_entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (row->name_entry), KLING_DRAFT_REGION_NAME_MAX_CHARS);
  /* Narrow side panels: the entry takes the width it is given, no more. */
  gtk_editable_set_width_chars (GTK_EDITABLE (row->name_entry), 4);
  gtk_widget_set_hexpand (row->name_entry, TRUE);
  /* As tall as the name it edits, its text where the name was (style.css):
   * the rows below do not jump while the name is typed. */
  gtk_widget_add_css_class (row->name_entry, "kling-rename");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Region name"), -1);
  g_signal_connect (row->name_entry, "activate", G_CALLBACK (name_activated), row);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (name_key_pressed), row);
  gtk_widget_add_controller (row->name_entry, keys);
  g_signal_connect (focus, "leave", G_CALLBACK (name_focus_left), row);
  gtk_widget_add_controller (row->name_entry, focus);

  row->title_stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (row->title_stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (row->title_stack), FALSE);
  gtk_stack_add_child (GTK_STACK (row->title_stack), row->title);
  gtk_stack_add_child (GTK_STACK (row->title_stack), row->name_entry);
  gtk_stack_set_visible_child (GTK_STACK (row->title_stack), row->title);
}

