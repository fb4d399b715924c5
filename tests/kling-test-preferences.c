/* kling-test-preferences.c — what the Preferences tests share
 *
 * The keyring and the settings seen from outside the window, the window
 * opened and closed as a person would, its rows found by their ids, and
 * typing and choosing in them with real X events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-prefs-api-page.h"
#include "kling-prefs-generation-page.h"
#include "kling-prefs-test-row.h"
#include "kling-test-preferences.h"

GSettings *test_settings;

/* ---- Keyring and settings ------------------------------------------------ */

char *
keyring_lookup (const char *provider,
                const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (kling_secret_get_schema (), NULL, &error,
                                              "provider", provider, "kind", kind, NULL);

  g_assert_no_error (error);
  return secret;
}

static void
keyring_clear_all (void)
{
  g_autoptr(GError) error = NULL;

  /* No attributes: every item of the schema. */
  while (secret_password_clear_sync (kling_secret_get_schema (), NULL, &error, NULL))
    ;
  g_assert_no_error (error);
}

void
keyring_store (const char *provider,
               const char *kind,
               const char *secret)
{
  g_autoptr(GError) error = NULL;

  secret_password_store_sync (kling_secret_get_schema (), SECRET_COLLECTION_DEFAULT, "test", secret,
                              NULL, &error, "provider", provider, "kind", kind, NULL);
  g_assert_no_error (error);
}

/* The tests need the real keyring; without one they fail, loudly. */
static void
check_keyring_reachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  secret_password_store_sync (kling_secret_get_schema (), SECRET_COLLECTION_DEFAULT, "probe", "probe",
                              NULL, &error, "provider", "probe", "kind", "probe", NULL);
  if (error == NULL)
    back = secret_password_lookup_sync (kling_secret_get_schema (), NULL, &error,
                                        "provider", "probe", "kind", "probe", NULL);
  if (error != NULL || g_strcmp0 (back, "probe") != 0)
    g_error ("The keyring is not reachable on the session bus (run this test through tests/headless-run.sh, "
             "which starts gnome-keyring-daemon --unlock --components=secrets): %s",
             error != NULL ? error->message : "the stored value did not come back");
  keyring_clear_all ();
}

