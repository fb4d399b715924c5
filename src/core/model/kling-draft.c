/* kling-draft.c — the editor's state as one JSON file (.klingdraft)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * {
 *   "format": "kling-studio-draft", "version": 1,
 *   "parameters": { "model_name", "mode", "duration", "prompt",
 *                   "negative_prompt", "cfg_scale", "aspect_ratio", "sound",
 *                   "camera_control": { "type", "config" } },
 *   "image": { "url": … } | { "mime_type": "image/png", "data": base64 },
 *   "image_tail": likewise,
 *   "regions": [ { "name", "color": "#rrggbb", "visible", "opacity": percent,
 *                  "mask": coverage PNG base64, "trajectory": [[x, y], …],
 *                  "timing": "ease-in" … (kling_timing_to_string(); absent
 *                  for constant speed) } ],
 *   "settings": { … free-form, kept as is … }
 * }
 *
 * Region 0 is the static brush (no trajectory), 1–6 the dynamic ones.
 * The external_task_id is not kept: every submission gets a new one. Nor is
 * a callback_url: a draft is shared, and must not send the task's news to a
 * server nobody sees.
 * Reading, which must be strict, is in kling-draft-load.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kling-draft-private.h"
#include "kling-draft-problems.h"
#include "kling-error.h"
#include "kling-json.h"
#include "kling-request-private.h"

static const char * const default_colors[KLING_DRAFT_N_REGIONS] = {
  "#3584e4", "#e01b24", "#33d17a", "#f6d32d", "#9141ac", "#ff7800", "#00c4cc",
};

/**
 * kling_draft_default_region_name:
 * @region: 0 for the static region, 1 to 6 for a dynamic one
 *
 * Returns: (transfer full): the name a region has until it is renamed
 */
char *
kling_draft_default_region_name (guint region)
{
  if (region == KLING_DRAFT_STATIC_REGION)
    return g_strdup (_("Static"));
  return g_strdup_printf (_("Region %u"), region);
}

/**
 * kling_draft_normalize_region_name:
 * @region: the region the name is for
 * @name: (nullable): the name as typed, or as read from a draft
 *
 * What a name becomes: valid UTF-8 on one line, without spaces around it,
 * at most %KLING_DRAFT_REGION_NAME_MAX_CHARS characters; nothing left (empty,
 * only spaces) gives back the default name, so that a region is never
 * nameless in the list or in the messages about it.
 *
 * Returns: (transfer full): the name to keep
 */
char *
kling_draft_normalize_region_name (guint       region,
                                   const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *cut = NULL;

  /* A pasted name may carry new lines or tabs: one line, single spaces. */
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (line->len == 0 || line->str[line->len - 1] == ' '))
        continue;
      g_string_append_unichar (line, c);
    }
  cut = g_utf8_substring (line->str, 0, MIN ((glong) KLING_DRAFT_REGION_NAME_MAX_CHARS,
                                             g_utf8_strlen (line->str, -1)));
  g_strchomp (cut);
  if (*cut == '\0')
    return kling_draft_default_region_name (region);
  return g_steal_pointer (&cut);
}

/* Whether @name is @region's default name, in this language or in English,
 * which a draft may have been saved in: such a name is not the user's, and
 * follows the language of whoever opens the draft. */
gboolean
_kling_draft_is_default_region_name (guint       region,
                                     const char *name)
{
  g_autofree char *localized = kling_draft_default_region_name (region);
  g_autofree char *english = region == KLING_DRAFT_STATIC_REGION ? g_strdup ("Static")
                                                                 : g_strdup_printf ("Region %u", region);

  return g_strcmp0 (name, localized) == 0 || g_strcmp0 (name, english) == 0;
}

static void
set_default_region (KlingRegionInfo *region,
                    guint            index)
{
  g_free (region->name);
  g_free (region->color);
  region->name = kling_draft_default_region_name (index);
  region->color = g_strdup (default_colors[index]);
  region->visible = TRUE;
  region->opacity = KLING_DRAFT_DEFAULT_OPACITY;
}

/**
 * kling_draft_new:
 *
 * Returns: (transfer full): an empty draft: default parameters, no image,
 *   no paint, default region names and colours
 */
KlingDraft *
kling_draft_new (void)
{
  KlingDraft *self = g_new0 (KlingDraft, 1);

  self->request = kling_request_new ();
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    set_default_region (&self->regions[i], i);
  self->settings = json_object_new ();
  return self;
}

