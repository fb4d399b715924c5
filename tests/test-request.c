/* test-request.c — what is sent: request bodies byte for byte, and every
 * input kling-api.md §2 refuses, with its message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kling-error.h"
#include "kling-json.h"
#include "kling-request.h"
#include "kling-test-images.h"

#define W 640
#define H 480

/* ---- test media, made in memory ---- */

static KlingImage *
make_image (int         width,
            int         height,
            const char *type)
{
  g_autoptr(GBytes) bytes = kling_test_image_filled (width, height, type, 0x3366ccff);
  g_autoptr(GError) error = NULL;
  KlingImage *image = kling_image_new_from_bytes (bytes, "test image", &error);

  g_assert_no_error (error);
  g_assert_cmpint (kling_image_get_width (image), ==, width);
  g_assert_cmpint (kling_image_get_height (image), ==, height);
  return image;
}

/* A valid PNG header padded to @total bytes: only the size matters. */
static KlingImage *
make_padded_image (gsize total)
{
  g_autoptr(GBytes) bytes = kling_test_image_filled (W, H, "png", 0xffffffff);
  GByteArray *padded = g_byte_array_new ();
  g_autoptr(GBytes) padded_bytes = NULL;

  g_byte_array_append (padded, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_byte_array_set_size (padded, total);
  padded_bytes = g_byte_array_free_to_bytes (padded);
  return kling_image_new_from_bytes (padded_bytes, "big.png", NULL);
}

static char *
base64_of (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static KlingMask *
make_dab_mask (int    width,
               int    height,
               double cx,
               double cy,
               double radius)
{
  KlingMask *mask = kling_mask_new (width, height);

  kling_mask_paint_dab (mask, cx, cy, radius, 1.0, FALSE, NULL);
  return mask;
}

static KlingRequest *
make_valid_request (void)
{
  g_autoptr(KlingImage) image = make_image (W, H, "png");
  KlingRequest *request = kling_request_new ();

  kling_request_set_image (request, image);
  return request;
}

static char *
body_text (KlingRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = kling_request_build_body (request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* ---- bodies ---- */

static void
test_defaults (void)
{
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autoptr(KlingRequest) other = kling_request_new ();
  g_autoptr(KlingRequest) copy = NULL;
  double cfg_scale;

  g_assert_cmpstr (kling_request_get_model (request), ==, "kling-v1");
  g_assert_cmpstr (kling_request_get_mode (request), ==, "std");
  g_assert_cmpstr (kling_request_get_duration (request), ==, "5");
  g_assert_false (kling_request_get_cfg_scale (request, &cfg_scale));
  g_assert_cmpfloat (cfg_scale, ==, 0.5);
  g_assert_null (kling_request_get_aspect_ratio (request));

  /* a fresh UUID per request, kept by a copy, renewed on demand */
  g_assert_true (g_uuid_string_is_valid (kling_request_get_external_task_id (request)));
  g_assert_cmpstr (kling_request_get_external_task_id (request), !=,
                   kling_request_get_external_task_id (other));
  copy = kling_request_copy (request);
  g_assert_cmpstr (kling_request_get_external_task_id (copy), ==,
                   kling_request_get_external_task_id (request));
  kling_request_regenerate_external_task_id (copy);
  g_assert_cmpstr (kling_request_get_external_task_id (copy), !=,
                   kling_request_get_external_task_id (request));
}

static void
test_body_plain (void)
{
  g_autoptr(GBytes) png = kling_test_image_filled (W, H, "png", 0x3366ccff);
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "cat.png", NULL);
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autofree char *base64 = base64_of (png);
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;

  kling_request_set_image (request, image);
  kling_request_set_prompt (request, "A cat \"Tom\" walks — café");
  kling_request_set_negative_prompt (request, "blur");
  kling_request_set_cfg_scale (request, 0.5);
  kling_request_set_duration (request, "5");
  kling_request_set_external_task_id (request, "3f2a9c4e-0000-4000-8000-000000000001");

  expected = g_strdup_printf ("{\"model_name\":\"kling-v1\",\"mode\":\"std\","
                              "\"prompt\":\"A cat \\\"Tom\\\" walks — café\","
                              "\"negative_prompt\":\"blur\",\"cfg_scale\":0.5,"
                              "\"duration\":\"5\",\"image\":\"%s\","
                              "\"external_task_id\":\"3f2a9c4e-0000-4000-8000-000000000001\"}",
                              base64);
  body = body_text (request);
  g_assert_cmpstr (body, ==, expected);
  /* raw base64, never a data: URL */
  g_assert_null (strstr (body, "data:"));

  /* a JPEG goes as its own bytes too */
  {
    g_autoptr(GBytes) jpeg = kling_test_image_filled (W, H, "jpeg", 0x3366ccff);
    g_autoptr(KlingImage) jpeg_image = kling_image_new_from_bytes (jpeg, "cat.jpg", NULL);
    g_autofree char *jpeg_base64 = base64_of (jpeg);
    g_autofree char *jpeg_body = NULL;

    g_assert_cmpstr (kling_image_get_mime_type (jpeg_image), ==, "image/jpeg");
    kling_request_set_image (request, jpeg_image);
    jpeg_body = body_text (request);
    g_assert_nonnull (strstr (jpeg_body, jpeg_base64));
  }
}

static void
test_body_url (void)
{
  g_autoptr(KlingImage) image = kling_image_new_from_url ("https://example.com/cat.png?x=1&y=2");
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autofree char *body = NULL;

  g_assert_true (kling_image_is_url (image));
  g_assert_cmpint (kling_image_get_width (image), ==, 0);
  kling_request_set_image (request, image);
  kling_request_set_mode (request, "pro");
  kling_request_set_duration (request, "10");
  kling_request_set_aspect_ratio (request, "16:9");
  kling_request_set_prompt (request, "");   /* empty: not sent */
  kling_request_set_callback_url (request, "https://example.com/hook");
  kling_request_set_external_task_id (request, "id-b");

  body = body_text (request);
  g_assert_cmpstr (body, ==,
                   "{\"model_name\":\"kling-v1\",\"mode\":\"pro\",\"duration\":\"10\","
                   "\"aspect_ratio\":\"16:9\",\"image\":\"https://example.com/cat.png?x=1&y=2\","
                   "\"callback_url\":\"https://example.com/hook\",\"external_task_id\":\"id-b\"}");
}

/* Decodes a mask PNG the way a third party would (gdk-pixbuf) and checks
 * it is what kling-api.md asks for. */
static GdkPixbuf *
decode_sent_mask (const char *base64)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  GdkPixbuf *pixbuf;
  gsize length;
  int rowstride, n_channels;
  const guint8 *pixels;

  png = g_base64_decode (base64, &length);
  /* IHDR: 8-bit (byte 24), greyscale without alpha (colour type 0, byte 25) */
  g_assert_cmpuint (length, >, 26);
  g_assert_cmpmem (png + 12, 4, "IHDR", 4);
  g_assert_cmpuint (png[24], ==, 8);
  g_assert_cmpuint (png[25], ==, 0);

  gdk_pixbuf_loader_write (loader, png, length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, W);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, H);
  g_assert_cmpint (gdk_pixbuf_get_bits_per_sample (pixbuf), ==, 8);
  g_assert_false (gdk_pixbuf_get_has_alpha (pixbuf));

  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint8 v = pixels[y * rowstride + x * n_channels];

        g_assert_true (v == 0 || v == 255);
      }
  return pixbuf;
}

