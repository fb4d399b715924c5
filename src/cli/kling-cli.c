/* kling-cli.c — kling-studio-cli: the core without a window, for scripts
 *
 * The commands status, list and download, and the pieces submit shares;
 * what the commands print is in kling-cli-print.c, submit in
 * kling-cli-submit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kling-cli.h"
#include "kling-credentials.h"
#include "kling-downloader.h"
#include "kling-json.h"
#include "kling-task-store.h"

void
kling_cli_wait_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KlingCliWait *wait = user_data;

  wait->result = g_object_ref (result);
}

GAsyncResult *
kling_cli_wait (KlingCliWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

/**
 * kling_cli_exit_code:
 *
 * The command-line exit code for @error: 2 for bad input (nothing was sent),
 * 3 for network or server unavailability, 1 for a task that failed or was
 * refused by the server, 4 for a request that may have been created but whose
 * answer was lost and that the provider could not look up.
 */
int
kling_cli_exit_code (const GError *error)
{
  if (error == NULL)
    return KLING_CLI_EXIT_OK;
  if (error->domain != KLING_ERROR)
    return KLING_CLI_EXIT_BAD_INPUT;

  switch ((KlingError) error->code)
    {
    case KLING_ERROR_INVALID_INPUT:
    case KLING_ERROR_NO_CREDENTIALS:
    case KLING_ERROR_INSECURE_URL:
    case KLING_ERROR_IO:
      return KLING_CLI_EXIT_BAD_INPUT;
    case KLING_ERROR_UNCONFIRMED:
      return KLING_CLI_EXIT_UNCONFIRMED;
    case KLING_ERROR_SERVER:
    case KLING_ERROR_NETWORK:
    case KLING_ERROR_PROTOCOL:
    case KLING_ERROR_TIMEOUT:
      return KLING_CLI_EXIT_UNAVAILABLE;
    case KLING_ERROR_AUTHENTICATION:
    case KLING_ERROR_ACCOUNT:
    case KLING_ERROR_RESOURCE_EXHAUSTED:
    case KLING_ERROR_PERMISSION:
    case KLING_ERROR_INVALID_PARAMETERS:
    case KLING_ERROR_NOT_FOUND:
    case KLING_ERROR_CONTENT_REFUSED:
    case KLING_ERROR_RATE_LIMITED:
    case KLING_ERROR_IP_NOT_ALLOWED:
    case KLING_ERROR_TASK_FAILED:
    default:
      return KLING_CLI_EXIT_FAILED;
    }
}

/* One clear line on stderr; the message already carries the server's own
 * message and request id. */
/* A message can carry a file name in the file system's bytes: the line
 * printed is always UTF-8, whatever the terminal gets. */
void
kling_cli_print_error (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_printerr ("kling-studio-cli: %s\n", valid);
}

int
kling_cli_fail (const GError *error)
{
  kling_cli_print_error (error->message);
  return kling_cli_exit_code (error);
}

int
kling_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  kling_cli_print_error (text);
  return KLING_CLI_EXIT_BAD_INPUT;
}

static KlingClient *
client_or_fail (KlingProviderChoice  choice,
                int                 *exit_code)
{
  g_autoptr(GError) error = NULL;
  KlingClient *client = kling_cli_make_client_for (choice, &error);

  if (client == NULL)
    *exit_code = kling_cli_fail (error);
  return client;
}

/**
 * kling_cli_check_output:
 * @output: the --output the user gave
 *
 * Whether a video can be saved at @output, checked before anything is sent:
 * its folder exists and takes new files, and it is not a folder itself.
 * Fails with %KLING_ERROR_INVALID_INPUT naming @output.
 */
gboolean
kling_cli_check_output (const char  *output,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  if (*output == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("--output needs a file name, such as video.mp4"));
      return FALSE;
    }
  path = g_canonicalize_filename (output, NULL);
  folder = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--output “%s” is a folder; name a file in it, such as %s"),
                   output, "video.mp4");
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--output “%s” exists and is not a regular file"), output);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--output “%s”: the folder %s does not exist"), output, folder);
      return FALSE;
    }
  /* The video is written beside it, then renamed: the folder must take files. */
  if (g_access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--output “%s”: the folder %s cannot be written to"), output, folder);
      return FALSE;
    }
  return TRUE;
}

