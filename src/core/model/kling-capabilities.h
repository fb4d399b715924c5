/* kling-capabilities.h — which model takes which mode, duration and control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KlingFeature:
 *
 * The controls a (model, mode, duration) combination may or may not allow.
 * Only one of them can be used per task (kling-api.md §2).
 */
typedef enum {
  KLING_FEATURE_END_FRAME      = 1 << 0,  /* image_tail */
  KLING_FEATURE_MOTION_BRUSH   = 1 << 1,  /* static_mask / dynamic_masks */
  KLING_FEATURE_CAMERA_CONTROL = 1 << 2,  /* camera_control */
  KLING_FEATURE_SOUND          = 1 << 3,  /* sound: not one of the three controls */
} KlingFeature;

const char * const *kling_capabilities_get_models         (void);
gboolean            kling_capabilities_has_model          (const char   *model);
const char         *kling_capabilities_get_display_name   (const char   *model);

gboolean            kling_capabilities_supports_mode      (const char   *model,
                                                           const char   *mode);
gboolean            kling_capabilities_supports_duration  (const char   *model,
                                                           const char   *mode,
                                                           const char   *duration);
gboolean            kling_capabilities_supports_cfg_scale (const char   *model);
gboolean            kling_capabilities_supports_motion_brush   (const char *model,
                                                                const char *mode,
                                                                const char *duration);
gboolean            kling_capabilities_supports_end_frame      (const char *model,
                                                                const char *mode,
                                                                const char *duration);
gboolean            kling_capabilities_supports_camera_control (const char *model,
                                                                const char *mode,
                                                                const char *duration);
gboolean            kling_capabilities_supports_feature   (const char   *model,
                                                           const char   *mode,
                                                           const char   *duration,
                                                           KlingFeature  feature);

GStrv               kling_capabilities_get_modes          (const char   *model);
GStrv               kling_capabilities_get_durations      (const char   *model,
                                                           const char   *mode);
char               *kling_capabilities_describe_feature   (KlingFeature  feature);
char               *kling_capabilities_describe_durations (const char   *model,
                                                           const char   *mode);

gboolean            kling_capabilities_supports_sound     (const char   *model,
                                                           const char   *mode,
                                                           const char   *duration);
gboolean            kling_capabilities_end_frame_with_sound (const char *model);
const char * const *kling_capabilities_get_camera_types   (const char   *model);
guint               kling_capabilities_get_model_features (const char   *model);
const char         *kling_capabilities_get_end_of_life    (const char   *model);
gboolean            kling_capabilities_is_retired         (const char   *model);
char               *kling_capabilities_explain_retirement (const char   *model);
gboolean            kling_capabilities_get_units          (const char   *model,
                                                           const char   *mode,
                                                           const char   *duration,
                                                           double       *out_units);
void                kling_capabilities_nearest_combination (const char  *model,
                                                            const char  *mode,
                                                            const char  *duration,
                                                            KlingFeature wanted,
                                                            char       **out_mode,
                                                            char       **out_duration);

G_END_DECLS
