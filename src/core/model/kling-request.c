/* kling-request.c — everything one image-to-video generation needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is plain data plus two jobs: kling_request_validate() checks
 * every rule of kling-api.md §2 (kling-request-validate.c) and
 * kling_request_build_body() writes the exact JSON body
 * (kling-request-body.c).
 */
#include "config.h"

#include <string.h>

#include "kling-capabilities.h"
#include "kling-enum.h"
#include "kling-request-private.h"

const char * const kling_camera_types[] = {
  "simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", NULL
};

/**
 * kling_camera_axis_to_string:
 *
 * Returns: the axis as the API names it in camera_control.config
 *   ("horizontal", "zoom", …): its nick, made by glib-mkenums
 */
const char *
kling_camera_axis_to_string (KlingCameraAxis axis)
{
  g_return_val_if_fail (axis < KLING_CAMERA_N_AXES, NULL);
  return kling_enum_to_nick (KLING_TYPE_CAMERA_AXIS, axis);
}

const char * const kling_aspect_ratios[] = { "16:9", "9:16", "1:1", NULL };

static void
kling_dynamic_free (KlingDynamic *dynamic)
{
  kling_mask_free (dynamic->mask);
  kling_trajectory_free (dynamic->trajectory);
  g_free (dynamic);
}

static KlingDynamic *
kling_dynamic_new (const KlingMask       *mask,
                   const KlingTrajectory *trajectory)
{
  KlingDynamic *dynamic = g_new0 (KlingDynamic, 1);

  dynamic->mask = kling_mask_copy (mask);
  dynamic->trajectory = kling_trajectory_copy (trajectory);
  return dynamic;
}

/* "" and NULL both mean "not set" */
static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/**
 * kling_request_new:
 *
 * Returns: (transfer full): a request with Kling's defaults (kling-v1, std,
 *   5 s, no cfg_scale sent) and a fresh random external_task_id
 */
KlingRequest *
kling_request_new (void)
{
  KlingRequest *self = g_new0 (KlingRequest, 1);

  self->model = g_strdup (KLING_REQUEST_DEFAULT_MODEL);
  self->mode = g_strdup (KLING_REQUEST_DEFAULT_MODE);
  self->duration = g_strdup (KLING_REQUEST_DEFAULT_DURATION);
  self->cfg_scale = KLING_REQUEST_DEFAULT_CFG_SCALE;
  self->dynamic = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_dynamic_free);
  self->external_task_id = g_uuid_string_random ();
  return self;
}

/**
 * kling_request_copy:
 *
 * A deep copy (images are immutable and shared), external_task_id included:
 * a copy is the same submission. Use
 * kling_request_regenerate_external_task_id() for a new one.
 */
KlingRequest *
kling_request_copy (const KlingRequest *self)
{
  KlingRequest *copy = kling_request_new ();

  copy->image = self->image != NULL ? kling_image_ref (self->image) : NULL;
  copy->image_tail = self->image_tail != NULL ? kling_image_ref (self->image_tail) : NULL;
  set_string (&copy->prompt, self->prompt);
  set_string (&copy->negative_prompt, self->negative_prompt);
  set_string (&copy->model, self->model);
  set_string (&copy->mode, self->mode);
  set_string (&copy->duration, self->duration);
  copy->has_cfg_scale = self->has_cfg_scale;
  copy->cfg_scale = self->cfg_scale;
  set_string (&copy->aspect_ratio, self->aspect_ratio);
  set_string (&copy->sound, self->sound);
  copy->allow_unknown_model = self->allow_unknown_model;
  copy->static_mask = self->static_mask != NULL ? kling_mask_copy (self->static_mask) : NULL;
  for (guint i = 0; i < self->dynamic->len; i++)
    {
      KlingDynamic *dynamic = g_ptr_array_index (self->dynamic, i);

      g_ptr_array_add (copy->dynamic, kling_dynamic_new (dynamic->mask, dynamic->trajectory));
    }
  set_string (&copy->camera_type, self->camera_type);
  memcpy (copy->camera_config, self->camera_config, sizeof copy->camera_config);
  set_string (&copy->callback_url, self->callback_url);
  set_string (&copy->external_task_id, self->external_task_id);
  return copy;
}

void
kling_request_free (KlingRequest *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->image, kling_image_unref);
  g_clear_pointer (&self->image_tail, kling_image_unref);
  g_free (self->prompt);
  g_free (self->negative_prompt);
  g_free (self->model);
  g_free (self->mode);
  g_free (self->duration);
  g_free (self->aspect_ratio);
  g_free (self->sound);
  kling_mask_free (self->static_mask);
  g_ptr_array_unref (self->dynamic);
  g_free (self->camera_type);
  g_free (self->callback_url);
  g_free (self->external_task_id);
  g_free (self);
}

/**
 * kling_request_set_image:
 * @image: (nullable): the start frame; the request takes a reference
 */
