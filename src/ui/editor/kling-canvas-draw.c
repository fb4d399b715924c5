/* kling-canvas-draw.c — drawing the canvas: image, region overlays, paths, brush
 *
 * Once an image pixel covers a device pixel or more, the image and the
 * overlay are drawn alike, as sharp squares; zoomed further out, both are
 * smoothed. Paths, handles and the brush outline are drawn in widget space,
 * so they stay crisp at every zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-canvas-private.h"

/* Once an image pixel covers a whole device pixel or more, it is drawn as a
 * sharp square, as painting programs do: the artist paints on exact pixels.
 * Smoothing would blur it over its neighbours (on HiDPI already between 50
 * and 100 %). Further out, there is more image than screen: smoothed. */
static gboolean
draws_crisp (KlingCanvas *self)
{
  return self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self)) >= 1.0;
}

/* The image pixels in view, whole pixels, within the image. */
static gboolean
visible_image_rect (KlingCanvas *self,
                    KlingRect   *rect)
{
  int img_w = kling_document_get_width (self->document);
  int img_h = kling_document_get_height (self->document);
  double ix0, iy0, ix1, iy1;
  int x1, y1;

  kling_canvas_widget_to_image (self, 0, 0, &ix0, &iy0);
  kling_canvas_widget_to_image (self, gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)), &ix1, &iy1);
  rect->x = CLAMP ((int) floor (ix0), 0, img_w);
  rect->y = CLAMP ((int) floor (iy0), 0, img_h);
  x1 = CLAMP ((int) ceil (ix1), 0, img_w);
  y1 = CLAMP ((int) ceil (iy1), 0, img_h);
  rect->width = x1 - rect->x;
  rect->height = y1 - rect->y;
  return rect->width > 0 && rect->height > 0;
}

/* Nearest-neighbour, with no edge smoothing: every device pixel takes the
 * colour of exactly one image pixel, so the overlay's squares fall exactly
 * on the image's. */
static void
paint_sharp (cairo_t         *cr,
             cairo_surface_t *surface,
             int              x,
             int              y)
{
  cairo_set_source_surface (cr, surface, x, y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_NONE);
  cairo_paint (cr);
}

/* Only the part of the image in view is copied, once per frame: zoomed in
 * this far, it holds no more pixels than the screen. */
static cairo_surface_t *
copy_image_pixels (KlingCanvas     *self,
                   const KlingRect *rect)
{
  GdkPixbuf *pixbuf = kling_document_get_pixbuf (self->document);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, rect->width, rect->height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < rect->height; y++)
    {
      const guint8 *in = pixels + (gsize) (rect->y + y) * stride + (gsize) rect->x * channels;
      guint32 *row = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < rect->width; x++, in += channels)
        *row++ = 0xff000000u | (guint32) in[0] << 16 | (guint32) in[1] << 8 | in[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
draw_sharp (KlingCanvas *self,
            cairo_t     *cr)
{
  cairo_surface_t *image;
  KlingRect view;

  if (!visible_image_rect (self, &view))
    return;

  cairo_save (cr);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);

  image = copy_image_pixels (self, &view);
  paint_sharp (cr, image, view.x, view.y);
  cairo_surface_destroy (image);

  /* Only the overlay tiles in view are built and drawn. */
  for (int ty = view.y / OVERLAY_TILE; ty <= (view.y + view.height - 1) / OVERLAY_TILE; ty++)
    for (int tx = view.x / OVERLAY_TILE; tx <= (view.x + view.width - 1) / OVERLAY_TILE; tx++)
      {
        KlingOverlayTile *tile = kling_canvas_overlay_get_tile (self->overlay, self->document, tx, ty);

        if (tile != NULL)
          paint_sharp (cr, tile->surface, tx * OVERLAY_TILE, ty * OVERLAY_TILE);
      }
  cairo_restore (cr);
}

static void
draw_smooth (KlingCanvas *self,
             GtkSnapshot *snapshot)
{
  GdkTexture *texture = kling_document_get_texture (self->document);
  KlingRect view;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->offset_x, self->offset_y));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (0, 0,
                                                    kling_document_get_width (self->document),
                                                    kling_document_get_height (self->document)));

  if (visible_image_rect (self, &view))
    for (int ty = view.y / OVERLAY_TILE; ty <= (view.y + view.height - 1) / OVERLAY_TILE; ty++)
      for (int tx = view.x / OVERLAY_TILE; tx <= (view.x + view.width - 1) / OVERLAY_TILE; tx++)
        {
          KlingOverlayTile *tile = kling_canvas_overlay_get_tile (self->overlay, self->document, tx, ty);
          GdkTexture *pixels;

          if (tile == NULL)
            continue;
          pixels = kling_overlay_tile_get_texture (tile);
          gtk_snapshot_append_texture (snapshot, pixels,
                                       &GRAPHENE_RECT_INIT (tx * OVERLAY_TILE, ty * OVERLAY_TILE,
                                                            gdk_texture_get_width (pixels),
                                                            gdk_texture_get_height (pixels)));
        }
  gtk_snapshot_restore (snapshot);
}

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

  if (n == 0 || !kling_document_get_region (self->document, region)->visible)
    return;
  kling_document_get_region_rgba (self->document, region, &rgba);

  /* The line, with a dark halo so it reads on light and dark pictures. */
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
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_set_line_width (cr, line_width + 2.5);
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
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_set_line_width (cr, 2.5);
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

void
_kling_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KlingCanvas *self = KLING_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL)
    return;

  gtk_snapshot_push_clip (snapshot, &bounds);
  if (!draws_crisp (self))
    draw_smooth (self, snapshot);

  /* One cairo node for everything else, so a frame uploads one surface. */
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (draws_crisp (self))
    draw_sharp (self, cr);
  draw_origin (self, cr);
  for (int region = 1; region < KLING_N_REGIONS; region++)
    if (region != self->region)
      draw_trajectory (self, cr, region);
  if (self->region > 0)
    draw_trajectory (self, cr, self->region);
  draw_brush_outline (self, cr);
  _kling_canvas_select_snapshot (self, cr);
  cairo_destroy (cr);

  gtk_snapshot_pop (snapshot);
}
