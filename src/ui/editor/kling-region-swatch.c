/* kling-region-swatch.c — a region's colour, and the popover that changes it
 *
 * The dot at the start of a region row is a button: it opens a colour
 * chooser and an opacity slider. What is tried there shows on the canvas at
 * once, and everything changed while the popover is open is one undo step
 * (kling_document_begin_look_edit()), so a dragged slider is undone with one
 * Ctrl+Z. The swatch is not a Tab stop of its own: the region list keeps one
 * stop per row, and the arrow keys reach the swatch inside the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-region-swatch.h"

struct _KlingRegionSwatch
{
  GtkWidget      parent_instance;

  GtkWidget     *button;
  GtkWidget     *dot;
  GtkWidget     *popover;
  GtkWidget     *chooser;
  GtkWidget     *opacity;
  KlingDocument *document;
  int            region;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (KlingRegionSwatch, kling_region_swatch, GTK_TYPE_WIDGET)

/* The dot shows the tint as the canvas lays it over the picture: a light
 * tint is a light dot, on a checkerboard-free neutral ring. */
static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  KlingRegionSwatch *self = user_data;
  double radius = MIN (width, height) / 2.0 - 1;
  GdkRGBA rgba;

  if (self->document == NULL)
    return;
  kling_document_get_region_rgba (self->document, self->region, &rgba);
  rgba.alpha = 0.35 + 0.65 * kling_document_get_region (self->document, self->region)->opacity / 100.0;
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
look_changed (KlingRegionSwatch *self)
{
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  if (self->updating || self->document == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->chooser), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (guint) CLAMP (rgba.red * 255 + 0.5, 0, 255),
                           (guint) CLAMP (rgba.green * 255 + 0.5, 0, 255),
                           (guint) CLAMP (rgba.blue * 255 + 0.5, 0, 255));
  kling_document_set_region_look (self->document, self->region, color,
                                  (int) gtk_range_get_value (GTK_RANGE (self->opacity)));
}

/* The popover opens on the region's look as it is; all that changes until
 * it closes is one step. */
static void
popover_shown (KlingRegionSwatch *self)
{
  const KlingRegionInfo *info;
  GdkRGBA rgba;

  if (self->document == NULL)
    return;
  info = kling_document_get_region (self->document, self->region);
  kling_document_get_region_rgba (self->document, self->region, &rgba);
  self->updating = TRUE;
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->chooser), &rgba);
  gtk_range_set_value (GTK_RANGE (self->opacity), info->opacity);
  self->updating = FALSE;
  kling_document_begin_look_edit (self->document, self->region);
}

static void
popover_closed (KlingRegionSwatch *self)
{
  if (self->document != NULL)
    kling_document_end_look_edit (self->document);
}

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* TRANSLATORS: an opacity, in percent */
  return g_strdup_printf (_("%d %%"), (int) value);
}

static GtkWidget *
build_popover (KlingRegionSwatch *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("Opacity"));
  GtkWidget *popover = gtk_popover_new ();

  self->chooser = gtk_color_chooser_widget_new ();
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->chooser), FALSE);
  g_signal_connect_swapped (self->chooser, "notify::rgba", G_CALLBACK (look_changed), self);
  gtk_box_append (GTK_BOX (box), self->chooser);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  self->opacity = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL,
                                            KLING_DRAFT_MIN_OPACITY, KLING_DRAFT_MAX_OPACITY, 5);
  gtk_scale_set_draw_value (GTK_SCALE (self->opacity), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (self->opacity), GTK_POS_RIGHT);
  gtk_scale_set_format_value_func (GTK_SCALE (self->opacity), format_percent, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->opacity),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opacity"), -1);
  g_signal_connect_swapped (self->opacity, "value-changed", G_CALLBACK (look_changed), self);
  gtk_box_append (GTK_BOX (box), self->opacity);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_shown), self);
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (popover_closed), self);
  return popover;
}

/* Keeps the tooltip on the region's current name. */
void
kling_region_swatch_update (KlingRegionSwatch *self)
{
  g_autofree char *tip = NULL;

  g_return_if_fail (KLING_IS_REGION_SWATCH (self));

  if (self->document != NULL)
    {
      /* TRANSLATORS: %s is a region's name */
      tip = g_strdup_printf (_("Color and opacity of %s"),
                             kling_document_get_region (self->document, self->region)->name);
      gtk_widget_set_tooltip_text (self->button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
    }
  gtk_widget_queue_draw (self->dot);
}

void
kling_region_swatch_set_document (KlingRegionSwatch *self,
                                  KlingDocument     *document)
{
  g_return_if_fail (KLING_IS_REGION_SWATCH (self));

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_set_object (&self->document, document);
  kling_region_swatch_update (self);
}

GtkWidget *
kling_region_swatch_get_popover (KlingRegionSwatch *self)
{
  g_return_val_if_fail (KLING_IS_REGION_SWATCH (self), NULL);
  return self->popover;
}

static void
kling_region_swatch_dispose (GObject *object)
{
  KlingRegionSwatch *self = KLING_REGION_SWATCH (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (kling_region_swatch_parent_class)->dispose (object);
}

static void
kling_region_swatch_class_init (KlingRegionSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_region_swatch_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "klingregionswatch");
}

static void
kling_region_swatch_init (KlingRegionSwatch *self)
{
  self->dot = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->dot), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->dot), 16);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->dot), draw_dot, self, NULL);

  self->popover = build_popover (self);
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), self->dot);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->button), FALSE);
  gtk_widget_add_css_class (self->button, "kling-swatch");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
kling_region_swatch_new (int region)
{
  KlingRegionSwatch *self = g_object_new (KLING_TYPE_REGION_SWATCH, NULL);

  self->region = region;
  return GTK_WIDGET (self);
}