static guint8
pixel_at (GdkPixbuf *pixbuf,
          int        x,
          int        y)
{
  return gdk_pixbuf_read_pixels (pixbuf)[y * gdk_pixbuf_get_rowstride (pixbuf) +
                                         x * gdk_pixbuf_get_n_channels (pixbuf)];
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member (object, name);
}

static void
test_body_motion_brush (void)
{
  g_autoptr(GBytes) png = kling_test_image_filled (W, H, "png", 0x3366ccff);
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "cat.png", NULL);
  g_autoptr(KlingRequest) request = kling_request_new ();
  g_autoptr(KlingMask) still = kling_mask_new (W, H);
  g_autoptr(KlingMask) moving1 = make_dab_mask (W, H, 160, 240, 40);
  g_autoptr(KlingMask) moving2 = make_dab_mask (W, H, 480, 100, 30);
  g_autoptr(KlingMask) still_sent = NULL;
  g_autoptr(KlingTrajectory) path1 = kling_trajectory_new_from_string ("160,240;200,270;240,300", NULL);
  g_autoptr(KlingTrajectory) path2 = kling_trajectory_new_from_string ("480,100;500,50", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GdkPixbuf) static_pixbuf = NULL;
  g_autoptr(GdkPixbuf) dynamic_pixbuf = NULL;
  g_autofree char *image_base64 = base64_of (png);
  g_autofree char *static_base64 = NULL;
  g_autofree char *mask1_base64 = kling_mask_to_base64 (moving1, NULL);
  g_autofree char *mask2_base64 = kling_mask_to_base64 (moving2, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;
  KlingRect left_half = { 0, 0, W / 2, H };
  JsonObject *root;
  JsonArray *dynamic;

  /* the static brush covers the left half, over the first moving area */
  kling_mask_fill_rect (still, &left_half, 255);
  kling_request_set_image (request, image);
  kling_request_set_mode (request, "pro");
  kling_request_set_static_mask (request, still);
  kling_request_add_dynamic (request, moving1, path1);
  kling_request_add_dynamic (request, moving2, path2);
  kling_request_set_external_task_id (request, "id-c");
  /* the request holds copies: later painting does not leak in */
  kling_mask_paint_dab (still, 600, 400, 20, 1.0, FALSE, NULL);
  g_assert_cmpuint (kling_request_get_n_dynamic (request), ==, 2);

  still_sent = kling_mask_new (W, H);
  kling_mask_fill_rect (still_sent, &left_half, 255);
  kling_mask_subtract (still_sent, moving1);
  static_base64 = kling_mask_to_base64 (still_sent, NULL);

  expected = g_strdup_printf ("{\"model_name\":\"kling-v1\",\"mode\":\"pro\",\"duration\":\"5\","
                              "\"image\":\"%s\",\"static_mask\":\"%s\","
                              "\"dynamic_masks\":["
                              "{\"mask\":\"%s\",\"trajectories\":"
                              "[{\"x\":160,\"y\":239},{\"x\":200,\"y\":209},{\"x\":240,\"y\":179}]},"
                              "{\"mask\":\"%s\",\"trajectories\":"
                              "[{\"x\":480,\"y\":379},{\"x\":500,\"y\":429}]}],"
                              "\"external_task_id\":\"id-c\"}",
                              image_base64, static_base64, mask1_base64, mask2_base64);
  body = body_text (request);
  g_assert_cmpstr (body, ==, expected);

  /* and what a receiver decodes from it */
  json_parser_load_from_data (parser, body, -1, NULL);
  root = json_node_get_object (json_parser_get_root (parser));
  static_pixbuf = decode_sent_mask (member_string (root, "static_mask"));
  g_assert_cmpuint (pixel_at (static_pixbuf, 10, 10), ==, 255);
  g_assert_cmpuint (pixel_at (static_pixbuf, 160, 240), ==, 0);    /* dynamic area cut out */
  g_assert_cmpuint (pixel_at (static_pixbuf, 160 + 38, 240), ==, 0);
  g_assert_cmpuint (pixel_at (static_pixbuf, 600, 400), ==, 0);    /* painted after: not sent */
  g_assert_cmpuint (pixel_at (static_pixbuf, 400, 240), ==, 0);

  dynamic = json_object_get_array_member (root, "dynamic_masks");
  g_assert_cmpuint (json_array_get_length (dynamic), ==, 2);
  dynamic_pixbuf = decode_sent_mask (member_string (json_array_get_object_element (dynamic, 0), "mask"));
  g_assert_cmpuint (pixel_at (dynamic_pixbuf, 160, 240), ==, 255);
  g_assert_cmpuint (pixel_at (dynamic_pixbuf, 10, 10), ==, 0);
}

