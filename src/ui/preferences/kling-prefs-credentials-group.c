/* kling-prefs-credentials-group.c — the token or keys, kept in the keyring
 *
 * The rows are filled from the keyring when the provider changes (answers
 * to older lookups are dropped, and never overwrite what the user typed)
 * and stored there when a row is applied or the window closes, never in
 * GSettings. Keyring changes are queued and run one after the other. A
 * custom server keeps one kind of credentials: the Authentication row
 * chooses which, and follows what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-prefs-credentials-group.h"
#include "kling-toast.h"

/* Positions in auth_row. */
enum {
  AUTH_BEARER,
  AUTH_JWT,
};

#define N_KINDS 3

struct _KlingPrefsCredentialsGroup
{
  AdwPreferencesGroup  parent_instance;

  KlingProvider        provider;          /* whose secrets the rows hold */
  GCancellable        *cancellable;       /* keyring lookups; cancelled on dispose */
  guint                loading;           /* > 0 while code, not the user, fills rows */
  guint                lookup_serial;     /* answers to older lookups are dropped */
  guint                pending_lookups;
  guint                pending_stores;    /* queued and running keyring changes */
  GQueue               store_queue;
  gboolean             store_failed;
  GtkRoot             *held_root;         /* kept while keyring changes run */
  gboolean             dirty[N_KINDS];    /* typed but not yet stored */
  gboolean             disposed;

  /* template children */
  AdwComboRow         *auth_row;
  AdwEntryRow         *token_row;
  AdwEntryRow         *access_key_row;
  AdwEntryRow         *secret_key_row;
};

