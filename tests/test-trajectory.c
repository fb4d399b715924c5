/* test-trajectory.c — parsing, editing and converting trajectories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "kling-error.h"
#include "kling-trajectory.h"

static void
assert_point (const KlingTrajectory *trajectory,
              guint                  index,
              double                 x,
              double                 y)
{
  KlingPoint p = kling_trajectory_get_point (trajectory, index);

  g_assert_cmpfloat_with_epsilon (p.x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.y, y, 1e-9);
}

static void
test_parse_and_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string (" 10,20; 30.5 , 40;50,60.25; ", &error);
  g_autofree char *text = NULL;
  g_autoptr(KlingTrajectory) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (kling_trajectory_get_n_points (t), ==, 3);
  assert_point (t, 0, 10, 20);
  assert_point (t, 1, 30.5, 40);
  assert_point (t, 2, 50, 60.25);

  text = kling_trajectory_to_string (t);
  g_assert_cmpstr (text, ==, "10,20;30.5,40;50,60.25");
  again = kling_trajectory_new_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (kling_trajectory_equal (t, again));
}

static void
test_parse_errors (void)
{
  const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "Trajectory: no points given; write them as x,y;x,y;…" },
    { " ; ", "Trajectory: no points given; write them as x,y;x,y;…" },
    { "10,20;30", "Trajectory point 2 (“30”) is not x,y in pixels, such as 120,340" },
    { "10,20;30,abc;5,5", "Trajectory point 2 (“30,abc”) is not x,y in pixels, such as 120,340" },
    { "1,2,3", "Trajectory point 1 (“1,2,3”) is not x,y in pixels, such as 120,340" },
    { "1,2;nan,4", "Trajectory point 2 (“nan,4”) is not x,y in pixels, such as 120,340" },
    { "1,2;3,inf", "Trajectory point 2 (“3,inf”) is not x,y in pixels, such as 120,340" },
    { "1, ;3,4", "Trajectory point 1 (“1,”) is not x,y in pixels, such as 120,340" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string (cases[i].text, &error);

      g_assert_null (t);
      g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_editing (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new ();
  g_autoptr(KlingTrajectory) copy = NULL;

  kling_trajectory_append (t, 0, 0);
  kling_trajectory_append (t, 100, 0);
  kling_trajectory_insert (t, 1, 50, 10);
  kling_trajectory_insert (t, 3, 100, 100);
  assert_point (t, 1, 50, 10);
  assert_point (t, 3, 100, 100);
  kling_trajectory_move (t, 1, 50, -10);
  assert_point (t, 1, 50, -10);
  copy = kling_trajectory_copy (t);
  kling_trajectory_remove (t, 0);
  g_assert_cmpuint (kling_trajectory_get_n_points (t), ==, 3);
  assert_point (t, 0, 50, -10);
  g_assert_cmpuint (kling_trajectory_get_n_points (copy), ==, 4);
  g_assert_false (kling_trajectory_equal (t, copy));
  kling_trajectory_clear (t);
  g_assert_cmpuint (kling_trajectory_get_n_points (t), ==, 0);
  g_assert_cmpfloat (kling_trajectory_get_length (t), ==, 0);
}

/* Two points are always evenly spaced: each pair is sent as drawn. */
static void
assert_api_pair (const char *text,
                 int         x0,
                 int         y0,
                 int         x1,
                 int         y1)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string (text, NULL);
  g_autoptr(GArray) api = kling_trajectory_to_api (t, 640, 480);

  g_assert_cmpuint (api->len, ==, 2);
  g_assert_cmpint (g_array_index (api, KlingApiPoint, 0).x, ==, x0);
  g_assert_cmpint (g_array_index (api, KlingApiPoint, 0).y, ==, y0);
  g_assert_cmpint (g_array_index (api, KlingApiPoint, 1).x, ==, x1);
  g_assert_cmpint (g_array_index (api, KlingApiPoint, 1).y, ==, y1);
}

