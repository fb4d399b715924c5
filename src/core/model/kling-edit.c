/* kling-edit.c — one undo step of the editor, as data
 *
 * A step may change a region's mask, its path, or both at once (Clear takes
 * both away, and one Ctrl+Z must bring both back), or the region's name,
 * visibility, or look (its colour and opacity), or the picture itself with
 * every mask and path (a crop). A mask change keeps only the tiles it touched, before and
 * after, so a stroke on a 4096-pixel image costs what the stroke covers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-edit.h"

#define TILE_BYTES (KLING_MASK_TILE_SIZE * KLING_MASK_TILE_SIZE)

typedef struct {
  int     tx, ty;
  guint8 *before;   /* NULL: the tile was empty */
  guint8 *after;
} TileChange;

/* The picture and everything on its pixel grid, as a crop leaves it. */
typedef struct {
  KlingImage      *image;
  KlingMask       *masks[KLING_DRAFT_N_REGIONS];
  KlingTrajectory *trajectories[KLING_DRAFT_N_REGIONS];
} Picture;

struct _KlingEdit
{
  guint            region;
  char            *label;
  GArray          *tiles;          /* TileChange; NULL if the mask is untouched */
  GHashTable      *saved;          /* tile key → present, while tiles are saved */
  KlingTrajectory *before;         /* NULL if the path is untouched */
  KlingTrajectory *after;
  char            *name_before;    /* NULL if the name is untouched */
  char            *name_after;
  gboolean         toggles_visibility;
  gboolean         visible_after;
  char            *color_before;   /* NULL if the look is untouched */
  char            *color_after;    /* NULL while the look came out the same */
  int              opacity_before;
  int              opacity_after;
  GPtrArray       *linked;         /* KlingEdit of other regions, made by the same gesture */
  Picture         *picture_before; /* NULL if the picture is untouched */
  Picture         *picture_after;
};

static Picture *
picture_new (const KlingDraft *draft)
{
  Picture *picture = g_new0 (Picture, 1);
  KlingImage *image = kling_request_get_image (draft->request);

  picture->image = image ? kling_image_ref (image) : NULL;
  for (int i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      picture->masks[i] = draft->masks[i] ? kling_mask_copy (draft->masks[i]) : NULL;
      picture->trajectories[i] = draft->trajectories[i] ? kling_trajectory_copy (draft->trajectories[i]) : NULL;
    }
  return picture;
}

static void
picture_free (Picture *picture)
{
  if (picture == NULL)
    return;
  g_clear_pointer (&picture->image, kling_image_unref);
  for (int i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      g_clear_pointer (&picture->masks[i], kling_mask_free);
      g_clear_pointer (&picture->trajectories[i], kling_trajectory_free);
    }
  g_free (picture);
}

/* Puts a copy of @picture in @draft: the edit keeps its own for the next undo. */
static void
picture_restore (const Picture *picture,
                 KlingDraft    *draft)
{
  kling_request_set_image (draft->request, picture->image);
  for (int i = 0; i < KLING_DRAFT_N_REGIONS; i++)
    {
      g_clear_pointer (&draft->masks[i], kling_mask_free);
      g_clear_pointer (&draft->trajectories[i], kling_trajectory_free);
      draft->masks[i] = picture->masks[i] ? kling_mask_copy (picture->masks[i]) : NULL;
      draft->trajectories[i] = picture->trajectories[i] ? kling_trajectory_copy (picture->trajectories[i]) : NULL;
    }
}

static void
clear_tile_change (gpointer data)
{
  TileChange *change = data;

  g_free (change->before);
  g_free (change->after);
}

KlingEdit *
kling_edit_new (guint       region,
                const char *label)
{
  KlingEdit *self = g_new0 (KlingEdit, 1);

  self->region = region;
  self->label = g_strdup (label);
  return self;
}

