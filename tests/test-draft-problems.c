/* test-draft-problems.c — what keeps a region from being sent, in the words
 * the region list shows and the ones a submit fails with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "kling-draft-problems.h"
#include "kling-error.h"

static void
paint (KlingDraft *draft,
       guint       region)
{
  if (draft->masks[region] == NULL)
    draft->masks[region] = kling_mask_new (400, 300);
  kling_mask_fill_rect (draft->masks[region], &(KlingRect) { 10, 10, 40, 40 }, 255);
}

static void
add_point (KlingDraft *draft,
           guint       region,
           double      x)
{
  if (draft->trajectories[region] == NULL)
    draft->trajectories[region] = kling_trajectory_new ();
  kling_trajectory_append (draft->trajectories[region], x, 100);
}

static void
assert_problem (KlingDraft         *draft,
                guint               region,
                KlingRegionProblem  problem,
                const char         *hint,
                const char         *message)
{
  g_autofree char *text = kling_draft_describe_region_problem (draft, region);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kling_draft_get_region_problem (draft, region), ==, problem);
  g_assert_cmpstr (text, ==, hint);
  g_assert_cmpint (kling_draft_check_region (draft, region, &error), ==, message == NULL);
  if (message != NULL)
    {
      g_assert_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, message);
    }
}

/* Paint first, then a path, then its second point: the hint follows the
 * artist step by step, and a submit names the region in a whole sentence. */
static void
test_problems_step_by_step (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();

  assert_problem (draft, 1, KLING_REGION_PROBLEM_NONE, NULL, NULL);
  paint (draft, 1);
  assert_problem (draft, 1, KLING_REGION_PROBLEM_NO_TRAJECTORY, "Draw where it goes",
                  "Region 1: the area is painted but has no trajectory; draw one");
  add_point (draft, 1, 50);
  assert_problem (draft, 1, KLING_REGION_PROBLEM_TOO_FEW_POINTS, "Add one more point",
                  "Region 1: a trajectory needs at least 2 points");
  add_point (draft, 1, 150);
  assert_problem (draft, 1, KLING_REGION_PROBLEM_NONE, NULL, NULL);
}

/* A path with nothing to move; the static region never has a problem. */
static void
test_problems_path_without_paint (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();

  kling_draft_set_region_name (draft, 4, "the boat");
  add_point (draft, 4, 50);
  assert_problem (draft, 4, KLING_REGION_PROBLEM_NOT_PAINTED, "Paint the area that moves",
                  "the boat: it has a trajectory but nothing is painted");
  paint (draft, KLING_DRAFT_STATIC_REGION);
  assert_problem (draft, KLING_DRAFT_STATIC_REGION, KLING_REGION_PROBLEM_NONE, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft-problems/step-by-step", test_problems_step_by_step);
  g_test_add_func ("/draft-problems/path-without-paint", test_problems_path_without_paint);
  return g_test_run ();
}
