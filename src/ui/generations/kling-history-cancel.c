/* kling-history-cancel.c — Cancel on a generation still waiting in fal's queue
 *
 * The row offers it only while the last answer said IN_QUEUE (Kling's API
 * has no cancel). The outcome is told in a toast: fal took the request out
 * of its queue (the row then says Cancelled), or it had already started and
 * goes on, in fal's terms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-history-cancel.h"
#include "kling-toast.h"

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (kling_poller_cancel_finish (KLING_POLLER (source), result, &error))
    text = g_strdup (_("Generation cancelled: fal took it out of its queue before it started"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    /* TRANSLATORS: why a generation could not be cancelled */
    text = g_strdup_printf (_("Not cancelled: %s"), error->message);
  if (gtk_widget_get_root (GTK_WIDGET (overlay)) != NULL)
    kling_toast_add (overlay, kling_toast_new_plain (text));
}

/**
 * kling_history_cancel_queued:
 * @overlay: where the outcome is told
 */
void
kling_history_cancel_queued (AdwToastOverlay *overlay,
                             KlingPoller     *poller,
                             KlingTask       *task,
                             GCancellable    *cancellable)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (KLING_IS_POLLER (poller));

  kling_poller_cancel_async (poller, task, cancellable, cancelled_cb, g_object_ref (overlay));
}
