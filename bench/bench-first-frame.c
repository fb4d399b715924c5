/* bench-first-frame.c — the window's first frame, against a bare window
 *
 * Run with no argument, it starts itself again and again as a child, in two
 * modes, alternating: "bare" shows an empty AdwApplicationWindow, "app"
 * starts Kling Studio's own application and window. Each child prints the
 * time from its start to its first painted frame; the parent reports the
 * medians and their ratio (target: at most 1.3, design.md §6). The three
 * kinds of window start one after the other in each round, so the ratio is
 * also taken within each round: its median is the figure least moved by a
 * machine whose speed drifts while the benchmark runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench-util.h"
#include "kling-application.h"

#define RUNS 51

static gint64 start_time;

static void
after_paint (GdkFrameClock *clock,
             gpointer       user_data)
{
  g_print ("%.3f\n", (g_get_monotonic_time () - start_time) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, after_paint, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
watch_first_frame (GtkWindow      *window,
                   GtkApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), app);
}

static void
window_added (GtkApplication *app,
              GtkWindow      *window)
{
  g_signal_connect_after (window, "map", G_CALLBACK (watch_first_frame), app);
}

static void
bare_activate (GtkApplication *app,
               gpointer        with_header)
{
  GtkWidget *window = adw_application_window_new (app);

  /* For reference only: the same bare window with a header bar, since any
   * real window pays for its icons and text. */
  if (with_header != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *mode,
           int         argc,
           char      **argv)
{
  g_autoptr(GtkApplication) app = NULL;

  if (g_str_has_prefix (mode, "bare"))
    {
      app = GTK_APPLICATION (adw_application_new ("io.github.klingstudio.BenchBare", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate),
                        g_str_equal (mode, "bare-header") ? GINT_TO_POINTER (1) : NULL);
    }
  else
    {
      app = GTK_APPLICATION (kling_application_new ());
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
    }
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

static double
spawn_once (const char *self,
            const char *mode)
{
  const char *argv[] = { self, mode, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("%s", error->message);
  return g_ascii_strtod (out ? out : "-1", NULL);
}

/* The median, over the rounds, of @app[i] / @base[i]. */
static double
paired_ratio (const double *app,
              const double *base)
{
  double ratios[RUNS];

  for (guint i = 0; i < RUNS; i++)
    ratios[i] = app[i] / base[i];
  return bench_quantile (ratios, RUNS, 0.5);
}

int
main (int    argc,
      char **argv)
{
  double bare[RUNS], header[RUNS], app[RUNS], sorted[RUNS];
  double bare_median, header_median, app_median, app_paired, header_paired;
  g_autofree char *self = NULL;

  start_time = g_get_monotonic_time ();
  if (argc > 1)
    return run_child (argv[1], argc, argv);

  self = g_file_read_link ("/proc/self/exe", NULL);
  g_setenv ("KLING_STUDIO_DATA_DIR", g_get_tmp_dir (), FALSE);
  for (guint i = 0; i < RUNS; i++)
    {
      bare[i] = spawn_once (self, "bare");
      header[i] = spawn_once (self, "bare-header");
      app[i] = spawn_once (self, "app");
    }
  app_paired = paired_ratio (app, bare);
  header_paired = paired_ratio (header, bare);
  /* bench_quantile sorts: the medians are taken from copies. */
  memcpy (sorted, bare, sizeof sorted);
  bare_median = bench_quantile (sorted, RUNS, 0.5);
  memcpy (sorted, header, sizeof sorted);
  header_median = bench_quantile (sorted, RUNS, 0.5);
  memcpy (sorted, app, sizeof sorted);
  app_median = bench_quantile (sorted, RUNS, 0.5);

  g_print ("first frame after start (from main() to the first painted frame), %d rounds, alternating:\n", RUNS);
  g_print ("  bare AdwApplicationWindow: median %.1f ms\n", bare_median);
  g_print ("  Kling Studio window:       median %.1f ms\n", app_median);
  g_print ("  ratio %.2f: median of the ratios within each round (target: at most 1.3)\n", app_paired);
  g_print ("  ratio of the medians %.2f\n", app_median / bare_median);
  g_print ("  for reference, a bare window with a header bar: median %.1f ms (ratio %.2f, of the medians %.2f)\n",
           header_median, header_paired, header_median / bare_median);
  return 0;
}
