/* kling-history-lost.h — what a generation whose answer was lost offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-poller.h"

G_BEGIN_DECLS

char *kling_history_lost_site_url        (KlingTask   *task);
void  kling_history_lost_open_site       (GtkWidget   *parent,
                                          KlingTask   *task);
void  kling_history_lost_ask_send_again  (GtkWidget   *parent,
                                          KlingPoller *poller,
                                          KlingTask   *task);

G_END_DECLS
