/* kling-image-pyramid.c — a picture pre-scaled by halves, cut in tiles
 *
 * A 24-megapixel photo drawn whole at every frame costs far more than the
 * screen shows. The pyramid keeps the picture at 1/2, 1/4, … of its size
 * (built once, in a thread, after the picture is first on screen); the canvas
 * draws the visible tiles of the level nearest its zoom, so a frame costs
 * about one screen of pixels whatever the picture's size.
 *
 * Tiles of the halved levels are views into the level's pixels (no copy);
 * tiles of the full picture are converted from the pixbuf when first drawn,
 * and only as many are kept as a few screens need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-image-pyramid.h"

#define MAX_LEVELS 14
/* Full-resolution tiles kept: a 4K screen at 50 % shows about 130. */
#define MAX_FULL_TILES 192

typedef struct {
  GBytes *pixels[MAX_LEVELS];   /* ARGB32, premultiplied; [0] unused */
  int     width[MAX_LEVELS];
  int     height[MAX_LEVELS];
  int     n_levels;
} Levels;

struct _KlingImagePyramid
{
  GdkPixbuf  *pixbuf;
  Levels      levels;           /* sizes planned at once; pixels once built */
  gboolean    ready;
  gboolean    opaque;
  GHashTable *tiles;            /* tile key → KlingPyramidTile */
  guint       n_full_tiles;
  KlingPyramidTile *preview;    /* until the levels are built */
  int         preview_level;
};

/* The sizes of the levels: halved until one tile holds the whole picture. */
static void
plan_levels (Levels *levels,
             int     width,
             int     height)
{
  levels->width[0] = width;
  levels->height[0] = height;
  levels->n_levels = 1;
  while (levels->n_levels < MAX_LEVELS &&
         MAX (levels->width[levels->n_levels - 1], levels->height[levels->n_levels - 1]) > KLING_PYRAMID_TILE)
    {
      int l = levels->n_levels++;

      levels->width[l] = (levels->width[l - 1] + 1) / 2;
      levels->height[l] = (levels->height[l - 1] + 1) / 2;
    }
}

static void
levels_clear (Levels *levels)
{
  for (int i = 0; i < MAX_LEVELS; i++)
    g_clear_pointer (&levels->pixels[i], g_bytes_unref);
}

static void
levels_free (gpointer data)
{
  levels_clear (data);
  g_free (data);
}

static inline guint32
premultiply (const guint8 *p,
             gboolean      alpha)
{
  guint a = alpha ? p[3] : 255;

  if (a == 255)
    return 0xff000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
  return a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);
}

/* The average of four ARGB32 pixels, channel by channel: two channels at a
 * time, each in 16 bits of a 32-bit word. */
static inline guint32
average4 (guint32 a,
          guint32 b,
          guint32 c,
          guint32 d)
{
  guint32 even = (a & 0x00ff00ffu) + (b & 0x00ff00ffu) + (c & 0x00ff00ffu) + (d & 0x00ff00ffu) + 0x00020002u;
  guint32 odd = ((a >> 8) & 0x00ff00ffu) + ((b >> 8) & 0x00ff00ffu) + ((c >> 8) & 0x00ff00ffu) +
                ((d >> 8) & 0x00ff00ffu) + 0x00020002u;

  return ((even >> 2) & 0x00ff00ffu) | (((odd >> 2) & 0x00ff00ffu) << 8);
}

/* Level 1, straight from the pixbuf: each pixel the average of a 2×2 block. */
static GBytes *
halve_pixbuf (GdkPixbuf *pixbuf,
              int        width,
              int        height)
{
  int src_w = gdk_pixbuf_get_width (pixbuf), src_h = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint32 *out = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    {
      const guint8 *r0 = pixels + (gsize) (2 * y) * stride;
      const guint8 *r1 = pixels + (gsize) MIN (2 * y + 1, src_h - 1) * stride;

      for (int x = 0; x < width; x++)
        {
          gsize c0 = (gsize) (2 * x) * channels, c1 = (gsize) MIN (2 * x + 1, src_w - 1) * channels;

          out[(gsize) y * width + x] = average4 (premultiply (r0 + c0, alpha), premultiply (r0 + c1, alpha),
                                                 premultiply (r1 + c0, alpha), premultiply (r1 + c1, alpha));
        }
    }
  return g_bytes_new_take (out, (gsize) width * height * 4);
}

