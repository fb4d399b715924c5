/* test-fake-server.c — the fake Kling server answers as strictly as the real one
 *
 * Talks to it with a plain SoupSession (no client code), iterating the main
 * context, and asserts the exact codes, messages and shapes a client sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <png.h>

#include "kling-fake-server.h"

#define TOKEN       "test-token-8f2c"
#define ACCESS_KEY  "ak-test-4411"
#define SECRET_KEY  "sk-test-secret-90ab"
#define BEARER      "Bearer " TOKEN
#define API_PATH    "/kling/v1/videos/image2video"
#define IMAGE_W     640
#define IMAGE_H     360
#define REQUEST_TIMEOUT_S 20

static char *image_base64;   /* IMAGE_W × IMAGE_H PNG, made once */

typedef struct {
  KlingFakeServer *server;
  SoupSession     *session;
  char            *api;      /* base + API_PATH */
  const char      *auth;     /* the Authorization value sent, or NULL */
} Fixture;

typedef struct {
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;
  gboolean            done;
} Response;

static void
response_free (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* Media made at test time */

static char *
pixbuf_base64 (int         width,
               int         height,
               guint32     rgba,
               const char *format)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *buffer = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, NULL, NULL));
  return g_base64_encode ((const guchar *) buffer, size);
}

/* A mask painted (@painted) inside [x0,x1)×[y0,y1) and @background elsewhere,
 * written by libpng in @format (grey, RGBA or a colour map). */
static char *
mask_base64 (int       width,
             int       height,
             int       x0,
             int       y0,
             int       x1,
             int       y1,
             guint8    painted,
             guint8    background,
             png_uint_32 format)
{
  png_image image = { 0 };
  int channels = PNG_IMAGE_PIXEL_CHANNELS (format);
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *buffer = NULL;
  png_alloc_size_t size = 0;
  guint8 colormap[2 * 3] = { 0, 0, 0, 255, 255, 255 };

  image.version = PNG_IMAGE_VERSION;
  image.width = (png_uint_32) width;
  image.height = (png_uint_32) height;
  image.format = format;
  if (format & PNG_FORMAT_FLAG_COLORMAP)
    {
      channels = 1;
      image.colormap_entries = 2;
    }

  pixels = g_malloc ((gsize) width * (gsize) height * (gsize) channels);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean inside = x >= x0 && x < x1 && y >= y0 && y < y1;
        guint8 value = inside ? painted : background;

        if (format & PNG_FORMAT_FLAG_COLORMAP)
          value = inside ? 1 : 0;
        for (int c = 0; c < channels; c++)
          pixels[((gsize) y * (gsize) width + (gsize) x) * (gsize) channels + (gsize) c] = value;
      }

  g_assert_true (png_image_write_to_memory (&image, NULL, &size, 0, pixels, 0, colormap));
  buffer = g_malloc (size);
  g_assert_true (png_image_write_to_memory (&image, buffer, &size, 0, pixels, 0, colormap));
  return g_base64_encode (buffer, size);
}

static char *
grey_mask (int x0,
           int y0,
           int x1,
           int y1)
{
  return mask_base64 (IMAGE_W, IMAGE_H, x0, y0, x1, y1, 255, 0, PNG_FORMAT_GRAY);
}

/* HTTP plumbing */

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Response *r = user_data;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
flag_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_until (gboolean *done,
               guint     timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, flag_timeout, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *url,
             const char *json)
{
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (f->auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", f->auth);
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  return msg;
}

static Response *
send_message (Fixture     *f,
              SoupMessage *msg)
{
  Response *r = g_new0 (Response, 1);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, request_done, r);
  iterate_until (&r->done, REQUEST_TIMEOUT_S);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return r;
}

static Response *
request (Fixture    *f,
         const char *method,
         const char *url,
         const char *json)
{
  g_autoptr(SoupMessage) msg = new_message (f, method, url, json);

  return send_message (f, msg);
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static Response *
post_create (Fixture    *f,
             JsonObject *body)
{
  g_autofree char *json = to_json (body);

  return request (f, "POST", f->api, json);
}

static JsonObject *
parse_object (Response *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  g_assert_no_error (r->error);
  data = g_bytes_get_data (r->body, &size);
  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_kling_error (Response   *r,
                    guint       status,
                    int         code,
                    const char *message_part)
{
  g_autoptr(JsonObject) object = parse_object (r);

  g_assert_cmpuint (r->status, ==, status);
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "code")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, code);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "message"), message_part));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "request_id")), ==, 36);
  g_assert_false (json_object_has_member (object, "data"));
}

static void
assert_relay_error (Response   *r,
                    guint       status,
                    const char *code,
                    const char *message_part)
{
  g_autoptr(JsonObject) object = parse_object (r);

  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "message"), message_part));
}

static JsonObject *
valid_body (void)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "model_name", "kling-v1");
  json_object_set_string_member (body, "mode", "std");
  json_object_set_string_member (body, "duration", "5");
  json_object_set_string_member (body, "prompt", "a cat walks");
  json_object_set_string_member (body, "image", image_base64);
  return body;
}

static JsonArray *
points_array (const int *xy,
              guint      n_points)
{
  JsonArray *points = json_array_new ();

  for (guint i = 0; i < n_points; i++)
    {
      JsonObject *point = json_object_new ();

      json_object_set_int_member (point, "x", xy[2 * i]);
      json_object_set_int_member (point, "y", xy[2 * i + 1]);
      json_array_add_object_element (points, point);
    }
  return points;
}

static void
add_dynamic_mask (JsonObject *body,
                  const char *mask,
                  JsonArray  *points)
{
  JsonObject *entry = json_object_new ();

  if (!json_object_has_member (body, "dynamic_masks"))
    json_object_set_array_member (body, "dynamic_masks", json_array_new ());
  json_object_set_string_member (entry, "mask", mask);
  json_object_set_array_member (entry, "trajectories", points);
  json_array_add_object_element (json_object_get_array_member (body, "dynamic_masks"), entry);
}

/* A motion-brush body: static on the left, one dynamic region on the right. */
static JsonObject *
brush_body (void)
{
  static const int xy[] = { 500, 100, 600, 200 };
  JsonObject *body = valid_body ();
  g_autofree char *static_mask = grey_mask (0, 0, 200, IMAGE_H);
  g_autofree char *dynamic_mask = grey_mask (400, 0, IMAGE_W, IMAGE_H);

  json_object_set_string_member (body, "static_mask", static_mask);
  add_dynamic_mask (body, dynamic_mask, points_array (xy, 2));
  return body;
}

