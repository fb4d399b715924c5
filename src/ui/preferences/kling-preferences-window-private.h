/* kling-preferences-window-private.h — the window's insides, for its files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-credentials.h"
#include "kling-preferences-window.h"

G_BEGIN_DECLS

/* Positions in auth_row. */
enum {
  AUTH_BEARER,
  AUTH_JWT,
};

#define N_KINDS 3

struct _KlingPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;       /* keyring lookups; cancelled on dispose */
  GCancellable         *test_cancellable;  /* the running connection test */
  GtkFileChooserNative *chooser;
  KlingProvider         provider;          /* whose secrets the rows hold */
  guint                 loading;           /* > 0 while code, not the user, fills rows */
  guint                 lookup_serial;     /* answers to older lookups are dropped */
  guint                 pending_lookups;
  guint                 pending_stores;    /* queued and running keyring changes */
  GQueue                store_queue;
  gboolean              store_failed;
  gboolean              dirty[N_KINDS];    /* typed but not yet stored */
  gboolean              base_url_dirty;
  gboolean              disposed;
  GStrv                 modes;             /* what mode_row and duration_row list */
  GStrv                 durations;

  /* template children */
  AdwPreferencesPage   *api_page;
  AdwPreferencesGroup  *welcome_group;
  AdwPreferencesGroup  *environment_group;
  AdwActionRow         *environment_row;
  AdwActionRow         *environment_base_row;
  AdwPreferencesGroup  *provider_group;
  AdwComboRow          *provider_row;
  AdwComboRow          *official_host_row;
  AdwEntryRow          *base_url_row;
  GtkLabel             *base_url_error;
  AdwPreferencesGroup  *credentials_group;
  AdwComboRow          *auth_row;
  AdwEntryRow          *token_row;
  AdwEntryRow          *access_key_row;
  AdwEntryRow          *secret_key_row;
  AdwActionRow         *test_row;
  GtkImage             *test_icon;
  GtkSpinner           *test_spinner;
  GtkButton            *test_button;
  AdwComboRow          *model_row;
  GtkStringList        *model_list;
  AdwComboRow          *mode_row;
  GtkStringList        *mode_list;
  AdwComboRow          *duration_row;
  GtkStringList        *duration_list;
  AdwActionRow         *download_row;
  GtkButton            *download_button;
  GtkButton            *download_reset_button;
};

static inline const char *
kling_preferences_row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static inline AdwEntryRow *
kling_preferences_row_for_kind (KlingPreferencesWindow *self,
                                KlingCredentialKind     kind)
{
  switch (kind)
    {
    case KLING_CREDENTIAL_ACCESS_KEY: return self->access_key_row;
    case KLING_CREDENTIAL_SECRET_KEY: return self->secret_key_row;
    case KLING_CREDENTIAL_TOKEN:
    default:                          return self->token_row;
    }
}

/* kling-preferences-window.c */
void         kling_preferences_window_emit_credentials_changed (KlingPreferencesWindow *self);
void         kling_preferences_window_set_row_text      (KlingPreferencesWindow *self,
                                                         AdwEntryRow            *row,
                                                         const char             *text);
gboolean     kling_preferences_window_uses_token        (KlingPreferencesWindow *self);
void         kling_preferences_window_toast             (KlingPreferencesWindow *self,
                                                         const char             *text);

/* kling-preferences-window-api.c */
void         kling_preferences_window_api_page_init     (KlingPreferencesWindow *self);
void         kling_preferences_window_api_page_load     (KlingPreferencesWindow *self);
void         kling_preferences_window_update_visibility (KlingPreferencesWindow *self);
void         kling_preferences_window_save_pending      (KlingPreferencesWindow *self);
void         kling_preferences_window_focus_credentials (KlingPreferencesWindow *self);

/* kling-preferences-window-keyring.c */
void         kling_preferences_window_keyring_init      (KlingPreferencesWindow *self);
void         kling_preferences_window_load_secrets      (KlingPreferencesWindow *self);
void         kling_preferences_window_store_secret      (KlingPreferencesWindow *self,
                                                         KlingCredentialKind     kind);
void         kling_preferences_window_clear_store_queue (KlingPreferencesWindow *self);

/* kling-preferences-window-connection.c */
void         kling_preferences_window_connection_init   (KlingPreferencesWindow *self);
void         kling_preferences_window_reset_test_result (KlingPreferencesWindow *self);

/* kling-preferences-window-generation.c */
void         kling_preferences_window_generation_page_init (KlingPreferencesWindow *self);
void         kling_preferences_window_generation_page_load (KlingPreferencesWindow *self);

G_END_DECLS
