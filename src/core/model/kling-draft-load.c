/* kling-draft-load.c — reading a draft, strictly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draft is written by us but read back from disk, where anything can
 * happen to it, so the reader is strict: every member is type-checked,
 * base64 is validated, masks must have the image's size, and a broken file
 * gives a message saying what is wrong, never a crash (it is fuzzed).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kling-draft-private.h"
#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-json.h"
#include "kling-request-private.h"

/* a freehand stroke before simplification; far more than any editor makes */
#define MAX_TRAJECTORY_POINTS 100000

static gboolean
get_number (JsonNode   *node,
            double     *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* A member that must be an object if present; *ok says whether it was. */
static JsonObject *
get_optional_object (JsonObject  *object,
                     const char  *name,
                     gboolean    *ok,
                     GError     **error)
{
  JsonObject *member;

  *ok = kling_json_get_optional_object (object, name, &member, error);
  return member;
}

/* g_base64_decode() skips what it does not understand; a draft must be
 * exactly right. */
static GBytes *
decode_base64 (const char  *text,
               const char  *what,
               GError     **error)
{
  gsize length = strlen (text), decoded_length = 0;
  guchar *decoded;

  if (length == 0 || length % 4 != 0)
    {
      kling_json_problem (error, _("%s is not valid base64"), what);
      return NULL;
    }
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      gboolean padding = c == '=' && i >= length - 2 &&
                         (i == length - 1 || text[length - 1] == '=');

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && !padding)
        {
          kling_json_problem (error, _("%s is not valid base64"), what);
          return NULL;
        }
    }
  decoded = g_base64_decode (text, &decoded_length);
  return g_bytes_new_take (decoded, decoded_length);
}

static gboolean
read_camera_control (KlingRequest  *request,
                     JsonObject    *camera,
                     GError       **error)
{
  double config[KLING_CAMERA_N_AXES] = { 0 };
  const char *type;
  JsonObject *config_object;
  gboolean ok;

  if (!kling_json_get_optional_string (camera, "type", &type, error))
    return FALSE;
  if (type == NULL)
    return kling_json_problem (error, _("“camera_control” needs a “type”"));
  config_object = get_optional_object (camera, "config", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; config_object != NULL && i < KLING_CAMERA_N_AXES; i++)
    {
      JsonNode *node = json_object_get_member (config_object, kling_camera_axis_to_string (i));

      if (node != NULL && !get_number (node, &config[i]))
        return kling_json_problem (error, _("camera “%s” must be a number"), kling_camera_axis_to_string (i));
    }
  kling_request_set_camera_control (request, type, config);
  return TRUE;
}

static gboolean
read_parameters (KlingRequest  *request,
                 JsonObject    *parameters,
                 GError       **error)
{
  static const struct {
    const char *name;
    void      (*set) (KlingRequest *, const char *);
  } strings[] = {
    { "model_name", kling_request_set_model },
    { "mode", kling_request_set_mode },
    { "duration", kling_request_set_duration },
    { "prompt", kling_request_set_prompt },
    { "negative_prompt", kling_request_set_negative_prompt },
    { "aspect_ratio", kling_request_set_aspect_ratio },
    { "sound", kling_request_set_sound },
    /* No "callback_url": a shared draft must not make Kling tell another
     * server about the task and its video, unseen. An old draft's is ignored. */
  };
  JsonNode *cfg_node;
  JsonObject *camera;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value;

      if (!kling_json_get_optional_string (parameters, strings[i].name, &value, error))
        return FALSE;
      if (value != NULL)
        strings[i].set (request, value);
    }

  cfg_node = json_object_get_member (parameters, "cfg_scale");
  if (cfg_node != NULL && !JSON_NODE_HOLDS_NULL (cfg_node))
    {
      double cfg_scale;

      if (!get_number (cfg_node, &cfg_scale))
        return kling_json_problem (error, _("“cfg_scale” must be a number"));
      kling_request_set_cfg_scale (request, cfg_scale);
    }

  camera = get_optional_object (parameters, "camera_control", &ok, error);
  if (!ok)
    return FALSE;
  return camera == NULL || read_camera_control (request, camera, error);
}

