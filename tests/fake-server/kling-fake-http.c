/* kling-fake-http.c — what the fakes (Kling's and fal's) do alike as HTTP servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>

#include "kling-fake-http.h"

SoupServer *
kling_fake_http_listen (const char          *server_header,
                        guint                port,
                        SoupServerCallback   handler,
                        gpointer             user_data,
                        char               **base_url,
                        GError             **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);
  g_autoptr(SoupServer) server = soup_server_new ("server-header", server_header, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, handler, user_data, NULL);
  if (!soup_server_listen (server, address, 0, error))
    return NULL;
  uris = soup_server_get_uris (server);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&server);
}

void
kling_fake_http_cut_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

typedef struct {
  char    *method;
  char    *path;
  char    *authorization;   /* the header as received, or NULL */
} SeenRequest;

struct _KlingFakeHttpLog {
  GPtrArray *seen;   /* SeenRequest, oldest first */
  gboolean   echo;
  gboolean   echo_authorization;
};

static void
seen_request_free (SeenRequest *seen)
{
  g_free (seen->method);
  g_free (seen->path);
  g_free (seen->authorization);
  g_free (seen);
}

KlingFakeHttpLog *
kling_fake_http_log_new (void)
{
  KlingFakeHttpLog *log = g_new0 (KlingFakeHttpLog, 1);

  log->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_request_free);
  return log;
}

void
kling_fake_http_log_free (KlingFakeHttpLog *log)
{
  if (log == NULL)
    return;
  g_ptr_array_unref (log->seen);
  g_free (log);
}

void
kling_fake_http_log_set_echo (KlingFakeHttpLog *log,
                              gboolean          echo)
{
  log->echo = echo;
}

void
kling_fake_http_log_set_echo_authorization (KlingFakeHttpLog *log,
                                            gboolean          echo)
{
  log->echo_authorization = echo;
}

void
kling_fake_http_log_add (KlingFakeHttpLog  *log,
                         SoupServerMessage *msg,
                         const char        *path)
{
  SeenRequest *seen = g_new0 (SeenRequest, 1);

  seen->method = g_strdup (soup_server_message_get_method (msg));
  seen->path = g_strdup (path);
  seen->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Authorization"));
  g_ptr_array_add (log->seen, seen);
  if (log->echo && log->echo_authorization)
    printf ("%s %s\t%s\n", seen->method, seen->path, seen->authorization != NULL ? seen->authorization : "-");
  else if (log->echo)
    printf ("%s %s\n", seen->method, seen->path);
  fflush (stdout);
}

guint
kling_fake_http_log_count (KlingFakeHttpLog *log,
                           const char       *method,
                           const char       *path_suffix)
{
  guint count = 0;

  for (guint i = 0; i < log->seen->len; i++)
    {
      SeenRequest *seen = g_ptr_array_index (log->seen, i);

      if ((method == NULL || g_str_equal (method, seen->method)) &&
          (path_suffix == NULL || g_str_has_suffix (seen->path, path_suffix)))
        count++;
    }
  return count;
}

guint
kling_fake_http_log_count_authorized (KlingFakeHttpLog *log,
                                      const char       *path_prefix)
{
  guint count = 0;

  for (guint i = 0; i < log->seen->len; i++)
    {
      SeenRequest *seen = g_ptr_array_index (log->seen, i);

      if (seen->authorization != NULL && g_str_has_prefix (seen->path, path_prefix))
        count++;
    }
  return count;
}

char *
kling_fake_http_log_last (KlingFakeHttpLog  *log,
                          const char        *method,
                          char             **authorization)
{
  for (guint i = log->seen->len; i > 0; i--)
    {
      SeenRequest *seen = g_ptr_array_index (log->seen, i - 1);

      if (g_str_equal (seen->method, method))
        {
          *authorization = g_strdup (seen->authorization);
          return g_strdup (seen->path);
        }
    }
  *authorization = NULL;
  return NULL;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

void
kling_fake_http_serve_until_signal (const char *base_url)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint term_id, int_id;

  printf ("%s\n", base_url);
  fflush (stdout);
  term_id = g_unix_signal_add (SIGTERM, quit_loop, loop);
  int_id = g_unix_signal_add (SIGINT, quit_loop, loop);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);
}
