/* kling-jwt.c — the HS256 token Kling's official API expects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kling-jwt.h"

/* RFC 7515 base64url: '-' and '_' instead of '+' and '/', no '=' padding. */
static char *
base64url_encode (const guchar *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

/* The access key goes into JSON: let json-glib quote and escape it. */
static char *
json_quote (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

/**
 * kling_jwt_new:
 * @access_key: the account's access key (the token's issuer)
 * @secret_key: the secret key the token is signed with
 * @now_seconds: the current Unix time
 * @lifetime_seconds: how long the token stays valid (usually %KLING_JWT_LIFETIME)
 *
 * Mints `header.payload.signature` with header `{"alg":"HS256","typ":"JWT"}`
 * and payload `{"iss":…,"exp":now+lifetime,"nbf":now-5}`, the members in
 * that order, as Kling's own examples produce them.
 *
 * Returns: (transfer full): the token
 */
char *
kling_jwt_new (const char *access_key,
               const char *secret_key,
               gint64      now_seconds,
               gint64      lifetime_seconds)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autofree char *issuer = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *header64 = NULL;
  g_autofree char *payload64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature64 = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_return_val_if_fail (access_key != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  issuer = json_quote (access_key);
  payload = g_strdup_printf ("{\"iss\":%s,\"exp\":%" G_GINT64_FORMAT ",\"nbf\":%" G_GINT64_FORMAT "}",
                             issuer,
                             now_seconds + lifetime_seconds,
                             now_seconds - KLING_JWT_NOT_BEFORE_MARGIN);

  header64 = base64url_encode ((const guchar *) header, strlen (header));
  payload64 = base64url_encode ((const guchar *) payload, strlen (payload));
  signing_input = g_strconcat (header64, ".", payload64, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret_key, strlen (secret_key));
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  signature64 = base64url_encode (digest, digest_length);

  /* The digest is key material for nobody but it costs nothing to wipe. */
  memset (digest, 0, sizeof digest);

  return g_strconcat (signing_input, ".", signature64, NULL);
}
