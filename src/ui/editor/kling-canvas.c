/* kling-canvas.c — drawing the canvas: image, region overlays, paths, brush
 *
 * The regions are drawn as one overlay cut in 256-pixel tiles: a tile is
 * rebuilt only when a mask under it changes, and a tile with no paint costs
 * nothing. Once an image pixel covers a device pixel or more, the image and
 * the overlay are drawn alike, as sharp squares; zoomed further out, both are
 * smoothed. Paths, handles and the brush outline are drawn in widget space,
 * so they stay crisp at every zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-canvas-private.h"

G_DEFINE_FINAL_TYPE (KlingCanvas, kling_canvas, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (KlingTool, kling_tool,
  G_DEFINE_ENUM_VALUE (KLING_TOOL_BRUSH, "brush"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_ERASER, "eraser"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_FILL, "fill"),
  G_DEFINE_ENUM_VALUE (KLING_TOOL_TRAJECTORY, "trajectory"))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TOOL,
  PROP_REGION,
  PROP_BRUSH_SIZE,
  PROP_HARDNESS,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overlay opacity over the image: enough to see the paint, and the picture. */
#define OVERLAY_ALPHA 0.5
/* at most, for paint that is not (yet) sent */
#define OVERLAY_FAINT_ALPHA 0.18
#define MIN_ZOOM 0.02
#define MAX_ZOOM 32.0

static gpointer empty_tile_sentinel = &empty_tile_sentinel;

static guint
overlay_key (int tx,
             int ty)
{
  return ((guint) ty << 16 | (guint) tx) + 1;
}

