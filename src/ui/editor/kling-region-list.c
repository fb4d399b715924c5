/* kling-region-list.c — the static and dynamic regions, with their state
 *
 * One row per region: its colour, its name, what it holds ("12 / 77 points")
 * or what it still needs before it can be sent, a rename button, a
 * visibility toggle and a clear button. Selecting a row selects the region
 * the tools work on.
 *
 * Renaming happens in place: the name turns into an entry (the rename
 * button, a double-click on the name, or F2, which the window gives to the
 * selected region). Enter or leaving
 * the entry keeps the new name, Escape the old one; the document trims it
 * and makes it one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-region-list.h"

/* One region's row: the callbacks of its widgets get the row, which knows
 * its list and region. */
typedef struct {
  KlingRegionList *list;
  int              region;
  GtkWidget       *row;
  GtkWidget       *swatch;
  GtkWidget       *title_stack;
  GtkWidget       *title;
  GtkWidget       *name_entry;
  GtkWidget       *status;
  GtkWidget       *rename_button;
  GtkWidget       *visible_button;
  GtkWidget       *clear_button;
  gboolean         renaming;
} RegionRow;

struct _KlingRegionList
{
  GtkWidget      parent_instance;

  GtkWidget     *list_box;
  RegionRow      rows[KLING_N_REGIONS];
  KlingDocument *document;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (KlingRegionList, kling_region_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  RegionRow *row = user_data;
  GdkRGBA rgba;

  if (row->list->document == NULL)
    return;
  kling_document_get_region_rgba (row->list->document, row->region, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static char *
describe_region (KlingRegionList *self,
                 int              region,
                 gboolean        *incomplete)
{
  KlingMask *mask = kling_document_get_mask (self->document, region);
  g_autofree char *problem = NULL;
  KlingTrajectory *path;
  gboolean painted = mask != NULL && !kling_mask_is_empty (mask);

  *incomplete = FALSE;
  if (region == KLING_STATIC_REGION)
    return g_strdup (painted ? _("Stays still") : _("Not painted"));

  problem = kling_document_describe_region_problem (self->document, region);
  path = kling_document_get_trajectory (self->document, region);
  if (problem != NULL)
    {
      *incomplete = TRUE;
      return g_strdup_printf (_("%u / 77 points · %s"), kling_trajectory_get_n_points (path), problem);
    }
  if (!painted)
    return g_strdup (_("Not used"));
  return g_strdup_printf (_("%u / 77 points"), kling_trajectory_get_n_points (path));
}

static void
update_row (KlingRegionList *self,
            int              region)
{
  RegionRow *row = &self->rows[region];
  const KlingRegionInfo *info;
  g_autofree char *status = NULL;
  g_autofree char *visible_tip = NULL;
  g_autofree char *rename_tip = NULL;
  gboolean incomplete;

  if (self->document == NULL)
    return;

  info = kling_document_get_region (self->document, region);
  status = describe_region (self, region, &incomplete);

  self->updating = TRUE;
  gtk_label_set_text (GTK_LABEL (row->title), info->name ? info->name : "");
  gtk_label_set_text (GTK_LABEL (row->status), status);
  if (incomplete)
    gtk_widget_add_css_class (row->status, "warning");
  else
    gtk_widget_remove_css_class (row->status, "warning");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->visible_button), info->visible);
  gtk_button_set_icon_name (GTK_BUTTON (row->visible_button),
                            info->visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  visible_tip = info->visible ? g_strdup_printf (_("Hide %s"), info->name)
                              : g_strdup_printf (_("Show %s"), info->name);
  gtk_widget_set_tooltip_text (row->visible_button, visible_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->visible_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, visible_tip, -1);
  rename_tip = g_strdup_printf (_("Rename %s"), info->name);
  gtk_widget_set_tooltip_text (row->rename_button, rename_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->rename_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rename_tip, -1);
  gtk_widget_queue_draw (row->swatch);
  self->updating = FALSE;
}

static void
update_all (KlingRegionList *self)
{
  for (int i = 0; i < KLING_N_REGIONS; i++)
    update_row (self, i);
}

static void
on_region_event (KlingDocument   *document,
                 int              region,
                 KlingRegionList *self)
{
  update_row (self, region);
}

static void
on_mask_changed (KlingDocument   *document,
                 int              region,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 KlingRegionList *self)
{
  update_row (self, region);
}

static void
visible_toggled (GtkToggleButton *button,
                 RegionRow       *row)
{
  KlingRegionList *self = row->list;

  if (self->updating || self->document == NULL)
    return;
  kling_document_set_region_visible (self->document, row->region, gtk_toggle_button_get_active (button));
}

static void
clear_clicked (GtkButton *button,
               RegionRow *row)
{
  if (row->list->document != NULL)
    kling_document_clear_region (row->list->document, row->region);
}

/* — renaming — */

static void
start_rename (KlingRegionList *self,
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
  update_row (self, region);
}

static void
cancel_renames (KlingRegionList *self)
{
  for (int i = 0; i < KLING_N_REGIONS; i++)
    finish_rename (self, i, FALSE, FALSE);
}

static void
rename_clicked (GtkButton *button,
                RegionRow *row)
{
  start_rename (row->list, row->region);
}

static void
title_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               RegionRow       *row)
{
  if (n_press == 2)
    start_rename (row->list, row->region);
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

static void
row_selected (GtkListBox      *box,
              GtkListBoxRow   *row,
              KlingRegionList *self)
{
  if (row != NULL && !self->updating)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The name, and the entry it turns into while it is renamed. The stack
 * is as tall as what it shows, so the rows keep their height. */
static void
build_title (RegionRow *row)
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

/* Rename, show or hide, clear. Close together: in a narrow side panel the
 * name keeps the width. */
static GtkWidget *
build_buttons (RegionRow *row)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  g_autofree char *clear_tip = NULL;

  row->rename_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (row->rename_button, "flat");
  gtk_widget_set_valign (row->rename_button, GTK_ALIGN_CENTER);
  g_signal_connect (row->rename_button, "clicked", G_CALLBACK (rename_clicked), row);
  gtk_box_append (GTK_BOX (buttons), row->rename_button);

  row->visible_button = gtk_toggle_button_new ();
  gtk_widget_add_css_class (row->visible_button, "flat");
  /* The eye says it; a shown region needs no pressed look (style.css). */
  gtk_widget_add_css_class (row->visible_button, "kling-visibility");
  gtk_widget_set_valign (row->visible_button, GTK_ALIGN_CENTER);
  g_signal_connect (row->visible_button, "toggled", G_CALLBACK (visible_toggled), row);
  gtk_box_append (GTK_BOX (buttons), row->visible_button);

  row->clear_button = gtk_button_new_from_icon_name ("edit-clear-all-symbolic");
  gtk_widget_add_css_class (row->clear_button, "flat");
  gtk_widget_set_valign (row->clear_button, GTK_ALIGN_CENTER);
  clear_tip = row->region == KLING_STATIC_REGION ? g_strdup (_("Clear the static region"))
                                                 : g_strdup_printf (_("Clear region %d and its path"), row->region);
  gtk_widget_set_tooltip_text (row->clear_button, clear_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear_tip, -1);
  g_signal_connect (row->clear_button, "clicked", G_CALLBACK (clear_clicked), row);
  gtk_box_append (GTK_BOX (buttons), row->clear_button);
  return buttons;
}

static void
build_row (KlingRegionList *self,
           int              region)
{
  RegionRow *row = &self->rows[region];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *key_tip = g_strdup_printf (_("Select with the key %d"), region);

  row->list = self;
  row->region = region;
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  row->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->swatch), 16);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->swatch), draw_swatch, row, NULL);
  gtk_box_append (GTK_BOX (box), row->swatch);

  build_title (row);
  row->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->status), 0);
  gtk_label_set_wrap (GTK_LABEL (row->status), TRUE);
  gtk_widget_add_css_class (row->status, "caption");
  gtk_widget_add_css_class (row->status, "dim-label");
  gtk_box_append (GTK_BOX (labels), row->title_stack);
  gtk_box_append (GTK_BOX (labels), row->status);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);

  gtk_box_append (GTK_BOX (box), build_buttons (row));

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_widget_set_tooltip_text (row->row, key_tip);
  gtk_list_box_append (GTK_LIST_BOX (self->list_box), row->row);
}

