/* test-jwt.c — the HS256 token for Kling's official API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-jwt.h"

/* The expected tokens were computed once, independently, with Python's
 * hmac/hashlib/base64 (json.dumps with separators=(',', ':')). */
static void
test_jwt_known_vector (void)
{
  g_autofree char *token = kling_jwt_new ("AK-test-123", "SK-secret-456",
                                          1700000000, KLING_JWT_LIFETIME);

  g_assert_cmpstr (token, ==,
                   "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                   ".eyJpc3MiOiJBSy10ZXN0LTEyMyIsImV4cCI6MTcwMDAwMTgwMCwibmJmIjoxNjk5OTk5OTk1fQ"
                   ".ysqHTOiAFBce_v4YcvNPn9U5TL1FktTwiEO5hvYeizo");
}

/* An access key with a quote, a backslash and a non-ASCII letter is escaped
 * as JSON, and "nbf" may go below zero. */
static void
test_jwt_escaped_issuer (void)
{
  g_autofree char *token = kling_jwt_new ("a\"k\\\xc3\xa9", "s", 0, KLING_JWT_LIFETIME);

  g_assert_cmpstr (token, ==,
                   "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                   ".eyJpc3MiOiJhXCJrXFzDqSIsImV4cCI6MTgwMCwibmJmIjotNX0"
                   ".TzdTl9g3dYt6Pgd9dMFEjSRYV3FnPLrhO9sef8MxlcY");
}

static char *
decode_part (const char *part)
{
  g_autoptr(GString) text = g_string_new (part);
  gsize length = 0;
  guchar *data;

  g_string_replace (text, "-", "+", 0);
  g_string_replace (text, "_", "/", 0);
  while (text->len % 4 != 0)
    g_string_append_c (text, '=');
  data = g_base64_decode (text->str, &length);
  data = g_realloc (data, length + 1);
  data[length] = '\0';
  return (char *) data;
}

/* The three parts decode to the header and payload kling-api.md §1 names,
 * none of them padded or using '+' or '/'. */
static void
test_jwt_structure (void)
{
  g_autofree char *token = kling_jwt_new ("key", "secret", 1000000, 60);
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_null (strpbrk (token, "+/="));

  header = decode_part (parts[0]);
  payload = decode_part (parts[1]);
  g_assert_cmpstr (header, ==, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  g_assert_cmpstr (payload, ==, "{\"iss\":\"key\",\"exp\":1000060,\"nbf\":999995}");

  /* The signature is HMAC-SHA256 over "header.payload" with the secret. */
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) "secret", 6);
  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  signature = decode_part (parts[2]);
  {
    guint8 digest[32];
    gsize digest_length = sizeof digest;

    g_hmac_get_digest (hmac, digest, &digest_length);
    g_assert_cmpmem (signature, 32, digest, digest_length);
  }
}

/* Another secret gives another signature; the secret never shows in the token. */
static void
test_jwt_secret_not_in_token (void)
{
  g_autofree char *a = kling_jwt_new ("key", "secret-one", 1700000000, KLING_JWT_LIFETIME);
  g_autofree char *b = kling_jwt_new ("key", "secret-two", 1700000000, KLING_JWT_LIFETIME);
  g_autofree char *secret64 = g_base64_encode ((const guchar *) "secret-one", 10);

  /* Same header and payload, different signature. */
  g_assert_cmpint (strrchr (a, '.') - a, ==, strrchr (b, '.') - b);
  g_assert_cmpint (strncmp (a, b, strrchr (a, '.') - a), ==, 0);
  g_assert_cmpstr (strrchr (a, '.'), !=, strrchr (b, '.'));
  g_assert_null (strstr (a, "secret-one"));
  g_assert_null (strstr (a, secret64));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jwt/known-vector", test_jwt_known_vector);
  g_test_add_func ("/jwt/escaped-issuer", test_jwt_escaped_issuer);
  g_test_add_func ("/jwt/structure", test_jwt_structure);
  g_test_add_func ("/jwt/secret-not-in-token", test_jwt_secret_not_in_token);

  return g_test_run ();
}
