/* kling-test-images.h — pictures made at test time: real PNGs and JPEGs,
 * headers that claim another size, a camera's EXIF orientation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

GBytes *kling_test_image_encode   (int         width,
                                   int         height,
                                   const char *type);
GBytes *kling_test_image_filled  (int         width,
                                   int         height,
                                   const char *type,
                                   guint32     rgba);
GBytes *kling_test_png_claiming   (guint32     width,
                                   guint32     height);
GBytes *kling_test_jpeg_claiming  (guint16     width,
                                   guint16     height);
GBytes *kling_test_jpeg_turned    (int         width,
                                   int         height,
                                   int         orientation);
GBytes *kling_test_image_hazy_kite (int         width,
                                   int         height);

GBytes *kling_test_columns_png   (int         width,
                                   int         height);
int     kling_test_column_at      (GdkPixbuf  *pixbuf,
                                   int         x,
                                   int         y);

G_END_DECLS