static void
expect_invalid (Fixture    *f,
                JsonObject *body,
                int         code,
                const char *message_part)
{
  g_autoptr(JsonObject) owned = body;
  g_autoptr(Response) r = post_create (f, owned);

  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, code, message_part);
}

static char *
create_ok (Fixture    *f,
           JsonObject *body)
{
  g_autoptr(JsonObject) owned = body;
  g_autoptr(Response) r = post_create (f, owned);
  g_autoptr(JsonObject) object = parse_object (r);

  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  if (json_object_has_member (object, "task_id"))   /* relay */
    return g_strdup (json_object_get_string_member (object, "task_id"));
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 0);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (object, "data"),
                                                  "task_id"));
}

static JsonObject *
query (Fixture    *f,
       const char *task_id)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", f->api, task_id);
  g_autoptr(Response) r = request (f, "GET", url, NULL);

  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  return parse_object (r);
}

static void
wait_for_status (Fixture    *f,
                 const char *task_id,
                 const char *status)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (kling_fake_server_get_task_status (f->server, task_id), status) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      wait_ms (10);
    }
}

/* Fixtures */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *base;

  f->server = kling_fake_server_new (GPOINTER_TO_INT (data));
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 60, 160);
  /* Validation tests create many tasks: on a slow machine they are still
   * running, and the account's limit is what test_concurrency tests. */
  kling_fake_server_set_concurrency (f->server, 1000);
  base = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (base, "http://127.0.0.1:"));
  f->api = g_strconcat (base, API_PATH, NULL);
  f->session = soup_session_new ();
  f->auth = BEARER;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_unref (f->session);
  kling_fake_server_free (f->server);
  g_free (f->api);
}

/* Authentication */

static void
test_auth_bearer (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *list = g_strconcat (f->api, "?pageNum=1&pageSize=30", NULL);
  Response *r;

  f->auth = NULL;
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_UNAUTHORIZED, 1001, "empty");
  response_free (r);

  f->auth = "Bearer not-the-token";
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_UNAUTHORIZED, 1002, "invalid");
  response_free (r);

  f->auth = TOKEN;   /* the scheme is required */
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_UNAUTHORIZED, 1002, "Bearer");
  response_free (r);

  f->auth = BEARER;
  r = request (f, "GET", list, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  response_free (r);

  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", "/v1/videos/image2video"), ==, 4);
}

static char *
base64url (const char *data,
           gsize       length)
{
  g_autofree char *standard = g_base64_encode ((const guchar *) data, length);
  GString *url = g_string_new (NULL);

  for (const char *p = standard; *p != '\0' && *p != '='; p++)
    g_string_append_c (url, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (url, FALSE);
}

static char *
mint_jwt (const char *header,
          const char *payload,
          const char *secret)
{
  g_autofree char *h = base64url (header, strlen (header));
  g_autofree char *p = base64url (payload, strlen (payload));
  g_autofree char *signed_part = g_strconcat (h, ".", p, NULL);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *signature = NULL;

  g_hmac_update (hmac, (const guchar *) signed_part, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature = base64url ((const char *) digest, digest_len);
  return g_strconcat ("Bearer ", signed_part, ".", signature, NULL);
}

static char *
mint_payload_jwt (const char *iss,
                  gint64      nbf_delta,
                  gint64      exp_delta,
                  const char *secret)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *payload = g_strdup_printf ("{\"iss\":\"%s\",\"exp\":%" G_GINT64_FORMAT
                                              ",\"nbf\":%" G_GINT64_FORMAT "}",
                                              iss, now + exp_delta, now + nbf_delta);

  return mint_jwt ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, secret);
}

static void
expect_auth (Fixture    *f,
             const char *authorization,
             int         code)
{
  g_autofree char *list = g_strconcat (f->api, "?pageSize=1", NULL);
  g_autoptr(Response) r = NULL;

  f->auth = authorization;
  r = request (f, "GET", list, NULL);
  if (code == 0)
    g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  else
    assert_kling_error (r, SOUP_STATUS_UNAUTHORIZED, code, "Auth failed");
}

static void
test_auth_jwt (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *good = mint_payload_jwt (ACCESS_KEY, -5, 1800, SECRET_KEY);
  g_autofree char *wrong_secret = mint_payload_jwt (ACCESS_KEY, -5, 1800, "other");
  g_autofree char *wrong_iss = mint_payload_jwt ("someone-else", -5, 1800, SECRET_KEY);
  g_autofree char *not_yet = mint_payload_jwt (ACCESS_KEY, 30, 1800, SECRET_KEY);
  g_autofree char *expired = mint_payload_jwt (ACCESS_KEY, -1800, -30, SECRET_KEY);
  /* within the few seconds of leeway real JWT checks allow */
  g_autofree char *early = mint_payload_jwt (ACCESS_KEY, 3, 1800, SECRET_KEY);
  g_autofree char *just_expired = mint_payload_jwt (ACCESS_KEY, -1800, -3, SECRET_KEY);
  g_autofree char *hs512 = mint_jwt ("{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                                     "{\"iss\":\"" ACCESS_KEY "\",\"exp\":9999999999,\"nbf\":0}",
                                     SECRET_KEY);
  g_autofree char *no_exp = mint_jwt ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                                      "{\"iss\":\"" ACCESS_KEY "\",\"nbf\":0}", SECRET_KEY);
  g_autofree char *padded = g_strconcat (good, "=", NULL);

  kling_fake_server_set_keys (f->server, ACCESS_KEY, SECRET_KEY);
  expect_auth (f, good, 0);
  expect_auth (f, NULL, 1001);
  expect_auth (f, BEARER, 1002);          /* a plain token is no JWT */
  expect_auth (f, wrong_secret, 1002);
  expect_auth (f, wrong_iss, 1002);
  expect_auth (f, hs512, 1002);
  expect_auth (f, no_exp, 1002);
  expect_auth (f, padded, 1002);
  expect_auth (f, not_yet, 1003);
  expect_auth (f, expired, 1004);
  expect_auth (f, early, 0);
  expect_auth (f, just_expired, 0);

  /* A fresh token, seen by a server whose clock is an hour ahead. */
  kling_fake_server_set_clock_offset (f->server, 3600);
  expect_auth (f, good, 1004);
  /* nbf = now - 5 is in the future for a clock a minute behind. */
  kling_fake_server_set_clock_offset (f->server, -60);
  expect_auth (f, good, 1003);
}

/* Kling dialect */

static void
assert_envelope_ok (JsonObject *object)
{
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "SUCCEED");
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "request_id")), ==, 36);
}

