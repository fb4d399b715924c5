/* kling-fake-server-validate.h — what the create body's checks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-fake-server-private.h"

G_BEGIN_DECLS

#define PNG_MAGIC  "\x89PNG\r\n\x1a\n"
#define JPEG_MAGIC "\xff\xd8\xff"

/* One create body being checked. */
typedef struct {
  KlingFakeServer *self;
  JsonObject      *body;
  KlingFakeCreate *create;
  char            *message;
  int              image_width;     /* 0 while unknown (an image URL) */
  int              image_height;
  GdkPixbuf       *static_mask;     /* NULL: absent or a URL */
  GPtrArray       *dynamic_masks;   /* GdkPixbuf, or NULL for a URL */
} Validation;

/* kling-fake-server-validate.c */
gboolean   kling_fake_fail                (Validation  *v,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (2, 3);
JsonNode  *kling_fake_get_member          (JsonObject  *object,
                                           const char  *name);
gboolean   kling_fake_node_is_type        (JsonNode    *node,
                                           GType        type);
gboolean   kling_fake_get_string          (Validation  *v,
                                           const char  *name,
                                           const char **value);

/* kling-fake-server-validate-image.c */
gboolean   kling_fake_decode_file         (Validation  *v,
                                           const char  *field,
                                           const char  *text,
                                           GBytes     **bytes);
gboolean   kling_fake_has_magic           (GBytes      *bytes,
                                           const char  *magic,
                                           gsize        magic_len);
GdkPixbuf *kling_fake_load_pixbuf         (GBytes      *bytes);
gboolean   kling_fake_check_picture       (Validation  *v,
                                           const char  *field,
                                           gboolean     required);

/* kling-fake-server-validate-model.c */
gboolean   kling_fake_check_model         (Validation  *v);
gboolean   kling_fake_check_sound         (Validation  *v);
gboolean   kling_fake_check_control_support (Validation *v,
                                           gboolean     tail,
                                           gboolean     brush,
                                           gboolean     camera);

/* kling-fake-server-validate-masks.c */
gboolean   kling_fake_check_controls      (Validation  *v,
                                           gboolean    *motion_brush);
gboolean   kling_fake_check_masks         (Validation  *v);
gboolean   kling_fake_check_mask_geometry (Validation  *v);

G_END_DECLS
