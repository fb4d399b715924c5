/* kling-prefs-test-row.h — "Test Connection" and what it found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-client.h"

G_BEGIN_DECLS

#define KLING_TYPE_PREFS_TEST_ROW (kling_prefs_test_row_get_type ())
G_DECLARE_FINAL_TYPE (KlingPrefsTestRow, kling_prefs_test_row, KLING, PREFS_TEST_ROW, AdwActionRow)

void kling_prefs_test_row_reset (KlingPrefsTestRow *self);
void kling_prefs_test_row_run   (KlingPrefsTestRow *self,
                                 KlingClient       *client);
void kling_prefs_test_row_fail  (KlingPrefsTestRow *self,
                                 const char        *message);

G_END_DECLS
