/* kling-document.h — the composition being edited, with its undo history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kling-draft.h"
#include "kling-edit-history.h"

G_BEGIN_DECLS

/* Region 0 is the static brush; 1 to 6 are the dynamic brushes. */
#define KLING_N_REGIONS KLING_DRAFT_N_REGIONS
#define KLING_STATIC_REGION KLING_DRAFT_STATIC_REGION

#define KLING_TYPE_DOCUMENT (kling_document_get_type ())
G_DECLARE_FINAL_TYPE (KlingDocument, kling_document, KLING, DOCUMENT, GObject)

KlingDocument   *kling_document_new                (void);
gboolean         kling_document_follow             (KlingDocument **slot,
                                                    KlingDocument  *document,
                                                    gpointer        follower);

KlingDraft      *kling_document_get_draft          (KlingDocument  *self);
KlingRequest    *kling_document_get_request        (KlingDocument  *self);
gboolean         kling_document_load_draft         (KlingDocument  *self,
                                                    KlingDraft     *draft,
                                                    GError        **error);

gboolean         kling_document_set_image          (KlingDocument  *self,
                                                    KlingImage     *image,
                                                    GError        **error);
/* Keeps the regions and paths, cropped with the picture: one undo step. */
gboolean         kling_document_crop_picture       (KlingDocument    *self,
                                                    KlingImage       *image,
                                                    const KlingRect  *area,
                                                    const char       *label,
                                                    GError          **error);
KlingImage      *kling_document_get_image          (KlingDocument  *self);
GdkTexture      *kling_document_get_texture        (KlingDocument  *self);
GdkPixbuf       *kling_document_get_pixbuf         (KlingDocument  *self);
int              kling_document_get_width          (KlingDocument  *self);
int              kling_document_get_height         (KlingDocument  *self);

KlingMask       *kling_document_get_mask           (KlingDocument  *self,
                                                    int             region);
KlingTrajectory *kling_document_get_trajectory     (KlingDocument  *self,
                                                    int             region);
const KlingRegionInfo *kling_document_get_region   (KlingDocument  *self,
                                                    int             region);
void             kling_document_get_region_rgba    (KlingDocument  *self,
                                                    int             region,
                                                    GdkRGBA        *rgba);
/* Showing or hiding a region, and renaming it, are undo steps. */
void             kling_document_set_region_visible (KlingDocument  *self,
                                                    int             region,
                                                    gboolean        visible);
void             kling_document_set_region_name    (KlingDocument  *self,
                                                    int             region,
                                                    const char     *name);
/* A change of look is one undo step; between begin and end, any number of
 * changes to the region's look are one. */
void             kling_document_set_region_look    (KlingDocument  *self,
                                                    int             region,
                                                    const char     *color,
                                                    int             opacity);
void             kling_document_begin_look_edit    (KlingDocument  *self,
                                                    int             region);
void             kling_document_end_look_edit      (KlingDocument  *self);
gboolean         kling_document_any_region_painted      (KlingDocument *self);
gboolean         kling_document_has_motion              (KlingDocument *self);
char            *kling_document_describe_region_problem (KlingDocument *self,
                                                         int            region);

/* Mask edits: every change between begin and end is one undo step, which
 * keeps only the tiles the edit touched. */
void             kling_document_begin_mask_edit    (KlingDocument  *self,
                                                    int             region,
                                                    const char     *label);
void             kling_document_paint_line         (KlingDocument  *self,
                                                    double          x0,
                                                    double          y0,
                                                    double          x1,
                                                    double          y1,
                                                    double          radius,
                                                    double          hardness,
                                                    gboolean        erase);
gboolean         kling_document_fill               (KlingDocument  *self,
                                                    int             x,
                                                    int             y,
                                                    double          tolerance,
                                                    gboolean        contiguous,
                                                    gboolean        erase);
void             kling_document_fill_polygon       (KlingDocument  *self,
                                                    const KlingPoint *points,
                                                    guint           n_points,
                                                    gboolean        erase);
void             kling_document_end_mask_edit      (KlingDocument  *self);

/* A region's whole shape at once (kling-document-shapes.c), one undo step. */
typedef void (*KlingMaskChangeFunc) (KlingMask *mask,
                                     gpointer   data);
gboolean         kling_document_set_mask           (KlingDocument  *self,
                                                    int             region,
                                                    const KlingMask *content,
                                                    const char     *label);
gboolean         kling_document_change_mask        (KlingDocument  *self,
                                                    int             region,
                                                    KlingMaskChangeFunc change,
                                                    gpointer        data,
                                                    const char     *label);
gboolean         kling_document_still_elsewhere    (KlingDocument  *self);
void             kling_document_clear_region       (KlingDocument  *self,
                                                    int             region);

/* Trajectory edits, likewise one undo step each. */
void             kling_document_begin_trajectory_edit (KlingDocument *self,
                                                       int            region,
                                                       const char    *label);
void             kling_document_end_trajectory_edit   (KlingDocument *self);
void             kling_document_notify_trajectory     (KlingDocument *self,
                                                       int            region);

void             kling_document_emit_changed       (KlingDocument  *self);

KlingEditHistory *kling_document_get_history       (KlingDocument  *self);
gboolean         kling_document_can_undo           (KlingDocument  *self);
gboolean         kling_document_can_redo           (KlingDocument  *self);
void             kling_document_undo               (KlingDocument  *self);
void             kling_document_redo               (KlingDocument  *self);

G_END_DECLS
