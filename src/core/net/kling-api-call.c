/* kling-api-call.c — one API request, from sending to a parsed answer
 *
 * A small state machine on a GTask: send, read the body in chunks under a
 * size cap, parse, and then either finish or wait (on the task's main
 * context, cancellably) and send again. What may be sent again is decided
 * in api_call_failed(): rate limits always; GETs after server, network and
 * protocol failures; a create only after looking it up by external id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-api-call.h"
#include "kling-client-private.h"
#include "kling-error.h"

#define READ_CHUNK_SIZE (64 * 1024)

/* Waits between attempts never exceed these, whatever the server asks. */
#define MAX_BACKOFF_MS (60 * 1000)
/* A server that is down, or a network that is, rarely recovers within
 * seconds: a few quick tries, then the caller (the poller, or the user) decides. */
#define MAX_TRANSIENT_ATTEMPTS 3

typedef struct {
  KlingApiCallKind kind;
  const char    *method;
  char          *path;               /* after the base, with its query; or a whole URL */
  gboolean       path_is_url;
  KlingApiParseFunc parse;           /* NULL: Kling's answers */
  GDestroyNotify free_result;
  GBytes        *body;
  char          *external_task_id;

  guint          attempts;
  guint          next_delay_ms;
  gboolean       renewed_jwt;
  gboolean       permanent;          /* a failure that sending again cannot fix */
  gboolean       wrote_body;         /* the request left whole: the server may have acted */
  guint          retry_after_ms;     /* what the last answer asked, 0 if nothing */

  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *buffer;
  GSource       *wait_source;
  GSource       *cancel_source;
} ApiCall;

static void
api_call_close_stream (ApiCall *call)
{
  /* libsoup drops the connection of an unfinished body rather than drain it. */
  if (call->stream != NULL)
    g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&call->stream);
}

static void
api_call_clear_wait (ApiCall *call)
{
  if (call->wait_source != NULL)
    g_source_destroy (call->wait_source);
  g_clear_pointer (&call->wait_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
}

static void
api_call_free (ApiCall *call)
{
  api_call_clear_wait (call);
  api_call_close_stream (call);
  g_clear_object (&call->message);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->external_task_id);
  g_free (call->path);
  g_free (call);
}

static void api_call_send (GTask *task);
static void api_call_failed (GTask *task, GError *error);


