/* test-draft.c — drafts: a saved draft sends the same bytes, and a broken
 * one gives a clear error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kling-draft.h"
#include "kling-error.h"

#define W 640
#define H 480

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x884422ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static char *
base64_of (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
temp_path (const char *name)
{
  const char *dir = g_getenv ("KLING_TEST_WORKDIR");

  return g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
}

static KlingDraft *
make_full_draft (void)
{
  g_autoptr(GBytes) png = make_png (W, H);
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (png, "cat.png", NULL);
  KlingDraft *draft = kling_draft_new ();

  kling_request_set_image (draft->request, image);
  kling_request_set_model (draft->request, "kling-v1");
  kling_request_set_mode (draft->request, "pro");
  kling_request_set_prompt (draft->request, "The clouds drift, the house stays — “still”");
  kling_request_set_negative_prompt (draft->request, "blur");
  kling_request_set_cfg_scale (draft->request, 0.25);

  /* static: a soft stroke over the lower half, partly under region 1 */
  draft->masks[0] = kling_mask_new (W, H);
  kling_mask_paint_line (draft->masks[0], 20, 400, 620, 400, 70, 0.3, FALSE, NULL);
  /* region 1: a blob with a curved path */
  draft->masks[1] = kling_mask_new (W, H);
  kling_mask_paint_dab (draft->masks[1], 200, 380, 50, 0.7, FALSE, NULL);
  draft->trajectories[1] = kling_trajectory_new_from_string ("200,380;260,300.5;330,280", NULL);
  /* region 3: another; region 2 untouched */
  draft->masks[3] = kling_mask_new (W, H);
  kling_mask_paint_dab (draft->masks[3], 500, 100, 40, 1.0, FALSE, NULL);
  draft->trajectories[3] = kling_trajectory_new_from_string ("500,100;560,90", NULL);

  kling_draft_set_region_name (draft, 1, "Clouds");
  kling_draft_set_region_color (draft, 3, "#ABCDEF");
  draft->regions[2].visible = FALSE;
  json_object_set_int_member (draft->settings, "brush_size", 30);
  json_object_set_string_member (draft->settings, "tool", "trajectory");
  return draft;
}

