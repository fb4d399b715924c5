/* kling-request-body.c — the JSON body of POST /v1/videos/image2video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "kling-capabilities.h"
#include "kling-error.h"
#include "kling-json.h"
#include "kling-request-private.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* A URL as given, else the file's bytes as raw base64. */
static void
add_image (JsonBuilder *builder,
           const char  *name,
           KlingImage  *image)
{
  g_autofree char *base64 = NULL;

  if (kling_image_is_url (image))
    {
      add_string (builder, name, kling_image_get_url (image));
      return;
    }
  base64 = kling_image_to_base64 (image);
  add_string (builder, name, base64);
}

static gboolean
add_mask (JsonBuilder      *builder,
          const char       *name,
          const KlingMask  *mask,
          GError          **error)
{
  g_autofree char *base64 = kling_mask_to_base64 (mask, error);

  if (base64 == NULL)
    return FALSE;
  if (name != NULL)
    json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, base64);
  return TRUE;
}

/* The static area minus every dynamic area, so they never overlap; %NULL
 * when nothing is left to send. */
static KlingMask *
static_mask_to_send (KlingRequest *self)
{
  g_autoptr(KlingMask) mask = NULL;

  if (self->static_mask == NULL)
    return NULL;
  mask = kling_mask_copy (self->static_mask);
  for (guint i = 0; i < self->dynamic->len; i++)
    kling_mask_subtract (mask, ((KlingDynamic *) g_ptr_array_index (self->dynamic, i))->mask);
  return kling_mask_is_empty (mask) ? NULL : g_steal_pointer (&mask);
}

static void
add_trajectory (JsonBuilder           *builder,
                const KlingTrajectory *trajectory,
                KlingImage            *image)
{
  g_autoptr(GArray) api = kling_trajectory_to_api (trajectory,
                                                   kling_image_get_width (image),
                                                   kling_image_get_height (image));

  json_builder_set_member_name (builder, "trajectories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < api->len; i++)
    {
      KlingApiPoint *p = &g_array_index (api, KlingApiPoint, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, p->x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, p->y);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
add_motion_brush (KlingRequest  *self,
                  JsonBuilder   *builder,
                  GError       **error)
{
  g_autoptr(KlingMask) static_mask = static_mask_to_send (self);

  if (static_mask != NULL && !add_mask (builder, "static_mask", static_mask, error))
    return FALSE;
  if (self->dynamic->len == 0)
    return TRUE;

  json_builder_set_member_name (builder, "dynamic_masks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->dynamic->len; i++)
    {
      KlingDynamic *dynamic = g_ptr_array_index (self->dynamic, i);

      json_builder_begin_object (builder);
      if (!add_mask (builder, "mask", dynamic->mask, error))
        return FALSE;
      add_trajectory (builder, dynamic->trajectory, self->image);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

/* Whole numbers as integers ("zoom":5), as Kling's own examples show. */
static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (value == floor (value))
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_camera_control (KlingRequest *self,
                    JsonBuilder  *builder)
{
  json_builder_set_member_name (builder, "camera_control");
  json_builder_begin_object (builder);
  add_string (builder, "type", self->camera_type);
  if (g_str_equal (self->camera_type, "simple"))
    {
      json_builder_set_member_name (builder, "config");
      json_builder_begin_object (builder);
      for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
        add_number (builder, kling_camera_axis_to_string (i), self->camera_config[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static gboolean
add_members (KlingRequest  *self,
             JsonBuilder   *builder,
             GError       **error)
{
  add_string (builder, "model_name", self->model);
  add_string (builder, "mode", self->mode);
  if (self->prompt != NULL)
    add_string (builder, "prompt", self->prompt);
  if (self->negative_prompt != NULL)
    add_string (builder, "negative_prompt", self->negative_prompt);
  if (self->has_cfg_scale && (kling_capabilities_supports_cfg_scale (self->model) ||
                              kling_request_is_model_unchecked (self)))
    {
      json_builder_set_member_name (builder, "cfg_scale");
      json_builder_add_double_value (builder, self->cfg_scale);
    }
  /* a string: Kling's own examples send "5" */
  add_string (builder, "duration", self->duration);
  if (self->aspect_ratio != NULL)
    add_string (builder, "aspect_ratio", self->aspect_ratio);
  add_image (builder, "image", self->image);
  if (self->image_tail != NULL)
    add_image (builder, "image_tail", self->image_tail);
  if (!add_motion_brush (self, builder, error))
    return FALSE;
  if (self->camera_type != NULL)
    add_camera_control (self, builder);
  if (self->sound != NULL &&
      (kling_capabilities_supports_sound (self->model, self->mode, self->duration) ||
       kling_request_is_model_unchecked (self)))
    add_string (builder, "sound", self->sound);
  if (self->callback_url != NULL)
    add_string (builder, "callback_url", self->callback_url);
  if (self->external_task_id != NULL)
    add_string (builder, "external_task_id", self->external_task_id);
  return TRUE;
}

/**
 * kling_request_build_body:
 *
 * Validates, then writes the compact JSON body of
 * `POST /v1/videos/image2video`. Members come in a fixed order: model_name,
 * mode, prompt, negative_prompt, cfg_scale, duration, aspect_ratio, image,
 * image_tail, static_mask, dynamic_masks, camera_control, sound, callback_url,
 * external_task_id; optional ones only when set. Masks are PNG base64, the
 * static one with every dynamic area cut out; trajectories have a
 * bottom-left origin. Numbers are written as the shortest text that reads
 * back to the same value (kling_json_to_data()).
 *
 * Returns: (transfer full) (nullable): the body, or %NULL with the
 *   validation error
 */
GBytes *
kling_request_build_body (KlingRequest  *self,
                          GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  if (!kling_request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (!add_members (self, builder, error))
    return NULL;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  /* cfg_scale 0.3 as "0.3", not json-glib's "0.29999999999999999" */
  data = kling_json_to_data (root, FALSE, &length);
  return g_bytes_new_take (data, length);
}