void
kling_edit_free (KlingEdit *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_clear_pointer (&self->tiles, g_array_unref);
  g_clear_pointer (&self->saved, g_hash_table_unref);
  g_clear_pointer (&self->before, kling_trajectory_free);
  g_clear_pointer (&self->after, kling_trajectory_free);
  g_free (self->name_before);
  g_free (self->name_after);
  g_free (self->color_before);
  g_free (self->color_after);
  g_clear_pointer (&self->linked, g_ptr_array_unref);
  g_clear_pointer (&self->picture_before, picture_free);
  g_clear_pointer (&self->picture_after, picture_free);
  g_free (self);
}

guint
kling_edit_get_region (const KlingEdit *self)
{
  return self->region;
}

const char *
kling_edit_get_label (const KlingEdit *self)
{
  return self->label;
}

gboolean
kling_edit_is_empty (const KlingEdit *self)
{
  return (self->tiles == NULL || self->tiles->len == 0) && self->after == NULL &&
         self->name_after == NULL && !self->toggles_visibility && self->color_after == NULL &&
         self->picture_after == NULL &&
         (self->linked == NULL || self->linked->len == 0);
}

/**
 * kling_edit_add_linked:
 * @linked: (transfer full): what the same gesture did to another region
 *
 * One undo step may change several regions (a stroke that takes its pixels
 * from the others); an empty @linked edit is dropped.
 */
void
kling_edit_add_linked (KlingEdit *self,
                       KlingEdit *linked)
{
  if (kling_edit_is_empty (linked))
    {
      kling_edit_free (linked);
      return;
    }
  if (self->linked == NULL)
    self->linked = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_edit_free);
  g_ptr_array_add (self->linked, linked);
}

guint
kling_edit_get_n_linked (const KlingEdit *self)
{
  return self->linked != NULL ? self->linked->len : 0;
}

const KlingEdit *
kling_edit_get_linked (const KlingEdit *self,
                       guint            index)
{
  g_return_val_if_fail (index < kling_edit_get_n_linked (self), NULL);
  return g_ptr_array_index (self->linked, index);
}

/* — the mask — */

static guint
tile_key (int tx,
          int ty)
{
  return ((guint) ty << 16 | (guint) tx) + 1;
}

static guint8 *
copy_tile (KlingMask *mask,
           int        tx,
           int        ty)
{
  guint8 *tile = kling_mask_get_tile (mask, tx, ty, FALSE);

  return tile ? g_memdup2 (tile, TILE_BYTES) : NULL;
}

/**
 * kling_edit_save_tiles:
 * @rect: image pixels about to change
 *
 * Saves the tiles of @mask under @rect as they are, the first time each is
 * touched during this edit.
 */
void
kling_edit_save_tiles (KlingEdit       *self,
                       KlingMask       *mask,
                       const KlingRect *rect)
{
  int tx0, ty0, tx1, ty1;

  if (rect->width <= 0 || rect->height <= 0)
    return;
  if (self->tiles == NULL)
    {
      self->tiles = g_array_new (FALSE, TRUE, sizeof (TileChange));
      g_array_set_clear_func (self->tiles, clear_tile_change);
    }
  if (self->saved == NULL)
    self->saved = g_hash_table_new (NULL, NULL);

  tx0 = MAX (rect->x, 0) / KLING_MASK_TILE_SIZE;
  ty0 = MAX (rect->y, 0) / KLING_MASK_TILE_SIZE;
  tx1 = MIN ((rect->x + rect->width - 1) / KLING_MASK_TILE_SIZE, kling_mask_get_tiles_x (mask) - 1);
  ty1 = MIN ((rect->y + rect->height - 1) / KLING_MASK_TILE_SIZE, kling_mask_get_tiles_y (mask) - 1);

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        gpointer key = GUINT_TO_POINTER (tile_key (tx, ty));
        TileChange change = { tx, ty, NULL, NULL };

        if (!g_hash_table_add (self->saved, key))
          continue;
        change.before = copy_tile (mask, tx, ty);
        g_array_append_val (self->tiles, change);
      }
}

static gboolean
tiles_equal (const guint8 *a,
             const guint8 *b)
{
  static const guint8 empty[TILE_BYTES];

  return memcmp (a ? a : empty, b ? b : empty, TILE_BYTES) == 0;
}

/**
 * kling_edit_keep_changed_tiles:
 *
 * Ends the mask part of the edit: records the saved tiles' new content and
 * forgets those that did not change.
 */
