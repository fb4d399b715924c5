/* kling-scroll.c — a widget brought into view in the scrolled window it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-scroll.h"

/**
 * kling_scroll_into_view:
 * @margin: how much of what is around @widget is shown with it
 *
 * Scrolls @scroller as little as it takes for @widget to be seen whole.
 */
void
kling_scroll_into_view (GtkScrolledWindow *scroller,
                        GtkWidget         *widget,
                        int                margin)
{
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  graphene_rect_t bounds;

  /* in the coordinates of what scrolls: the viewport's child */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return;
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (scroller), bounds.origin.y - margin,
                             bounds.origin.y + bounds.size.height + margin);
}
