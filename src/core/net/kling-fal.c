/* kling-fal.c — fal's queue protocol: submit, follow, cancel
 *
 * Submit POSTs to `{queue}/{model path}`; the answer names the request's
 * status, result and cancel addresses, which are followed as given: they
 * live under the app id (`fal-ai/kling-video/requests/{id}`), and the same
 * paths under the model's path answer 405. A submit is never sent again by
 * itself: fal keeps no id of ours, so a lost answer leaves the request
 * "may have been created" (kling-api-call.c). The key goes only to the
 * queue's host (kling_client_authorize()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-api-call.h"
#include "kling-client-private.h"
#include "kling-error.h"
#include "kling-fal.h"

/**
 * kling_fal_url_is_queue:
 *
 * Returns: whether @url has the scheme, host and port of @client's queue base
 */
gboolean
kling_fal_url_is_queue (KlingClient *client,
                        const char  *url)
{
  g_autoptr(GUri) base = g_uri_parse (kling_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) other = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return base != NULL && other != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (base), g_uri_get_scheme (other)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (base) ?: "", g_uri_get_host (other) ?: "") == 0 &&
         g_uri_get_port (base) == g_uri_get_port (other);
}

/* An address from an answer that is not on the queue's host is not
 * followed: it would need the key, which stays with the queue. */
static gboolean
check_queue_url (KlingClient  *client,
                 const char   *url,
                 GError      **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (kling_fal_url_is_queue (client, url))
    return TRUE;
  g_set_error (error, KLING_ERROR, KLING_ERROR_PROTOCOL,
               _("fal answered with an address on another host (%s); the key is sent to %s only"),
               uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "?",
               kling_client_get_base_url (client));
  return FALSE;
}

void
kling_fal_submit_async (KlingClient         *client,
                        GBytes              *kling_body,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *model_path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  KlingApiRequest request = { KLING_API_CALL_CREATE, SOUP_METHOD_POST, NULL, NULL,
                              (KlingApiParseFunc) kling_fal_parse_submit,
                              (GDestroyNotify) kling_task_info_free };

  body = kling_fal_body_from_kling (kling_body, &model_path, &error);
  if (body == NULL)
    {
      g_task_report_error (client, callback, user_data, kling_client_create_task_async, error);
      return;
    }
  url = g_strconcat (kling_client_get_base_url (client), "/", model_path, NULL);
  request.url = url;
  request.body = body;
  kling_api_call_start_request (client, &request, cancellable, callback, user_data,
                                kling_client_create_task_async);
}

/* ---- Following a request ----------------------------------------------- */

/* The documented address of a request under the app id (status, result and
 * cancel live there, not under the model's path), for a request id without
 * the addresses its submit answered (one typed on the command line). */
static char *
request_url (KlingClient *client,
             const char  *request_id,
             const char  *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (request_id, NULL, FALSE);

  return g_strdup_printf ("%s/" KLING_FAL_APP_ID "/requests/%s%s",
                          kling_client_get_base_url (client), escaped, suffix);
}

typedef struct {
  char *request_id;
  char *response_url;
} FollowData;

static void
follow_data_free (FollowData *data)
{
  g_free (data->request_id);
  g_free (data->response_url);
  g_free (data);
}

static void
return_info (GTask         *task,
             KlingTaskInfo *info)
{
  FollowData *data = g_task_get_task_data (task);

  g_free (info->task_id);
  info->task_id = g_strdup (data->request_id);
  if (info->request_id == NULL)
    info->request_id = g_strdup (data->request_id);
  g_task_return_pointer (task, info, (GDestroyNotify) kling_task_info_free);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  KlingTaskInfo *info = g_task_propagate_pointer (G_TASK (result), &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    return_info (task, info);
}

static void
on_status (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FollowData *data = g_task_get_task_data (task);
  KlingClient *client = KLING_CLIENT (source);
  GError *error = NULL;
  g_autoptr(KlingTaskInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  KlingApiRequest request = { KLING_API_CALL_QUERY, SOUP_METHOD_GET, NULL, NULL,
                              (KlingApiParseFunc) kling_fal_parse_result,
                              (GDestroyNotify) kling_task_info_free };

  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (info->status != KLING_TASK_STATUS_UNKNOWN)
    {
      return_info (task, g_steal_pointer (&info));
      return;
    }

  /* COMPLETED: the result says whether there is a video. */
  request.url = data->response_url != NULL ? data->response_url : info->response_url;
  if (request.url == NULL || !check_queue_url (client, request.url, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (KLING_ERROR, KLING_ERROR_PROTOCOL,
                                     _("fal says the request is done but gave no address for its result"));
      g_task_return_error (task, error);
      return;
    }
  kling_api_call_start_request (client, &request, g_task_get_cancellable (task), on_result,
                                g_object_ref (task), on_result);
}

/**
 * kling_fal_follow_async:
 * @status_url: (nullable): from the submit answer; without it (a request id
 *   typed on the command line), the app id's documented path
 * @response_url: (nullable): likewise
 */
void
kling_fal_follow_async (KlingClient         *client,
                        const char          *request_id,
                        const char          *status_url,
                        const char          *response_url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autofree char *request_base = request_url (client, request_id, "");
  g_autofree char *status = NULL;
  FollowData *data = g_new0 (FollowData, 1);
  GError *error = NULL;
  KlingApiRequest request = { KLING_API_CALL_QUERY, SOUP_METHOD_GET, NULL, NULL,
                              (KlingApiParseFunc) kling_fal_parse_status,
                              (GDestroyNotify) kling_task_info_free };

  g_task_set_source_tag (task, kling_client_follow_task_async);
  data->request_id = g_strdup (request_id);
  data->response_url = g_strdup (response_url != NULL ? response_url
                                 : status_url == NULL ? request_base : NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) follow_data_free);

  status = status_url != NULL ? g_strdup (status_url) : g_strconcat (request_base, "/status", NULL);
  if (!check_queue_url (client, status, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  request.url = status;
  kling_api_call_start_request (client, &request, cancellable, on_status, g_steal_pointer (&task),
                                on_status);
}

/* ---- Cancelling -------------------------------------------------------- */

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(KlingTaskInfo) info = g_task_propagate_pointer (G_TASK (result), &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
kling_fal_cancel_async (KlingClient         *client,
                        const char          *request_id,
                        const char          *cancel_url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autofree char *url = cancel_url != NULL ? g_strdup (cancel_url) : request_url (client, request_id, "/cancel");
  GError *error = NULL;
  KlingApiRequest request = { KLING_API_CALL_QUERY, SOUP_METHOD_PUT, url, NULL,
                              (KlingApiParseFunc) kling_fal_parse_cancel,
                              (GDestroyNotify) kling_task_info_free };

  g_task_set_source_tag (task, kling_client_cancel_task_async);
  if (!check_queue_url (client, url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  kling_api_call_start_request (client, &request, cancellable, on_cancelled, g_steal_pointer (&task),
                                on_cancelled);
}
