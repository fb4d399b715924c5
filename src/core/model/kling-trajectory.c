/* kling-trajectory.c — the path a dynamic brush's area should move along
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points are kept as the user drew them: doubles, image pixels, top-left
 * origin. Only kling_trajectory_to_api() turns them into what Kling takes:
 * at most 77 integer points, clamped into the image, bottom-left origin.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kling-error.h"
#include "kling-trajectory.h"

/* Smoothing doubles the points each pass; past this it stops. */
#define SMOOTH_MAX_POINTS 100000

struct _KlingTrajectory {
  GArray *points;   /* of KlingPoint */
  KlingTiming timing;
};

#define POINT(self, i) g_array_index ((self)->points, KlingPoint, (i))

KlingTrajectory *
kling_trajectory_new (void)
{
  KlingTrajectory *self = g_new0 (KlingTrajectory, 1);

  self->points = g_array_new (FALSE, FALSE, sizeof (KlingPoint));
  return self;
}

KlingTrajectory *
kling_trajectory_copy (const KlingTrajectory *self)
{
  KlingTrajectory *copy = kling_trajectory_new ();

  g_array_append_vals (copy->points, self->points->data, self->points->len);
  copy->timing = self->timing;
  return copy;
}

void
kling_trajectory_free (KlingTrajectory *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->points);
  g_free (self);
}

guint
kling_trajectory_get_n_points (const KlingTrajectory *self)
{
  return self->points->len;
}

KlingPoint
kling_trajectory_get_point (const KlingTrajectory *self,
                            guint                  index)
{
  static const KlingPoint none = { 0, 0 };

  g_return_val_if_fail (index < self->points->len, none);

  return POINT (self, index);
}

void
kling_trajectory_append (KlingTrajectory *self,
                         double           x,
                         double           y)
{
  KlingPoint p = { x, y };

  g_array_append_val (self->points, p);
}

/**
 * kling_trajectory_insert:
 * @index: 0 to the number of points (appends)
 */
void
kling_trajectory_insert (KlingTrajectory *self,
                         guint            index,
                         double           x,
                         double           y)
{
  KlingPoint p = { x, y };

  g_return_if_fail (index <= self->points->len);

  g_array_insert_val (self->points, index, p);
}

void
kling_trajectory_remove (KlingTrajectory *self,
                         guint            index)
{
  g_return_if_fail (index < self->points->len);

  g_array_remove_index (self->points, index);
}

void
kling_trajectory_move (KlingTrajectory *self,
                       guint            index,
                       double           x,
                       double           y)
{
  g_return_if_fail (index < self->points->len);

  POINT (self, index) = (KlingPoint) { x, y };
}

void
kling_trajectory_clear (KlingTrajectory *self)
{
  g_array_set_size (self->points, 0);
}

/* Timing is the path's: it survives clearing and redrawing the points. */
void
kling_trajectory_set_timing (KlingTrajectory *self,
                             KlingTiming      timing)
{
  g_return_if_fail (timing < KLING_TIMING_N_TIMINGS);

  self->timing = timing;
}

KlingTiming
kling_trajectory_get_timing (const KlingTrajectory *self)
{
  return self->timing;
}

gboolean
kling_trajectory_equal (const KlingTrajectory *a,
                        const KlingTrajectory *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->points->len != b->points->len || a->timing != b->timing)
    return FALSE;
  for (guint i = 0; i < a->points->len; i++)
    if (POINT (a, i).x != POINT (b, i).x || POINT (a, i).y != POINT (b, i).y)
      return FALSE;
  return TRUE;
}

/* A plain decimal number, as kling_trajectory_to_string() writes them:
 * [-+]digits[.digits]. g_ascii_strtod() alone would also take "1e2",
 * "0x10", "inf" and "nan". */
