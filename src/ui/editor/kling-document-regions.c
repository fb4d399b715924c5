/* kling-document-regions.c — the regions' names, colours, visibility and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-document-private.h"
#include "kling-draft-problems.h"

const KlingRegionInfo *
kling_document_get_region (KlingDocument *self,
                           int            region)
{
  g_return_val_if_fail (region >= 0 && region < KLING_N_REGIONS, NULL);
  return &kling_document_get_draft (self)->regions[region];
}

void
kling_document_get_region_rgba (KlingDocument *self,
                                int            region,
                                GdkRGBA       *rgba)
{
  const KlingRegionInfo *info = kling_document_get_region (self, region);

  if (info == NULL || info->color == NULL || !gdk_rgba_parse (rgba, info->color))
    gdk_rgba_parse (rgba, "#3584e4");
}

/* Hiding a region is a change of the composition as the user sees it: one
 * undo step, like a stroke. */
void
kling_document_set_region_visible (KlingDocument *self,
                                   int            region,
                                   gboolean       visible)
{
  KlingRegionInfo *info;
  KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  info = &kling_document_get_draft (self)->regions[region];
  if (info->visible == !!visible)
    return;
  info->visible = !!visible;

  edit = kling_edit_new (region, visible ? _("Show Region") : _("Hide Region"));
  kling_edit_set_visible (edit, info->visible);
  _kling_document_push_edit (self, edit);
  _kling_document_emit_region_changed (self, region);
}

/**
 * kling_document_begin_look_edit:
 *
 * Opens one undo step for @region's colour and opacity: every
 * kling_document_set_region_look() until kling_document_end_look_edit()
 * shows at once and is undone together (a slider dragged, colours tried
 * one after another in the chooser).
 */
void
kling_document_begin_look_edit (KlingDocument *self,
                                int            region)
{
  const KlingRegionInfo *info;
  KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  if (kling_edit_history_get_open (kling_document_get_history (self)) != NULL)
    return;
  info = kling_document_get_region (self, region);
  edit = kling_edit_new (region, _("Change Region Color"));
  kling_edit_set_look_before (edit, info->color, info->opacity);
  kling_edit_history_begin (kling_document_get_history (self), edit);
}

void
kling_document_end_look_edit (KlingDocument *self)
{
  KlingEdit *edit = kling_edit_history_get_open (kling_document_get_history (self));
  const KlingRegionInfo *info;

  if (edit == NULL || !kling_edit_has_look (edit))
    return;
  info = kling_document_get_region (self, kling_edit_get_region (edit));
  /* A look that came out the same is no step: the commit drops it. */
  kling_edit_set_look_after (edit, info->color, info->opacity);
  _kling_document_commit_edit (self);
}

/* A region's colour and opacity are how it looks, not what is sent: kept in
 * the draft, one undo step of its own unless a look edit is open for the
 * region. @color: "#rrggbb", or %NULL to keep it. */
void
kling_document_set_region_look (KlingDocument *self,
                                int            region,
                                const char    *color,
                                int            opacity)
{
  KlingEdit *open;
  KlingDraft *draft;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  draft = kling_document_get_draft (self);
  opacity = CLAMP (opacity, KLING_DRAFT_MIN_OPACITY, KLING_DRAFT_MAX_OPACITY);
  if (draft->regions[region].opacity == opacity &&
      (color == NULL || g_ascii_strcasecmp (color, draft->regions[region].color) == 0))
    return;

  open = kling_edit_history_get_open (kling_document_get_history (self));
  if (open != NULL && (!kling_edit_has_look (open) || (int) kling_edit_get_region (open) != region))
    return;
  if (open == NULL)
    kling_document_begin_look_edit (self, region);
  if (color != NULL)
    kling_draft_set_region_color (draft, region, color);
  draft->regions[region].opacity = opacity;
  _kling_document_emit_region_changed (self, region);
  if (open == NULL)
    kling_document_end_look_edit (self);
}

/* Renaming is one undo step; a name that comes out the same is none. */
void
kling_document_set_region_name (KlingDocument *self,
                                int            region,
                                const char    *name)
{
  g_autofree char *normalized = NULL;
  g_autofree char *before = NULL;
  KlingDraft *draft;
  KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  draft = kling_document_get_draft (self);
  normalized = kling_draft_normalize_region_name (region, name);
  if (g_strcmp0 (draft->regions[region].name, normalized) == 0)
    return;

  before = draft->regions[region].name != NULL ? g_strdup (draft->regions[region].name)
                                               : kling_draft_default_region_name (region);
  edit = kling_edit_new (region, _("Rename Region"));
  kling_edit_set_name (edit, before, normalized);
  kling_draft_set_region_name (draft, region, normalized);
  _kling_document_push_edit (self, edit);
  _kling_document_emit_region_changed (self, region);
}

/* Whether some region, static or dynamic, has paint. */
gboolean
kling_document_any_region_painted (KlingDocument *self)
{
  for (int region = 0; region < KLING_N_REGIONS; region++)
    {
      KlingMask *mask = kling_document_get_mask (self, region);

      if (mask != NULL && !kling_mask_is_empty (mask))
        return TRUE;
    }
  return FALSE;
}

/* Whether the composition has paint or paths: what replacing the picture
 * would lose. */
gboolean
kling_document_has_motion (KlingDocument *self)
{
  if (kling_document_any_region_painted (self))
    return TRUE;
  for (int region = 1; region < KLING_N_REGIONS; region++)
    {
      KlingTrajectory *path = kling_document_get_trajectory (self, region);

      if (path != NULL && kling_trajectory_get_n_points (path) > 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * kling_document_describe_region_problem:
 *
 * What still keeps a dynamic region from being sent, in words for the region
 * list (the draft's, kling_draft_describe_region_problem()), or %NULL when
 * it is complete or unused, or while there is no picture to paint on.
 */
char *
kling_document_describe_region_problem (KlingDocument *self,
                                        int            region)
{
  if (region == KLING_STATIC_REGION || kling_document_get_mask (self, region) == NULL)
    return NULL;
  return kling_draft_describe_region_problem (kling_document_get_draft (self), region);
}