/* The sent x of point k of the first dynamic brush, from the body's bytes */
static GArray *
sent_xs (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (int));
  JsonArray *dynamic, *points;

  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  dynamic = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "dynamic_masks");
  points = json_object_get_array_member (json_array_get_object_element (dynamic, 0),
                                         "trajectories");
  for (guint k = 0; k < json_array_get_length (points); k++)
    {
      JsonObject *point = json_array_get_object_element (points, k);
      int x = json_object_get_int_member (point, "x");

      /* a straight path along y = 100 (sent as 479 − 100) */
      g_assert_cmpint (json_object_get_int_member (point, "y"), ==, H - 1 - 100);
      g_array_append_val (xs, x);
    }
  return xs;
}

static void
test_body_eased_path (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(KlingMask) moving = make_dab_mask (W, H, 100, 100, 30);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new_from_string ("100,100;500,100", NULL);
  g_autofree char *constant = NULL;
  g_autofree char *eased = NULL;
  g_autoptr(GArray) xs = NULL;
  guint n;

  /* at constant speed two points say it all */
  kling_request_add_dynamic (request, moving, path);
  constant = body_text (request);
  g_assert_nonnull (strstr (constant, "\"trajectories\":[{\"x\":100,\"y\":379},{\"x\":500,\"y\":379}]"));

  /* eased in: 77 points at equal times, crowded at the start where the
   * region is slow, spread at the end where it is fast */
  kling_trajectory_set_timing (path, KLING_TIMING_EASE_IN);
  kling_request_clear_dynamic (request);
  kling_request_add_dynamic (request, moving, path);
  eased = body_text (request);
  xs = sent_xs (eased);
  n = xs->len;
  g_assert_cmpuint (n, ==, KLING_TRAJECTORY_MAX_POINTS);
  g_assert_cmpint (g_array_index (xs, int, 0), ==, 100);
  g_assert_cmpint (g_array_index (xs, int, n - 1), ==, 500);
  /* the first tenth of the clip covers a hundredth of the way… */
  g_assert_cmpint (g_array_index (xs, int, 8) - 100, <=, 5);
  /* …and each step grows */
  for (guint k = 2; k < n; k++)
    g_assert_cmpint (g_array_index (xs, int, k) - g_array_index (xs, int, k - 1), >=,
                     g_array_index (xs, int, k - 1) - g_array_index (xs, int, k - 2) - 1);
  g_assert_cmpint (g_array_index (xs, int, n - 1) - g_array_index (xs, int, n - 2), >,
                   5 * (g_array_index (xs, int, 10) - g_array_index (xs, int, 9)));
}

static void
test_body_static_dropped (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(KlingMask) empty = kling_mask_new (W, H);
  g_autoptr(KlingMask) moving = make_dab_mask (W, H, 100, 100, 30);
  g_autoptr(KlingMask) under_moving = make_dab_mask (W, H, 100, 100, 20);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new_from_string ("100,100;150,120", NULL);
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;

  /* an empty static mask is not sent and is not "using the motion brush",
   * so a model without motion brush takes it */
  kling_request_set_model (request, "kling-v2-6");
  kling_request_set_mode (request, "pro");
  kling_request_set_static_mask (request, empty);
  g_assert_false (kling_request_uses_motion_brush (request));
  body = body_text (request);
  g_assert_null (strstr (body, "static_mask"));

  /* a static area wholly inside a dynamic one is left out too */
  kling_request_set_model (request, "kling-v1");
  kling_request_set_static_mask (request, under_moving);
  kling_request_add_dynamic (request, moving, path);
  body2 = body_text (request);
  g_assert_null (strstr (body2, "static_mask"));
  g_assert_nonnull (strstr (body2, "\"dynamic_masks\":[{\"mask\":\""));
}

