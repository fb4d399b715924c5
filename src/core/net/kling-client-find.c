/* kling-client-find.c — finding a submission again by its external id
 *
 * Used when a create's answer was lost. The official API answers a task's
 * external id on the query path in one call (kling-api.md §7); other servers
 * are searched through the task list. A server that has neither (new-api
 * relays route no list) cannot tell whether the task exists: the answer is
 * then KLING_ERROR_UNCONFIRMED, never "not there", so nothing is sent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-client-private.h"
#include "kling-error.h"

/* How far kling_client_find_task_async() looks (kling-api.md §1 paths). */
#define FIND_PAGE_SIZE 500
#define FIND_MAX_PAGES 2

typedef struct {
  char  *external_task_id;
  guint  page;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->external_task_id);
  g_free (data);
}

static void find_next_page (GTask *task);

static void
on_find_page (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = kling_client_list_tasks_finish (KLING_CLIENT (source), result, &error);
  guint i;

  if (g_error_matches (error, KLING_ERROR, KLING_ERROR_NOT_FOUND) ||
      g_error_matches (error, KLING_ERROR, KLING_ERROR_PROTOCOL) ||
      g_error_matches (error, KLING_ERROR, KLING_ERROR_INVALID_PARAMETERS))
    {
      /* No list route here: nobody can say it is not there. */
      g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_UNCONFIRMED,
                               _("This server cannot look a task up by its external id (%s)"),
                               error->message);
      return;
    }
  if (tasks == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (i = 0; i < tasks->len; i++)
    {
      KlingTaskInfo *info = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (info->external_task_id, data->external_task_id) == 0)
        {
          g_task_return_pointer (task, kling_task_info_copy (info), (GDestroyNotify) kling_task_info_free);
          return;
        }
    }

  /* A short page is the last one. */
  if (tasks->len < FIND_PAGE_SIZE || data->page >= FIND_MAX_PAGES)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data->page++;
  find_next_page (task);
}

static void
find_next_page (GTask *task)
{
  FindData *data = g_task_get_task_data (task);

  kling_client_list_tasks_async (g_task_get_source_object (task), data->page, FIND_PAGE_SIZE,
                                 g_task_get_cancellable (task), on_find_page, g_object_ref (task));
}

static void
on_found_by_id (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTaskInfo) info = kling_client_query_task_finish (KLING_CLIENT (source), result, &error);

  if (info != NULL && info->external_task_id != NULL &&
      g_strcmp0 (info->external_task_id, data->external_task_id) != 0)
    g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_PROTOCOL,
                             _("The server answered the lookup of “%s” with another task, “%s”"),
                             data->external_task_id, info->external_task_id);
  else if (info != NULL)
    g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) kling_task_info_free);
  else if (g_error_matches (error, KLING_ERROR, KLING_ERROR_NOT_FOUND))
    /* A relay says "no such task" of any id it does not route: only the
     * list, which relays lack, may say the task never arrived. */
    find_next_page (task);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
kling_client_find_task_async (KlingClient         *self,
                              const char          *external_task_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (KLING_IS_CLIENT (self));
  g_return_if_fail (external_task_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kling_client_find_task_async);
  if (self->auth_mode == KLING_AUTH_FAL)
    {
      /* fal's queue keeps no id of ours and lists nothing. */
      g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_UNCONFIRMED, "%s",
                               _("fal cannot look a request up: it knows no id of ours"));
      return;
    }
  data = g_new0 (FindData, 1);
  data->external_task_id = g_strdup (external_task_id);
  data->page = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  if (self->auth_mode == KLING_AUTH_JWT)
    kling_client_query_task_async (self, external_task_id, cancellable, on_found_by_id,
                                   g_steal_pointer (&task));
  else
    find_next_page (task);
}

KlingTaskInfo *
kling_client_find_task_finish (KlingClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return kling_client_propagate (self, result, error);
}
