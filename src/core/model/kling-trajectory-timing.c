/* kling-trajectory-timing.c — when a region is where along its path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kling takes a trajectory as a bare list of points, with no times. It reads
 * them as evenly spaced in time over the clip: with n points, point k is
 * where the region is at k/(n − 1) of the duration, and it travels in a
 * straight line between them. So the timing of a path is sent by where the
 * points fall: kling_trajectory_sample_in_time() places them at equal steps
 * of time along the drawn path (dense where the region is slow, repeated
 * while it holds), and kling_motion_position_at() (src/core/motion) reads
 * such a list back the way Kling does. The preview, the ticks on the canvas
 * and the player's "asked" marker all go through these two, so what the
 * artist sees is what the server is asked for. Keep that assumption there
 * and here, nowhere else.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-trajectory.h"

static const char * const timing_names[KLING_TIMING_N_TIMINGS] = {
  "constant", "ease-in", "ease-out", "ease-in-out", "hold-start", "hold-end",
};

const char *
kling_timing_to_string (KlingTiming timing)
{
  g_return_val_if_fail (timing < KLING_TIMING_N_TIMINGS, timing_names[0]);

  return timing_names[timing];
}

gboolean
kling_timing_from_string (const char  *text,
                          KlingTiming *out_timing)
{
  for (guint i = 0; text != NULL && i < KLING_TIMING_N_TIMINGS; i++)
    if (g_str_equal (text, timing_names[i]))
      {
        *out_timing = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * kling_timing_progress:
 * @t: the time, 0 at the start of the clip and 1 at its end
 *
 * Returns: how far along the path (by length, 0 to 1) the region is at @t
 */
double
kling_timing_progress (KlingTiming timing,
                       double      t)
{
  const double hold = KLING_TIMING_HOLD_FRACTION;

  t = CLAMP (t, 0.0, 1.0);
  switch (timing)
    {
    case KLING_TIMING_EASE_IN:
      return t * t;
    case KLING_TIMING_EASE_OUT:
      return 1 - (1 - t) * (1 - t);
    case KLING_TIMING_EASE_IN_OUT:
      return t * t * (3 - 2 * t);
    case KLING_TIMING_HOLD_START:
      return t <= hold ? 0 : (t - hold) / (1 - hold);
    case KLING_TIMING_HOLD_END:
      return t >= 1 - hold ? 1 : t / (1 - hold);
    case KLING_TIMING_CONSTANT:
    case KLING_TIMING_N_TIMINGS:
    default:
      return t;
    }
}

/* The point at @distance along the polyline, @lengths[i] being the length
 * up to point i; *@segment is where the search starts and is left at the
 * segment found, so increasing distances cost one pass in all. */
static KlingPoint
point_at_distance (const KlingPoint *points,
                   const double     *lengths,
                   guint             n,
                   double            distance,
                   guint            *segment)
{
  guint i = *segment;
  double span, f;

  while (i + 2 < n && lengths[i + 1] < distance)
    i++;
  *segment = i;
  span = lengths[i + 1] - lengths[i];
  f = span > 0 ? CLAMP ((distance - lengths[i]) / span, 0.0, 1.0) : 0.0;
  return (KlingPoint) { points[i].x + f * (points[i + 1].x - points[i].x),
                        points[i].y + f * (points[i + 1].y - points[i].y) };
}

/* Whether the drawn points already are what constant speed sends: at most
 * @max_points, every step as long as the others (within a pixel or 2 %). */
static gboolean
is_evenly_spaced (const KlingPoint *points,
                  const double     *lengths,
                  guint             n,
                  guint             max_points)
{
  double step;

  if (n > max_points)
    return FALSE;
  step = lengths[n - 1] / (n - 1);
  for (guint i = 1; i < n; i++)
    if (fabs (lengths[i] - lengths[i - 1] - step) > MAX (1.0, step * 0.02))
      return FALSE;
  return TRUE;
}

/**
 * kling_trajectory_sample_in_time:
 * @max_points: at least 2; the API's limit is %KLING_TRAJECTORY_MAX_POINTS
 *
 * The points Kling is sent for this path, before they are rounded and
 * flipped (kling_trajectory_to_api()): exactly @max_points of them at equal
 * steps of time, each where the path's timing puts the region then, so
 * they crowd where it moves slowly and repeat while it holds. A path at
 * constant speed whose points are already evenly spaced (two points, say)
 * is kept as drawn: it means the same with fewer points.
 *
 * Returns: (transfer full) (element-type KlingPoint): image pixels,
 *   top-left origin; empty or one point when the path has no more
 */
GArray *
kling_trajectory_sample_in_time (const KlingTrajectory *self,
                                 guint                  max_points)
{
  guint n = kling_trajectory_get_n_points (self);
  KlingTiming timing = kling_trajectory_get_timing (self);
  g_autofree KlingPoint *points = g_new (KlingPoint, MAX (n, 1));
  g_autofree double *lengths = g_new0 (double, MAX (n, 1));
  GArray *samples;
  guint segment = 0;

  max_points = MAX (max_points, KLING_TRAJECTORY_MIN_POINTS);
  for (guint i = 0; i < n; i++)
    {
      points[i] = kling_trajectory_get_point (self, i);
      if (i > 0)
        lengths[i] = lengths[i - 1] + hypot (points[i].x - points[i - 1].x,
                                             points[i].y - points[i - 1].y);
    }
  if (n < 2 || (timing == KLING_TIMING_CONSTANT && is_evenly_spaced (points, lengths, n, max_points)))
    {
      samples = g_array_sized_new (FALSE, FALSE, sizeof (KlingPoint), n);
      return g_array_append_vals (samples, points, n);
    }

  samples = g_array_sized_new (FALSE, FALSE, sizeof (KlingPoint), max_points);
  for (guint k = 0; k < max_points; k++)
    {
      double s = kling_timing_progress (timing, (double) k / (max_points - 1));
      KlingPoint p = point_at_distance (points, lengths, n, s * lengths[n - 1], &segment);

      g_array_append_val (samples, p);
    }
  /* the ends exactly as drawn, whatever the arithmetic */
  g_array_index (samples, KlingPoint, 0) = points[0];
  g_array_index (samples, KlingPoint, max_points - 1) = points[n - 1];
  return samples;
}