static void
assert_created (Response   *r,
                const char *external_task_id,
                char      **task_id)
{
  g_autoptr(JsonObject) object = parse_object (r);
  JsonObject *data = json_object_get_object_member (object, "data");
  const char *id = json_object_get_string_member (data, "task_id");
  gint64 now_ms = g_get_real_time () / 1000;

  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  assert_envelope_ok (object);
  g_assert_cmpuint (strlen (id), ==, 18);
  for (const char *p = id; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p));
  g_assert_cmpstr (json_object_get_string_member (data, "task_status"), ==, "submitted");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (data, "task_info"),
                                                  "external_task_id"), ==, external_task_id);
  g_assert_cmpint (ABS (json_object_get_int_member (data, "created_at") - now_ms), <, 5000);
  g_assert_cmpint (json_object_get_int_member (data, "updated_at"), ==,
                   json_object_get_int_member (data, "created_at"));
  *task_id = g_strdup (id);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size, needle_len = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + needle_len <= size; i++)
    if (memcmp (data + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_video_served (Fixture    *f,
                     const char *url)
{
  g_autoptr(Response) r = NULL;
  g_autoptr(GBytes) expected = kling_fake_server_get_video (f->server);
  const char *data;

  f->auth = NULL;   /* a CDN needs none, and must get none */
  r = request (f, "GET", url, NULL);
  f->auth = BEARER;
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "video/mp4");
  g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (r->body, expected));
  data = g_bytes_get_data (r->body, NULL);
  g_assert_cmpmem (data + 4, 4, "ftyp", 4);
  g_assert_true (bytes_contain (r->body, "avc1"));   /* an H.264 track */

  g_assert_true (kling_fake_server_video_was_requested (f->server));
  g_assert_null (kling_fake_server_get_video_request_header (f->server, "Authorization"));
}

static void
test_kling_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) body = valid_body ();
  g_autofree char *json = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *expected_url = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(GBytes) last_body = NULL;
  JsonObject *task, *video;
  g_autoptr(JsonObject) submitted = NULL;
  g_autoptr(JsonObject) processing = NULL;
  g_autoptr(JsonObject) succeeded = NULL;

  json_object_set_string_member (body, "external_task_id", "ext-lifecycle-1");
  json = to_json (body);
  created = request (f, "POST", f->api, json);
  assert_created (created, "ext-lifecycle-1", &task_id);
  last_body = kling_fake_server_get_last_body (f->server);
  g_assert_cmpmem (g_bytes_get_data (last_body, NULL), g_bytes_get_size (last_body), json, strlen (json));

  submitted = query (f, task_id);
  assert_envelope_ok (submitted);
  task = json_object_get_object_member (submitted, "data");
  g_assert_cmpstr (json_object_get_string_member (task, "task_status"), ==, "submitted");
  g_assert_cmpstr (json_object_get_string_member (task, "task_status_msg"), ==, "");
  g_assert_false (json_object_has_member (task, "task_result"));

  wait_for_status (f, task_id, "processing");
  processing = query (f, task_id);
  task = json_object_get_object_member (processing, "data");
  g_assert_cmpstr (json_object_get_string_member (task, "task_status"), ==, "processing");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (task, "task_result")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (task, "updated_at"), ==,
                   json_object_get_int_member (task, "created_at") + 60);

  wait_for_status (f, task_id, "succeed");
  succeeded = query (f, task_id);
  task = json_object_get_object_member (succeeded, "data");
  g_assert_cmpstr (json_object_get_string_member (task, "task_status"), ==, "succeed");
  video = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (task, "task_result"), "videos"), 0);
  expected_url = g_strdup_printf ("%s/cdn/videos/%s.mp4",
                                  kling_fake_server_get_base_url (f->server), task_id);
  g_assert_cmpstr (json_object_get_string_member (video, "url"), ==, expected_url);
  g_assert_cmpstr (json_object_get_string_member (video, "duration"), ==, "5.066");
  assert_video_served (f, expected_url);

  /* The list: newest first, same task objects. */
  second_id = create_ok (f, valid_body ());
  {
    g_autofree char *url = g_strconcat (f->api, "?pageNum=1&pageSize=500", NULL);
    g_autoptr(Response) r = request (f, "GET", url, NULL);
    g_autoptr(JsonObject) list = parse_object (r);
    JsonArray *tasks = json_object_get_array_member (list, "data");

    g_assert_cmpuint (json_array_get_length (tasks), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tasks, 0), "task_id"),
                     ==, second_id);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tasks, 1), "task_status"),
                     ==, "succeed");
  }
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "POST", "/v1/videos/image2video"), ==, 2);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 2);
}

/* A task still running when it is asked about, however slow the machine
 * (or a sanitizer build) is. */
static char *
create_running (Fixture *f)
{
  kling_fake_server_set_timing (f->server, 60000, 120000);
  return create_ok (f, valid_body ());
}

static void
test_kling_routing (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *task_id = create_running (f);
  g_autofree char *task_url = g_strdup_printf ("%s/%s", f->api, task_id);
  g_autofree char *unknown = g_strconcat (f->api, "/123456789012345678", NULL);
  g_autofree char *page_501 = g_strconcat (f->api, "?pageSize=501", NULL);
  g_autofree char *page_abc = g_strconcat (f->api, "?pageNum=abc", NULL);
  g_autofree char *video = g_strdup_printf ("%s/cdn/videos/%s.mp4",
                                            kling_fake_server_get_base_url (f->server), task_id);
  g_autoptr(SoupMessage) text_msg = NULL;
  Response *r;

  r = request (f, "PUT", f->api, "{}");
  assert_kling_error (r, SOUP_STATUS_NOT_FOUND, 1202, "method");
  response_free (r);
  r = request (f, "DELETE", task_url, NULL);
  assert_kling_error (r, SOUP_STATUS_NOT_FOUND, 1202, "method");
  response_free (r);
  r = request (f, "GET", unknown, NULL);
  assert_kling_error (r, SOUP_STATUS_NOT_FOUND, 1203, "not found");
  response_free (r);
  r = request (f, "GET", page_501, NULL);
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1201, "pageSize");
  response_free (r);
  r = request (f, "GET", page_abc, NULL);
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1201, "pageNum");
  response_free (r);

  /* Not succeeded yet: no video. */
  r = request (f, "GET", video, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_NOT_FOUND);
  response_free (r);

  r = request (f, "POST", f->api, "{\"model_name\": ");
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1200, "JSON");
  response_free (r);
  r = request (f, "POST", f->api, "[1, 2]");
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1200, "JSON object");
  response_free (r);

  text_msg = soup_message_new ("POST", f->api);
  soup_message_headers_replace (soup_message_get_request_headers (text_msg), "Authorization", BEARER);
  {
    g_autoptr(JsonObject) body = valid_body ();
    g_autofree char *json = to_json (body);
    g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

    soup_message_set_request_body_from_bytes (text_msg, "text/plain", bytes);
  }
  r = send_message (f, text_msg);
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1200, "Content-Type");
  response_free (r);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 1);
}

