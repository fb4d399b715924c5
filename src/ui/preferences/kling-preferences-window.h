/* kling-preferences-window.h — provider, credentials and generation defaults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KLING_TYPE_PREFERENCES_WINDOW (kling_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KlingPreferencesWindow, kling_preferences_window, KLING, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *kling_preferences_window_new                   (GtkWindow              *parent,
                                                           GSettings              *settings);
void       kling_preferences_window_show_credentials_page (KlingPreferencesWindow *self);

G_END_DECLS
