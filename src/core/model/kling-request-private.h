/* kling-request-private.h — what the request's three files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-request.h"

G_BEGIN_DECLS

typedef struct {
  KlingMask       *mask;
  KlingTrajectory *trajectory;
} KlingDynamic;

struct _KlingRequest {
  KlingImage *image;
  KlingImage *image_tail;
  char       *prompt;
  char       *negative_prompt;
  char       *model;
  char       *mode;
  char       *duration;
  gboolean    has_cfg_scale;
  double      cfg_scale;
  char       *aspect_ratio;
  char       *sound;            /* "on", "off" or NULL */
  KlingMask  *static_mask;
  GPtrArray  *dynamic;          /* of KlingDynamic */
  char       *camera_type;
  double      camera_config[KLING_CAMERA_N_AXES];
  char       *callback_url;
  char       *external_task_id;
  gboolean    allow_unknown_model;
};

extern const char * const kling_camera_types[];
extern const char * const kling_aspect_ratios[];

G_END_DECLS
