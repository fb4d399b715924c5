/* kling-cli-download.c — saving a task's video from the CLI
 *
 * A task kept here is saved the way the app saves it: into its own folder
 * (under the task's download lock, through a part file of its own), and
 * the task store is told, so that the next run and the app agree with
 * what is on disk. A run killed half-way is picked up cleanly by the
 * next: a video already in place (renamed, but the store never told) is
 * recognised without downloading it again, and a part file left behind
 * is removed and the download restarted. Then the video is copied to
 * --output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kling-cli.h"
#include "kling-poller.h"

/**
 * kling_cli_save_copy:
 *
 * Copies @source_path to a hidden file beside @output, then renames it
 * over @output: @output is never left half written.
 */
gboolean
kling_cli_save_copy (const char  *source_path,
                     const char  *output,
                     GError     **error)
{
  g_autofree char *target = g_canonicalize_filename (output, NULL);
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *name = g_path_get_basename (target);
  g_autofree char *temp_name = g_strdup_printf (".%s.%08x.tmp", name, g_random_int ());
  g_autofree char *temp = g_build_filename (folder, temp_name, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) dest = g_file_new_for_path (temp);
  int saved_errno;

  if (!g_file_copy (source, dest, G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL, NULL, NULL, error))
    {
      g_unlink (temp);
      return FALSE;
    }
  if (g_rename (temp, target) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  KlingTask *task;
  gboolean   done;
} KeptWait;

static void
task_finished_cb (KlingPoller *poller,
                  KlingTask   *task,
                  KeptWait    *wait)
{
  if (task == wait->task)
    wait->done = TRUE;
}

/* One try: a video that cannot be saved (a full disk, the CDN refusing)
 * is said now, not retried for hours. */
static void
task_changed_cb (KlingPoller *poller,
                 KlingTask   *task,
                 KeptWait    *wait)
{
  if (task == wait->task && kling_task_get_error_message (task) != NULL &&
      kling_task_get_video_path (task) == NULL)
    wait->done = TRUE;
}

/* Saves @task's video into its folder, as the app would, and keeps the
 * store in step. */
static gboolean
save_into_folder (KlingClient    *client,
                  KlingTaskStore *store,
                  KlingTask      *task,
                  GError        **error)
{
  g_autoptr(KlingPoller) poller = kling_poller_new (store, client);
  KeptWait wait = { task, FALSE };

  kling_task_set_error (task, NULL);
  g_signal_connect (poller, "task-finished", G_CALLBACK (task_finished_cb), &wait);
  g_signal_connect (poller, "task-changed", G_CALLBACK (task_changed_cb), &wait);
  kling_poller_check_now (poller, task);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  kling_poller_stop (poller);

  if (kling_task_get_video_path (task) != NULL)
    return TRUE;
  *error = kling_task_dup_error (task);
  if (*error == NULL)
    *error = g_error_new_literal (KLING_ERROR, KLING_ERROR_IO, _("The video could not be saved"));
  return FALSE;
}

/**
 * kling_cli_download_kept:
 * @info: what the server says of @task now (it succeeded)
 *
 * `download` for a task kept here. Returns the exit code.
 */
int
kling_cli_download_kept (KlingClient         *client,
                         KlingTaskStore      *store,
                         KlingTask           *task,
                         const KlingTaskInfo *info,
                         const char          *output)
{
  g_autoptr(GError) error = NULL;
  int exit_code;

  kling_task_update_from_info (task, info);
  kling_task_store_save (store, task, NULL);

  if (kling_task_get_video_path (task) == NULL && !save_into_folder (client, store, task, &error))
    {
      /* A video that cannot be saved is a delivery that failed (1). */
      exit_code = kling_cli_fail (error);
      return exit_code == KLING_CLI_EXIT_BAD_INPUT ? KLING_CLI_EXIT_FAILED : exit_code;
    }
  if (!kling_cli_save_copy (kling_task_get_video_path (task), output, &error))
    {
      g_printerr (_("kling-studio-cli: could not save the video to %s: %s (it is kept in %s)\n"),
                  output, error->message, kling_task_get_video_path (task));
      return KLING_CLI_EXIT_FAILED;
    }
  g_print ("%s\n", output);
  return KLING_CLI_EXIT_OK;
}
