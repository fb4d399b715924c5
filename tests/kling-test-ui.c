/* kling-test-ui.c — driving the real widgets with real X input (XTest)
 *
 * GTK 4 has no API to inject input, so the tests move the pointer, click,
 * drag and type with xdotool under the test's private Xvfb: the events travel
 * the same path as a person's. Beside that, what every UI test needs: the
 * registered application, waiting for a window to be shown, finding a
 * widget in a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kling-test-ui.h"
#include "kling-window-private.h"

void
kling_test_ui_init (int    *argc,
                    char ***argv)
{
  const char *language = g_getenv ("KLING_TEST_LANGUAGE");

  /* KLING_TEST_LANGUAGE=zh_CN: the windows in that language, from the
   * catalogue in the build tree, to look at the screenshots (tests that
   * read English then fail: run only the screenshot tests). */
  if (language != NULL)
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_setenv ("LANG", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLING_LOCALE_DIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  /* A short double-click time, so that two clicks a test makes one after
   * the other need only that long between them (GTK's default is 400 ms). */
  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", KLING_TEST_DOUBLE_CLICK_MS, NULL);
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("UI tests need an X11 display (run them through tests/headless-run.sh)");
}

/* The application the windows under test belong to, registered.
 * NON_UNIQUE: a program a test starts must not find this one and hand its
 * work over to it. */
KlingApplication *
kling_test_app_new (void)
{
  g_autoptr(KlingApplication) app = kling_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&app);
}

/* For kling_test_wait_for (): on screen, and given its size. */
gboolean
kling_test_widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget)) && gtk_widget_get_width (GTK_WIDGET (widget)) > 0;
}

/* The first widget under @root (itself included), depth first, that @match
 * accepts; NULL if none does. */
GtkWidget *
kling_test_find_widget (GtkWidget            *root,
                        KlingTestWidgetMatch  match,
                        gconstpointer         data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kling_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A match for kling_test_find_widget (): @type is a GType, through GSIZE_TO_POINTER (). */
gboolean
kling_test_match_type (GtkWidget     *widget,
                       gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

char *
kling_test_window_id (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

static void
xdotool_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Button and key releases GDK has handed to a surface (any window or
 * popover of this process): a click or a key typed by xdotool is handled
 * once its release is here. */
static guint releases_seen;

static gboolean
count_release (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  GdkEvent *event = g_value_get_pointer (&values[1]);
  GdkEventType type = event != NULL ? gdk_event_get_event_type (event) : GDK_EVENT_LAST;

  if (type == GDK_BUTTON_RELEASE || type == GDK_KEY_RELEASE)
    releases_seen++;
  return TRUE;
}

static void
watch_releases (void)
{
  static gsize watching;

  if (g_once_init_enter (&watching))
    {
      g_type_ensure (GDK_TYPE_SURFACE);
      g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0, count_release, NULL, NULL);
      g_once_init_leave (&watching, 1);
    }
}

static gboolean
released_since (gpointer data)
{
  return releases_seen != GPOINTER_TO_UINT (data);
}

/* When the last button was let go, to keep the next press out of its
 * double-click time (0: none yet). */
static gint64 last_release_us;

static gboolean
args_have (GPtrArray  *args,
           const char *command)
{
  for (guint i = 0; i < args->len; i++)
    if (g_strcmp0 (g_ptr_array_index (args, i), command) == 0)
      return TRUE;
  return FALSE;
}

/* Two presses in a row must not become a double-click: the time a press
 * waits is the double-click time itself, and only what is left of it since
 * the last release (a test that checks something between two clicks has
 * usually spent it already). */
static void
keep_clicks_apart (void)
{
  gint64 apart_us = (KLING_TEST_DOUBLE_CLICK_MS + 20) * G_GINT64_CONSTANT (1000);
  gint64 waited_us = g_get_monotonic_time () - last_release_us;

  if (last_release_us != 0 && waited_us < apart_us)
    kling_test_wait ((guint) ((apart_us - waited_us) / 1000) + 1);
}

/* xdotool has returned, so the X server has made its events. A round trip
 * on our own connection brings every one of them in; a frame of each shown
 * window then has handled them (GDK holds pointer motion until the frame's
 * flush-events phase), and what they started without a timer is done. */
static void
input_handled (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  gdk_display_sync (gdk_display_get_default ());
  kling_test_settle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (window))
        kling_test_wait_frame (window);
    }
  kling_test_settle ();
}

