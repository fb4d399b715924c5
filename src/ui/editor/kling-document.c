/* kling-document.c — the composition being edited, with its undo history
 *
 * The document owns a KlingDraft (the image, the parameters, seven masks, six
 * trajectories and the regions' names and colours) and every change to it
 * goes through here, so that each one is a single undo step and the canvas,
 * the region list and the autosave hear about it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kling-document.h"

typedef struct {
  int     tx, ty;
  guint8 *before;   /* NULL: the tile was empty */
  guint8 *after;
} TileChange;

/* One undo step. It may change a region's mask, its path, or both at once
 * (Clear takes both away, and one Ctrl+Z must bring both back), or the
 * region's name or visibility. */
typedef struct {
  int              region;
  char            *label;
  GArray          *tiles;          /* TileChange; NULL if the mask is untouched */
  KlingTrajectory *before;         /* NULL if the path is untouched */
  KlingTrajectory *after;
  char            *name_before;    /* NULL if the name is untouched */
  char            *name_after;
  gboolean         toggles_visibility;
  gboolean         visible_after;
} Edit;

struct _KlingDocument
{
  GObject     parent_instance;

  KlingDraft *draft;
  GdkPixbuf  *pixbuf;
  GdkTexture *texture;

  GPtrArray  *undo_stack;   /* Edit, oldest first */
  GPtrArray  *redo_stack;   /* Edit, most recently undone last */
  Edit       *open_edit;
  GHashTable *open_tiles;   /* tile index → TileChange index in open_edit->tiles */
};

G_DEFINE_FINAL_TYPE (KlingDocument, kling_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  IMAGE_CHANGED,
  MASK_CHANGED,
  TRAJECTORY_CHANGED,
  REGION_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define TILE_BYTES (KLING_MASK_TILE_SIZE * KLING_MASK_TILE_SIZE)

static void
clear_tile_change (gpointer data)
{
  TileChange *change = data;

  g_free (change->before);
  g_free (change->after);
}

static void
edit_free (Edit *edit)
{
  g_free (edit->label);
  g_clear_pointer (&edit->tiles, g_array_unref);
  g_clear_pointer (&edit->before, kling_trajectory_free);
  g_clear_pointer (&edit->after, kling_trajectory_free);
  g_free (edit->name_before);
  g_free (edit->name_after);
  g_free (edit);
}

static Edit *
edit_new (int         region,
          const char *label)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->region = region;
  edit->label = g_strdup (label);
  return edit;
}

static Edit *
mask_edit_new (int         region,
               const char *label)
{
  Edit *edit = edit_new (region, label);

  edit->tiles = g_array_new (FALSE, TRUE, sizeof (TileChange));
  g_array_set_clear_func (edit->tiles, clear_tile_change);
  return edit;
}

static gboolean
edit_is_empty (Edit *edit)
{
  return (edit->tiles == NULL || edit->tiles->len == 0) && edit->after == NULL &&
         edit->name_after == NULL && !edit->toggles_visibility;
}

static void
notify_history (KlingDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
emit_changed (KlingDocument *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Something outside the document's own edits changed the draft (the
 * parameters panel writes into the request): time to autosave. */
void
kling_document_emit_changed (KlingDocument *self)
{
  g_return_if_fail (KLING_IS_DOCUMENT (self));
  emit_changed (self);
}

static void
emit_mask_changed (KlingDocument   *self,
                   int              region,
                   const KlingRect *rect)
{
  g_signal_emit (self, signals[MASK_CHANGED], 0, region,
                 rect->x, rect->y, rect->width, rect->height);
}

static void
push_edit (KlingDocument *self,
           Edit          *edit)
{
  g_ptr_array_add (self->undo_stack, edit);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self);
  emit_changed (self);
}

static void
reset_history (KlingDocument *self)
{
  g_clear_pointer (&self->open_edit, edit_free);
  g_hash_table_remove_all (self->open_tiles);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self);
}