/* Relay dialect */

static void
test_relay_shapes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) body = valid_body ();
  g_autoptr(Response) r = post_create (f, body);
  g_autoptr(JsonObject) created = parse_object (r);
  const char *task_id = json_object_get_string_member (created, "task_id");
  g_autofree char *id = g_strdup (task_id);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) done = NULL;
  JsonObject *relay, *kling, *kling_task, *video;
  g_autofree char *unknown = g_strconcat (f->api, "/999999999999999999", NULL);
  g_autofree char *expected_url = NULL;
  Response *e;

  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (created, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (created, "object"), ==, "video");
  g_assert_cmpstr (json_object_get_string_member (created, "status"), ==, "queued");
  g_assert_cmpint (json_object_get_int_member (created, "progress"), ==, 0);
  g_assert_cmpint (ABS (json_object_get_int_member (created, "created_at") -
                        g_get_real_time () / G_USEC_PER_SEC), <, 5);

  first = query (f, id);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "success");
  relay = json_object_get_object_member (first, "data");
  g_assert_true (g_strv_contains ((const char *const[]) { "SUBMITTED", "QUEUED", NULL },
                                  json_object_get_string_member (relay, "status")));
  g_assert_cmpstr (json_object_get_string_member (relay, "progress"), ==, "0%");
  kling = json_object_get_object_member (relay, "data");
  assert_envelope_ok (kling);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (kling, "data"), "task_id"),
                   ==, id);

  wait_for_status (f, id, "succeed");
  done = query (f, id);
  relay = json_object_get_object_member (done, "data");
  g_assert_cmpstr (json_object_get_string_member (relay, "status"), ==, "SUCCESS");
  g_assert_cmpstr (json_object_get_string_member (relay, "progress"), ==, "100%");
  kling_task = json_object_get_object_member (json_object_get_object_member (relay, "data"), "data");
  video = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (kling_task, "task_result"), "videos"), 0);
  expected_url = g_strdup_printf ("%s/cdn/videos/%s.mp4", kling_fake_server_get_base_url (f->server), id);
  g_assert_cmpstr (json_object_get_string_member (relay, "result_url"), ==, expected_url);
  g_assert_cmpstr (json_object_get_string_member (video, "url"), ==, expected_url);

  e = request (f, "GET", unknown, NULL);
  assert_relay_error (e, SOUP_STATUS_BAD_REQUEST, "task_not_exist", "not found");
  response_free (e);
  f->auth = NULL;
  e = request (f, "GET", unknown, NULL);
  assert_relay_error (e, SOUP_STATUS_UNAUTHORIZED, "invalid_token", "empty");
  response_free (e);
  f->auth = BEARER;
  {
    JsonObject *bad = valid_body ();

    json_object_set_int_member (bad, "duration", 5);
    e = post_create (f, bad);
    json_object_unref (bad);
  }
  assert_relay_error (e, SOUP_STATUS_BAD_REQUEST, "task_failed", "duration must be a string");
  response_free (e);
}

static void
test_relay_failure (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) failed = NULL;
  JsonObject *relay;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  id = create_ok (f, valid_body ());
  wait_for_status (f, id, "failed");
  failed = query (f, id);
  relay = json_object_get_object_member (failed, "data");
  g_assert_cmpstr (json_object_get_string_member (relay, "status"), ==, "FAILURE");
  g_assert_cmpstr (json_object_get_string_member (relay, "fail_reason"), ==,
                   "Failure to pass the risk control system");
  g_assert_cmpstr (json_object_get_string_member (relay, "result_url"), ==, "");
}

/* Validation */

static void
test_validation_fields (Fixture       *f,
                        gconstpointer  data)
{
  JsonObject *body;
  g_autofree char *long_prompt = NULL;
  g_autofree char *cjk_prompt = NULL;
  g_autofree char *bmp = pixbuf_base64 (IMAGE_W, IMAGE_H, 0x336699ff, "bmp");
  g_autofree char *small = pixbuf_base64 (299, 400, 0x336699ff, "png");
  g_autofree char *narrow = pixbuf_base64 (1000, 399, 0x336699ff, "png");
  g_autofree char *jpeg = pixbuf_base64 (1000, 400, 0x336699ff, "jpeg");
  g_autofree char *data_uri = g_strconcat ("data:image/png;base64,", image_base64, NULL);
  GString *cjk = g_string_new (NULL);

  body = valid_body ();
  json_object_set_string_member (body, "image", data_uri);
  expect_invalid (f, body, 1201, "File is not in a valid base64 format");

  body = valid_body ();
  json_object_set_string_member (body, "image", "iVBORw0KGgo$$$$");
  expect_invalid (f, body, 1201, "File is not in a valid base64 format");

  body = valid_body ();
  json_object_set_string_member (body, "image", bmp);
  expect_invalid (f, body, 1201, "only jpg, jpeg and png");

  body = valid_body ();
  json_object_set_string_member (body, "image", small);
  expect_invalid (f, body, 1201, "at least 300 px");

  body = valid_body ();
  json_object_set_string_member (body, "image", narrow);
  expect_invalid (f, body, 1201, "between 1:2.5 and 2.5:1");

  body = valid_body ();
  json_object_set_string_member (body, "image", jpeg);   /* exactly 2.5:1 */
  g_free (create_ok (f, body));

  body = valid_body ();
  {
    g_autofree char *url = kling_fake_server_get_image_url (f->server, IMAGE_W, IMAGE_H, "jpg");

    json_object_set_string_member (body, "image", url);
    g_free (create_ok (f, body));
  }

  body = valid_body ();
  json_object_remove_member (body, "image");
  expect_invalid (f, body, 1201, "image is required");

  body = valid_body ();
  json_object_set_string_member (body, "model_name", "kling-v9");
  expect_invalid (f, body, 1201, "model_name is invalid");

  body = valid_body ();
  json_object_set_string_member (body, "mode", "fast");
  expect_invalid (f, body, 1201, "mode is invalid");

  body = valid_body ();
  json_object_set_int_member (body, "duration", 5);   /* the seed script's bug */
  expect_invalid (f, body, 1201, "duration must be a string");

  body = valid_body ();
  json_object_set_string_member (body, "duration", "7");
  expect_invalid (f, body, 1201, "duration is invalid");

  body = valid_body ();
  long_prompt = g_strnfill (2501, 'a');
  json_object_set_string_member (body, "prompt", long_prompt);
  expect_invalid (f, body, 1201, "prompt is too long");

  /* Characters, not bytes: 2500 CJK characters are fine. */
  for (int i = 0; i < 2500; i++)
    g_string_append (cjk, "猫");
  cjk_prompt = g_string_free (cjk, FALSE);
  body = valid_body ();
  json_object_set_string_member (body, "negative_prompt", cjk_prompt);
  g_free (create_ok (f, body));

  body = valid_body ();
  json_object_set_double_member (body, "cfg_scale", 1.5);
  expect_invalid (f, body, 1201, "cfg_scale must be between 0 and 1");

  /* accepted, and ignored, by the v2 models (kling-api.md §7) */
  body = valid_body ();
  json_object_set_string_member (body, "model_name", "kling-v2-master");
  json_object_set_double_member (body, "cfg_scale", 0.5);
  g_free (create_ok (f, body));

  body = valid_body ();
  json_object_set_string_member (body, "aspect_ratio", "4:3");
  expect_invalid (f, body, 1201, "aspect_ratio is invalid");

  body = valid_body ();
  json_object_set_string_member (body, "external_task_id", "dup-1");
  g_free (create_ok (f, body));
  body = valid_body ();
  json_object_set_string_member (body, "external_task_id", "dup-1");
  expect_invalid (f, body, 1201, "external_task_id already exists");
}

