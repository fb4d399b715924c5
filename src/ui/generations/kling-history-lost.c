/* kling-history-lost.c — what a generation whose answer was lost offers
 *
 * The create may have reached the server, and the server cannot say (a
 * new-api relay has no list): the artist can look at the provider's own
 * site, and send the request again only after being told it may be charged
 * twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kling-history-lost.h"

/**
 * kling_history_lost_site_url:
 *
 * Where to look for the task by hand: the front page of the server it was
 * sent to (a relay's console lives there), never the API path or its token.
 *
 * Returns: (transfer full) (nullable): "scheme://host[:port]/"
 */
char *
kling_history_lost_site_url (KlingTask *task)
{
  g_autoptr(GUri) uri = NULL;
  const char *base = kling_task_get_base_url (task);

  if (base == NULL)
    return NULL;
  uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "/", NULL, NULL);
}

void
kling_history_lost_open_site (GtkWidget *parent,
                              KlingTask *task)
{
  g_autofree char *url = kling_history_lost_site_url (task);

  if (url != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (parent)), url, GDK_CURRENT_TIME);
}

typedef struct {
  KlingPoller *poller;
  KlingTask   *task;
} SendAgain;

static void
send_again_free (gpointer  data,
                 GClosure *closure)
{
  SendAgain *send = data;

  g_object_unref (send->poller);
  g_object_unref (send->task);
  g_free (send);
}

static void
send_again_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        SendAgain        *send)
{
  if (g_strcmp0 (response, "send") == 0)
    kling_poller_send_again (send->poller, send->task);
}

/* Sent again only when the artist says so, knowing what it may cost. */
void
kling_history_lost_ask_send_again (GtkWidget   *parent,
                                   KlingPoller *poller,
                                   KlingTask   *task)
{
  SendAgain *send = g_new0 (SendAgain, 1);
  GtkWidget *dialog;

  send->poller = g_object_ref (poller);
  send->task = g_object_ref (task);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), _("Send Again?"),
                                   _("Kling may already have made this generation: the answer to "
                                     "the request was lost, and this server cannot say whether it "
                                     "arrived. Sending it again may be charged twice. Look at your "
                                     "provider's task list first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (send_again_response_cb), send,
                         send_again_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
