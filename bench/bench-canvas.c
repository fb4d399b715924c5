/* bench-canvas.c — the canvas on a 24-megapixel photo, frame by frame
 *
 * Run with no argument (inside Xvfb, as `meson test --benchmark` does), it
 * writes a generated 6000×4000 photo-like JPEG and, for each renderer (cairo,
 * and GL with software rendering), starts itself as a child in two modes,
 * alternating round by round:
 *  - "app": Kling Studio's own application opening the photo;
 *  - "plain": a plain GTK 4 canvas that draws a copy of the photo pre-scaled
 *    to the view, with the same zoom, pan, paint and hover input.
 * The parent replays real X input with xdotool (zoom with Ctrl+scroll, pan
 * with a middle drag and with the wheel, a 200-event paint stroke, hover) and
 * counts frames from the X server's DAMAGE events on the child's window: a
 * frame is a damage report (reports closer than FRAME_MERGE_US are one frame).
 * For each interaction it prints the median and 95th percentile interval
 * between frames, the share of intervals over 33 ms, and the catch-up: how
 * long frames kept coming after xdotool sent its last event.
 *
 * BENCH_ROUNDS (default 3) sets the rounds; BENCH_RENDERERS ("cairo,gl")
 * which renderers run; BENCH_SETTLE_MS how long the child is left alone
 * between showing the photo and the first input (default 1500);
 * BENCH_PHASES (say "0,2") which interactions are replayed, by their number
 * in phase_names; BENCH_MODES ("plain,app") which children run, so that a
 * profiler can be pointed at one of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#include "bench-photo.h"
#include "bench-plain-canvas.h"
#include "bench-util.h"
#include "kling-application.h"
#include "kling-canvas.h"

#define PHOTO_W 6000
#define PHOTO_H 4000
#define EVENT_GAP "0.008"          /* seconds between input events: a 125 Hz mouse */
#define FRAME_MERGE_US 3000
#define QUIET_US 1500000           /* no frame for this long after the input: done */
#define MAX_TAIL_US 8000000

/* — the plain canvas — */

/* — the children — */

