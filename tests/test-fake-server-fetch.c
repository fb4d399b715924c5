/* test-fake-server-fetch.c — the fake server fetches picture URLs as Kling does
 *
 * A create whose image, end frame or masks are URLs is accepted; the files
 * are fetched while the task runs, from loopback only, and a URL that fails
 * or does not answer a usable picture fails the task with its reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kling-fake-server.h"
#include "kling-test-wait.h"

#define TOKEN    "test-token-fetch"
#define API_PATH "/v1/videos/image2video"

typedef struct {
  KlingFakeServer *server;
  SoupSession     *session;
  char            *api;
} Fixture;

typedef struct {
  GBytes  *body;
  gboolean done;
} Reply;

static void
reply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  reply->done = TRUE;
}

static JsonObject *
send_json (Fixture    *f,
           const char *method,
           const char *url,
           JsonObject *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Reply reply = { 0 };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " TOKEN);
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *json = NULL;
      g_autoptr(GBytes) bytes = NULL;

      json_node_set_object (node, body);
      json = json_to_string (node, FALSE);
      bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, reply_done, &reply);
  g_assert_true (kling_test_run_until (&reply.done, KLING_TEST_PATIENCE_MS));
  g_assert_nonnull (reply.body);
  json_parser_load_from_data (parser, g_bytes_get_data (reply.body, NULL),
                              (gssize) g_bytes_get_size (reply.body), &error);
  g_bytes_unref (reply.body);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Creates the task (the create itself must be accepted) and returns its id. */
static char *
create (Fixture    *f,
        JsonObject *body)
{
  g_autoptr(JsonObject) owned = body;
  g_autoptr(JsonObject) answer = send_json (f, "POST", f->api, owned);

  g_assert_cmpint (json_object_get_int_member (answer, "code"), ==, 0);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "data"),
                                                  "task_id"));
}

static JsonObject *
image_body (const char *image)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "model_name", "kling-v1");
  json_object_set_string_member (body, "duration", "5");
  json_object_set_string_member (body, "image", image);
  return body;
}

typedef struct {
  Fixture    *f;
  const char *task_id;
} TaskWait;

static gboolean
task_ended (gpointer data)
{
  TaskWait *wait = data;
  const char *status = kling_fake_server_get_task_status (wait->f->server, wait->task_id);

  return g_strcmp0 (status, "succeed") == 0 || g_strcmp0 (status, "failed") == 0;
}

/* Waits for the task's end and returns what a client's query reads:
 * the status, and in @message the task_status_msg. */
static char *
wait_for_end (Fixture     *f,
              const char  *task_id,
              char       **message)
{
  TaskWait wait = { f, task_id };
  g_autofree char *url = g_strdup_printf ("%s/%s", f->api, task_id);
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *data;

  g_assert_true (kling_test_wait_for (task_ended, &wait, KLING_TEST_PATIENCE_MS));
  answer = send_json (f, "GET", url, NULL);
  data = json_object_get_object_member (answer, "data");
  *message = g_strdup (json_object_get_string_member (data, "task_status_msg"));
  return g_strdup (json_object_get_string_member (data, "task_status"));
}

static void
assert_fails_with (Fixture    *f,
                   JsonObject *body,
                   const char *message_part)
{
  g_autofree char *task_id = create (f, body);
  g_autofree char *message = NULL;
  g_autofree char *status = wait_for_end (f, task_id, &message);

  g_assert_cmpstr (status, ==, "failed");
  if (strstr (message, message_part) == NULL)
    g_error ("task_status_msg “%s” does not say “%s”", message, message_part);
}

static GBytes *
png_bytes (int width,
           int height,
           int x0,
           int x1)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  /* Grey, with the columns x0..x1 painted white: a mask when x1 > x0. */
  gdk_pixbuf_fill (pixbuf, 0x000000ff);
  for (int y = 0; y < height; y++)
    memset (gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) + 3 * x0,
            0xff, (gsize) (3 * (x1 - x0)));
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *base;

  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  kling_fake_server_set_timing (f->server, 50, 150);
  base = kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->api = g_strconcat (base, API_PATH, NULL);
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_unref (f->session);
  kling_fake_server_free (f->server);
  g_free (f->api);
}

/* A URL on loopback is fetched and the task succeeds; the fetched bytes
 * are the task's picture. */
