/* kling-fake-server-validate-model.c — what each model takes, as Kling answers it
 *
 * The fake's own table, written from kling-api.md §2 and §7 and not shared
 * with the client's kling-models.json: a mistake in one is caught by the
 * other. Models, modes, durations (a string: the seed script's integer is
 * refused with 1201), cfg_scale (every model takes it; the v2 models and
 * later ignore it), end frame, motion brush, camera control (image-to-video
 * takes only "simple") and sound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-fake-server-validate.h"

#define STD (1 << 0)
#define PRO (1 << 1)

typedef struct {
  const char *name;
  guint       min_s, max_s;     /* every whole second from min_s to max_s… */
  gboolean    five_or_ten;      /* …or only 5 and 10 */
  guint       end_frame;        /* modes taking image_tail */
  guint       sound;            /* modes taking sound "on" */
  gboolean    end_frame_with_sound;
  gboolean    camera;           /* camera_control (simple), pro 5 s */
  guint       brush;            /* modes taking the motion brush, 5 s only */
  gboolean    retired;          /* end of life 2026-09-15 */
} FakeModel;

static const FakeModel models[] = {
  { "kling-v1",          5, 10, TRUE,  STD | PRO, 0, TRUE, FALSE, STD | PRO, FALSE },
  { "kling-v1-5",        5, 10, TRUE,  PRO,       0, TRUE, TRUE,  PRO,       TRUE },
  { "kling-v1-6",        5, 10, TRUE,  PRO,       0, TRUE, FALSE, 0,         TRUE },
  { "kling-v2-master",   5, 10, TRUE,  0,         0, TRUE, FALSE, 0,         FALSE },
  { "kling-v2-1",        5, 10, TRUE,  PRO,       0, TRUE, FALSE, 0,         TRUE },
  { "kling-v2-1-master", 5, 10, TRUE,  0,         0, TRUE, FALSE, 0,         TRUE },
  { "kling-v2-5-turbo",  5, 10, TRUE,  PRO,       0, TRUE, FALSE, 0,         FALSE },
  { "kling-v2-6",        5, 10, TRUE,  PRO,       PRO, FALSE, FALSE, 0,      FALSE },
  { "kling-v3",          3, 15, FALSE, STD | PRO, STD | PRO, TRUE, FALSE, 0, FALSE },
};

static const FakeModel *
find_model (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_strcmp0 (models[i].name, name) == 0)
      return &models[i];
  return NULL;
}

static guint
mode_bit (const char *mode)
{
  return g_strcmp0 (mode, "pro") == 0 ? PRO : STD;
}

static gboolean
duration_allowed (const FakeModel *model,
                  const char      *duration)
{
  guint64 seconds;

  if (!g_ascii_string_to_unsigned (duration, 10, 1, 60, &seconds, NULL) || duration[0] == '0')
    return FALSE;
  if (model->five_or_ten)
    return seconds == 5 || seconds == 10;
  return seconds >= model->min_s && seconds <= model->max_s;
}

gboolean
kling_fake_check_model (Validation *v)
{
  KlingFakeCreate *create = v->create;
  JsonNode *duration = kling_fake_get_member (v->body, "duration");
  const FakeModel *model;

  if (!kling_fake_get_string (v, "model_name", &create->model_name))
    return FALSE;
  if (create->model_name == NULL)
    create->model_name = "kling-v1";
  model = find_model (create->model_name);
  if (model == NULL || (model->retired && v->self->refuse_retired))
    return kling_fake_fail (v, "model_name is invalid");

  if (!kling_fake_get_string (v, "mode", &create->mode))
    return FALSE;
  if (create->mode == NULL)
    create->mode = "std";
  if (g_strcmp0 (create->mode, "std") != 0 && g_strcmp0 (create->mode, "pro") != 0)
    return kling_fake_fail (v, "mode is invalid, it must be \"std\" or \"pro\"");

  /* The seed script's integer duration is refused. */
  if (duration != NULL && !kling_fake_node_is_type (duration, G_TYPE_STRING))
    return kling_fake_fail (v, "duration must be a string: \"5\" or \"10\"");
  create->duration = duration != NULL ? json_node_get_string (duration) : "5";
  if (!duration_allowed (model, create->duration))
    return kling_fake_fail (v, model->five_or_ten
                               ? "duration is invalid, it must be \"5\" or \"10\""
                               : "duration is invalid, it must be a whole number from \"3\" to \"15\"");
  return TRUE;
}

/* "on" or "off"; "on" only where the model makes sound, and on kling-v2-6
 * not with an end frame. */
gboolean
kling_fake_check_sound (Validation *v)
{
  const FakeModel *model = find_model (v->create->model_name);
  const char *sound;

  if (!kling_fake_get_string (v, "sound", &sound))
    return FALSE;
  if (sound == NULL)
    return TRUE;
  if (g_strcmp0 (sound, "on") != 0 && g_strcmp0 (sound, "off") != 0)
    return kling_fake_fail (v, "sound is invalid, it must be \"on\" or \"off\"");
  if (g_strcmp0 (sound, "off") == 0)
    return TRUE;
  if ((model->sound & mode_bit (v->create->mode)) == 0)
    return kling_fake_fail (v, "sound is not supported by model_name %s with mode %s",
                            model->name, v->create->mode);
  if (!model->end_frame_with_sound && kling_fake_get_member (v->body, "image_tail") != NULL)
    return kling_fake_fail (v, "image_tail and sound \"on\" cannot be used together with model_name %s",
                            model->name);
  return TRUE;
}

/* The control in use (one at most, checked before) against the model. */
gboolean
kling_fake_check_control_support (Validation *v,
                                  gboolean    tail,
                                  gboolean    brush,
                                  gboolean    camera)
{
  const KlingFakeCreate *c = v->create;
  const FakeModel *model = find_model (c->model_name);
  gboolean five = g_strcmp0 (c->duration, "5") == 0;

  if (brush && (!five || (model->brush & mode_bit (c->mode)) == 0))
    return kling_fake_fail (v, "motion brush (static_mask, dynamic_masks) is not supported by "
                               "model_name %s with mode %s and duration %s",
                            c->model_name, c->mode, c->duration);
  if (tail && (model->end_frame & mode_bit (c->mode)) == 0)
    return kling_fake_fail (v, "image_tail is not supported by model_name %s with mode %s",
                            c->model_name, c->mode);
  if (camera && !(model->camera && five && mode_bit (c->mode) == PRO))
    return kling_fake_fail (v, "camera_control is not supported by model_name %s with mode %s "
                               "and duration %s", c->model_name, c->mode, c->duration);
  return TRUE;
}
