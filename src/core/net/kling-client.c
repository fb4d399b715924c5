/* kling-client.c — the one connection to the Kling API
 *
 * One SoupSession per client, its provider and credentials, and the public
 * calls. Each request runs in kling-api-call.c; the base URL's checks live in
 * kling-client-url.c and the lookup by external id in kling-client-find.c.
 *
 * The token is put on each API message only: never on the session, never in
 * a URL, a log line or an error message. Redirects are not followed, so the
 * token cannot be carried to another host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-api-call.h"
#include "kling-client-private.h"
#include "kling-error.h"
#include "kling-fal.h"
#include "kling-jwt.h"

#define USER_AGENT "KlingStudio/" PACKAGE_VERSION
/* libsoup 3 has two timeouts: `timeout` bounds every socket operation —
 * connecting, waiting for the first byte of an answer, and any stall while
 * one arrives — and `idle-timeout` closes pooled connections nobody uses.
 * There is no whole-transfer timeout: a video that keeps arriving is never
 * cut, however long it takes. So `timeout` is the one that matters, and it
 * is short: an API answer is a few KB, and a server silent for this long is
 * not answering (three GET tries then end within a minute, not four). The
 * environment's KLING_NET_TIMEOUT (seconds) overrides it, for tests. */
#define IO_TIMEOUT_SECONDS 15

/* A JWT is renewed when fewer than this many seconds of it remain. */
#define JWT_RENEW_MARGIN (5 * 60)

#define TASKS_PATH "/v1/videos/image2video"

G_DEFINE_FINAL_TYPE (KlingClient, kling_client, G_TYPE_OBJECT)

/* Secrets are wiped before their memory goes back to the allocator. */
void
kling_client_clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
kling_client_dispose (GObject *object)
{
  KlingClient *self = KLING_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kling_client_parent_class)->dispose (object);
}

static void
kling_client_finalize (GObject *object)
{
  KlingClient *self = KLING_CLIENT (object);

  g_free (self->base_url);
  kling_client_clear_secret (&self->token);
  kling_client_clear_secret (&self->access_key);
  kling_client_clear_secret (&self->secret_key);
  kling_client_clear_secret (&self->jwt);

  G_OBJECT_CLASS (kling_client_parent_class)->finalize (object);
}

static void
kling_client_class_init (KlingClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kling_client_dispose;
  object_class->finalize = kling_client_finalize;
}

static void
kling_client_init (KlingClient *self)
{
  const char *timeout = g_getenv ("KLING_NET_TIMEOUT");
  guint64 timeout_s = timeout != NULL ? g_ascii_strtoull (timeout, NULL, 10) : 0;

  self->first_delay_ms = 1000;
  self->max_attempts = 6;
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", (guint) (timeout_s > 0 && timeout_s < 3600
                                                                     ? timeout_s : IO_TIMEOUT_SECONDS),
                                                 NULL);
  /* The Authorization header is ours alone: no cached or prompted credentials. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
}

/* ---- Credentials -------------------------------------------------------- */

/* Trims what a copy and paste adds; refuses what cannot go in a header. */
char *
kling_client_clean_credential (const char               *value,
                               const CredentialProblems *problems,
                               GError                  **error)
{
  g_autofree char *clean = NULL;
  const char *p;

  clean = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (*clean == '\0')
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS, problems->empty);
      return NULL;
    }
  for (p = clean; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      {
        /* Never quote the value: it is a secret. */
        g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT, problems->not_ascii);
        kling_client_clear_secret (&clean);
        return NULL;
      }

  return g_steal_pointer (&clean);
}

KlingClient *
kling_client_new_with (const char    *base_url,
                       KlingAuthMode  auth_mode,
                       GError       **error)
{
  g_autofree char *base = kling_base_url_normalize (base_url, error);
  KlingClient *self;

  if (base == NULL)
    return NULL;

  self = g_object_new (KLING_TYPE_CLIENT, NULL);
  self->base_url = g_steal_pointer (&base);
  self->auth_mode = auth_mode;
  return self;
}