void
kling_request_set_image (KlingRequest *self,
                         KlingImage   *image)
{
  if (image != NULL)
    kling_image_ref (image);
  g_clear_pointer (&self->image, kling_image_unref);
  self->image = image;
}

/**
 * kling_request_get_image:
 *
 * Returns: (transfer none) (nullable): the start frame
 */
KlingImage *
kling_request_get_image (KlingRequest *self)
{
  return self->image;
}

/**
 * kling_request_set_image_tail:
 * @image: (nullable): the end frame, or %NULL for none; the request takes a
 *   reference
 */
void
kling_request_set_image_tail (KlingRequest *self,
                              KlingImage   *image)
{
  if (image != NULL)
    kling_image_ref (image);
  g_clear_pointer (&self->image_tail, kling_image_unref);
  self->image_tail = image;
}

KlingImage *
kling_request_get_image_tail (KlingRequest *self)
{
  return self->image_tail;
}

/* (nullable): empty strings read back as %NULL */
void
kling_request_set_prompt (KlingRequest *self,
                          const char   *prompt)
{
  set_string (&self->prompt, prompt);
}

const char *
kling_request_get_prompt (KlingRequest *self)
{
  return self->prompt;
}

void
kling_request_set_negative_prompt (KlingRequest *self,
                                   const char   *negative_prompt)
{
  set_string (&self->negative_prompt, negative_prompt);
}

const char *
kling_request_get_negative_prompt (KlingRequest *self)
{
  return self->negative_prompt;
}

/* @model: (nullable): %NULL restores the default, kling-v1 */
void
kling_request_set_model (KlingRequest *self,
                         const char   *model)
{
  set_string (&self->model, model != NULL ? model : KLING_REQUEST_DEFAULT_MODEL);
}

const char *
kling_request_get_model (KlingRequest *self)
{
  return self->model != NULL ? self->model : "";
}

/* @mode: (nullable): %NULL restores the default, std */
void
kling_request_set_mode (KlingRequest *self,
                        const char   *mode)
{
  set_string (&self->mode, mode != NULL ? mode : KLING_REQUEST_DEFAULT_MODE);
}

const char *
kling_request_get_mode (KlingRequest *self)
{
  return self->mode != NULL ? self->mode : "";
}

/* @duration: (nullable): seconds as a string, "5" or "10"; %NULL restores
 * the default, "5" */
void
kling_request_set_duration (KlingRequest *self,
                            const char   *duration)
{
  set_string (&self->duration, duration != NULL ? duration : KLING_REQUEST_DEFAULT_DURATION);
}

const char *
kling_request_get_duration (KlingRequest *self)
{
  return self->duration != NULL ? self->duration : "";
}

/**
 * kling_request_set_cfg_scale:
 *
 * Sends cfg_scale (0 to 1). Unset, nothing is sent and the server uses 0.5.
 * Models from v2 on take none: validation refuses one that is set, so the
 * editor should unset it when such a model is chosen.
 */
void
kling_request_set_cfg_scale (KlingRequest *self,
                             double        cfg_scale)
{
  self->has_cfg_scale = TRUE;
  self->cfg_scale = cfg_scale;
}

void
kling_request_unset_cfg_scale (KlingRequest *self)
{
  self->has_cfg_scale = FALSE;
  self->cfg_scale = KLING_REQUEST_DEFAULT_CFG_SCALE;
}

/**
 * kling_request_get_cfg_scale:
 * @out_cfg_scale: (out) (optional): the value, or 0.5 (the server's default)
 *   when unset
 *
 * Returns: whether cfg_scale is set
 */
gboolean
kling_request_get_cfg_scale (KlingRequest *self,
                             double       *out_cfg_scale)
{
  if (out_cfg_scale != NULL)
    *out_cfg_scale = self->cfg_scale;
  return self->has_cfg_scale;
}

/* @aspect_ratio: (nullable): "16:9", "9:16", "1:1"; sent only when set */
void
kling_request_set_aspect_ratio (KlingRequest *self,
                                const char   *aspect_ratio)
{
  set_string (&self->aspect_ratio, aspect_ratio);
}

const char *
kling_request_get_aspect_ratio (KlingRequest *self)
{
  return self->aspect_ratio;
}

/**
 * kling_request_set_allow_unknown_model:
 *
 * With @allow, a model missing from the capabilities table is sent as
 * given: what only the table knows (mode, duration, guidance, controls,
 * sound for that model) is then not checked, and the server decides.
 */
void
kling_request_set_allow_unknown_model (KlingRequest *self,
                                       gboolean      allow)
{
  self->allow_unknown_model = !!allow;
}

/**
 * kling_request_is_model_unchecked:
 *
 * Returns: whether the model is unknown to the table and allowed anyway,
 *   so that its combination goes out unchecked
 */