static KlingImage *
read_image (JsonObject  *root,
            const char  *name,
            gboolean    *ok,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlingImage) image = NULL;
  JsonObject *object = get_optional_object (root, name, ok, error);
  const char *url, *mime_type, *data;

  if (object == NULL)
    return NULL;
  *ok = FALSE;
  if (!kling_json_get_optional_string (object, "url", &url, error) ||
      !kling_json_get_optional_string (object, "mime_type", &mime_type, error) ||
      !kling_json_get_optional_string (object, "data", &data, error))
    return NULL;

  if (url != NULL)
    {
      *ok = TRUE;
      return kling_image_new_from_url (url);
    }
  if (data == NULL || mime_type == NULL)
    {
      kling_json_problem (error, _("“%s” needs a “url”, or a “mime_type” and “data”"), name);
      return NULL;
    }
  bytes = decode_base64 (data, name, error);
  if (bytes == NULL)
    return NULL;
  image = kling_image_new_from_bytes (bytes,
                                      g_str_equal (name, "image") ? _("the image") : _("the end frame"),
                                      &local_error);
  if (image == NULL)
    {
      kling_json_problem (error, "%s", local_error->message);
      return NULL;
    }
  if (!g_str_equal (kling_image_get_mime_type (image), mime_type))
    {
      kling_json_problem (error, _("“%s” says %s but holds %s"), name, mime_type,
           kling_image_get_mime_type (image));
      return NULL;
    }
  *ok = TRUE;
  return g_steal_pointer (&image);
}

/**
 * kling_draft_read_points:
 * @node: [[x, y], …]: image pixels, top-left origin
 *
 * Reads a path's points as drafts and task files keep them (without its
 * timing, which is kept beside them).
 *
 * Returns: (transfer full): the path, or %NULL with @error set
 */
KlingTrajectory *
kling_draft_read_points (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(KlingTrajectory) trajectory = kling_trajectory_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      kling_json_problem (error, _("“trajectory” must be an array of [x, y] points"));
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_TRAJECTORY_POINTS)
    {
      kling_json_problem (error, _("%u trajectory points; at most %d are allowed"),
                          n, MAX_TRAJECTORY_POINTS);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *point = json_array_get_element (array, i);
      JsonArray *xy = JSON_NODE_HOLDS_ARRAY (point) ? json_node_get_array (point) : NULL;
      double x, y;

      if (xy == NULL || json_array_get_length (xy) != 2 ||
          !get_number (json_array_get_element (xy, 0), &x) ||
          !get_number (json_array_get_element (xy, 1), &y))
        {
          kling_json_problem (error, _("trajectory point %u is not [x, y] with numbers"), i + 1);
          return NULL;
        }
      kling_trajectory_append (trajectory, x, y);
    }
  return g_steal_pointer (&trajectory);
}

/* The size every mask must have: the image's, or when that is unknown (a
 * URL, no image) the first mask's. */
typedef struct {
  int width;
  int height;
} MaskSize;

static KlingMask *
read_mask (const char  *base64,
           MaskSize    *size,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) png = NULL;
  KlingMask *mask;

  png = decode_base64 (base64, "mask", error);
  if (png == NULL)
    return NULL;
  mask = kling_mask_new_from_coverage_png (png, size->width, size->height, &local_error);
  if (mask == NULL)
    {
      kling_json_problem (error, "%s", local_error->message);
      return NULL;
    }
  size->width = kling_mask_get_width (mask);
  size->height = kling_mask_get_height (mask);
  return mask;
}

