/* kling-fake-fal-server-main.c — the fake fal queue as a program, for the CLI's tests
 *
 * Prints its base URL on the first line of stdout, then serves until
 * SIGTERM or SIGINT. Point FAL_QUEUE_BASE at that URL and FAL_KEY at --key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-fake-fal-server.h"
#include "kling-fake-http.h"

int
main (int   argc,
      char *argv[])
{
  int port = 0, in_progress_after = 300, completed_after = 1200, submit_lost = 0;
  g_autofree char *key = NULL;
  g_autofree char *fail = NULL;
  gboolean log = FALSE, log_auth = FALSE;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free port)", "N" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "Require this key (Authorization: Key …)", "KEY" },
    { "in-progress-after", 0, 0, G_OPTION_ARG_INT, &in_progress_after, "IN_PROGRESS after MS", "MS" },
    { "completed-after", 0, 0, G_OPTION_ARG_INT, &completed_after, "COMPLETED after MS", "MS" },
    { "submit-lost", 0, 0, G_OPTION_ARG_INT, &submit_lost, "Cut the answer of the next N submits", "N" },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log, "Print METHOD PATH for every request, after the base URL", NULL },
    { "log-auth", 0, 0, G_OPTION_ARG_NONE, &log_auth, "With --log, add a tab and the Authorization header", NULL },
    { "fail", 0, 0, G_OPTION_ARG_STRING, &fail, "The next request completes with this error", "DETAIL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(KlingFakeFalServer) server = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url;

  g_option_context_set_summary (context, "A strict fake of fal's queue API for Kling image-to-video, on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kling-fake-fal-server: %s\n", error->message);
      return 2;
    }
  server = kling_fake_fal_server_new (key != NULL ? key : "fal-test-key");
  kling_fake_fal_server_set_timing (server, (guint) in_progress_after, (guint) completed_after);
  kling_fake_fal_server_arm_submit_lost (server, (guint) submit_lost);
  kling_fake_fal_server_set_log (server, log);
  kling_fake_fal_server_set_log_auth (server, log_auth);
  if (fail != NULL)
    kling_fake_fal_server_fail_next (server, fail);
  base_url = kling_fake_fal_server_start (server, (guint) port, &error);
  if (base_url == NULL)
    {
      g_printerr ("kling-fake-fal-server: %s\n", error->message);
      return 1;
    }
  kling_fake_http_serve_until_signal (base_url);
  return 0;
}
