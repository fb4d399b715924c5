/* kling-poller-cancel.c — withdrawing a generation that waits in fal's queue
 *
 * fal takes a cancel only while a request is IN_QUEUE (202
 * CANCELLATION_REQUESTED); once it has started it answers 400
 * ALREADY_COMPLETED and the request goes on. Kling's API has no cancel at
 * all. A withdrawn task is no longer followed and ends as cancelled; a
 * refused one is looked at again at once, so that its row says where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-poller-private.h"

/**
 * kling_poller_can_cancel:
 *
 * Whether @task still waits in the queue of the provider this poller
 * sends to, and that queue takes a cancel.
 */
gboolean
kling_poller_can_cancel (KlingPoller *self,
                         KlingTask   *task)
{
  g_return_val_if_fail (KLING_IS_POLLER (self), FALSE);
  g_return_val_if_fail (KLING_IS_TASK (task), FALSE);

  return kling_task_can_cancel (task) && kling_poller_is_for_this_client (self, task);
}

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) gtask = user_data;
  KlingPoller *self = g_task_get_source_object (gtask);
  KlingTask *task = g_task_get_task_data (gtask);
  g_autoptr(GError) save_error = NULL;
  GError *error = NULL;

  if (!kling_client_cancel_task_finish (KLING_CLIENT (source), result, &error))
    {
      /* Too late, or not heard: the next answer says where it is now. */
      kling_poller_check_now (self, task);
      g_task_return_error (gtask, error);
      return;
    }
  /* Its answers from now on are of no use (a late one is dropped). */
  g_hash_table_remove (self->follows, task);
  kling_task_set_cancelled (task);
  if (!kling_task_store_save (self->store, task, &save_error))
    g_warning ("Cannot save task %s: %s", kling_task_get_local_id (task), save_error->message);
  kling_poller_emit_task_changed (self, task);
  g_task_return_boolean (gtask, TRUE);
}

/**
 * kling_poller_cancel_async:
 *
 * Asks the provider to withdraw @task from its queue. Fails with
 * %KLING_ERROR_INVALID_INPUT, sending nothing, when kling_poller_can_cancel()
 * says no; with the provider's refusal in words when it has already started.
 */
void
kling_poller_cancel_async (KlingPoller         *self,
                           KlingTask           *task,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;

  g_return_if_fail (KLING_IS_POLLER (self));
  g_return_if_fail (KLING_IS_TASK (task));

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, kling_poller_cancel_async);
  g_task_set_task_data (gtask, g_object_ref (task), g_object_unref);
  if (!kling_poller_can_cancel (self, task))
    {
      g_task_return_new_error (gtask, KLING_ERROR, KLING_ERROR_INVALID_INPUT, "%s",
                               kling_task_get_auth_mode (task) == KLING_AUTH_FAL
                               ? _("Only a generation still waiting in fal’s queue can be cancelled")
                               : _("Kling’s API cannot withdraw a task once it is sent"));
      return;
    }
  kling_client_cancel_task_async (self->client, kling_task_get_task_id (task),
                                  kling_task_get_queue_url (task, KLING_QUEUE_CANCEL_URL),
                                  cancellable, cancelled_cb, g_steal_pointer (&gtask));
}

gboolean
kling_poller_cancel_finish (KlingPoller   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
