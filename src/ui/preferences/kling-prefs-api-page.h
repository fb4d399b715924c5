/* kling-prefs-api-page.h — the "API" page: where requests go, and the credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KLING_TYPE_PREFS_API_PAGE (kling_prefs_api_page_get_type ())
G_DECLARE_FINAL_TYPE (KlingPrefsApiPage, kling_prefs_api_page, KLING, PREFS_API_PAGE, AdwPreferencesPage)

GtkWidget *kling_prefs_api_page_new          (GSettings         *settings);
void       kling_prefs_api_page_save_pending (KlingPrefsApiPage *self);
void       kling_prefs_api_page_welcome      (KlingPrefsApiPage *self);

G_END_DECLS
