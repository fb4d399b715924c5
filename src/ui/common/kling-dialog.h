/* kling-dialog.h — the app's questions: Cancel, or one answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void kling_dialog_add_answer (AdwMessageDialog      *dialog,
                              const char            *response,
                              const char            *label,
                              AdwResponseAppearance  appearance);

G_END_DECLS