void
assert_setting (const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (test_settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
reset_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (test_settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (test_settings, keys[i]);
}

/* ---- The window ---------------------------------------------------------- */

/* The widget with the id @id in the template of one of the window's pages
 * or their parts. */
gpointer
part (KlingPreferencesWindow *window,
      const char             *id)
{
  GType types[] = {
    KLING_TYPE_PREFS_API_PAGE,
    KLING_TYPE_PREFS_CREDENTIALS_GROUP,
    KLING_TYPE_PREFS_TEST_ROW,
    KLING_TYPE_PREFS_GENERATION_PAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *holder = kling_test_find_widget (GTK_WIDGET (window), kling_test_match_type,
                                                  GSIZE_TO_POINTER (types[i]));
      GObject *child = holder != NULL ? gtk_widget_get_template_child (holder, types[i], id) : NULL;

      if (child != NULL)
        return child;
    }
  g_error ("The preferences have no “%s”", id);
  return NULL;
}

KlingPrefsCredentialsGroup *
credentials (KlingPreferencesWindow *window)
{
  return part (window, "credentials_group");
}

static void
credentials_changed_cb (KlingPreferencesWindow *window,
                        Fixture                *f)
{
  f->changed++;
}

static gboolean
window_ready (gpointer data)
{
  KlingPreferencesWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         !kling_prefs_credentials_group_is_loading (credentials (window)) &&
         gtk_widget_get_width (part (window, "provider_row")) > 0;
}

void
open_window (Fixture *f,
             int      width,
             int      height)
{
  f->window = g_object_ref (KLING_PREFERENCES_WINDOW (kling_preferences_window_new (NULL, test_settings)));
  g_signal_connect (f->window, "credentials-changed", G_CALLBACK (credentials_changed_cb), f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kling_test_wait_for (window_ready, f->window, 5000));
  kling_test_wait_still (GTK_WIDGET (f->window));
}

static gboolean
stores_done (gpointer data)
{
  Fixture *f = data;

  return !kling_prefs_credentials_group_is_storing (credentials (f->window));
}

void
close_window (Fixture *f)
{
  if (f->window == NULL)
    return;
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (kling_test_wait_for (stores_done, f, 5000));
  g_signal_handlers_disconnect_by_data (f->window, f);
  g_clear_object (&f->window);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  reset_settings ();
  keyring_clear_all ();
  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_set_token (f->server, TOKEN);
  f->server_base = kling_fake_server_start (f->server, 0, NULL);
  g_assert_nonnull (f->server_base);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f);
  g_clear_pointer (&f->server, kling_fake_server_free);
  g_unsetenv ("KLING_API_TOKEN");
  g_unsetenv ("KLING_API_BASE");
  keyring_clear_all ();
}

typedef struct {
  Fixture *f;
  guint    target;
} ChangedWait;

static gboolean
changed_reached (gpointer data)
{
  ChangedWait *wait = data;

  return wait->f->changed >= wait->target &&
         !kling_prefs_credentials_group_is_storing (credentials (wait->f->window));
}

void
wait_for_changed (Fixture *f,
                  guint    target)
{
  ChangedWait wait = { f, target };

  g_assert_true (kling_test_wait_for (changed_reached, &wait, 5000));
}

/* Clicks into a row and types like a person, then presses Enter (apply). */
void
type_into_row (AdwEntryRow *row,
               const char  *text)
{
  GtkWidget *widget = GTK_WIDGET (row);

  kling_test_click (widget, gtk_widget_get_width (widget) / 3.0, gtk_widget_get_height (widget) / 2.0, 1);
  kling_test_xdotool ("type", "--delay", "15", text, NULL);
  kling_test_key (widget, "Return");
}

void
click_button (GtkWidget *button)
{
  kling_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
}

static gboolean
combo_popover_mapped (gpointer data)
{
  GtkWidget *popover = kling_test_find_widget (data, kling_test_match_type, GSIZE_TO_POINTER (GTK_TYPE_POPOVER));

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static gboolean
combo_popover_unmapped (gpointer data)
{
  return !combo_popover_mapped (data);
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* A label on screen in @root that reads exactly @text. */
GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return kling_test_find_widget (root, label_is, text);
}

/* Like a person: a click opens the row's list, the arrow keys move to the
 * item and Return picks it. @shown (nullable): a text the open list shows. */
void
choose_in_combo (AdwComboRow *row,
                 guint        position,
                 const char  *shown)
{
  GtkWidget *widget = GTK_WIDGET (row);
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GString) keys = g_string_new (NULL);

  click_button (widget);
  g_assert_true (kling_test_wait_for (combo_popover_mapped, widget, 5000));
  if (shown != NULL)
    g_assert_nonnull (find_label (kling_test_find_widget (widget, kling_test_match_type,
                                                          GSIZE_TO_POINTER (GTK_TYPE_POPOVER)), shown));
  for (; selected < position; selected++)
    g_string_append (keys, "Down ");
  for (; selected > position; selected--)
    g_string_append (keys, "Up ");
  g_string_append (keys, "Return");
  kling_test_key (widget, keys->str);
  g_assert_true (kling_test_wait_for (combo_popover_unmapped, widget, 5000));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, position);
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

KlingClient *
make_client (GSettings  *settings,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kling_credentials_make_client_async (settings, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kling_credentials_make_client_finish (result, error);
}

static gboolean
test_finished (gpointer data)
{
  KlingPreferencesWindow *window = data;

  return gtk_widget_get_sensitive (GTK_WIDGET (part (window, "test_button"))) &&
         (gtk_widget_has_css_class (GTK_WIDGET (part (window, "test_icon")), "success") ||
          gtk_widget_has_css_class (GTK_WIDGET (part (window, "test_icon")), "error"));
}

/* Presses "Test" and returns the result line the user reads. */
const char *
run_connection_test (Fixture *f)
{
  click_button (GTK_WIDGET (part (f->window, "test_button")));
  g_assert_true (kling_test_wait_for (test_finished, f->window, 10000));
  return adw_action_row_get_subtitle (part (f->window, "test_row"));
}

/* Settings in memory, the data in a folder of the test's own, and a keyring
 * that answers: every Preferences test starts so. */
void
kling_test_preferences_init (int    *argc,
                             char ***argv)
{
  g_autofree char *data_dir = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  kling_test_compile_schema ();
  data_dir = kling_test_make_dir ("kling-data");
  g_setenv ("KLING_STUDIO_DATA_DIR", data_dir, TRUE);
  kling_test_ui_init (argc, argv);
  check_keyring_reachable ();
  test_settings = g_settings_new (APP_ID);
}
