/* kling-canvas-overlay.c — the regions' colours over the image, in tiles
 *
 * The regions are drawn as one overlay cut in 256-pixel tiles: a tile is
 * rebuilt only when a mask under it changes, and a tile with no paint costs
 * nothing. The canvas owns one and draws its tiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-canvas-overlay.h"

/* at most, for paint that is not (yet) sent */
#define OVERLAY_FAINT_ALPHA 0.18

struct _KlingCanvasOverlay
{
  GHashTable *tiles;  /* tile key → KlingPyramidTile, or the empty sentinel */
  int         level;  /* the pyramid level the tiles are made at */
  int         only;   /* the one region shown, or -1 for all */
};

static gpointer empty_tile_sentinel = &empty_tile_sentinel;

static guint
overlay_key (int tx,
             int ty)
{
  return ((guint) ty << 16 | (guint) tx) + 1;
}

/* Forgets the tiles under the image pixels given, to be rebuilt when drawn.
 * A tile's outline reads its neighbours: one more pixel each side. */
void
kling_canvas_overlay_invalidate (KlingCanvasOverlay *self,
                                 int                 x,
                                 int                 y,
                                 int                 width,
                                 int                 height)
{
  int span = OVERLAY_TILE << self->level;
  int tx0, ty0, tx1, ty1;

  if (width <= 0 || height <= 0)
    return;

  tx0 = MAX (x - (1 << self->level), 0) / span;
  ty0 = MAX (y - (1 << self->level), 0) / span;
  tx1 = (x + width + (1 << self->level)) / span;
  ty1 = (y + height + (1 << self->level)) / span;
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
  if (data != empty_tile_sentinel)
    kling_pyramid_tile_free (data);
}

typedef struct {
  KlingMask *masks[KLING_N_REGIONS];   /* topmost first */
  guint8     color[KLING_N_REGIONS][3];
  double     alpha[KLING_N_REGIONS];
  guint32    contrast[KLING_N_REGIONS]; /* the outline's outer line, premultiplied */
  int        n_masks;
} TileRegions;

static inline guint32
premultiplied (const guint8 color[3],
               double       alpha)
{
  return (guint32) (255 * alpha) << 24 |
         (guint32) (color[0] * alpha) << 16 |
         (guint32) (color[1] * alpha) << 8 |
         (guint32) (color[2] * alpha);
}

/* The regions painted in the image rectangle given, topmost first: dynamic
 * 6 … 1, then static. */
static void
collect_regions (KlingDocument   *document,
                 int              only,
                 const KlingRect *area,
                 TileRegions     *regions)
{
  regions->n_masks = 0;
  for (int region = KLING_N_REGIONS - 1; region >= 0; region--)
    {
      KlingMask *mask = kling_document_get_mask (document, region);
      const KlingRegionInfo *info = kling_document_get_region (document, region);
      int m = regions->n_masks;
      GdkRGBA rgba;
      double luminance;

      if (mask == NULL || !info->visible || (only >= 0 && region != only) ||
          !region_has_paint_in (mask, area->x, area->y, area->width, area->height))
        continue;
      kling_document_get_region_rgba (document, region, &rgba);
      regions->masks[m] = mask;
      regions->color[m][0] = (guint8) (rgba.red * 255);
      regions->color[m][1] = (guint8) (rgba.green * 255);
      regions->color[m][2] = (guint8) (rgba.blue * 255);
      regions->alpha[m] = info->opacity / 100.0;
      /* Dark beside a light colour, light beside a dark one: the two lines
       * together read on any picture, even a blue region on a blue sky. */
      luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;
      regions->contrast[m] = luminance > 0.5 ? 0xe0000000u : 0xf0f0f0f0u;
      regions->n_masks++;
    }
}

/* One overlay pixel, premultiplied ARGB. What is sent is drawn solid: the
 * topmost region whose coverage reaches KLING_MASK_PAINTED. Paint below that
 * (the soft edge of a brush, a first pass of a soft one) is not sent; it
 * shows faintly, so the artist sees it build up, and never hides a region
 * under it that is sent. */
