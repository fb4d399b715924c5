/* kling-application.c — the application: windows, actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-application.h"
#include "kling-credentials.h"
#include "kling-error.h"
#include "kling-preferences-window.h"
#include "kling-window.h"

struct _KlingApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  KlingTaskStore *store;
  KlingClient    *client;
  KlingPoller    *poller;
  GError         *client_error;     /* why there is no client, if there is none */
  GCancellable   *client_cancellable;
};

G_DEFINE_FINAL_TYPE (KlingApplication, kling_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_POLLER,
  PROP_NEEDS_SETUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

KlingTaskStore *
kling_application_get_store (KlingApplication *self)
{
  g_return_val_if_fail (KLING_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->store = kling_task_store_new (kling_task_store_default_dir ());
      if (!kling_task_store_load (self->store, &error))
        g_warning ("Could not read the kept generations: %s", error->message);
    }
  return self->store;
}

static gboolean
any_window_active (KlingApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_window_is_active (l->data))
      return TRUE;
  return FALSE;
}

/* A generation ended while the user was elsewhere: tell them. */
static void
task_finished_cb (KlingPoller      *poller,
                  KlingTask        *task,
                  KlingApplication *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strconcat ("task-", kling_task_get_local_id (task), NULL);
  gboolean ready = kling_task_get_video_path (task) != NULL;
  g_autofree char *prompt = kling_task_dup_display_prompt (task);
  const char *reason = kling_task_get_error_message (task);

  if (any_window_active (self))
    return;

  if (kling_task_get_state (task) == KLING_TASK_STATE_UNCONFIRMED)
    notification = g_notification_new (_("Generation May Have Been Created"));
  else
    notification = g_notification_new (ready ? _("Video Ready") : _("Generation Failed"));
  if (ready)
    g_notification_set_body (notification, prompt && *prompt ? prompt : _("Your video is ready to play"));
  else
    g_notification_set_body (notification, reason ? reason : kling_task_get_status_message (task));
  g_notification_set_default_action_and_target (notification, "app.show-task", "s",
                                                 kling_task_get_local_id (task));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Windows follow these (notify::poller): the application does not need to
 * know what they show. */
static void
notify_client_changed (KlingApplication *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SETUP]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* A new client (new credentials): the poller follows every unfinished
 * generation with it, including what was left when the app last closed. */
static void
adopt_client (KlingApplication *self,
              KlingClient      *client)
{
  if (self->poller != NULL)
    kling_poller_stop (self->poller);
  g_clear_object (&self->poller);
  g_set_object (&self->client, client);
  g_clear_error (&self->client_error);

  self->poller = kling_poller_new (kling_application_get_store (self), self->client);
  g_signal_connect_object (self->poller, "task-finished", G_CALLBACK (task_finished_cb), self, 0);
  kling_poller_start (self->poller);
  notify_client_changed (self);
}

static void
client_made_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KlingApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingClient) client = kling_credentials_make_client_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (client == NULL)
    {
      g_clear_error (&self->client_error);
      self->client_error = g_steal_pointer (&error);
      notify_client_changed (self);
      g_application_release (G_APPLICATION (self));
      return;
    }
  adopt_client (self, client);
  g_application_release (G_APPLICATION (self));
}

/* Reads the provider from the settings and the secrets from the keyring (or
 * the environment, which wins). */
static void
make_client (KlingApplication *self)
{
  g_cancellable_cancel (self->client_cancellable);
  g_clear_object (&self->client_cancellable);
  self->client_cancellable = g_cancellable_new ();
  g_application_hold (G_APPLICATION (self));
  kling_credentials_make_client_async (self->settings, self->client_cancellable, client_made_cb, self);
}

static gboolean
make_client_idle (gpointer user_data)
{
  KlingApplication *self = user_data;

  if (self->client == NULL && self->client_cancellable == NULL)
    make_client (self);
  return G_SOURCE_REMOVE;
}

/**
 * kling_application_get_poller:
 *
 * The poller that sends and follows every generation, once credentials made
 * a client. Without them, @error says what to set up.
 */
KlingPoller *
kling_application_get_poller (KlingApplication  *self,
                              GError           **error)
{
  g_return_val_if_fail (KLING_IS_APPLICATION (self), NULL);

  /* Credentials from the environment need no keyring: no need to wait. */
  if (self->poller == NULL && kling_credentials_environment_overrides (NULL))
    {
      g_autoptr(KlingClient) client = kling_client_new_from_environment (error);

      if (client == NULL)
        return NULL;
      adopt_client (self, client);
    }
  if (self->poller == NULL)
    {
      if (self->client_error != NULL)
        g_propagate_error (error, g_error_copy (self->client_error));
      else
        g_set_error_literal (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS,
                             _("The connection is still being set up; try again in a moment"));
    }
  return self->poller;
}