G_DEFINE_FINAL_TYPE (KlingPrefsCredentialsGroup, kling_prefs_credentials_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CREDENTIALS_CHANGED,
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwEntryRow *
row_for_kind (KlingPrefsCredentialsGroup *self,
              KlingCredentialKind         kind)
{
  switch (kind)
    {
    case KLING_CREDENTIAL_ACCESS_KEY: return self->access_key_row;
    case KLING_CREDENTIAL_SECRET_KEY: return self->secret_key_row;
    case KLING_CREDENTIAL_TOKEN:
    default:                          return self->token_row;
    }
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (KlingPrefsCredentialsGroup *self,
              AdwEntryRow                *row,
              const char                 *text)
{
  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->loading--;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
update_rows (KlingPrefsCredentialsGroup *self)
{
  gboolean token = kling_prefs_credentials_group_uses_token (self);

  gtk_widget_set_visible (GTK_WIDGET (self->auth_row), self->provider == KLING_PROVIDER_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);
  /* fal's key is one secret too, kept like a proxy's token. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                 self->provider == KLING_PROVIDER_FAL ? _("fal Key") : _("API Token"));
  gtk_widget_set_visible (GTK_WIDGET (self->access_key_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_key_row), !token);
}

/* ---- Storing ------------------------------------------------------------ */

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

static void store_done_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
run_next_store (KlingPrefsCredentialsGroup *self)
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
  g_autoptr(KlingPrefsCredentialsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kling_credentials_store_finish (result, &error))
    {
      self->store_failed = TRUE;
      kling_toast_show (GTK_WIDGET (self), error->message);
    }
  if (--self->pending_stores > 0)
    {
      run_next_store (self);
      return;
    }

  if (!self->store_failed)
    kling_toast_show (GTK_WIDGET (self), _("Saved in the keyring"));
  self->store_failed = FALSE;
  /* Also after the window closed: the app rebuilds its client. */
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
  g_clear_object (&self->held_root);
}

/* Keyring changes run one after the other, in order: two removals of the
 * same item at once make libsecret 0.20 complete its task twice. */
static void
store_kind (KlingPrefsCredentialsGroup *self,
            KlingCredentialKind         kind,
            const char                 *value)
{
  StoreOp *op = g_new0 (StoreOp, 1);

  op->provider = self->provider;
  op->kind = kind;
  op->value = g_strdup (value);
  g_queue_push_tail (&self->store_queue, op);
  if (self->pending_stores++ > 0)
    return;
  /* Whoever listens to credentials-changed listens to the window: it stays
   * until the keyring has answered, also when it closes meanwhile. */
  if (self->held_root == NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    self->held_root = g_object_ref (gtk_widget_get_root (GTK_WIDGET (self)));
  run_next_store (self);
}

/* Stores what @kind's row holds. A custom server keeps one kind of
 * credentials, so storing one kind clears the other: what is stored then
 * says which authentication it takes (kling_credentials_make_client_async). */
static void
store_secret (KlingPrefsCredentialsGroup *self,
              KlingCredentialKind         kind)
{
  const char *value = row_text (row_for_kind (self, kind));

  self->dirty[kind] = FALSE;
  store_kind (self, kind, value);
  if (self->provider != KLING_PROVIDER_CUSTOM || is_blank (value))
    return;

  for (guint other = 0; other < N_KINDS; other++)
    if ((kind == KLING_CREDENTIAL_TOKEN) != (other == KLING_CREDENTIAL_TOKEN))
      {
        self->dirty[other] = FALSE;
        set_row_text (self, row_for_kind (self, other), NULL);
        store_kind (self, other, NULL);
      }
}

static void
secret_applied_cb (AdwEntryRow                *row,
                   KlingPrefsCredentialsGroup *self)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (row_for_kind (self, kind) == row)
      store_secret (self, kind);
}

static void
secret_changed_cb (GtkEditable                *editable,
                   KlingPrefsCredentialsGroup *self)
{
  if (self->loading > 0)
    return;
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (GTK_EDITABLE (row_for_kind (self, kind)) == editable)
      self->dirty[kind] = TRUE;
  g_signal_emit (self, signals[EDITED], 0);
}

static void
auth_selected_cb (AdwComboRow                *row,
                  GParamSpec                 *pspec,
                  KlingPrefsCredentialsGroup *self)
{
  if (self->loading > 0)
    return;
  update_rows (self);
  g_signal_emit (self, signals[EDITED], 0);
}

/* ---- Looking up ----------------------------------------------------------- */

typedef struct {
  KlingPrefsCredentialsGroup *self;
  KlingCredentialKind         kind;
  guint                       serial;
} Lookup;

/* A custom server's authentication follows what is stored for it. */
static void
lookups_done (KlingPrefsCredentialsGroup *self)
{
  gboolean jwt = *row_text (self->token_row) == '\0' && *row_text (self->access_key_row) != '\0';

  if (self->provider != KLING_PROVIDER_CUSTOM)
    return;
  self->loading++;
  adw_combo_row_set_selected (self->auth_row, jwt ? AUTH_JWT : AUTH_BEARER);
  self->loading--;
  update_rows (self);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(KlingPrefsCredentialsGroup) self = lookup->self;
  g_autoptr(GError) error = NULL;
  char *secret = kling_credentials_lookup_finish (result, &error);
  gboolean current = lookup->serial == self->lookup_serial && !self->disposed;

  if (current && error != NULL)
    kling_toast_show (GTK_WIDGET (self), error->message);
  if (current && !self->dirty[lookup->kind])
    set_row_text (self, row_for_kind (self, lookup->kind), secret);
  kling_credentials_free_secret (secret);
  if (current && --self->pending_lookups == 0)
    lookups_done (self);
  g_free (lookup);
}

static void
load_secrets (KlingPrefsCredentialsGroup *self)
{
  self->lookup_serial++;
  self->pending_lookups = 0;
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      gboolean token = kind == KLING_CREDENTIAL_TOKEN;
      Lookup *lookup;

      self->dirty[kind] = FALSE;
      set_row_text (self, row_for_kind (self, kind), NULL);
      if (((self->provider == KLING_PROVIDER_PROXY || self->provider == KLING_PROVIDER_FAL) && !token) ||
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

/* ---- The object ------------------------------------------------------------- */

static void
kling_prefs_credentials_group_dispose (GObject *object)
{
  KlingPrefsCredentialsGroup *self = KLING_PREFS_CREDENTIALS_GROUP (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_PREFS_CREDENTIALS_GROUP);

  G_OBJECT_CLASS (kling_prefs_credentials_group_parent_class)->dispose (object);
}

static void
kling_prefs_credentials_group_finalize (GObject *object)
{
  KlingPrefsCredentialsGroup *self = KLING_PREFS_CREDENTIALS_GROUP (object);

  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->store_queue, (GDestroyNotify) store_op_free);

  G_OBJECT_CLASS (kling_prefs_credentials_group_parent_class)->finalize (object);
}

static void
kling_prefs_credentials_group_class_init (KlingPrefsCredentialsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_prefs_credentials_group_dispose;
  object_class->finalize = kling_prefs_credentials_group_finalize;

  /**
   * KlingPrefsCredentialsGroup::credentials-changed:
   *
   * The keyring has what was stored (emitted once the queue of changes is
   * done, also after the window closed).
   */
  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KlingPrefsCredentialsGroup::edited:
   *
   * The user changed what is entered (typed, or chose another kind of
   * authentication): a connection test's result no longer holds.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-prefs-credentials-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsCredentialsGroup, auth_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsCredentialsGroup, token_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsCredentialsGroup, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, KlingPrefsCredentialsGroup, secret_key_row);
}

/* Typed is pending; applied is stored. */
static void
kling_prefs_credentials_group_init (KlingPrefsCredentialsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  g_signal_connect (self->auth_row, "notify::selected", G_CALLBACK (auth_selected_cb), self);
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      AdwEntryRow *row = row_for_kind (self, kind);

      g_signal_connect (row, "changed", G_CALLBACK (secret_changed_cb), self);
      g_signal_connect (row, "apply", G_CALLBACK (secret_applied_cb), self);
    }
}

/* ---- API ------------------------------------------------------------------ */

/**
 * kling_prefs_credentials_group_set_provider:
 *
 * Shows the rows @provider takes, filled from the keyring. What was typed
 * and not applied is dropped: save it first (save_pending).
 */
void
kling_prefs_credentials_group_set_provider (KlingPrefsCredentialsGroup *self,
                                            KlingProvider               provider)
{
  g_return_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self));

  self->provider = provider;
  update_rows (self);
  load_secrets (self);
}

/**
 * kling_prefs_credentials_group_uses_token:
 *
 * Returns: whether the rows ask for a Bearer token, not a pair of keys
 */
gboolean
kling_prefs_credentials_group_uses_token (KlingPrefsCredentialsGroup *self)
{
  g_return_val_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self), FALSE);

  if (self->provider == KLING_PROVIDER_CUSTOM)
    return adw_combo_row_get_selected (self->auth_row) == AUTH_BEARER;
  return self->provider == KLING_PROVIDER_PROXY || self->provider == KLING_PROVIDER_FAL;
}

