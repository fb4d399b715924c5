/* test-preferences.c — the Preferences window and where credentials live
 *
 * Runs in the session of tests/headless-run.sh: a private Xvfb and D-Bus
 * session bus with an unlocked gnome-keyring, GSETTINGS_BACKEND=memory. The
 * token is typed into the real password row with XTest key events and read
 * back from the keyring with libsecret; then every file under the data and
 * config folders is searched for it. "Test connection" talks to the
 * in-process fake Kling server. The "Generation" page is in
 * test-preferences-generation.c; what both share, in kling-test-preferences.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kling-credentials.h"
#include "kling-error.h"
#include "kling-test-preferences.h"

/* ---- Scanning for secrets ------------------------------------------------ */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_length = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* Binary files (the keyring's) hold NUL bytes: no string functions. */
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (contents + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Every regular file under @dir whose bytes contain @needle. */
static void
find_in_tree (const char *dir,
              const char *needle,
              GPtrArray  *found,
              guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        find_in_tree (path, needle, found, n_files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          (*n_files)++;
          if (file_contains (path, needle))
            g_ptr_array_add (found, g_steal_pointer (&path));
        }
    }
}

static void
assert_nowhere_on_disk (const char *secret)
{
  const char *dirs[] = { g_getenv ("XDG_DATA_HOME"), g_getenv ("XDG_CONFIG_HOME"),
                         g_getenv ("KLING_STUDIO_DATA_DIR"), g_getenv ("HOME") };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_assert_nonnull (dirs[i]);
      find_in_tree (dirs[i], secret, found, &n_files);
    }
  for (guint i = 0; i < found->len; i++)
    g_test_message ("the secret is in %s", (char *) found->pdata[i]);
  g_assert_cmpuint (found->len, ==, 0);
  /* The keyring's own files are there (encrypted): the scan did look. */
  g_assert_cmpuint (n_files, >, 0);
}

static void
assert_not_in_settings (const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (test_settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (test_settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

/* ---- Tests --------------------------------------------------------------- */

/* The token typed into the row goes to the keyring, nowhere else, and comes
 * back in the row next time. */
static void
test_token_typed_is_stored (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *stored = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;

  open_window (f, 640, 760);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "token_row"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "access_key_row"))));

  type_into_row (part (f->window, "token_row"), TOKEN);
  wait_for_changed (f, 1);
  stored = keyring_lookup ("proxy", "token");
  g_assert_cmpstr (stored, ==, TOKEN);
  g_assert_false (kling_prefs_credentials_group_is_unsaved (credentials (f->window), KLING_CREDENTIAL_TOKEN));

  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_PROXY_BASE);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_BEARER);

  close_window (f);
  open_window (f, 640, 760);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f->window, "token_row"))), ==, TOKEN);
}

/* Keys typed and not applied are stored when the window closes. */
static void
test_keys_stored_on_close (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *access_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;

  open_window (f, 640, 760);
  adw_combo_row_set_selected (part (f->window, "provider_row"), KLING_PROVIDER_OFFICIAL);
  g_assert_cmpint (g_settings_get_enum (test_settings, "provider"), ==, KLING_PROVIDER_OFFICIAL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "token_row"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "secret_key_row"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "provider_row"))), ==,
                   KLING_DEFAULT_OFFICIAL_BASE);

  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "access_key_row")), ACCESS_KEY);
  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "secret_key_row")), " " SECRET_KEY "\n");
  /* Typed, not applied: nothing goes to the keyring yet. */
  g_assert_true (kling_prefs_credentials_group_is_unsaved (credentials (f->window), KLING_CREDENTIAL_ACCESS_KEY));
  g_assert_false (kling_prefs_credentials_group_is_storing (credentials (f->window)));
  access_key = keyring_lookup ("official", "access-key");
  g_assert_null (access_key);

  close_window (f);
  access_key = keyring_lookup ("official", "access-key");
  secret_key = keyring_lookup ("official", "secret-key");
  g_assert_cmpstr (access_key, ==, ACCESS_KEY);
  /* What a copy and paste adds around it is not part of the key. */
  g_assert_cmpstr (secret_key, ==, SECRET_KEY);

  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, KLING_DEFAULT_OFFICIAL_BASE);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);
}

/* The official API's server is chosen beside the provider, shown only for
 * it, saved at once, and is where requests go. */
static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* @row shows @value, not cut short. */
static void
assert_value_whole (GtkWidget  *row,
                    const char *value)
{
  GtkWidget *label = kling_test_find_widget (row, is_label_text, value);

  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
}

