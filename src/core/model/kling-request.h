/* kling-request.h — everything one image-to-video generation needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-image.h"
#include "kling-mask.h"
#include "kling-trajectory.h"
#include "kling-model-enums.h"

G_BEGIN_DECLS

#define KLING_REQUEST_MAX_DYNAMIC 6
#define KLING_REQUEST_MAX_PROMPT 2500
#define KLING_REQUEST_DEFAULT_MODEL "kling-v1"
#define KLING_REQUEST_DEFAULT_MODE "std"
#define KLING_REQUEST_DEFAULT_DURATION "5"
#define KLING_REQUEST_DEFAULT_CFG_SCALE 0.5   /* the server's, when none is sent */
#define KLING_CAMERA_CONFIG_MAX 10.0

/* Order of the six values of a "simple" camera_control config. */
typedef enum {
  KLING_CAMERA_HORIZONTAL,
  KLING_CAMERA_VERTICAL,
  KLING_CAMERA_PAN,
  KLING_CAMERA_TILT,
  KLING_CAMERA_ROLL,
  KLING_CAMERA_ZOOM,
  KLING_CAMERA_N_AXES /*< skip >*/
} KlingCameraAxis;

const char   *kling_camera_axis_to_string (KlingCameraAxis axis);

typedef struct _KlingRequest KlingRequest;

KlingRequest *kling_request_new                 (void);
KlingRequest *kling_request_copy                (const KlingRequest *self);
void          kling_request_free                (KlingRequest       *self);

void          kling_request_set_image           (KlingRequest *self,
                                                 KlingImage   *image);
KlingImage   *kling_request_get_image           (KlingRequest *self);
void          kling_request_set_image_tail      (KlingRequest *self,
                                                 KlingImage   *image);
KlingImage   *kling_request_get_image_tail      (KlingRequest *self);

void          kling_request_set_prompt          (KlingRequest *self,
                                                 const char   *prompt);
const char   *kling_request_get_prompt          (KlingRequest *self);
void          kling_request_set_negative_prompt (KlingRequest *self,
                                                 const char   *negative_prompt);
const char   *kling_request_get_negative_prompt (KlingRequest *self);
void          kling_request_set_model           (KlingRequest *self,
                                                 const char   *model);
const char   *kling_request_get_model           (KlingRequest *self);
void          kling_request_set_mode            (KlingRequest *self,
                                                 const char   *mode);
const char   *kling_request_get_mode            (KlingRequest *self);
void          kling_request_set_duration        (KlingRequest *self,
                                                 const char   *duration);
const char   *kling_request_get_duration        (KlingRequest *self);

void          kling_request_set_cfg_scale       (KlingRequest *self,
                                                 double        cfg_scale);
void          kling_request_unset_cfg_scale     (KlingRequest *self);
gboolean      kling_request_get_cfg_scale       (KlingRequest *self,
                                                 double       *out_cfg_scale);

void          kling_request_set_aspect_ratio    (KlingRequest *self,
                                                 const char   *aspect_ratio);
const char   *kling_request_get_aspect_ratio    (KlingRequest *self);
void          kling_request_set_sound           (KlingRequest *self,
                                                 const char   *sound);
const char   *kling_request_get_sound           (KlingRequest *self);

void          kling_request_set_static_mask     (KlingRequest    *self,
                                                 const KlingMask *mask);
const KlingMask *kling_request_get_static_mask  (KlingRequest    *self);

guint         kling_request_get_n_dynamic       (KlingRequest          *self);
void          kling_request_add_dynamic         (KlingRequest          *self,
                                                 const KlingMask       *mask,
                                                 const KlingTrajectory *trajectory);
const KlingMask       *kling_request_get_dynamic_mask       (KlingRequest *self,
                                                             guint         index);
const KlingTrajectory *kling_request_get_dynamic_trajectory (KlingRequest *self,
                                                             guint         index);
void          kling_request_clear_dynamic       (KlingRequest          *self);

void          kling_request_set_camera_control  (KlingRequest *self,
                                                 const char   *type,
                                                 const double  config[6]);
const char   *kling_request_get_camera_control  (KlingRequest *self,
                                                 double        out_config[6]);

void          kling_request_set_callback_url    (KlingRequest *self,
                                                 const char   *callback_url);
const char   *kling_request_get_callback_url    (KlingRequest *self);
void          kling_request_set_external_task_id (KlingRequest *self,
                                                  const char   *external_task_id);
const char   *kling_request_get_external_task_id (KlingRequest *self);
void          kling_request_regenerate_external_task_id (KlingRequest *self);

void          kling_request_set_allow_unknown_model (KlingRequest *self,
                                                     gboolean      allow);
gboolean      kling_request_is_model_unchecked  (KlingRequest *self);
gboolean      kling_request_uses_motion_brush   (KlingRequest *self);
gboolean      kling_request_validate            (KlingRequest  *self,
                                                 GError       **error);
gboolean      kling_request_validate_field      (KlingRequest  *self,
                                                 const char   **out_field,
                                                 GError       **error);
GBytes       *kling_request_build_body          (KlingRequest  *self,
                                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingRequest, kling_request_free)

G_END_DECLS
