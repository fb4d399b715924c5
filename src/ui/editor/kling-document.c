/* kling-document.c — the composition being edited, with its undo history
 *
 * The document owns a KlingDraft (the image, the parameters, seven masks, six
 * trajectories and the regions' names and colours) and every change to it
 * goes through here, so that each one is a single undo step (a KlingEdit in
 * the document's KlingEditHistory) and the canvas, the region list and the
 * autosave hear about it. The edits themselves are in
 * kling-document-edits.c, the regions' names, visibility and state in
 * kling-document-regions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-document-private.h"

struct _KlingDocument
{
  GObject           parent_instance;

  KlingDraft       *draft;
  GdkPixbuf        *pixbuf;
  GdkTexture       *texture;
  KlingEditHistory *history;
};

G_DEFINE_FINAL_TYPE (KlingDocument, kling_document, G_TYPE_OBJECT)

enum {
  IMAGE_CHANGED,
  MASK_CHANGED,
  TRAJECTORY_CHANGED,
  REGION_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

void
_kling_document_emit_mask_changed (KlingDocument   *self,
                                   int              region,
                                   const KlingRect *rect)
{
  g_signal_emit (self, signals[MASK_CHANGED], 0, region,
                 rect->x, rect->y, rect->width, rect->height);
}

void
_kling_document_emit_region_changed (KlingDocument *self,
                                     int            region)
{
  g_signal_emit (self, signals[REGION_CHANGED], 0, region);
}

void
kling_document_notify_trajectory (KlingDocument *self,
                                  int            region)
{
  g_signal_emit (self, signals[TRAJECTORY_CHANGED], 0, region);
}

/* Keeps @edit as one undo step, unless it changed nothing. */
void
_kling_document_push_edit (KlingDocument *self,
                           KlingEdit     *edit)
{
  if (kling_edit_history_push (self->history, edit))
    emit_changed (self);
}

/* Ends the edit being made, likewise. */
void
_kling_document_commit_edit (KlingDocument *self)
{
  if (kling_edit_history_commit (self->history))
    emit_changed (self);
}

static void
kling_document_finalize (GObject *object)
{
  KlingDocument *self = KLING_DOCUMENT (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->draft, kling_draft_free);
  g_clear_object (&self->pixbuf);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (kling_document_parent_class)->finalize (object);
}

static void
kling_document_class_init (KlingDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kling_document_finalize;

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
  self->history = kling_edit_history_new ();
}

KlingDocument *
kling_document_new (void)
{
  return g_object_new (KLING_TYPE_DOCUMENT, NULL);
}

/**
 * kling_document_get_history:
 *
 * Returns: (transfer none): the undo history, the document's for its
 *   whole life: follow its "can-undo" and "can-redo"
 */
KlingEditHistory *
kling_document_get_history (KlingDocument *self)
{
  g_return_val_if_fail (KLING_IS_DOCUMENT (self), NULL);
  return self->history;
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

  pixbuf = kling_image_decode (kling_image_get_bytes (image), NULL, NULL, error);
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
  kling_edit_history_clear (self->history);

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
  kling_edit_history_clear (self->history);

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

/* — undo and redo — */

gboolean
kling_document_can_undo (KlingDocument *self)
{
  return kling_edit_history_can_undo (self->history);
}

gboolean
kling_document_can_redo (KlingDocument *self)
{
  return kling_edit_history_can_redo (self->history);
}

/* Both halves of an edit are restored before anyone hears of either, so
 * that the region list never shows a half-undone Clear. */
static void
apply_edit (KlingDocument   *self,
            const KlingEdit *edit,
            gboolean         forward)
{
  guint n = kling_edit_get_n_linked (edit);
  KlingEditChanges changes[1 + KLING_N_REGIONS];
  KlingRect dirty[1 + KLING_N_REGIONS];
  const KlingEdit *edits[1 + KLING_N_REGIONS];

  g_return_if_fail (n < KLING_N_REGIONS);

  edits[0] = edit;
  for (guint i = 0; i < n; i++)
    edits[i + 1] = kling_edit_get_linked (edit, i);
  for (guint i = 0; i <= n; i++)
    changes[i] = kling_edit_apply (edits[i], self->draft, forward, &dirty[i]);

  for (guint i = 0; i <= n; i++)
    {
      int region = kling_edit_get_region (edits[i]);

      if (changes[i] & KLING_EDIT_CHANGES_MASK)
        _kling_document_emit_mask_changed (self, region, &dirty[i]);
      if (changes[i] & KLING_EDIT_CHANGES_TRAJECTORY)
        kling_document_notify_trajectory (self, region);
      if (changes[i] & KLING_EDIT_CHANGES_REGION_INFO)
        _kling_document_emit_region_changed (self, region);
    }
  emit_changed (self);
}

void
kling_document_undo (KlingDocument *self)
{
  const KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  edit = kling_edit_history_undo (self->history);
  if (edit != NULL)
    apply_edit (self, edit, FALSE);
}

void
kling_document_redo (KlingDocument *self)
{
  const KlingEdit *edit;

  g_return_if_fail (KLING_IS_DOCUMENT (self));
  edit = kling_edit_history_redo (self->history);
  if (edit != NULL)
    apply_edit (self, edit, TRUE);
}
