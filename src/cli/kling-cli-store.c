/* kling-cli-store.c — the tasks kept on disk, as the CLI reads them
 *
 * A damaged task file is left alone and said once, one plain line on
 * stderr each, before the command's own answer: not a GLib warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-cli.h"

/**
 * kling_cli_load_store:
 *
 * Loads @store and names each damaged task file on stderr.
 */
gboolean
kling_cli_load_store (KlingTaskStore  *store,
                      GError         **error)
{
  if (!kling_task_store_load (store, error))
    return FALSE;

  for (guint i = 0; i < kling_task_store_get_n_damaged (store); i++)
    {
      g_autofree char *file = g_build_filename (kling_task_store_get_damaged_folder (store, i),
                                                KLING_TASK_FILE, NULL);
      g_autofree char *name = g_filename_display_name (file);
      g_autofree char *text = g_strdup_printf (_("skipped the damaged task file %s: %s"), name,
                                               kling_task_store_get_damaged_reason (store, i));

      kling_cli_print_error (text);
    }
  return TRUE;
}
