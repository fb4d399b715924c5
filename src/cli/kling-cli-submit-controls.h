/* kling-cli-submit-controls.h — submit's images, camera, sound and unknown-model options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-request.h"

G_BEGIN_DECLS

gboolean kling_cli_apply_image    (KlingRequest  *request,
                                   const char    *image,
                                   void         (*set) (KlingRequest *, KlingImage *),
                                   GError       **error);
gboolean kling_cli_apply_camera   (KlingRequest  *request,
                                   const char    *text,
                                   GError       **error);
gboolean kling_cli_apply_sound    (KlingRequest  *request,
                                   const char    *sound,
                                   GError       **error);
void     kling_cli_warn_unchecked (KlingRequest  *request);
int      kling_cli_fail_create    (KlingRequest  *request,
                                   GError        *error);

G_END_DECLS
