/* kling-preferences-window-private.h — the window's insides, for the tests
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

G_END_DECLS