void
kling_canvas_invalidate_overlay (KlingCanvas *self,
                                 int          x,
                                 int          y,
                                 int          width,
                                 int          height)
{
  int tx0, ty0, tx1, ty1;

  if (width <= 0 || height <= 0)
    return;

  tx0 = MAX (x, 0) / OVERLAY_TILE;
  ty0 = MAX (y, 0) / OVERLAY_TILE;
  tx1 = (x + width - 1) / OVERLAY_TILE;
  ty1 = (y + height - 1) / OVERLAY_TILE;
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      g_hash_table_remove (self->overlay_tiles, GUINT_TO_POINTER (overlay_key (tx, ty)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
region_has_paint_in (KlingMask *mask,
                     int        x,
                     int        y,
                     int        width,
                     int        height)
{
  int tx0 = x / KLING_MASK_TILE_SIZE, ty0 = y / KLING_MASK_TILE_SIZE;
  int tx1 = (x + width - 1) / KLING_MASK_TILE_SIZE;
  int ty1 = (y + height - 1) / KLING_MASK_TILE_SIZE;

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      if (kling_mask_get_tile (mask, tx, ty, FALSE) != NULL)
        return TRUE;
  return FALSE;
}

/* A cached overlay tile: the pixels for sharp drawing, and the same pixels
 * as a texture for smooth drawing, made when first needed. */
typedef struct {
  cairo_surface_t *surface;
  GdkTexture      *texture;
} OverlayTile;

static void
overlay_tile_free (gpointer data)
{
  OverlayTile *tile = data;

  if (data == empty_tile_sentinel)
    return;
  cairo_surface_destroy (tile->surface);
  g_clear_object (&tile->texture);
  g_free (tile);
}

static GdkTexture *
overlay_tile_get_texture (OverlayTile *tile)
{
  cairo_surface_t *surface = tile->surface;
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  if (tile->texture != NULL)
    return tile->texture;

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: the texture shares its pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  tile->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                          GDK_MEMORY_DEFAULT, bytes, stride);
  return tile->texture;
}

/* One overlay pixel, premultiplied ARGB. What is sent is drawn solid: the
 * topmost region whose coverage reaches KLING_MASK_PAINTED. Paint below that
 * (the soft edge of a brush, a first pass of a soft one) is not sent; it
 * shows faintly, so the artist sees it build up, and never hides a region
 * under it that is sent. */
static guint32
overlay_pixel (const guint8 *rows,
               int           n_masks,
               int           width,
               int           col,
               guint8        colors[][3])
{
  int faint = -1;
  double alpha;
  int m;

  for (m = 0; m < n_masks; m++)
    {
      guint8 coverage = rows[(gsize) m * width + col];

      if (coverage >= KLING_MASK_PAINTED)
        break;
      if (coverage > 0 && faint < 0)
        faint = m;
    }
  if (m < n_masks)
    alpha = OVERLAY_ALPHA;
  else if (faint >= 0)
    {
      m = faint;
      alpha = OVERLAY_FAINT_ALPHA * rows[(gsize) m * width + col] / KLING_MASK_PAINTED;
    }
  else
    return 0;

  return (guint32) (255 * alpha) << 24 |
         (guint32) (colors[m][0] * alpha) << 16 |
         (guint32) (colors[m][1] * alpha) << 8 |
         (guint32) (colors[m][2] * alpha);
}

/* One overlay tile: each pixel takes the colour of the topmost region painted
 * there. The static region shows only where no dynamic region is painted,
 * which is what is sent. */
static OverlayTile *
build_overlay_tile (KlingCanvas *self,
                    int          tx,
                    int          ty)
{
  int img_w = kling_document_get_width (self->document);
  int img_h = kling_document_get_height (self->document);
  int x = tx * OVERLAY_TILE, y = ty * OVERLAY_TILE;
  int width = MIN (OVERLAY_TILE, img_w - x);
  int height = MIN (OVERLAY_TILE, img_h - y);
  KlingMask *masks[KLING_N_REGIONS];
  guint8 colors[KLING_N_REGIONS][3];
  int n_masks = 0;
  g_autofree guint8 *rows = NULL;
  cairo_surface_t *surface;
  guint8 *pixels;
  int stride;
  OverlayTile *tile;

  /* Topmost first: dynamic 6 … 1, then static. */
  for (int region = KLING_N_REGIONS - 1; region >= 0; region--)
    {
      KlingMask *mask = kling_document_get_mask (self->document, region);
      const KlingRegionInfo *info = kling_document_get_region (self->document, region);
      GdkRGBA rgba;

      if (mask == NULL || !info->visible || !region_has_paint_in (mask, x, y, width, height))
        continue;
      kling_document_get_region_rgba (self->document, region, &rgba);
      masks[n_masks] = mask;
      colors[n_masks][0] = (guint8) (rgba.red * 255);
      colors[n_masks][1] = (guint8) (rgba.green * 255);
      colors[n_masks][2] = (guint8) (rgba.blue * 255);
      n_masks++;
    }
  if (n_masks == 0)
    return NULL;

  rows = g_malloc ((gsize) n_masks * width);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int row = 0; row < height; row++)
    {
      guint32 *out = (guint32 *) (pixels + (gsize) row * stride);

      for (int m = 0; m < n_masks; m++)
        kling_mask_read_row (masks[m], y + row, x, width, rows + (gsize) m * width);

      for (int col = 0; col < width; col++, out++)
        *out = overlay_pixel (rows, n_masks, width, col, colors);
    }
  cairo_surface_mark_dirty (surface);

  tile = g_new0 (OverlayTile, 1);
  tile->surface = surface;
  return tile;
}

static OverlayTile *
get_overlay_tile (KlingCanvas *self,
                  int          tx,
                  int          ty)
{
  gpointer key = GUINT_TO_POINTER (overlay_key (tx, ty));
  gpointer cached = g_hash_table_lookup (self->overlay_tiles, key);
  OverlayTile *tile;

  if (cached == empty_tile_sentinel)
    return NULL;
  if (cached != NULL)
    return cached;

  tile = build_overlay_tile (self, tx, ty);
  g_hash_table_insert (self->overlay_tiles, key, tile ? (gpointer) tile : empty_tile_sentinel);
  return tile;
}

/* — the view — */

void
kling_canvas_widget_to_image (KlingCanvas *self,
                              double       widget_x,
                              double       widget_y,
                              double      *image_x,
                              double      *image_y)
{
  *image_x = (widget_x - self->offset_x) / self->zoom;
  *image_y = (widget_y - self->offset_y) / self->zoom;
}

void
kling_canvas_image_to_widget (KlingCanvas *self,
                              double       image_x,
                              double       image_y,
                              double      *widget_x,
                              double      *widget_y)
{
  *widget_x = image_x * self->zoom + self->offset_x;
  *widget_y = image_y * self->zoom + self->offset_y;
}

static gboolean
notify_zoom_idle (gpointer data)
{
  KlingCanvas *self = data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

/* Called during size allocation too, when others must not be resized: the
 * zoom is announced once the frame is done. */
static void
apply_fit (KlingCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int img_w, img_h;
  double margin = 24;

  if (self->document == NULL || kling_document_get_texture (self->document) == NULL ||
      width <= 0 || height <= 0)
    return;

  img_w = kling_document_get_width (self->document);
  img_h = kling_document_get_height (self->document);
  self->zoom = MIN ((width - 2 * margin) / img_w, (height - 2 * margin) / img_h);
  self->zoom = CLAMP (self->zoom, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = round ((width - img_w * self->zoom) / 2);
  self->offset_y = round ((height - img_h * self->zoom) / 2);
  if (self->notify_zoom_id == 0)
    self->notify_zoom_id = g_idle_add (notify_zoom_idle, self);
}

void
kling_canvas_zoom_to_fit (KlingCanvas *self)
{
  self->fit = TRUE;
  apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kling_canvas_set_view (KlingCanvas *self,
                       double       zoom,
                       double       offset_x,
                       double       offset_y)
{
  self->fit = FALSE;
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = offset_x;
  self->offset_y = offset_y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooms keeping the image point under (widget_x, widget_y) where it is. */
void
kling_canvas_zoom_by (KlingCanvas *self,
                      double       factor,
                      double       widget_x,
                      double       widget_y)
{
  double zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  double ratio = zoom / self->zoom;

  kling_canvas_set_view (self, zoom,
                         widget_x - (widget_x - self->offset_x) * ratio,
                         widget_y - (widget_y - self->offset_y) * ratio);
}

double
kling_canvas_get_zoom (KlingCanvas *self)
{
  return self->zoom;
}

double
kling_canvas_brush_radius (KlingCanvas *self,
                           double       pressure)
{
  return MAX (0.5, self->brush_size / 2.0 * pressure);
}

/* — drawing — */

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
        OverlayTile *tile = get_overlay_tile (self, tx, ty);

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
          OverlayTile *tile = get_overlay_tile (self, tx, ty);
          GdkTexture *pixels;

          if (tile == NULL)
            continue;
          pixels = overlay_tile_get_texture (tile);
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

  radius = MAX (1.5, kling_canvas_brush_radius (self, 1.0) * self->zoom);
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

static void
kling_canvas_snapshot (GtkWidget   *widget,
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
  cairo_destroy (cr);

  gtk_snapshot_pop (snapshot);
}

static void
kling_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KlingCanvas *self = KLING_CANVAS (widget);

  if (self->fit)
    apply_fit (self);
}

/* — document — */

static void
on_image_changed (KlingDocument *document,
                  KlingCanvas   *self)
{
  g_hash_table_remove_all (self->overlay_tiles);
  self->selected_point = -1;
  kling_canvas_zoom_to_fit (self);
}

static void
on_mask_changed (KlingDocument *document,
                 int            region,
                 int            x,
                 int            y,
                 int            width,
                 int            height,
                 KlingCanvas   *self)
{
  kling_canvas_invalidate_overlay (self, x, y, width, height);
}

static void
on_region_changed (KlingDocument *document,
                   int            region,
                   KlingCanvas   *self)
{
  g_hash_table_remove_all (self->overlay_tiles);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_trajectory_changed (KlingDocument *document,
                       int            region,
                       KlingCanvas   *self)
{
  KlingTrajectory *path = kling_document_get_trajectory (document, region);

  if (region == self->region && self->selected_point >= (int) kling_trajectory_get_n_points (path))
    self->selected_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kling_canvas_set_document (KlingCanvas   *self,
                           KlingDocument *document)
{
  g_return_if_fail (KLING_IS_CANVAS (self));

  if (!kling_document_follow (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_object (document, "image-changed", G_CALLBACK (on_image_changed), self, 0);
      g_signal_connect_object (document, "mask-changed", G_CALLBACK (on_mask_changed), self, 0);
      g_signal_connect_object (document, "region-changed", G_CALLBACK (on_region_changed), self, 0);
      g_signal_connect_object (document, "trajectory-changed", G_CALLBACK (on_trajectory_changed), self, 0);
    }
  g_hash_table_remove_all (self->overlay_tiles);
  kling_canvas_zoom_to_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlingDocument *
kling_canvas_get_document (KlingCanvas *self)
{
  return self->document;
}

/* — tool settings — */

void
kling_canvas_set_tool (KlingCanvas *self,
                       KlingTool    tool)
{
  if (self->tool == tool)
    return;
  self->tool = tool;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   tool == KLING_TOOL_TRAJECTORY || tool == KLING_TOOL_FILL
                                   ? "crosshair" : "none");
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

KlingTool
kling_canvas_get_tool (KlingCanvas *self)
{
  return self->tool;
}

void
kling_canvas_set_region (KlingCanvas *self,
                         int          region)
{
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);
  if (self->region == region)
    return;
  self->region = region;
  self->selected_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

int
kling_canvas_get_region (KlingCanvas *self)
{
  return self->region;
}

void
kling_canvas_set_brush_size (KlingCanvas *self,
                             double       diameter)
{
  diameter = CLAMP (diameter, KLING_CANVAS_MIN_BRUSH, KLING_CANVAS_MAX_BRUSH);
  if (self->brush_size == diameter)
    return;
  self->brush_size = diameter;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_SIZE]);
}

double
kling_canvas_get_brush_size (KlingCanvas *self)
{
  return self->brush_size;
}

void
kling_canvas_set_hardness (KlingCanvas *self,
                           double       hardness)
{
  hardness = CLAMP (hardness, 0.0, 1.0);
  if (self->hardness == hardness)
    return;
  self->hardness = hardness;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HARDNESS]);
}

double
kling_canvas_get_hardness (KlingCanvas *self)
{
  return self->hardness;
}

void
kling_canvas_set_fill_tolerance (KlingCanvas *self,
                                 double       tolerance)
{
  self->fill_tolerance = CLAMP (tolerance, 0.0, 1.0);
}

void
kling_canvas_set_smoothing (KlingCanvas *self,
                            gboolean     smoothing)
{
  self->smoothing = smoothing;
}

/* — GObject — */

static void
kling_canvas_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KlingCanvas *self = KLING_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_TOOL: g_value_set_enum (value, self->tool); break;
    case PROP_REGION: g_value_set_int (value, self->region); break;
    case PROP_BRUSH_SIZE: g_value_set_double (value, self->brush_size); break;
    case PROP_HARDNESS: g_value_set_double (value, self->hardness); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_canvas_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KlingCanvas *self = KLING_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kling_canvas_set_document (self, g_value_get_object (value)); break;
    case PROP_TOOL: kling_canvas_set_tool (self, g_value_get_enum (value)); break;
    case PROP_REGION: kling_canvas_set_region (self, g_value_get_int (value)); break;
    case PROP_BRUSH_SIZE: kling_canvas_set_brush_size (self, g_value_get_double (value)); break;
    case PROP_HARDNESS: kling_canvas_set_hardness (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_canvas_dispose (GObject *object)
{
  KlingCanvas *self = KLING_CANVAS (object);

  kling_document_follow (&self->document, NULL, self);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);
  g_clear_pointer (&self->overlay_tiles, g_hash_table_unref);
  g_clear_pointer (&self->freehand_points, g_array_unref);

  G_OBJECT_CLASS (kling_canvas_parent_class)->dispose (object);
}

static void
kling_canvas_class_init (KlingCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_canvas_dispose;
  object_class->get_property = kling_canvas_get_property;
  object_class->set_property = kling_canvas_set_property;

  widget_class->snapshot = kling_canvas_snapshot;
  widget_class->size_allocate = kling_canvas_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, KLING_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, KLING_TYPE_TOOL, KLING_TOOL_BRUSH,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REGION] =
    g_param_spec_int ("region", NULL, NULL, 0, KLING_N_REGIONS - 1, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_double ("brush-size", NULL, NULL, KLING_CANVAS_MIN_BRUSH, KLING_CANVAS_MAX_BRUSH, 40,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HARDNESS] =
    g_param_spec_double ("hardness", NULL, NULL, 0, 1, 0.8,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the user, e.g. why a click did nothing. */
  g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "klingcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kling_canvas_init (KlingCanvas *self)
{
  self->overlay_tiles = g_hash_table_new_full (NULL, NULL, NULL, overlay_tile_free);
  self->tool = KLING_TOOL_BRUSH;
  self->region = 1;
  self->brush_size = 40;
  self->hardness = 0.8;
  self->fill_tolerance = 0.15;
  self->zoom = 1;
  self->fit = TRUE;
  self->drag_point = -1;
  self->selected_point = -1;
  self->freehand_points = g_array_new (FALSE, FALSE, sizeof (KlingPoint));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Canvas"),
                                  -1);
  kling_canvas_setup_input (self);
}

GtkWidget *
kling_canvas_new (void)
{
  return g_object_new (KLING_TYPE_CANVAS, NULL);
}