static void
test_body_cfg_scale (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(GError) error = NULL;
  g_autofree char *v1_body = NULL;
  g_autofree char *v2_body = NULL;

  /* unset: not sent, even where it is supported */
  v1_body = body_text (request);
  g_assert_null (strstr (v1_body, "cfg_scale"));

  kling_request_set_model (request, "kling-v2-master");
  v2_body = body_text (request);
  g_assert_null (strstr (v2_body, "cfg_scale"));
  g_assert_true (g_str_has_prefix (v2_body, "{\"model_name\":\"kling-v2-master\",\"mode\":\"std\",\"duration\":\"5\",\"image\":"));

  /* set for a model that takes none: refused, not silently dropped */
  kling_request_set_cfg_scale (request, 0.5);
  g_assert_null (kling_request_build_body (request, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "CFG scale: Kling v2 Master does not take a CFG scale; leave it unset");
  kling_request_unset_cfg_scale (request);
  g_assert_true (kling_request_validate (request, NULL));
}

/* cfg_scale goes out as the user set it: the shortest decimal that reads
 * back to the same double, never json-glib's "%.17g" (0.29999999999999999)
 * nor its "1.0" and "0.0". */
static void
test_body_cfg_scale_digits (void)
{
  static const struct {
    double      value;
    const char *text;
  } cases[] = {
    { 0.3, "0.3" }, { 0.05, "0.05" }, { 1.0, "1" }, { 0.0, "0" }, { 0.1, "0.1" },
    { 0.7, "0.7" }, { 0.5, "0.5" }, { 0.123456789, "0.123456789" },
    { 1.0 / 3.0, "0.3333333333333333" }, { 0.1 + 0.2, "0.30000000000000004" },
  };
  g_autoptr(KlingImage) image = kling_image_new_from_url ("https://example.com/cat.png");
  g_autoptr(KlingRequest) request = kling_request_new ();

  kling_request_set_image (request, image);
  kling_request_set_external_task_id (request, "id-cfg");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *body = NULL;
      g_autofree char *expected = NULL;
      JsonObject *object;

      kling_request_set_cfg_scale (request, cases[i].value);
      body = body_text (request);
      expected = g_strdup_printf ("{\"model_name\":\"kling-v1\",\"mode\":\"std\","
                                  "\"cfg_scale\":%s,\"duration\":\"5\","
                                  "\"image\":\"https://example.com/cat.png\","
                                  "\"external_task_id\":\"id-cfg\"}", cases[i].text);
      g_assert_cmpstr (body, ==, expected);

      /* valid JSON, and the very same number when read back */
      g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_get_double_member (object, "cfg_scale") == cases[i].value);
    }
}

/* Every double of a document, shortest; strings and integers untouched. */
static void
test_json_numbers (void)
{
  const char *text = "{\"s\":\"0.29999999999999999 \\\" 1.0\",\"i\":-7,"
                     "\"d\":[0.29999999999999999,1.0,-0.0,1e20,-2.5e-7,123.4,5e-324,1.7976931348623157e308]}";
  const char *expected = "{\"s\":\"0.29999999999999999 \\\" 1.0\",\"i\":-7,"
                         "\"d\":[0.3,1,0,1e+20,-2.5e-07,123.4,5e-324,1.7976931348623157e+308]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *again = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  compact = kling_json_to_data (json_parser_get_root (parser), FALSE, &length);
  g_assert_cmpstr (compact, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));

  /* the same text again once read back */
  g_assert_true (json_parser_load_from_data (parser, compact, -1, NULL));
  again = kling_json_to_data (json_parser_get_root (parser), FALSE, NULL);
  g_assert_cmpstr (again, ==, expected);

  pretty = kling_json_to_data (json_parser_get_root (parser), TRUE, NULL);
  g_assert_nonnull (strstr (pretty, "\n  \"i\" : -7,\n"));
  g_assert_nonnull (strstr (pretty, "\n    0.3,\n    1,\n    0,\n    1e+20,\n"));

  g_assert_cmpstr (kling_json_format_double (0.3, buffer), ==, "0.3");
  g_assert_cmpstr (kling_json_format_double (-0.0, buffer), ==, "0");
  g_assert_cmpstr (kling_json_format_double (-10, buffer), ==, "-10");
  g_assert_cmpstr (kling_json_format_double (260, buffer), ==, "260");
  g_assert_cmpstr (kling_json_format_double (1e16, buffer), ==, "1e+16");
  g_assert_cmpstr (kling_json_format_double (0.0001, buffer), ==, "0.0001");
  g_assert_cmpstr (kling_json_format_double (1234567.5, buffer), ==, "1234567.5");
}