static void
test_official_host (Fixture       *f,
                    gconstpointer  data)
{
  AdwActionRow *provider_row;

  open_window (f, 640, 760);
  provider_row = ADW_ACTION_ROW (part (f->window, "provider_row"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));

  choose_in_combo (part (f->window, "provider_row"), KLING_PROVIDER_OFFICIAL, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));
  g_assert_cmpuint (adw_combo_row_get_selected (part (f->window, "official_host_row")), ==, KLING_OFFICIAL_HOST_SINGAPORE);
  g_assert_cmpstr (adw_action_row_get_subtitle (provider_row), ==, "https://api-singapore.klingai.com");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "official_host_row"))), ==,
                   "Keys work only on their own site’s server");

  /* The list says which keys each server takes. */
  choose_in_combo (part (f->window, "official_host_row"), KLING_OFFICIAL_HOST_BEIJING,
                   "For keys from Kling’s mainland China site");
  assert_setting ("official-host", "beijing");
  g_assert_cmpstr (adw_action_row_get_subtitle (provider_row), ==, "https://api-beijing.klingai.com");
  g_assert_nonnull (find_label (GTK_WIDGET (part (f->window, "official_host_row")), "Beijing"));
  g_assert_null (find_label (GTK_WIDGET (part (f->window, "official_host_row")), "Singapore"));
  /* The app rebuilds its client for the new server. */
  g_assert_cmpuint (f->changed, ==, 2);
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-official-host-640");

  choose_in_combo (part (f->window, "provider_row"), KLING_PROVIDER_PROXY, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (provider_row), ==, KLING_DEFAULT_PROXY_BASE);
  choose_in_combo (part (f->window, "provider_row"), KLING_PROVIDER_CUSTOM, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));

  /* Opened again, narrow: the choice is still there, and both choices can
   * be read whole beside their titles. */
  close_window (f);
  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_OFFICIAL);
  g_settings_set_enum (test_settings, "official-host", KLING_OFFICIAL_HOST_SINGAPORE);
  open_window (f, 360, 800);
  kling_test_wait_still (GTK_WIDGET (f->window));
  assert_value_whole (GTK_WIDGET (part (f->window, "provider_row")), "Official API");
  assert_value_whole (GTK_WIDGET (part (f->window, "official_host_row")), "Singapore");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-official-host-360");
  close_window (f);
  g_settings_set_enum (test_settings, "official-host", KLING_OFFICIAL_HOST_BEIJING);
  open_window (f, 420, 800);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));
  g_assert_cmpuint (adw_combo_row_get_selected (part (f->window, "official_host_row")), ==, KLING_OFFICIAL_HOST_BEIJING);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "provider_row"))), ==,
                   "https://api-beijing.klingai.com");
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-official-host-420");

  /* KLING_API_BASE decides the URL: the choice would change nothing. */
  close_window (f);
  g_setenv ("KLING_API_BASE", f->server_base, TRUE);
  open_window (f, 640, 760);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "official_host_row"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "provider_row"))), ==, f->server_base);
}

/* The client goes to the chosen server with the one pair of keys, and only
 * a server chosen that way is marked official (for the hint of
 * test-client.c's /client/official-host-hint). Nothing is sent. */
static void
test_official_host_client (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  KlingOfficialHost host = KLING_OFFICIAL_HOST_SINGAPORE;

  keyring_store ("official", "access-key", ACCESS_KEY);
  keyring_store ("official", "secret-key", SECRET_KEY);
  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_OFFICIAL);
  g_settings_set_string (test_settings, "official-host", "beijing");

  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, "https://api-beijing.klingai.com");
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);
  g_assert_true (kling_client_get_official_host (client, &host));
  g_assert_cmpint (host, ==, KLING_OFFICIAL_HOST_BEIJING);
  g_clear_object (&client);

  g_settings_set_string (test_settings, "official-host", "singapore");
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, "https://api-singapore.klingai.com");
  g_assert_true (kling_client_get_official_host (client, &host));
  g_assert_cmpint (host, ==, KLING_OFFICIAL_HOST_SINGAPORE);
  g_clear_object (&client);

  /* The environment's URL wins, and may be any server. */
  g_settings_set_string (test_settings, "official-host", "beijing");
  g_setenv ("KLING_API_BASE", f->server_base, TRUE);
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, f->server_base);
  g_assert_false (kling_client_get_official_host (client, NULL));
  g_clear_object (&client);
  g_unsetenv ("KLING_API_BASE");

  /* A custom server with keys is not an official one, whatever its URL. */
  keyring_store ("custom", "access-key", ACCESS_KEY);
  keyring_store ("custom", "secret-key", SECRET_KEY);
  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_CUSTOM);
  g_settings_set_string (test_settings, "custom-base-url", "https://api-beijing.klingai.com");
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);
  g_assert_false (kling_client_get_official_host (client, NULL));
}

typedef struct {
  const char *text;
  gboolean    error;
} UrlCase;

