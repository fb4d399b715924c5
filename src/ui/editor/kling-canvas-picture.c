/* kling-canvas-picture.c — the picture and the regions' overlay, tile by tile
 *
 * A frame draws the visible tiles of the pyramid's level nearest the zoom
 * and the overlay's tiles at the same level: about one screen of pixels
 * whatever the picture's size, and nothing made again that did not change.
 *
 * How they reach the screen depends on the renderer. GL keeps a texture it
 * was given once on the GPU, so tiles are texture nodes. Cairo (GTK 4.8)
 * copies a texture node's pixels into a new surface at every frame, but
 * replays a cairo node's drawing straight onto the window: there, the tiles'
 * own surfaces are painted from one cairo node, and nothing is copied.
 *
 * Once an image pixel covers a device pixel or more, the image and the
 * overlay are drawn alike, as sharp squares, from the full-resolution tiles;
 * further out they are smoothed.
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

static gboolean
renders_with_cairo (KlingCanvas *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer);
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

/* The tiles of @level (of KLING_PYRAMID_TILE level pixels) that the image
 * pixels in @view fall on. */
static void
level_tiles (int              level,
             const KlingRect *view,
             KlingRect       *tiles)
{
  int span = KLING_PYRAMID_TILE << level;

  tiles->x = view->x / span;
  tiles->y = view->y / span;
  tiles->width = (view->x + view->width - 1) / span - tiles->x + 1;
  tiles->height = (view->y + view->height - 1) / span - tiles->y + 1;
}

/* Where a level pixel's edge falls on the widget, rounded to a whole pixel:
 * neighbouring tiles share their edges exactly, so no seam shows between. */
static void
level_to_widget (KlingCanvas *self,
                 int          level,
                 int          lx,
                 int          ly,
                 float       *wx,
                 float       *wy)
{
  int level_w, level_h;
  double ix, iy, x, y;

  kling_image_pyramid_level_size (self->pyramid, level, &level_w, &level_h);
  ix = (double) lx * kling_document_get_width (self->document) / level_w;
  iy = (double) ly * kling_document_get_height (self->document) / level_h;
  kling_canvas_image_to_widget (self, ix, iy, &x, &y);
  *wx = (float) round (x);
  *wy = (float) round (y);
}

/* Where the tile whose first level pixel is (lx, ly) lands on the widget. */
static gboolean
tile_rect (KlingCanvas      *self,
           int               level,
           int               lx,
           int               ly,
           cairo_surface_t  *surface,
           graphene_rect_t  *rect)
{
  float x0, y0, x1, y1;

  level_to_widget (self, level, lx, ly, &x0, &y0);
  level_to_widget (self, level, lx + cairo_image_surface_get_width (surface),
                   ly + cairo_image_surface_get_height (surface), &x1, &y1);
  graphene_rect_init (rect, x0, y0, x1 - x0, y1 - y0);
  return x1 > x0 && y1 > y0;
}

/* One tile, smoothed, on the whole device pixels of @rect. PAD: its edge
 * pixels are not blended with the nothing beyond them, which would show
 * the seams between tiles. Bilinear is enough for the picture, drawn at
 * half to full size; the overlay's one-pixel outlines need every pixel
 * counted (GOOD), or they fade in and out along a curve. */