static void
print_ready (GtkWidget *window,
             GtkWidget *canvas)
{
  GtkNative *native = gtk_widget_get_native (canvas);
  graphene_rect_t bounds;
  double sx, sy;

  if (!gtk_widget_compute_bounds (canvas, GTK_WIDGET (native), &bounds))
    g_error ("the canvas has no bounds");
  gtk_native_get_surface_transform (native, &sx, &sy);
  g_print ("READY %lu %d %d %d %d\n",
           (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
           (int) (bounds.origin.x + sx), (int) (bounds.origin.y + sy),
           (int) bounds.size.width, (int) bounds.size.height);
  fflush (stdout);
}

static GtkWidget *
find_canvas (GtkWidget *widget)
{
  if (KLING_IS_CANVAS (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_canvas (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ready once the canvas shows the photo and two more frames were drawn. */
static gboolean
wait_for_photo (GtkWidget     *window,
                GdkFrameClock *clock,
                gpointer       data)
{
  int *frames_since = data;
  GtkWidget *canvas = find_canvas (window);
  KlingDocument *document = canvas ? kling_canvas_get_document (KLING_CANVAS (canvas)) : NULL;

  if (document == NULL || kling_document_get_texture (document) == NULL ||
      !gtk_widget_get_mapped (canvas))
    return G_SOURCE_CONTINUE;
  gtk_widget_queue_draw (canvas);
  if (++*frames_since < 3)
    return G_SOURCE_CONTINUE;
  print_ready (window, canvas);
  return G_SOURCE_REMOVE;
}

static void
app_window_added (GtkApplication *app,
                  GtkWindow      *window)
{
  static int frames_since;

  gtk_widget_add_tick_callback (GTK_WIDGET (window), wait_for_photo, &frames_since, NULL);
}

static gboolean
plain_ready (GtkWidget     *plain,
             GdkFrameClock *clock,
             gpointer       data)
{
  static int frames_since;

  if (gtk_widget_get_width (plain) == 0 || ++frames_since < 3)
    {
      gtk_widget_queue_draw (plain);
      return G_SOURCE_CONTINUE;
    }
  print_ready (gtk_widget_get_ancestor (plain, GTK_TYPE_WINDOW), plain);
  return G_SOURCE_REMOVE;
}

static void
plain_activate (GtkApplication *app,
                const char     *path)
{
  GtkWidget *window = gtk_application_window_new (app);
  g_autoptr(GdkPixbuf) full = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *plain;

  full = gdk_pixbuf_new_from_file (path, &error);
  if (full == NULL)
    g_error ("%s", error->message);
  plain = bench_plain_new (full);
  gtk_window_set_child (GTK_WINDOW (window), plain);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_add_tick_callback (plain, plain_ready, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *mode,
           const char *path,
           const char *argv0)
{
  g_autoptr(GtkApplication) app = NULL;
  char *app_argv[] = { (char *) argv0, (char *) path, NULL };

  if (g_str_equal (mode, "plain"))
    {
      app = GTK_APPLICATION (adw_application_new ("io.github.klingstudio.BenchPlain", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (plain_activate), (gpointer) path);
      return g_application_run (G_APPLICATION (app), 1, app_argv);
    }
  app = GTK_APPLICATION (kling_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (app_window_added), NULL);
  return g_application_run (G_APPLICATION (app), 2, app_argv);
}

/* — the parent: input and frames — */

typedef struct {
  int x, y, width, height;   /* the canvas, in root coordinates */
} Area;

typedef struct {
  GArray *intervals;         /* double, ms, all rounds */
  GArray *catch_up;          /* double, ms, one per round */
} PhaseStats;

static const char *phase_names[] = { "paint stroke", "hover", "zoom (Ctrl+scroll)", "pan (middle drag)", "pan (scroll)" };
#define N_PHASES G_N_ELEMENTS (phase_names)

static void
add_move (GPtrArray *args,
          double     x,
          double     y)
{
  g_ptr_array_add (args, g_strdup ("mousemove"));
  g_ptr_array_add (args, g_strdup_printf ("%d", (int) x));
  g_ptr_array_add (args, g_strdup_printf ("%d", (int) y));
  g_ptr_array_add (args, g_strdup ("sleep"));
  g_ptr_array_add (args, g_strdup (EVENT_GAP));
}

static void
add_words (GPtrArray  *args,
           const char *words)
{
  g_auto(GStrv) split = g_strsplit (words, " ", -1);

  for (guint i = 0; split[i]; i++)
    g_ptr_array_add (args, g_strdup (split[i]));
}

/* The xdotool command line of one interaction, on the canvas @a. */
static GPtrArray *
phase_input (guint       phase,
             const Area *a)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  double cx = a->x + a->width / 2.0, cy = a->y + a->height / 2.0;

  g_ptr_array_add (args, g_strdup ("xdotool"));
  switch (phase)
    {
    case 0: /* a 200-event stroke, a wave across the middle */
      add_move (args, cx - a->width * 0.3, cy);
      add_words (args, "mousedown 1 sleep " EVENT_GAP);
      for (int i = 0; i < 200; i++)
        add_move (args, cx - a->width * 0.3 + i * a->width * 0.003, cy + a->height * 0.15 * sin (i / 20.0));
      add_words (args, "mouseup 1");
      break;
    case 1: /* hover: a circle around the middle */
      for (int i = 0; i < 150; i++)
        add_move (args, cx + 120 * cos (i / 15.0), cy + 120 * sin (i / 15.0));
      break;
    case 2: /* zoom in past 100 %, then halfway out */
      add_move (args, cx + 40, cy - 30);
      add_words (args, "keydown ctrl sleep 0.05");
      for (int i = 0; i < 21; i++)
        add_words (args, i < 14 ? "click 4 sleep " EVENT_GAP : "click 5 sleep " EVENT_GAP);
      add_words (args, "keyup ctrl");
      break;
    case 3: /* a middle drag there and back */
      add_move (args, cx, cy);
      add_words (args, "mousedown 2 sleep " EVENT_GAP);
      for (int i = 0; i < 150; i++)
        add_move (args, cx + 300 * sin (i / 150.0 * G_PI), cy + 150 * sin (i / 75.0 * G_PI));
      add_words (args, "mouseup 2");
      break;
    default: /* the wheel: down, then up */
      add_move (args, cx, cy);
      for (int i = 0; i < 60; i++)
        add_words (args, i < 30 ? "click 5 sleep " EVENT_GAP : "click 4 sleep " EVENT_GAP);
      break;
    }
  g_ptr_array_add (args, NULL);
  return args;
}

static void
drain_damage (Display *display,
              int      damage_event,
              Damage   damage,
              GArray  *frames)
{
  while (XPending (display))
    {
      XEvent event;

      XNextEvent (display, &event);
      if (event.type == damage_event + XDamageNotify)
        {
          double now = g_get_monotonic_time ();

          XDamageSubtract (display, damage, None, None);
          if (frames != NULL &&
              (frames->len == 0 || now - g_array_index (frames, double, frames->len - 1) > FRAME_MERGE_US))
            g_array_append_val (frames, now);
        }
    }
}

/* Replays one interaction and records its frames (µs, monotonic). */
static void
run_phase (Display    *display,
           int         damage_event,
           Damage      damage,
           guint       phase,
           const Area *area,
           PhaseStats *stats)
{
  g_autoptr(GPtrArray) args = phase_input (phase, area);
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  double input_end = 0, last;
  GPid pid;
  struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

  drain_damage (display, damage_event, damage, NULL);
  if (!g_spawn_async (NULL, (char **) args->pdata, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    g_error ("xdotool: %s", error->message);
  for (;;)
    {
      double now;

      poll (&fd, 1, 1);
      drain_damage (display, damage_event, damage, frames);
      now = g_get_monotonic_time ();
      if (input_end == 0 && waitpid (pid, NULL, WNOHANG) == pid)
        input_end = now;
      last = frames->len ? g_array_index (frames, double, frames->len - 1) : input_end;
      if (input_end > 0 && (now - MAX (last, input_end) > QUIET_US || now - input_end > MAX_TAIL_US))
        break;
    }
  for (guint i = 1; i < frames->len; i++)
    {
      double ms = (g_array_index (frames, double, i) - g_array_index (frames, double, i - 1)) / 1000.0;
      g_array_append_val (stats->intervals, ms);
    }
  last = frames->len ? MAX (0, (g_array_index (frames, double, frames->len - 1) - input_end) / 1000.0) : 0;
  g_array_append_val (stats->catch_up, last);
}

static GPid
spawn_child (const char  *self,
             const char  *mode,
             const char  *photo,
             const char  *renderer,
             Area        *area,
             Window      *window,
             char       **data_dir_out)
{
  const char *argv[] = { self, mode, photo, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  char line[256] = "";
  gulong xid;
  FILE *out;
  GPid pid;
  int fd;

  /* A data folder of its own: no autosave of an earlier session comes back. */
  data_dir = g_dir_make_tmp ("bench-canvas-data-XXXXXX", &error);
  g_assert_no_error (error);
  envp = g_environ_setenv (envp, "KLING_STUDIO_DATA_DIR", data_dir, TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", renderer, TRUE);
  if (g_str_equal (renderer, "gl"))
    {
      envp = g_environ_unsetenv (envp, "GDK_DEBUG");
      envp = g_environ_setenv (envp, "LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
    }
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &fd, NULL, &error))
    g_error ("%s", error->message);
  out = fdopen (fd, "r");
  while (fgets (line, sizeof line, out) != NULL && !g_str_has_prefix (line, "READY"))
    ;
  fclose (out);
  if (sscanf (line, "READY %lu %d %d %d %d", &xid, &area->x, &area->y, &area->width, &area->height) != 5)
    g_error ("the %s child did not start", mode);
  *window = xid;
  *data_dir_out = g_steal_pointer (&data_dir);
  return pid;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* Whether @name is in the comma-separated list of environment variable
 * @variable, or the variable is not set. */
static gboolean
listed (const char *variable,
        const char *name)
{
  g_auto(GStrv) names = NULL;

  if (g_getenv (variable) == NULL)
    return TRUE;
  names = g_strsplit (g_getenv (variable), ",", -1);
  return g_strv_contains ((const char * const *) names, name);
}

static const char *
phase_id (guint phase)
{
  static const char *ids[] = { "0", "1", "2", "3", "4" };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == N_PHASES);
  return ids[phase];
}

static void
run_session (const char *self,
             const char *mode,
             const char *photo,
             const char *renderer,
             Display    *display,
             int         damage_event,
             PhaseStats *stats)
{
  Area area;
  Window window, child;
  Damage damage;
  g_autofree char *data_dir = NULL;
  GPid pid = spawn_child (self, mode, photo, renderer, &area, &window, &data_dir);

  XTranslateCoordinates (display, window, DefaultRootWindow (display), area.x, area.y,
                         &area.x, &area.y, &child);
  if (g_getenv ("BENCH_VERBOSE"))
    g_printerr ("%s: canvas %d,%d %dx%d in window 0x%lx\n", mode, area.x, area.y, area.width, area.height, window);
  damage = XDamageCreate (display, window, XDamageReportNonEmpty);
  XSync (display, False);
  /* Let the start-up settle: decoding behind, fonts, the first frames
   * (BENCH_SETTLE_MS, 1500 by default: a loaded machine needs longer). */
  g_usleep (1000 * (g_getenv ("BENCH_SETTLE_MS") ? atoi (g_getenv ("BENCH_SETTLE_MS")) : 1500));
  for (guint phase = 0; phase < N_PHASES; phase++)
    {
      if (!listed ("BENCH_PHASES", phase_id (phase)))
        continue;
      run_phase (display, damage_event, damage, phase, &area, &stats[phase]);
      if (g_getenv ("BENCH_SHOTS"))
        {
          g_autofree char *command = g_strdup_printf ("import -window root %s/%s-%u.png", g_getenv ("BENCH_SHOTS"), mode, phase);
          g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
        }
    }
  XDamageDestroy (display, damage);
  XSync (display, False);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  remove_tree (data_dir);
}

static void
print_stats (const char *name,
             PhaseStats *stats,
             double      plain_median)
{
  guint n = stats->intervals->len, over = 0;
  double *values = (double *) stats->intervals->data;
  double median, p95, catch_up;

  if (n == 0)
    {
      g_print ("    %-6s no frames\n", name);
      return;
    }
  for (guint i = 0; i < n; i++)
    over += values[i] > 33.0;
  median = bench_quantile (values, n, 0.5);
  p95 = bench_quantile (values, n, 0.95);
  catch_up = bench_quantile ((double *) stats->catch_up->data, stats->catch_up->len, 0.5);
  g_print ("    %-6s median %6.1f ms  p95 %6.1f ms  over 33 ms %3u of %3u (%4.1f %%)  catch-up %6.1f ms",
           name, median, p95, over, n, 100.0 * over / n, catch_up);
  if (plain_median > 0)
    g_print ("  median ratio %.2f", median / plain_median);
  g_print ("\n");
}

static void
run_renderer (const char *self,
              const char *photo,
              const char *renderer,
              guint       rounds,
              Display    *display,
              int         damage_event)
{
  PhaseStats stats[2][N_PHASES];
  const char *modes[] = { "plain", "app" };

  for (guint m = 0; m < 2; m++)
    for (guint p = 0; p < N_PHASES; p++)
      {
        stats[m][p].intervals = g_array_new (FALSE, FALSE, sizeof (double));
        stats[m][p].catch_up = g_array_new (FALSE, FALSE, sizeof (double));
      }
  for (guint round = 0; round < rounds; round++)
    for (guint m = 0; m < 2; m++)
      if (listed ("BENCH_MODES", modes[(m + round) % 2]))
        run_session (self, modes[(m + round) % 2], photo, renderer, display, damage_event,
                   stats[(m + round) % 2]);

  g_print ("renderer %s, %u rounds (frame intervals from DAMAGE events, input every %s s):\n",
           renderer, rounds, EVENT_GAP);
  for (guint p = 0; p < N_PHASES; p++)
    {
      double plain_median;

      g_print ("  %s\n", phase_names[p]);
      print_stats ("plain", &stats[0][p], 0);
      plain_median = stats[0][p].intervals->len
        ? bench_quantile ((double *) stats[0][p].intervals->data, stats[0][p].intervals->len, 0.5) : 0;
      print_stats ("app", &stats[1][p], plain_median);
    }
  for (guint m = 0; m < 2; m++)
    for (guint p = 0; p < N_PHASES; p++)
      {
        g_array_unref (stats[m][p].intervals);
        g_array_unref (stats[m][p].catch_up);
      }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *self = NULL, *dir = NULL, *photo = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) renderers = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  const char *rounds_env = g_getenv ("BENCH_ROUNDS");
  Display *display;
  int damage_event, damage_error;

  if (argc > 2)
    return run_child (argv[1], argv[2], argv[0]);

  self = g_file_read_link ("/proc/self/exe", NULL);
  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      g_printerr ("bench-canvas needs an X display with the DAMAGE extension\n");
      return 77;
    }
  if (xdotool == NULL)
    {
      g_printerr ("bench-canvas needs xdotool\n");
      return 77;
    }
  dir = g_dir_make_tmp ("bench-canvas-XXXXXX", &error);
  g_assert_no_error (error);
  photo = g_build_filename (dir, "photo.jpg", NULL);
  pixbuf = bench_photo_new (PHOTO_W, PHOTO_H);
  if (!gdk_pixbuf_save (pixbuf, photo, "jpeg", &error, "quality", "90", NULL))
    g_error ("%s", error->message);
  g_clear_object (&pixbuf);

  renderers = g_strsplit (g_getenv ("BENCH_RENDERERS") ? g_getenv ("BENCH_RENDERERS") : "cairo,gl", ",", -1);
  for (guint i = 0; renderers[i]; i++)
    run_renderer (self, photo, renderers[i], rounds_env ? atoi (rounds_env) : 3, display, damage_event);

  remove_tree (dir);
  XCloseDisplay (display);
  return 0;
}
