/* bench-plain-canvas.h — the reference canvas of bench-canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BENCH_TYPE_PLAIN (bench_plain_get_type ())
G_DECLARE_FINAL_TYPE (BenchPlain, bench_plain, BENCH, PLAIN, GtkWidget)

GtkWidget *bench_plain_new (GdkPixbuf *photo);

G_END_DECLS