static void
test_to_api_flip_and_clamp (void)
{
  /* corners: top-left → y = h − 1, bottom-right → y = 0 */
  assert_api_pair ("0,0;639,479", 0, 479, 639, 0);
  /* rounded (100, 201 → 479 − 201), and clamped to the bottom-left corner */
  assert_api_pair ("100.4,200.6;-50,900", 100, 278, 0, 0);
  /* clamped to the top-right corner; 100.2,200.5 rounds like 100.4,200.6 */
  assert_api_pair ("700,-3;100.2,200.5", 639, 479, 100, 278);
}

static void
test_to_api_duplicates (void)
{
  g_autoptr(KlingTrajectory) still = kling_trajectory_new ();
  g_autoptr(KlingTrajectory) held = kling_trajectory_new_from_string ("10,10;90,10", NULL);
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) api = NULL;
  guint repeated = 0;

  /* every point on one pixel: one API point, which the request refuses */
  kling_trajectory_append (still, 5, 5);
  kling_trajectory_append (still, 5.3, 4.8);
  one = kling_trajectory_to_api (still, 100, 100);
  g_assert_cmpuint (one->len, ==, 1);

  /* a hold is repeated points, which are kept: they are its time */
  kling_trajectory_set_timing (held, KLING_TIMING_HOLD_START);
  api = kling_trajectory_to_api (held, 100, 100);
  g_assert_cmpuint (api->len, ==, KLING_TRAJECTORY_MAX_POINTS);
  while (repeated < api->len && g_array_index (api, KlingApiPoint, repeated).x == 10)
    repeated++;
  /* a fifth of 76 steps, and the step that leaves */
  g_assert_cmpuint (repeated, ==, 16);
  g_assert_cmpint (g_array_index (api, KlingApiPoint, api->len - 1).x, ==, 90);
}

static void
test_resample (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new ();
  g_autoptr(KlingTrajectory) short_one = kling_trajectory_new ();
  g_autoptr(GArray) api = NULL;
  double length, step;
  guint n;

  /* 100 points on a quarter circle of radius 500, unevenly spaced */
  for (guint i = 0; i < 100; i++)
    {
      double a = G_PI / 2 * pow (i / 99.0, 2);

      kling_trajectory_append (t, 600 + 500 * cos (a), 600 - 500 * sin (a));
    }
  length = kling_trajectory_get_length (t);

  api = kling_trajectory_to_api (t, 1200, 1200);
  g_assert_cmpuint (api->len, <=, KLING_TRAJECTORY_MAX_POINTS);
  g_assert_cmpuint (api->len, >=, 70);

  kling_trajectory_resample (t, KLING_TRAJECTORY_MAX_POINTS);
  n = kling_trajectory_get_n_points (t);
  g_assert_cmpuint (n, ==, KLING_TRAJECTORY_MAX_POINTS);
  assert_point (t, 0, 1100, 600);
  assert_point (t, n - 1, 600 + 500 * cos (G_PI / 2), 100);
  /* evenly spaced along the arc: chords of equal arcs, within 1 % */
  step = length / (n - 1);
  for (guint i = 1; i < n; i++)
    {
      KlingPoint a = kling_trajectory_get_point (t, i - 1);
      KlingPoint b = kling_trajectory_get_point (t, i);

      g_assert_cmpfloat (fabs (hypot (b.x - a.x, b.y - a.y) - step), <, step * 0.01);
    }

  /* no-op when already short enough */
  kling_trajectory_append (short_one, 1, 2);
  kling_trajectory_append (short_one, 3, 4);
  kling_trajectory_resample (short_one, 77);
  g_assert_cmpuint (kling_trajectory_get_n_points (short_one), ==, 2);
}

static void
test_simplify (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new ();

  /* a wobbly line along x, then a sharp corner going down */
  for (guint i = 0; i <= 100; i++)
    kling_trajectory_append (t, i, (i % 2) * 0.5);
  for (guint i = 1; i <= 100; i++)
    kling_trajectory_append (t, 100, i);

  kling_trajectory_simplify (t, 1.0);
  g_assert_cmpuint (kling_trajectory_get_n_points (t), ==, 3);
  assert_point (t, 0, 0, 0);
  assert_point (t, 1, 100, 0);
  assert_point (t, 2, 100, 100);

  /* a tolerance below the wobble keeps it */
  kling_trajectory_clear (t);
  for (guint i = 0; i <= 10; i++)
    kling_trajectory_append (t, i * 10, (i % 2) * 5);
  kling_trajectory_simplify (t, 1.0);
  g_assert_cmpuint (kling_trajectory_get_n_points (t), ==, 11);
}

