/* kling-fake-server-main.c — the fake Kling server as a program
 *
 * kling-fake-server [--port N] [--dialect kling|relay|new-api] [--token T]
 *     [--access-key AK --secret-key SK] [--processing-after MS]
 *     [--succeed-after MS] [--concurrency N] [--slow-ms MS]
 *     [--fault NAME[:TIMES]]... [--refuse-retired] [--letter-ids]
 *
 * Prints its base URL as the first line on stdout, then serves until
 * SIGTERM or SIGINT (exit status 0). Bad options exit with status 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-fake-http.h"
#include "kling-fake-server.h"

typedef struct {
  int     port;
  char   *dialect;
  char   *token;
  char   *access_key;
  char   *secret_key;
  int     processing_after_ms;
  int     succeed_after_ms;
  int     concurrency;
  int     slow_ms;
  char  **faults;
  gboolean refuse_retired;
  gboolean letter_ids;
  int     video_short_side;
} Options;

static gboolean
arm_fault (KlingFakeServer  *server,
           const char       *spec,
           GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 2);
  KlingFakeFault fault;
  guint64 times = 1;

  if (!kling_fake_fault_from_nick (parts[0], &fault))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Unknown fault “%s”", parts[0]);
      return FALSE;
    }
  if (parts[1] != NULL &&
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &times, error))
    return FALSE;
  kling_fake_server_arm (server, fault, (guint) times);
  return TRUE;
}

static KlingFakeServer *
server_from_options (const Options  *o,
                     GError        **error)
{
  g_autoptr(KlingFakeServer) server = NULL;
  KlingFakeDialect dialect;

  if (g_strcmp0 (o->dialect, "kling") == 0)
    dialect = KLING_FAKE_DIALECT_KLING;
  else if (g_strcmp0 (o->dialect, "relay") == 0 || g_strcmp0 (o->dialect, "new-api") == 0)
    dialect = KLING_FAKE_DIALECT_RELAY;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--dialect must be kling, relay or new-api");
      return NULL;
    }
  if ((o->access_key == NULL) != (o->secret_key == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--access-key and --secret-key go together");
      return NULL;
    }
  if (o->port < 0 || o->port > 65535 || o->processing_after_ms < 0 ||
      o->succeed_after_ms < 0 || o->concurrency < 0 || o->slow_ms < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Numbers must not be negative (and a port at most 65535)");
      return NULL;
    }

  server = kling_fake_server_new (dialect);
  if (o->token != NULL)
    kling_fake_server_set_token (server, o->token);
  if (o->access_key != NULL)
    kling_fake_server_set_keys (server, o->access_key, o->secret_key);
  kling_fake_server_set_timing (server, (guint) o->processing_after_ms, (guint) o->succeed_after_ms);
  kling_fake_server_set_concurrency (server, (guint) o->concurrency);
  kling_fake_server_set_slow_ms (server, (guint) o->slow_ms);
  kling_fake_server_set_no_list (server, g_strcmp0 (o->dialect, "new-api") == 0);
  kling_fake_server_set_refuse_retired (server, o->refuse_retired);
  kling_fake_server_set_letter_ids (server, o->letter_ids);
  kling_fake_server_set_video_short_side (server, o->video_short_side);
  for (guint i = 0; o->faults != NULL && o->faults[i] != NULL; i++)
    if (!arm_fault (server, o->faults[i], error))
      return NULL;
  return g_steal_pointer (&server);
}

static void
clear_options (Options *o)
{
  g_free (o->dialect);
  g_free (o->token);
  g_free (o->access_key);
  g_free (o->secret_key);
  g_strfreev (o->faults);
}

int
main (int   argc,
      char *argv[])
{
  Options o = { 0, NULL, NULL, NULL, NULL, 300, 1200, 5, 2000, NULL, FALSE, FALSE, 0 };
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &o.port, "Port to listen on (0: any free port)", "N" },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &o.dialect, "Response dialect: kling, relay, or new-api (a relay without list or lookup by external id)", "D" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &o.token, "Require this Bearer token", "T" },
    { "access-key", 0, 0, G_OPTION_ARG_STRING, &o.access_key, "Require JWTs issued by this access key", "AK" },
    { "secret-key", 0, 0, G_OPTION_ARG_STRING, &o.secret_key, "The secret key the JWTs are signed with", "SK" },
    { "processing-after", 0, 0, G_OPTION_ARG_INT, &o.processing_after_ms, "A task is processing after MS", "MS" },
    { "succeed-after", 0, 0, G_OPTION_ARG_INT, &o.succeed_after_ms, "A task ends after MS", "MS" },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &o.concurrency, "Unfinished tasks allowed at once", "N" },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &o.slow_ms, "How long the slow fault waits", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.faults, "Arm a fault (repeatable)", "NAME[:TIMES]" },
    { "refuse-retired", 0, 0, G_OPTION_ARG_NONE, &o.refuse_retired, "Refuse models past their end of life", NULL },
    { "letter-ids", 0, 0, G_OPTION_ARG_NONE, &o.letter_ids, "Task ids of letters and digits", NULL },
    { "video-short-side", 0, 0, G_OPTION_ARG_INT, &o.video_short_side, "Short side of the clips in pixels (default 720, as Kling's 720p; smaller renders faster)", "PX" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(KlingFakeServer) server = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url;

  g_option_context_set_summary (context, "A strict fake Kling image-to-video API on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto bad_usage;
  if (o.dialect == NULL)
    o.dialect = g_strdup ("kling");
  server = server_from_options (&o, &error);
  if (server == NULL)
    goto bad_usage;

  base_url = kling_fake_server_start (server, (guint) o.port, &error);
  if (base_url == NULL)
    {
      g_printerr ("kling-fake-server: %s\n", error->message);
      clear_options (&o);
      return 1;
    }
  kling_fake_http_serve_until_signal (base_url);
  clear_options (&o);
  return 0;

bad_usage:
  g_printerr ("kling-fake-server: %s\n", error->message);
  clear_options (&o);
  return 2;
}
