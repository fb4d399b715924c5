/* kling-canvas-marks.c — what the canvas shows about the next action
 *
 * Drawn over the regions and paths: what a press would grab (a point gets
 * a ring, a path its points and a halo), the keyboard's cursor, and the
 * focus ring when the canvas has the keyboard's focus, and a frame around
 * pixels that two dynamic regions both paint (the region list names them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-canvas-private.h"

static void
stroke_with_halo (cairo_t       *cr,
                  const GdkRGBA *rgba,
                  double         width)
{
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, width + 4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, width + 1.5);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* The path a press would pick, with every point it could move. */
static void
draw_hovered_path (KlingCanvas     *self,
                   cairo_t         *cr,
                   KlingTrajectory *path,
                   const GdkRGBA   *rgba)
{
  guint n = kling_trajectory_get_n_points (path);

  if (self->hover.segment >= 0 && n > 1)
    {
      _kling_canvas_trace_path (self, cr, path);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      stroke_with_halo (cr, rgba, 3.0);
    }
  for (guint i = 0; i < n; i++)
    {
      KlingPoint p = kling_trajectory_get_point (path, i);
      double wx, wy;

      kling_canvas_image_to_widget (self, p.x, p.y, &wx, &wy);
      cairo_arc (cr, wx, wy, 3.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 1);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, rgba);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static gboolean
shows_hover (KlingCanvas *self)
{
  return self->hover.region > KLING_STATIC_REGION && self->tool == KLING_TOOL_TRAJECTORY &&
         !self->panning && !self->space_held;
}

static void
draw_hover (KlingCanvas *self,
            cairo_t     *cr)
{
  KlingTrajectory *path;
  KlingPoint p;
  GdkRGBA rgba;
  double wx, wy;

  if (!shows_hover (self))
    return;
  path = kling_document_get_trajectory (self->document, self->hover.region);
  kling_document_get_region_rgba (self->document, self->hover.region, &rgba);
  rgba.alpha = 1.0;

  /* The active path shows its points already. */
  if (self->hover.region != self->region || self->hover.segment >= 0)
    draw_hovered_path (self, cr, path, &rgba);
  if (self->hover.point < 0 || self->hover.point >= (int) kling_trajectory_get_n_points (path))
    return;

  p = kling_trajectory_get_point (path, self->hover.point);
  kling_canvas_image_to_widget (self, p.x, p.y, &wx, &wy);
  cairo_new_path (cr);
  cairo_arc (cr, wx, wy, 11, 0, 2 * G_PI);
  stroke_with_halo (cr, &rgba, 2.0);
}

static void
draw_key_cursor (KlingCanvas *self,
                 cairo_t     *cr)
{
  double wx, wy;

  if (!self->key_cursor_shown || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  kling_canvas_image_to_widget (self, self->key_x, self->key_y, &wx, &wy);
  wx = floor (wx) + 0.5;
  wy = floor (wy) + 0.5;

  cairo_new_path (cr);
  cairo_arc (cr, wx, wy, 9, 0, 2 * G_PI);
  cairo_move_to (cr, wx - 16, wy);
  cairo_line_to (cr, wx - 5, wy);
  cairo_move_to (cr, wx + 5, wy);
  cairo_line_to (cr, wx + 16, wy);
  cairo_move_to (cr, wx, wy - 16);
  cairo_line_to (cr, wx, wy - 5);
  cairo_move_to (cr, wx, wy + 5);
  cairo_line_to (cr, wx, wy + 16);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  cairo_set_line_width (cr, 4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

/* The canvas draws its own focus ring: it is the whole view, and the
 * theme's outline would sit under the neighbouring panes. Four colour nodes,
 * not a cairo node the size of the canvas. */
void
_kling_canvas_snapshot_focus_ring (KlingCanvas *self,
                                   GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA accent = { 0.21, 0.52, 0.89, 0.8 };
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (!gtk_widget_has_visible_focus (widget) || !self->key_cursor_shown || w < 6 || h < 6)
    return;
  gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, 0, w, 3));
  gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, h - 3, w, 3));
  gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, 3, 3, h - 6));
  gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (w - 3, 3, 3, h - 6));
}

