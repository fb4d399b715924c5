/* kling-scroll.h — a widget brought into view in the scrolled window it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kling_scroll_into_view (GtkScrolledWindow *scroller,
                             GtkWidget         *widget,
                             int                margin);

G_END_DECLS