/**
 * kling_prefs_credentials_group_get_entered:
 *
 * Returns: what @kind's row holds, stored or not
 */
const char *
kling_prefs_credentials_group_get_entered (KlingPrefsCredentialsGroup *self,
                                           KlingCredentialKind         kind)
{
  g_return_val_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self), NULL);

  return row_text (row_for_kind (self, kind));
}

/**
 * kling_prefs_credentials_group_save_pending:
 *
 * Stores what was typed in a shown row and not yet applied.
 */
void
kling_prefs_credentials_group_save_pending (KlingPrefsCredentialsGroup *self)
{
  g_return_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self));

  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->dirty[kind] && gtk_widget_get_visible (GTK_WIDGET (row_for_kind (self, kind))))
      store_secret (self, kind);
}

/**
 * kling_prefs_credentials_group_focus:
 *
 * Puts the focus in the first credential row, unless the environment
 * decides the credentials.
 */
void
kling_prefs_credentials_group_focus (KlingPrefsCredentialsGroup *self)
{
  g_return_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self));

  if (gtk_widget_get_sensitive (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (kling_prefs_credentials_group_uses_token (self)
                                       ? self->token_row : self->access_key_row));
}

gboolean
kling_prefs_credentials_group_is_loading (KlingPrefsCredentialsGroup *self)
{
  g_return_val_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self), FALSE);

  return self->pending_lookups > 0;
}

gboolean
kling_prefs_credentials_group_is_storing (KlingPrefsCredentialsGroup *self)
{
  g_return_val_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self), FALSE);

  return self->pending_stores > 0;
}

gboolean
kling_prefs_credentials_group_is_unsaved (KlingPrefsCredentialsGroup *self,
                                          KlingCredentialKind         kind)
{
  g_return_val_if_fail (KLING_IS_PREFS_CREDENTIALS_GROUP (self), FALSE);

  return self->dirty[kind];
}