static void
test_body_camera_and_end_frame (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(KlingImage) tail = make_image (W, H, "jpeg");
  g_autofree char *tail_base64 = kling_image_to_base64 (tail);
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;
  g_autofree char *body3 = NULL;
  g_autofree char *expected = NULL;
  const double zoom[6] = { 0, 0, 0, 0, 0, 5 };
  const double half_pan[6] = { 0, 0, -2.5, 0, 0, 0 };
  const double tenth_tilt[6] = { 0, 0, 0, 0.1, 0, 0 };

  kling_request_set_model (request, "kling-v1-5");
  kling_request_set_mode (request, "pro");
  kling_request_set_external_task_id (request, "id-cam");
  kling_request_set_camera_control (request, "simple", zoom);
  body = body_text (request);
  g_assert_nonnull (strstr (body, ",\"camera_control\":{\"type\":\"simple\",\"config\":"
                                  "{\"horizontal\":0,\"vertical\":0,\"pan\":0,\"tilt\":0,"
                                  "\"roll\":0,\"zoom\":5}},\"external_task_id\":\"id-cam\"}"));

  kling_request_set_camera_control (request, "simple", half_pan);
  body2 = body_text (request);
  g_assert_nonnull (strstr (body2, "\"pan\":-2.5,"));
  g_free (body2);
  kling_request_set_camera_control (request, "simple", tenth_tilt);
  body2 = body_text (request);
  g_assert_nonnull (strstr (body2, "\"pan\":0,\"tilt\":0.1,\"roll\":0,"));

  /* the presets are text-to-video only: refused before sending */
  kling_request_set_camera_control (request, "forward_up", zoom);
  g_assert_false (kling_request_validate (request, NULL));

  /* end frame instead */
  kling_request_set_camera_control (request, NULL, NULL);
  kling_request_set_image_tail (request, tail);
  body3 = body_text (request);
  expected = g_strdup_printf ("\",\"image_tail\":\"%s\",\"external_task_id\":\"id-cam\"}", tail_base64);
  g_assert_true (g_str_has_suffix (body3, expected));
}

static void
test_long_prompt_counts_characters (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(GString) prompt = g_string_new (NULL);

  /* 2500 two-byte characters: 5000 bytes, still allowed */
  for (int i = 0; i < 2500; i++)
    g_string_append (prompt, "é");
  kling_request_set_prompt (request, prompt->str);
  kling_request_set_negative_prompt (request, prompt->str);
  g_assert_true (kling_request_validate (request, NULL));
}

static void
test_image_checks (void)
{
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00", 10);
  g_autoptr(GBytes) broken = g_bytes_new_static ("\x89PNG\r\n\x1a\nxxxx", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) tall = make_image (300, 750, "png");
  g_autoptr(KlingImage) wide = make_image (750, 300, "jpeg");
  g_autoptr(KlingImage) exactly_10mb = make_padded_image (10 * 1024 * 1024);
  g_autoptr(KlingImage) url = kling_image_new_from_url ("http://example.com/a.jpg");
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "kling-test-no-such.png", NULL);

  g_assert_null (kling_image_new_from_bytes (gif, "cat.gif", &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "cat.gif is not a PNG or JPEG image");
  g_clear_error (&error);

  g_assert_null (kling_image_new_from_bytes (broken, "broken.png", &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "broken.png could not be read as an image: "));
  g_clear_error (&error);

  g_assert_null (kling_image_new_from_file (missing, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_IO);
  g_clear_error (&error);

  /* the limits themselves pass */
  g_assert_true (kling_image_check (tall, "Image", NULL));
  g_assert_true (kling_image_check (wide, "Image", NULL));
  g_assert_true (kling_image_check (exactly_10mb, "Image", NULL));
  g_assert_true (kling_image_check (url, "Image", NULL));
}

/* ---- everything refused, with its message ---- */

typedef void (*Setup) (KlingRequest *request);

static void
set_model_unknown (KlingRequest *r)
{
  kling_request_set_model (r, "kling-v9");
}

static void
set_mode_unknown (KlingRequest *r)
{
  kling_request_set_mode (r, "turbo");
}

static void
set_duration_v3_long (KlingRequest *r)
{
  kling_request_set_model (r, "kling-v3");
  kling_request_set_duration (r, "16");
}

static void
set_duration_not_offered (KlingRequest *r)
{
  kling_request_set_duration (r, "7");
}

static void
set_duration_not_number (KlingRequest *r)
{
  kling_request_set_duration (r, "five");
}

static void
set_prompt_long (KlingRequest *r)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 2501; i++)
    g_string_append (text, "é");
  kling_request_set_prompt (r, text->str);
}

static void
set_negative_long (KlingRequest *r)
{
  g_autofree char *text = g_strnfill (2501, 'a');

  kling_request_set_negative_prompt (r, text);
}

static void
set_prompt_bad_utf8 (KlingRequest *r)
{
  kling_request_set_prompt (r, "caf\xe9");
}

static void
set_cfg_high (KlingRequest *r)
{
  kling_request_set_cfg_scale (r, 1.5);
}

static void
set_cfg_negative (KlingRequest *r)
{
  kling_request_set_cfg_scale (r, -0.1);
}

static void
set_cfg_unsupported (KlingRequest *r)
{
  kling_request_set_model (r, "kling-v2-1");
  kling_request_set_cfg_scale (r, 0.7);
}

static void
set_aspect_bad (KlingRequest *r)
{
  kling_request_set_aspect_ratio (r, "4:3");
}

static void
set_no_image (KlingRequest *r)
{
  kling_request_set_image (r, NULL);
}

static void
set_image_small (KlingRequest *r)
{
  g_autoptr(KlingImage) image = make_image (200, 800, "png");

  kling_request_set_image (r, image);
}

static void
set_image_wide (KlingRequest *r)
{
  g_autoptr(KlingImage) image = make_image (960, 300, "jpeg");

  kling_request_set_image (r, image);
}

static void
set_image_tall (KlingRequest *r)
{
  g_autoptr(KlingImage) image = make_image (300, 751, "png");

  kling_request_set_image (r, image);
}

static void
set_image_bad_url (KlingRequest *r)
{
  g_autoptr(KlingImage) image = kling_image_new_from_url ("file:///tmp/cat.png");

  kling_request_set_image (r, image);
}

