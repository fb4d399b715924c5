/* kling-history-marks.c — the regions a generation used, as small marks
 *
 * A task keeps what it sent, not the editor's names or colours: its regions
 * are marked in the editor's default colours, the static one first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-draft.h"
#include "kling-history-marks.h"

/**
 * kling_history_region_color:
 * @region: 0 for the static region, 1–6 for the dynamic ones
 *
 * Returns: the region's colour in the editor, "#rrggbb"
 */
const char *
kling_history_region_color (guint region)
{
  static KlingDraft *defaults;   /* the main thread's */

  /* The editor's colours are the draft's defaults; a task keeps no others. */
  if (defaults == NULL)
    defaults = kling_draft_new ();
  return defaults->regions[MIN (region, KLING_DRAFT_N_REGIONS - 1)].color;
}

/**
 * kling_history_count_regions:
 * @n_dynamic: (out): how many dynamic regions @task sent, each with its path
 *
 * Returns: whether @task sent a static region
 */
gboolean
kling_history_count_regions (KlingTask *task,
                             guint     *n_dynamic)
{
  JsonObject *request = kling_task_get_request (task);
  JsonNode *dynamic = request != NULL ? json_object_get_member (request, "dynamic_masks") : NULL;

  *n_dynamic = dynamic != NULL && JSON_NODE_HOLDS_ARRAY (dynamic) ?
               MIN (json_array_get_length (json_node_get_array (dynamic)), KLING_DRAFT_N_REGIONS - 1) : 0;
  return request != NULL && json_object_has_member (request, "static_mask");
}

static void
draw_mark (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  GdkRGBA *rgba = user_data;

  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A small disc of the region's colour in the editor. */
static GtkWidget *
region_mark (guint       region,
             const char *tooltip)
{
  GtkWidget *mark = gtk_drawing_area_new ();
  GdkRGBA *rgba = g_new0 (GdkRGBA, 1);

  gdk_rgba_parse (rgba, kling_history_region_color (region));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (mark), 8);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (mark), 8);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (mark), draw_mark, rgba, g_free);
  gtk_widget_set_tooltip_text (mark, tooltip);
  return mark;
}

/**
 * kling_history_marks_fill:
 *
 * Fills @box with one mark per region @task sent: the static one, then
 * each dynamic one. @box is hidden when there is none.
 */
void
kling_history_marks_fill (GtkBox    *box,
                          KlingTask *task)
{
  guint n_dynamic = 0;
  gboolean has_static = kling_history_count_regions (task, &n_dynamic);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  gtk_widget_set_visible (GTK_WIDGET (box), has_static || n_dynamic > 0);

  if (has_static)
    gtk_box_append (box, region_mark (0, _("Static region")));
  for (guint i = 1; i <= n_dynamic; i++)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Region %u with its path"), i);

      gtk_box_append (box, region_mark (i, tooltip));
    }
}