static char *
body_of (KlingDraft *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingRequest) request = kling_draft_to_request (draft, &error);
  g_autoptr(GBytes) body = NULL;

  g_assert_no_error (error);
  kling_request_set_external_task_id (request, "same-id");
  body = kling_request_build_body (request, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_defaults (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();

  g_assert_cmpstr (draft->regions[0].name, ==, "Static");
  g_assert_cmpstr (draft->regions[1].name, ==, "Region 1");
  g_assert_cmpstr (draft->regions[6].name, ==, "Region 6");
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      g_assert_true (draft->regions[i].visible);
      g_assert_null (draft->masks[i]);
      g_assert_null (draft->trajectories[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (draft->regions[i].color, !=, draft->regions[j].color);
    }
  g_assert_cmpstr (kling_request_get_model (draft->request), ==, "kling-v1");
}

/* @text with the first @from replaced by @to */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* Region names are one line of at most 40 characters, never empty: as
 * typed in the editor, and as read from a draft written by anything else. */
static void
test_region_names (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("names.klingdraft");
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  gsize length;

  kling_draft_set_region_name (draft, 1, "  the\tcat \n on  the wall ");
  g_assert_cmpstr (draft->regions[1].name, ==, "the cat on the wall");
  kling_draft_set_region_name (draft, 2, " \n ");
  g_assert_cmpstr (draft->regions[2].name, ==, "Region 2");
  kling_draft_set_region_name (draft, 0, NULL);
  g_assert_cmpstr (draft->regions[0].name, ==, "Static");
  kling_draft_set_region_name (draft, 3, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二");
  g_assert_cmpint (g_utf8_strlen (draft->regions[3].name, -1), ==, KLING_DRAFT_REGION_NAME_MAX_CHARS);
  g_assert_true (g_str_has_suffix (draft->regions[3].name, "九十"));

  /* A draft file with a blank name and a two-line one */
  kling_draft_set_region_name (draft, 4, "PLACEHOLDER4");
  kling_draft_set_region_name (draft, 5, "PLACEHOLDER5");
  data = kling_draft_to_data (draft, &length);
  edited = replace_once (data, "PLACEHOLDER4", "  ");
  g_free (data);
  data = replace_once (edited, "PLACEHOLDER5", "sea\\nfoam");
  g_free (edited);
  edited = g_steal_pointer (&data);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  loaded = kling_draft_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->regions[4].name, ==, "Region 4");
  g_assert_cmpstr (loaded->regions[5].name, ==, "sea foam");
  g_assert_cmpstr (loaded->regions[1].name, ==, "the cat on the wall");
  g_unlink (path);
}

static void
test_round_trip (void)
{
  g_autoptr(KlingDraft) draft = make_full_draft ();
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("round-trip.klingdraft");
  g_autofree char *body = NULL;
  g_autofree char *loaded_body = NULL;
  g_autofree char *data = NULL;
  g_autofree char *loaded_data = NULL;
  gsize length, loaded_length;
  double cfg_scale;

  g_assert_true (kling_draft_save (draft, path, &error));
  g_assert_no_error (error);
  loaded = kling_draft_load (path, &error);
  g_assert_no_error (error);

  /* what is sent is identical, byte for byte */
  body = body_of (draft);
  loaded_body = body_of (loaded);
  g_assert_cmpstr (loaded_body, ==, body);
  g_assert_nonnull (strstr (body, "\"static_mask\":\""));
  g_assert_nonnull (strstr (body, "\"cfg_scale\":0.25,"));

  /* and so is everything the editor keeps */
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      g_assert_true (kling_mask_equal (loaded->masks[i], draft->masks[i]));
      g_assert_true (kling_trajectory_equal (loaded->trajectories[i], draft->trajectories[i]));
      g_assert_cmpstr (loaded->regions[i].name, ==, draft->regions[i].name);
      g_assert_cmpstr (loaded->regions[i].color, ==, draft->regions[i].color);
      g_assert_cmpint (loaded->regions[i].visible, ==, draft->regions[i].visible);
    }
  g_assert_cmpstr (loaded->regions[1].name, ==, "Clouds");
  g_assert_cmpstr (loaded->regions[3].color, ==, "#abcdef");
  g_assert_false (loaded->regions[2].visible);
  g_assert_cmpint (json_object_get_int_member (loaded->settings, "brush_size"), ==, 30);
  g_assert_true (kling_request_get_cfg_scale (loaded->request, &cfg_scale));
  g_assert_cmpfloat (cfg_scale, ==, 0.25);

  /* the soft static mask is kept as painted, not with region 1 cut out */
  g_assert_true (kling_mask_intersects (loaded->masks[0], loaded->masks[1]));

  /* saving what was loaded writes the same file; so does a copy */
  data = kling_draft_to_data (draft, &length);
  loaded_data = kling_draft_to_data (loaded, &loaded_length);
  g_assert_cmpmem (loaded_data, loaded_length, data, length);
  {
    g_autoptr(KlingDraft) copy = kling_draft_copy (draft);
    g_autofree char *copy_data = NULL;
    gsize copy_length;

    kling_mask_clear (draft->masks[1]);   /* the copy shares nothing */
    json_object_set_int_member (draft->settings, "brush_size", 99);
    copy_data = kling_draft_to_data (copy, &copy_length);
    g_assert_cmpmem (copy_data, copy_length, data, length);
  }

  g_unlink (path);
}

/* The draft file says 0.3 and 260.1, as set, not json-glib's
 * 0.29999999999999999, and reads back the very same numbers. */
static void
test_numbers_as_written (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(KlingImage) image = kling_image_new_from_url ("https://example.com/a.png");
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  gsize length, again_length;
  double cfg_scale;

  kling_request_set_image (draft->request, image);
  kling_request_set_cfg_scale (draft->request, 0.3);
  draft->masks[1] = kling_mask_new (W, H);
  kling_mask_paint_dab (draft->masks[1], 200, 380, 50, 1.0, FALSE, NULL);
  draft->trajectories[1] = kling_trajectory_new_from_string ("200,380;260.1,300.7;330,0.05", NULL);

  data = kling_draft_to_data (draft, &length);
  g_assert_nonnull (strstr (data, "\"cfg_scale\" : 0.3\n"));
  g_assert_nonnull (strstr (data, "[\n          200,\n          380\n        ]"));
  g_assert_nonnull (strstr (data, "[\n          260.1,\n          300.7\n        ]"));
  g_assert_nonnull (strstr (data, "[\n          330,\n          0.05\n        ]"));
  g_assert_null (strstr (data, "0000000"));

  loaded = kling_draft_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (kling_request_get_cfg_scale (loaded->request, &cfg_scale));
  g_assert_true (cfg_scale == 0.3);
  g_assert_true (kling_trajectory_equal (loaded->trajectories[1], draft->trajectories[1]));
  again = kling_draft_to_data (loaded, &again_length);
  g_assert_cmpmem (again, again_length, data, length);
}

static void
test_url_image (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(KlingImage) image = kling_image_new_from_url ("https://example.com/a.png");
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *body = NULL;
  g_autofree char *loaded_body = NULL;
  gsize length;
  const double pan[6] = { 0, 0, 4, 0, 0, 0 };

  kling_request_set_image (draft->request, image);
  kling_request_set_model (draft->request, "kling-v1-5");
  kling_request_set_mode (draft->request, "pro");
  kling_request_set_camera_control (draft->request, "simple", pan);
  kling_request_set_aspect_ratio (draft->request, "9:16");
  data = kling_draft_to_data (draft, &length);
  loaded = kling_draft_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_image_get_url (kling_request_get_image (loaded->request)), ==,
                   "https://example.com/a.png");

  body = body_of (draft);
  loaded_body = body_of (loaded);
  g_assert_cmpstr (loaded_body, ==, body);
  g_assert_nonnull (strstr (body, "\"camera_control\":{\"type\":\"simple\""));
}

