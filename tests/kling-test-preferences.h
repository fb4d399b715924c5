/* kling-test-preferences.h — what the Preferences tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-fake-server.h"
#include "kling-preferences-window.h"
#include "kling-prefs-credentials-group.h"
#include "kling-test-ui.h"

G_BEGIN_DECLS

/* Distinct, greppable bytes that appear nowhere else. */
#define TOKEN       "tkPrefs7f3a9c1e5bQ"
#define WRONG_TOKEN "tkWrong0000000000"
#define ENV_TOKEN   "tkEnvironment42Zx"
#define ACCESS_KEY  "akPrefs5d8e2b7a1c"
#define SECRET_KEY  "skPrefs9b4f6a3d0e"

/* Positions in the Authentication row. */
enum {
  AUTH_BEARER,
  AUTH_JWT,
};

typedef struct {
  KlingPreferencesWindow *window;
  guint                   changed;   /* "credentials-changed" emissions */
  KlingFakeServer        *server;
  const char             *server_base;
} Fixture;

/* The app's settings, in memory (GSETTINGS_BACKEND=memory). */
extern GSettings *test_settings;

void        kling_test_preferences_init (int    *argc,
                                         char ***argv);
char       *keyring_lookup (const char *provider, const char *kind);
void        keyring_store (const char *provider, const char *kind, const char *secret);
void        assert_setting (const char *key, const char *expected);
gpointer    part (KlingPreferencesWindow *window, const char *id);
KlingPrefsCredentialsGroup *credentials (KlingPreferencesWindow *window);
void        open_window (Fixture *f, int width, int height);
void        close_window (Fixture *f);
void        fixture_set_up (Fixture *f, gconstpointer data);
void        fixture_tear_down (Fixture *f, gconstpointer data);
void        wait_for_changed (Fixture *f, guint target);
void        type_into_row (AdwEntryRow *row, const char *text);
void        click_button (GtkWidget *button);
GtkWidget  *find_label (GtkWidget *root, const char *text);
void        choose_in_combo (AdwComboRow *row, guint position, const char *shown);
KlingClient *make_client (GSettings *settings, GError **error);
const char *run_connection_test (Fixture *f);

G_END_DECLS
