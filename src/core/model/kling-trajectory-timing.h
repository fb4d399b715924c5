/* kling-trajectory-timing.h — when a region is where along its path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a region travels along its path over the clip. The names are the
 * draft's ("timing" of a region). */
typedef enum {
  KLING_TIMING_CONSTANT,      /* the same speed all along: the default */
  KLING_TIMING_EASE_IN,       /* starts slowly, arrives fast */
  KLING_TIMING_EASE_OUT,      /* starts fast, arrives slowly */
  KLING_TIMING_EASE_IN_OUT,   /* slow at both ends */
  KLING_TIMING_HOLD_START,    /* still for the first fifth, then constant */
  KLING_TIMING_HOLD_END,      /* constant, then still for the last fifth */
  KLING_TIMING_N_TIMINGS /*< skip >*/
} KlingTiming;

/* A hold is a fraction of the clip, not seconds: the points sent do not
 * depend on the duration, so a path keeps its meaning at 5 s and at 10 s
 * (1 s of a 5 s clip, 2 s of a 10 s one). */
#define KLING_TIMING_HOLD_FRACTION 0.2

const char *kling_timing_to_string   (KlingTiming  timing);
gboolean    kling_timing_from_string (const char  *text,
                                      KlingTiming *out_timing);
double      kling_timing_progress    (KlingTiming  timing,
                                      double       t);

G_END_DECLS