/* A region's members; problems are clauses that read_region() places. */
static gboolean
read_region_members (KlingDraft  *self,
                     JsonObject  *object,
                     guint        index,
                     MaskSize    *size,
                     GError     **error)
{
  KlingRegionInfo *region = &self->regions[index];
  JsonNode *visible, *trajectory;
  const char *name, *color, *mask, *timing_name;
  KlingTiming timing = KLING_TIMING_CONSTANT;
  gint64 opacity = region->opacity;

  if (!kling_json_get_optional_int (object, "opacity", KLING_DRAFT_MIN_OPACITY,
                                    KLING_DRAFT_MAX_OPACITY, &opacity, error))
    return FALSE;
  region->opacity = (int) opacity;
  if (!kling_json_get_optional_string (object, "name", &name, error) ||
      !kling_json_get_optional_string (object, "color", &color, error) ||
      !kling_json_get_optional_string (object, "mask", &mask, error) ||
      !kling_json_get_optional_string (object, "timing", &timing_name, error))
    return FALSE;
  if (timing_name != NULL && !kling_timing_from_string (timing_name, &timing))
    return kling_json_problem (error, _("the timing “%s” is not known"), timing_name);

  if (color != NULL && !_kling_draft_is_color (color))
    return kling_json_problem (error, _("the colour “%s” is not #rrggbb"), color);
  visible = json_object_get_member (object, "visible");
  if (visible != NULL &&
      (!JSON_NODE_HOLDS_VALUE (visible) || json_node_get_value_type (visible) != G_TYPE_BOOLEAN))
    return kling_json_problem (error, _("“visible” must be true or false"));

  if (name != NULL && !_kling_draft_is_default_region_name (index, name))
    kling_draft_set_region_name (self, index, name);
  if (color != NULL)
    kling_draft_set_region_color (self, index, color);
  if (visible != NULL)
    region->visible = json_node_get_boolean (visible);

  if (mask != NULL)
    {
      self->masks[index] = read_mask (mask, size, error);
      if (self->masks[index] == NULL)
        return FALSE;
    }

  trajectory = json_object_get_member (object, "trajectory");
  if (trajectory != NULL && !JSON_NODE_HOLDS_NULL (trajectory))
    {
      self->trajectories[index] = kling_draft_read_points (trajectory, error);
      if (self->trajectories[index] == NULL)
        return FALSE;
    }
  if (timing_name != NULL)
    {
      if (self->trajectories[index] == NULL)
        self->trajectories[index] = kling_trajectory_new ();
      kling_trajectory_set_timing (self->trajectories[index], timing);
    }
  return TRUE;
}

/* Each problem names its region in one translatable sentence. */
static gboolean
read_region (KlingDraft  *self,
             JsonNode    *node,
             guint        index,
             MaskSize    *size,
             GError     **error)
{
  g_autoptr(GError) problem = NULL;
  gboolean is_static = index == KLING_DRAFT_STATIC_REGION;
  JsonObject *object;
  JsonNode *trajectory;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return is_static ? kling_json_problem (error, _("static region must be an object"))
                     : kling_json_problem (error, _("region %u must be an object"), index);
  object = json_node_get_object (node);
  trajectory = json_object_get_member (object, "trajectory");
  if (is_static && ((trajectory != NULL && !JSON_NODE_HOLDS_NULL (trajectory)) ||
                    json_object_has_member (object, "timing")))
    return kling_json_problem (error, _("the static region cannot have a trajectory"));

  if (read_region_members (self, object, index, size, &problem))
    return TRUE;
  /* Translators: the region, then what is wrong with it */
  return is_static ? kling_json_problem (error, _("static region: %s"), problem->message)
                   : kling_json_problem (error, _("region %u: %s"), index, problem->message);
}

