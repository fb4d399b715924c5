/* kling-region-list.c — the static and dynamic regions, with their state
 *
 * One row per region: its colour, its name, what it holds ("12 / 77 points")
 * or what it still needs before it can be sent, a visibility toggle and a
 * clear button. Selecting a row selects the region the tools work on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-region-list.h"

typedef struct {
  GtkWidget *row;
  GtkWidget *swatch;
  GtkWidget *title;
  GtkWidget *status;
  GtkWidget *visible_button;
  GtkWidget *clear_button;
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
  KlingRegionList *self = KLING_REGION_LIST (user_data);
  int region = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "region"));
  GdkRGBA rgba;

  if (self->document == NULL)
    return;
  kling_document_get_region_rgba (self->document, region, &rgba);
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
                 KlingRegionList *self)
{
  int region = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "region"));

  if (self->updating || self->document == NULL)
    return;
  kling_document_set_region_visible (self->document, region, gtk_toggle_button_get_active (button));
}

static void
clear_clicked (GtkButton       *button,
               KlingRegionList *self)
{
  int region = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "region"));

  if (self->document != NULL)
    kling_document_clear_region (self->document, region);
}

static void
row_selected (GtkListBox      *box,
              GtkListBoxRow   *row,
              KlingRegionList *self)
{
  if (row != NULL && !self->updating)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
build_row (KlingRegionList *self,
           int              region)
{
  RegionRow *row = &self->rows[region];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *key_tip = g_strdup_printf (_("Select with the key %d"), region);
  g_autofree char *clear_tip = NULL;

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  row->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->swatch), 16);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row->swatch), "region", GINT_TO_POINTER (region));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->swatch), draw_swatch, self, NULL);
  gtk_box_append (GTK_BOX (box), row->swatch);

  row->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->title), PANGO_ELLIPSIZE_END);
  row->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->status), 0);
  gtk_label_set_wrap (GTK_LABEL (row->status), TRUE);
  gtk_widget_add_css_class (row->status, "caption");
  gtk_widget_add_css_class (row->status, "dim-label");
  gtk_box_append (GTK_BOX (labels), row->title);
  gtk_box_append (GTK_BOX (labels), row->status);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);

  row->visible_button = gtk_toggle_button_new ();
  gtk_widget_add_css_class (row->visible_button, "flat");
  gtk_widget_set_valign (row->visible_button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row->visible_button), "region", GINT_TO_POINTER (region));
  g_signal_connect (row->visible_button, "toggled", G_CALLBACK (visible_toggled), self);
  gtk_box_append (GTK_BOX (box), row->visible_button);

  row->clear_button = gtk_button_new_from_icon_name ("edit-clear-all-symbolic");
  gtk_widget_add_css_class (row->clear_button, "flat");
  gtk_widget_set_valign (row->clear_button, GTK_ALIGN_CENTER);
  clear_tip = region == KLING_STATIC_REGION ? g_strdup (_("Clear the static region"))
                                            : g_strdup_printf (_("Clear region %d and its path"), region);
  gtk_widget_set_tooltip_text (row->clear_button, clear_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear_tip, -1);
  g_object_set_data (G_OBJECT (row->clear_button), "region", GINT_TO_POINTER (region));
  g_signal_connect (row->clear_button, "clicked", G_CALLBACK (clear_clicked), self);
  gtk_box_append (GTK_BOX (box), row->clear_button);

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_widget_set_tooltip_text (row->row, key_tip);
  gtk_list_box_append (GTK_LIST_BOX (self->list_box), row->row);
}

void
kling_region_list_set_document (KlingRegionList *self,
                                KlingDocument   *document)
{
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
