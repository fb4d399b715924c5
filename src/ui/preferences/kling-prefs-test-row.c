/* kling-prefs-test-row.c — "Test Connection" and what it found
 *
 * Its button emits "start"; the page that knows what is entered answers
 * with a client (kling_prefs_test_row_run) or with why there is none
 * (kling_prefs_test_row_fail). The test asks for one task of the list with
 * one quick try. Changing what is entered resets the row, which cancels a
 * running test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-prefs-test-row.h"

struct _KlingPrefsTestRow
{
  AdwActionRow  parent_instance;

  GCancellable *cancellable;   /* the running test */

  /* template children */
  GtkImage     *test_icon;
  GtkSpinner   *test_spinner;
  GtkButton    *test_button;
};

G_DEFINE_FINAL_TYPE (KlingPrefsTestRow, kling_prefs_test_row, ADW_TYPE_ACTION_ROW)

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_result (KlingPrefsTestRow *self,
             const char        *icon_name,
             const char        *style,
             const char        *text)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
  gtk_image_set_from_icon_name (self->test_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), style);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
}

static char *
endpoint_host (KlingClient *client)
{
  g_autoptr(GUri) uri = g_uri_parse (kling_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (kling_client_get_base_url (client));
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KlingPrefsTestRow) self = user_data;
  KlingClient *client = KLING_CLIENT (source);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;

  tasks = kling_client_list_tasks_finish (client, result, &error);
  /* Cancelled: a newer test runs, or the row is gone (its children with it). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->test_button == NULL)
    return;

  if (error != NULL)
    {
      show_result (self, "dialog-error-symbolic", "error", error->message);
      return;
    }
  host = endpoint_host (client);
  text = g_strdup_printf (_("Connected to %s"), host);
  show_result (self, "emblem-ok-symbolic", "success", text);
}

static void
test_clicked_cb (KlingPrefsTestRow *self)
{
  kling_prefs_test_row_reset (self);
  g_signal_emit (self, signals[START], 0);
}

static void
kling_prefs_test_row_dispose (GObject *object)
{
  KlingPrefsTestRow *self = KLING_PREFS_TEST_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_PREFS_TEST_ROW);

  G_OBJECT_CLASS (kling_prefs_test_row_parent_class)->dispose (object);
}

static void
kling_prefs_test_row_class_init (KlingPrefsTestRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_prefs_test_row_dispose;

  /**
   * KlingPrefsTestRow::start:
   *
   * The user asked for a test: the handler answers with
   * kling_prefs_test_row_run() or kling_prefs_test_row_fail().
   */
  signals[START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-prefs-test-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsTestRow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsTestRow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsTestRow, test_button);
}

static void
kling_prefs_test_row_init (KlingPrefsTestRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
}

/**
 * kling_prefs_test_row_reset:
 *
 * What is entered changed: an earlier result no longer says anything, and
 * a running test is cancelled.
 */
void
kling_prefs_test_row_reset (KlingPrefsTestRow *self)
{
  g_return_if_fail (KLING_IS_PREFS_TEST_ROW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_result (self, "network-transmit-receive-symbolic", NULL,
               _("Asks the server for its newest task with what is entered above"));
}

/**
 * kling_prefs_test_row_run:
 * @client: made from what is entered
 *
 * Asks the server for one task of its list, and shows the answer.
 */
void
kling_prefs_test_row_run (KlingPrefsTestRow *self,
                          KlingClient       *client)
{
  g_return_if_fail (KLING_IS_PREFS_TEST_ROW (self));
  g_return_if_fail (KLING_IS_CLIENT (client));

  kling_prefs_test_row_reset (self);
  /* One quick try: the user is waiting for an answer, not for retries. */
  kling_client_set_retry_policy (client, 500, 1);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Testing…"));
  kling_client_list_tasks_async (client, 1, 1, self->cancellable, test_done_cb, g_object_ref (self));
}

/**
 * kling_prefs_test_row_fail:
 * @message: why no test could start
 */
void
kling_prefs_test_row_fail (KlingPrefsTestRow *self,
                           const char        *message)
{
  g_return_if_fail (KLING_IS_PREFS_TEST_ROW (self));

  show_result (self, "dialog-error-symbolic", "error", message);
}