static JsonObject *
camera_body (const char *type,
             const char *axis1,
             double      value1,
             const char *axis2,
             double      value2)
{
  JsonObject *body = valid_body ();
  JsonObject *camera = json_object_new ();

  json_object_set_string_member (body, "model_name", "kling-v1-5");
  json_object_set_string_member (body, "mode", "pro");
  json_object_set_string_member (camera, "type", type);
  if (axis1 != NULL)
    {
      JsonObject *config = json_object_new ();

      json_object_set_double_member (config, axis1, value1);
      if (axis2 != NULL)
        json_object_set_double_member (config, axis2, value2);
      json_object_set_object_member (camera, "config", config);
    }
  json_object_set_object_member (body, "camera_control", camera);
  return body;
}

static void
test_validation_controls (Fixture       *f,
                          gconstpointer  data)
{
  JsonObject *body;

  body = camera_body ("simple", "zoom", 5, NULL, 0);
  g_free (create_ok (f, body));
  body = camera_body ("simple", "zoom", 5, "pan", -2);
  expect_invalid (f, body, 1201, "exactly one non-zero");
  body = camera_body ("simple", "roll", 0, "pan", 0);
  expect_invalid (f, body, 1201, "exactly one non-zero");
  body = camera_body ("simple", "tilt", 10.5, NULL, 0);
  expect_invalid (f, body, 1201, "between -10 and 10");
  body = camera_body ("simple", NULL, 0, NULL, 0);
  expect_invalid (f, body, 1201, "config is required");
  body = camera_body ("spin", NULL, 0, NULL, 0);
  expect_invalid (f, body, 1201, "camera_control.type is invalid");
  /* the presets are text-to-video only */
  body = camera_body ("down_back", "zoom", 5, NULL, 0);
  expect_invalid (f, body, 1201, "camera_control.type down_back is not supported by image-to-video");
  body = camera_body ("down_back", NULL, 0, NULL, 0);
  expect_invalid (f, body, 1201, "only simple");
  body = camera_body ("simple", "zoom", 5, NULL, 0);
  json_object_set_string_member (body, "model_name", "kling-v2-5-turbo");
  expect_invalid (f, body, 1201, "camera_control is not supported by model_name kling-v2-5-turbo");

  body = camera_body ("simple", "zoom", 5, NULL, 0);
  json_object_set_string_member (body, "image_tail", image_base64);
  expect_invalid (f, body, 1201, "Only one of image_tail");

  body = brush_body ();
  json_object_set_string_member (body, "image_tail", image_base64);
  expect_invalid (f, body, 1201, "Only one of image_tail");
}