static void
run_xdotool (GPtrArray *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  gboolean done = FALSE;
  gboolean presses = args_have (args, "click") || args_have (args, "mousedown");
  gboolean releases = args_have (args, "click") || args_have (args, "mouseup");
  gboolean keys = args_have (args, "key");
  guint seen;

  if (presses)
    keep_clicks_apart ();
  watch_releases ();
  seen = releases_seen;
  g_ptr_array_insert (args, 0, (gpointer) "xdotool");
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* The main loop keeps running while xdotool types: GTK must see the events. */
  g_subprocess_wait_check_async (process, NULL, xdotool_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (releases)
    last_release_us = g_get_monotonic_time ();
  /* The release is the last event of a click or a key: once GDK has it
   * (the X server may hand it over after xdotool has gone), the rest is
   * in too. A release over no window of ours never comes: then only the
   * round trip below is waited for. */
  if (releases || keys)
    kling_test_wait_for (released_since, GUINT_TO_POINTER (seen), 2000);
  input_handled ();
}

void
kling_test_xdotool (const char *first_arg,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  run_xdotool (args);
}

/* Widget coordinates to the X window's, through the surface transform
 * (client-side decorations put shadows around the window's content). */
void
kling_test_widget_to_window (GtkWidget *widget,
                             double     x,
                             double     y,
                             int       *window_x,
                             int       *window_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &sx, &sy);
  *window_x = (int) (out.x + sx + 0.5);
  *window_y = (int) (out.y + sy + 0.5);
}

static GPtrArray *
args_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* The X server shows the window: input sent there reaches it (a window GTK
 * has just mapped may not be viewable yet, and a click would go to the
 * root window beneath). */
static gboolean
viewable (gpointer window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  XWindowAttributes attributes;

  return surface != NULL &&
         XGetWindowAttributes (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)),
                               gdk_x11_surface_get_xid (surface), &attributes) &&
         attributes.map_state == IsViewable;
}

static void
add_move (GPtrArray *args,
          GtkWidget *widget,
          double     x,
          double     y)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autofree char *wid = NULL;
  int wx, wy;

  g_assert_true (kling_test_wait_for (viewable, root, KLING_TEST_PATIENCE_MS));
  wid = kling_test_window_id (GTK_WINDOW (root));

  kling_test_widget_to_window (widget, x, y, &wx, &wy);
  g_ptr_array_add (args, g_strdup ("mousemove"));
  g_ptr_array_add (args, g_strdup ("--window"));
  g_ptr_array_add (args, g_strdup (wid));
  g_ptr_array_add (args, g_strdup_printf ("%d", wx));
  g_ptr_array_add (args, g_strdup_printf ("%d", wy));
}

static void
run_args (GPtrArray *owned)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (guint i = 0; i < owned->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (owned, i));
  run_xdotool (args);
}

void
kling_test_pointer_move (GtkWidget *widget,
                         double     x,
                         double     y)
{
  g_autoptr(GPtrArray) args = args_new ();

  add_move (args, widget, x, y);
  run_args (args);
}

void
kling_test_click (GtkWidget *widget,
                  double     x,
                  double     y,
                  int        button)
{
  g_autoptr(GPtrArray) args = args_new ();

  /* where a person would click: not on a widget still being laid out */
  kling_test_wait_in_place (widget);
  add_move (args, widget, x, y);
  g_ptr_array_add (args, g_strdup ("click"));
  g_ptr_array_add (args, g_strdup_printf ("%d", button));
  run_args (args);
}

