/* kling-canvas-overlay.c — the regions' colours over the image, in tiles
 *
 * The regions are drawn as one overlay cut in 256-pixel tiles: a tile is
 * rebuilt only when a mask under it changes, and a tile with no paint costs
 * nothing. The canvas owns one and draws its tiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-canvas-overlay.h"

/* Overlay opacity over the image: enough to see the paint, and the picture. */
#define OVERLAY_ALPHA 0.5
/* at most, for paint that is not (yet) sent */
#define OVERLAY_FAINT_ALPHA 0.18

struct _KlingCanvasOverlay
{
  GHashTable *tiles;  /* tile key → KlingOverlayTile, or the empty sentinel */
};

static gpointer empty_tile_sentinel = &empty_tile_sentinel;

static guint
overlay_key (int tx,
             int ty)
{
  return ((guint) ty << 16 | (guint) tx) + 1;
}

/* Forgets the tiles under the image pixels given, to be rebuilt when drawn. */
void
kling_canvas_overlay_invalidate (KlingCanvasOverlay *self,
                                 int                 x,
                                 int                 y,
                                 int                 width,
                                 int                 height)
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
      g_hash_table_remove (self->tiles, GUINT_TO_POINTER (overlay_key (tx, ty)));
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

static void
overlay_tile_free (gpointer data)
{
  KlingOverlayTile *tile = data;

  if (data == empty_tile_sentinel)
    return;
  cairo_surface_destroy (tile->surface);
  g_clear_object (&tile->texture);
  g_free (tile);
}

GdkTexture *
kling_overlay_tile_get_texture (KlingOverlayTile *tile)
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
static KlingOverlayTile *
build_overlay_tile (KlingDocument *document,
                    int            tx,
                    int            ty)
{
  int img_w = kling_document_get_width (document);
  int img_h = kling_document_get_height (document);
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
  KlingOverlayTile *tile;

  /* Topmost first: dynamic 6 … 1, then static. */
  for (int region = KLING_N_REGIONS - 1; region >= 0; region--)
    {
      KlingMask *mask = kling_document_get_mask (document, region);
      const KlingRegionInfo *info = kling_document_get_region (document, region);
      GdkRGBA rgba;

      if (mask == NULL || !info->visible || !region_has_paint_in (mask, x, y, width, height))
        continue;
      kling_document_get_region_rgba (document, region, &rgba);
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

  tile = g_new0 (KlingOverlayTile, 1);
  tile->surface = surface;
  return tile;
}

/* Returns: (transfer none) (nullable): the tile, %NULL if it has no paint */
KlingOverlayTile *
kling_canvas_overlay_get_tile (KlingCanvasOverlay *self,
                               KlingDocument      *document,
                               int                 tx,
                               int                 ty)
{
  gpointer key = GUINT_TO_POINTER (overlay_key (tx, ty));
  gpointer cached = g_hash_table_lookup (self->tiles, key);
  KlingOverlayTile *tile;

  if (cached == empty_tile_sentinel)
    return NULL;
  if (cached != NULL)
    return cached;

  tile = build_overlay_tile (document, tx, ty);
  g_hash_table_insert (self->tiles, key, tile ? (gpointer) tile : empty_tile_sentinel);
  return tile;
}

KlingCanvasOverlay *
kling_canvas_overlay_new (void)
{
  KlingCanvasOverlay *self = g_new0 (KlingCanvasOverlay, 1);

  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, overlay_tile_free);
  return self;
}

void
kling_canvas_overlay_free (KlingCanvasOverlay *self)
{
  g_hash_table_unref (self->tiles);
  g_free (self);
}

/* Forgets every tile: the picture, or a region's colour or visibility, changed. */
void
kling_canvas_overlay_clear (KlingCanvasOverlay *self)
{
  g_hash_table_remove_all (self->tiles);
}
