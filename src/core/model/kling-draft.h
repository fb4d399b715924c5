/* kling-draft.h — the editor's state as one JSON file (.klingdraft)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "kling-request.h"

G_BEGIN_DECLS

#define KLING_DRAFT_FORMAT "kling-studio-draft"
#define KLING_DRAFT_VERSION 1
#define KLING_DRAFT_FILE_SUFFIX ".klingdraft"
/* region 0 is the static brush, 1–6 the dynamic ones */
#define KLING_DRAFT_N_REGIONS (1 + KLING_REQUEST_MAX_DYNAMIC)
#define KLING_DRAFT_STATIC_REGION 0

typedef struct {
  char     *name;      /* "Static", "Region 1" … unless renamed */
  char     *color;     /* "#rrggbb" */
  gboolean  visible;
  int       opacity;   /* of the region's tint over the picture, percent */
} KlingRegionInfo;

/* A region's tint, in percent: never invisible, and what older drafts had. */
#define KLING_DRAFT_MIN_OPACITY 10
#define KLING_DRAFT_MAX_OPACITY 100
#define KLING_DRAFT_DEFAULT_OPACITY 50

/**
 * KlingDraft:
 * @request: the scalar parameters and the images (start and end frame);
 *   its masks and dynamic brushes are NOT used: the regions below are
 * @masks: per region, %NULL when never painted; all at the image's size
 * @trajectories: per dynamic region (index 0 unused), %NULL when none
 * @regions: names, colours, visibility
 * @settings: free-form editor settings, saved and loaded as they are
 *
 * A draft may be incomplete (a region painted but without a trajectory, a
 * trajectory of one point): it is saved as it is and only
 * kling_draft_to_request() insists on a usable state. Masks keep their
 * coverage (soft edges) and the static mask is kept as painted, not with the
 * dynamic areas cut out.
 */
typedef struct {
  KlingRequest    *request;
  KlingMask       *masks[KLING_DRAFT_N_REGIONS];
  KlingTrajectory *trajectories[KLING_DRAFT_N_REGIONS];
  KlingRegionInfo  regions[KLING_DRAFT_N_REGIONS];
  JsonObject      *settings;
} KlingDraft;

KlingDraft   *kling_draft_new            (void);
KlingDraft   *kling_draft_copy           (const KlingDraft *self);
void          kling_draft_free           (KlingDraft  *self);

KlingDraft   *kling_draft_load           (const char  *path,
                                          GError     **error);
KlingDraft   *kling_draft_load_from_data (const char  *data,
                                          gsize        length,
                                          GError     **error);
gboolean      kling_draft_save           (KlingDraft  *self,
                                          const char  *path,
                                          GError     **error);
char         *kling_draft_to_data        (KlingDraft  *self,
                                          gsize       *length);

KlingRequest *kling_draft_to_request     (KlingDraft  *self,
                                          GError     **error);

/* The longest name a region keeps, in characters. */
#define KLING_DRAFT_REGION_NAME_MAX_CHARS 40

char         *kling_draft_default_region_name   (guint       region);
char         *kling_draft_normalize_region_name (guint       region,
                                                 const char *name);
/* Keeps @name as kling_draft_normalize_region_name() makes it. */
void          kling_draft_set_region_name  (KlingDraft *self,
                                            guint       region,
                                            const char *name);
void          kling_draft_set_region_color (KlingDraft *self,
                                            guint       region,
                                            const char *color);

/* A path's points as drafts and task files keep them. */
void             kling_draft_add_points  (JsonBuilder           *builder,
                                          const KlingTrajectory *trajectory);
KlingTrajectory *kling_draft_read_points (JsonNode              *node,
                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingDraft, kling_draft_free)

G_END_DECLS