/* Presses at the first point, moves through every point, releases at the last. */
void
kling_test_drag (GtkWidget    *widget,
                 const double *points,
                 guint         n_points,
                 int           button)
{
  g_autoptr(GPtrArray) args = args_new ();

  add_move (args, widget, points[0], points[1]);
  g_ptr_array_add (args, g_strdup ("mousedown"));
  g_ptr_array_add (args, g_strdup_printf ("%d", button));
  for (guint i = 1; i < n_points; i++)
    {
      g_ptr_array_add (args, g_strdup ("sleep"));
      g_ptr_array_add (args, g_strdup ("0.01"));
      add_move (args, widget, points[2 * i], points[2 * i + 1]);
    }
  g_ptr_array_add (args, g_strdup ("sleep"));
  g_ptr_array_add (args, g_strdup ("0.05"));
  g_ptr_array_add (args, g_strdup ("mouseup"));
  g_ptr_array_add (args, g_strdup_printf ("%d", button));
  run_args (args);
}

/* Keys go to the window under the pointer (no window manager: focus follows it). */
void
kling_test_key (GtkWidget  *widget,
                const char *keys)
{
  g_autoptr(GPtrArray) args = args_new ();
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);

  add_move (args, widget, 2, 2);
  g_ptr_array_add (args, g_strdup ("key"));
  g_ptr_array_add (args, g_strdup ("--delay"));
  g_ptr_array_add (args, g_strdup ("30"));
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (names[i]));
  run_args (args);
}

typedef struct {
  GdkPaintable  *paintable;
  int            scale;
  int            width;
  int            height;
  GskRenderNode *node;
} Snapshot;

/* A widget waiting for its next frame has nothing to show yet. */
static gboolean
snapshot_taken (gpointer data)
{
  Snapshot *shot = data;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  if (shot->scale != 1)
    gtk_snapshot_scale (snapshot, shot->scale, shot->scale);
  gdk_paintable_snapshot (shot->paintable, snapshot, shot->width, shot->height);
  shot->node = gtk_snapshot_free_to_node (snapshot);
  return shot->node != NULL;
}

/* @widget rendered at @scale device pixels per logical pixel: what a
 * screen of that scale factor shows, pixel for pixel. */
GdkTexture *
kling_test_snapshot_scaled (GtkWidget *widget,
                            int        scale)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Snapshot shot = { paintable, scale, gtk_widget_get_width (widget), gtk_widget_get_height (widget), NULL };
  GdkTexture *texture;

  g_assert_true (kling_test_wait_for (snapshot_taken, &shot, 2000));
  texture = gsk_renderer_render_texture (renderer, shot.node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot.width * scale, shot.height * scale));
  gsk_render_node_unref (shot.node);
  return texture;
}

GdkTexture *
kling_test_snapshot (GtkWidget *widget)
{
  return kling_test_snapshot_scaled (widget, 1);
}

char *
kling_test_make_dir (const char *name)
{
  const char *base = g_getenv ("KLING_TEST_WORKDIR");
  char *dir = g_build_filename (base ? base : g_get_tmp_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* The app's settings schema, compiled from the source tree into the test's
 * own folder: what the tests read is the schema as written. Call it before
 * anything reads a schema. */
void
kling_test_compile_schema (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *data = g_build_filename (srcdir != NULL ? srcdir : ".", "..", "data", NULL);
  g_autofree char *target = kling_test_make_dir ("schemas");
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "glib-compile-schemas", "--strict", "--targetdir", target, data, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &stderr_text,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("glib-compile-schemas %s failed: %s", data, stderr_text);
  g_setenv ("GSETTINGS_SCHEMA_DIR", target, TRUE);
}

/* Screenshots are kept in the build tree (tests/screenshots) to be looked at. */
void
kling_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkTexture) texture = kling_test_snapshot (widget);
  const char *dir = g_getenv ("KLING_TEST_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
kling_test_pixel (GdkTexture *texture,
                  int         x,
                  int         y,
                  guint8      rgba[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guint8 *data = g_object_get_data (G_OBJECT (texture), "kling-test-pixels");
  guint8 *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  /* Downloaded once per texture, then kept with it: tests read thousands
   * of pixels of one screenshot. */
  if (data == NULL)
    {
      data = g_malloc ((gsize) width * height * 4);
      /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied on little endian. */
      gdk_texture_download (texture, data, (gsize) width * 4);
      g_object_set_data_full (G_OBJECT (texture), "kling-test-pixels", data, g_free);
    }
  p = data + ((gsize) y * width + x) * 4;
  rgba[0] = p[2];
  rgba[1] = p[1];
  rgba[2] = p[0];
  rgba[3] = p[3];
}

/* The X window of another process (the real program started by a test). */
char *
kling_test_find_window_of_pid (const char *pid)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      const char *argv[] = { "xdotool", "search", "--onlyvisible", "--pid", pid, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL) && out != NULL && *out != '\0')
        {
          g_auto(GStrv) ids = g_strsplit (g_strstrip (out), "\n", -1);

          /* The last one listed is the newest: the main window. */
          kling_test_wait (500);
          return g_strdup (ids[g_strv_length (ids) - 1]);
        }
      kling_test_wait (100);
    }
  g_assert_not_reached ();
}

