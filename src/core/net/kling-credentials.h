/* kling-credentials.h — where the API token and keys live: the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "kling-client.h"

G_BEGIN_DECLS

/* The values of the GSettings "provider" enum (data/…gschema.xml). */
typedef enum {
  KLING_PROVIDER_PROXY,
  KLING_PROVIDER_OFFICIAL,
  KLING_PROVIDER_CUSTOM,
  KLING_PROVIDER_FAL,       /* fal's queue API (kling-fal.h): its key as a "token" */
} KlingProvider;

/* Which provider a client is made for. */
typedef enum {
  KLING_PROVIDER_CHOICE_SETTINGS,  /* the settings' provider (or the environment's Kling credentials) */
  KLING_PROVIDER_CHOICE_KLING,     /* Kling's API: the settings' Kling provider; the proxy if they say fal */
  KLING_PROVIDER_CHOICE_FAL,       /* fal: FAL_KEY, else the keyring */
} KlingProviderChoice;

typedef enum {
  KLING_CREDENTIAL_TOKEN,       /* a proxy's Bearer token */
  KLING_CREDENTIAL_ACCESS_KEY,  /* official JWT: issuer */
  KLING_CREDENTIAL_SECRET_KEY,  /* official JWT: signing key */
} KlingCredentialKind;

const SecretSchema *kling_secret_get_schema            (void);
const char         *kling_provider_to_string           (KlingProvider        provider);
const char         *kling_credential_kind_to_string    (KlingCredentialKind  kind);

/* Wipes a secret returned by kling_credentials_lookup_finish(), then frees it. */
void                kling_credentials_free_secret      (char                *secret);

/* An empty @secret clears the item instead of storing it. */
void                kling_credentials_store_async      (KlingProvider        provider,
                                                        KlingCredentialKind  kind,
                                                        const char          *secret,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            kling_credentials_store_finish     (GAsyncResult        *result,
                                                        GError             **error);

/* Finishes with %NULL and no error when nothing is stored. */
void                kling_credentials_lookup_async     (KlingProvider        provider,
                                                        KlingCredentialKind  kind,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char               *kling_credentials_lookup_finish    (GAsyncResult        *result,
                                                        GError             **error);

void                kling_credentials_clear_async      (KlingProvider        provider,
                                                        KlingCredentialKind  kind,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            kling_credentials_clear_finish     (GAsyncResult        *result,
                                                        GError             **error);

/* The environment first (design.md §4), then @settings and the keyring. */
void                kling_credentials_make_client_async  (GSettings           *settings,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                kling_credentials_make_client_for_async (GSettings           *settings,
                                                             KlingProviderChoice  choice,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
KlingClient        *kling_credentials_make_client_finish (GAsyncResult        *result,
                                                          GError             **error);

/* The app's settings (also read by the command line); %NULL when their
 * schema is not installed. */
GSettings          *kling_settings_open                    (void);

/* Whether environment variables decide the credentials; @which names them. */
gboolean            kling_credentials_environment_overrides (const char      **which);
/* KLING_API_BASE when it is set and not empty, else %NULL. */
const char         *kling_credentials_environment_base_url  (void);

/* The base URL @provider uses: the environment's, the server
 * @official_host for %KLING_PROVIDER_OFFICIAL, the proxy's default, or
 * @custom_base_url for %KLING_PROVIDER_CUSTOM (may be empty). */
const char         *kling_credentials_base_url_for_host    (KlingProvider      provider,
                                                            KlingOfficialHost  official_host,
                                                            const char        *custom_base_url);
/* Marks @client, a JWT client made for @provider, as talking to
 * @official_host when it does: the official provider without KLING_API_BASE
 * (see kling_client_set_official_host()). */
void                kling_credentials_mark_official_host   (KlingClient       *client,
                                                            KlingProvider      provider,
                                                            KlingOfficialHost  official_host);

G_END_DECLS