/* A deep copy of a JSON object, so the copy shares nothing. */
static JsonObject *
copy_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_new ();
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/**
 * kling_draft_copy:
 *
 * A deep copy that shares nothing with @self, e.g. to write an autosave
 * from a worker thread while the editor goes on painting.
 *
 * Returns: (transfer full): the copy
 */
KlingDraft *
kling_draft_copy (const KlingDraft *self)
{
  KlingDraft *copy = g_new0 (KlingDraft, 1);

  copy->request = kling_request_copy (self->request);
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      copy->masks[i] = self->masks[i] != NULL ? kling_mask_copy (self->masks[i]) : NULL;
      copy->trajectories[i] = self->trajectories[i] != NULL
                                ? kling_trajectory_copy (self->trajectories[i]) : NULL;
      copy->regions[i].name = g_strdup (self->regions[i].name);
      copy->regions[i].color = g_strdup (self->regions[i].color);
      copy->regions[i].visible = self->regions[i].visible;
      copy->regions[i].opacity = self->regions[i].opacity;
    }
  copy->settings = copy_json_object (self->settings);
  return copy;
}

void
kling_draft_free (KlingDraft *self)
{
  if (self == NULL)
    return;
  kling_request_free (self->request);
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      kling_mask_free (self->masks[i]);
      kling_trajectory_free (self->trajectories[i]);
      g_free (self->regions[i].name);
      g_free (self->regions[i].color);
    }
  g_clear_pointer (&self->settings, json_object_unref);
  g_free (self);
}

void
kling_draft_set_region_name (KlingDraft *self,
                             guint       region,
                             const char *name)
{
  g_return_if_fail (region < KLING_DRAFT_N_REGIONS);

  g_free (self->regions[region].name);
  self->regions[region].name = kling_draft_normalize_region_name (region, name);
}

gboolean
_kling_draft_is_color (const char *text)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* @color: "#rrggbb" */
void
kling_draft_set_region_color (KlingDraft *self,
                              guint       region,
                              const char *color)
{
  g_return_if_fail (region < KLING_DRAFT_N_REGIONS && color != NULL && _kling_draft_is_color (color));

  g_free (self->regions[region].color);
  self->regions[region].color = g_ascii_strdown (color, -1);
}

/* ---- writing ---- */