static void
kling_document_finalize (GObject *object)
{
  KlingDocument *self = KLING_DOCUMENT (object);

  g_clear_pointer (&self->open_edit, edit_free);
  g_clear_pointer (&self->open_tiles, g_hash_table_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->draft, kling_draft_free);
  g_clear_object (&self->pixbuf);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (kling_document_parent_class)->finalize (object);
}

static void
kling_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlingDocument *self = KLING_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kling_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, kling_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_document_class_init (KlingDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kling_document_finalize;
  object_class->get_property = kling_document_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMAGE_CHANGED] =
    g_signal_new ("image-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* region, x, y, width, height (image pixels) */
  signals[MASK_CHANGED] =
    g_signal_new ("mask-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  signals[TRAJECTORY_CHANGED] =
    g_signal_new ("trajectory-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REGION_CHANGED] =
    g_signal_new ("region-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* Anything that belongs in the draft changed: time to autosave. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kling_document_init (KlingDocument *self)
{
  self->draft = kling_draft_new ();
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  self->open_tiles = g_hash_table_new (NULL, NULL);
}

KlingDocument *
kling_document_new (void)
{
  return g_object_new (KLING_TYPE_DOCUMENT, NULL);
}

/**
 * kling_document_follow:
 * @slot: where @follower keeps the document it follows
 * @document: (nullable): the document to follow from now on; %NULL to stop
 * @follower: the instance its signal handlers were connected for
 *
 * The widgets that follow a document (canvas, region list) connect their
 * handlers with themselves as data: switching documents, and dispose, must
 * drop them all from the old one before letting it go.
 *
 * Returns: %TRUE if @slot changed, so that the follower connects to
 *   @document and refreshes
 */
gboolean
kling_document_follow (KlingDocument **slot,
                       KlingDocument  *document,
                       gpointer        follower)
{
  if (*slot == document)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, follower);
  g_set_object (slot, document);
  return TRUE;
}

KlingDraft *
kling_document_get_draft (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->draft;
}

KlingRequest *
kling_document_get_request (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->draft->request;
}

static GdkPixbuf *
decode_image (KlingImage  *image,
              GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GBytes *bytes = kling_image_get_bytes (image);
  GdkPixbuf *pixbuf;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The image could not be decoded"));
      return NULL;
    }
  /* Pixels as stored, without EXIF rotation: the masks must match the
   * pixel grid the API sees (kling_image_get_width/height). */
  return g_object_ref (pixbuf);
}

static gboolean
adopt_image (KlingDocument  *self,
             KlingImage     *image,
             GError        **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (image == NULL)
    {
      g_clear_object (&self->pixbuf);
      g_clear_object (&self->texture);
      return TRUE;
    }

  pixbuf = decode_image (image, error);
  if (pixbuf == NULL)
    return FALSE;

  g_clear_object (&self->texture);
  g_set_object (&self->pixbuf, pixbuf);
  self->texture = gdk_texture_new_for_pixbuf (self->pixbuf);
  return TRUE;
}

static void
ensure_masks (KlingDocument *self)
{
  int width = kling_document_get_width (self);
  int height = kling_document_get_height (self);

  for (int i = 0; i < KLING_N_REGIONS; i++)
    {
      KlingMask *mask = self->draft->masks[i];

      if (mask != NULL &&
          (kling_mask_get_width (mask) != width || kling_mask_get_height (mask) != height))
        g_clear_pointer (&self->draft->masks[i], kling_mask_free);
      if (self->draft->masks[i] == NULL && width > 0 && height > 0)
        self->draft->masks[i] = kling_mask_new (width, height);
      if (i > 0 && self->draft->trajectories[i] == NULL)
        self->draft->trajectories[i] = kling_trajectory_new ();
    }
}

/**
 * kling_document_set_image:
 *
 * Starts a new composition on @image: the masks and trajectories are cleared
 * (they belong to the old image's pixel grid), the parameters are kept.
 */
gboolean
kling_document_set_image (KlingDocument  *self,
                          KlingImage     *image,
                          GError        **error)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), FALSE);

  if (!adopt_image (self, image, error))
    return FALSE;

  kling_request_set_image (self->draft->request, image);
  for (int i = 0; i < KLING_N_REGIONS; i++)
    {
      g_clear_pointer (&self->draft->masks[i], kling_mask_free);
      if (self->draft->trajectories[i] != NULL)
        kling_trajectory_clear (self->draft->trajectories[i]);
    }
  ensure_masks (self);
  reset_history (self);

  g_signal_emit (self, signals[IMAGE_CHANGED], 0);
  emit_changed (self);
  return TRUE;
}