static void
test_validation_motion_brush (Fixture       *f,
                              gconstpointer  data)
{
  static const int one_point[] = { 500, 100 };
  static const int outside[] = { 500, 100, IMAGE_W, 100 };
  int many[2 * 78];
  JsonObject *body;
  g_autofree char *mask = grey_mask (400, 0, IMAGE_W, IMAGE_H);
  g_autofree char *grey_128 = mask_base64 (IMAGE_W, IMAGE_H, 400, 0, IMAGE_W, IMAGE_H, 128, 0, PNG_FORMAT_GRAY);
  g_autofree char *palette = mask_base64 (IMAGE_W, IMAGE_H, 400, 0, IMAGE_W, IMAGE_H, 255, 0, PNG_FORMAT_RGB_COLORMAP);
  g_autofree char *rgba = mask_base64 (IMAGE_W, IMAGE_H, 400, 0, IMAGE_W, IMAGE_H, 255, 0, PNG_FORMAT_RGBA);
  g_autofree char *rgb = mask_base64 (IMAGE_W, IMAGE_H, 400, 0, IMAGE_W, IMAGE_H, 255, 0, PNG_FORMAT_RGB);
  g_autofree char *blank = grey_mask (0, 0, 0, 0);
  g_autofree char *overlapping_static = grey_mask (0, 0, 450, IMAGE_H);
  g_autofree char *jpeg_mask = pixbuf_base64 (IMAGE_W, IMAGE_H, 0xffffffff, "jpeg");

  for (int i = 0; i < 78; i++)
    {
      many[2 * i] = 400 + i;
      many[2 * i + 1] = 100;
    }

  g_free (create_ok (f, brush_body ()));

  body = brush_body ();
  json_object_set_string_member (body, "model_name", "kling-v2-master");
  expect_invalid (f, body, 1201, "motion brush (static_mask, dynamic_masks) is not supported by "
                                 "model_name kling-v2-master");
  body = brush_body ();
  json_object_set_string_member (body, "model_name", "kling-v1-5");
  expect_invalid (f, body, 1201, "with mode std");
  body = brush_body ();
  json_object_set_string_member (body, "model_name", "kling-v1-5");
  json_object_set_string_member (body, "mode", "pro");
  g_free (create_ok (f, body));
  body = brush_body ();
  json_object_set_string_member (body, "duration", "10");
  expect_invalid (f, body, 1201, "duration 10");

  body = valid_body ();
  add_dynamic_mask (body, mask, points_array (one_point, 1));
  expect_invalid (f, body, 1201, "dynamic_masks[0].trajectories must have 2 to 77 points (got 1)");
  body = valid_body ();
  add_dynamic_mask (body, mask, points_array (many, 78));
  expect_invalid (f, body, 1201, "(got 78)");
  body = valid_body ();
  add_dynamic_mask (body, mask, points_array (many, 77));
  g_free (create_ok (f, body));
  body = valid_body ();
  add_dynamic_mask (body, mask, points_array (outside, 2));
  expect_invalid (f, body, 1201, "dynamic_masks[0].trajectories[1] (640, 100) is outside the image");

  body = brush_body ();
  json_object_set_double_member (json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (body, "dynamic_masks"), 0), "trajectories"), 0), "x", 500.5);
  expect_invalid (f, body, 1201, "must have integer x and y");

  body = valid_body ();
  for (int i = 0; i < 7; i++)
    add_dynamic_mask (body, mask, points_array (many, 2));
  expect_invalid (f, body, 1201, "dynamic_masks must have 1 to 6 entries (got 7)");

  /* soft edges are thresholded at half grey, JPEG masks are taken */
  body = valid_body ();
  add_dynamic_mask (body, grey_128, points_array (many, 2));
  g_free (create_ok (f, body));
  body = valid_body ();
  add_dynamic_mask (body, palette, points_array (many, 2));
  expect_invalid (f, body, 1201, "8-bit PNG without palette or alpha");
  body = valid_body ();
  add_dynamic_mask (body, rgba, points_array (many, 2));
  expect_invalid (f, body, 1201, "8-bit PNG without palette or alpha");
  body = valid_body ();
  add_dynamic_mask (body, jpeg_mask, points_array (many, 2));
  g_free (create_ok (f, body));
  body = valid_body ();
  add_dynamic_mask (body, rgb, points_array (many, 2));
  g_free (create_ok (f, body));
  body = valid_body ();
  add_dynamic_mask (body, blank, points_array (many, 2));
  expect_invalid (f, body, 1201, "has no painted area");

  body = brush_body ();
  json_object_set_string_member (body, "static_mask", overlapping_static);
  expect_invalid (f, body, 1201, "static_mask overlaps dynamic_masks[0].mask");

  body = brush_body ();
  json_object_set_string_member (body, "static_mask", "data:image/png;base64,AAAA");
  expect_invalid (f, body, 1201, "File is not in a valid base64 format");
}

/* kling-api.md §7: what each model takes by late 2026 */

static JsonObject *
model_body (const char *model,
            const char *mode,
            const char *duration)
{
  JsonObject *body = valid_body ();

  json_object_set_string_member (body, "model_name", model);
  json_object_set_string_member (body, "mode", mode);
  json_object_set_string_member (body, "duration", duration);
  return body;
}

static JsonObject *
with_member (JsonObject *body,
             const char *name,
             const char *value)
{
  json_object_set_string_member (body, name, value);
  return body;
}

static void
test_validation_models (Fixture       *f,
                        gconstpointer  data)
{
  kling_fake_server_set_concurrency (f->server, 100);
  g_free (create_ok (f, model_body ("kling-v3", "std", "15")));
  g_free (create_ok (f, model_body ("kling-v3", "pro", "3")));
  expect_invalid (f, model_body ("kling-v3", "pro", "16"), 1201, "from \"3\" to \"15\"");
  expect_invalid (f, model_body ("kling-v2-6", "pro", "15"), 1201, "\"5\" or \"10\"");
  g_free (create_ok (f, model_body ("kling-v2-6", "std", "5")));

  /* sound: v2.6 pro and v3; not with an end frame on v2.6 */
  g_free (create_ok (f, with_member (model_body ("kling-v2-6", "pro", "10"), "sound", "on")));
  expect_invalid (f, with_member (model_body ("kling-v2-6", "std", "5"), "sound", "on"), 1201,
                  "sound is not supported by model_name kling-v2-6 with mode std");
  g_free (create_ok (f, with_member (model_body ("kling-v2-6", "std", "5"), "sound", "off")));
  expect_invalid (f, with_member (with_member (model_body ("kling-v2-6", "pro", "5"), "sound", "on"),
                                  "image_tail", image_base64), 1201,
                  "image_tail and sound \"on\" cannot be used together");
  g_free (create_ok (f, with_member (with_member (model_body ("kling-v3", "std", "8"), "sound", "on"),
                                     "image_tail", image_base64)));
  expect_invalid (f, with_member (model_body ("kling-v1", "std", "5"), "sound", "loud"), 1201,
                  "sound is invalid");

  /* end frame */
  expect_invalid (f, with_member (model_body ("kling-v2-6", "std", "5"), "image_tail", image_base64),
                  1201, "image_tail is not supported by model_name kling-v2-6 with mode std");
  expect_invalid (f, with_member (model_body ("kling-v2-master", "pro", "5"), "image_tail", image_base64),
                  1201, "image_tail is not supported");

  /* retired models: served unless the service is set to refuse them */
  g_free (create_ok (f, model_body ("kling-v1-6", "pro", "5")));
  kling_fake_server_set_refuse_retired (f->server, TRUE);
  expect_invalid (f, model_body ("kling-v1-6", "pro", "5"), 1201, "model_name is invalid");
  g_free (create_ok (f, model_body ("kling-v2-5-turbo", "pro", "5")));
}

/* The seed page's own script: URL images, an integer duration. */
static void
test_seed_script (Fixture       *f,
                  gconstpointer  data)
{
  static const char seed_body[] =
    "{\"model_name\": \"kling-v1\", \"mode\": \"pro\", \"duration\": 5, "
    "\"image\": \"https://h2.inkwai.com/bs2/upload-ylab-stunt/se/raw_image_0.jpg\", "
    "\"prompt\": \"宇航员站起身走了\", \"cfg_scale\": 0.5, "
    "\"static_mask\": \"https://h2.inkwai.com/bs2/upload-ylab-stunt/ai_portal/static_mask.png\", "
    "\"dynamic_masks\": [{\"mask\": \"https://h2.inkwai.com/bs2/dynamic_mask_1.png\", "
    "\"trajectories\": [{\"x\":279,\"y\":219},{\"x\":417,\"y\":65}]}]}";
  g_autoptr(Response) r = request (f, "POST", f->api, seed_body);

  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1201, "duration must be a string");
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 0);
}

/* The official API finds a task by the caller's external_task_id in the
 * path; task ids need not be digits. */