static void
test_incomplete (void)
{
  g_autoptr(KlingDraft) draft = make_full_draft ();
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  /* a draft may be saved half done */
  draft->masks[2] = kling_mask_new (W, H);
  kling_mask_paint_dab (draft->masks[2], 100, 100, 20, 1.0, FALSE, NULL);
  data = kling_draft_to_data (draft, &length);
  loaded = kling_draft_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->masks[2]);
  g_assert_null (loaded->trajectories[2]);

  /* but is not sent so */
  request = kling_draft_to_request (loaded, &error);
  g_assert_null (request);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Region 2: the area is painted but has no trajectory; draw one");
  g_clear_error (&error);

  kling_mask_clear (loaded->masks[2]);
  loaded->trajectories[2] = kling_trajectory_new_from_string ("1,1;5,5", NULL);
  g_assert_null (kling_draft_to_request (loaded, &error));
  g_assert_cmpstr (error->message, ==, "Region 2: it has a trajectory but nothing is painted");
  g_clear_error (&error);

  kling_trajectory_clear (loaded->trajectories[2]);
  kling_trajectory_clear (loaded->trajectories[1]);
  kling_trajectory_append (loaded->trajectories[1], 5, 5);
  g_assert_null (kling_draft_to_request (loaded, &error));
  g_assert_cmpstr (error->message, ==, "Clouds: a trajectory needs at least 2 points");
  g_clear_error (&error);

  /* cleared regions are simply left out */
  kling_mask_clear (loaded->masks[1]);
  kling_trajectory_clear (loaded->trajectories[1]);
  request = kling_draft_to_request (loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kling_request_get_n_dynamic (request), ==, 1);
  g_assert_true (g_uuid_string_is_valid (kling_request_get_external_task_id (request)));
}

static void
test_save_errors (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = temp_path ("kling-no-such-dir/draft.klingdraft");
  g_autofree char *missing_file = temp_path ("kling-no-such-draft.klingdraft");

  g_assert_false (kling_draft_save (draft, missing, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the draft: "));
  g_clear_error (&error);

  g_assert_null (kling_draft_load (missing_file, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_IO);
}

/* A draft never carries a callback_url: none is written, and one in a
 * shared draft is not sent (issue: Kling would notify any server, unseen). */
static void
test_no_callback_url (void)
{
  g_autoptr(KlingDraft) draft = make_full_draft ();
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("callback.klingdraft");
  g_autofree char *text = NULL;
  g_autofree char *planted = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = NULL;

  kling_request_set_callback_url (draft->request, "http://hooks.example/steal");
  g_assert_true (kling_draft_save (draft, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "callback_url"));

  parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                "parameters"),
                                 "callback_url", "http://hooks.example/steal");
  planted = json_to_string (json_parser_get_root (parser), FALSE);
  loaded = kling_draft_load_from_data (planted, strlen (planted), &error);
  g_assert_no_error (error);
  body = body_of (loaded);
  g_assert_null (strstr (body, "callback_url"));
  g_assert_null (strstr (body, "hooks.example"));
}

/* Only a regular file is read: a folder, or a FIFO that nobody writes to
 * (which would block a plain read for ever), is refused at once. */
static void
test_load_not_regular (void)
{
  g_autofree char *fifo = temp_path ("kling-draft-fifo.klingdraft");
  g_autoptr(GError) error = NULL;

  g_assert_null (kling_draft_load (g_get_tmp_dir (), &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "is a folder, not a file"));
  g_assert_true (g_str_has_prefix (error->message, "Could not read the draft: "));
  g_clear_error (&error);

  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (kling_draft_load (fifo, &error));
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "is not a regular file"));
  g_unlink (fifo);
}

