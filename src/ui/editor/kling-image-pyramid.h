/* kling-image-pyramid.h — a picture pre-scaled by halves, cut in tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tiles are this many pixels of their level on a side. */
#define KLING_PYRAMID_TILE 256

/* A tile of one level: cairo's ARGB32 pixels, and the same pixels as a
 * texture (made when first asked for). */
typedef struct {
  cairo_surface_t *surface;
  GdkTexture      *texture;
  guint            stamp;     /* the last frame that drew it */
} KlingPyramidTile;

typedef struct _KlingImagePyramid KlingImagePyramid;

KlingImagePyramid *kling_image_pyramid_new         (GdkPixbuf           *pixbuf);
void               kling_image_pyramid_free        (KlingImagePyramid   *self);
void               kling_image_pyramid_build_async (KlingImagePyramid   *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           kling_image_pyramid_build_finish (KlingImagePyramid  *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);
gboolean           kling_image_pyramid_is_ready    (KlingImagePyramid   *self);
int                kling_image_pyramid_pick_level  (KlingImagePyramid   *self,
                                                    double               device_zoom);
void               kling_image_pyramid_level_size  (KlingImagePyramid   *self,
                                                    int                  level,
                                                    int                 *width,
                                                    int                 *height);
KlingPyramidTile  *kling_image_pyramid_get_tile    (KlingImagePyramid   *self,
                                                    int                  level,
                                                    int                  tx,
                                                    int                  ty,
                                                    guint                stamp);
KlingPyramidTile  *kling_image_pyramid_get_preview (KlingImagePyramid   *self,
                                                    int                  level);
GdkTexture        *kling_pyramid_tile_get_texture  (KlingPyramidTile    *tile);
void               kling_pyramid_tile_free         (gpointer             tile);
KlingPyramidTile  *kling_pyramid_tile_new          (cairo_surface_t     *surface);

G_END_DECLS
