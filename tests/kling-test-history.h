/* kling-test-history.h — what the history tests share: a view on a store,
 * followed by a poller against the fake server, and ways to drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-fake-server.h"
#include "kling-history-view.h"
#include "kling-test-ui.h"

G_BEGIN_DECLS

#define TOKEN "sk-test-history-123"
#define REQUEST_ID "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

typedef struct {
  KlingFakeServer  *server;
  KlingClient      *client;
  char             *dir;
  KlingTaskStore   *store;
  KlingPoller      *poller;
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  KlingHistoryView *view;
  GPtrArray        *played;      /* tasks the "play" signal gave */
  GPtrArray        *retried;     /* tasks the "retry" signal gave */
  GPtrArray        *opened;      /* tasks the "open-in-editor" signal gave */
} Fixture;

void        watch                      (GtkWidget **watched);
void        wait_unmapped              (GtkWidget **watched);
void        click_until_unmapped       (GtkWidget *button);
void        open_view                  (Fixture *f, int width);
void        close_view                 (Fixture *f);
void        make_poller                (Fixture *f);
void        fixture_set_up             (Fixture *f, gconstpointer data);
void        fixture_set_up_with        (Fixture *f, KlingClient *client, int width);
void        fixture_tear_down          (Fixture *f, gconstpointer data);
KlingTask  *create_task                (Fixture *f, const char *prompt);
KlingTask  *create_task_for            (Fixture *f, const char *prompt, KlingAuthMode auth);
KlingTask  *submit                     (Fixture *f, const char *prompt);
void        wait_for_state             (KlingTask *task, KlingTaskState state, guint timeout_ms);
void        assert_state_matches       (Fixture *f, KlingTask *task, const char *pattern);
gboolean    is_visible_button_labelled (GtkWidget *widget, gconstpointer data);
gboolean    is_button_with_icon        (GtkWidget *widget, gconstpointer data);
gboolean    is_label_with_text         (GtkWidget *widget, gconstpointer data);
void        click_center               (GtkWidget *widget);
void        wait_settled               (GtkWidget *widget);
GtkWidget  *open_menu                  (Fixture *f, KlingTask *task);
void        click_menu_item            (Fixture *f, KlingTask *task, const char *label);
gboolean    row_is_gone                (gpointer data);
GtkWidget  *wait_for_widget            (GtkWidget *root, KlingTestWidgetMatch match, gconstpointer data);
GtkWidget  *toast_button               (Fixture *f, KlingTestWidgetMatch test, const char *data);
gboolean    folder_gone                (gpointer path);

G_END_DECLS