gboolean
kling_cli_download (KlingClient  *client,
                    const char   *url,
                    const char   *output,
                    GError      **error)
{
  KlingCliWait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  kling_downloader_download_async (kling_client_get_session (client), url, output,
                                   NULL, NULL, NULL, kling_cli_wait_cb, &wait);
  result = kling_cli_wait (&wait);
  return kling_downloader_download_finish (result, error);
}

/* A task kept here whose create may have reached the server has no task id
 * to query: it is looked up by its external id instead, and what is learnt
 * is kept, so that the app sees it too. */
static KlingTaskInfo *
look_up_unconfirmed (KlingClient    *client,
                     KlingTaskStore *store,
                     KlingTask      *task,
                     int            *exit_code)
{
  KlingCliWait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KlingTaskInfo *info;

  kling_client_find_task_async (client, kling_task_get_external_task_id (task), NULL,
                                kling_cli_wait_cb, &wait);
  result = kling_cli_wait (&wait);
  info = kling_client_find_task_finish (client, result, &error);
  if (info == NULL && error == NULL)
    {
      error = g_error_new (KLING_ERROR, KLING_ERROR_TASK_FAILED,
                           _("Request %s never reached the server: nothing was created"),
                           kling_task_get_external_task_id (task));
      kling_task_set_error (task, error);
      kling_task_set_state (task, KLING_TASK_STATE_FAILED);
      kling_task_store_save (store, task, NULL);
    }
  if (info == NULL)
    {
      if (!g_error_matches (error, KLING_ERROR, KLING_ERROR_TASK_FAILED))
        g_prefix_error (&error, _("Request %s may have been created; it could not be looked up: "),
                        kling_task_get_external_task_id (task));
      if (!g_error_matches (error, KLING_ERROR, KLING_ERROR_TASK_FAILED) &&
          !kling_error_is_retryable (error))
        error->code = KLING_ERROR_UNCONFIRMED;
      *exit_code = kling_cli_fail (error);
      return NULL;
    }
  kling_task_update_from_info (task, info);
  if (kling_task_get_state (task) < KLING_TASK_STATE_SUBMITTED)
    kling_task_set_state (task, KLING_TASK_STATE_SUBMITTED);
  kling_task_store_save (store, task, NULL);
  return info;
}

/* status and download both name one task: the same client, the same query,
 * the same messages when either fails. @id may be the server's task id or,
 * for a task kept here, its local or external id. The client is handed back
 * for what comes next (a download). */
static KlingTaskInfo *
query_task (const char      *id,
            KlingClient    **client_out,
            KlingTaskStore **store_out,
            int             *exit_code)
{
  KlingCliWait wait = { NULL };
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KlingTask *task = NULL;
  KlingTaskInfo *info;

  store = kling_task_store_new (kling_task_store_default_dir ());
  if (kling_cli_load_store (store, NULL))
    task = kling_task_store_find (store, id);
  /* A task sent to fal is followed there, whatever the settings say now. */
  client = client_or_fail (task != NULL && kling_task_get_auth_mode (task) == KLING_AUTH_FAL
                           ? KLING_PROVIDER_CHOICE_FAL : KLING_PROVIDER_CHOICE_SETTINGS, exit_code);
  if (client == NULL)
    return NULL;

  if (task != NULL && kling_task_get_task_id (task) == NULL &&
      (kling_task_get_state (task) == KLING_TASK_STATE_UNCONFIRMED ||
       kling_task_get_state (task) == KLING_TASK_STATE_SENDING))
    info = look_up_unconfirmed (client, store, task, exit_code);
  else
    {
      kling_client_follow_task_async (client, task != NULL && kling_task_get_task_id (task) != NULL
                                              ? kling_task_get_task_id (task) : id,
                                      task != NULL ? kling_task_get_queue_url (task, KLING_QUEUE_STATUS_URL) : NULL,
                                      task != NULL ? kling_task_get_queue_url (task, KLING_QUEUE_RESPONSE_URL) : NULL,
                                      NULL, kling_cli_wait_cb, &wait);
      result = kling_cli_wait_for_server (&wait, client);
      info = kling_client_query_task_finish (client, result, &error);
      if (info == NULL)
        *exit_code = kling_cli_fail (error);
    }
  if (info != NULL && client_out != NULL)
    *client_out = g_steal_pointer (&client);
  if (info != NULL && store_out != NULL)
    *store_out = g_steal_pointer (&store);
  return info;
}

