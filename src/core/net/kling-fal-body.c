/* kling-fal-body.c — the body fal takes, made from the one Kling takes
 *
 * The app builds and validates one body, Kling's (kling_request_build_body()).
 * fal serves the same Kling models through its queue with other field names
 * (kling-api.md §8): `image_url`, `tail_image_url`, `static_mask_url`,
 * `dynamic_masks[].mask_url`, and files as `data:` URIs where Kling wants raw
 * base64. Trajectories go over as Kling gets them: fal's page does not say
 * where its origin is, so the one conversion from the canvas (top-left) to
 * Kling's bottom-left, in kling-trajectory.c, serves both (README of
 * tests/fake-fal-server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-fal.h"
#include "kling-json.h"

static const struct {
  const char *model;
  const char *mode;
  const char *path;
} fal_models[] = {
  { "kling-v1",   "std", "fal-ai/kling-video/v1/standard/image-to-video" },
  { "kling-v1",   "pro", "fal-ai/kling-video/v1/pro/image-to-video" },
  { "kling-v1-5", "pro", "fal-ai/kling-video/v1.5/pro/image-to-video" },
};

const char *
kling_fal_model_path (const char *model,
                      const char *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (fal_models); i++)
    if (g_strcmp0 (model, fal_models[i].model) == 0 && g_strcmp0 (mode, fal_models[i].mode) == 0)
      return fal_models[i].path;
  return NULL;
}

static gboolean
is_url (const char *value)
{
  return g_ascii_strncasecmp (value, "https://", 8) == 0 ||
         g_ascii_strncasecmp (value, "http://", 7) == 0;
}

/* The type of a raw base64 file, from its first bytes. */
static const char *
sniff_base64 (const char *base64)
{
  g_autofree char *head = g_strndup (base64, 16);
  g_autofree guchar *bytes = NULL;
  gsize length = 0;

  bytes = g_base64_decode (head, &length);
  if (length >= 4 && memcmp (bytes, "\x89PNG", 4) == 0)
    return "image/png";
  if (length >= 3 && memcmp (bytes, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (length >= 12 && memcmp (bytes, "RIFF", 4) == 0 && memcmp (bytes + 8, "WEBP", 4) == 0)
    return "image/webp";
  return "application/octet-stream";
}

/* A URL stays one (fal fetches it); raw base64 becomes a data: URI. */
static void
set_file (JsonObject *fal,
          const char *name,
          const char *value)
{
  if (value == NULL)
    return;
  if (is_url (value))
    json_object_set_string_member (fal, name, value);
  else
    {
      g_autofree char *uri = g_strdup_printf ("data:%s;base64,%s", sniff_base64 (value), value);

      json_object_set_string_member (fal, name, uri);
    }
}

static gboolean
kling_fal_refuse (GError     **error,
                  const char  *format,
                  ...) G_GNUC_PRINTF (2, 3);

static gboolean
kling_fal_refuse (GError     **error,
                  const char  *format,
                  ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* What fal cannot take, said before sending: fal answers most of it with a
 * bare 422, or (an aspect ratio, a camera move) ignores it. */
static gboolean
check_kling_body (JsonObject  *kling,
                  gboolean     has_masks,
                  GError     **error)
{
  const char *prompt = kling_json_member_string (kling, "prompt");
  const char *duration = kling_json_member_string (kling, "duration");
  const char *sound = kling_json_member_string (kling, "sound");
  g_autofree char *trimmed = g_strstrip (g_strdup (prompt != NULL ? prompt : ""));

  if (*trimmed == '\0')
    return kling_fal_refuse (error, _("fal needs a prompt: describe what should happen in the video"));
  if (has_masks && g_strcmp0 (duration, "5") != 0)
    return kling_fal_refuse (error, _("fal takes motion brushes only with 5-second videos (it refuses "
                                      "%s seconds): choose 5 seconds, or clear the brushes"),
                             duration != NULL ? duration : "?");
  if (json_object_has_member (kling, "camera_control"))
    return kling_fal_refuse (error, _("fal’s Kling image-to-video takes no camera move: clear it, "
                                      "or send it to Kling’s own API"));
  if (json_object_has_member (kling, "aspect_ratio"))
    return kling_fal_refuse (error, _("fal’s Kling image-to-video takes the picture’s own shape: "
                                      "clear the aspect ratio"));
  if (sound != NULL && g_strcmp0 (sound, "off") != 0)
    return kling_fal_refuse (error, _("fal’s Kling v1 and v1.5 make silent videos: turn sound off"));
  return TRUE;
}

static JsonArray *
fal_dynamic_masks (JsonArray *kling_masks)
{
  JsonArray *masks = json_array_new ();

  for (guint i = 0; i < json_array_get_length (kling_masks); i++)
    {
      JsonObject *kling = json_array_get_object_element (kling_masks, i);
      JsonObject *fal = json_object_new ();
      JsonArray *trajectories = kling_json_member_array (kling, "trajectories");

      set_file (fal, "mask_url", kling_json_member_string (kling, "mask"));
      if (trajectories != NULL)
        json_object_set_array_member (fal, "trajectories", json_array_ref (trajectories));
      json_array_add_object_element (masks, fal);
    }
  return masks;
}

static JsonObject *
fal_object (JsonObject *kling)
{
  JsonObject *fal = json_object_new ();
  JsonArray *dynamic = kling_json_member_array (kling, "dynamic_masks");
  const char *negative = kling_json_member_string (kling, "negative_prompt");

  json_object_set_string_member (fal, "prompt", kling_json_member_string (kling, "prompt"));
  /* Always sent: left out, fal adds its own ("blur, distort, and low
   * quality"), where Kling adds none. */
  json_object_set_string_member (fal, "negative_prompt", negative != NULL ? negative : "");
  set_file (fal, "image_url", kling_json_member_string (kling, "image"));
  set_file (fal, "tail_image_url", kling_json_member_string (kling, "image_tail"));
  json_object_set_string_member (fal, "duration", kling_json_member_string (kling, "duration"));
  if (json_object_has_member (kling, "cfg_scale"))
    json_object_set_member (fal, "cfg_scale", json_node_copy (json_object_get_member (kling, "cfg_scale")));
  set_file (fal, "static_mask_url", kling_json_member_string (kling, "static_mask"));
  if (dynamic != NULL)
    json_object_set_array_member (fal, "dynamic_masks", fal_dynamic_masks (dynamic));
  return fal;
}

/**
 * kling_fal_body_from_kling:
 * @kling_body: a body from kling_request_build_body()
 * @out_model_path: (out): fal's model path for its model and mode
 *
 * Returns: (transfer full) (nullable): fal's JSON body, or %NULL with
 *   %KLING_ERROR_INVALID_INPUT saying what fal would refuse
 */
GBytes *
kling_fal_body_from_kling (GBytes  *kling_body,
                           char   **out_model_path,
                           GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *kling = NULL;
  const char *model;
  const char *mode;
  const char *path;
  gsize length;
  char *data;

  parser = kling_json_parse_object (g_bytes_get_data (kling_body, NULL), g_bytes_get_size (kling_body),
                                    &kling, error);
  if (parser == NULL)
    return NULL;
  model = kling_json_member_string (kling, "model_name");
  mode = kling_json_member_string (kling, "mode");
  path = kling_fal_model_path (model, mode);
  if (path == NULL)
    {
      kling_fal_refuse (error, _("fal serves motion brushes on Kling v1 (std or pro) and Kling v1.5 pro, "
                                 "not on %s %s: choose one of them"),
                        model != NULL ? model : "?", mode != NULL ? mode : "?");
      return NULL;
    }
  if (!check_kling_body (kling, json_object_has_member (kling, "static_mask") ||
                                json_object_has_member (kling, "dynamic_masks"), error))
    return NULL;

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, fal_object (kling));
  if (out_model_path != NULL)
    *out_model_path = g_strdup (path);
  data = kling_json_to_data (root, FALSE, &length);
  return g_bytes_new_take (data, length);
}