static void
test_smooth (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new ();
  guint n;

  kling_trajectory_append (t, 0, 0);
  kling_trajectory_append (t, 100, 0);
  kling_trajectory_append (t, 100, 100);

  kling_trajectory_smooth (t, 1);
  n = kling_trajectory_get_n_points (t);
  g_assert_cmpuint (n, ==, 4);
  assert_point (t, 0, 0, 0);          /* ends kept */
  assert_point (t, 1, 75, 0);         /* the corner is cut */
  assert_point (t, 2, 100, 25);
  assert_point (t, n - 1, 100, 100);

  kling_trajectory_smooth (t, 3);
  n = kling_trajectory_get_n_points (t);
  g_assert_cmpuint (n, >, 10);
  assert_point (t, 0, 0, 0);
  assert_point (t, n - 1, 100, 100);
  /* nothing passes through the old corner any more */
  g_assert_cmpint (kling_trajectory_find_nearest_point (t, 100, 0, 10), ==, -1);
}

static void
test_nearest (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string ("0,0;100,0;100,100", NULL);

  g_assert_cmpint (kling_trajectory_find_nearest_point (t, 98, 3, 8), ==, 1);
  g_assert_cmpint (kling_trajectory_find_nearest_point (t, 50, 3, 8), ==, -1);
  g_assert_cmpint (kling_trajectory_find_nearest_point (t, 100, 95, 8), ==, 2);

  g_assert_cmpint (kling_trajectory_find_nearest_segment (t, 50, 3, 8), ==, 0);
  g_assert_cmpint (kling_trajectory_find_nearest_segment (t, 104, 60, 8), ==, 1);
  g_assert_cmpint (kling_trajectory_find_nearest_segment (t, 50, 50, 8), ==, -1);
  /* beyond the end of a segment counts the distance to its end */
  g_assert_cmpint (kling_trajectory_find_nearest_segment (t, -20, 0, 8), ==, -1);
}

/* Distance between sent points k and k + 1 */
static double
step_at (GArray *points,
         guint   k)
{
  KlingPoint a = g_array_index (points, KlingPoint, k);
  KlingPoint b = g_array_index (points, KlingPoint, k + 1);

  return hypot (b.x - a.x, b.y - a.y);
}

static void
test_timing_names (void)
{
  KlingTiming timing = KLING_TIMING_CONSTANT;

  for (guint i = 0; i < KLING_TIMING_N_TIMINGS; i++)
    {
      g_assert_true (kling_timing_from_string (kling_timing_to_string (i), &timing));
      g_assert_cmpint (timing, ==, i);
      /* every timing starts at the start and ends at the end */
      g_assert_cmpfloat (kling_timing_progress (i, 0), ==, 0);
      g_assert_cmpfloat (kling_timing_progress (i, 1), ==, 1);
    }
  g_assert_cmpstr (kling_timing_to_string (KLING_TIMING_EASE_IN_OUT), ==, "ease-in-out");
  g_assert_false (kling_timing_from_string ("bounce", &timing));
  g_assert_false (kling_timing_from_string (NULL, &timing));
  g_assert_cmpfloat (kling_timing_progress (KLING_TIMING_HOLD_END, 0.9), ==, 1);
  g_assert_cmpfloat (kling_timing_progress (KLING_TIMING_HOLD_START, 0.1), ==, 0);
}

static void
test_timing_copy_and_equal (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string ("0,0;100,0", NULL);
  g_autoptr(KlingTrajectory) copy = NULL;

  g_assert_cmpint (kling_trajectory_get_timing (t), ==, KLING_TIMING_CONSTANT);
  kling_trajectory_set_timing (t, KLING_TIMING_EASE_OUT);
  copy = kling_trajectory_copy (t);
  g_assert_cmpint (kling_trajectory_get_timing (copy), ==, KLING_TIMING_EASE_OUT);
  g_assert_true (kling_trajectory_equal (t, copy));
  /* a timing change alone is a change (an undo step) */
  kling_trajectory_set_timing (copy, KLING_TIMING_CONSTANT);
  g_assert_false (kling_trajectory_equal (t, copy));
  /* and it outlives redrawing the points */
  kling_trajectory_clear (t);
  kling_trajectory_append (t, 5, 5);
  g_assert_cmpint (kling_trajectory_get_timing (t), ==, KLING_TIMING_EASE_OUT);
}

