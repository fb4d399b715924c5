/* kling-draft-problems.h — what keeps a region from being sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-draft.h"

G_BEGIN_DECLS

typedef enum {
  KLING_REGION_PROBLEM_NONE,            /* complete, or not used at all */
  KLING_REGION_PROBLEM_NOT_PAINTED,     /* a trajectory, but no paint */
  KLING_REGION_PROBLEM_NO_TRAJECTORY,   /* paint, but no trajectory */
  KLING_REGION_PROBLEM_TOO_FEW_POINTS,  /* a trajectory of one point */
} KlingRegionProblem;

KlingRegionProblem kling_draft_get_region_problem      (const KlingDraft *self,
                                                        guint             region);
char              *kling_draft_describe_region_problem (const KlingDraft *self,
                                                        guint             region);
gboolean           kling_draft_check_region            (const KlingDraft *self,
                                                        guint             region,
                                                        GError          **error);

char              *kling_draft_describe_overlaps       (const KlingDraft *self);
gboolean           kling_draft_check_overlaps          (const KlingDraft *self,
                                                        GError          **error);

G_END_DECLS