static void
test_kling_external_id (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) found = NULL;

  kling_fake_server_set_letter_ids (f->server, TRUE);
  task_id = create_ok (f, with_member (valid_body (), "external_task_id", "studio-7f3a"));
  g_assert_cmpuint (strlen (task_id), ==, 22);
  g_assert_false (g_ascii_isdigit (task_id[0]) && g_ascii_isdigit (task_id[1]) &&
                  g_ascii_isdigit (task_id[2]) && g_ascii_isdigit (task_id[3]));
  found = query (f, "studio-7f3a");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (found, "data"),
                                                  "task_id"), ==, task_id);
}

/* New-api relays route only create and query by task id. */
static void
test_relay_new_api (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *task_id = NULL;
  g_autofree char *by_external = g_strconcat (f->api, "/studio-relay-1", NULL);
  g_autoptr(JsonObject) found = NULL;
  Response *r;

  kling_fake_server_set_no_list (f->server, TRUE);
  task_id = create_ok (f, with_member (valid_body (), "external_task_id", "studio-relay-1"));
  found = query (f, task_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (found, "data"),
                                                  "task_id"), ==, task_id);
  r = request (f, "GET", f->api, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), "404 page not found", 18);
  response_free (r);
  r = request (f, "GET", by_external, NULL);
  assert_relay_error (r, SOUP_STATUS_BAD_REQUEST, "task_not_exist", "not found");
  response_free (r);
}

static void
test_validation_mask_mismatch (Fixture       *f,
                               gconstpointer  data)
{
  static const int xy[] = { 100, 100, 200, 150 };
  JsonObject *body = valid_body ();
  g_autofree char *half = mask_base64 (IMAGE_W / 2, IMAGE_H / 2, 0, 0, 320, 180, 255, 0, PNG_FORMAT_GRAY);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) failed = NULL;
  JsonObject *task;

  /* Accepted as on the real service, then failed. */
  add_dynamic_mask (body, half, points_array (xy, 2));
  id = create_ok (f, body);
  wait_for_status (f, id, "failed");
  failed = query (f, id);
  task = json_object_get_object_member (failed, "data");
  g_assert_cmpstr (json_object_get_string_member (task, "task_status"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (task, "task_status_msg"),
                            "masks do not match the image"));
  g_assert_false (json_object_has_member (task, "task_result"));
}

/* Concurrency */

static void
test_concurrency (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Response *r;

  kling_fake_server_set_concurrency (f->server, 2);
  first = create_ok (f, valid_body ());
  second = create_ok (f, valid_body ());
  {
    JsonObject *body = valid_body ();

    r = post_create (f, body);
    json_object_unref (body);
  }
  assert_kling_error (r, 429, 1303, "parallel task over resource pack limit");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
  response_free (r);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 2);

  /* A finished task frees its slot. */
  wait_for_status (f, first, "succeed");
  wait_for_status (f, second, "succeed");
  g_free (create_ok (f, valid_body ()));
}

/* Faults */

static void
test_faults_http (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *list = g_strconcat (f->api, "?pageSize=10", NULL);
  Response *r;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_500, 2);
  f->auth = NULL;   /* a gateway fault comes before authentication */
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_INTERNAL_SERVER_ERROR, 5000, "Internal");
  response_free (r);
  f->auth = BEARER;
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_INTERNAL_SERVER_ERROR, 5000, "Internal");
  response_free (r);
  g_assert_cmpuint (kling_fake_server_get_armed (f->server, KLING_FAKE_FAULT_HTTP_500), ==, 0);
  r = request (f, "GET", list, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  response_free (r);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTTP_503, 1);
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, SOUP_STATUS_SERVICE_UNAVAILABLE, 5001, "maintenance");
  response_free (r);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HTML, 1);
  r = request (f, "GET", list, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_BAD_GATEWAY);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/html");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (r->body, NULL), "<html>"));
  response_free (r);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_ACCOUNT_1102, 1);
  r = request (f, "GET", list, NULL);
  assert_kling_error (r, 429, 1102, "Account balance not enough");
  response_free (r);
}

static void
test_faults_body (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *list = g_strconcat (f->api, "?pageSize=10", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *body;
  Response *r;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_TRUNCATED, 1);
  r = request (f, "GET", list, NULL);
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  body = g_bytes_get_data (r->body, &size);
  g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, size);
  g_assert_cmpuint (size, >, 20);
  g_assert_true (g_str_has_prefix (body, "{\"code\":0,\"message\":\"SUCCEED\""));
  g_assert_false (json_parser_load_from_data (parser, body, (gssize) size, NULL));
  response_free (r);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_HUGE, 1);
  r = request (f, "GET", list, NULL);
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 20 * 1024 * 1024);
  g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, 20 * 1024 * 1024);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (r->body, NULL), "{\"code\":0,"));
  response_free (r);

  r = request (f, "GET", list, NULL);
  g_assert_cmpuint (g_bytes_get_size (r->body), <, 200);
  response_free (r);
}

static void
test_faults_slow (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *list = g_strconcat (f->api, "?pageSize=10", NULL);
  g_autoptr(SoupMessage) slow_msg = new_message (f, "GET", list, NULL);
  Response slow = { 0 };
  g_autoptr(Response) fast = NULL;
  gint64 start = g_get_monotonic_time ();

  kling_fake_server_set_slow_ms (f->server, 400);
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_SLOW, 1);
  soup_session_send_and_read_async (f->session, slow_msg, G_PRIORITY_DEFAULT, NULL,
                                    request_done, &slow);
  /* Make sure the slow request is in before the fast one. */
  while (kling_fake_server_count_requests (f->server, "GET", NULL) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The server keeps answering others meanwhile. */
  fast = request (f, "GET", list, NULL);
  g_assert_cmpuint (fast->status, ==, SOUP_STATUS_OK);
  g_assert_false (slow.done);

  iterate_until (&slow.done, REQUEST_TIMEOUT_S);
  g_assert_no_error (slow.error);
  g_assert_cmpuint (soup_message_get_status (slow_msg), ==, SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_bytes_unref (slow.body);
}

static void
test_faults_create (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *lost_id = NULL;
  g_autoptr(JsonObject) failed = NULL;
  JsonObject *body;
  Response *r;

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_RATE_LIMIT, 1);
  body = valid_body ();
  r = post_create (f, body);
  assert_kling_error (r, 429, 1303, "parallel task");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
  response_free (r);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_CONTENT_1301, 1);
  r = post_create (f, body);
  assert_kling_error (r, SOUP_STATUS_BAD_REQUEST, 1301, "Content security");
  response_free (r);
  g_assert_cmpuint (kling_fake_server_get_task_count (f->server), ==, 0);

  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_MODERATION, 1);
  id = create_ok (f, json_object_ref (body));
  wait_for_status (f, id, "failed");
  failed = query (f, id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (failed, "data"),
                                                  "task_status_msg"),
                   ==, "Failure to pass the risk control system");

  /* POST_LOST: no answer, but the task exists and the list finds it. */
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_POST_LOST, 1);
  json_object_set_string_member (body, "external_task_id", "ext-lost-7");
  r = post_create (f, body);
  g_assert_nonnull (r->error);
  g_test_message ("A lost POST gives: %s", r->error->message);
  g_assert_null (r->body);
  response_free (r);
  lost_id = kling_fake_server_lookup_external_task_id (f->server, "ext-lost-7");
  g_assert_nonnull (lost_id);
  {
    g_autofree char *url = g_strconcat (f->api, "?pageNum=1&pageSize=30", NULL);
    g_autoptr(Response) list = request (f, "GET", url, NULL);
    g_autoptr(JsonObject) object = parse_object (list);
    JsonObject *newest = json_array_get_object_element (json_object_get_array_member (object, "data"), 0);

    g_assert_cmpstr (json_object_get_string_member (newest, "task_id"), ==, lost_id);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (newest, "task_info"),
                                                    "external_task_id"), ==, "ext-lost-7");
  }
  json_object_unref (body);
}