/**
 * kling_document_load_draft:
 *
 * Replaces the whole composition with @draft (taking ownership).
 */
gboolean
kling_document_load_draft (KlingDocument  *self,
                           KlingDraft     *draft,
                           GError        **error)
{
  KlingImage *image;

  g_return_val_if_fail (KLING_IS_DOCUMENT (self), FALSE);

  image = kling_request_get_image (draft->request);
  if (image != NULL && kling_image_is_url (image))
    image = NULL;
  if (!adopt_image (self, image, error))
    {
      kling_draft_free (draft);
      return FALSE;
    }

  g_clear_pointer (&self->draft, kling_draft_free);
  self->draft = draft;
  ensure_masks (self);
  reset_history (self);

  g_signal_emit (self, signals[IMAGE_CHANGED], 0);
  for (int i = 0; i < KLING_N_REGIONS; i++)
    g_signal_emit (self, signals[REGION_CHANGED], 0, i);
  emit_changed (self);
  return TRUE;
}

KlingImage *
kling_document_get_image (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->texture ? kling_request_get_image (self->draft->request) : NULL;
}

GdkTexture *
kling_document_get_texture (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->texture;
}

GdkPixbuf *
kling_document_get_pixbuf (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->pixbuf;
}

int
kling_document_get_width (KlingDocument *self)
{
  return self->pixbuf ? gdk_pixbuf_get_width (self->pixbuf) : 0;
}

int
kling_document_get_height (KlingDocument *self)
{
  return self->pixbuf ? gdk_pixbuf_get_height (self->pixbuf) : 0;
}

KlingMask *
kling_document_get_mask (KlingDocument *self,
                         int            region)
{
  g_return_val_if_fail (region >= 0 && region < KLING_N_REGIONS, NULL);
  return self->draft->masks[region];
}

KlingTrajectory *
kling_document_get_trajectory (KlingDocument *self,
                               int            region)
{
  g_return_val_if_fail (region > 0 && region < KLING_N_REGIONS, NULL);
  return self->draft->trajectories[region];
}

const KlingRegionInfo *
kling_document_get_region (KlingDocument *self,
                           int            region)
{
  g_return_val_if_fail (region >= 0 && region < KLING_N_REGIONS, NULL);
  return &self->draft->regions[region];
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

static void
emit_region_changed (KlingDocument *self,
                     int            region)
{
  g_signal_emit (self, signals[REGION_CHANGED], 0, region);
}

/* Hiding a region is a change of the composition as the user sees it: one
 * undo step, like a stroke. */
void
kling_document_set_region_visible (KlingDocument *self,
                                   int            region,
                                   gboolean       visible)
{
  KlingRegionInfo *info;
  Edit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  info = &self->draft->regions[region];
  if (info->visible == !!visible)
    return;
  info->visible = !!visible;

  edit = edit_new (region, visible ? _("Show Region") : _("Hide Region"));
  edit->toggles_visibility = TRUE;
  edit->visible_after = info->visible;
  push_edit (self, edit);
  emit_region_changed (self, region);
}

/* Renaming is one undo step; a name that comes out the same is none. */
void
kling_document_set_region_name (KlingDocument *self,
                                int            region,
                                const char    *name)
{
  g_autofree char *normalized = NULL;
  KlingRegionInfo *info;
  Edit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);

  info = &self->draft->regions[region];
  normalized = kling_draft_normalize_region_name (region, name);
  if (g_strcmp0 (info->name, normalized) == 0)
    return;

  edit = edit_new (region, _("Rename Region"));
  edit->name_before = info->name != NULL ? g_strdup (info->name)
                                         : kling_draft_default_region_name (region);
  edit->name_after = g_strdup (normalized);
  kling_draft_set_region_name (self->draft, region, normalized);
  push_edit (self, edit);
  emit_region_changed (self, region);
}

