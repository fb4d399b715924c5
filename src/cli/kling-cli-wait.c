/* kling-cli-wait.c — saying what the CLI waits for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "kling-cli.h"

/* A server that accepts and never answers keeps the CLI silent for as long
 * as the client's timeouts and retries last: when a request has had no
 * answer for a few seconds, the CLI says what it is waiting for, once. A
 * server that answers (even "busy, try later") is not waited for. */
#define WAIT_NOTICE_MS 4000

typedef struct {
  char      *host;
  guint      id;
  gboolean   said;
  GPtrArray *messages;  /* whose "got-headers" we follow */
} WaitNotice;

static gboolean
say_waiting_cb (gpointer user_data)
{
  WaitNotice *notice = user_data;
  g_autofree char *text = g_strdup_printf (_("waiting for %s to answer…"), notice->host);

  kling_cli_print_error (text);
  notice->id = 0;
  notice->said = TRUE;
  return G_SOURCE_REMOVE;
}

static void
answered_cb (SoupMessage *message,
             WaitNotice  *notice)
{
  g_clear_handle_id (&notice->id, g_source_remove);
}

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *message,
                   WaitNotice  *notice)
{
  if (notice->id == 0 && !notice->said)
    notice->id = g_timeout_add (WAIT_NOTICE_MS, say_waiting_cb, notice);
  g_signal_connect (message, "got-headers", G_CALLBACK (answered_cb), notice);
  g_ptr_array_add (notice->messages, g_object_ref (message));
}

static void
request_unqueued_cb (SoupSession *session,
                     SoupMessage *message,
                     WaitNotice  *notice)
{
  g_clear_handle_id (&notice->id, g_source_remove);
}

/**
 * kling_cli_wait_for_server:
 *
 * kling_cli_wait() for a call to @client's server, saying on stderr when a
 * request has waited a few seconds for an answer.
 */
GAsyncResult *
kling_cli_wait_for_server (KlingCliWait *wait,
                           KlingClient  *client)
{
  g_autoptr(GUri) uri = g_uri_parse (kling_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);
  SoupSession *session = kling_client_get_session (client);
  WaitNotice notice = { NULL, 0, FALSE, g_ptr_array_new_with_free_func (g_object_unref) };

  if (uri != NULL && g_uri_get_port (uri) > 0)
    notice.host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    notice.host = g_strdup (uri != NULL && g_uri_get_host (uri) ? g_uri_get_host (uri) : _("the server"));
  g_signal_connect (session, "request-queued", G_CALLBACK (request_queued_cb), &notice);
  g_signal_connect (session, "request-unqueued", G_CALLBACK (request_unqueued_cb), &notice);
  kling_cli_wait (wait);
  g_signal_handlers_disconnect_by_data (session, &notice);
  for (guint i = 0; i < notice.messages->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (notice.messages, i), &notice);
  g_ptr_array_unref (notice.messages);
  g_clear_handle_id (&notice.id, g_source_remove);
  g_free (notice.host);
  return wait->result;
}
