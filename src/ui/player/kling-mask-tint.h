/* kling-mask-tint.h — a region's mask drawn in its colour, with an outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

cairo_surface_t *kling_mask_tint (GdkPixbuf     *mask,
                                  const GdkRGBA *color);

G_END_DECLS