static void
set_end_frame_big (KlingRequest *r)
{
  /* 12.35 MB rounds up to 12.4 */
  g_autoptr(KlingImage) tail = make_padded_image (12949914);

  kling_request_set_image_tail (r, tail);
}

static void
set_end_frame_and_camera (KlingRequest *r)
{
  g_autoptr(KlingImage) tail = make_image (W, H, "png");
  const double zoom[6] = { 0, 0, 0, 0, 0, 5 };

  kling_request_set_image_tail (r, tail);
  kling_request_set_camera_control (r, "simple", zoom);
}

static void
add_dynamic_dab (KlingRequest *r,
                 int           width,
                 int           height)
{
  g_autoptr(KlingMask) mask = make_dab_mask (width, height, 100, 100, 20);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new_from_string ("100,100;200,150", NULL);

  kling_request_add_dynamic (r, mask, path);
}

static void
set_end_frame_and_brush (KlingRequest *r)
{
  g_autoptr(KlingImage) tail = make_image (W, H, "png");

  kling_request_set_image_tail (r, tail);
  add_dynamic_dab (r, W, H);
}

static void
set_brush_10s (KlingRequest *r)
{
  kling_request_set_duration (r, "10");
  add_dynamic_dab (r, W, H);
}

static void
set_brush_v15_std (KlingRequest *r)
{
  kling_request_set_model (r, "kling-v1-5");
  add_dynamic_dab (r, W, H);
}

static void
set_static_brush_v2 (KlingRequest *r)
{
  g_autoptr(KlingMask) still = make_dab_mask (W, H, 50, 50, 10);

  kling_request_set_model (r, "kling-v2-master");
  kling_request_set_static_mask (r, still);
}

static void
set_camera_unsupported (KlingRequest *r)
{
  const double pan[6] = { 0, 0, 3, 0, 0, 0 };

  kling_request_set_camera_control (r, "simple", pan);
}

static void
set_seven_dynamic (KlingRequest *r)
{
  for (int i = 0; i < 7; i++)
    add_dynamic_dab (r, W, H);
}

static void
set_short_trajectory (KlingRequest *r)
{
  g_autoptr(KlingMask) mask = make_dab_mask (W, H, 300, 300, 20);
  g_autoptr(KlingTrajectory) one = kling_trajectory_new_from_string ("300,300", NULL);

  add_dynamic_dab (r, W, H);
  add_dynamic_dab (r, W, H);
  kling_request_add_dynamic (r, mask, one);
}

static void
set_one_pixel_trajectory (KlingRequest *r)
{
  g_autoptr(KlingMask) mask = make_dab_mask (W, H, 300, 300, 20);
  g_autoptr(KlingTrajectory) still = kling_trajectory_new_from_string ("300,300;300.2,299.9", NULL);

  kling_request_add_dynamic (r, mask, still);
}

static void
set_empty_dynamic (KlingRequest *r)
{
  g_autoptr(KlingMask) empty = kling_mask_new (W, H);
  g_autoptr(KlingTrajectory) path = kling_trajectory_new_from_string ("1,1;2,2", NULL);

  add_dynamic_dab (r, W, H);
  kling_request_add_dynamic (r, empty, path);
}

static void
set_static_wrong_size (KlingRequest *r)
{
  g_autoptr(KlingMask) still = make_dab_mask (320, 240, 50, 50, 10);

  kling_request_set_static_mask (r, still);
}

static void
set_dynamic_wrong_size (KlingRequest *r)
{
  add_dynamic_dab (r, 320, 240);
}

static void
set_url_with_brush (KlingRequest *r)
{
  g_autoptr(KlingImage) image = kling_image_new_from_url ("https://example.com/cat.png");

  kling_request_set_image (r, image);
  add_dynamic_dab (r, W, H);
}

static void
use_camera_model (KlingRequest *r)
{
  kling_request_set_model (r, "kling-v1-5");
  kling_request_set_mode (r, "pro");
}

static void
set_camera_unknown (KlingRequest *r)
{
  use_camera_model (r);
  kling_request_set_camera_control (r, "spin", NULL);
}

static void
set_camera_two_axes (KlingRequest *r)
{
  const double two[6] = { 1, 0, 0, 0, 0, 2 };

  use_camera_model (r);
  kling_request_set_camera_control (r, "simple", two);
}

static void
set_camera_no_axis (KlingRequest *r)
{
  use_camera_model (r);
  kling_request_set_camera_control (r, "simple", NULL);
}

static void
set_camera_out_of_range (KlingRequest *r)
{
  const double zoom[6] = { 0, 0, 0, 0, 0, 11 };

  use_camera_model (r);
  kling_request_set_camera_control (r, "simple", zoom);
}