static gboolean
is_plain_number (const char *text)
{
  const char *c = text;
  gboolean digits = FALSE;

  if (*c == '-' || *c == '+')
    c++;
  for (; g_ascii_isdigit (*c); c++)
    digits = TRUE;
  if (*c == '.')
    for (c++; g_ascii_isdigit (*c); c++)
      digits = TRUE;
  return digits && *c == '\0';
}

static gboolean
parse_coordinate (const char *text,
                  double     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (!is_plain_number (trimmed))
    return FALSE;
  *out = g_ascii_strtod (trimmed, NULL);
  return isfinite (*out);
}

/**
 * kling_trajectory_new_from_string:
 * @text: "x,y;x,y;…" in image pixels, top-left origin (as an image editor
 *   shows them); spaces and a trailing ";" are allowed
 *
 * Returns: (transfer full) (nullable): the trajectory, or %NULL with
 *   %KLING_ERROR_INVALID_INPUT naming the bad point
 */
KlingTrajectory *
kling_trajectory_new_from_string (const char  *text,
                                  GError     **error)
{
  g_autoptr(KlingTrajectory) self = kling_trajectory_new ();
  g_auto(GStrv) items = NULL;
  guint number = 0;
  gboolean gap = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  items = g_strsplit (text, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      double x, y;

      g_strstrip (items[i]);
      if (*items[i] == '\0')
        {
          gap = TRUE;
          continue;
        }
      number++;

      /* Only a trailing ";" may be empty: ";;" between points most likely
       * lost one. */
      if (gap)
        {
          g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("Trajectory point %u is empty (“;;”): write the points as x,y;x,y;…"),
                       number);
          return NULL;
        }

      parts = g_strsplit (items[i], ",", -1);
      if (g_strv_length (parts) != 2 ||
          !parse_coordinate (parts[0], &x) || !parse_coordinate (parts[1], &y))
        {
          g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("Trajectory point %u (“%s”) is not x,y in pixels, such as 120,340"),
                       number, items[i]);
          return NULL;
        }
      kling_trajectory_append (self, x, y);
    }

  if (number == 0)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("Trajectory: no points given; write them as x,y;x,y;…"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Shortest of "%.2f": "120", "120.5", "120.25". */
static void
append_coordinate (GString *text,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  length = strlen (buffer);
  while (length > 0 && buffer[length - 1] == '0')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '.')
    buffer[--length] = '\0';
  g_string_append (text, strcmp (buffer, "-0") == 0 ? "0" : buffer);
}

/**
 * kling_trajectory_to_string:
 *
 * Returns: (transfer full): the points as "x,y;x,y" (what
 *   kling_trajectory_new_from_string() reads), at most two decimals
 */
char *
kling_trajectory_to_string (const KlingTrajectory *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->points->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ';');
      append_coordinate (text, POINT (self, i).x);
      g_string_append_c (text, ',');
      append_coordinate (text, POINT (self, i).y);
    }
  return g_string_free (text, FALSE);
}

static double
distance_to_segment (KlingPoint p,
                     KlingPoint a,
                     KlingPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double length2 = dx * dx + dy * dy;
  double t;

  if (length2 == 0)
    return hypot (p.x - a.x, p.y - a.y);
  t = CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0);
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * kling_trajectory_simplify:
 * @tolerance: in pixels
 *
 * Ramer–Douglas–Peucker: drops the points of a freehand stroke that lie
 * within @tolerance of the line through their neighbours. The ends stay.
 */
