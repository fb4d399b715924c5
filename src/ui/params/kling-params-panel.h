/* kling-params-panel.h — the generation parameters of the motion editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-image.h"
#include "kling-request.h"

G_BEGIN_DECLS

#define KLING_TYPE_PARAMS_PANEL (kling_params_panel_get_type ())
G_DECLARE_FINAL_TYPE (KlingParamsPanel, kling_params_panel, KLING, PARAMS_PANEL, AdwBin)

/* Signals: "changed", "end-frame-requested". Property: "problem" (string,
 * read-only, notified): the first problem the panel shows, as
 * kling_params_panel_get_problem() returns it; Generate follows it. */

GtkWidget *kling_params_panel_new                  (void);
void       kling_params_panel_set_request          (KlingParamsPanel *self,
                                                    KlingRequest     *request);
KlingRequest *kling_params_panel_get_request       (KlingParamsPanel *self);
void       kling_params_panel_set_uses_motion_brush (KlingParamsPanel *self,
                                                     gboolean          uses);
void       kling_params_panel_set_end_frame        (KlingParamsPanel *self,
                                                    KlingImage       *image);
void       kling_params_panel_focus_field          (KlingParamsPanel *self,
                                                    const char       *field);
char      *kling_params_panel_get_problem          (KlingParamsPanel *self);
char      *kling_params_panel_get_note             (KlingParamsPanel *self);

G_END_DECLS