/**
 * kling_document_describe_region_problem:
 *
 * What still keeps a dynamic region from being sent, in words for the region
 * list, or %NULL when it is complete or unused.
 */
/* Whether some region, static or dynamic, has paint. */
gboolean
kling_document_any_region_painted (KlingDocument *self)
{
  for (int region = 0; region < KLING_N_REGIONS; region++)
    {
      KlingMask *mask = self->draft->masks[region];

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
      KlingTrajectory *path = self->draft->trajectories[region];

      if (path != NULL && kling_trajectory_get_n_points (path) > 0)
        return TRUE;
    }
  return FALSE;
}

char *
kling_document_describe_region_problem (KlingDocument *self,
                                        int            region)
{
  KlingMask *mask = kling_document_get_mask (self, region);
  KlingTrajectory *path;
  gboolean painted;
  guint n_points;

  if (region == KLING_STATIC_REGION || mask == NULL)
    return NULL;

  path = kling_document_get_trajectory (self, region);
  painted = !kling_mask_is_empty (mask);
  n_points = path ? kling_trajectory_get_n_points (path) : 0;

  if (!painted && n_points == 0)
    return NULL;
  if (!painted)
    return g_strdup (_("Paint the area that moves"));
  /* Short: it follows "n / 77 points" in a narrow side panel. */
  if (n_points == 0)
    return g_strdup (_("Draw where it goes"));
  if (n_points < KLING_TRAJECTORY_MIN_POINTS)
    return g_strdup (_("Add one more point"));
  return NULL;
}

/* — mask edits — */

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

/* Saves the tiles under @rect as they are, before they change. */
static void
touch_rect (KlingDocument   *self,
            const KlingRect *rect)
{
  Edit *edit = self->open_edit;
  KlingMask *mask;
  int tx0, ty0, tx1, ty1;

  if (edit == NULL || rect->width <= 0 || rect->height <= 0)
    return;

  mask = self->draft->masks[edit->region];
  tx0 = MAX (rect->x, 0) / KLING_MASK_TILE_SIZE;
  ty0 = MAX (rect->y, 0) / KLING_MASK_TILE_SIZE;
  tx1 = MIN ((rect->x + rect->width - 1) / KLING_MASK_TILE_SIZE, kling_mask_get_tiles_x (mask) - 1);
  ty1 = MIN ((rect->y + rect->height - 1) / KLING_MASK_TILE_SIZE, kling_mask_get_tiles_y (mask) - 1);

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        guint key = tile_key (tx, ty);
        TileChange change = { tx, ty, NULL, NULL };

        if (g_hash_table_contains (self->open_tiles, GUINT_TO_POINTER (key)))
          continue;
        change.before = copy_tile (mask, tx, ty);
        g_array_append_val (edit->tiles, change);
        g_hash_table_add (self->open_tiles, GUINT_TO_POINTER (key));
      }
}

void
kling_document_begin_mask_edit (KlingDocument *self,
                                int            region,
                                const char    *label)
{
  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region >= 0 && region < KLING_N_REGIONS);
  g_return_if_fail (self->open_edit == NULL);

  if (self->draft->masks[region] == NULL)
    return;
  self->open_edit = mask_edit_new (region, label);
  g_hash_table_remove_all (self->open_tiles);
}

static KlingRect
dab_bounds (double x0,
            double y0,
            double x1,
            double y1,
            double radius)
{
  KlingRect rect;

  rect.x = (int) floor (MIN (x0, x1) - radius - 1);
  rect.y = (int) floor (MIN (y0, y1) - radius - 1);
  rect.width = (int) ceil (MAX (x0, x1) + radius + 1) - rect.x + 1;
  rect.height = (int) ceil (MAX (y0, y1) + radius + 1) - rect.y + 1;
  return rect;
}

