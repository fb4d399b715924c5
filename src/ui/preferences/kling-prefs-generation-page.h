/* kling-prefs-generation-page.h — the "Generation" page: defaults and the download folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KLING_TYPE_PREFS_GENERATION_PAGE (kling_prefs_generation_page_get_type ())
G_DECLARE_FINAL_TYPE (KlingPrefsGenerationPage, kling_prefs_generation_page, KLING, PREFS_GENERATION_PAGE,
                      AdwPreferencesPage)

GtkWidget *kling_prefs_generation_page_new (GSettings *settings);

G_END_DECLS
