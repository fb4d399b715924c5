/* kling-preferences-window-keyring.c — the token or keys, in the keyring
 *
 * The rows are filled from the keyring when the provider changes (answers
 * to older lookups are dropped, and never overwrite what the user typed)
 * and stored there when a row is applied or the window closes, never in
 * GSettings. Keyring changes are queued and run one after the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-preferences-window-private.h"

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* ---- Keyring ------------------------------------------------------------ */

/* One keyring change waiting its turn. */
typedef struct {
  KlingProvider        provider;
  KlingCredentialKind  kind;
  char                *value;   /* NULL: remove the item */
} StoreOp;

static void
store_op_free (StoreOp *op)
{
  if (op->value != NULL)
    memset (op->value, 0, strlen (op->value));
  g_free (op->value);
  g_free (op);
}

void
kling_preferences_window_clear_store_queue (KlingPreferencesWindow *self)
{
  g_queue_clear_full (&self->store_queue, (GDestroyNotify) store_op_free);
}

static void store_done_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
run_next_store (KlingPreferencesWindow *self)
{
  StoreOp *op = g_queue_pop_head (&self->store_queue);

  kling_credentials_store_async (op->provider, op->kind, op->value, NULL, store_done_cb, g_object_ref (self));
  store_op_free (op);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KlingPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kling_credentials_store_finish (result, &error))
    {
      self->store_failed = TRUE;
      kling_preferences_window_toast (self, error->message);
    }
  if (--self->pending_stores > 0)
    {
      run_next_store (self);
      return;
    }

  if (!self->store_failed)
    kling_preferences_window_toast (self, _("Saved in the keyring"));
  self->store_failed = FALSE;
  /* Also after the window closed: the app rebuilds its client. */
  kling_preferences_window_emit_credentials_changed (self);
}

/* Keyring changes run one after the other, in order: two removals of the
 * same item at once make libsecret 0.20 complete its task twice. */
static void
store_kind (KlingPreferencesWindow *self,
            KlingCredentialKind     kind,
            const char             *value)
{
  StoreOp *op = g_new0 (StoreOp, 1);

  op->provider = self->provider;
  op->kind = kind;
  op->value = g_strdup (value);
  g_queue_push_tail (&self->store_queue, op);
  if (self->pending_stores++ == 0)
    run_next_store (self);
}

/* Stores what @kind's row holds. A custom server keeps one kind of
 * credentials, so storing one kind clears the other: what is stored then
 * says which authentication it takes (kling_credentials_make_client_async). */
void
kling_preferences_window_store_secret (KlingPreferencesWindow *self,
                                       KlingCredentialKind     kind)
{
  const char *value = kling_preferences_row_text (kling_preferences_row_for_kind (self, kind));

  self->dirty[kind] = FALSE;
  store_kind (self, kind, value);
  if (self->provider != KLING_PROVIDER_CUSTOM || is_blank (value))
    return;

  for (guint other = 0; other < N_KINDS; other++)
    if ((kind == KLING_CREDENTIAL_TOKEN) != (other == KLING_CREDENTIAL_TOKEN))
      {
        self->dirty[other] = FALSE;
        kling_preferences_window_set_row_text (self, kling_preferences_row_for_kind (self, other), NULL);
        store_kind (self, other, NULL);
      }
}

static void
secret_applied_cb (AdwEntryRow            *row,
                   KlingPreferencesWindow *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (kling_preferences_row_for_kind (self, kind) == row)
      kling_preferences_window_store_secret (self, kind);
}

static void
secret_changed_cb (GtkEditable            *editable,
                   KlingPreferencesWindow *self)
{
  if (self->loading > 0)
    return;
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (GTK_EDITABLE (kling_preferences_row_for_kind (self, kind)) == editable)
      self->dirty[kind] = TRUE;
  kling_preferences_window_reset_test_result (self);
}

typedef struct {
  KlingPreferencesWindow *self;
  KlingCredentialKind     kind;
  guint                   serial;
} Lookup;

/* A custom server's authentication follows what is stored for it. */
static void
lookups_done (KlingPreferencesWindow *self)
{
  gboolean jwt = *kling_preferences_row_text (self->token_row) == '\0' &&
                 *kling_preferences_row_text (self->access_key_row) != '\0';

  if (self->provider != KLING_PROVIDER_CUSTOM)
    return;
  self->loading++;
  adw_combo_row_set_selected (self->auth_row, jwt ? AUTH_JWT : AUTH_BEARER);
  self->loading--;
  kling_preferences_window_update_visibility (self);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(KlingPreferencesWindow) self = lookup->self;
  g_autoptr(GError) error = NULL;
  char *secret = kling_credentials_lookup_finish (result, &error);
  gboolean current = lookup->serial == self->lookup_serial && !self->disposed;

  if (current && error != NULL)
    kling_preferences_window_toast (self, error->message);
  if (current && !self->dirty[lookup->kind])
    kling_preferences_window_set_row_text (self, kling_preferences_row_for_kind (self, lookup->kind),
                                           secret);
  kling_credentials_free_secret (secret);
  if (current && --self->pending_lookups == 0)
    lookups_done (self);
  g_free (lookup);
}

void
kling_preferences_window_load_secrets (KlingPreferencesWindow *self)
{
  self->lookup_serial++;
  self->pending_lookups = 0;
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      gboolean token = kind == KLING_CREDENTIAL_TOKEN;
      Lookup *lookup;

      self->dirty[kind] = FALSE;
      kling_preferences_window_set_row_text (self, kling_preferences_row_for_kind (self, kind), NULL);
      if ((self->provider == KLING_PROVIDER_PROXY && !token) ||
          (self->provider == KLING_PROVIDER_OFFICIAL && token))
        continue;

      lookup = g_new0 (Lookup, 1);
      lookup->self = g_object_ref (self);
      lookup->kind = kind;
      lookup->serial = self->lookup_serial;
      self->pending_lookups++;
      kling_credentials_lookup_async (self->provider, kind, self->cancellable, lookup_done_cb, lookup);
    }
}

/* Typed is pending; applied is stored. */
void
kling_preferences_window_keyring_init (KlingPreferencesWindow *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      AdwEntryRow *row = kling_preferences_row_for_kind (self, kind);

      g_signal_connect (row, "changed", G_CALLBACK (secret_changed_cb), self);
      g_signal_connect (row, "apply", G_CALLBACK (secret_applied_cb), self);
    }
}
