/* kling-image-fix.h — turning a picture the API refuses into one it takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-image.h"
#include "kling-mask.h"

G_BEGIN_DECLS

/* What a fix does besides cropping, scaling up and making smaller, which
 * follow from the picture's size. */
typedef enum {
  KLING_IMAGE_FIX_CONVERT    = 1 << 0,  /* not PNG or JPEG */
  KLING_IMAGE_FIX_SCALE_DOWN = 1 << 1,  /* too large to open whole */
  KLING_IMAGE_FIX_ROTATE     = 1 << 2,  /* EXIF says it is stored turned */
} KlingImageFixSteps;

char       *kling_image_fix_describe (GdkPixbuf           *pixbuf,
                                      gsize                n_bytes,
                                      KlingImageFixSteps   steps);
char       *kling_image_fix_rotation_problem (const char *name);
GdkPixbuf  *kling_image_fix_decode   (GBytes              *bytes,
                                      KlingImageFixSteps  *steps,
                                      GError             **error);
gboolean    kling_image_fix_crop_size (int                 width,
                                       int                 height,
                                       int                *crop_width,
                                       int                *crop_height);
KlingImage *kling_image_fix          (GdkPixbuf           *pixbuf,
                                      const char          *name,
                                      const KlingRect     *area,
                                      const char          *type,
                                      GError             **error);

G_END_DECLS