void
kling_document_paint_line (KlingDocument *self,
                           double         x0,
                           double         y0,
                           double         x1,
                           double         y1,
                           double         radius,
                           double         hardness,
                           gboolean       erase)
{
  KlingRect bounds = dab_bounds (x0, y0, x1, y1, radius);
  KlingRect dirty = { 0, 0, 0, 0 };
  KlingMask *mask;

  g_return_if_fail (self->open_edit != NULL);

  mask = self->draft->masks[self->open_edit->region];
  touch_rect (self, &bounds);
  kling_mask_paint_line (mask, x0, y0, x1, y1, radius, hardness, erase, &dirty);
  if (dirty.width > 0 && dirty.height > 0)
    emit_mask_changed (self, self->open_edit->region, &dirty);
}

static gboolean
similar (const guint8 *a,
         const guint8 *b,
         int           threshold)
{
  return ABS (a[0] - b[0]) <= threshold &&
         ABS (a[1] - b[1]) <= threshold &&
         ABS (a[2] - b[2]) <= threshold;
}

/* Selects the contiguous area around (x, y) whose colour is within
 * @tolerance (0–1) of the pixel clicked, like GIMP's fuzzy select. Returns a
 * width×height map of the selection and its bounds. */
static guint8 *
select_similar (GdkPixbuf *pixbuf,
                int        x,
                int        y,
                double     tolerance,
                KlingRect *bounds)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int threshold = (int) (CLAMP (tolerance, 0.0, 1.0) * 255.0 + 0.5);
  guint8 *selected = g_malloc0 ((gsize) width * height);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint32) * 2);
  guint8 seed[3];
  int min_x = x, max_x = x, min_y = y, max_y = y;

  memcpy (seed, pixels + (gsize) y * stride + (gsize) x * channels, 3);

  {
    gint32 start[2] = { x, y };
    g_array_append_val (stack, start);
  }

  /* Scanline flood fill: each popped seed fills its whole run, then pushes
   * one seed per run above and below. */
  while (stack->len > 0)
    {
      gint32 *top = &g_array_index (stack, gint32, (stack->len - 1) * 2);
      int sx = top[0], sy = top[1];
      const guint8 *row = pixels + (gsize) sy * stride;
      guint8 *sel = selected + (gsize) sy * width;
      int left = sx, right = sx;

      g_array_set_size (stack, stack->len - 1);
      if (sel[sx] || !similar (row + (gsize) sx * channels, seed, threshold))
        continue;

      while (left > 0 && !sel[left - 1] && similar (row + (gsize) (left - 1) * channels, seed, threshold))
        left--;
      while (right < width - 1 && !sel[right + 1] && similar (row + (gsize) (right + 1) * channels, seed, threshold))
        right++;
      memset (sel + left, 1, right - left + 1);

      min_x = MIN (min_x, left);
      max_x = MAX (max_x, right);
      min_y = MIN (min_y, sy);
      max_y = MAX (max_y, sy);

      for (int dy = -1; dy <= 1; dy += 2)
        {
          int ny = sy + dy;
          const guint8 *nrow;
          guint8 *nsel;
          gboolean in_run = FALSE;

          if (ny < 0 || ny >= height)
            continue;
          nrow = pixels + (gsize) ny * stride;
          nsel = selected + (gsize) ny * width;
          for (int nx = left; nx <= right; nx++)
            {
              gboolean fillable = !nsel[nx] && similar (nrow + (gsize) nx * channels, seed, threshold);

              if (fillable && !in_run)
                {
                  gint32 next[2] = { nx, ny };
                  g_array_append_val (stack, next);
                }
              in_run = fillable;
            }
        }
    }

  bounds->x = min_x;
  bounds->y = min_y;
  bounds->width = max_x - min_x + 1;
  bounds->height = max_y - min_y + 1;
  return selected;
}