void
kling_region_list_set_document (KlingRegionList *self,
                                KlingDocument   *document)
{
  if (self->document != document)
    cancel_renames (self);
  if (!kling_document_follow (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_object (document, "region-changed", G_CALLBACK (on_region_event), self, 0);
      g_signal_connect_object (document, "trajectory-changed", G_CALLBACK (on_region_event), self, 0);
      g_signal_connect_object (document, "mask-changed", G_CALLBACK (on_mask_changed), self, 0);
      g_signal_connect_object (document, "image-changed", G_CALLBACK (update_all), self, G_CONNECT_SWAPPED);
    }
  update_all (self);
}

void
kling_region_list_set_selected (KlingRegionList *self,
                                int              region)
{
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list_box), GTK_LIST_BOX_ROW (self->rows[region].row));
}

int
kling_region_list_get_selected (KlingRegionList *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box));

  return row ? gtk_list_box_row_get_index (row) : 0;
}

const char *
kling_region_list_get_status (KlingRegionList *self,
                              int              region)
{
  return gtk_label_get_text (GTK_LABEL (self->rows[region].status));
}

/**
 * kling_region_list_rename:
 * @region: the region whose name is edited
 *
 * Starts editing @region's name in its row, as its pencil button does.
 */
void
kling_region_list_rename (KlingRegionList *self,
                          int              region)
{
  g_return_if_fail (KLING_IS_REGION_LIST (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  start_rename (self, region);
}

/* The name as the row shows it, for tests. */
const char *
kling_region_list_get_title (KlingRegionList *self,
                             int              region)
{
  g_return_val_if_fail (region >= 0 && region < KLING_N_REGIONS, NULL);
  return gtk_label_get_text (GTK_LABEL (self->rows[region].title));
}

/* Whether the region's name is being edited. */
gboolean
kling_region_list_is_renaming (KlingRegionList *self,
                               int              region)
{
  g_return_val_if_fail (region >= 0 && region < KLING_N_REGIONS, FALSE);
  return self->rows[region].renaming;
}

static void
kling_region_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlingRegionList *self = KLING_REGION_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, kling_region_list_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_region_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlingRegionList *self = KLING_REGION_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      kling_region_list_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_region_list_dispose (GObject *object)
{
  KlingRegionList *self = KLING_REGION_LIST (object);

  kling_document_follow (&self->document, NULL, self);
  g_clear_pointer (&self->list_box, gtk_widget_unparent);

  G_OBJECT_CLASS (kling_region_list_parent_class)->dispose (object);
}

static void
kling_region_list_class_init (KlingRegionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_region_list_dispose;
  object_class->get_property = kling_region_list_get_property;
  object_class->set_property = kling_region_list_set_property;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, 0, KLING_N_REGIONS - 1, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "klingregionlist");
}

static void
kling_region_list_init (KlingRegionList *self)
{
  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Regions"), -1);
  gtk_widget_set_parent (self->list_box, GTK_WIDGET (self));

  for (int i = 0; i < KLING_N_REGIONS; i++)
    build_row (self, i);
  g_signal_connect (self->list_box, "row-selected", G_CALLBACK (row_selected), self);
  kling_region_list_set_selected (self, 1);
}

GtkWidget *
kling_region_list_new (void)
{
  return g_object_new (KLING_TYPE_REGION_LIST, NULL);
}