/* ---- broken drafts ---- */

typedef struct {
  char *image_base64;
  char *small_mask_base64;
  char *text_base64;
} Media;

static Media media;

static void
media_init (void)
{
  g_autoptr(GBytes) png = make_png (W, H);
  g_autoptr(KlingMask) small = kling_mask_new (320, 240);
  g_autoptr(GBytes) small_png = NULL;

  kling_mask_paint_dab (small, 10, 10, 5, 1.0, FALSE, NULL);
  small_png = kling_mask_to_coverage_png (small, NULL);
  media.image_base64 = base64_of (png);
  media.small_mask_base64 = base64_of (small_png);
  media.text_base64 = g_base64_encode ((const guchar *) "hello, world", 12);
}

static char *
draft_text (const char *members)
{
  return g_strdup_printf ("{\"format\":\"kling-studio-draft\",\"version\":1%s}", members);
}

static void
assert_broken (const char *text,
               gssize      length,
               const char *expected,
               gboolean    prefix_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingDraft) draft = NULL;

  draft = kling_draft_load_from_data (text, length < 0 ? strlen (text) : (gsize) length, &error);
  if (draft != NULL)
    g_error ("accepted: %.200s", text);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
  if (prefix_only)
    {
      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%s” does not start with “%s”", error->message, expected);
    }
  else
    g_assert_cmpstr (error->message, ==, expected);
}

static void
test_old_draft_timing (void)
{
  /* as the version before timing wrote it */
  g_autofree char *old = draft_text (",\"regions\":[{\"visible\":true},"
                                     "{\"name\":\"Clouds\",\"visible\":true,"
                                     "\"trajectory\":[[10,20],[110,20]]}]");
  g_autoptr(KlingDraft) draft = NULL;
  g_autoptr(KlingDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  draft = kling_draft_load_from_data (old, strlen (old), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_trajectory_get_timing (draft->trajectories[1]), ==, KLING_TIMING_CONSTANT);
  g_assert_cmpuint (kling_trajectory_get_n_points (draft->trajectories[1]), ==, 2);
  /* constant speed is not written: saved again, it reads as before */
  data = kling_draft_to_data (draft, &length);
  g_assert_null (strstr (data, "timing"));
  g_clear_pointer (&data, g_free);

  /* a timing round-trips, also on a region whose path is not drawn yet */
  kling_trajectory_set_timing (draft->trajectories[1], KLING_TIMING_EASE_OUT);
  draft->trajectories[4] = kling_trajectory_new ();
  kling_trajectory_set_timing (draft->trajectories[4], KLING_TIMING_HOLD_END);
  data = kling_draft_to_data (draft, &length);
  g_assert_nonnull (strstr (data, "\"timing\" : \"ease-out\""));
  loaded = kling_draft_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_trajectory_get_timing (loaded->trajectories[1]), ==, KLING_TIMING_EASE_OUT);
  g_assert_cmpint (kling_trajectory_get_timing (loaded->trajectories[4]), ==, KLING_TIMING_HOLD_END);
  g_assert_cmpuint (kling_trajectory_get_n_points (loaded->trajectories[4]), ==, 0);
}

