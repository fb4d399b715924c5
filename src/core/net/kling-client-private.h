/* kling-client-private.h — KlingClient's insides, for kling-api-call.c and the client's part files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-client.h"

G_BEGIN_DECLS

struct _KlingClient
{
  GObject        parent_instance;

  SoupSession   *session;
  char          *base_url;
  KlingAuthMode  auth_mode;
  gboolean       has_official_host;  /* the user chose official_host */
  KlingOfficialHost official_host;

  char          *token;           /* Bearer */
  char          *access_key;      /* JWT */
  char          *secret_key;
  char          *jwt;             /* minted lazily, cached */
  gint64         jwt_expires_at;  /* Unix seconds */
  gint64         clock_offset;

  guint          first_delay_ms;
  guint          max_attempts;
  guint64        bytes_received;
};

/* What is wrong with a credential, one whole sentence each. */
typedef struct {
  const char *empty;
  const char *not_ascii;
} CredentialProblems;

char        *kling_client_clean_credential (const char               *value,
                                            const CredentialProblems *problems,
                                            GError                  **error);
void         kling_client_clear_secret     (char                    **secret);
KlingClient *kling_client_new_with         (const char               *base_url,
                                            KlingAuthMode             auth_mode,
                                            GError                  **error);

void kling_client_authorize  (KlingClient *self,
                              SoupMessage *message);
void kling_client_forget_jwt (KlingClient *self);

/* Every public _finish goes through it (the find part file too). */
gpointer kling_client_propagate (KlingClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error);

G_END_DECLS