/* The whole screen, as a person would see it. */
GdkPixbuf *
kling_test_grab_screen (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kling-test-screen.png", NULL);
  GdkPixbuf *pixbuf;

  kling_test_xdotool ("sleep", "0", NULL);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };
    int status = 0;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  pixbuf = gdk_pixbuf_new_from_file (path, NULL);
  g_assert_nonnull (pixbuf);
  return pixbuf;
}

/* The first shown toplevel window of @type (a dialog, the shortcuts
 * window), or NULL. */
GtkWidget *
kling_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

gpointer
kling_test_window_new (KlingApplication *app,
                       int               width,
                       int               height)
{
  KlingWindow *window = kling_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, window, KLING_TEST_PATIENCE_MS));
  return window;
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  const KlingTestLabelWait *wait = data;
  const char *text;

  if (!GTK_IS_LABEL (widget) || !kling_test_widget_mapped (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return wait->whole ? g_strcmp0 (text, wait->text) == 0 : strstr (text, wait->text) != NULL;
}

/* For kling_test_wait_for (): @wait is a KlingTestLabelWait. */
gboolean
kling_test_label_shown (gpointer wait)
{
  return kling_test_find_widget (((KlingTestLabelWait *) wait)->root, is_label_saying, wait) != NULL;
}

/* For kling_test_wait_for (): the KlingWindow shows a picture. */
gboolean
kling_test_window_has_picture (gpointer window)
{
  KlingDocument *document = kling_window_peek_document (KLING_WINDOW (window));

  return document != NULL && kling_document_get_texture (document) != NULL;
}

static gboolean
canvas_allocated (gpointer canvas)
{
  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 0;
}

/* Opens @path in @window's editor and shows it at 100 %, its top-left
 * corner at (@view_x, @view_y) in the canvas: image pixels are then known
 * canvas points. */
void
kling_test_open_image (gpointer    window,
                       const char *path,
                       double      view_x,
                       double      view_y)
{
  KlingWindow *self = KLING_WINDOW (window);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  kling_window_open_file (self, file);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, self, 5000));
  g_assert_true (kling_test_wait_for (canvas_allocated, kling_test_canvas (self), 5000));
  kling_canvas_set_view (kling_test_canvas (self), 1.0, view_x, view_y);
  kling_test_wait_frames (GTK_WIDGET (self), 1);
}

/* Closes @window and removes the autosave it leaves, so that the next
 * window starts empty. */
void
kling_test_close_window (gpointer window)
{
  g_autofree char *autosave = kling_editor_page_get_autosave_path ();

  gtk_window_destroy (GTK_WINDOW (window));
  kling_test_settle ();
  g_unlink (autosave);
}

/* A plain request for @png: Kling v1, std, 5 s, @prompt, nothing painted. */
KlingRequest *
kling_test_request_new (GBytes     *png,
                        const char *name,
                        const char *prompt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, name, &error);
  KlingRequest *request = kling_request_new ();

  g_assert_no_error (error);
  kling_request_set_image (request, image);
  kling_request_set_prompt (request, prompt);
  kling_request_set_model (request, "kling-v1");
  kling_request_set_mode (request, "std");
  kling_request_set_duration (request, "5");
  return request;
}