/**
 * kling_client_new_bearer:
 * @base_url: (nullable): the proxy's base URL, %NULL for %KLING_DEFAULT_PROXY_BASE
 * @token: the proxy's API token
 *
 * Returns: (transfer full) (nullable): a client sending `Authorization: Bearer <token>`
 */
KlingClient *
kling_client_new_bearer (const char  *base_url,
                         const char  *token,
                         GError     **error)
{
  const CredentialProblems problems = {
    _("The API token is empty"),
    _("The API token contains spaces or characters that are not plain ASCII"),
  };
  g_autoptr(KlingClient) self = NULL;
  g_autofree char *clean = kling_client_clean_credential (token, &problems, error);

  if (clean == NULL)
    return NULL;

  self = kling_client_new_with (base_url != NULL ? base_url : KLING_DEFAULT_PROXY_BASE, KLING_AUTH_BEARER, error);
  if (self == NULL)
    {
      kling_client_clear_secret (&clean);
      return NULL;
    }
  self->token = g_steal_pointer (&clean);
  return g_steal_pointer (&self);
}

/**
 * kling_client_new_official:
 * @base_url: (nullable): %NULL for %KLING_DEFAULT_OFFICIAL_BASE
 * @access_key: the account's access key
 * @secret_key: its secret key, used only to sign JWTs
 *
 * Returns: (transfer full) (nullable): a client sending a JWT it mints
 */
KlingClient *
kling_client_new_official (const char  *base_url,
                           const char  *access_key,
                           const char  *secret_key,
                           GError     **error)
{
  const CredentialProblems access_problems = {
    _("The access key is empty"),
    _("The access key contains spaces or characters that are not plain ASCII"),
  };
  const CredentialProblems secret_problems = {
    _("The secret key is empty"),
    _("The secret key contains spaces or characters that are not plain ASCII"),
  };
  g_autoptr(KlingClient) self = NULL;
  g_autofree char *access = NULL;
  g_autofree char *secret = NULL;

  access = kling_client_clean_credential (access_key, &access_problems, error);
  if (access == NULL)
    return NULL;
  secret = kling_client_clean_credential (secret_key, &secret_problems, error);
  if (secret == NULL)
    return NULL;

  self = kling_client_new_with (base_url != NULL ? base_url : KLING_DEFAULT_OFFICIAL_BASE, KLING_AUTH_JWT, error);
  if (self == NULL)
    {
      kling_client_clear_secret (&secret);
      return NULL;
    }
  self->access_key = g_steal_pointer (&access);
  self->secret_key = g_steal_pointer (&secret);
  return g_steal_pointer (&self);
}

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * kling_client_new_from_environment:
 *
 * KLING_API_TOKEN (a proxy's Bearer token) wins over KLING_ACCESS_KEY +
 * KLING_SECRET_KEY (official keys); KLING_API_BASE overrides the base URL.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with
 *   %KLING_ERROR_NO_CREDENTIALS when nothing is set
 */
KlingClient *
kling_client_new_from_environment (GError **error)
{
  const char *base = getenv_nonempty ("KLING_API_BASE");
  const char *token = getenv_nonempty ("KLING_API_TOKEN");
  const char *access_key = getenv_nonempty ("KLING_ACCESS_KEY");
  const char *secret_key = getenv_nonempty ("KLING_SECRET_KEY");

  if (token != NULL)
    return kling_client_new_bearer (base, token, error);
  if (access_key != NULL && secret_key != NULL)
    return kling_client_new_official (base, access_key, secret_key, error);

  if (access_key != NULL || secret_key != NULL)
    g_set_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                 _("%s is set but %s is not: the official API needs both keys"),
                 access_key != NULL ? "KLING_ACCESS_KEY" : "KLING_SECRET_KEY",
                 access_key != NULL ? "KLING_SECRET_KEY" : "KLING_ACCESS_KEY");
  else
    g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                         _("No credentials: set KLING_API_TOKEN to a proxy's API token, or KLING_ACCESS_KEY and "
                           "KLING_SECRET_KEY to Kling's official keys (and KLING_API_BASE for another server)"));
  return NULL;
}

const char *
kling_client_get_base_url (KlingClient *self)
{
  g_return_val_if_fail (KLING_IS_CLIENT (self), NULL);
  return self->base_url;
}

