/* kling-motion-preview-private.h — the preview's state, for its drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-motion-preview.h"
#include "kling-motion-render.h"

G_BEGIN_DECLS

#define ALL_REGIONS ((1u << KLING_N_REGIONS) - 1)

struct _KlingMotionPreview
{
  GtkWidget         parent_instance;

  KlingCanvas      *canvas;
  KlingDocument    *document;
  KlingMotionScene *scene;           /* the document's masks and paths, never drawn */
  guint             dirty_regions;   /* bit per region whose scene copy is stale */

  /* What is drawn: a copy of the scene with its hole fill and scaled copies
   * made in a worker thread, kept on screen while the next one is made. */
  KlingMotionScene *shown;           /* NULL = none yet */
  int               shown_width;     /* the size it was prepared at */
  int               shown_height;
  guint             shown_paths_dirty; /* regions whose path it lacks */
  gboolean          shown_stale;     /* its masks are not the document's */
  GCancellable     *preparing;       /* the worker's; NULL when none runs */

  gboolean          active;
  gboolean          playing;
  double            position;        /* seconds into the clip */
  gint64            last_frame_time; /* the frame clock's, µs; 0 when not ticking */
  guint             tick_id;
  int               shown_frame;     /* the frame last drawn, -1 when none */
};

/* kling-motion-preview.c */
double _kling_motion_preview_clip_seconds (KlingMotionPreview *self);

/* kling-motion-preview-draw.c */
void   _kling_motion_preview_refresh_scene (KlingMotionPreview *self);
void   _kling_motion_preview_drop_shown   (KlingMotionPreview *self);
void   _kling_motion_preview_snapshot     (GtkWidget          *widget,
                                           GtkSnapshot        *snapshot);

G_END_DECLS
