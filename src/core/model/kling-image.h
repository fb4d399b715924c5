/* kling-image.h — an input image (start or end frame)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

G_BEGIN_DECLS

/* The API's limits for `image` and `image_tail` (kling-api.md §2). */
#define KLING_IMAGE_MAX_BYTES (10 * 1024 * 1024)
#define KLING_IMAGE_MIN_SIDE 300

typedef struct _KlingImage KlingImage;

KlingImage *kling_image_new_from_file   (const char  *path,
                                         GError     **error);
KlingImage *kling_image_new_from_bytes  (GBytes      *bytes,
                                         const char  *name_for_messages,
                                         GError     **error);
KlingImage *kling_image_new_from_url    (const char  *url);

KlingImage *kling_image_ref             (KlingImage  *self);
void        kling_image_unref           (KlingImage  *self);

gboolean    kling_image_is_url          (KlingImage  *self);
const char *kling_image_get_url         (KlingImage  *self);
GBytes     *kling_image_get_bytes       (KlingImage  *self);
const char *kling_image_get_mime_type   (KlingImage  *self);
const char *kling_image_get_name        (KlingImage  *self);
int         kling_image_get_width       (KlingImage  *self);
int         kling_image_get_height      (KlingImage  *self);
int         kling_image_get_orientation (KlingImage  *self);
const char *kling_image_detect_mime_type (GBytes     *bytes);
GdkPixbuf  *kling_image_decode          (GBytes     *bytes,
                                          GCallback   size_prepared,
                                          gpointer    user_data,
                                          GError    **error);
GdkPixbuf  *kling_image_decode_thumbnail (GBytes     *bytes,
                                          int         max_side,
                                          GError    **error);

gboolean    kling_image_check           (KlingImage  *self,
                                         const char  *field,
                                         GError     **error);
char       *kling_image_to_base64       (KlingImage  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingImage, kling_image_unref)

G_END_DECLS