/* @request's body, which must be valid. */
GBytes *
kling_test_request_build (KlingRequest *request)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = kling_request_build_body (request, &error);

  g_assert_no_error (error);
  return body;
}

/* The body of the plain request for @png. */
GBytes *
kling_test_request_body (GBytes     *png,
                         const char *name,
                         const char *prompt)
{
  g_autoptr(KlingRequest) request = kling_test_request_new (png, name, prompt);

  return kling_test_request_build (request);
}

KlingEditorPage *
kling_test_editor (gpointer window)
{
  return kling_window_get_editor_page (KLING_WINDOW (window));
}

KlingCanvas *
kling_test_canvas (gpointer window)
{
  return kling_editor_page_get_canvas (kling_test_editor (window));
}

KlingDocument *
kling_test_document (gpointer window)
{
  return kling_editor_page_get_document (kling_test_editor (window));
}

KlingRegionList *
kling_test_region_list (gpointer window)
{
  return kling_editor_page_get_region_list (kling_test_editor (window));
}

KlingParamsPanel *
kling_test_params_panel (gpointer window)
{
  return kling_editor_page_get_params_panel (kling_test_editor (window));
}

AdwFlap *
kling_test_flap (gpointer window)
{
  return kling_editor_page_get_flap (kling_test_editor (window));
}

/* @n more frames, or, for a widget not on screen (which draws none), what
 * was pending. */
void
kling_test_wait_frames (GtkWidget *widget,
                        guint      n)
{
  if (gtk_widget_get_frame_clock (widget) != NULL && gtk_widget_get_mapped (widget))
    for (guint i = 0; i < n; i++)
      kling_test_wait_frame (widget);
  kling_test_settle ();
}

void
kling_test_settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  guint         *painted)
{
  (*painted)++;
}

static gboolean
frame_painted (gpointer data)
{
  return *(guint *) data > 0;
}

/* Runs until @widget's window has painted one more frame: what was
 * changed before has then been measured, placed and drawn. */
void
kling_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (kling_test_wait_for (frame_painted, &painted, KLING_TEST_PATIENCE_MS));
  g_signal_handler_disconnect (clock, id);
}

static GBytes *
texture_pixels (GdkTexture *texture)
{
  gsize stride = (gsize) gdk_texture_get_width (texture) * 4;
  gsize size = stride * (gsize) gdk_texture_get_height (texture);
  guchar *pixels = g_malloc (size);

  gdk_texture_download (texture, pixels, stride);
  return g_bytes_new_take (pixels, size);
}

/* Runs until @widget is in the same place in its window in two frames in
 * a row. */
void
kling_test_wait_in_place (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t last = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  for (int frame = 0; frame < 300; frame++)
    {
      graphene_rect_t now;

      kling_test_wait_frame (widget);
      g_assert_true (gtk_widget_compute_bounds (widget, root, &now));
      if (frame > 0 && graphene_rect_equal (&now, &last))
        return;
      last = now;
    }
  g_error ("%s never stood still in its window", G_OBJECT_TYPE_NAME (widget));
}

/* Runs until @widget looks the same in two frames in a row: its
 * transitions (a header squeezing its switcher, a toast sliding in) are
 * over, and a screenshot shows what a person sees. */
void
kling_test_wait_still (GtkWidget *widget)
{
  g_autoptr(GBytes) last = NULL;

  for (int frame = 0; frame < 300; frame++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GBytes) now = NULL;

      kling_test_wait_frame (widget);
      texture = kling_test_snapshot (widget);
      now = texture_pixels (texture);
      if (last != NULL && g_bytes_equal (last, now))
        return;
      g_clear_pointer (&last, g_bytes_unref);
      last = g_steal_pointer (&now);
    }
  g_error ("%s never stood still", G_OBJECT_TYPE_NAME (widget));
}