static gboolean
read_regions (KlingDraft  *self,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "regions");
  KlingImage *image = kling_request_get_image (self->request);
  MaskSize size = { 0, 0 };
  JsonArray *regions;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kling_json_problem (error, _("“regions” must be an array"));
  regions = json_node_get_array (node);
  n = json_array_get_length (regions);
  if (n > KLING_DRAFT_N_REGIONS)
    return kling_json_problem (error, _("%u dynamic regions; at most %d are allowed"),
                n - 1, KLING_REQUEST_MAX_DYNAMIC);

  if (image != NULL && !kling_image_is_url (image))
    size = (MaskSize) { kling_image_get_width (image), kling_image_get_height (image) };
  for (guint i = 0; i < n; i++)
    if (!read_region (self, json_array_get_element (regions, i), i, &size, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_header (JsonObject  *root,
             GError     **error)
{
  const char *format;
  JsonNode *version;

  if (!kling_json_get_optional_string (root, "format", &format, error))
    return FALSE;
  if (format == NULL || !g_str_equal (format, KLING_DRAFT_FORMAT))
    return kling_json_problem (error, _("it is not a Kling Studio draft (no “format”: “%s”)"),
                KLING_DRAFT_FORMAT);
  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    return kling_json_problem (error, _("“version” must be a whole number"));
  if (json_node_get_int (version) != KLING_DRAFT_VERSION)
    return kling_json_problem (error, _("version %lld is not supported; this Kling Studio reads version %d"),
                (long long) json_node_get_int (version), KLING_DRAFT_VERSION);
  return TRUE;
}

static gboolean
read_draft (KlingDraft  *self,
            JsonObject  *root,
            GError     **error)
{
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(KlingImage) image_tail = NULL;
  JsonObject *parameters, *settings;
  gboolean ok;

  if (!read_header (root, error))
    return FALSE;
  parameters = get_optional_object (root, "parameters", &ok, error);
  if (!ok || (parameters != NULL && !read_parameters (self->request, parameters, error)))
    return FALSE;

  image = read_image (root, "image", &ok, error);
  if (!ok)
    return FALSE;
  image_tail = read_image (root, "image_tail", &ok, error);
  if (!ok)
    return FALSE;
  kling_request_set_image (self->request, image);
  kling_request_set_image_tail (self->request, image_tail);

  if (!read_regions (self, root, error))
    return FALSE;

  settings = get_optional_object (root, "settings", &ok, error);
  if (!ok)
    return FALSE;
  if (settings != NULL)
    {
      json_object_unref (self->settings);
      self->settings = json_object_ref (settings);
    }
  return TRUE;
}

/**
 * kling_draft_load_from_data:
 *
 * Parses a draft. Anything wrong (not JSON, another format or version, a
 * member of the wrong type, bad base64, a mask whose size is not the
 * image's, more than 6 dynamic regions) gives %KLING_ERROR_INVALID_INPUT
 * with a message saying what.
 *
 * Returns: (transfer full) (nullable): the draft
 */
KlingDraft *
kling_draft_load_from_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(KlingDraft) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parser = kling_json_parse_object (data, length, &root, &local_error);
  if (parser != NULL)
    {
      self = kling_draft_new ();
      if (!read_draft (self, root, &local_error))
        g_clear_pointer (&self, kling_draft_free);
    }
  if (self == NULL)
    g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                 _("Not a usable draft: %s"), local_error->message);
  return g_steal_pointer (&self);
}

/**
 * kling_draft_load:
 *
 * Reads the draft at @path; messages name the file.
 *
 * Returns: (transfer full) (nullable): the draft
 */
KlingDraft *
kling_draft_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  KlingDraft *self;
  gsize length;

  data = kling_json_read_file (path, KLING_DRAFT_MAX_FILE_BYTES, &length, &local_error);
  if (data == NULL)
    {
      g_set_error (error, KLING_ERROR, local_error->code,
                   _("Could not read the draft: %s"), local_error->message);
      return NULL;
    }
  self = kling_draft_load_from_data (data, length, &local_error);
  if (self == NULL)
    {
      name = g_filename_display_name (path);
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", name, local_error->message);
    }
  return self;
}