KlingAuthMode
kling_client_get_auth_mode (KlingClient *self)
{
  g_return_val_if_fail (KLING_IS_CLIENT (self), KLING_AUTH_BEARER);
  return self->auth_mode;
}

SoupSession *
kling_client_get_session (KlingClient *self)
{
  g_return_val_if_fail (KLING_IS_CLIENT (self), NULL);
  return self->session;
}

/**
 * kling_client_set_official_host:
 * @host: the official server @self talks to, as the user chose it
 *
 * Kling's two official sites give keys that the other one refuses with an
 * opaque authentication error. Only a client whose server was chosen this
 * way (not a proxy, not a custom server, not one KLING_API_BASE names) can
 * say so, whatever its URL looks like: the caller that knows the provider
 * (kling_credentials_make_client_async()) marks it.
 */
void
kling_client_set_official_host (KlingClient       *self,
                                KlingOfficialHost  host)
{
  g_return_if_fail (KLING_IS_CLIENT (self));
  g_return_if_fail (self->auth_mode == KLING_AUTH_JWT);
  g_return_if_fail (host == KLING_OFFICIAL_HOST_SINGAPORE || host == KLING_OFFICIAL_HOST_BEIJING);

  self->has_official_host = TRUE;
  self->official_host = host;
}

/**
 * kling_client_get_official_host:
 * @host: (out) (optional): the server set by kling_client_set_official_host()
 *
 * Returns: whether @self was marked as talking to an official server
 */
gboolean
kling_client_get_official_host (KlingClient       *self,
                                KlingOfficialHost *host)
{
  g_return_val_if_fail (KLING_IS_CLIENT (self), FALSE);

  if (host != NULL)
    *host = self->official_host;
  return self->has_official_host;
}

void
kling_client_set_retry_policy (KlingClient *self,
                               guint        first_delay_ms,
                               guint        max_attempts)
{
  g_return_if_fail (KLING_IS_CLIENT (self));

  self->first_delay_ms = first_delay_ms;
  self->max_attempts = MAX (max_attempts, 1);
}

/**
 * kling_client_set_clock_offset:
 * @seconds: added to the system clock when minting JWTs
 *
 * For a machine whose clock is known to be off, and for tests that let time
 * pass without waiting.
 */
void
kling_client_set_clock_offset (KlingClient *self,
                               gint64       seconds)
{
  g_return_if_fail (KLING_IS_CLIENT (self));
  self->clock_offset = seconds;
}

/**
 * kling_client_get_bytes_received:
 *
 * Returns: how many response body bytes this client has read in all
 */
guint64
kling_client_get_bytes_received (KlingClient *self)
{
  g_return_val_if_fail (KLING_IS_CLIENT (self), 0);
  return self->bytes_received;
}

static gint64
client_now (KlingClient *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

/* The JWT is minted on first use and renewed when it is about to expire. */
static const char *
client_get_jwt (KlingClient *self)
{
  gint64 now = client_now (self);

  if (self->jwt == NULL || self->jwt_expires_at - now < JWT_RENEW_MARGIN)
    {
      kling_client_clear_secret (&self->jwt);
      self->jwt = kling_jwt_new (self->access_key, self->secret_key, now, KLING_JWT_LIFETIME);
      self->jwt_expires_at = now + KLING_JWT_LIFETIME;
    }
  return self->jwt;
}

/* Sets the Authorization header on one API message (never on the session). */
void
kling_client_authorize (KlingClient *self,
                        SoupMessage *message)
{
  const char *credential = self->auth_mode == KLING_AUTH_JWT ? client_get_jwt (self) : self->token;
  g_autofree char *value = NULL;

  if (self->auth_mode == KLING_AUTH_FAL)
    {
      /* fal's key goes to its queue host only, never to an address an answer named elsewhere. */
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));

      if (!kling_fal_url_is_queue (self, url))
        return;
    }
  value = g_strconcat (self->auth_mode == KLING_AUTH_FAL ? "Key " : "Bearer ", credential, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
  kling_client_clear_secret (&value);
}

/* The server said the token expired although our clock disagreed. */
void
kling_client_forget_jwt (KlingClient *self)
{
  kling_client_clear_secret (&self->jwt);
}