/* Every command takes its options and then exactly @n_args words (the
 * command's name counts as one); @arity_message says what it wanted. */
gboolean
kling_cli_parse_options (GOptionContext      *context,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv,
               int                  n_args,
               const char          *arity_message,
               int                 *exit_code)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = kling_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  /* "--" ends the options, so that a task id beginning with "-" (letters
   * and digits ids can) is taken as one; it is not a word itself. */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (gsize) (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }
  if (*argc != n_args)
    {
      *exit_code = kling_cli_usage_error ("%s", arity_message);
      return FALSE;
    }
  return TRUE;
}

static int
command_status (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TASK_ID — show a task's state"));
  g_autoptr(KlingTaskInfo) info = NULL;
  int exit_code = KLING_CLI_EXIT_OK;

  if (!kling_cli_parse_options (context, entries, &argc, &argv, 2,
                      _("status needs exactly one TASK_ID"), &exit_code))
    return exit_code;

  info = query_task (argv[1], NULL, NULL, &exit_code);
  if (info == NULL)
    return exit_code;

  if (json)
    {
      g_autoptr(JsonNode) node = kling_cli_task_to_json (info, NULL, NULL);
      kling_cli_print_json (node);
    }
  else
    kling_cli_print_task_info (info);

  if (info->status != KLING_TASK_STATUS_FAILED)
    return KLING_CLI_EXIT_OK;
  kling_cli_print_task_failure (info->task_id, info->status_message, info->request_id);
  return KLING_CLI_EXIT_FAILED;
}

static int
command_list (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  int page = 1;
  int page_size = 30;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Page number, from 1"), N_("N") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, N_("Tasks per page, 1 to 500"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the account's recent tasks"));
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KlingCliWait wait = { NULL };
  int exit_code = KLING_CLI_EXIT_OK;

  if (!kling_cli_parse_options (context, entries, &argc, &argv, 1,
                      _("list takes no arguments"), &exit_code))
    return exit_code;
  if (page < 1 || page_size < 1 || page_size > 500)
    return kling_cli_usage_error (_("--page must be at least 1 and --page-size between 1 and 500"));

  client = client_or_fail (KLING_PROVIDER_CHOICE_SETTINGS, &exit_code);
  if (client == NULL)
    return exit_code;

  kling_client_list_tasks_async (client, page, page_size, NULL, kling_cli_wait_cb, &wait);
  result = kling_cli_wait_for_server (&wait, client);
  tasks = kling_client_list_tasks_finish (client, result, &error);
  if (tasks == NULL)
    return kling_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < tasks->len; i++)
        json_array_add_element (array, kling_cli_task_to_json (g_ptr_array_index (tasks, i), NULL, NULL));
      json_node_set_array (root, array);
      kling_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < tasks->len; i++)
        kling_cli_print_task_info (g_ptr_array_index (tasks, i));
    }
  return KLING_CLI_EXIT_OK;
}

