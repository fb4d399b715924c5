/* kling-application.c — the application: windows, actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-application.h"
#include "kling-window.h"

struct _KlingApplication
{
  AdwApplication  parent_instance;

  KlingTaskStore *store;
  KlingClient    *client;
  KlingPoller    *poller;
};

G_DEFINE_FINAL_TYPE (KlingApplication, kling_application, ADW_TYPE_APPLICATION)

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

/**
 * kling_application_get_poller:
 *
 * The poller that sends and follows every generation, made the first time
 * credentials are available. It picks up what was left unfinished.
 */
KlingPoller *
kling_application_get_poller (KlingApplication  *self,
                              GError           **error)
{
  g_return_val_if_fail (KLING_IS_APPLICATION (self), NULL);

  if (self->poller != NULL)
    return self->poller;

  self->client = kling_client_new_from_environment (error);
  if (self->client == NULL)
    return NULL;
  self->poller = kling_poller_new (kling_application_get_store (self), self->client);
  kling_poller_start (self->poller);
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

static const GActionEntry app_actions[] = {
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
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-url", { "<Control>l", NULL } },
    { "win.save-draft", { "<Control>s", NULL } },
    { "win.submit", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.toggle-panel", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (kling_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
kling_application_dispose (GObject *object)
{
  KlingApplication *self = KLING_APPLICATION (object);

  if (self->poller != NULL)
    kling_poller_stop (self->poller);
  g_clear_object (&self->poller);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kling_application_parent_class)->dispose (object);
}

static void
kling_application_class_init (KlingApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kling_application_dispose;

  app_class->startup = kling_application_startup;
  app_class->activate = kling_application_activate;
  app_class->open = kling_application_open;
}

static void
kling_application_init (KlingApplication *self)
{
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
