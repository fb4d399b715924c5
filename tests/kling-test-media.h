/* kling-test-media.h — test pictures, JSON bodies and folders, made at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char   *kling_test_png_base64    (int          width,
                                  int          height,
                                  gboolean     mask,
                                  int          x0,
                                  int          x1);
GBytes *kling_test_generate_json (JsonBuilder *builder);
void    kling_test_remove_tree   (const char  *path);

G_END_DECLS