/* ---- The public calls -------------------------------------------------- */

/* Keys refused by an official server are most often keys of the other
 * Kling site (kling-api.md §6): say so, and where the server is chosen. */
static const char *
official_host_hint (KlingOfficialHost host)
{
  if (host == KLING_OFFICIAL_HOST_BEIJING)
    return _("Keys from Kling’s global site do not work on the Beijing server: "
             "choose the server in Preferences");
  return _("Keys from Kling’s mainland China site do not work on the Singapore server: "
           "choose the server in Preferences");
}

static void
client_explain_error (KlingClient *self,
                      GError      *error)
{
  const char *hint;
  char *message;

  if (!self->has_official_host || !g_error_matches (error, KLING_ERROR, KLING_ERROR_AUTHENTICATION))
    return;
  hint = official_host_hint (self->official_host);
  /* A call made of calls (find) passes its inner call's error on. */
  if (g_str_has_suffix (error->message, hint))
    return;

  /* Translators: an error message, then a hint about what to do. */
  message = g_strdup_printf (_("%s. %s"), error->message, hint);
  g_free (error->message);
  error->message = message;
}

/* Every public _finish goes through here, so each error the user sees is explained. */
gpointer
kling_client_propagate (KlingClient   *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  GError *local_error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      client_explain_error (self, local_error);
      g_propagate_error (error, local_error);
    }
  return value;
}

/**
 * kling_client_create_task_async:
 * @body: the JSON body, sent as is
 * @external_task_id: (nullable): the id set in @body, used to find the task
 *   again when the answer is lost; without it a failed create is never
 *   sent again
 */
void
kling_client_create_task_async (KlingClient         *self,
                                GBytes              *body,
                                const char          *external_task_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KLING_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  if (self->auth_mode == KLING_AUTH_FAL)
    {
      kling_fal_submit_async (self, body, cancellable, callback, user_data);
      return;
    }
  kling_api_call_start (self, KLING_API_CALL_CREATE, g_strdup (TASKS_PATH), body, external_task_id,
                        cancellable, callback, user_data, kling_client_create_task_async);
}

KlingTaskInfo *
kling_client_create_task_finish (KlingClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return kling_client_propagate (self, result, error);
}

void
kling_client_query_task_async (KlingClient         *self,
                               const char          *task_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (KLING_IS_CLIENT (self));

  if (task_id == NULL || *task_id == '\0')
    {
      g_task_report_new_error (self, callback, user_data, kling_client_query_task_async,
                               KLING_ERROR, KLING_ERROR_INVALID_INPUT, _("The task id is empty"));
      return;
    }

  escaped = g_uri_escape_string (task_id, NULL, FALSE);
  kling_api_call_start (self, KLING_API_CALL_QUERY, g_strconcat (TASKS_PATH "/", escaped, NULL),
                        NULL, NULL, cancellable, callback, user_data, kling_client_query_task_async);
}

KlingTaskInfo *
kling_client_query_task_finish (KlingClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return kling_client_propagate (self, result, error);
}

void
kling_client_list_tasks_async (KlingClient         *self,
                               guint                page_num,
                               guint                page_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KLING_IS_CLIENT (self));

  if (self->auth_mode == KLING_AUTH_FAL)
    {
      g_task_report_new_error (self, callback, user_data, kling_client_list_tasks_async, G_IO_ERROR,
                               G_IO_ERROR_NOT_SUPPORTED, _("fal’s queue lists no requests: the key is checked "
                                                           "when a video is sent"));
      return;
    }
  path = g_strdup_printf (TASKS_PATH "?pageNum=%u&pageSize=%u", MAX (page_num, 1), MAX (page_size, 1));
  kling_api_call_start (self, KLING_API_CALL_LIST, g_steal_pointer (&path), NULL, NULL,
                        cancellable, callback, user_data, kling_client_list_tasks_async);
}

/**
 * kling_client_list_tasks_finish:
 *
 * Returns: (transfer full) (element-type KlingTaskInfo): the page's tasks
 */
GPtrArray *
kling_client_list_tasks_finish (KlingClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return kling_client_propagate (self, result, error);
}
