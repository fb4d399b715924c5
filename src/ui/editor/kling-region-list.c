/* kling-region-list.c — the static and dynamic regions, with their state
 *
 * One row per region: its colour (a button that changes it), its name, what
 * it holds ("12 / 77 points") or what it still needs before it can be sent,
 * a rename button, a visibility toggle and a clear button. Activating a row
 * (a click, Enter or Space) selects the region the tools work on; the focus
 * moving over the rows does not, so tabbing through leaves the region as it
 * was. Each row is one Tab stop; inside the list the arrow keys move from
 * row to row and, sideways, to a row's buttons. The whole list folds under
 * its heading. Renaming is in kling-region-list-rename.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-region-list-private.h"
#include "kling-region-swatch.h"

G_DEFINE_FINAL_TYPE (KlingRegionList, kling_region_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

void
_kling_region_list_update_row (KlingRegionList *self,
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
  kling_region_swatch_update (KLING_REGION_SWATCH (row->swatch));
  if (region == self->selected)
    gtk_label_set_text (GTK_LABEL (self->summary), info->name ? info->name : "");
  self->updating = FALSE;
}

static void
update_all (KlingRegionList *self)
{
  for (int i = 0; i < KLING_N_REGIONS; i++)
    _kling_region_list_update_row (self, i);
}

static void
on_region_event (KlingDocument   *document,
                 int              region,
                 KlingRegionList *self)
{
  _kling_region_list_update_row (self, region);
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
  _kling_region_list_update_row (self, region);
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

/* — choosing a region — */

static void
row_activated (GtkListBox      *box,
               GtkListBoxRow   *row,
               KlingRegionList *self)
{
  kling_region_list_set_selected (self, gtk_list_box_row_get_index (row));
}

static RegionRow *
row_of_focus (KlingRegionList *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  for (int i = 0; focus != NULL && i < KLING_N_REGIONS; i++)
    if (focus == self->rows[i].row || gtk_widget_is_ancestor (focus, self->rows[i].row))
      return &self->rows[i];
  return NULL;
}

/* One Tab stop per row: Tab goes to the next row, not into the row's
 * buttons (the arrow keys reach those). At either end the focus is left
 * where GTK's own Tab then takes it out of the list. */
static gboolean
list_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  KlingRegionList       *self)
{
  gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  RegionRow *row;
  int next;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  row = row_of_focus (self);
  /* A popover's own widgets, and a name being typed, keep GTK's Tab. */
  if (row == NULL || row->renaming)
    return FALSE;

  next = row->region + (backward ? -1 : 1);
  if (next >= 0 && next < KLING_N_REGIONS)
    {
      gtk_widget_grab_focus (self->rows[next].row);
      return TRUE;
    }
  gtk_widget_grab_focus (backward ? row->row : row->clear_button);
  return FALSE;
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
  g_signal_connect (row->rename_button, "clicked", G_CALLBACK (_kling_region_list_rename_clicked), row);
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
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  row->swatch = kling_region_swatch_new (region);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), row->swatch);

  _kling_region_list_build_title (row);
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
    _kling_region_list_cancel_renames (self);
  if (!kling_document_follow (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_object (document, "region-changed", G_CALLBACK (on_region_event), self, 0);
      g_signal_connect_object (document, "trajectory-changed", G_CALLBACK (on_region_event), self, 0);
      g_signal_connect_object (document, "mask-changed", G_CALLBACK (on_mask_changed), self, 0);
      g_signal_connect_object (document, "image-changed", G_CALLBACK (update_all), self, G_CONNECT_SWAPPED);
    }
  for (int i = 0; i < KLING_N_REGIONS; i++)
    kling_region_swatch_set_document (KLING_REGION_SWATCH (self->rows[i].swatch), document);
  update_all (self);
}

/* The list box selects nothing itself (its selection would follow the
 * focus): the chosen row is marked here, as :selected would be. */
void
kling_region_list_set_selected (KlingRegionList *self,
                                int              region)
{
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  for (int i = 0; i < KLING_N_REGIONS; i++)
    {
      if (i == region)
        gtk_widget_add_css_class (self->rows[i].row, "kling-chosen");
      else
        gtk_widget_remove_css_class (self->rows[i].row, "kling-chosen");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->rows[i].row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, i == region, -1);
    }
  if (self->selected == region)
    return;
  self->selected = region;
  _kling_region_list_update_row (self, region);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
kling_region_list_get_selected (KlingRegionList *self)
{
  return self->selected;
}

/* Whether the rows are shown under the heading, or folded away. */
gboolean
kling_region_list_get_expanded (KlingRegionList *self)
{
  g_return_val_if_fail (KLING_IS_REGION_LIST (self), TRUE);
  return gtk_expander_get_expanded (GTK_EXPANDER (self->expander));
}

void
kling_region_list_set_expanded (KlingRegionList *self,
                                gboolean         expanded)
{
  g_return_if_fail (KLING_IS_REGION_LIST (self));
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), expanded);
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

  _kling_region_list_start_rename (self, region);
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
    case PROP_EXPANDED:
      g_value_set_boolean (value, kling_region_list_get_expanded (self));
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
    case PROP_EXPANDED:
      kling_region_list_set_expanded (self, g_value_get_boolean (value));
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
  g_clear_pointer (&self->expander, gtk_widget_unparent);

  G_OBJECT_CLASS (kling_region_list_parent_class)->dispose (object);
}

/* F6 and the like land on the chosen region's row, as the keys 0–6 left
 * it; folded, on the heading that unfolds it. */
static gboolean
kling_region_list_grab_focus (GtkWidget *widget)
{
  KlingRegionList *self = KLING_REGION_LIST (widget);

  if (kling_region_list_get_expanded (self))
    return gtk_widget_grab_focus (self->rows[self->selected].row);
  return gtk_widget_grab_focus (self->expander);
}

static void
kling_region_list_class_init (KlingRegionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_region_list_dispose;
  object_class->get_property = kling_region_list_get_property;
  object_class->set_property = kling_region_list_set_property;
  widget_class->grab_focus = kling_region_list_grab_focus;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, 0, KLING_N_REGIONS - 1, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "klingregionlist");
}

/* The heading folds the list; folded, it still names the chosen region. */
static GtkWidget *
build_heading (KlingRegionList *self)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Regions"));

  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (heading), title);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 1);
  gtk_widget_set_hexpand (self->summary, TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_box_append (GTK_BOX (heading), self->summary);
  return heading;
}

static void
expanded_changed (KlingRegionList *self)
{
  gtk_widget_set_visible (self->summary, !kling_region_list_get_expanded (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

static void
kling_region_list_init (KlingRegionList *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_widget_set_margin_top (self->list_box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Regions"), -1);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed), self);
  gtk_widget_add_controller (self->list_box, keys);

  self->expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (self->expander), build_heading (self));
  gtk_expander_set_child (GTK_EXPANDER (self->expander), self->list_box);
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), TRUE);
  gtk_widget_set_visible (self->summary, FALSE);
  g_signal_connect_swapped (self->expander, "notify::expanded", G_CALLBACK (expanded_changed), self);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));

  for (int i = 0; i < KLING_N_REGIONS; i++)
    build_row (self, i);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (row_activated), self);
  self->selected = -1;
  kling_region_list_set_selected (self, 1);
}

GtkWidget *
kling_region_list_new (void)
{
  return g_object_new (KLING_TYPE_REGION_LIST, NULL);
}
