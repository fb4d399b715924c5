/* kling-request-validate.c — every rule of kling-api.md §2, before sending
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server answers broken combinations only with opaque 1201s, so each
 * rule is checked here with a message naming the field and the limit.
 * Which model takes what comes from the capabilities table, never from
 * conditions written here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kling-capabilities.h"
#include "kling-error.h"
#include "kling-request-private.h"
#include "kling-text.h"

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                                                format, args));
  va_end (args);
  return FALSE;
}

static gboolean
is_whole_number (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_model (KlingRequest  *self,
             const char   **field,
             GError       **error)
{
  g_autofree char *known = NULL;

  if (kling_capabilities_has_model (self->model) || kling_request_is_model_unchecked (self))
    return TRUE;
  known = g_strjoinv (", ", (GStrv) kling_capabilities_get_models ());
  return invalid (error, _("Model: “%s” is not a known model (known: %s)"),
                  self->model != NULL ? self->model : "", known);
}

static gboolean
check_mode (KlingRequest  *self,
            const char   **field,
            GError       **error)
{
  g_auto(GStrv) modes = NULL;
  g_autofree char *allowed = NULL;

  if (kling_capabilities_supports_mode (self->model, self->mode))
    return TRUE;
  if (kling_request_is_model_unchecked (self) && self->mode != NULL)
    return TRUE;
  modes = kling_capabilities_get_modes (self->model);
  allowed = kling_text_join_or ((const char * const *) modes, -1, NULL);
  return invalid (error, _("Mode: %s does not offer “%s” (it offers %s)"),
                  kling_capabilities_get_display_name (self->model),
                  self->mode != NULL ? self->mode : "", allowed);
}

static gboolean
check_duration (KlingRequest  *self,
                const char   **field,
                GError       **error)
{
  g_autofree char *allowed = NULL;

  if (self->duration == NULL || !is_whole_number (self->duration))
    return invalid (error, _("Duration: “%s” is not a whole number of seconds"),
                    self->duration != NULL ? self->duration : "");
  if (kling_capabilities_supports_duration (self->model, self->mode, self->duration) ||
      kling_request_is_model_unchecked (self))
    return TRUE;
  allowed = kling_capabilities_describe_durations (self->model, self->mode);
  return invalid (error, _("Duration: %s does not offer %s s in %s mode (it offers %s)"),
                  kling_capabilities_get_display_name (self->model),
                  self->duration, self->mode, allowed);
}

static gboolean
check_text (const char  *text,
            const char  *field,
            GError     **error)
{
  glong length;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("%s: the text is not valid UTF-8"), field);
  length = g_utf8_strlen (text, -1);
  if (length > KLING_REQUEST_MAX_PROMPT)
    return invalid (error, _("%s: %ld characters; at most %d are allowed"),
                    field, length, KLING_REQUEST_MAX_PROMPT);
  return TRUE;
}

static gboolean
check_prompt (KlingRequest  *self,
              const char   **field,
              GError       **error)
{
  return check_text (self->prompt, _("Prompt"), error);
}

static gboolean
check_negative_prompt (KlingRequest  *self,
                       const char   **field,
                       GError       **error)
{
  return check_text (self->negative_prompt, _("Negative prompt"), error);
}

static gboolean
check_cfg_scale (KlingRequest  *self,
                 const char   **field,
                 GError       **error)
{
  if (!self->has_cfg_scale)
    return TRUE;
  if (!kling_capabilities_supports_cfg_scale (self->model) && !kling_request_is_model_unchecked (self))
    return invalid (error, _("CFG scale: %s does not take a CFG scale; leave it unset"),
                    kling_capabilities_get_display_name (self->model));
  if (!(self->cfg_scale >= 0.0 && self->cfg_scale <= 1.0))
    return invalid (error, _("CFG scale: %g is outside 0 to 1"), self->cfg_scale);
  return TRUE;
}

static gboolean
check_aspect_ratio (KlingRequest  *self,
                    const char   **field,
                    GError       **error)
{
  if (self->aspect_ratio == NULL || g_strv_contains (kling_aspect_ratios, self->aspect_ratio))
    return TRUE;
  return invalid (error, _("Aspect ratio: “%s” is not one of 16:9, 9:16 or 1:1"),
                  self->aspect_ratio);
}

static gboolean
check_image (KlingRequest  *self,
             const char   **field,
             GError       **error)
{
  if (self->image == NULL)
    return invalid (error, _("Image: no input image is set"));
  return kling_image_check (self->image, _("Image"), error);
}

static gboolean
check_image_tail (KlingRequest  *self,
                  const char   **field,
                  GError       **error)
{
  return self->image_tail == NULL || kling_image_check (self->image_tail, _("End frame"), error);
}

static gboolean
check_feature (KlingRequest  *self,
               KlingFeature   feature,
               const char    *feature_name,
               GError       **error)
{
  g_autofree char *where = NULL;

  if (kling_capabilities_supports_feature (self->model, self->mode, self->duration, feature) ||
      kling_request_is_model_unchecked (self))
    return TRUE;
  where = kling_capabilities_describe_feature (feature);
  return invalid (error, _("%s works only with %s"), feature_name, where);
}

/* Only one of end frame, motion brush and camera control per task, and
 * each only where the table allows it. */