static void
test_broken (void)
{
  const struct {
    char       *text;
    const char *message;
  } cases[] = {
    { g_strdup ("[1, 2]"), "it is not a JSON object" },
    { g_strdup ("{}"), "it is not a Kling Studio draft (no “format”: “kling-studio-draft”)" },
    { g_strdup ("{\"format\":\"gimp\",\"version\":1}"),
      "it is not a Kling Studio draft (no “format”: “kling-studio-draft”)" },
    { g_strdup ("{\"format\":7}"), "“format” must be a string" },
    { g_strdup ("{\"format\":\"kling-studio-draft\"}"), "“version” must be a whole number" },
    { g_strdup ("{\"format\":\"kling-studio-draft\",\"version\":\"1\"}"), "“version” must be a whole number" },
    { g_strdup ("{\"format\":\"kling-studio-draft\",\"version\":1.5}"), "“version” must be a whole number" },
    { g_strdup ("{\"format\":\"kling-studio-draft\",\"version\":2}"),
      "version 2 is not supported; this Kling Studio reads version 1" },
    { draft_text (",\"parameters\":[]"), "“parameters” must be an object" },
    { draft_text (",\"parameters\":{\"model_name\":5}"), "“model_name” must be a string" },
    { draft_text (",\"parameters\":{\"prompt\":{}}"), "“prompt” must be a string" },
    { draft_text (",\"parameters\":{\"cfg_scale\":\"high\"}"), "“cfg_scale” must be a number" },
    { draft_text (",\"parameters\":{\"camera_control\":{\"config\":{}}}"),
      "“camera_control” needs a “type”" },
    { draft_text (",\"parameters\":{\"camera_control\":{\"type\":\"simple\",\"config\":{\"zoom\":\"5\"}}}"),
      "camera “zoom” must be a number" },
    { draft_text (",\"regions\":[{},{\"timing\":\"bounce\"}]"),
      "region 1: the timing “bounce” is not known" },
    { draft_text (",\"regions\":[{},{\"timing\":3}]"), "region 1: “timing” must be a string" },
    { draft_text (",\"regions\":[{\"timing\":\"ease-in\"}]"),
      "the static region cannot have a trajectory" },
    { draft_text (",\"image\":\"cat.png\""), "“image” must be an object" },
    { draft_text (",\"image\":{}"), "“image” needs a “url”, or a “mime_type” and “data”" },
    { draft_text (",\"image\":{\"url\":5}"), "“url” must be a string" },
    { draft_text (",\"image\":{\"mime_type\":\"image/png\",\"data\":\"!!!!\"}"),
      "image is not valid base64" },
    { draft_text (",\"image\":{\"mime_type\":\"image/png\",\"data\":\"abc\"}"),
      "image is not valid base64" },
    { draft_text (",\"image\":{\"mime_type\":\"image/png\",\"data\":\"ab=c\"}"),
      "image is not valid base64" },
    { g_strdup_printf ("{\"format\":\"kling-studio-draft\",\"version\":1,"
                       "\"image\":{\"mime_type\":\"image/png\",\"data\":\"%s\"}}", media.text_base64),
      "the image is not a PNG or JPEG image" },
    { g_strdup_printf ("{\"format\":\"kling-studio-draft\",\"version\":1,"
                       "\"image_tail\":{\"mime_type\":\"image/jpeg\",\"data\":\"%s\"}}", media.image_base64),
      "“image_tail” says image/jpeg but holds image/png" },
    { draft_text (",\"regions\":{}"), "“regions” must be an array" },
    { draft_text (",\"regions\":[{},{},{},{},{},{},{},{}]"), "7 dynamic regions; at most 6 are allowed" },
    { draft_text (",\"regions\":[{},5]"), "region 1 must be an object" },
    { draft_text (",\"regions\":[{},{\"name\":[]}]"), "region 1: “name” must be a string" },
    { draft_text (",\"regions\":[{\"color\":\"red\"}]"), "static region: the colour “red” is not #rrggbb" },
    { draft_text (",\"regions\":[{},{\"color\":\"#12345g\"}]"), "region 1: the colour “#12345g” is not #rrggbb" },
    { draft_text (",\"regions\":[{},{\"visible\":\"yes\"}]"), "region 1: “visible” must be true or false" },
    { draft_text (",\"regions\":[{},{\"mask\":\"***\"}]"), "region 1: mask is not valid base64" },
    { g_strdup_printf ("{\"format\":\"kling-studio-draft\",\"version\":1,"
                       "\"regions\":[{},{\"mask\":\"%s\"}]}", media.text_base64),
      "region 1: The mask is not a PNG image" },
    { g_strdup_printf ("{\"format\":\"kling-studio-draft\",\"version\":1,"
                       "\"image\":{\"mime_type\":\"image/png\",\"data\":\"%s\"},"
                       "\"regions\":[{},{},{\"mask\":\"%s\"}]}",
                       media.image_base64, media.small_mask_base64),
      "region 2: The mask is 320×240 pixels but must be 640×480" },
    { draft_text (",\"regions\":[{},{\"trajectory\":\"1,2;3,4\"}]"),
      "region 1: “trajectory” must be an array of [x, y] points" },
    { draft_text (",\"regions\":[{},{\"trajectory\":[[1,2],[3]]}]"),
      "region 1: trajectory point 2 is not [x, y] with numbers" },
    { draft_text (",\"regions\":[{},{\"trajectory\":[[1,\"2\"]]}]"),
      "region 1: trajectory point 1 is not [x, y] with numbers" },
    { draft_text (",\"regions\":[{},{\"trajectory\":[[1,2,3]]}]"),
      "region 1: trajectory point 1 is not [x, y] with numbers" },
    { draft_text (",\"regions\":[{\"trajectory\":[[1,2],[3,4]]}]"),
      "the static region cannot have a trajectory" },
    { draft_text (",\"settings\":[]"), "“settings” must be an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = g_strconcat ("Not a usable draft: ", cases[i].message, NULL);

      assert_broken (cases[i].text, -1, expected, FALSE);
      g_free (cases[i].text);
    }
}

static void
test_broken_json (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\":\"kling-studio-draft\",\"version\":1,\"settings\":");
  g_autoptr(KlingDraft) draft = make_full_draft ();
  g_autofree char *data = NULL;
  gsize length;

  assert_broken ("", 0, "Not a usable draft: the file is empty", FALSE);
  assert_broken ("  ", 2, "Not a usable draft: it is not a JSON object", FALSE);
  assert_broken ("{\"format\":", -1, "Not a usable draft: it is not valid JSON", TRUE);
  assert_broken ("{\"format\":\"kling-studio-draft\",\"version\":1,\"x\":\"\xff\xfe\"}", -1,
                 "Not a usable draft: it is not valid JSON", TRUE);
  assert_broken ("{\"a\":1}\0{}", 10, "Not a usable draft: it is not valid JSON", TRUE);

  /* json-glib would recurse until the stack overflows */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_broken (deep->str, -1, "Not a usable draft: the JSON is nested too deeply", FALSE);

  /* a draft cut short, as by a full disk */
  data = kling_draft_to_data (draft, &length);
  assert_broken (data, length / 2, "Not a usable draft: it is not valid JSON", TRUE);
}