gboolean
kling_request_is_model_unchecked (KlingRequest *self)
{
  return self->allow_unknown_model && !kling_capabilities_has_model (self->model);
}

/* @sound: (nullable): "on" or "off"; "off" is left out where the model has
 * no sound, "on" there is refused (kling-v2-6 pro and kling-v3 take it) */
void
kling_request_set_sound (KlingRequest *self,
                         const char   *sound)
{
  set_string (&self->sound, sound);
}

const char *
kling_request_get_sound (KlingRequest *self)
{
  return self->sound;
}

/**
 * kling_request_set_static_mask:
 * @mask: (nullable): the area that must stay still; the request keeps a
 *   COPY, so later painting on @mask does not change it
 *
 * An empty static mask (nothing painted, or everything painted also
 * belongs to a dynamic brush) is not sent and does not count as using the
 * motion brush.
 */
void
kling_request_set_static_mask (KlingRequest    *self,
                               const KlingMask *mask)
{
  g_clear_pointer (&self->static_mask, kling_mask_free);
  if (mask != NULL)
    self->static_mask = kling_mask_copy (mask);
}

const KlingMask *
kling_request_get_static_mask (KlingRequest *self)
{
  return self->static_mask;
}

guint
kling_request_get_n_dynamic (KlingRequest *self)
{
  return self->dynamic->len;
}

/**
 * kling_request_add_dynamic:
 *
 * Adds a dynamic brush: the area that moves and its path (image pixels,
 * top-left origin). Both are copied. More than 6 can be added; validation
 * refuses them.
 */
void
kling_request_add_dynamic (KlingRequest          *self,
                           const KlingMask       *mask,
                           const KlingTrajectory *trajectory)
{
  g_return_if_fail (mask != NULL && trajectory != NULL);

  g_ptr_array_add (self->dynamic, kling_dynamic_new (mask, trajectory));
}

const KlingMask *
kling_request_get_dynamic_mask (KlingRequest *self,
                                guint         index)
{
  g_return_val_if_fail (index < self->dynamic->len, NULL);

  return ((KlingDynamic *) g_ptr_array_index (self->dynamic, index))->mask;
}

const KlingTrajectory *
kling_request_get_dynamic_trajectory (KlingRequest *self,
                                      guint         index)
{
  g_return_val_if_fail (index < self->dynamic->len, NULL);

  return ((KlingDynamic *) g_ptr_array_index (self->dynamic, index))->trajectory;
}

void
kling_request_clear_dynamic (KlingRequest *self)
{
  g_ptr_array_set_size (self->dynamic, 0);
}

/**
 * kling_request_set_camera_control:
 * @type: (nullable): "simple", "down_back", "forward_up",
 *   "right_turn_forward", "left_turn_forward", or %NULL for none
 * @config: (nullable) (array fixed-size=6): horizontal, vertical, pan, tilt,
 *   roll, zoom (see #KlingCameraAxis); sent only for "simple"
 */
void
kling_request_set_camera_control (KlingRequest *self,
                                  const char   *type,
                                  const double  config[6])
{
  set_string (&self->camera_type, type);
  for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
    self->camera_config[i] = config != NULL ? config[i] : 0.0;
}

/**
 * kling_request_get_camera_control:
 * @out_config: (out caller-allocates) (optional) (array fixed-size=6): the
 *   config values
 *
 * Returns: (nullable): the camera control type, or %NULL for none
 */
const char *
kling_request_get_camera_control (KlingRequest *self,
                                  double        out_config[6])
{
  if (out_config != NULL)
    memcpy (out_config, self->camera_config, sizeof self->camera_config);
  return self->camera_type;
}

void
kling_request_set_callback_url (KlingRequest *self,
                                const char   *callback_url)
{
  set_string (&self->callback_url, callback_url);
}

const char *
kling_request_get_callback_url (KlingRequest *self)
{
  return self->callback_url;
}

/**
 * kling_request_set_external_task_id:
 * @external_task_id: (nullable): the id to send; %NULL sends none
 */
void
kling_request_set_external_task_id (KlingRequest *self,
                                    const char   *external_task_id)
{
  set_string (&self->external_task_id, external_task_id);
}

const char *
kling_request_get_external_task_id (KlingRequest *self)
{
  return self->external_task_id;
}

/* One new id per submission, so a retried or crashed POST can be found. */
void
kling_request_regenerate_external_task_id (KlingRequest *self)
{
  g_free (self->external_task_id);
  self->external_task_id = g_uuid_string_random ();
}

/**
 * kling_request_uses_motion_brush:
 *
 * Returns: whether a dynamic brush is set or the static mask has paint
 */
gboolean
kling_request_uses_motion_brush (KlingRequest *self)
{
  return self->dynamic->len > 0 ||
         (self->static_mask != NULL && !kling_mask_is_empty (self->static_mask));
}