static void
add_parameters (KlingDraft  *self,
                JsonBuilder *builder)
{
  KlingRequest *request = self->request;
  double cfg_scale;

  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  kling_json_add_optional_string (builder, "model_name", request->model);
  kling_json_add_optional_string (builder, "mode", request->mode);
  kling_json_add_optional_string (builder, "duration", request->duration);
  kling_json_add_optional_string (builder, "prompt", request->prompt);
  kling_json_add_optional_string (builder, "negative_prompt", request->negative_prompt);
  if (kling_request_get_cfg_scale (request, &cfg_scale))
    {
      json_builder_set_member_name (builder, "cfg_scale");
      json_builder_add_double_value (builder, cfg_scale);
    }
  kling_json_add_optional_string (builder, "aspect_ratio", request->aspect_ratio);
  kling_json_add_optional_string (builder, "sound", request->sound);
  if (request->camera_type != NULL)
    {
      json_builder_set_member_name (builder, "camera_control");
      json_builder_begin_object (builder);
      kling_json_add_optional_string (builder, "type", request->camera_type);
      json_builder_set_member_name (builder, "config");
      json_builder_begin_object (builder);
      for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
        {
          json_builder_set_member_name (builder, kling_camera_axis_to_string (i));
          json_builder_add_double_value (builder, request->camera_config[i]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_image (JsonBuilder *builder,
           const char  *name,
           KlingImage  *image)
{
  g_autofree char *base64 = NULL;

  if (image == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (kling_image_is_url (image))
    kling_json_add_optional_string (builder, "url", kling_image_get_url (image));
  else
    {
      base64 = kling_image_to_base64 (image);
      kling_json_add_optional_string (builder, "mime_type", kling_image_get_mime_type (image));
      kling_json_add_optional_string (builder, "data", base64);
    }
  json_builder_end_object (builder);
}

/**
 * kling_draft_add_points:
 *
 * Adds @trajectory's points to @builder as kling_draft_read_points() reads
 * them: [[x, y], …].
 */
void
kling_draft_add_points (JsonBuilder           *builder,
                        const KlingTrajectory *trajectory)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < kling_trajectory_get_n_points (trajectory); i++)
    {
      KlingPoint p = kling_trajectory_get_point (trajectory, i);

      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, p.x);
      json_builder_add_double_value (builder, p.y);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_region (KlingDraft  *self,
            JsonBuilder *builder,
            guint        index)
{
  const KlingRegionInfo *region = &self->regions[index];

  json_builder_begin_object (builder);
  /* A default name is left out: it is given again in the reader's language. */
  if (!_kling_draft_is_default_region_name (index, region->name))
    kling_json_add_optional_string (builder, "name", region->name);
  kling_json_add_optional_string (builder, "color", region->color);
  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder, region->visible);
  json_builder_set_member_name (builder, "opacity");
  json_builder_add_int_value (builder, region->opacity);
  /* an empty mask is not worth its PNG */
  if (self->masks[index] != NULL && kling_mask_get_n_tiles (self->masks[index]) > 0)
    {
      g_autoptr(GBytes) png = kling_mask_to_coverage_png (self->masks[index], NULL);
      g_autofree char *base64 = NULL;

      if (png != NULL)
        {
          base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
          kling_json_add_optional_string (builder, "mask", base64);
        }
    }
  if (index != KLING_DRAFT_STATIC_REGION && self->trajectories[index] != NULL &&
      kling_trajectory_get_n_points (self->trajectories[index]) > 0)
    {
      json_builder_set_member_name (builder, "trajectory");
      kling_draft_add_points (builder, self->trajectories[index]);
    }
  /* Constant speed is left out, so a draft without timing reads as before;
   * a timing is kept even before its path is drawn. */
  if (index != KLING_DRAFT_STATIC_REGION && self->trajectories[index] != NULL &&
      kling_trajectory_get_timing (self->trajectories[index]) != KLING_TIMING_CONSTANT)
    kling_json_add_optional_string (builder, "timing",
                                    kling_timing_to_string (kling_trajectory_get_timing (self->trajectories[index])));
  json_builder_end_object (builder);
}

/**
 * kling_draft_to_data:
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): the draft as JSON text
 */
char *
kling_draft_to_data (KlingDraft *self,
                     gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) settings = json_node_new (JSON_NODE_OBJECT);

  json_builder_begin_object (builder);
  kling_json_add_optional_string (builder, "format", KLING_DRAFT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, KLING_DRAFT_VERSION);
  add_parameters (self, builder);
  add_image (builder, "image", kling_request_get_image (self->request));
  add_image (builder, "image_tail", kling_request_get_image_tail (self->request));
  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    add_region (self, builder, i);
  json_builder_end_array (builder);
  json_node_set_object (settings, self->settings);
  json_builder_set_member_name (builder, "settings");
  json_builder_add_value (builder, g_steal_pointer (&settings));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  /* cfg_scale 0.3 and a point at x 12.1 as written, not 0.29999999999999999 */
  return kling_json_to_data (root, TRUE, length);
}

/**
 * kling_draft_save:
 *
 * Writes the draft atomically: a crash leaves the old file or the new one,
 * never half of one.
 */
gboolean
kling_draft_save (KlingDraft  *self,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = kling_draft_to_data (self, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO,
                   _("Could not save the draft: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- to a request ---- */

static gboolean
region_is_painted (KlingDraft *self,
                   guint       index)
{
  return self->masks[index] != NULL && !kling_mask_is_empty (self->masks[index]);
}

/**
 * kling_draft_to_request:
 *
 * Builds what to submit: the draft's parameters and images, its static mask
 * when painted, and every dynamic region that is painted or has a
 * trajectory, in region order. A region with paint but no trajectory, or a
 * trajectory but no paint, is an error naming the region. The request gets
 * a new external_task_id. It is not validated yet:
 * kling_request_build_body() does that.
 *
 * Returns: (transfer full) (nullable): the request
 */
KlingRequest *
kling_draft_to_request (KlingDraft  *self,
                        GError     **error)
{
  g_autoptr(KlingRequest) request = kling_request_copy (self->request);

  kling_request_regenerate_external_task_id (request);
  kling_request_clear_dynamic (request);
  kling_request_set_static_mask (request, region_is_painted (self, KLING_DRAFT_STATIC_REGION)
                                            ? self->masks[KLING_DRAFT_STATIC_REGION] : NULL);

  for (guint i = 1; i < KLING_DRAFT_N_REGIONS; i++)
    {
      if (!kling_draft_check_region (self, i, error))
        return NULL;
      if (region_is_painted (self, i))
        kling_request_add_dynamic (request, self->masks[i], self->trajectories[i]);
    }
  if (!kling_draft_check_overlaps (self, error))
    return NULL;
  return g_steal_pointer (&request);
}