void
kling_trajectory_simplify (KlingTrajectory *self,
                           double           tolerance)
{
  guint n = self->points->len;
  g_autofree gboolean *keep = NULL;
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GArray) kept = NULL;
  guint zero = 0, end = n - 1;

  if (n < 3 || !(tolerance > 0))
    return;

  keep = g_new0 (gboolean, n);
  keep[0] = keep[n - 1] = TRUE;
  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (stack, zero);
  g_array_append_val (stack, end);

  /* an explicit stack: a long stroke must not recurse deeply */
  while (stack->len > 0)
    {
      guint last = g_array_index (stack, guint, stack->len - 1);
      guint first = g_array_index (stack, guint, stack->len - 2);
      guint farthest = first;
      double max_distance = 0;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = first + 1; i < last; i++)
        {
          double d = distance_to_segment (POINT (self, i), POINT (self, first), POINT (self, last));

          if (d > max_distance)
            {
              max_distance = d;
              farthest = i;
            }
        }
      if (max_distance > tolerance)
        {
          keep[farthest] = TRUE;
          g_array_append_val (stack, first);
          g_array_append_val (stack, farthest);
          g_array_append_val (stack, farthest);
          g_array_append_val (stack, last);
        }
    }

  kept = g_array_new (FALSE, FALSE, sizeof (KlingPoint));
  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_val (kept, POINT (self, i));
  g_array_unref (self->points);
  self->points = g_steal_pointer (&kept);
}

/**
 * kling_trajectory_smooth:
 *
 * Chaikin corner cutting, @iterations times; the first and last points stay
 * where they are. Each pass about doubles the points (resample afterwards).
 */
void
kling_trajectory_smooth (KlingTrajectory *self,
                         guint            iterations)
{
  for (guint it = 0; it < iterations; it++)
    {
      guint n = self->points->len;
      GArray *smooth;

      if (n < 3 || 2 * n > SMOOTH_MAX_POINTS)
        return;

      smooth = g_array_sized_new (FALSE, FALSE, sizeof (KlingPoint), 2 * n);
      g_array_append_val (smooth, POINT (self, 0));
      for (guint i = 0; i + 1 < n; i++)
        {
          KlingPoint a = POINT (self, i), b = POINT (self, i + 1);
          KlingPoint q = { 0.75 * a.x + 0.25 * b.x, 0.75 * a.y + 0.25 * b.y };
          KlingPoint r = { 0.25 * a.x + 0.75 * b.x, 0.25 * a.y + 0.75 * b.y };

          /* the cut next to a kept end would only add a point on its line */
          if (i > 0)
            g_array_append_val (smooth, q);
          if (i + 2 < n)
            g_array_append_val (smooth, r);
        }
      g_array_append_val (smooth, POINT (self, n - 1));
      g_array_unref (self->points);
      self->points = smooth;
    }
}

double
kling_trajectory_get_length (const KlingTrajectory *self)
{
  double length = 0;

  for (guint i = 1; i < self->points->len; i++)
    length += hypot (POINT (self, i).x - POINT (self, i - 1).x,
                     POINT (self, i).y - POINT (self, i - 1).y);
  return length;
}

/**
 * kling_trajectory_resample:
 * @max_points: at least 2
 *
 * When there are more than @max_points points, replaces them by exactly
 * @max_points points evenly spaced along the path (by arc length), the first
 * and last kept. A path of length 0 becomes its two ends.
 */
void
kling_trajectory_resample (KlingTrajectory *self,
                           guint            max_points)
{
  guint n = self->points->len;
  double total = kling_trajectory_get_length (self);
  GArray *resampled;
  double walked = 0;   /* arc length at the start of segment i */
  guint i = 0;

  max_points = MAX (max_points, KLING_TRAJECTORY_MIN_POINTS);
  if (n <= max_points)
    return;

  resampled = g_array_sized_new (FALSE, FALSE, sizeof (KlingPoint), max_points);
  g_array_append_val (resampled, POINT (self, 0));
  for (guint k = 1; total > 0 && k + 1 < max_points; k++)
    {
      double target = total * k / (max_points - 1);
      double segment = hypot (POINT (self, i + 1).x - POINT (self, i).x,
                              POINT (self, i + 1).y - POINT (self, i).y);
      KlingPoint a, b, p;
      double t;

      while (walked + segment < target && i + 2 < n)
        {
          walked += segment;
          i++;
          segment = hypot (POINT (self, i + 1).x - POINT (self, i).x,
                           POINT (self, i + 1).y - POINT (self, i).y);
        }
      a = POINT (self, i);
      b = POINT (self, i + 1);
      t = segment > 0 ? CLAMP ((target - walked) / segment, 0.0, 1.0) : 0.0;
      p = (KlingPoint) { a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) };
      g_array_append_val (resampled, p);
    }
  g_array_append_val (resampled, POINT (self, n - 1));

  g_array_unref (self->points);
  self->points = resampled;
}