void
kling_edit_keep_changed_tiles (KlingEdit *self,
                               KlingMask *mask)
{
  guint i = 0;

  g_clear_pointer (&self->saved, g_hash_table_unref);
  if (self->tiles == NULL)
    return;
  while (i < self->tiles->len)
    {
      TileChange *change = &g_array_index (self->tiles, TileChange, i);

      change->after = copy_tile (mask, change->tx, change->ty);
      if (tiles_equal (change->before, change->after))
        g_array_remove_index_fast (self->tiles, i);
      else
        i++;
    }
}

/**
 * kling_edit_take_painted:
 * @mask: the mask this edit changed, as it is now
 * @older: another region's mask
 * @older_edit: the edit that keeps @older's tiles as they were
 *
 * Where this edit painted more, @older keeps at most what is left over
 * (255 minus this mask's coverage), so that no pixel is sent as part of
 * both: the newest stroke wins. Call after kling_edit_keep_changed_tiles().
 */
void
kling_edit_take_painted (const KlingEdit *self,
                         KlingMask       *mask,
                         KlingMask       *older,
                         KlingEdit       *older_edit)
{
  static const guint8 empty[TILE_BYTES];

  if (self->tiles == NULL)
    return;
  for (guint i = 0; i < self->tiles->len; i++)
    {
      TileChange *change = &g_array_index (self->tiles, TileChange, i);
      const guint8 *before = change->before ? change->before : empty;
      const guint8 *after = kling_mask_get_tile (mask, change->tx, change->ty, FALSE);
      KlingRect rect = { change->tx * KLING_MASK_TILE_SIZE, change->ty * KLING_MASK_TILE_SIZE,
                         KLING_MASK_TILE_SIZE, KLING_MASK_TILE_SIZE };
      guint8 *taken;

      if (after == NULL || kling_mask_get_tile (older, change->tx, change->ty, FALSE) == NULL)
        continue;
      kling_edit_save_tiles (older_edit, older, &rect);
      taken = kling_mask_get_tile (older, change->tx, change->ty, FALSE);
      for (int p = 0; p < TILE_BYTES; p++)
        if (after[p] > before[p])
          taken[p] = MIN (taken[p], 255 - after[p]);
    }
  kling_edit_keep_changed_tiles (older_edit, older);
}

/* — the path, the name, the visibility — */

void
kling_edit_set_trajectory_before (KlingEdit             *self,
                                  const KlingTrajectory *before)
{
  g_clear_pointer (&self->before, kling_trajectory_free);
  self->before = kling_trajectory_copy (before);
}

/* Returns: whether the path changed, so that the edit keeps it */
gboolean
kling_edit_set_trajectory_after (KlingEdit             *self,
                                 const KlingTrajectory *after)
{
  g_return_val_if_fail (self->before != NULL, FALSE);

  g_clear_pointer (&self->after, kling_trajectory_free);
  if (kling_trajectory_equal (self->before, after))
    return FALSE;
  self->after = kling_trajectory_copy (after);
  return TRUE;
}

void
kling_edit_set_name (KlingEdit  *self,
                     const char *before,
                     const char *after)
{
  g_free (self->name_before);
  g_free (self->name_after);
  self->name_before = g_strdup (before);
  self->name_after = g_strdup (after);
}

void
kling_edit_set_visible (KlingEdit *self,
                        gboolean   visible)
{
  self->toggles_visibility = TRUE;
  self->visible_after = !!visible;
}

/* The look before a change of colour or opacity; the change itself may
 * take many steps (a slider dragged), and is one undo step. */
void
kling_edit_set_look_before (KlingEdit  *self,
                            const char *color,
                            int         opacity)
{
  g_return_if_fail (color != NULL);

  g_free (self->color_before);
  self->color_before = g_strdup (color);
  self->opacity_before = opacity;
}

gboolean
kling_edit_has_look (const KlingEdit *self)
{
  return self->color_before != NULL;
}