static void
test_fetched (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) picture = png_bytes (640, 360, 0, 0);
  g_autofree char *url = kling_fake_server_add_file (f->server, "cat.png", picture);
  g_autofree char *task_id = create (f, image_body (url));
  g_autofree char *message = NULL;
  g_autofree char *status = wait_for_end (f, task_id, &message);
  g_autoptr(GBytes) held = kling_fake_server_get_task_file (f->server, task_id, "image");

  g_assert_cmpstr (status, ==, "succeed");
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", "/_fake/files/cat.png"), ==, 1);
  g_assert_nonnull (held);
  g_assert_true (g_bytes_equal (held, picture));
}

static void
test_generated_image (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = kling_fake_server_get_image_url (f->server, 480, 480, "jpg");
  g_autofree char *task_id = create (f, image_body (url));
  g_autofree char *message = NULL;
  g_autofree char *status = wait_for_end (f, task_id, &message);

  g_assert_cmpstr (status, ==, "succeed");
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was bound and is closed again: connection refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/cat.png",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  assert_fails_with (f, image_body (url), "image: the file at http://127.0.0.1:");
}

static void
test_not_found_and_not_image (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>Not a picture</html>", 26);
  g_autofree char *page = kling_fake_server_add_file (f->server, "page.html", text);
  g_autofree char *missing = g_strconcat (kling_fake_server_get_base_url (f->server),
                                          "/_fake/files/missing.png", NULL);
  g_autofree char *small = kling_fake_server_get_image_url (f->server, 200, 200, "png");

  assert_fails_with (f, image_body (missing), "could not be downloaded: HTTP 404");
  assert_fails_with (f, image_body (page), "image format is not supported");
  assert_fails_with (f, image_body (small), "at least 300 px");
}

/* The fake never leaves loopback: the task fails, saying why. */
static void
test_off_loopback_refused (Fixture       *f,
                           gconstpointer  data)
{
  assert_fails_with (f, image_body ("https://example.com/cat.png"),
                     "fetches only loopback URLs");
}

/* Mask URLs are fetched and checked against the image like base64 masks. */
static void
test_mask_urls (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) image = png_bytes (640, 360, 0, 0);
  g_autoptr(GBytes) mask = png_bytes (640, 360, 400, 640);
  g_autoptr(GBytes) small_mask = png_bytes (320, 180, 200, 320);
  g_autofree char *image_b64 = g_base64_encode (g_bytes_get_data (image, NULL),
                                                g_bytes_get_size (image));
  const char *masks[] = { "mask.png", "small.png" };
  GBytes *mask_bytes[] = { mask, small_mask };

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autofree char *url = kling_fake_server_add_file (f->server, masks[i], mask_bytes[i]);
      JsonObject *body = image_body (image_b64);
      JsonObject *entry = json_object_new ();
      JsonArray *points = json_array_new ();
      JsonArray *entries = json_array_new ();
      g_autofree char *task_id = NULL;
      g_autofree char *message = NULL;
      g_autofree char *status = NULL;

      for (int p = 0; p < 2; p++)
        {
          JsonObject *point = json_object_new ();

          json_object_set_int_member (point, "x", 500 + 50 * p);
          json_object_set_int_member (point, "y", 100);
          json_array_add_object_element (points, point);
        }
      json_object_set_string_member (entry, "mask", url);
      json_object_set_array_member (entry, "trajectories", points);
      json_array_add_object_element (entries, entry);
      json_object_set_array_member (body, "dynamic_masks", entries);

      task_id = create (f, body);
      status = wait_for_end (f, task_id, &message);
      g_assert_cmpstr (status, ==, i == 0 ? "succeed" : "failed");
      if (i == 1)
        g_assert_nonnull (strstr (message, "masks do not match the image"));
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/fake-server-fetch/fetched", test_fetched);
  ADD ("/fake-server-fetch/generated-image", test_generated_image);
  ADD ("/fake-server-fetch/unreachable", test_unreachable);
  ADD ("/fake-server-fetch/not-found-and-not-image", test_not_found_and_not_image);
  ADD ("/fake-server-fetch/off-loopback-refused", test_off_loopback_refused);
  ADD ("/fake-server-fetch/mask-urls", test_mask_urls);

  return g_test_run ();
}