/**
 * kling_trajectory_find_nearest_point:
 *
 * Returns: the index of the point nearest to (@x, @y) if it is within
 *   @max_distance, else -1
 */
int
kling_trajectory_find_nearest_point (const KlingTrajectory *self,
                                     double                 x,
                                     double                 y,
                                     double                 max_distance)
{
  int best = -1;
  double best_distance = max_distance;

  for (guint i = 0; i < self->points->len; i++)
    {
      double d = hypot (POINT (self, i).x - x, POINT (self, i).y - y);

      if (d <= best_distance)
        {
          best = i;
          best_distance = d;
        }
    }
  return best;
}

/**
 * kling_trajectory_find_nearest_segment:
 *
 * Returns: i for the segment from point i to point i + 1 nearest to
 *   (@x, @y) if it is within @max_distance, else -1; a new point there is
 *   inserted at i + 1
 */
int
kling_trajectory_find_nearest_segment (const KlingTrajectory *self,
                                       double                 x,
                                       double                 y,
                                       double                 max_distance)
{
  KlingPoint p = { x, y };
  int best = -1;
  double best_distance = max_distance;

  for (guint i = 0; i + 1 < self->points->len; i++)
    {
      double d = distance_to_segment (p, POINT (self, i), POINT (self, i + 1));

      if (d <= best_distance)
        {
          best = i;
          best_distance = d;
        }
    }
  return best;
}

/**
 * kling_trajectory_to_api:
 *
 * The trajectory as Kling takes it: at most 77 points evenly spaced in time
 * (kling_trajectory_sample_in_time()), each rounded to a pixel, clamped into
 * the image, flipped to a bottom-left origin (y_api = @image_height - 1 - y).
 * A path kept as drawn loses consecutive duplicates; a timed one keeps them,
 * since there a repeated point is the region holding still. The result may
 * have fewer than 2 different points: the request checks.
 *
 * Returns: (transfer full) (element-type KlingApiPoint): the points
 */
GArray *
kling_trajectory_to_api (const KlingTrajectory *self,
                         int                    image_width,
                         int                    image_height)
{
  g_autoptr(GArray) sampled = kling_trajectory_sample_in_time (self, KLING_TRAJECTORY_MAX_POINTS);
  gboolean as_drawn = sampled->len == self->points->len &&
                      memcmp (sampled->data, self->points->data, sampled->len * sizeof (KlingPoint)) == 0;
  GArray *api = g_array_new (FALSE, FALSE, sizeof (KlingApiPoint));

  g_return_val_if_fail (image_width > 0 && image_height > 0, api);

  for (guint i = 0; i < sampled->len; i++)
    {
      KlingPoint p = g_array_index (sampled, KlingPoint, i);
      double x = CLAMP (round (p.x), 0, image_width - 1);
      double y = CLAMP (round (p.y), 0, image_height - 1);
      KlingApiPoint q;

      if (!isfinite (p.x) || !isfinite (p.y))
        continue;
      q = (KlingApiPoint) { (int) x, image_height - 1 - (int) y };
      if (as_drawn && api->len > 0 &&
          g_array_index (api, KlingApiPoint, api->len - 1).x == q.x &&
          g_array_index (api, KlingApiPoint, api->len - 1).y == q.y)
        continue;
      g_array_append_val (api, q);
    }
  return api;
}