static const struct {
  const char *name;
  const char *field;     /* what kling_request_validate_field() points at */
  Setup       setup;
  const char *message;
} rejected[] = {
  { "model", "model", set_model_unknown,
    "Model: “kling-v9” is not a known model (known: kling-v1, kling-v1-5, kling-v1-6, "
    "kling-v2-master, kling-v2-1, kling-v2-1-master, kling-v2-5-turbo, kling-v2-6, kling-v3)" },
  { "mode", "mode", set_mode_unknown, "Mode: Kling v1 does not offer “turbo” (it offers std or pro)" },
  { "duration-v3", "duration", set_duration_v3_long,
    "Duration: Kling v3 does not offer 16 s in std mode (it offers 3–15 s)" },
  { "duration", "duration", set_duration_not_offered,
    "Duration: Kling v1 does not offer 7 s in std mode (it offers 5 s or 10 s)" },
  { "duration-text", "duration", set_duration_not_number, "Duration: “five” is not a whole number of seconds" },
  { "prompt", "prompt", set_prompt_long, "Prompt: 2501 characters; at most 2500 are allowed" },
  { "negative-prompt", "negative_prompt", set_negative_long, "Negative prompt: 2501 characters; at most 2500 are allowed" },
  { "prompt-utf8", "prompt", set_prompt_bad_utf8, "Prompt: the text is not valid UTF-8" },
  { "cfg-high", "cfg_scale", set_cfg_high, "CFG scale: 1.5 is outside 0 to 1" },
  { "cfg-negative", "cfg_scale", set_cfg_negative, "CFG scale: -0.1 is outside 0 to 1" },
  { "cfg-model", "cfg_scale", set_cfg_unsupported, "CFG scale: Kling v2.1 does not take a CFG scale; leave it unset" },
  { "aspect-ratio", "aspect_ratio", set_aspect_bad, "Aspect ratio: “4:3” is not one of 16:9, 9:16 or 1:1" },
  { "no-image", "image", set_no_image, "Image: no input image is set" },
  { "image-small", "image", set_image_small, "Image: too small: each side must be at least 300 pixels, this one is 200×800, "
    "and too tall: Kling accepts at most 2.5 times taller than wide, this one is 4.00 times" },
  { "image-wide", "image", set_image_wide,
    "Image: too wide: Kling accepts at most 2.5 times wider than tall, this one is 3.20 times" },
  { "image-tall", "image", set_image_tall,
    "Image: too tall: Kling accepts at most 2.5 times taller than wide, this one is 2.51 times" },
  { "image-url", "image", set_image_bad_url, "Image: “file:///tmp/cat.png” is not an http:// or https:// address" },
  { "end-frame-size", "image_tail", set_end_frame_big, "End frame: too large: Kling accepts at most 10 MB, this one is 12.4 MB" },
  { "end-frame-and-camera", "image_tail", set_end_frame_and_camera,
    "End frame, motion brush and camera control cannot be combined; use only one of them per task" },
  { "end-frame-and-brush", "image_tail", set_end_frame_and_brush,
    "End frame, motion brush and camera control cannot be combined; use only one of them per task" },
  { "brush-10s", "motion_brush", set_brush_10s,
    "Motion brush works only with Kling v1 (std or pro, 5 s)" },
  { "brush-v15-std", "motion_brush", set_brush_v15_std,
    "Motion brush works only with Kling v1 (std or pro, 5 s)" },
  { "static-brush-v2", "motion_brush", set_static_brush_v2,
    "Motion brush works only with Kling v1 (std or pro, 5 s)" },
  { "camera-model", "camera_control", set_camera_unsupported, "Camera control works only with Kling v1.5 (pro, 5 s), retired" },
  { "seven-dynamic", "motion_brush", set_seven_dynamic, "Motion brush: 7 dynamic brushes; at most 6 are allowed" },
  { "short-trajectory", "motion_brush", set_short_trajectory, "Dynamic brush 3: a trajectory needs at least 2 points" },
  { "one-pixel-trajectory", "motion_brush", set_one_pixel_trajectory,
    "Dynamic brush 1: the trajectory’s points all fall on one pixel; it needs at least 2 different ones" },
  { "empty-dynamic", "motion_brush", set_empty_dynamic, "Dynamic brush 2: nothing is painted" },
  { "static-size", "motion_brush", set_static_wrong_size, "Static brush: the mask is 320×240 but the image is 640×480" },
  { "dynamic-size", "motion_brush", set_dynamic_wrong_size, "Dynamic brush 1: the mask is 320×240 but the image is 640×480" },
  { "url-with-brush", "motion_brush", set_url_with_brush,
    "Motion brush: the image is a URL, so its pixel size is unknown and the masks cannot be "
    "checked; open the image from a file" },
  { "camera-type", "camera_control", set_camera_unknown,
    "Camera control: “spin” is not a known type (simple, down_back, forward_up, "
    "right_turn_forward, left_turn_forward)" },
  { "camera-two", "camera_control", set_camera_two_axes,
    "Camera control: simple needs exactly one non-zero value among horizontal, vertical, pan, "
    "tilt, roll and zoom; 2 are non-zero" },
  { "camera-none", "camera_control", set_camera_no_axis,
    "Camera control: simple needs exactly one non-zero value among horizontal, vertical, pan, "
    "tilt, roll and zoom; 0 are non-zero" },
  { "camera-range", "camera_control", set_camera_out_of_range, "Camera control: zoom 11 is outside -10 to 10" },
};

static void
test_rejected (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) body_error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *field = "unset";

  /* the base request is fine; the setup alone breaks it */
  g_assert_true (kling_request_validate_field (request, &field, NULL));
  g_assert_null (field);
  rejected[i].setup (request);

  g_assert_false (kling_request_validate_field (request, &field, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, rejected[i].message);
  g_assert_cmpstr (field, ==, rejected[i].field);

  /* and nothing is built to be sent */
  body = kling_request_build_body (request, &body_error);
  g_assert_null (body);
  g_assert_cmpstr (body_error->message, ==, rejected[i].message);
}

/* ---- the table of late 2026 (kling-api.md §7) ---- */