static void
test_faults_video_cut (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = create_ok (f, valid_body ());
  g_autofree char *url = g_strdup_printf ("%s/cdn/videos/%s.mp4",
                                          kling_fake_server_get_base_url (f->server), id);
  g_autoptr(GBytes) video = kling_fake_server_get_video (f->server);
  Response *r;

  wait_for_status (f, id, "succeed");
  kling_fake_server_arm (f->server, KLING_FAKE_FAULT_VIDEO_CUT, 1);
  f->auth = NULL;
  r = request (f, "GET", url, NULL);
  g_assert_nonnull (r->error);
  g_test_message ("A cut video gives: %s", r->error->message);
  g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, g_bytes_get_size (video));
  response_free (r);

  /* A downloader may resume: the CDN honours Range. */
  {
    g_autoptr(SoupMessage) msg = new_message (f, "GET", url, NULL);

    soup_message_headers_set_range (soup_message_get_request_headers (msg), 1000, -1);
    r = send_message (f, msg);
    g_assert_cmpuint (r->status, ==, SOUP_STATUS_PARTIAL_CONTENT);
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body),
                     (const char *) g_bytes_get_data (video, NULL) + 1000,
                     g_bytes_get_size (video) - 1000);
    response_free (r);
  }

  assert_video_served (f, url);
}

/* The program */

static void
test_program (void)
{
  g_autofree char *exe = g_test_build_filename (G_TEST_BUILT, "fake-server", "kling-fake-server", NULL);
  const char *argv[] = { exe, "--token", TOKEN, "--dialect", "relay", "--fault", "503:1", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  Fixture f = { 0 };
  Response *r;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  base = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (base, "http://127.0.0.1:"));

  f.session = soup_session_new ();
  f.api = g_strconcat (base, API_PATH, NULL);
  f.auth = BEARER;
  r = request (&f, "GET", f.api, NULL);
  assert_relay_error (r, SOUP_STATUS_SERVICE_UNAVAILABLE, "upstream_error", "maintenance");
  response_free (r);
  r = request (&f, "GET", f.api, NULL);
  g_assert_cmpuint (r->status, ==, SOUP_STATUS_OK);
  response_free (r);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_object_unref (f.session);
  g_free (f.api);
}

static void
test_program_bad_option (void)
{
  g_autofree char *exe = g_test_build_filename (G_TEST_BUILT, "fake-server", "kling-fake-server", NULL);
  const char *argv[] = { exe, "--fault", "no-such-fault", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
}

#define ADD(path, dialect, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (dialect), fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  image_base64 = pixbuf_base64 (IMAGE_W, IMAGE_H, 0x4080c0ff, "png");

  ADD ("/fake-server/auth/bearer", KLING_FAKE_DIALECT_KLING, test_auth_bearer);
  ADD ("/fake-server/auth/jwt", KLING_FAKE_DIALECT_KLING, test_auth_jwt);
  ADD ("/fake-server/kling/lifecycle", KLING_FAKE_DIALECT_KLING, test_kling_lifecycle);
  ADD ("/fake-server/kling/routing", KLING_FAKE_DIALECT_KLING, test_kling_routing);
  ADD ("/fake-server/relay/shapes", KLING_FAKE_DIALECT_RELAY, test_relay_shapes);
  ADD ("/fake-server/relay/failure", KLING_FAKE_DIALECT_RELAY, test_relay_failure);
  ADD ("/fake-server/validation/fields", KLING_FAKE_DIALECT_KLING, test_validation_fields);
  ADD ("/fake-server/validation/controls", KLING_FAKE_DIALECT_KLING, test_validation_controls);
  ADD ("/fake-server/validation/motion-brush", KLING_FAKE_DIALECT_KLING, test_validation_motion_brush);
  ADD ("/fake-server/validation/models", KLING_FAKE_DIALECT_KLING, test_validation_models);
  ADD ("/fake-server/validation/seed-script", KLING_FAKE_DIALECT_KLING, test_seed_script);
  ADD ("/fake-server/kling/external-id", KLING_FAKE_DIALECT_KLING, test_kling_external_id);
  ADD ("/fake-server/relay/new-api", KLING_FAKE_DIALECT_RELAY, test_relay_new_api);
  ADD ("/fake-server/validation/mask-mismatch", KLING_FAKE_DIALECT_KLING, test_validation_mask_mismatch);
  ADD ("/fake-server/concurrency", KLING_FAKE_DIALECT_KLING, test_concurrency);
  ADD ("/fake-server/faults/http", KLING_FAKE_DIALECT_KLING, test_faults_http);
  ADD ("/fake-server/faults/body", KLING_FAKE_DIALECT_KLING, test_faults_body);
  ADD ("/fake-server/faults/slow", KLING_FAKE_DIALECT_KLING, test_faults_slow);
  ADD ("/fake-server/faults/create", KLING_FAKE_DIALECT_KLING, test_faults_create);
  ADD ("/fake-server/faults/video-cut", KLING_FAKE_DIALECT_KLING, test_faults_video_cut);
  g_test_add_func ("/fake-server/program/serve", test_program);
  g_test_add_func ("/fake-server/program/bad-option", test_program_bad_option);

  return g_test_run ();
}