/* Returns: whether the look changed, so that the edit keeps it */
gboolean
kling_edit_set_look_after (KlingEdit  *self,
                           const char *color,
                           int         opacity)
{
  g_return_val_if_fail (self->color_before != NULL, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  g_clear_pointer (&self->color_after, g_free);
  if (opacity == self->opacity_before && g_ascii_strcasecmp (color, self->color_before) == 0)
    return FALSE;
  self->color_after = g_strdup (color);
  self->opacity_after = opacity;
  return TRUE;
}

/* — the picture — */

void
kling_edit_set_picture_before (KlingEdit        *self,
                               const KlingDraft *draft)
{
  g_clear_pointer (&self->picture_before, picture_free);
  self->picture_before = picture_new (draft);
}

void
kling_edit_set_picture_after (KlingEdit        *self,
                              const KlingDraft *draft)
{
  g_return_if_fail (self->picture_before != NULL);

  g_clear_pointer (&self->picture_after, picture_free);
  self->picture_after = picture_new (draft);
}

/* — applying — */

static void
apply_tiles (const KlingEdit *self,
             KlingMask       *mask,
             gboolean         forward,
             KlingRect       *dirty)
{
  int x1 = 0, y1 = 0;

  *dirty = (KlingRect) { G_MAXINT, G_MAXINT, 0, 0 };
  for (guint i = 0; i < self->tiles->len; i++)
    {
      TileChange *change = &g_array_index (self->tiles, TileChange, i);

      kling_mask_set_tile (mask, change->tx, change->ty, forward ? change->after : change->before);
      dirty->x = MIN (dirty->x, change->tx * KLING_MASK_TILE_SIZE);
      dirty->y = MIN (dirty->y, change->ty * KLING_MASK_TILE_SIZE);
      x1 = MAX (x1, (change->tx + 1) * KLING_MASK_TILE_SIZE);
      y1 = MAX (y1, (change->ty + 1) * KLING_MASK_TILE_SIZE);
    }
  dirty->width = MIN (x1, kling_mask_get_width (mask)) - dirty->x;
  dirty->height = MIN (y1, kling_mask_get_height (mask)) - dirty->y;
}

/**
 * kling_edit_apply:
 * @forward: %TRUE to redo the edit, %FALSE to undo it
 * @mask_dirty: (out): where the mask changed, with %KLING_EDIT_CHANGES_MASK
 *
 * Puts @draft in the state after (or before) the edit, all of it before the
 * caller tells anyone, so that no one sees a half-undone Clear.
 *
 * Returns: what changed
 */
KlingEditChanges
kling_edit_apply (const KlingEdit *self,
                  KlingDraft      *draft,
                  gboolean         forward,
                  KlingRect       *mask_dirty)
{
  KlingEditChanges changes = KLING_EDIT_CHANGES_NONE;
  KlingRegionInfo *info = &draft->regions[self->region];

  if (self->picture_after != NULL)
    {
      picture_restore (forward ? self->picture_after : self->picture_before, draft);
      changes |= KLING_EDIT_CHANGES_PICTURE;
    }
  if (self->after != NULL)
    {
      kling_trajectory_free (draft->trajectories[self->region]);
      draft->trajectories[self->region] = kling_trajectory_copy (forward ? self->after : self->before);
      changes |= KLING_EDIT_CHANGES_TRAJECTORY;
    }
  if (self->tiles != NULL && self->tiles->len > 0 && draft->masks[self->region] != NULL)
    {
      apply_tiles (self, draft->masks[self->region], forward, mask_dirty);
      changes |= KLING_EDIT_CHANGES_MASK;
    }
  if (self->name_after != NULL)
    kling_draft_set_region_name (draft, self->region, forward ? self->name_after : self->name_before);
  if (self->toggles_visibility)
    info->visible = forward ? self->visible_after : !self->visible_after;
  if (self->color_after != NULL)
    {
      kling_draft_set_region_color (draft, self->region, forward ? self->color_after : self->color_before);
      info->opacity = forward ? self->opacity_after : self->opacity_before;
    }
  if (self->name_after != NULL || self->toggles_visibility || self->color_after != NULL)
    changes |= KLING_EDIT_CHANGES_REGION_INFO;
  return changes;
}
