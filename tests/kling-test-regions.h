/* kling-test-regions.h — the fixture and helpers of test-regions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-application.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

G_BEGIN_DECLS

#define IMAGE_W 640
#define IMAGE_H 480
/* One image pixel per logical pixel, 20 px margin. */
#define VIEW_X 20.0
#define VIEW_Y 20.0

typedef struct {
  KlingWindow *window;
  char        *dir;
} Fixture;

/* A region and what to expect of it, for the waits below. */
typedef struct {
  Fixture    *f;
  int         region;
  const char *text;
} Expected;

/* A window with the test picture open; the fixture's data is the application. */
void        fixture_set_up         (Fixture       *f,
                                    gconstpointer  app);
void        fixture_tear_down      (Fixture       *f,
                                    gconstpointer  data);

/* What a pixel of the test picture is. */
void        image_colour           (int            x,
                                    int            y,
                                    guint8         out[3]);
GtkWidget  *canvas                 (Fixture       *f);
GtkWidget  *region_list            (Fixture       *f);
const char *region_name            (Fixture       *f,
                                    int            region);
gboolean    is_button_with_tooltip (GtkWidget     *widget,
                                    gconstpointer  tooltip);
gboolean    is_shown_entry         (GtkWidget     *widget,
                                    gconstpointer  data);
GtkWidget  *find_button            (Fixture       *f,
                                    const char    *tooltip);
gboolean    focus_inside           (GtkWidget     *focus,
                                    GtkWidget     *ancestor);

/* Gestures. */
void        click_middle           (GtkWidget     *widget);
void        paint_region_1         (Fixture       *f);
GtkWidget  *start_rename           (Fixture       *f,
                                    int            region,
                                    const char    *name);
void        type_name              (Fixture       *f,
                                    const char    *text,
                                    const char    *end);
void        assert_name            (Fixture       *f,
                                    int            region,
                                    const char    *name);
void        assert_status          (Fixture       *f,
                                    int            region,
                                    const char    *status);

/* Conditions to wait for (kling_test_wait_for). */
gboolean    entry_laid_out         (gpointer       entry);
gboolean    is_renaming            (gpointer       expected);
gboolean    is_not_renaming        (gpointer       expected);
gboolean    flap_revealed          (gpointer       fixture);
gboolean    flap_folded            (gpointer       fixture);
gboolean    eye_drawn_flat         (gpointer       fixture);
gboolean    window_narrow          (gpointer       fixture);

G_END_DECLS
