/* kling-prefs-credentials-group.h — the token or keys, kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-credentials.h"

G_BEGIN_DECLS

#define KLING_TYPE_PREFS_CREDENTIALS_GROUP (kling_prefs_credentials_group_get_type ())
G_DECLARE_FINAL_TYPE (KlingPrefsCredentialsGroup, kling_prefs_credentials_group, KLING, PREFS_CREDENTIALS_GROUP,
                      AdwPreferencesGroup)

void        kling_prefs_credentials_group_set_provider  (KlingPrefsCredentialsGroup *self,
                                                         KlingProvider               provider);
gboolean    kling_prefs_credentials_group_uses_token    (KlingPrefsCredentialsGroup *self);
const char *kling_prefs_credentials_group_get_entered   (KlingPrefsCredentialsGroup *self,
                                                         KlingCredentialKind         kind);
void        kling_prefs_credentials_group_save_pending  (KlingPrefsCredentialsGroup *self);
void        kling_prefs_credentials_group_focus         (KlingPrefsCredentialsGroup *self);

/* What is on its way, for tests: lookups, keyring changes, typed but not stored. */
gboolean    kling_prefs_credentials_group_is_loading    (KlingPrefsCredentialsGroup *self);
gboolean    kling_prefs_credentials_group_is_storing    (KlingPrefsCredentialsGroup *self);
gboolean    kling_prefs_credentials_group_is_unsaved    (KlingPrefsCredentialsGroup *self,
                                                         KlingCredentialKind         kind);

G_END_DECLS
