/* test-history-cancel.c — Cancel on a generation waiting in fal's queue
 *
 * Against the in-process fake fal queue holding its requests IN_QUEUE: the
 * row's menu offers Cancel Generation, a real click in it sends fal's PUT
 * under the app id with the key, the row then says Cancelled and a toast
 * says what fal did. A generation fal has started offers no Cancel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-fake-fal-server.h"
#include "kling-test-history.h"

#define FAL_KEY "fal-history-test-key"

typedef struct {
  Fixture             h;
  KlingFakeFalServer *fal;
} FalFixture;

static void
fal_set_up (FalFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlingClient *client;
  const char *base;

  f->fal = kling_fake_fal_server_new (FAL_KEY);
  /* Held in the queue until the test lets it go. */
  kling_fake_fal_server_set_timing (f->fal, 600000, 600000);
  base = kling_fake_fal_server_start (f->fal, 0, &error);
  g_assert_no_error (error);
  client = kling_client_new_fal (base, FAL_KEY, &error);
  g_assert_no_error (error);
  fixture_set_up_with (&f->h, client, 1280);
}

static void
fal_tear_down (FalFixture    *f,
               gconstpointer  data)
{
  fixture_tear_down (&f->h, data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->fal, kling_fake_fal_server_free);
}

typedef struct {
  FalFixture *f;
  KlingTask  *task;
} Held;

/* The poller has heard IN_QUEUE from fal at least once. */
static gboolean
heard_in_queue (gpointer data)
{
  Held *held = data;

  return kling_task_get_state (held->task) == KLING_TASK_STATE_SUBMITTED &&
         kling_task_get_task_id (held->task) != NULL &&
         kling_fake_fal_server_count_requests (held->f->fal, "GET", "/status") > 0;
}

static gboolean
is_cancelled (gpointer task)
{
  return kling_task_is_cancelled (task);
}

static gboolean
label_starts_with (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
menu_offers (FalFixture *f,
             KlingTask  *task,
             const char *label)
{
  GtkWidget *menu = open_menu (&f->h, task);
  gboolean offered = kling_test_find_widget (menu, is_label_with_text, label) != NULL;
  GtkWidget *watched = menu;

  watch (&watched);
  gtk_popover_popdown (GTK_POPOVER (menu));
  wait_unmapped (&watched);
  return offered;
}

static void
test_cancel_queued (FalFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(KlingTask) task = g_object_ref (create_task_for (&f->h, "The kite waits its turn", KLING_AUTH_FAL));
  Held held = { f, task };
  g_autofree char *path = NULL, *auth = NULL, *expected = NULL;

  kling_poller_submit (f->h.poller, task);
  g_assert_true (kling_test_wait_for (heard_in_queue, &held, KLING_TEST_PATIENCE_MS));
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->fal, "PUT", NULL), ==, 0);

  click_menu_item (&f->h, task, "Cancel Generation");
  g_assert_true (kling_test_wait_for (is_cancelled, task, KLING_TEST_PATIENCE_MS));
  wait_settled (kling_history_view_get_row (f->h.view, task));
  assert_state_matches (&f->h, task, "^Cancelled$");
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (f->h.window), label_starts_with,
                                     "Generation cancelled: fal took it out of its queue"));
  kling_test_save_screenshot (GTK_WIDGET (f->h.window), "history-cancel");

  /* One PUT, to the app id's request path (not the model's), with the key. */
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->fal, "PUT", NULL), ==, 1);
  path = kling_fake_fal_server_get_last_seen (f->fal, "PUT", &auth);
  expected = g_strdup_printf ("/fal-ai/kling-video/requests/%s/cancel", kling_task_get_task_id (task));
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (auth, ==, "Key " FAL_KEY);
  g_assert_cmpstr (kling_fake_fal_server_get_status (f->fal, kling_task_get_task_id (task)), ==, "CANCELLED");
  g_assert_false (kling_poller_is_following (f->h.poller, task));
  /* Kept so: the next start does not follow it again. */
  {
    g_autoptr(KlingTask) reloaded = kling_task_new_from_folder (kling_task_get_folder (task), NULL);

    g_assert_nonnull (reloaded);
    g_assert_true (kling_task_is_cancelled (reloaded));
  }
  /* Nothing left to cancel: the menu no longer offers it. */
  g_assert_false (menu_offers (f, task, "Cancel Generation"));
}

static gboolean
is_processing (gpointer task)
{
  return kling_task_get_state (task) == KLING_TASK_STATE_PROCESSING;
}

/* Once fal has started, Cancel is not offered: fal would refuse it. */
static void
test_no_cancel_once_started (FalFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(KlingTask) task = NULL;

  kling_fake_fal_server_set_timing (f->fal, 0, 600000);
  task = g_object_ref (create_task_for (&f->h, "The kite is on its way", KLING_AUTH_FAL));
  kling_poller_submit (f->h.poller, task);
  g_assert_true (kling_test_wait_for (is_processing, task, KLING_TEST_PATIENCE_MS));
  g_assert_false (menu_offers (f, task, "Cancel Generation"));
  g_assert_true (menu_offers (f, task, "Check Now"));
  g_assert_cmpuint (kling_fake_fal_server_count_requests (f->fal, "PUT", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  kling_test_compile_schema ();
  kling_test_ui_init (&argc, &argv);
  g_test_add ("/history-cancel/queued", FalFixture, NULL, fal_set_up, test_cancel_queued, fal_tear_down);
  g_test_add ("/history-cancel/not-once-started", FalFixture, NULL, fal_set_up,
              test_no_cancel_once_started, fal_tear_down);
  return g_test_run ();
}
