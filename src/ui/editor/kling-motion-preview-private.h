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
  KlingMotionScene *scene;
  guint             dirty_regions;   /* bit per region whose scene copy is stale */

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
void   _kling_motion_preview_snapshot     (GtkWidget          *widget,
                                           GtkSnapshot        *snapshot);

G_END_DECLS