static void
paint_smooth (cairo_t               *cr,
              cairo_surface_t       *surface,
              const graphene_rect_t *rect,
              cairo_filter_t         filter)
{
  cairo_save (cr);
  cairo_rectangle (cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_clip (cr);
  cairo_translate (cr, rect->origin.x, rect->origin.y);
  cairo_scale (cr, rect->size.width / cairo_image_surface_get_width (surface),
               rect->size.height / cairo_image_surface_get_height (surface));
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Nearest-neighbour, with no edge smoothing, in image coordinates: every
 * device pixel takes the colour of exactly one image pixel, so the
 * overlay's squares fall exactly on the image's. */
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

typedef struct {
  KlingCanvas *canvas;
  GtkSnapshot *snapshot;
  cairo_t     *cr;        /* the cairo renderer's one node, or NULL */
  int          level;
  gboolean     crisp;
} Frame;

static void
draw_tile (Frame            *frame,
           int               lx,
           int               ly,
           KlingPyramidTile *tile,
           cairo_filter_t    filter)
{
  graphene_rect_t rect;

  if (frame->crisp)
    {
      paint_sharp (frame->cr, tile->surface, lx, ly);
      return;
    }
  if (!tile_rect (frame->canvas, frame->level, lx, ly, tile->surface, &rect))
    return;
  if (frame->cr != NULL)
    paint_smooth (frame->cr, tile->surface, &rect, filter);
  else
    gtk_snapshot_append_texture (frame->snapshot, kling_pyramid_tile_get_texture (tile), &rect);
}

static void
draw_tiles (Frame           *frame,
            const KlingRect *tiles)
{
  KlingCanvas *self = frame->canvas;
  gboolean ready = frame->level == 0 || kling_image_pyramid_is_ready (self->pyramid);

  /* Until the pyramid is made, a preview of the level stands in. */
  if (!ready)
    {
      draw_tile (frame, 0, 0, kling_image_pyramid_get_preview (self->pyramid, frame->level), CAIRO_FILTER_BILINEAR);
      _kling_canvas_build_pyramid_later (self);
    }
  else
    for (int ty = tiles->y; ty < tiles->y + tiles->height; ty++)
      for (int tx = tiles->x; tx < tiles->x + tiles->width; tx++)
        {
          KlingPyramidTile *tile = kling_image_pyramid_get_tile (self->pyramid, frame->level, tx, ty,
                                                                 self->frame_stamp);
          if (tile != NULL)
            draw_tile (frame, tx * KLING_PYRAMID_TILE, ty * KLING_PYRAMID_TILE, tile, CAIRO_FILTER_BILINEAR);
        }

  for (int ty = tiles->y; ty < tiles->y + tiles->height; ty++)
    for (int tx = tiles->x; tx < tiles->x + tiles->width; tx++)
      {
        KlingPyramidTile *tile = kling_canvas_overlay_get_tile (self->overlay, self->document,
                                                                frame->level, tx, ty);
        if (tile != NULL)
          draw_tile (frame, tx * KLING_PYRAMID_TILE, ty * KLING_PYRAMID_TILE, tile, CAIRO_FILTER_GOOD);
      }
}

/* The picture and its overlay, only where the widget shows them. Sharp
 * squares are drawn in one cairo node with either renderer: a texture node
 * would be smoothed. */
void
_kling_canvas_snapshot_picture (KlingCanvas *self,
                                GtkSnapshot *snapshot)
{
  double device_zoom = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  Frame frame = { self, snapshot, NULL, 0, draws_crisp (self) };
  KlingRect view, tiles;
  double x0, y0, x1, y1;
  graphene_rect_t area;

  if (!visible_image_rect (self, &view))
    return;
  frame.level = frame.crisp ? 0 : kling_image_pyramid_pick_level (self->pyramid, device_zoom);
  level_tiles (frame.level, &view, &tiles);
  if (!frame.crisp && !renders_with_cairo (self))
    {
      draw_tiles (&frame, &tiles);
      return;
    }

  kling_canvas_image_to_widget (self, view.x, view.y, &x0, &y0);
  kling_canvas_image_to_widget (self, view.x + view.width, view.y + view.height, &x1, &y1);
  graphene_rect_init (&area, floor (x0), floor (y0), ceil (x1) - floor (x0), ceil (y1) - floor (y0));
  frame.cr = gtk_snapshot_append_cairo (snapshot, &area);
  if (frame.crisp)
    {
      cairo_translate (frame.cr, self->offset_x, self->offset_y);
      cairo_scale (frame.cr, self->zoom, self->zoom);
    }
  draw_tiles (&frame, &tiles);
  cairo_destroy (frame.cr);
}
