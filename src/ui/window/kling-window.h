/* kling-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-application.h"
#include "kling-editor-page.h"
#include "kling-task.h"

G_BEGIN_DECLS

#define KLING_TYPE_WINDOW (kling_window_get_type ())
G_DECLARE_FINAL_TYPE (KlingWindow, kling_window, KLING, WINDOW, AdwApplicationWindow)

KlingWindow *kling_window_new       (KlingApplication *application);
void         kling_window_open_file (KlingWindow      *self,
                                     GFile            *file);
void         kling_window_show_task (KlingWindow      *self,
                                     KlingTask        *task);
KlingEditorPage *kling_window_get_editor_page (KlingWindow *self);

G_END_DECLS