static gboolean
check_controls (KlingRequest  *self,
                const char   **field,
                GError       **error)
{
  gboolean end_frame = self->image_tail != NULL;
  gboolean motion_brush = kling_request_uses_motion_brush (self);
  gboolean camera = self->camera_type != NULL;

  /* the field to point at is the one that is in the way */
  *field = end_frame ? "image_tail" : motion_brush ? "motion_brush" : "camera_control";
  if (end_frame + motion_brush + camera > 1)
    return invalid (error, _("End frame, motion brush and camera control cannot be combined; "
                             "use only one of them per task"));
  if (end_frame)
    return check_feature (self, KLING_FEATURE_END_FRAME, _("End frame"), error);
  if (motion_brush)
    return check_feature (self, KLING_FEATURE_MOTION_BRUSH, _("Motion brush"), error);
  if (camera)
    return check_feature (self, KLING_FEATURE_CAMERA_CONTROL, _("Camera control"), error);
  return TRUE;
}

static gboolean
check_mask_size (const KlingMask  *mask,
                 KlingImage       *image,
                 const char       *field,
                 GError          **error)
{
  int width = kling_mask_get_width (mask), height = kling_mask_get_height (mask);

  if (width == kling_image_get_width (image) && height == kling_image_get_height (image))
    return TRUE;
  return invalid (error, _("%s: the mask is %d×%d but the image is %d×%d"),
                  field, width, height,
                  kling_image_get_width (image), kling_image_get_height (image));
}

/* A timed path repeats points while it holds: only moving counts. */
static gboolean
moves (GArray *api)
{
  for (guint i = 1; i < api->len; i++)
    if (g_array_index (api, KlingApiPoint, i).x != g_array_index (api, KlingApiPoint, 0).x ||
        g_array_index (api, KlingApiPoint, i).y != g_array_index (api, KlingApiPoint, 0).y)
      return TRUE;
  return FALSE;
}

static gboolean
check_dynamic (KlingRequest  *self,
               guint          index,
               GError       **error)
{
  KlingDynamic *dynamic = g_ptr_array_index (self->dynamic, index);
  g_autofree char *field = g_strdup_printf (_("Dynamic brush %u"), index + 1);
  g_autoptr(GArray) api = NULL;

  if (!check_mask_size (dynamic->mask, self->image, field, error))
    return FALSE;
  if (kling_mask_is_empty (dynamic->mask))
    return invalid (error, _("%s: nothing is painted"), field);
  if (kling_trajectory_get_n_points (dynamic->trajectory) < KLING_TRAJECTORY_MIN_POINTS)
    return invalid (error, _("%s: a trajectory needs at least %d points"),
                    field, KLING_TRAJECTORY_MIN_POINTS);
  api = kling_trajectory_to_api (dynamic->trajectory,
                                 kling_image_get_width (self->image),
                                 kling_image_get_height (self->image));
  if (!moves (api))
    return invalid (error, _("%s: the trajectory’s points all fall on one pixel; "
                             "it needs at least %d different ones"),
                    field, KLING_TRAJECTORY_MIN_POINTS);
  return TRUE;
}