/* Found again only between strokes: a stroke in progress may cross another
 * region, which it takes its pixels from when it ends. */
static void
find_overlaps (KlingCanvas *self)
{
  KlingDraft *draft = kling_document_get_draft (self->document);

  if (self->overlaps_valid || self->stroking)
    return;
  self->n_overlaps = 0;
  for (int a = 1; a < KLING_N_REGIONS; a++)
    for (int b = a + 1; b < KLING_N_REGIONS; b++)
      {
        KlingRect *rect = &self->overlaps[self->n_overlaps];

        if (draft->masks[a] != NULL && draft->masks[b] != NULL &&
            kling_mask_count_overlap (draft->masks[a], draft->masks[b], rect) > 0)
          self->n_overlaps++;
      }
  self->overlaps_valid = TRUE;
}

static void
draw_overlaps (KlingCanvas *self,
               cairo_t     *cr)
{
  static const double dashes[] = { 6, 4 };

  find_overlaps (self);
  for (guint i = 0; i < self->n_overlaps; i++)
    {
      const KlingRect *rect = &self->overlaps[i];
      double x0, y0, x1, y1;

      kling_canvas_image_to_widget (self, rect->x, rect->y, &x0, &y0);
      kling_canvas_image_to_widget (self, rect->x + rect->width, rect->y + rect->height, &x1, &y1);
      cairo_rectangle (cr, floor (x0) - 2.5, floor (y0) - 2.5, ceil (x1 - x0) + 5, ceil (y1 - y0) + 5);
    }
  if (self->n_overlaps == 0)
    return;
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
_kling_canvas_draw_marks (KlingCanvas *self,
                          cairo_t     *cr)
{
  cairo_save (cr);
  draw_overlaps (self, cr);
  draw_hover (self, cr);
  draw_key_cursor (self, cr);
  cairo_restore (cr);
}

static void
add_bounds (graphene_rect_t *bounds,
            gboolean        *any,
            double           x,
            double           y,
            double           width,
            double           height)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, height);

  if (*any)
    graphene_rect_union (bounds, &rect, bounds);
  else
    *bounds = rect;
  *any = TRUE;
}

/* What _kling_canvas_draw_marks may cover on the widget, or FALSE when it
 * has nothing to draw. */
gboolean
_kling_canvas_marks_bounds (KlingCanvas     *self,
                            graphene_rect_t *bounds)
{
  gboolean any = FALSE;
  double x0, y0, x1, y1;

  find_overlaps (self);
  for (guint i = 0; i < self->n_overlaps; i++)
    {
      const KlingRect *rect = &self->overlaps[i];

      kling_canvas_image_to_widget (self, rect->x, rect->y, &x0, &y0);
      kling_canvas_image_to_widget (self, rect->x + rect->width, rect->y + rect->height, &x1, &y1);
      add_bounds (bounds, &any, floor (x0) - 6, floor (y0) - 6, ceil (x1 - x0) + 12, ceil (y1 - y0) + 12);
    }
  if (shows_hover (self))
    {
      KlingTrajectory *path = kling_document_get_trajectory (self->document, self->hover.region);
      guint n = kling_trajectory_get_n_points (path);

      for (guint i = 0; i < n; i++)
        {
          KlingPoint p = kling_trajectory_get_point (path, i);

          kling_canvas_image_to_widget (self, p.x, p.y, &x0, &y0);
          /* the ring, the halo and the line's round caps */
          add_bounds (bounds, &any, x0 - 18, y0 - 18, 36, 36);
        }
    }
  if (self->key_cursor_shown && gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      kling_canvas_image_to_widget (self, self->key_x, self->key_y, &x0, &y0);
      add_bounds (bounds, &any, floor (x0) - 20, floor (y0) - 20, 41, 41);
    }
  return any;
}