static void
api_call_succeeded (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);
  KlingClient *self = g_task_get_source_object (task);
  guint status = soup_message_get_status (call->message);
  const char *data = (const char *) call->buffer->data;
  GError *error = NULL;

  /* The path holds no secret; the Authorization header is never logged. */
  g_debug ("%s %s%s → HTTP %u, %u bytes", call->method, call->path_is_url ? "" : self->base_url,
           call->path, status, call->buffer->len);

  if (call->parse != NULL)
    {
      gpointer value = call->parse (status, data, call->buffer->len, &error);

      if (value == NULL)
        api_call_failed (task, error);
      else
        g_task_return_pointer (task, value, call->free_result);
    }
  else if (call->kind == KLING_API_CALL_LIST)
    {
      GPtrArray *tasks = kling_response_parse_task_list (status, data, call->buffer->len, &error);

      if (tasks == NULL)
        api_call_failed (task, error);
      else
        g_task_return_pointer (task, tasks, (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      KlingTaskInfo *info = kling_response_parse_task (status, data, call->buffer->len, &error);

      if (info == NULL)
        api_call_failed (task, error);
      else
        {
          /* A relay's create answer does not echo our external id. */
          if (info->external_task_id == NULL && call->external_task_id != NULL)
            info->external_task_id = g_strdup (call->external_task_id);
          g_task_return_pointer (task, info, (GDestroyNotify) kling_task_info_free);
        }
    }

}

static void
api_call_body_read (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  goffset expected = soup_message_headers_get_content_length (headers);

  api_call_close_stream (call);

  /* With Content-Encoding the length is that of the compressed body. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      (goffset) call->buffer->len < expected)
    {
      api_call_failed (task, g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                                          _("The server's answer was cut short (%u of %lld bytes, HTTP %u)"),
                                          call->buffer->len, (long long) expected,
                                          soup_message_get_status (call->message)));
      return;
    }

  api_call_succeeded (task);
}

static GError *
error_too_large (void)
{
  return g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                      _("The server's answer is larger than %d MiB"),
                      KLING_MAX_RESPONSE_SIZE / (1024 * 1024));
}

static void api_call_read_next (GTask *task);

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApiCall *call = g_task_get_task_data (task);
  KlingClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        api_call_failed (task, g_error_new (KLING_ERROR, KLING_ERROR_PROTOCOL,
                                            _("The server's answer was cut short (%s)"), error->message));
      else
        api_call_failed (task, g_error_new (KLING_ERROR, KLING_ERROR_NETWORK,
                                            _("The connection failed while reading the server's answer: %s"),
                                            error->message));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      api_call_body_read (task);
      return;
    }

  self->bytes_received += g_bytes_get_size (chunk);
  g_byte_array_append (call->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (call->buffer->len > KLING_MAX_RESPONSE_SIZE)
    {
      call->permanent = TRUE;
      api_call_failed (task, error_too_large ());
      return;
    }

  api_call_read_next (task);
}

static void
api_call_read_next (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);
  /* Never ask for more than one byte past the cap. */
  gsize wanted = MIN (READ_CHUNK_SIZE, KLING_MAX_RESPONSE_SIZE + 1 - call->buffer->len);

  g_input_stream_read_bytes_async (call->stream, wanted, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   on_chunk_read, g_object_ref (task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (call->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        api_call_failed (task, g_error_new (KLING_ERROR, KLING_ERROR_NETWORK,
                                            _("Could not reach the server: %s"), error->message));
      return;
    }

  status = soup_message_get_status (call->message);
  headers = soup_message_get_response_headers (call->message);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      call->permanent = TRUE;
      api_call_failed (task, kling_api_error_redirected (call->message));
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      soup_message_headers_get_content_length (headers) > KLING_MAX_RESPONSE_SIZE)
    {
      call->permanent = TRUE;
      api_call_failed (task, error_too_large ());
      return;
    }

  call->buffer = g_byte_array_new ();
  api_call_read_next (task);
}

/* Only a request that left whole can have made a task: a refused connection
 * or a body cut on its way out made nothing, and needs no lookup. */
static void
on_wrote_body (ApiCall *call)
{
  call->wrote_body = TRUE;
}

static void
api_call_send (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);
  KlingClient *self = g_task_get_source_object (task);
  g_autofree char *url = call->path_is_url ? g_strdup (call->path)
                                            : g_strconcat (self->base_url, call->path, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  api_call_close_stream (call);
  g_clear_object (&call->message);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  call->permanent = FALSE;
  call->wrote_body = FALSE;
  call->retry_after_ms = 0;

  call->message = soup_message_new (call->method, url);
  if (call->message == NULL)
    {
      g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                               _("Could not build a request for the API base URL"));
      return;
    }

  /* A redirect could carry the Authorization header to another host. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (call->message),
                                "Accept", "application/json");
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);
  kling_client_authorize (self, call->message);
  g_signal_connect_swapped (call->message, "wrote-body", G_CALLBACK (on_wrote_body), call);

  call->attempts++;
  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

/* ---- Deciding what to do after a failure ------------------------------- */

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  ApiCall *call = g_task_get_task_data (task);

  api_call_clear_wait (call);
  api_call_send (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  ApiCall *call = g_task_get_task_data (task);

  api_call_clear_wait (call);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

/* Waits without blocking (on the task's own context), then sends again.
 * The sources hold the task; whichever fires first removes both. */
static void
api_call_wait_and_resend (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);
  guint delay = call->retry_after_ms > 0 ? call->retry_after_ms : call->next_delay_ms;
  GCancellable *cancellable = g_task_get_cancellable (task);

  call->next_delay_ms = MIN (call->next_delay_ms * 2, MAX_BACKOFF_MS);
  g_debug ("%s %s: trying again in %u ms (attempt %u)", call->method, call->path, delay, call->attempts + 1);

  call->wait_source = g_timeout_source_new (delay);
  g_source_set_callback (call->wait_source, on_wait_done, g_object_ref (task), g_object_unref);
  g_source_attach (call->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (on_wait_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

typedef struct {
  GTask  *task;
  GError *error;    /* the POST's failure, returned if the lookup cannot help */
} LookupData;

static GError *
error_cannot_look_up (const GError *post_error)
{
  return g_error_new (KLING_ERROR, KLING_ERROR_UNCONFIRMED,
                      _("The request may have been created: its answer was lost (%s), "
                        "and this server cannot look it up. It was not sent again."),
                      post_error->message);
}

static void
on_lost_post_looked_up (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LookupData *lookup = user_data;
  g_autoptr(GTask) task = lookup->task;
  g_autoptr(GError) post_error = lookup->error;
  ApiCall *call = g_task_get_task_data (task);
  KlingClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  KlingTaskInfo *info = kling_client_find_task_finish (KLING_CLIENT (source), result, &error);

  g_free (lookup);

  if (info != NULL)
    g_task_return_pointer (task, info, (GDestroyNotify) kling_task_info_free);
  else if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error == NULL && call->attempts < self->max_attempts)
    api_call_wait_and_resend (task);
  else if (error == NULL)
    /* Not there, and no tries left: nothing was created. */
    g_task_return_error (task, g_steal_pointer (&post_error));
  else if (g_error_matches (error, KLING_ERROR, KLING_ERROR_UNCONFIRMED))
    /* Whether the task exists is unknown: the caller keeps the external id. */
    g_task_return_error (task, error_cannot_look_up (post_error));
  else
    g_task_return_new_error (task, KLING_ERROR, KLING_ERROR_UNCONFIRMED,
                             _("The request may have been created: its answer was lost (%s), "
                               "and looking it up failed (%s). It was not sent again."),
                             post_error->message, error->message);
}

/* A create whose answer was lost may have made a task: look for it before
 * sending again, so that one click never makes two paid tasks. */
static void
api_call_look_up_lost_post (GTask  *task,
                            GError *error)
{
  ApiCall *call = g_task_get_task_data (task);
  LookupData *lookup = g_new0 (LookupData, 1);

  g_debug ("POST %s failed (%s); looking the task up by its external id", call->path, error->message);
  lookup->task = g_object_ref (task);
  lookup->error = error;
  kling_client_find_task_async (g_task_get_source_object (task), call->external_task_id,
                                g_task_get_cancellable (task), on_lost_post_looked_up, lookup);
}

static gboolean
api_call_jwt_expired (GTask *task)
{
  ApiCall *call = g_task_get_task_data (task);

  int code;

  if (call->buffer == NULL)
    return FALSE;
  /* A relay says "invalid_token" with no number: renewing once is cheap. */
  code = kling_response_get_server_code ((const char *) call->buffer->data, call->buffer->len);
  return code == 1004 || code == -1;
}

/* Takes @error. */
static void
api_call_failed (GTask  *task,
                 GError *error)
{
  ApiCall *call = g_task_get_task_data (task);
  KlingClient *self = g_task_get_source_object (task);
  gboolean attempts_left = call->attempts < self->max_attempts;
  gboolean transient;

  api_call_close_stream (call);
  if (call->message != NULL)
    call->retry_after_ms = kling_api_retry_after_ms (call->message);
  /* The message names the server's code and request id, never a credential. */
  g_debug ("%s %s failed, HTTP %u: %s", call->method, call->path,
           call->message != NULL ? soup_message_get_status (call->message) : 0, error->message);

  if (g_error_matches (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION) &&
      self->auth_mode == KLING_AUTH_JWT && !call->renewed_jwt && api_call_jwt_expired (task))
    {
      /* Expired although our clock said otherwise: mint a new one, once. */
      call->renewed_jwt = TRUE;
      kling_client_forget_jwt (self);
      g_error_free (error);
      api_call_send (task);
      return;
    }

  /* 1302/1303: the server refused before doing anything; sending again is safe. */
  if (g_error_matches (error, KLING_ERROR, KLING_ERROR_RATE_LIMITED) && attempts_left)
    {
      g_error_free (error);
      api_call_wait_and_resend (task);
      return;
    }

  transient = error->domain == KLING_ERROR &&
              (error->code == KLING_ERROR_SERVER || error->code == KLING_ERROR_NETWORK ||
               (error->code == KLING_ERROR_PROTOCOL && !call->permanent));

  if (transient && call->kind != KLING_API_CALL_CREATE &&
      call->attempts < MIN (self->max_attempts, MAX_TRANSIENT_ATTEMPTS))
    {
      g_error_free (error);
      api_call_wait_and_resend (task);
      return;
    }
  if (transient && call->kind == KLING_API_CALL_CREATE && call->external_task_id != NULL &&
      call->wrote_body)
    {
      api_call_look_up_lost_post (task, error);
      return;
    }
  /* A queue (fal) keeps no id of ours: a lost submit cannot be found. */
  if (transient && call->kind == KLING_API_CALL_CREATE && call->path_is_url && call->wrote_body)
    {
      g_task_return_error (task, error_cannot_look_up (error));
      g_error_free (error);
      return;
    }

  g_task_return_error (task, error);
}

/* Takes @call; the task it makes sends it. */
static void
api_call_begin (KlingClient         *client,
                ApiCall             *call,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  call->next_delay_ms = client->first_delay_ms;
  g_task_set_task_data (task, call, (GDestroyNotify) api_call_free);
  api_call_send (task);
}

/**
 * kling_api_call_start:
 * @path: (transfer full): what follows the base, with its query
 * @body: (nullable): the JSON body of a create
 * @external_task_id: (nullable): the create's external id, to find it again
 *
 * Sends one API request and finishes @callback's GTask with the parsed
 * KlingTaskInfo (or GPtrArray of them for a list), trying again as the
 * client's retry policy allows.
 */
void
kling_api_call_start (KlingClient         *client,
                      KlingApiCallKind     kind,
                      char                *path,
                      GBytes              *body,
                      const char          *external_task_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  ApiCall *call = g_new0 (ApiCall, 1);

  call->kind = kind;
  call->method = kind == KLING_API_CALL_CREATE ? SOUP_METHOD_POST : SOUP_METHOD_GET;
  call->path = path;
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->external_task_id = g_strdup (external_task_id);
  api_call_begin (client, call, cancellable, callback, user_data, source_tag);
}

/**
 * kling_api_call_start_request:
 * @request: where to send what, and how to read the answer
 *
 * Like kling_api_call_start(), to a whole URL a server gave; the
 * Authorization header still goes only where kling_client_authorize() allows.
 */
void
kling_api_call_start_request (KlingClient           *client,
                              const KlingApiRequest *request,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data,
                              gpointer               source_tag)
{
  ApiCall *call = g_new0 (ApiCall, 1);

  call->kind = request->kind;
  call->method = request->method;
  call->path = g_strdup (request->url);
  call->path_is_url = TRUE;
  call->parse = request->parse;
  call->free_result = request->free_result;
  call->body = request->body != NULL ? g_bytes_ref (request->body) : NULL;
  api_call_begin (client, call, cancellable, callback, user_data, source_tag);
}