static char *
refusal (KlingRequest *request,
         const char   *expected_field)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_false (kling_request_validate_field (request, &field, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (field, ==, expected_field);
  g_assert_null (kling_request_build_body (request, NULL));
  return g_strdup (error->message);
}

static void
test_v3_long_duration (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autofree char *body = NULL;

  kling_request_set_model (request, "kling-v3");
  kling_request_set_mode (request, "pro");
  kling_request_set_duration (request, "15");
  body = body_text (request);
  g_assert_true (g_str_has_prefix (body, "{\"model_name\":\"kling-v3\",\"mode\":\"pro\",\"duration\":\"15\","));
  kling_request_set_duration (request, "3");
  g_free (body);
  body = body_text (request);
  g_assert_nonnull (strstr (body, ",\"duration\":\"3\","));
}

static void
test_camera_preset_refused (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autofree char *message = NULL;
  const double none[6] = { 0 };

  kling_request_set_model (request, "kling-v1-5");
  kling_request_set_mode (request, "pro");
  kling_request_set_camera_control (request, "down_back", none);
  message = refusal (request, "camera_control");
  g_assert_cmpstr (message, ==, "Camera control: “down_back” is a text-to-video preset; "
                                "image-to-video takes only “simple” (one axis)");
}

static void
test_v26_std (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autofree char *body = NULL;

  kling_request_set_model (request, "kling-v2-6");
  kling_request_set_mode (request, "std");
  kling_request_set_duration (request, "10");
  body = body_text (request);
  g_assert_true (g_str_has_prefix (body, "{\"model_name\":\"kling-v2-6\",\"mode\":\"std\",\"duration\":\"10\","));
  g_assert_null (strstr (body, "\"sound\""));
}

static void
test_sound (void)
{
  g_autoptr(KlingRequest) request = make_valid_request ();
  g_autoptr(KlingImage) tail = make_image (W, H, "jpeg");
  g_autofree char *body = NULL;
  g_autofree char *message = NULL;

  /* v2.6 pro: on and off are sent as given */
  kling_request_set_model (request, "kling-v2-6");
  kling_request_set_mode (request, "pro");
  kling_request_set_external_task_id (request, "id-sound");
  kling_request_set_sound (request, "on");
  body = body_text (request);
  g_assert_true (g_str_has_suffix (body, ",\"sound\":\"on\",\"external_task_id\":\"id-sound\"}"));

  /* …but not with an end frame */
  kling_request_set_image_tail (request, tail);
  message = refusal (request, "sound");
  g_assert_cmpstr (message, ==, "Sound: Kling v2.6 cannot make sound and use an end frame in one task; "
                                "switch sound off or remove the end frame");
  kling_request_set_sound (request, "off");
  g_free (body);
  body = body_text (request);
  g_assert_nonnull (strstr (body, ",\"sound\":\"off\","));
  kling_request_set_image_tail (request, NULL);

  /* v2.6 std is silent */
  kling_request_set_mode (request, "std");
  kling_request_set_sound (request, "on");
  g_free (message);
  message = refusal (request, "sound");
  g_assert_cmpstr (message, ==, "Sound works only with Kling v2.6 (pro, 5 s or 10 s) and "
                                "Kling v3 (std or pro, 3–15 s)");

  /* "off" where there is no sound is simply left out */
  kling_request_set_model (request, "kling-v1");
  kling_request_set_sound (request, "off");
  g_free (body);
  body = body_text (request);
  g_assert_null (strstr (body, "\"sound\""));

  /* v3: sound and an end frame together */
  kling_request_set_model (request, "kling-v3");
  kling_request_set_sound (request, "on");
  kling_request_set_image_tail (request, tail);
  g_free (body);
  body = body_text (request);
  g_assert_nonnull (strstr (body, ",\"sound\":\"on\","));
  g_assert_nonnull (strstr (body, ",\"image_tail\":\""));

  kling_request_set_sound (request, "loud");
  g_free (message);
  message = refusal (request, "sound");
  g_assert_cmpstr (message, ==, "Sound: “loud” is neither on nor off");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/defaults", test_defaults);
  g_test_add_func ("/request/body/plain", test_body_plain);
  g_test_add_func ("/request/body/url", test_body_url);
  g_test_add_func ("/request/body/motion-brush", test_body_motion_brush);
  g_test_add_func ("/request/body/static-dropped", test_body_static_dropped);
  g_test_add_func ("/request/body/eased-path", test_body_eased_path);
  g_test_add_func ("/request/body/cfg-scale", test_body_cfg_scale);
  g_test_add_func ("/request/body/cfg-scale-digits", test_body_cfg_scale_digits);
  g_test_add_func ("/request/body/json-numbers", test_json_numbers);
  g_test_add_func ("/request/body/camera-and-end-frame", test_body_camera_and_end_frame);
  g_test_add_func ("/request/long-prompt-counts-characters", test_long_prompt_counts_characters);
  g_test_add_func ("/request/image-checks", test_image_checks);
  g_test_add_func ("/request/late-2026/v3-long-duration", test_v3_long_duration);
  g_test_add_func ("/request/late-2026/camera-preset-refused", test_camera_preset_refused);
  g_test_add_func ("/request/late-2026/v26-std", test_v26_std);
  g_test_add_func ("/request/late-2026/sound", test_sound);
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autofree char *path = g_strdup_printf ("/request/rejected/%s", rejected[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_rejected);
    }

  return g_test_run ();
}