static void
test_sample_constant_speed (void)
{
  /* three points, a short step then a long one: at constant speed the
   * region must not cross the short one slowly */
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string ("0,0;10,0;310,0", NULL);
  g_autoptr(GArray) sent = kling_trajectory_sample_in_time (t, KLING_TRAJECTORY_MAX_POINTS);

  g_assert_cmpuint (sent->len, ==, KLING_TRAJECTORY_MAX_POINTS);
  for (guint k = 0; k + 1 < sent->len; k++)
    g_assert_cmpfloat_with_epsilon (step_at (sent, k), 310.0 / 76, 1e-9);
  /* halfway through the clip (point 38 of 0…76), halfway along */
  g_assert_cmpfloat_with_epsilon (g_array_index (sent, KlingPoint, 38).x, 155, 1e-9);
  g_assert_cmpfloat (g_array_index (sent, KlingPoint, 76).x, ==, 310);
}

static void
test_sample_eased (void)
{
  g_autoptr(KlingTrajectory) t = kling_trajectory_new_from_string ("0,0;300,0;300,300", NULL);
  g_autoptr(GArray) in = NULL;
  g_autoptr(GArray) out = NULL;
  g_autoptr(GArray) both = NULL;
  guint last = KLING_TRAJECTORY_MAX_POINTS - 2;

  kling_trajectory_set_timing (t, KLING_TIMING_EASE_IN);
  in = kling_trajectory_sample_in_time (t, KLING_TRAJECTORY_MAX_POINTS);
  kling_trajectory_set_timing (t, KLING_TIMING_EASE_OUT);
  out = kling_trajectory_sample_in_time (t, KLING_TRAJECTORY_MAX_POINTS);
  kling_trajectory_set_timing (t, KLING_TIMING_EASE_IN_OUT);
  both = kling_trajectory_sample_in_time (t, KLING_TRAJECTORY_MAX_POINTS);

  g_assert_cmpuint (in->len, ==, KLING_TRAJECTORY_MAX_POINTS);
  /* slow where the points crowd: at the start for ease in, at the end for
   * ease out, at both for ease in-out */
  g_assert_cmpfloat (step_at (in, 0) * 10, <, step_at (in, last));
  g_assert_cmpfloat (step_at (out, last) * 10, <, step_at (out, 0));
  g_assert_cmpfloat (step_at (both, 0) * 10, <, step_at (both, 38));
  g_assert_cmpfloat (step_at (both, last) * 10, <, step_at (both, 38));
  /* ends exactly as drawn */
  g_assert_cmpfloat (g_array_index (in, KlingPoint, last + 1).y, ==, 300);
  g_assert_cmpfloat (g_array_index (out, KlingPoint, 0).x, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trajectory/parse-and-format", test_parse_and_format);
  g_test_add_func ("/trajectory/parse-errors", test_parse_errors);
  g_test_add_func ("/trajectory/editing", test_editing);
  g_test_add_func ("/trajectory/to-api-flip-and-clamp", test_to_api_flip_and_clamp);
  g_test_add_func ("/trajectory/to-api-duplicates", test_to_api_duplicates);
  g_test_add_func ("/trajectory/resample", test_resample);
  g_test_add_func ("/trajectory/timing/names", test_timing_names);
  g_test_add_func ("/trajectory/timing/copy-and-equal", test_timing_copy_and_equal);
  g_test_add_func ("/trajectory/timing/constant-speed", test_sample_constant_speed);
  g_test_add_func ("/trajectory/timing/eased", test_sample_eased);
  g_test_add_func ("/trajectory/simplify", test_simplify);
  g_test_add_func ("/trajectory/smooth", test_smooth);
  g_test_add_func ("/trajectory/nearest", test_nearest);

  return g_test_run ();
}
