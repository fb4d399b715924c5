/* kling-test-motion.h — a picture with a distinctive object, for the tests
 * of the motion renderer and of the clips made from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-mask.h"

G_BEGIN_DECLS

/* The object's colour: no pixel of the background or of a hole filled from
 * it comes near it. */
#define KLING_TEST_OBJECT_R 255
#define KLING_TEST_OBJECT_G 0
#define KLING_TEST_OBJECT_B 255

GdkPixbuf *kling_test_motion_picture     (int           width,
                                          int           height,
                                          double        object_x,
                                          double        object_y,
                                          double        object_radius);
KlingMask *kling_test_motion_disc_mask   (int           width,
                                          int           height,
                                          double        cx,
                                          double        cy,
                                          double        radius);
KlingMask *kling_test_motion_rect_mask   (int           width,
                                          int           height,
                                          int           x,
                                          int           y,
                                          int           rect_width,
                                          int           rect_height);
gboolean   kling_test_motion_centroid    (const guint8 *rgba,
                                          int           width,
                                          int           height,
                                          int           stride,
                                          int           n_channels,
                                          double       *x,
                                          double       *y);
void       kling_test_motion_background  (int           x,
                                          int           y,
                                          int           width,
                                          int           height,
                                          guint8        rgb[3]);

/* Called for each decoded frame of a clip, RGBA. */
typedef void (*KlingTestFrameFunc) (guint         index,
                                    const guint8 *rgba,
                                    int           width,
                                    int           height,
                                    int           stride,
                                    gpointer      user_data);

guint      kling_test_motion_decode      (const char        *path,
                                          KlingTestFrameFunc func,
                                          gpointer           user_data,
                                          GError           **error);

G_END_DECLS
