/* kling-capabilities-private.h — the rows of kling-models.json, as read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-capabilities.h"

G_BEGIN_DECLS

typedef struct {
  char    *mode;
  guint    duration;     /* whole seconds */
  guint    features;     /* KlingFeature flags */
  gboolean has_units;
  double   units;        /* Kling's resource-pack units for one video */
} KlingComboRow;

typedef struct {
  char     *name;
  char     *display_name;          /* untranslated */
  char     *end_of_life;           /* "YYYY-MM-DD" or NULL */
  gboolean  cfg_scale;
  gboolean  end_frame_with_sound;
  GStrv     camera_types;
  GArray   *combos;                /* of KlingComboRow, one per duration */
} KlingModelRow;

GPtrArray *kling_capabilities_get_table (void);

G_END_DECLS