/* The base URL is checked as it is typed and saved only when it is safe. */
static void
test_custom_base_url (Fixture       *f,
                      gconstpointer  data)
{
  static const UrlCase cases[] = {
    { "http://api.example.com/kling", TRUE },
    { "https://user:pw@api.example.com", TRUE },
    { "https://api.example.com/kling/", FALSE },
    { "http://127.0.0.1:8080", FALSE },
    { "", FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingClient) client = NULL;

  open_window (f, 400, 800);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "base_url_row"))));
  adw_combo_row_set_selected (part (f->window, "provider_row"), KLING_PROVIDER_CUSTOM);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "base_url_row"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "auth_row"))));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (part (f->window, "base_url_row")), cases[i].text);
      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (part (f->window, "base_url_row")), "error"), ==,
                       cases[i].error);
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "base_url_error"))), ==, cases[i].error);
    }

  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "base_url_row")), "http://api.example.com");
  g_assert_nonnull (strstr (gtk_label_get_text (part (f->window, "base_url_error")), "must use https://"));
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-bad-url-400");
  g_signal_emit_by_name (part (f->window, "base_url_row"), "apply");
  assert_setting ("custom-base-url", "");
  /* a refused address is not shown as where requests go */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "provider_row"))), !=,
                   "http://api.example.com");

  client = make_client (test_settings, &error);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);

  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "base_url_row")), f->server_base);
  g_signal_emit_by_name (part (f->window, "base_url_row"), "apply");
  assert_setting ("custom-base-url", f->server_base);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (f->window, "provider_row"))), ==, f->server_base);
}

/* "Test connection" uses what is entered: a wrong token shows the server's
 * 1002 message, the right one "Connected" with the host. */
static void
test_connection (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *connected = g_strdup_printf ("Connected to %s", f->server_base + strlen ("http://"));
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *result;

  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_CUSTOM);
  g_settings_set_string (test_settings, "custom-base-url", f->server_base);
  open_window (f, 640, 760);
  g_assert_cmpint (adw_combo_row_get_selected (part (f->window, "auth_row")), ==, AUTH_BEARER);

  result = run_connection_test (f);
  g_assert_cmpstr (result, ==, "The API token is empty");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (part (f->window, "test_icon")), "error"));
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", NULL), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "token_row")), WRONG_TOKEN);
  result = run_connection_test (f);
  g_assert_true (g_str_has_prefix (result, "Authentication failed: the token is invalid"));
  g_assert_nonnull (strstr (result, "code 1002"));
  g_assert_nonnull (strstr (result, "request id"));
  g_assert_null (strstr (result, WRONG_TOKEN));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (part (f->window, "test_icon")), "error"));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-auth-failed");

  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "token_row")), TOKEN);
  /* The earlier result went with what it was about. */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (part (f->window, "test_icon")), "error"));
  result = run_connection_test (f);
  g_assert_cmpstr (result, ==, connected);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (part (f->window, "test_icon")), "success"));
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", "/v1/videos/image2video"), ==, 2);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-connected");

  /* Testing stores nothing; closing does. */
  g_assert_null (keyring_lookup ("custom", "token"));
  close_window (f);
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, f->server_base);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_BEARER);
}

/* A custom server keeps one kind of credentials: keys replace the token. */
static void
test_custom_jwt (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_CUSTOM);
  g_settings_set_string (test_settings, "custom-base-url", f->server_base);
  keyring_store ("custom", "token", TOKEN);
  open_window (f, 640, 760);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f->window, "token_row"))), ==, TOKEN);

  adw_combo_row_set_selected (part (f->window, "auth_row"), AUTH_JWT);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "token_row"))));
  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "access_key_row")), ACCESS_KEY);
  g_signal_emit_by_name (part (f->window, "access_key_row"), "apply");
  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "secret_key_row")), SECRET_KEY);
  g_signal_emit_by_name (part (f->window, "secret_key_row"), "apply");
  wait_for_changed (f, 1);

  token = keyring_lookup ("custom", "token");
  g_assert_null (token);
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_JWT);

  /* Opened again, the window shows the keys. */
  close_window (f);
  open_window (f, 640, 760);
  g_assert_cmpint (adw_combo_row_get_selected (part (f->window, "auth_row")), ==, AUTH_JWT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f->window, "secret_key_row"))), ==, SECRET_KEY);
}