static GBytes *
halve_level (GBytes *source,
             int     src_w,
             int     src_h,
             int     width,
             int     height)
{
  const guint32 *in = g_bytes_get_data (source, NULL);
  guint32 *out = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    {
      const guint32 *r0 = in + (gsize) (2 * y) * src_w;
      const guint32 *r1 = in + (gsize) MIN (2 * y + 1, src_h - 1) * src_w;

      for (int x = 0; x < width; x++)
        {
          int x1 = MIN (2 * x + 1, src_w - 1);
          out[(gsize) y * width + x] = average4 (r0[2 * x], r0[x1], r1[2 * x], r1[x1]);
        }
    }
  return g_bytes_new_take (out, (gsize) width * height * 4);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GdkPixbuf *pixbuf = task_data;
  Levels *levels = g_new0 (Levels, 1);

  plan_levels (levels, gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  for (int l = 1; l < levels->n_levels; l++)
    {
      if (g_task_return_error_if_cancelled (task))
        {
          levels_free (levels);
          return;
        }
      levels->pixels[l] = l == 1
        ? halve_pixbuf (pixbuf, levels->width[l], levels->height[l])
        : halve_level (levels->pixels[l - 1], levels->width[l - 1], levels->height[l - 1],
                       levels->width[l], levels->height[l]);
    }
  g_task_return_pointer (task, levels, levels_free);
}

void
kling_image_pyramid_build_async (KlingImagePyramid   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kling_image_pyramid_build_async);
  g_task_set_task_data (task, g_object_ref (self->pixbuf), g_object_unref);
  g_task_run_in_thread (task, build_thread);
}

gboolean
kling_image_pyramid_build_finish (KlingImagePyramid  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  Levels *levels = g_task_propagate_pointer (G_TASK (result), error);

  if (levels == NULL)
    return FALSE;
  levels_clear (&self->levels);
  self->levels = *levels;
  g_free (levels);
  self->ready = TRUE;
  g_clear_pointer (&self->preview, kling_pyramid_tile_free);
  return TRUE;
}

gboolean
kling_image_pyramid_is_ready (KlingImagePyramid *self)
{
  return self->ready;
}

/* The level whose pixels are closest to the screen's without being fewer:
 * it is drawn shrunk by at most half, so it stays sharp, and the same level
 * serves a whole octave of zoom, so nothing shimmers while zooming. */
int
kling_image_pyramid_pick_level (KlingImagePyramid *self,
                                double             device_zoom)
{
  int level;

  if (device_zoom >= 1.0)
    return 0;
  level = (int) floor (log2 (1.0 / device_zoom) + 1e-9);
  return CLAMP (level, 0, self->levels.n_levels - 1);
}

void
kling_image_pyramid_level_size (KlingImagePyramid *self,
                                int                level,
                                int               *width,
                                int               *height)
{
  *width = self->levels.width[level];
  *height = self->levels.height[level];
}

KlingPyramidTile *
kling_pyramid_tile_new (cairo_surface_t *surface)
{
  KlingPyramidTile *tile = g_new0 (KlingPyramidTile, 1);

  tile->surface = surface;
  return tile;
}

void
kling_pyramid_tile_free (gpointer data)
{
  KlingPyramidTile *tile = data;

  cairo_surface_destroy (tile->surface);
  g_clear_object (&tile->texture);
  g_free (tile);
}

GdkTexture *
kling_pyramid_tile_get_texture (KlingPyramidTile *tile)
{
  cairo_surface_t *surface = tile->surface;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  if (tile->texture != NULL)
    return tile->texture;

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: the texture shares its pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * (height - 1) + (gsize) width * 4,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  tile->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  return tile->texture;
}

/* An opaque picture's tiles say so: cairo then copies them instead of
 * blending them. The bytes are the same (alpha 255), so their textures are
 * GDK_MEMORY_DEFAULT all the same. */
static cairo_format_t
surface_format (KlingImagePyramid *self)
{
  return self->opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32;
}