static int
solid_region (const guint8 *coverage,
              int           n_masks,
              int          *faint)
{
  *faint = -1;
  for (int m = 0; m < n_masks; m++)
    {
      if (coverage[m] >= KLING_MASK_PAINTED)
        return m;
      if (coverage[m] > 0 && *faint < 0)
        *faint = m;
    }
  return -1;
}

/* A region's edge is drawn in two lines, one each side: its own colour,
 * opaque, inside, and a contrasting line outside. */
static guint32
overlay_pixel (const TileRegions *regions,
               const gint8       *solid,
               int                apron_w,
               int                faint,
               guint8             faint_coverage)
{
  int here = solid[0];
  int around[4] = { solid[-1], solid[1], solid[-apron_w], solid[apron_w] };

  for (int i = 0; i < 4; i++)
    if (around[i] != here)
      {
        if (here >= 0)
          return premultiplied (regions->color[here], 1.0);
        return regions->contrast[around[i]];
      }
  if (here >= 0)
    return premultiplied (regions->color[here], regions->alpha[here]);
  if (faint >= 0)
    return premultiplied (regions->color[faint], OVERLAY_FAINT_ALPHA * faint_coverage / KLING_MASK_PAINTED);
  return 0;
}

typedef struct {
  int level;
  int x, y, width, height;    /* the tile in level pixels */
  int level_w, level_h;
  int img_w, img_h;
} TileGeometry;

/* The masks' coverage under one row of the tile and a pixel either side,
 * sampled at the centre of each level pixel: @coverage holds n_masks bytes
 * per pixel, from column -1 to width. */
static void
sample_row (const TileRegions  *regions,
            const TileGeometry *g,
            int                 row,
            guint8             *scratch,
            guint8             *coverage)
{
  int half = (1 << g->level) / 2;
  int ly = g->y + row;
  /* Shifts of negative numbers are undefined: the row and column before
   * the picture's first are clamped, not shifted. */
  int ix0 = g->x > 0 ? (g->x - 1) << g->level : 0;
  int ix1 = MIN (g->img_w, (g->x + g->width + 1) << g->level);
  int n = regions->n_masks;
  int iy;

  memset (coverage, 0, (gsize) (g->width + 2) * n);
  if (ly < 0 || ly >= g->level_h)
    return;
  iy = MIN ((ly << g->level) + half, g->img_h - 1);
  for (int m = 0; m < n; m++)
    {
      kling_mask_read_row (regions->masks[m], iy, ix0, ix1 - ix0, scratch);
      for (int col = -1; col <= g->width; col++)
        {
          int lx = g->x + col;
          if (lx >= 0 && lx < g->level_w)
            coverage[(gsize) (col + 1) * n + m] = scratch[MIN ((lx << g->level) + half, g->img_w - 1) - ix0];
        }
    }
}

static int
level_extent (int size,
              int level)
{
  for (int i = 0; i < level; i++)
    size = (size + 1) / 2;
  return size;
}