gboolean
kling_document_fill (KlingDocument *self,
                     int            x,
                     int            y,
                     double         tolerance,
                     gboolean       erase)
{
  g_autofree guint8 *selected = NULL;
  KlingRect bounds;
  KlingMask *mask;
  int width;

  g_return_val_if_fail (self->open_edit != NULL, FALSE);

  if (self->pixbuf == NULL || x < 0 || y < 0 ||
      x >= kling_document_get_width (self) || y >= kling_document_get_height (self))
    return FALSE;

  width = kling_document_get_width (self);
  mask = self->draft->masks[self->open_edit->region];
  selected = select_similar (self->pixbuf, x, y, tolerance, &bounds);

  touch_rect (self, &bounds);
  for (int py = bounds.y; py < bounds.y + bounds.height; py++)
    {
      const guint8 *sel = selected + (gsize) py * width;

      for (int px = bounds.x; px < bounds.x + bounds.width; px++)
        if (sel[px])
          kling_mask_set_value (mask, px, py, erase ? 0 : 255);
    }
  emit_mask_changed (self, self->open_edit->region, &bounds);
  return TRUE;
}

static gboolean
tiles_equal (const guint8 *a,
             const guint8 *b)
{
  static const guint8 empty[TILE_BYTES];

  return memcmp (a ? a : empty, b ? b : empty, TILE_BYTES) == 0;
}

/* Keeps, in the open mask edit, only the tiles that changed, with their new
 * content, and closes it without pushing it. */
static Edit *
close_mask_edit (KlingDocument *self)
{
  Edit *edit = g_steal_pointer (&self->open_edit);
  KlingMask *mask;
  guint i = 0;

  if (edit == NULL)
    return NULL;

  mask = self->draft->masks[edit->region];
  while (i < edit->tiles->len)
    {
      TileChange *change = &g_array_index (edit->tiles, TileChange, i);

      change->after = copy_tile (mask, change->tx, change->ty);
      if (tiles_equal (change->before, change->after))
        g_array_remove_index_fast (edit->tiles, i);
      else
        i++;
    }
  g_hash_table_remove_all (self->open_tiles);
  return edit;
}

/* Pushes @edit if it changed anything, frees it otherwise. */
static void
push_or_drop (KlingDocument *self,
              Edit          *edit)
{
  if (edit == NULL)
    return;
  if (edit_is_empty (edit))
    edit_free (edit);
  else
    push_edit (self, edit);
}

void
kling_document_end_mask_edit (KlingDocument *self)
{
  push_or_drop (self, close_mask_edit (self));
}

/**
 * kling_document_clear_region:
 *
 * Takes away a region's paint and, for a dynamic region, its path: one
 * gesture, so one undo step that brings both back together.
 */
void
kling_document_clear_region (KlingDocument *self,
                             int            region)
{
  KlingMask *mask = kling_document_get_mask (self, region);
  KlingTrajectory *path;
  KlingRect all;
  Edit *edit;

  g_return_if_fail (self->open_edit == NULL);
  if (mask == NULL)
    return;

  all = (KlingRect) { 0, 0, kling_mask_get_width (mask), kling_mask_get_height (mask) };
  kling_document_begin_mask_edit (self, region, _("Clear"));
  touch_rect (self, &all);
  kling_mask_clear (mask);
  edit = close_mask_edit (self);
  if (edit == NULL)
    return;

  path = region != KLING_STATIC_REGION ? self->draft->trajectories[region] : NULL;
  if (path != NULL && kling_trajectory_get_n_points (path) > 0)
    {
      edit->before = kling_trajectory_copy (path);
      kling_trajectory_clear (path);
      edit->after = kling_trajectory_copy (path);
    }

  push_or_drop (self, edit);
  emit_mask_changed (self, region, &all);
  if (path != NULL)
    kling_document_notify_trajectory (self, region);
}

/* — trajectory edits — */

void
kling_document_begin_trajectory_edit (KlingDocument *self,
                                      int            region,
                                      const char    *label)
{
  g_return_if_fail (KLING_IS_DOCUMENT (self));
  g_return_if_fail (region > 0 && region < KLING_N_REGIONS);
  g_return_if_fail (self->open_edit == NULL);

  self->open_edit = edit_new (region, label);
  self->open_edit->before = kling_trajectory_copy (self->draft->trajectories[region]);
}

