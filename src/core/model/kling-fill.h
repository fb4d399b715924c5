/* kling-fill.h — fuzzy fill: the area around a pixel whose colour is alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-mask.h"

G_BEGIN_DECLS

/**
 * KlingPixels:
 * @data: the first row; 8 bits a channel, red, green, blue (and alpha)
 * @width: in pixels
 * @height: in pixels
 * @stride: bytes from one row to the next
 * @n_channels: 3 (RGB) or 4 (RGBA; alpha is not compared)
 *
 * A picture's pixels as GdkPixbuf and most decoders hand them out.
 */
typedef struct {
  const guint8 *data;
  int           width;
  int           height;
  int           stride;
  int           n_channels;
} KlingPixels;

guint8 *kling_fill_select     (const KlingPixels *pixels,
                               int                x,
                               int                y,
                               double             tolerance,
                               KlingRect         *bounds);
guint8 *kling_fill_select_everywhere (const KlingPixels *pixels,
                                      int                x,
                                      int                y,
                                      double             tolerance,
                                      KlingRect         *bounds);
void    kling_fill_paint_mask (KlingMask         *mask,
                               const guint8      *selection,
                               const KlingRect   *bounds,
                               gboolean           erase);

G_END_DECLS