static cairo_surface_t *
paint_tile (const TileRegions  *regions,
            const TileGeometry *g)
{
  int n = regions->n_masks, apron_w = g->width + 2;
  g_autofree guint8 *scratch = g_malloc ((gsize) (g->width + 2) << g->level);
  g_autofree guint8 *coverage = g_malloc ((gsize) (g->height + 2) * apron_w * n);
  g_autofree gint8 *solid = g_malloc ((gsize) (g->height + 2) * apron_w);
  g_autofree gint8 *faint = g_malloc ((gsize) (g->height + 2) * apron_w);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, g->width, g->height);
  guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int row = -1; row <= g->height; row++)
    {
      gsize base = (gsize) (row + 1) * apron_w;

      sample_row (regions, g, row, scratch, coverage + base * n);
      for (int col = 0; col < apron_w; col++)
        {
          int f;
          solid[base + col] = (gint8) solid_region (coverage + (base + col) * n, n, &f);
          faint[base + col] = (gint8) f;
        }
    }
  for (int row = 0; row < g->height; row++)
    {
      guint32 *out = (guint32 *) (pixels + (gsize) row * stride);

      for (int col = 0; col < g->width; col++)
        {
          gsize i = (gsize) (row + 1) * apron_w + col + 1;
          int f = faint[i];

          out[col] = overlay_pixel (regions, solid + i, apron_w, f, f >= 0 ? coverage[i * n + f] : 0);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* One overlay tile at a level of the pyramid: each pixel takes the colour of
 * the topmost region painted there, sampled at the pixel's centre. The static
 * region shows only where no dynamic region is painted, which is what is
 * sent. */
static KlingPyramidTile *
build_overlay_tile (KlingDocument *document,
                    int            only,
                    int            level,
                    int            tx,
                    int            ty)
{
  TileGeometry g;
  TileRegions regions;
  KlingRect area;

  g.level = level;
  g.img_w = kling_document_get_width (document);
  g.img_h = kling_document_get_height (document);
  g.level_w = level_extent (g.img_w, level);
  g.level_h = level_extent (g.img_h, level);
  g.x = tx * OVERLAY_TILE;
  g.y = ty * OVERLAY_TILE;
  g.width = MIN (OVERLAY_TILE, g.level_w - g.x);
  g.height = MIN (OVERLAY_TILE, g.level_h - g.y);
  if (g.width <= 0 || g.height <= 0)
    return NULL;

  /* The tile and its outline's neighbours, in image pixels. */
  area.x = g.x > 0 ? (g.x - 1) << level : 0;
  area.y = g.y > 0 ? (g.y - 1) << level : 0;
  area.width = MIN (g.img_w, (g.x + g.width + 1) << level) - area.x;
  area.height = MIN (g.img_h, (g.y + g.height + 1) << level) - area.y;
  collect_regions (document, only, &area, &regions);
  if (regions.n_masks == 0)
    return NULL;
  return kling_pyramid_tile_new (paint_tile (&regions, &g));
}

/* Returns: (transfer none) (nullable): the tile, %NULL if it has no paint */
KlingPyramidTile *
kling_canvas_overlay_get_tile (KlingCanvasOverlay *self,
                               KlingDocument      *document,
                               int                 level,
                               int                 tx,
                               int                 ty)
{
  gpointer key = GUINT_TO_POINTER (overlay_key (tx, ty));
  gpointer cached;
  KlingPyramidTile *tile;

  /* One level at a time: zooming to another octave makes the tiles anew. */
  if (level != self->level)
    {
      kling_canvas_overlay_clear (self);
      self->level = level;
    }
  cached = g_hash_table_lookup (self->tiles, key);
  if (cached == empty_tile_sentinel)
    return NULL;
  if (cached != NULL)
    return cached;

  tile = build_overlay_tile (document, self->only, level, tx, ty);
  g_hash_table_insert (self->tiles, key, tile ? (gpointer) tile : empty_tile_sentinel);
  return tile;
}

KlingCanvasOverlay *
kling_canvas_overlay_new (void)
{
  KlingCanvasOverlay *self = g_new0 (KlingCanvasOverlay, 1);

  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, overlay_tile_free);
  self->only = -1;
  return self;
}

void
kling_canvas_overlay_free (KlingCanvasOverlay *self)
{
  g_hash_table_unref (self->tiles);
  g_free (self);
}

/* Shows one region alone (@region), or all of them (-1). */
void
kling_canvas_overlay_set_only (KlingCanvasOverlay *self,
                               int                 region)
{
  if (self->only == region)
    return;
  self->only = region;
  kling_canvas_overlay_clear (self);
}

/* Forgets every tile: the picture, or a region's colour or visibility, changed. */
void
kling_canvas_overlay_clear (KlingCanvasOverlay *self)
{
  g_hash_table_remove_all (self->tiles);
}
