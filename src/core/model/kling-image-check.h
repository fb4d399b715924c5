/* kling-image-check.h — what the header and the structure of a picture say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest side of a picture the editor opens: the masks' own limit. */
#define KLING_IMAGE_MAX_SIDE 16384
/* The most pixels a picture may have when it is opened: 8192×8192. Its
 * decoded pixels take 256 MB; more, and one small file (a "decompression
 * bomb") could exhaust the memory. */
#define KLING_IMAGE_MAX_PIXELS (8192 * 8192)

gboolean kling_image_size_is_allowed (int           width,
                                      int           height);
void     kling_image_fit_size        (int           width,
                                      int           height,
                                      int          *fit_width,
                                      int          *fit_height);
gboolean kling_image_check_structure (const guint8 *data,
                                      gsize         length,
                                      const char   *mime_type,
                                      int          *orientation,
                                      GError      **error);

G_END_DECLS
