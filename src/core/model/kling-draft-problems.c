/* kling-draft-problems.c — what keeps a region from being sent
 *
 * One judgement of a dynamic region, in two wordings: a short hint for the
 * editor's region list (it follows "n / 77 points" in a narrow side panel)
 * and a whole sentence naming the region for whoever submits the draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-draft-problems.h"
#include "kling-error.h"

/**
 * kling_draft_get_region_problem:
 * @region: a dynamic region, 1 to 6 (the static region has none)
 */
KlingRegionProblem
kling_draft_get_region_problem (const KlingDraft *self,
                                guint             region)
{
  KlingMask *mask;
  gboolean painted;
  guint n_points;

  g_return_val_if_fail (region < KLING_DRAFT_N_REGIONS, KLING_REGION_PROBLEM_NONE);
  if (region == KLING_DRAFT_STATIC_REGION)
    return KLING_REGION_PROBLEM_NONE;

  mask = self->masks[region];
  painted = mask != NULL && !kling_mask_is_empty (mask);
  n_points = self->trajectories[region] != NULL
               ? kling_trajectory_get_n_points (self->trajectories[region]) : 0;

  if (!painted && n_points == 0)
    return KLING_REGION_PROBLEM_NONE;
  if (!painted)
    return KLING_REGION_PROBLEM_NOT_PAINTED;
  if (n_points == 0)
    return KLING_REGION_PROBLEM_NO_TRAJECTORY;
  if (n_points < KLING_TRAJECTORY_MIN_POINTS)
    return KLING_REGION_PROBLEM_TOO_FEW_POINTS;
  return KLING_REGION_PROBLEM_NONE;
}

/**
 * kling_draft_describe_region_problem:
 *
 * What the artist still has to do before @region can be sent, as a short
 * hint, or %NULL when it is complete or unused.
 */
char *
kling_draft_describe_region_problem (const KlingDraft *self,
                                     guint             region)
{
  switch (kling_draft_get_region_problem (self, region))
    {
    case KLING_REGION_PROBLEM_NOT_PAINTED:
      return g_strdup (_("Paint the area that moves"));
    case KLING_REGION_PROBLEM_NO_TRAJECTORY:
      return g_strdup (_("Draw where it goes"));
    case KLING_REGION_PROBLEM_TOO_FEW_POINTS:
      return g_strdup (_("Add one more point"));
    case KLING_REGION_PROBLEM_NONE:
    default:
      return NULL;
    }
}

/**
 * kling_draft_check_region:
 *
 * Returns: %FALSE, with an error that names @region, when it cannot be sent
 */
gboolean
kling_draft_check_region (const KlingDraft  *self,
                          guint              region,
                          GError           **error)
{
  const char *name = self->regions[region].name;

  switch (kling_draft_get_region_problem (self, region))
    {
    case KLING_REGION_PROBLEM_NO_TRAJECTORY:
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s: the area is painted but has no trajectory; draw one"), name);
      return FALSE;
    case KLING_REGION_PROBLEM_NOT_PAINTED:
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s: it has a trajectory but nothing is painted"), name);
      return FALSE;
    case KLING_REGION_PROBLEM_TOO_FEW_POINTS:
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s: a trajectory needs at least %d points"),
                   name, KLING_TRAJECTORY_MIN_POINTS);
      return FALSE;
    case KLING_REGION_PROBLEM_NONE:
    default:
      return TRUE;
    }
}

/**
 * kling_draft_describe_overlaps:
 *
 * Names every pair of dynamic regions that paint the same pixels, with how
 * many: Kling would get two motions for those pixels.
 *
 * Returns: (transfer full) (nullable): one line per pair, or %NULL when the
 *   dynamic regions are apart
 */
char *
kling_draft_describe_overlaps (const KlingDraft *self)
{
  g_autoptr(GString) text = NULL;

  for (guint a = 1; a < KLING_DRAFT_N_REGIONS; a++)
    for (guint b = a + 1; b < KLING_DRAFT_N_REGIONS; b++)
      {
        guint64 pixels;
        g_autofree char *count = NULL;

        if (self->masks[a] == NULL || self->masks[b] == NULL)
          continue;
        pixels = kling_mask_count_overlap (self->masks[a], self->masks[b], NULL);
        if (pixels == 0)
          continue;
        if (text == NULL)
          text = g_string_new (NULL);
        else
          g_string_append_c (text, '\n');
        count = g_strdup_printf ("%'" G_GUINT64_FORMAT, pixels);
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s and %s overlap (%s pixel)",
                                                   "%s and %s overlap (%s pixels)", pixels),
                                self->regions[a].name, self->regions[b].name, count);
      }
  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * kling_draft_check_overlaps:
 *
 * Returns: %FALSE, with an error naming the regions, when two dynamic
 *   regions paint the same pixels
 */
gboolean
kling_draft_check_overlaps (const KlingDraft  *self,
                            GError           **error)
{
  g_autofree char *overlaps = kling_draft_describe_overlaps (self);

  if (overlaps == NULL)
    return TRUE;
  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
               _("%s: paint the shared pixels again with the region they belong to"), overlaps);
  return FALSE;
}