static gboolean
check_motion_brush (KlingRequest  *self,
                    const char   **field,
                    GError       **error)
{
  if (!kling_request_uses_motion_brush (self))
    return TRUE;

  /* Masks must have the image's exact pixel size, which a URL hides. */
  if (kling_image_is_url (self->image))
    return invalid (error, _("Motion brush: the image is a URL, so its pixel size is unknown "
                             "and the masks cannot be checked; open the image from a file"));
  if (self->dynamic->len > KLING_REQUEST_MAX_DYNAMIC)
    return invalid (error, _("Motion brush: %u dynamic brushes; at most %d are allowed"),
                    self->dynamic->len, KLING_REQUEST_MAX_DYNAMIC);
  if (self->static_mask != NULL && !kling_mask_is_empty (self->static_mask) &&
      !check_mask_size (self->static_mask, self->image, _("Static brush"), error))
    return FALSE;
  for (guint i = 0; i < self->dynamic->len; i++)
    if (!check_dynamic (self, i, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_camera (KlingRequest  *self,
              const char   **field,
              GError       **error)
{
  guint n_set = 0;

  if (self->camera_type == NULL)
    return TRUE;
  if (!g_strv_contains (kling_camera_types, self->camera_type))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) kling_camera_types);

      return invalid (error, _("Camera control: “%s” is not a known type (%s)"),
                      self->camera_type, known);
    }
  if (!kling_request_is_model_unchecked (self) &&
      !g_strv_contains (kling_capabilities_get_camera_types (self->model), self->camera_type))
    return invalid (error, _("Camera control: “%s” is a text-to-video preset; image-to-video "
                             "takes only “simple” (one axis)"), self->camera_type);

  for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
    {
      double value = self->camera_config[i];

      if (!(fabs (value) <= KLING_CAMERA_CONFIG_MAX))
        return invalid (error, _("Camera control: %s %g is outside -10 to 10"),
                        kling_camera_axis_to_string (i), value);
      n_set += value != 0.0;
    }
  if (n_set != 1)
    return invalid (error, _("Camera control: simple needs exactly one non-zero value among "
                             "horizontal, vertical, pan, tilt, roll and zoom; %u are non-zero"),
                    n_set);
  return TRUE;
}

/* Sound is not one of the three controls, but kling-v2-6 takes it only
 * without an end frame. "off" where there is no sound is simply not sent. */
static gboolean
check_sound (KlingRequest  *self,
             const char   **field,
             GError       **error)
{
  g_autofree char *where = NULL;

  if (self->sound == NULL)
    return TRUE;
  if (!g_str_equal (self->sound, "on") && !g_str_equal (self->sound, "off"))
    return invalid (error, _("Sound: “%s” is neither on nor off"), self->sound);
  if (g_str_equal (self->sound, "off") || kling_request_is_model_unchecked (self))
    return TRUE;
  if (!kling_capabilities_supports_sound (self->model, self->mode, self->duration))
    {
      where = kling_capabilities_describe_feature (KLING_FEATURE_SOUND);
      return invalid (error, _("Sound works only with %s"), where);
    }
  if (self->image_tail != NULL && !kling_capabilities_end_frame_with_sound (self->model))
    return invalid (error, _("Sound: %s cannot make sound and use an end frame in one task; "
                             "switch sound off or remove the end frame"),
                    kling_capabilities_get_display_name (self->model));
  return TRUE;
}

typedef gboolean (*CheckFunc) (KlingRequest  *self,
                               const char   **field,
                               GError       **error);

/* In the order the user reads the form; the first problem is reported. */
static const struct {
  const char *field;
  CheckFunc   check;
} checks[] = {
  { "model", check_model },
  { "mode", check_mode },
  { "duration", check_duration },
  { "prompt", check_prompt },
  { "negative_prompt", check_negative_prompt },
  { "cfg_scale", check_cfg_scale },
  { "aspect_ratio", check_aspect_ratio },
  { "image", check_image },
  { "image_tail", check_image_tail },
  { "controls", check_controls },
  { "motion_brush", check_motion_brush },
  { "camera_control", check_camera },
  { "sound", check_sound },
};

/**
 * kling_request_validate_field:
 * @out_field: (out) (optional): on failure, the field at fault, named as
 *   kling-api.md names it: "model", "mode", "duration", "prompt",
 *   "negative_prompt", "cfg_scale", "aspect_ratio", "image", "image_tail",
 *   "motion_brush", "camera_control" or "sound" (untranslated, for the editor to
 *   show the right control); %NULL on success
 *
 * Like kling_request_validate(), also saying where the problem is.
 */
gboolean
kling_request_validate_field (KlingRequest  *self,
                              const char   **out_field,
                              GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (out_field != NULL)
    *out_field = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char *field = checks[i].field;

      if (!checks[i].check (self, &field, error))
        {
          if (out_field != NULL)
            *out_field = field;
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * kling_request_validate:
 *
 * Checks every rule of kling-api.md §2 before anything is sent. The message
 * names the field and the limit, e.g. "Dynamic brush 2: nothing is
 * painted".
 *
 * Returns: %TRUE when the request can be sent; else %FALSE with
 *   %KLING_ERROR_INVALID_INPUT
 */
gboolean
kling_request_validate (KlingRequest  *self,
                        GError       **error)
{
  return kling_request_validate_field (self, NULL, error);
}
