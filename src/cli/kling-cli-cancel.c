/* kling-cli-cancel.c — kling-studio-cli cancel: withdraw a request from fal's queue
 *
 * fal takes a cancel while the request is IN_QUEUE (202
 * CANCELLATION_REQUESTED); once it has started it answers 400
 * ALREADY_COMPLETED and the request goes on. Kling's API has no cancel.
 * Exit codes: 0 cancelled, 1 refused (it had started or finished, or fal
 * does not know it), 2 bad input (nothing sent), 3 network or server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-cli.h"

/* A task kept here is sent to where it was sent; an id typed by hand to
 * --provider's, else the settings'. */
static KlingClient *
client_for (KlingTask   *task,
            const char  *provider,
            GError     **error)
{
  KlingProviderChoice choice = KLING_PROVIDER_CHOICE_SETTINGS;
  KlingClient *client;

  if (task != NULL)
    choice = kling_task_get_auth_mode (task) == KLING_AUTH_FAL ? KLING_PROVIDER_CHOICE_FAL
                                                               : KLING_PROVIDER_CHOICE_KLING;
  else if (provider != NULL && !kling_cli_parse_provider (provider, &choice))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--provider must be “kling” or “fal”, not “%s”"), provider);
      return NULL;
    }
  if (choice == KLING_PROVIDER_CHOICE_KLING)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("Kling’s API cannot withdraw a task once it is sent; only a request sent to fal can be cancelled"));
      return NULL;
    }
  client = kling_cli_make_client_for (choice, error);
  if (client != NULL && kling_client_get_auth_mode (client) != KLING_AUTH_FAL)
    {
      g_clear_object (&client);
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("Kling’s API cannot withdraw a task once it is sent; only a request sent to fal can be cancelled"));
    }
  return client;
}

/* Said here, without asking fal: there is nothing it could withdraw. */
static int
refuse_kept (KlingTask  *task,
             const char *id)
{
  g_autofree char *text = NULL;

  if (kling_task_is_cancelled (task))
    text = g_strdup_printf (_("Not cancelled: %s was already cancelled"), id);
  else if (kling_task_is_finished (task))
    text = g_strdup_printf (_("Not cancelled: %s has already finished"), id);
  else
    text = g_strdup_printf (_("Not cancelled: %s has no request id from fal (its submit was not answered)"), id);
  kling_cli_print_error (text);
  return KLING_CLI_EXIT_FAILED;
}

static int
send_cancel (KlingClient    *client,
             KlingTaskStore *store,
             KlingTask      *task,
             const char     *id)
{
  KlingCliWait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *request_id = task != NULL ? kling_task_get_task_id (task) : id;

  kling_client_cancel_task_async (client, request_id,
                                  task != NULL ? kling_task_get_queue_url (task, KLING_QUEUE_CANCEL_URL) : NULL,
                                  NULL, kling_cli_wait_cb, &wait);
  result = kling_cli_wait_for_server (&wait, client);
  if (!kling_client_cancel_task_finish (client, result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not cancelled: %s"), error->message);

      kling_cli_print_error (text);
      return kling_cli_exit_code (error);
    }
  if (task != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      kling_task_set_cancelled (task);
      if (!kling_task_store_save (store, task, &save_error))
        kling_cli_print_error (save_error->message);
    }
  g_print (_("Cancelled: fal took request %s out of its queue\n"), request_id);
  return KLING_CLI_EXIT_OK;
}

int
kling_cli_cancel (int    argc,
                  char **argv)
{
  g_autofree char *provider = NULL;
  const GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("Where a request not kept here was sent: kling or fal (default: the settings')"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TASK_ID — withdraw a request still waiting in fal’s queue"));
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  KlingTask *task = NULL;
  int exit_code = KLING_CLI_EXIT_OK;

  if (!kling_cli_parse_options (context, entries, &argc, &argv, 2,
                                _("cancel needs exactly one TASK_ID"), &exit_code))
    return exit_code;
  if (*argv[1] == '\0')
    return kling_cli_usage_error (_("cancel needs exactly one TASK_ID"));

  store = kling_task_store_new (kling_task_store_default_dir ());
  if (kling_cli_load_store (store, NULL))
    task = kling_task_store_find (store, argv[1]);
  client = client_for (task, provider, &error);
  if (client == NULL)
    return kling_cli_fail (error);
  if (task != NULL && (kling_task_is_finished (task) || kling_task_get_task_id (task) == NULL))
    return refuse_kept (task, argv[1]);
  return send_cancel (client, store, task, argv[1]);
}