/* Whether the user still has to enter credentials. */
gboolean
kling_application_needs_setup (KlingApplication *self)
{
  return self->poller == NULL &&
         g_error_matches (self->client_error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS);
}

GSettings *
kling_application_get_settings (KlingApplication *self)
{
  return self->settings;
}

static void
credentials_changed_cb (KlingApplication *self)
{
  make_client (self);
}

void
kling_application_show_preferences (KlingApplication *self,
                                    gboolean          credentials)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = kling_preferences_window_new (parent, self->settings);

  g_signal_connect_object (preferences, "credentials-changed", G_CALLBACK (credentials_changed_cb),
                           self, G_CONNECT_SWAPPED);
  if (credentials)
    kling_preferences_window_show_credentials_page (KLING_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The poller, if credentials made one; %NULL otherwise. */
KlingPoller *
kling_application_peek_poller (KlingApplication *self)
{
  return self->poller;
}

/* The client the poller uses, once there is one. */
KlingClient *
kling_application_get_client (KlingApplication *self)
{
  return self->client;
}

static KlingWindow *
get_or_create_window (KlingApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (kling_window_new (self));
  return KLING_WINDOW (window);
}

static void
kling_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (KLING_APPLICATION (app))));
}

static void
kling_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  KlingWindow *window = get_or_create_window (KLING_APPLICATION (app));

  /* One image (or draft) per window: the editor holds one composition. */
  if (n_files > 0)
    kling_window_open_file (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Kling Studio contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Kling Studio"),
                        "developer-name", _("Kling Studio contributors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/klingstudio/kling-studio",
                        "issue-url", "https://github.com/klingstudio/kling-studio/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Bring still images to life with Kling's image-to-video API: "
                                      "paint what stays still, paint what moves, draw where it goes."),
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_task_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KlingApplication *self = KLING_APPLICATION (user_data);
  KlingWindow *window = get_or_create_window (self);
  KlingTask *task = kling_task_store_find (kling_application_get_store (self),
                                           g_variant_get_string (parameter, NULL));

  if (task != NULL)
    kling_window_show_task (window, task);
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  kling_application_show_preferences (KLING_APPLICATION (user_data), FALSE);
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = preferences_activated },
  { .name = "show-task", .activate = show_task_activated, .parameter_type = "s" },
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
kling_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-url", { "<Control>l", NULL } },
    { "win.save-draft", { "<Control>s", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.submit", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (kling_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  /* Unfinished generations are followed again as soon as there is a client;
   * the keyring is asked once the window has drawn its first frame. */
  g_idle_add_full (G_PRIORITY_LOW, make_client_idle, g_object_ref (app), g_object_unref);
}

static void
kling_application_dispose (GObject *object)
{
  KlingApplication *self = KLING_APPLICATION (object);

  g_cancellable_cancel (self->client_cancellable);
  g_clear_object (&self->client_cancellable);
  if (self->poller != NULL)
    kling_poller_stop (self->poller);
  g_clear_object (&self->poller);
  g_clear_object (&self->client);
  g_clear_error (&self->client_error);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kling_application_parent_class)->dispose (object);
}

static void
kling_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlingApplication *self = KLING_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_POLLER:
      g_value_set_object (value, self->poller);
      break;
    case PROP_NEEDS_SETUP:
      g_value_set_boolean (value, kling_application_needs_setup (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_application_class_init (KlingApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kling_application_dispose;
  object_class->get_property = kling_application_get_property;

  /* The client and the poller change together, when credentials do. */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, KLING_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLLER] =
    g_param_spec_object ("poller", NULL, NULL, KLING_TYPE_POLLER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_SETUP] =
    g_param_spec_boolean ("needs-setup", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = kling_application_startup;
  app_class->activate = kling_application_activate;
  app_class->open = kling_application_open;
}

static void
kling_application_init (KlingApplication *self)
{
  self->settings = kling_settings_open ();
  /* Running uninstalled without the compiled schema: the defaults serve. */
  if (self->settings == NULL)
    g_warning ("The settings schema %s is not installed; using the defaults", APP_ID);
}

KlingApplication *
kling_application_new (void)
{
  return g_object_new (KLING_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/klingstudio/KlingStudio",
                       NULL);
}
