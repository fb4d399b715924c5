/* kling-canvas-draw.c — drawing the canvas: paths, brush, marks over the picture
 *
 * The picture and the regions' overlay are drawn by kling-canvas-picture.c.
 * Paths, handles and the brush outline are drawn in widget space, so they
 * stay crisp at every zoom, each in a cairo node no larger than what it may
 * cover: a renderer that turns cairo nodes into textures (GL) uploads no
 * more than that, and a node with nothing to draw is not made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-canvas-private.h"

static void
set_source_rgba (cairo_t       *cr,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static void
draw_arrowhead (cairo_t *cr,
                double   x,
                double   y,
                double   angle,
                double   size)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, size * 0.6, 0);
  cairo_line_to (cr, -size * 0.6, size * 0.55);
  cairo_line_to (cr, -size * 0.6, -size * 0.55);
  cairo_close_path (cr);
  cairo_restore (cr);
}

/* @path as a line on @cr, in widget coordinates. */
void
_kling_canvas_trace_path (KlingCanvas     *self,
                          cairo_t         *cr,
                          KlingTrajectory *path)
{
  guint n = kling_trajectory_get_n_points (path);

  for (guint i = 0; i < n; i++)
    {
      KlingPoint p = kling_trajectory_get_point (path, i);
      double wx, wy;

      kling_canvas_image_to_widget (self, p.x, p.y, &wx, &wy);
      if (i == 0)
        cairo_move_to (cr, wx, wy);
      else
        cairo_line_to (cr, wx, wy);
    }
}

static void
draw_trajectory (KlingCanvas *self,
                 cairo_t     *cr,
                 int          region)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, region);
  guint n = path ? kling_trajectory_get_n_points (path) : 0;
  gboolean active = region == self->region && self->tool == KLING_TOOL_TRAJECTORY;
  double line_width = active ? 3.0 : 2.0;
  GdkRGBA rgba;

  if (n == 0 || !kling_document_get_region (self->document, region)->visible ||
      (self->solo && region != self->region))
    return;
  kling_document_get_region_rgba (self->document, region, &rgba);

  /* The line, with a dark halo and a light rim inside it, so it reads on any
   * picture and on any region's tint, its own colour included. */
  _kling_canvas_trace_path (self, cr, path);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, line_width + 5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, line_width + 2);
  cairo_stroke_preserve (cr);
  set_source_rgba (cr, &rgba, 1.0);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);

  /* Direction: an arrowhead in the middle of each long enough segment, and at the end. */
  for (guint i = 1; i < n; i++)
    {
      KlingPoint a = kling_trajectory_get_point (path, i - 1);
      KlingPoint b = kling_trajectory_get_point (path, i);
      double ax, ay, bx, by, angle;

      kling_canvas_image_to_widget (self, a.x, a.y, &ax, &ay);
      kling_canvas_image_to_widget (self, b.x, b.y, &bx, &by);
      angle = atan2 (by - ay, bx - ax);
      if (i == n - 1)
        draw_arrowhead (cr, bx - 14 * cos (angle), by - 14 * sin (angle), angle, 16);
      else if (hypot (bx - ax, by - ay) > 40)
        draw_arrowhead (cr, (ax + bx) / 2, (ay + by) / 2, angle, 10);
      else
        continue;
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke_preserve (cr);
      set_source_rgba (cr, &rgba, 1.0);
      cairo_fill (cr);
    }

  /* Handles: the start is a ring, the points are dots. */
  for (guint i = 0; i < n; i++)
    {
      KlingPoint p = kling_trajectory_get_point (path, i);
      double wx, wy, r;

      if (!active && i != 0)
        continue;
      kling_canvas_image_to_widget (self, p.x, p.y, &wx, &wy);
      r = i == 0 ? 7.0 : 4.0;
      if (active && (int) i == self->selected_point)
        r += 2;
      cairo_arc (cr, wx, wy, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_source_rgba (cr, &rgba, 1.0);
      cairo_set_line_width (cr, i == 0 ? 3.0 : 2.0);
      cairo_stroke (cr);
    }
}