/* Damaged copies of a real draft: each loads or fails cleanly. */
static void
test_damaged (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autofree char *data = NULL;
  gsize length;
  guint n_loaded = 0;

  draft->masks[0] = kling_mask_new (300, 300);
  kling_mask_paint_dab (draft->masks[0], 40, 40, 20, 0.5, FALSE, NULL);
  draft->trajectories[1] = kling_trajectory_new_from_string ("1,2;3,4", NULL);
  data = kling_draft_to_data (draft, &length);

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *copy = g_memdup2 (data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(KlingDraft) loaded = NULL;
      guint n_flips = 1 + g_test_rand_int_range (0, 4);

      for (guint f = 0; f < n_flips; f++)
        copy[g_test_rand_int_range (0, length)] = (char) g_test_rand_int_range (0, 256);
      loaded = kling_draft_load_from_data (copy, length, &error);
      if (loaded == NULL)
        g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
      else
        n_loaded++;
    }
  /* some damage is harmless (inside a name), most is not */
  g_assert_cmpuint (n_loaded, <, 2000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  media_init ();

  g_test_add_func ("/draft/defaults", test_defaults);
  g_test_add_func ("/draft/region-names", test_region_names);
  g_test_add_func ("/draft/round-trip", test_round_trip);
  g_test_add_func ("/draft/no-callback-url", test_no_callback_url);
  g_test_add_func ("/draft/numbers-as-written", test_numbers_as_written);
  g_test_add_func ("/draft/url-image", test_url_image);
  g_test_add_func ("/draft/incomplete", test_incomplete);
  g_test_add_func ("/draft/save-errors", test_save_errors);
  g_test_add_func ("/draft/old-draft-timing", test_old_draft_timing);
  g_test_add_func ("/draft/broken", test_broken);
  g_test_add_func ("/draft/broken-json", test_broken_json);
  g_test_add_func ("/draft/damaged", test_damaged);
  g_test_add_func ("/draft/load-not-regular", test_load_not_regular);

  status = g_test_run ();
  g_free (media.image_base64);
  g_free (media.small_mask_base64);
  g_free (media.text_base64);
  return status;
}
