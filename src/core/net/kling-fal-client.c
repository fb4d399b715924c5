/* kling-fal-client.c — KlingClient's calls that differ for a queue provider
 *
 * The constructor of a fal client and the public calls that only a queue
 * has a use for (following its addresses, cancelling, checking a body before
 * it is sent); Kling's providers go on to kling-client.c's calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-client-private.h"
#include "kling-credentials.h"
#include "kling-error.h"
#include "kling-fal.h"

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

const char *
kling_fal_queue_base (void)
{
  const char *base = getenv_nonempty ("FAL_QUEUE_BASE");

  return base != NULL ? base : KLING_FAL_DEFAULT_QUEUE_BASE;
}

const char *
kling_fal_environment_key (void)
{
  return getenv_nonempty ("FAL_KEY");
}

/**
 * kling_client_new_fal:
 * @queue_base: (nullable): fal's queue, %NULL for kling_fal_queue_base();
 *   `http://` only on loopback, like every base
 * @key: the fal key, sent as `Authorization: Key <key>` to the queue only
 *
 * Returns: (transfer full) (nullable): a client that sends to fal's queue
 */
KlingClient *
kling_client_new_fal (const char  *queue_base,
                      const char  *key,
                      GError     **error)
{
  const CredentialProblems problems = {
    _("The fal key is empty"),
    _("The fal key contains spaces or characters that are not plain ASCII"),
  };
  g_autoptr(KlingClient) self = NULL;
  g_autofree char *clean = kling_client_clean_credential (key, &problems, error);

  if (clean == NULL)
    return NULL;
  self = kling_client_new_with (queue_base != NULL ? queue_base : kling_fal_queue_base (),
                                KLING_AUTH_FAL, error);
  if (self == NULL)
    {
      kling_client_clear_secret (&clean);
      return NULL;
    }
  self->token = g_steal_pointer (&clean);
  return g_steal_pointer (&self);
}

void
kling_client_follow_task_async (KlingClient         *self,
                                const char          *task_id,
                                const char          *status_url,
                                const char          *response_url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KLING_IS_CLIENT (self));

  if (self->auth_mode != KLING_AUTH_FAL)
    {
      kling_client_query_task_async (self, task_id, cancellable, callback, user_data);
      return;
    }
  if (task_id == NULL || *task_id == '\0')
    {
      g_task_report_new_error (self, callback, user_data, kling_client_follow_task_async,
                               KLING_ERROR, KLING_ERROR_INVALID_INPUT, _("The request id is empty"));
      return;
    }
  kling_fal_follow_async (self, task_id, status_url, response_url, cancellable, callback, user_data);
}

gboolean
kling_client_check_body (KlingClient  *self,
                         GBytes       *body,
                         GError      **error)
{
  g_autoptr(GBytes) fal_body = NULL;

  g_return_val_if_fail (KLING_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (self->auth_mode != KLING_AUTH_FAL)
    return TRUE;
  fal_body = kling_fal_body_from_kling (body, NULL, error);
  return fal_body != NULL;
}

void
kling_client_cancel_task_async (KlingClient         *self,
                                const char          *task_id,
                                const char          *cancel_url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KLING_IS_CLIENT (self));

  if (self->auth_mode != KLING_AUTH_FAL)
    {
      g_task_report_new_error (self, callback, user_data, kling_client_cancel_task_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Kling’s API cannot withdraw a task once it is sent"));
      return;
    }
  if (cancel_url == NULL && (task_id == NULL || *task_id == '\0'))
    {
      g_task_report_new_error (self, callback, user_data, kling_client_cancel_task_async,
                               KLING_ERROR, KLING_ERROR_INVALID_INPUT, _("The request id is empty"));
      return;
    }
  kling_fal_cancel_async (self, task_id, cancel_url, cancellable, callback, user_data);
}

gboolean
kling_client_cancel_task_finish (KlingClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Where the key comes from ------------------------------------------ */

static void
fal_key_looked_up (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = kling_credentials_lookup_finish (result, &error);
  KlingClient *client;

  if (key == NULL && error == NULL)
    error = g_error_new_literal (KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                                 _("No fal key is saved: open Preferences to enter it"));
  client = key != NULL ? kling_client_new_fal (NULL, key, &error) : NULL;
  kling_credentials_free_secret (key);
  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

/**
 * kling_fal_make_client_async:
 *
 * A fal client with FAL_KEY, else the key kept in the keyring; the queue
 * is FAL_QUEUE_BASE's, else fal's. Finish with
 * kling_credentials_make_client_finish().
 */
void
kling_fal_make_client_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  KlingClient *client;

  g_task_set_source_tag (task, kling_credentials_make_client_async);
  if (!kling_base_url_check (kling_fal_queue_base (), &error))
    {
      g_prefix_error (&error, "FAL_QUEUE_BASE: ");
      g_task_return_error (task, error);
      return;
    }
  if (kling_fal_environment_key () == NULL)
    {
      kling_credentials_lookup_async (KLING_PROVIDER_FAL, KLING_CREDENTIAL_TOKEN, cancellable,
                                      fal_key_looked_up, g_steal_pointer (&task));
      return;
    }
  client = kling_client_new_fal (NULL, kling_fal_environment_key (), &error);
  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}