/* The API counts trajectory pixels from the bottom-left corner: mark it. */
static void
draw_origin (KlingCanvas *self,
             cairo_t     *cr)
{
  int img_h = kling_document_get_height (self->document);
  double ox, oy;

  kling_canvas_image_to_widget (self, 0, img_h, &ox, &oy);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, ox, oy - 28);
  cairo_line_to (cr, ox, oy);
  cairo_line_to (cr, ox + 28, oy);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  draw_arrowhead (cr, ox, oy - 28, -G_PI / 2, 8);
  draw_arrowhead (cr, ox + 28, oy, 0, 8);
  cairo_fill (cr);
}

static void
draw_brush_outline (KlingCanvas *self,
                    cairo_t     *cr)
{
  double radius;

  if (!self->pointer_inside || self->space_held || self->panning ||
      (self->tool != KLING_TOOL_BRUSH && self->tool != KLING_TOOL_ERASER))
    return;

  radius = MAX (1.5, _kling_canvas_brush_radius (self, 1.0) * self->zoom);
  cairo_arc (cr, self->pointer_x, self->pointer_y, radius, 0, 2 * G_PI);
  cairo_set_line_width (cr, 3);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  if (self->tool == KLING_TOOL_ERASER)
    {
      static const double dashes[] = { 4, 3 };
      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* What the paths and the origin mark may cover on the widget: their cairo
 * node is no larger, so a renderer uploads and redraws no more than that. */
static void
marks_bounds (KlingCanvas     *self,
              graphene_rect_t *bounds)
{
  double ox, oy;

  kling_canvas_image_to_widget (self, 0, kling_document_get_height (self->document), &ox, &oy);
  graphene_rect_init (bounds, ox - 8, oy - 40, 48, 48);
  for (int region = 1; region < KLING_N_REGIONS; region++)
    {
      KlingTrajectory *path = kling_document_get_trajectory (self->document, region);
      guint n = path ? kling_trajectory_get_n_points (path) : 0;

      for (guint i = 0; i < n; i++)
        {
          KlingPoint p = kling_trajectory_get_point (path, i);
          double wx, wy;

          kling_canvas_image_to_widget (self, p.x, p.y, &wx, &wy);
          /* room for the halo, the handles and the arrowheads */
          graphene_rect_union (bounds, &GRAPHENE_RECT_INIT (wx - 24, wy - 24, 48, 48), bounds);
        }
    }
}

void
_kling_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KlingCanvas *self = KLING_CANVAS (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  graphene_rect_t marks;
  cairo_t *cr;

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL ||
      self->pyramid == NULL)
    return;

  self->frame_stamp++;
  gtk_snapshot_push_clip (snapshot, &bounds);
  _kling_canvas_snapshot_picture (self, snapshot);

  marks_bounds (self, &marks);
  if (graphene_rect_intersection (&marks, &bounds, &marks))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &marks);
      draw_origin (self, cr);
      for (int region = 1; region < KLING_N_REGIONS; region++)
        if (region != self->region)
          draw_trajectory (self, cr, region);
      if (self->region > 0)
        draw_trajectory (self, cr, self->region);
      cairo_destroy (cr);
    }

  /* The brush outline in a node of its own: hovering redraws only around it. */
  if (self->pointer_inside)
    {
      double radius = MAX (1.5, _kling_canvas_brush_radius (self, 1.0) * self->zoom) + 3;
      graphene_rect_t brush = GRAPHENE_RECT_INIT (self->pointer_x - radius, self->pointer_y - radius,
                                                  2 * radius, 2 * radius);

      if (graphene_rect_intersection (&brush, &bounds, &brush))
        {
          cr = gtk_snapshot_append_cairo (snapshot, &brush);
          draw_brush_outline (self, cr);
          cairo_destroy (cr);
        }
    }

  /* Overlaps, what a press would grab, the keyboard's cursor: only where
   * there are some. */
  if (_kling_canvas_marks_bounds (self, &marks) && graphene_rect_intersection (&marks, &bounds, &marks))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &marks);
      _kling_canvas_draw_marks (self, cr);
      cairo_destroy (cr);
    }
  /* A selection being drawn may be anywhere. */
  if (self->tool == KLING_TOOL_SELECT || self->tool == KLING_TOOL_LASSO)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      _kling_canvas_select_snapshot (self, cr);
      cairo_destroy (cr);
    }
  _kling_canvas_snapshot_focus_ring (self, snapshot);

  gtk_snapshot_pop (snapshot);
}