static cairo_surface_t *
full_tile_surface (KlingImagePyramid *self,
                   int                x,
                   int                y,
                   int                width,
                   int                height)
{
  int channels = gdk_pixbuf_get_n_channels (self->pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (self->pixbuf);
  int stride = gdk_pixbuf_get_rowstride (self->pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (self->pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (surface_format (self), width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  for (int row = 0; row < height; row++)
    {
      const guint8 *in = pixels + (gsize) (y + row) * stride + (gsize) x * channels;
      guint32 *dest = (guint32 *) (out + (gsize) row * out_stride);

      for (int col = 0; col < width; col++, in += channels)
        dest[col] = premultiply (in, alpha);
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* A view into a halved level: the surface keeps the level's pixels alive. */
static cairo_surface_t *
level_tile_surface (KlingImagePyramid *self,
                    int                level,
                    int                x,
                    int                y,
                    int                width,
                    int                height)
{
  static cairo_user_data_key_t bytes_key;
  GBytes *bytes = self->levels.pixels[level];
  int stride = self->levels.width[level] * 4;
  guint8 *data = (guint8 *) g_bytes_get_data (bytes, NULL) + (gsize) y * stride + (gsize) x * 4;
  cairo_surface_t *surface = cairo_image_surface_create_for_data (data, surface_format (self),
                                                                  width, height, stride);

  cairo_surface_set_user_data (surface, &bytes_key, g_bytes_ref (bytes), (cairo_destroy_func_t) g_bytes_unref);
  return surface;
}

/* Full-resolution tiles not drawn in the latest frame go first. */
static void
forget_old_full_tiles (KlingImagePyramid *self,
                       guint              stamp)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >> 24 == 0 && ((KlingPyramidTile *) value)->stamp != stamp)
      {
        g_hash_table_iter_remove (&iter);
        self->n_full_tiles--;
      }
}

/* Returns: (transfer none) (nullable): the tile, %NULL outside the level */
KlingPyramidTile *
kling_image_pyramid_get_tile (KlingImagePyramid *self,
                              int                level,
                              int                tx,
                              int                ty,
                              guint              stamp)
{
  guint key = ((guint) level << 24 | (guint) ty << 12 | (guint) tx);
  KlingPyramidTile *tile;
  int x = tx * KLING_PYRAMID_TILE, y = ty * KLING_PYRAMID_TILE;
  int width, height;

  g_return_val_if_fail (level < self->levels.n_levels, NULL);
  if (level > 0 && !self->ready)
    return NULL;

  tile = g_hash_table_lookup (self->tiles, GUINT_TO_POINTER (key));
  if (tile == NULL)
    {
      width = MIN (KLING_PYRAMID_TILE, self->levels.width[level] - x);
      height = MIN (KLING_PYRAMID_TILE, self->levels.height[level] - y);
      if (tx < 0 || ty < 0 || width <= 0 || height <= 0)
        return NULL;
      if (level == 0 && self->n_full_tiles >= MAX_FULL_TILES)
        forget_old_full_tiles (self, stamp);
      tile = kling_pyramid_tile_new (level == 0
                                     ? full_tile_surface (self, x, y, width, height)
                                     : level_tile_surface (self, level, x, y, width, height));
      g_hash_table_insert (self->tiles, GUINT_TO_POINTER (key), tile);
      self->n_full_tiles += level == 0;
    }
  tile->stamp = stamp;
  return tile;
}

KlingImagePyramid *
kling_image_pyramid_new (GdkPixbuf *pixbuf)
{
  KlingImagePyramid *self = g_new0 (KlingImagePyramid, 1);

  self->pixbuf = g_object_ref (pixbuf);
  self->opaque = !gdk_pixbuf_get_has_alpha (pixbuf);
  plan_levels (&self->levels, gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, kling_pyramid_tile_free);
  return self;
}

void
kling_image_pyramid_free (KlingImagePyramid *self)
{
  g_hash_table_unref (self->tiles);
  levels_clear (&self->levels);
  g_clear_pointer (&self->preview, kling_pyramid_tile_free);
  g_object_unref (self->pixbuf);
  g_free (self);
}

/**
 * kling_image_pyramid_get_preview:
 *
 * Until the levels are built: the whole picture at @level (> 0), one pixel
 * of each 2^level block picked, not averaged. It reads only the pixels it
 * keeps, so it is made at once, on the main thread, and drawn in the
 * meantime instead of the full picture.
 *
 * Returns: (transfer none): the preview, as one tile at @level
 */
KlingPyramidTile *
kling_image_pyramid_get_preview (KlingImagePyramid *self,
                                 int                level)
{
  int width = self->levels.width[level], height = self->levels.height[level];
  int src_w = self->levels.width[0], src_h = self->levels.height[0];
  int channels = gdk_pixbuf_get_n_channels (self->pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (self->pixbuf);
  int stride = gdk_pixbuf_get_rowstride (self->pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (self->pixbuf);
  cairo_surface_t *surface;
  guint8 *out;
  int out_stride, half = (1 << level) / 2;

  if (self->preview != NULL && self->preview_level == level)
    return self->preview;
  g_clear_pointer (&self->preview, kling_pyramid_tile_free);
  surface = cairo_image_surface_create (surface_format (self), width, height);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) MIN ((y << level) + half, src_h - 1) * stride;
      guint32 *dest = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++)
        dest[x] = premultiply (row + (gsize) MIN ((x << level) + half, src_w - 1) * channels, alpha);
    }
  cairo_surface_mark_dirty (surface);
  self->preview = kling_pyramid_tile_new (surface);
  self->preview_level = level;
  return self->preview;
}
