/* kling-image-fix.h — turning a picture the API refuses into one it takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-image.h"

G_BEGIN_DECLS

char       *kling_image_fix_describe (int          width,
                                      int          height,
                                      gsize        n_bytes,
                                      gboolean     wrong_type);
KlingImage *kling_image_fix          (GdkPixbuf   *pixbuf,
                                      const char  *name,
                                      GError     **error);

G_END_DECLS
