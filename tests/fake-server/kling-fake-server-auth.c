/* kling-fake-server-auth.c — the fake server's authentication, as strict as Kling's
 *
 * With access and secret keys set, the Bearer value must be an HS256 JWT:
 * three base64url parts without padding, the header exactly
 * {"alg":"HS256","typ":"JWT"}, the signature valid, "iss" the access key,
 * integer "exp" and "nbf" (both required). Otherwise, with a token set,
 * the header must be exactly "Bearer <token>". With neither, anything goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-private.h"

#define JWT_LEEWAY_S 5

#define AUTH_EMPTY        1001
#define AUTH_INVALID      1002
#define AUTH_NOT_YET      1003
#define AUTH_EXPIRED      1004

static gboolean
is_base64url (const char *text,
              gsize       length)
{
  /* A length of 1 modulo 4 cannot come from any byte string. */
  if (length == 0 || length % 4 == 1)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
    }
  return TRUE;
}

static GBytes *
decode_base64url (const char *text,
                  gsize       length)
{
  g_autoptr(GString) standard = NULL;
  guchar *data;
  gsize size;

  if (!is_base64url (text, length))
    return NULL;

  standard = g_string_new_len (text, (gssize) length);
  for (gsize i = 0; i < standard->len; i++)
    {
      if (standard->str[i] == '-')
        standard->str[i] = '+';
      else if (standard->str[i] == '_')
        standard->str[i] = '/';
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  data = g_base64_decode (standard->str, &size);
  return g_bytes_new_take (data, size);
}

static JsonObject *
decode_json_part (const char *text,
                  gsize       length)
{
  g_autoptr(GBytes) bytes = decode_base64url (text, length);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || !g_utf8_validate (data, (gssize) size, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static gboolean
member_is_string (JsonObject *object,
                  const char *name,
                  const char *expected)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), expected) == 0;
}

static gboolean
get_int_member (JsonObject *object,
                const char *name,
                gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
signature_is_valid (const char *secret_key,
                    const char *signed_part,
                    gsize       signed_length,
                    const char *signature,
                    gsize       signature_length)
{
  g_autoptr(GBytes) given = decode_base64url (signature, signature_length);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret_key,
                                      strlen (secret_key));
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  const guint8 *given_data;
  gsize given_len;
  guint8 difference = 0;

  if (given == NULL)
    return FALSE;
  g_hmac_update (hmac, (const guchar *) signed_part, (gssize) signed_length);
  g_hmac_get_digest (hmac, digest, &digest_len);

  given_data = g_bytes_get_data (given, &given_len);
  if (given_len != digest_len)
    return FALSE;
  for (gsize i = 0; i < digest_len; i++)
    difference |= given_data[i] ^ digest[i];
  return difference == 0;
}

static int
check_jwt (KlingFakeServer  *self,
           const char       *jwt,
           char            **message)
{
  const char *dot1 = strchr (jwt, '.');
  const char *dot2 = dot1 != NULL ? strchr (dot1 + 1, '.') : NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) payload = NULL;
  gint64 now_s = kling_fake_server_now_ms (self) / 1000;
  gint64 exp, nbf;

  if (dot2 == NULL || strchr (dot2 + 1, '.') != NULL ||
      !signature_is_valid (self->secret_key, jwt, (gsize) (dot2 - jwt),
                           dot2 + 1, strlen (dot2 + 1)))
    goto invalid;

  header = decode_json_part (jwt, (gsize) (dot1 - jwt));
  payload = decode_json_part (dot1 + 1, (gsize) (dot2 - dot1 - 1));
  if (header == NULL || payload == NULL ||
      json_object_get_size (header) != 2 ||
      !member_is_string (header, "alg", "HS256") ||
      !member_is_string (header, "typ", "JWT") ||
      !member_is_string (payload, "iss", self->access_key) ||
      !get_int_member (payload, "exp", &exp) ||
      !get_int_member (payload, "nbf", &nbf))
    goto invalid;

  /* A few seconds of leeway either side for clocks slightly apart, as JWT
   * libraries commonly allow: good from nbf - 5 to exp + 5. */
  if (nbf > now_s + JWT_LEEWAY_S)
    {
      *message = g_strdup ("Auth failed: token is not yet valid (nbf is in the future)");
      return AUTH_NOT_YET;
    }
  if (exp + JWT_LEEWAY_S <= now_s)
    {
      *message = g_strdup ("Auth failed: token has expired");
      return AUTH_EXPIRED;
    }
  return 0;

invalid:
  *message = g_strdup ("Auth failed: token is invalid");
  return AUTH_INVALID;
}

int
kling_fake_server_check_auth (KlingFakeServer    *self,
                              SoupServerMessage  *msg,
                              char              **message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  /* get_list: two Authorization headers arrive joined by ", " and fail. */
  const char *value = soup_message_headers_get_list (headers, "Authorization");

  if (self->token == NULL && self->secret_key == NULL)
    return 0;

  if (value == NULL || *value == '\0' || strcmp (value, "Bearer") == 0 ||
      strcmp (value, "Bearer ") == 0)
    {
      *message = g_strdup ("Auth failed: the Authorization header is empty");
      return AUTH_EMPTY;
    }
  if (!g_str_has_prefix (value, "Bearer "))
    {
      *message = g_strdup ("Auth failed: the Authorization header must be \"Bearer <token>\"");
      return AUTH_INVALID;
    }

  value += strlen ("Bearer ");
  if (self->secret_key != NULL)
    return check_jwt (self, value, message);
  if (strcmp (value, self->token) != 0)
    {
      *message = g_strdup ("Auth failed: token is invalid");
      return AUTH_INVALID;
    }
  return 0;
}
