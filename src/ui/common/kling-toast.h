/* kling-toast.h — a message in a toast, as plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      kling_toast_set_timeout (guint            seconds);
AdwToast *kling_toast_new_plain   (const char      *text);
void      kling_toast_add         (AdwToastOverlay *overlay,
                                   AdwToast        *toast);
void      kling_toast_dismiss     (AdwToast        *toast);
void      kling_toast_show        (GtkWidget       *widget,
                                   const char      *text);

G_END_DECLS
