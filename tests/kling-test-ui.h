/* kling-test-ui.h — driving the real widgets with real X input (XTest)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-application.h"
#include "kling-editor-page.h"
#include "kling-test-wait.h"

/* The double-click time the UI tests set in GTK (its default is 400 ms). */
#define KLING_TEST_DOUBLE_CLICK_MS 200

G_BEGIN_DECLS

/* Whether @widget is the one looked for; @data is the finder's. */
typedef gboolean (*KlingTestWidgetMatch) (GtkWidget     *widget,
                                          gconstpointer  data);

void        kling_test_ui_init          (int         *argc,
                                         char      ***argv);
char       *kling_test_window_id        (GtkWindow   *window);
void        kling_test_xdotool          (const char  *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;
void        kling_test_widget_to_window (GtkWidget   *widget,
                                         double       x,
                                         double       y,
                                         int         *window_x,
                                         int         *window_y);
void        kling_test_pointer_move     (GtkWidget   *widget,
                                         double       x,
                                         double       y);
void        kling_test_click            (GtkWidget   *widget,
                                         double       x,
                                         double       y,
                                         int          button);
void        kling_test_drag             (GtkWidget   *widget,
                                         const double *points,
                                         guint        n_points,
                                         int          button);
void        kling_test_key              (GtkWidget   *widget,
                                         const char  *keys);
GdkTexture *kling_test_snapshot         (GtkWidget   *widget);
GdkTexture *kling_test_snapshot_scaled  (GtkWidget   *widget,
                                         int          scale);
void        kling_test_save_screenshot  (GtkWidget   *widget,
                                         const char  *name);
void        kling_test_pixel            (GdkTexture  *texture,
                                         int          x,
                                         int          y,
                                         guint8       rgba[4]);
char       *kling_test_find_window_of_pid (const char *pid);
GdkPixbuf  *kling_test_grab_screen      (void);
char       *kling_test_make_dir         (const char  *name);
void        kling_test_compile_schema   (void);

KlingApplication *kling_test_app_new   (void);
gboolean    kling_test_widget_mapped    (gpointer     widget);
GtkWidget  *kling_test_find_widget      (GtkWidget   *root,
                                         KlingTestWidgetMatch match,
                                         gconstpointer data);
gboolean    kling_test_match_type       (GtkWidget   *widget,
                                         gconstpointer type);
GtkWidget  *kling_test_find_toplevel    (GType        type);
KlingRequest *kling_test_request_new    (GBytes      *png,
                                         const char  *name,
                                         const char  *prompt);
GBytes     *kling_test_request_build    (KlingRequest *request);
GBytes     *kling_test_request_body     (GBytes      *png,
                                         const char  *name,
                                         const char  *prompt);
gboolean    kling_test_window_has_picture (gpointer   window);
void        kling_test_open_image       (gpointer     window,
                                         const char  *path,
                                         double       view_x,
                                         double       view_y);
void        kling_test_close_window     (gpointer     window);
void        kling_test_wait_frame       (GtkWidget   *widget);
void        kling_test_wait_still       (GtkWidget   *widget);
/* Runs until @widget is in the same place in its window in two frames in
 * a row (a row pushed down by a new one, a toast sliding in). */
void        kling_test_wait_in_place    (GtkWidget   *widget);

/* A new KlingWindow of @app at @width×@height, presented and on screen. */
gpointer    kling_test_window_new       (KlingApplication *app,
                                         int          width,
                                         int          height);

/* What kling_test_label_shown () looks for: a label on screen under @root
 * whose text contains @text (is @text, with @whole). */
typedef struct {
  GtkWidget  *root;
  const char *text;
  gboolean    whole;
} KlingTestLabelWait;

gboolean    kling_test_label_shown      (gpointer     wait);

/* The editor of a KlingWindow, built if it was not yet, and its parts. */
KlingEditorPage  *kling_test_editor       (gpointer   window);
KlingCanvas      *kling_test_canvas       (gpointer   window);
KlingDocument    *kling_test_document     (gpointer   window);
KlingRegionList  *kling_test_region_list  (gpointer   window);
KlingParamsPanel *kling_test_params_panel (gpointer   window);
AdwFlap          *kling_test_flap         (gpointer   window);

/* Waits until @widget's window has drawn @n more frames. */
void        kling_test_wait_frames      (GtkWidget   *widget,
                                         guint        n);
/* Runs the main loop until nothing is left to do now. */
void        kling_test_settle           (void);

G_END_DECLS
