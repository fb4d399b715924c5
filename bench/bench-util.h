/* bench-util.h — small helpers shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>
#include <stdlib.h>

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts @values in place and returns the @p quantile (0–1). */
static inline double
bench_quantile (double *values,
                guint   n,
                double  p)
{
  guint index;

  qsort (values, n, sizeof (double), bench_compare_doubles);
  index = (guint) (p * (n - 1) + 0.5);
  return values[MIN (index, n - 1)];
}

/* Resident memory of this process, in MB. */
static inline double
bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static inline gboolean
bench_quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run (frames drawn, events handled) for @ms. */
static inline void
bench_run_frames (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, bench_quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