/* Environment variables win, and the window says which. */
static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *which = NULL;

  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_OFFICIAL);
  keyring_store ("proxy", "token", TOKEN);

  /* KLING_API_BASE alone: the URL from it, the token from the keyring. */
  g_setenv ("KLING_API_BASE", f->server_base, TRUE);
  g_assert_false (kling_credentials_environment_overrides (&which));
  g_assert_null (which);
  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_PROXY);
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, f->server_base);
  g_clear_object (&client);

  g_setenv ("KLING_API_TOKEN", ENV_TOKEN, TRUE);
  g_settings_set_enum (test_settings, "provider", KLING_PROVIDER_OFFICIAL);
  g_assert_true (kling_credentials_environment_overrides (&which));
  g_assert_cmpstr (which, ==, "KLING_API_TOKEN");
  client = make_client (test_settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kling_client_get_base_url (client), ==, f->server_base);
  g_assert_cmpint (kling_client_get_auth_mode (client), ==, KLING_AUTH_BEARER);

  open_window (f, 640, 760);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "environment_group"))));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (part (f->window, "environment_row"))), ==,
                   "Set by the environment variable KLING_API_TOKEN");
  g_assert_cmpstr (adw_action_row_get_subtitle (part (f->window, "environment_base_row")), ==, f->server_base);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (part (f->window, "token_row"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (part (f->window, "provider_row"))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (part (f->window, "test_button"))));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-environment");

  /* The test uses the environment's token: the server wants another. */
  kling_fake_server_set_token (f->server, ENV_TOKEN);
  g_assert_true (g_str_has_prefix (run_connection_test (f), "Connected to 127.0.0.1:"));
}

/* First run: no credentials; the app is told to open Preferences, which
 * welcome the user on the API page with the focus in the token field. */
static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;

  client = make_client (NULL, &error);
  g_assert_error (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
  g_assert_cmpstr (error->message, ==, "No API token is saved for the Kling proxy: open Preferences to enter it");

  open_window (f, 1280, 800);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), "generation");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "welcome_group"))));
  kling_preferences_window_show_credentials_page (f->window);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (f->window)), ==, "api");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (part (f->window, "welcome_group"))));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (part (f->window, "token_row"))));
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-first-run-1280x800");

  /* Typed straight away, since the focus is there. */
  kling_test_xdotool ("type", "--delay", "15", TOKEN, NULL);
  kling_test_key (GTK_WIDGET (part (f->window, "token_row")), "Return");
  wait_for_changed (f, 1);
  g_clear_error (&error);
  client = make_client (NULL, &error);
  g_assert_no_error (error);

  close_window (f);
  open_window (f, 400, 800);
  kling_preferences_window_show_credentials_page (f->window);
  g_assert_true (kling_test_wait_for (kling_test_widget_mapped, part (f->window, "welcome_group"), 5000));
  kling_test_wait_still (GTK_WIDGET (f->window));
  kling_test_save_screenshot (GTK_WIDGET (f->window), "preferences-first-run-400");
}

/* No file under the data or config folders, and no setting, holds a secret. */
static void
test_no_secret_on_disk (Fixture       *f,
                        gconstpointer  data)
{
  const char *secrets[] = { TOKEN, ACCESS_KEY, SECRET_KEY };
  g_autofree char *canary_dir = kling_test_make_dir ("canary");
  g_autofree char *canary = g_build_filename (canary_dir, "file", NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0;

  open_window (f, 640, 760);
  type_into_row (part (f->window, "token_row"), TOKEN);
  wait_for_changed (f, 1);
  adw_combo_row_set_selected (part (f->window, "provider_row"), KLING_PROVIDER_OFFICIAL);
  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "access_key_row")), ACCESS_KEY);
  gtk_editable_set_text (GTK_EDITABLE (part (f->window, "secret_key_row")), SECRET_KEY);
  close_window (f);
  g_settings_sync ();

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *stored = keyring_lookup (i == 0 ? "proxy" : "official",
                                                i == 0 ? "token" : i == 1 ? "access-key" : "secret-key");

      g_assert_cmpstr (stored, ==, secrets[i]);
      assert_nowhere_on_disk (secrets[i]);
      assert_not_in_settings (secrets[i]);
    }

  /* The search finds a secret where there is one. */
  g_assert_true (g_file_set_contents (canary, "x" TOKEN "y", -1, NULL));
  find_in_tree (canary_dir, TOKEN, found, &n_files);
  g_assert_cmpuint (found->len, ==, 1);
  g_unlink (canary);
}

/* The defaults of new compositions follow what each model allows. */
int
main (int    argc,
      char **argv)
{
  kling_test_preferences_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preferences/token-typed-is-stored", test_token_typed_is_stored);
  ADD ("/preferences/keys-stored-on-close", test_keys_stored_on_close);
  ADD ("/preferences/official-host", test_official_host);
  ADD ("/preferences/official-host-client", test_official_host_client);
  ADD ("/preferences/custom-base-url", test_custom_base_url);
  ADD ("/preferences/test-connection", test_connection);
  ADD ("/preferences/custom-jwt", test_custom_jwt);
  ADD ("/preferences/environment", test_environment);
  ADD ("/preferences/first-run", test_first_run);
  ADD ("/preferences/no-secret-on-disk", test_no_secret_on_disk);
#undef ADD

  return g_test_run ();
}