static int
command_download (int    argc,
                  char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to save the video"), N_("FILE.mp4") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TASK_ID --output FILE.mp4 — save a task's video"));
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  KlingTask *task;
  int exit_code = KLING_CLI_EXIT_OK;

  if (!kling_cli_parse_options (context, entries, &argc, &argv, 2,
                      _("download needs exactly one TASK_ID"), &exit_code))
    return exit_code;
  if (output == NULL)
    return kling_cli_usage_error (_("download needs --output FILE.mp4"));
  if (!kling_cli_check_output (output, &error))
    return kling_cli_fail (error);

  info = query_task (argv[1], &client, &store, &exit_code);
  if (info == NULL)
    return exit_code;

  if (info->status == KLING_TASK_STATUS_FAILED)
    {
      kling_cli_print_task_failure (info->task_id, info->status_message, info->request_id);
      return KLING_CLI_EXIT_FAILED;
    }
  if (info->status != KLING_TASK_STATUS_SUCCEED || info->video_url == NULL)
    {
      g_printerr (_("kling-studio-cli: task %s is %s: there is no video yet\n"),
                  info->task_id, kling_task_status_to_string (info->status));
      return KLING_CLI_EXIT_FAILED;
    }

  /* A task kept here is saved into its folder, and its store told. */
  task = kling_task_store_find (store, argv[1]);
  if (task != NULL)
    return kling_cli_download_kept (client, store, task, info, output);

  /* The request was fine and the task succeeded: a video that cannot be
   * saved (a full disk) is a delivery that failed (1), not bad input (2). */
  if (!kling_cli_download (client, info->video_url, output, &error))
    {
      exit_code = kling_cli_fail (error);
      return exit_code == KLING_CLI_EXIT_BAD_INPUT ? KLING_CLI_EXIT_FAILED : exit_code;
    }

  g_print ("%s\n", output);
  return KLING_CLI_EXIT_OK;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  kling-studio-cli submit --image FILE|URL [OPTION…]\n"
             "  kling-studio-cli status TASK_ID [--json]\n"
             "  kling-studio-cli list [--json]\n"
             "  kling-studio-cli download TASK_ID --output FILE.mp4\n"
             "  kling-studio-cli cancel TASK_ID [--provider kling|fal]\n"
             "  kling-studio-cli export-tracks DRAFT -o TRACKS.json [--frames 81] [--points-per-region N]\n"
             "\n"
             "Run “kling-studio-cli COMMAND --help” for a command's options.\n"
             "\n"
             "Credentials and server are those saved in Kling Studio's Preferences;\n"
             "these environment variables override them:\n"
             "  KLING_API_TOKEN              a Bearer token (proxy)\n"
             "  KLING_ACCESS_KEY, KLING_SECRET_KEY  official API keys (JWT)\n"
             "  KLING_API_BASE               the API base URL\n"
             "  KLING_STUDIO_DATA_DIR        where generations are kept\n"
             "  FAL_KEY, FAL_QUEUE_BASE      fal's key and queue (submit --provider fal)\n"
             "\n"
             "Exit codes: 0 success, 1 task failed or refused by the server,\n"
             "2 bad input (nothing sent), 3 network or server unavailable,\n"
             "4 may have been created (its answer was lost; nothing was sent again).\n"));
}

static const struct {
  const char *name;
  const char *prgname;   /* what a command's --help shows after "Usage:" */
  int       (*run) (int argc, char **argv);
} commands[] = {
  { "submit", "kling-studio-cli submit", kling_cli_submit },
  { "status", "kling-studio-cli status", command_status },
  { "list", "kling-studio-cli list", command_list },
  { "download", "kling-studio-cli download", command_download },
  { "cancel", "kling-studio-cli cancel", kling_cli_cancel },
  { "export-tracks", "kling-studio-cli export-tracks", kling_cli_export_tracks },
};

int
main (int   argc,
      char *argv[])
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Each command parses its own options from argv[1] on; GOption's --help
   * names the program by its prgname, set once, so it names the command. */
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_set_prgname (commands[i].prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }
  g_set_prgname ("kling-studio-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return KLING_CLI_EXIT_BAD_INPUT;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return KLING_CLI_EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("kling-studio-cli %s\n", PACKAGE_VERSION);
      return KLING_CLI_EXIT_OK;
    }

  g_printerr (_("kling-studio-cli: unknown command “%s” (try “kling-studio-cli --help”)\n"), command);
  return KLING_CLI_EXIT_BAD_INPUT;
}