void
kling_document_notify_trajectory (KlingDocument *self,
                                  int            region)
{
  g_signal_emit (self, signals[TRAJECTORY_CHANGED], 0, region);
}

void
kling_document_end_trajectory_edit (KlingDocument *self)
{
  Edit *edit = g_steal_pointer (&self->open_edit);
  KlingTrajectory *current;

  if (edit == NULL)
    return;

  current = self->draft->trajectories[edit->region];
  if (kling_trajectory_equal (edit->before, current))
    {
      edit_free (edit);
      return;
    }
  edit->after = kling_trajectory_copy (current);
  push_edit (self, edit);
  kling_document_notify_trajectory (self, edit->region);
}

/* — undo and redo — */

gboolean
kling_document_can_undo (KlingDocument *self)
{
  return self->undo_stack->len > 0;
}

gboolean
kling_document_can_redo (KlingDocument *self)
{
  return self->redo_stack->len > 0;
}

static void
apply_tiles (KlingDocument *self,
             Edit          *edit,
             gboolean       forward)
{
  KlingMask *mask = self->draft->masks[edit->region];
  KlingRect dirty = { G_MAXINT, G_MAXINT, 0, 0 };
  int x1 = 0, y1 = 0;

  for (guint i = 0; i < edit->tiles->len; i++)
    {
      TileChange *change = &g_array_index (edit->tiles, TileChange, i);

      kling_mask_set_tile (mask, change->tx, change->ty, forward ? change->after : change->before);
      dirty.x = MIN (dirty.x, change->tx * KLING_MASK_TILE_SIZE);
      dirty.y = MIN (dirty.y, change->ty * KLING_MASK_TILE_SIZE);
      x1 = MAX (x1, (change->tx + 1) * KLING_MASK_TILE_SIZE);
      y1 = MAX (y1, (change->ty + 1) * KLING_MASK_TILE_SIZE);
    }
  dirty.width = MIN (x1, kling_mask_get_width (mask)) - dirty.x;
  dirty.height = MIN (y1, kling_mask_get_height (mask)) - dirty.y;
  emit_mask_changed (self, edit->region, &dirty);
}

static void
apply_region_info (KlingDocument *self,
                   Edit          *edit,
                   gboolean       forward)
{
  KlingRegionInfo *info = &self->draft->regions[edit->region];

  if (edit->name_after != NULL)
    kling_draft_set_region_name (self->draft, edit->region,
                                 forward ? edit->name_after : edit->name_before);
  if (edit->toggles_visibility)
    info->visible = forward ? edit->visible_after : !edit->visible_after;
  emit_region_changed (self, edit->region);
}

/* Both halves of an edit are restored before anyone hears of either, so
 * that the region list never shows a half-undone Clear. */
static void
apply_edit (KlingDocument *self,
            Edit          *edit,
            gboolean       forward)
{
  gboolean has_tiles = edit->tiles != NULL && edit->tiles->len > 0;

  if (edit->after != NULL)
    {
      KlingTrajectory *target = forward ? edit->after : edit->before;

      kling_trajectory_free (self->draft->trajectories[edit->region]);
      self->draft->trajectories[edit->region] = kling_trajectory_copy (target);
    }
  if (has_tiles)
    apply_tiles (self, edit, forward);
  if (edit->after != NULL)
    kling_document_notify_trajectory (self, edit->region);
  if (edit->name_after != NULL || edit->toggles_visibility)
    apply_region_info (self, edit, forward);
}

void
kling_document_undo (KlingDocument *self)
{
  Edit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  if (self->open_edit != NULL || self->undo_stack->len == 0)
    return;

  edit = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  apply_edit (self, edit, FALSE);
  g_ptr_array_add (self->redo_stack, edit);
  notify_history (self);
  emit_changed (self);
}

void
kling_document_redo (KlingDocument *self)
{
  Edit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  if (self->open_edit != NULL || self->redo_stack->len == 0)
    return;

  edit = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  apply_edit (self, edit, TRUE);
  g_ptr_array_add (self->undo_stack, edit);
  notify_history (self);
  emit_changed (self);
}
