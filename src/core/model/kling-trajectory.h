/* kling-trajectory.h — the path a dynamic brush's area should move along
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kling-trajectory-timing.h"

G_BEGIN_DECLS

/* The API takes 2 to 77 points per trajectory (kling-api.md §2). */
#define KLING_TRAJECTORY_MAX_POINTS 77
#define KLING_TRAJECTORY_MIN_POINTS 2

/* Image pixels, top-left origin, as the editor and the command line use. */
typedef struct {
  double x, y;
} KlingPoint;

/* What is sent: integer pixels, bottom-left origin. */
typedef struct {
  int x, y;
} KlingApiPoint;

typedef struct _KlingTrajectory KlingTrajectory;

KlingTrajectory *kling_trajectory_new              (void);
KlingTrajectory *kling_trajectory_copy             (const KlingTrajectory *self);
void             kling_trajectory_free             (KlingTrajectory       *self);

guint            kling_trajectory_get_n_points     (const KlingTrajectory *self);
KlingPoint       kling_trajectory_get_point        (const KlingTrajectory *self,
                                                    guint                  index);
void             kling_trajectory_append           (KlingTrajectory       *self,
                                                    double                 x,
                                                    double                 y);
void             kling_trajectory_insert           (KlingTrajectory       *self,
                                                    guint                  index,
                                                    double                 x,
                                                    double                 y);
void             kling_trajectory_remove           (KlingTrajectory       *self,
                                                    guint                  index);
void             kling_trajectory_move             (KlingTrajectory       *self,
                                                    guint                  index,
                                                    double                 x,
                                                    double                 y);
void             kling_trajectory_clear            (KlingTrajectory       *self);
gboolean         kling_trajectory_equal            (const KlingTrajectory *a,
                                                    const KlingTrajectory *b);

void             kling_trajectory_set_timing       (KlingTrajectory       *self,
                                                    KlingTiming            timing);
KlingTiming      kling_trajectory_get_timing       (const KlingTrajectory *self);

KlingTrajectory *kling_trajectory_new_from_string  (const char            *text,
                                                    GError               **error);
char            *kling_trajectory_to_string        (const KlingTrajectory *self);

void             kling_trajectory_simplify         (KlingTrajectory       *self,
                                                    double                 tolerance);
void             kling_trajectory_smooth           (KlingTrajectory       *self,
                                                    guint                  iterations);
void             kling_trajectory_resample         (KlingTrajectory       *self,
                                                    guint                  max_points);
double           kling_trajectory_get_length       (const KlingTrajectory *self);

int              kling_trajectory_find_nearest_point   (const KlingTrajectory *self,
                                                        double                 x,
                                                        double                 y,
                                                        double                 max_distance);
int              kling_trajectory_find_nearest_segment (const KlingTrajectory *self,
                                                        double                 x,
                                                        double                 y,
                                                        double                 max_distance);

/* Kling reads a trajectory's points as evenly spaced in time over the
 * clip: this writes them so (kling_motion_position_at() reads them back). */
GArray          *kling_trajectory_sample_in_time   (const KlingTrajectory *self,
                                                    guint                  max_points);

GArray          *kling_trajectory_to_api           (const KlingTrajectory *self,
                                                    int                    image_width,
                                                    int                    image_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingTrajectory, kling_trajectory_free)

G_END_DECLS
