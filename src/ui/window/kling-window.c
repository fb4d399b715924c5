/* kling-window.c — the main window: its pages, header, toasts and drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-error.h"
#include "kling-image-fix.h"
#include "kling-toast.h"
#include "kling-window-private.h"

G_DEFINE_FINAL_TYPE (KlingWindow, kling_window, ADW_TYPE_APPLICATION_WINDOW)

void
kling_window_show_toast (KlingWindow *self,
                         const char  *text)
{
  /* File names, server messages and parser errors ("<data>") are text,
   * not markup. */
  kling_toast_add (self->toast_overlay, kling_toast_new_plain (text));
}

/* — generations — */

/**
 * kling_window_show_task:
 *
 * Shows the Generations page with @task selected (and playing, if its video
 * is there).
 */
void
kling_window_show_task (KlingWindow *self,
                        KlingTask   *task)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "generations");
  kling_window_select_task (self, task);
}

static void
show_sent_task (AdwToast    *toast,
                KlingWindow *self)
{
  KlingTask *task = g_object_get_data (G_OBJECT (toast), "task");

  if (task != NULL)
    kling_window_show_task (self, task);
}

/* — sending — */

/**
 * kling_window_submit_body:
 *
 * Keeps the generation on disk, then hands it to the poller, which sends it
 * and follows it to its video.
 */
typedef struct {
  KlingApplication *app;
  GWeakRef window;
} SubmitData;

static void
submit_data_free (SubmitData *data)
{
  g_object_unref (data->app);
  g_weak_ref_clear (&data->window);
  g_free (data);
}

static void
show_sent_toast (KlingWindow *self,
                 KlingTask   *task)
{
  AdwToast *toast = kling_toast_new_plain (_("Sent: follow it in Generations"));

  adw_toast_set_button_label (toast, _("_Show"));
  g_object_set_data_full (G_OBJECT (toast), "task", g_object_ref (task), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_sent_task), self, 0);
  g_set_weak_pointer (&self->sent_toast, toast);
  kling_toast_add (self->toast_overlay, toast);
}

/* The generation is on disk: it is sent even when its window closed
 * meanwhile, since the artist asked for it. */
static void
task_created_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SubmitData *data = user_data;
  g_autoptr(KlingWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = NULL;
  KlingPoller *poller;

  task = kling_task_store_create_finish (KLING_TASK_STORE (source), result, &error);
  poller = task ? kling_application_get_poller (data->app, &error) : NULL;
  if (poller != NULL)
    kling_poller_submit (poller, task);
  if (self != NULL && poller != NULL)
    show_sent_toast (self, task);
  else if (self != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not keep the generation: %s"), error->message);

      kling_window_show_toast (self, text);
    }
  submit_data_free (data);
}

void
kling_window_submit_body (KlingWindow *self,
                          GBytes      *body)
{
  KlingApplication *app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  KlingClient *client;
  SubmitData *data;

  if (kling_application_get_poller (app, &error) == NULL)
    {
      kling_window_show_toast (self, error->message);
      /* First run: lead the user to where the token goes. */
      if (g_error_matches (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS))
        kling_application_show_preferences (app, TRUE);
      return;
    }

  client = kling_application_get_client (app);
  /* What the provider (fal) would refuse is said before anything is kept or sent. */
  if (!kling_client_check_body (client, body, &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }

  /* Decoding the picture and writing the masks take a while on a large
   * image: off the main thread, so the window never freezes on Generate. */
  data = g_new0 (SubmitData, 1);
  data->app = g_object_ref (app);
  g_weak_ref_init (&data->window, self);
  kling_task_store_create_async (kling_application_get_store (app), body,
                                 kling_client_get_base_url (client),
                                 kling_client_get_auth_mode (client),
                                 NULL, task_created_cb, data);
}

/* — drafts — */

/* Takes @draft; @path (nullable) is the file it came from. */
static gboolean
show_draft (KlingWindow  *self,
            KlingDraft   *draft,
            const char   *path,
            GError      **error)
{
  KlingDocument *document;
  KlingImage *image;

  kling_window_ensure_editor (self);
  if (!kling_editor_page_load_draft (self->editor_page, draft, error))
    return FALSE;

  kling_window_hide_banner (self);
  document = kling_editor_page_get_document (self->editor_page);
  image = kling_document_get_image (document);
  kling_window_set_document_name (self, image ? kling_image_get_name (image) : NULL);
  /* Ctrl+S saves there from now on, also after a restart. */
  if (path != NULL)
    kling_window_set_draft_path (self, path);
  if (kling_document_get_texture (document) != NULL)
    kling_window_show_editor (self);
  return TRUE;
}

typedef struct {
  KlingDraft *draft;
  char       *path;
} DraftFetch;

static void
draft_fetch_free (DraftFetch *fetch)
{
  g_clear_pointer (&fetch->draft, kling_draft_free);
  g_free (fetch->path);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftFetch, draft_fetch_free)

/* The picture of a draft that names it by address has arrived: it is
 * kept in the draft from now on, so the regions stay on these pixels. */
static void
draft_picture_cb (KlingWindow *self,
                  GBytes      *bytes,
                  const char  *name,
                  gpointer     data)
{
  g_autoptr(DraftFetch) fetch = data;
  g_autoptr(GError) error = NULL;
  KlingImage *image = kling_image_new_from_bytes (bytes, name, &error);

  if (image != NULL)
    {
      kling_request_set_image (fetch->draft->request, image);
      kling_image_unref (image);
      if (show_draft (self, g_steal_pointer (&fetch->draft), fetch->path, &error))
        return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("The draft’s picture could not be opened: %s"),
                                             error->message);

    kling_window_show_toast (self, text);
  }
}

/* Takes @draft. A draft whose picture is a web address shows once the
 * picture has been downloaded, or says why it could not be. */
static gboolean
load_draft_from (KlingWindow  *self,
                 KlingDraft   *draft,
                 const char   *path,
                 GError      **error)
{
  KlingImage *image = kling_request_get_image (draft->request);
  DraftFetch *fetch;

  if (image == NULL || !kling_image_is_url (image))
    return show_draft (self, draft, path, error);

  fetch = g_new0 (DraftFetch, 1);
  fetch->draft = draft;
  fetch->path = g_strdup (path);
  kling_window_fetch_url (self, kling_image_get_url (image),
                          _("The draft’s picture is on the web."),
                          draft_picture_cb, fetch, (GDestroyNotify) draft_fetch_free);
  return TRUE;
}

gboolean
kling_window_load_draft_object (KlingWindow  *self,
                                KlingDraft   *draft,
                                GError      **error)
{
  return load_draft_from (self, draft, NULL, error);
}

gboolean
kling_window_load_draft (KlingWindow  *self,
                         const char   *path,
                         GError      **error)
{
  KlingDraft *draft = kling_draft_load (path, error);

  return draft != NULL && load_draft_from (self, draft, path, error);
}

gboolean
kling_window_save_draft (KlingWindow  *self,
                         const char   *path,
                         GError      **error)
{
  kling_window_ensure_editor (self);
  return kling_editor_page_save_draft (self->editor_page, path, error);
}

/* The composition the window had when it last closed. The editor is built
 * only if there is one. */
void
kling_window_restore_autosave (KlingWindow *self)
{
  g_autofree char *path = kling_editor_page_get_autosave_path ();
  g_autoptr(GError) error = NULL;
  KlingDocument *document;
  KlingDraft *draft;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  kling_window_ensure_editor (self);
  draft = kling_draft_load (path, &error);
  if (draft == NULL || !kling_editor_page_load_draft (self->editor_page, draft, &error))
    {
      g_warning ("Could not restore the autosaved draft %s: %s", path, error->message);
      return;
    }
  document = kling_editor_page_get_document (self->editor_page);
  if (kling_document_get_texture (document) != NULL)
    {
      kling_window_announce_restored (self);
      kling_window_show_editor (self);
    }
}

/**
 * kling_window_peek_document:
 *
 * The composition, if the editor has been built; %NULL before.
 */
KlingDocument *
kling_window_peek_document (KlingWindow *self)
{
  return self->editor_page != NULL ? kling_editor_page_get_document (self->editor_page) : NULL;
}

/* — the end frame — */

static void
end_frame_read (KlingWindow *self,
                GBytes      *bytes,
                const char  *name,
                gpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingImage) image = kling_image_new_from_bytes (bytes, name, &error);

  if (image != NULL && !kling_image_check (image, _("End frame"), &error))
    g_clear_pointer (&image, kling_image_unref);
  if (image == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_params_panel_set_end_frame (kling_editor_page_get_params_panel (self->editor_page), image);
}

static void
end_frame_chosen (KlingWindow *self,
                  GFile       *file)
{
  kling_window_read_picture (self, file, end_frame_read);
}

static void
end_frame_requested_cb (KlingWindow *self)
{
  kling_window_choose_image (self, _("Choose End Frame"), end_frame_chosen);
}

/* — window size — */

/* The size is kept when the window closes (not at every step of a resize):
 * the binding goes through a delayed copy of the settings. */
static void
bind_size (KlingWindow      *self,
           KlingApplication *app)
{
  GSettings *settings = app ? kling_application_get_settings (app) : NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) delayed = NULL;

  if (settings == NULL)
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  delayed = g_settings_new_full (schema, NULL, NULL);
  g_settings_delay (delayed);
  g_settings_bind (delayed, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (delayed, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (delayed, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self, "close-request", G_CALLBACK (g_settings_apply), delayed, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (self), "kling-size-settings", g_steal_pointer (&delayed), g_object_unref);
}

/* — GObject — */

static void
kling_window_dispose (GObject *object)
{
  KlingWindow *self = KLING_WINDOW (object);

  if (self->app_signals != NULL)
    g_signal_group_set_target (self->app_signals, NULL);
  g_clear_object (&self->app_signals);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pending_pixbuf);
  g_clear_pointer (&self->pending_name, g_free);

  g_clear_weak_pointer (&self->sent_toast);
  kling_window_dispose_generations (self);
  /* The editor goes with the window's widgets; the actions updated while
   * they are torn down must not ask it (or its panel) anything. */
  if (self->editor_page != NULL)
    {
      g_signal_handlers_disconnect_by_data (kling_editor_page_get_params_panel (self->editor_page), self);
      g_signal_handlers_disconnect_by_data (self->editor_page, self);
      self->editor_page = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_WINDOW);

  G_OBJECT_CLASS (kling_window_parent_class)->dispose (object);
}

static void
kling_window_class_init (KlingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/klingstudio/KlingStudio/kling-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, generations_slot);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, submit_button);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, KlingWindow, setup_button);

}

static void
editor_submit_cb (KlingEditorPage *page,
                  GBytes          *body,
                  KlingWindow     *self)
{
  kling_window_submit_body (self, body);
}

/**
 * kling_window_ensure_editor:
 *
 * Builds the editor page (canvas, tools, regions, parameters) the first time
 * it is needed: a window that opens on its empty page does not pay for it.
 */
void
kling_window_ensure_editor (KlingWindow *self)
{
  KlingApplication *app;

  if (self->editor_page != NULL)
    return;

  app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  self->editor_page = KLING_EDITOR_PAGE (kling_editor_page_new ());
  if (app != NULL)
    kling_editor_page_apply_defaults (self->editor_page, kling_application_get_settings (app));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->editor_page), "editor");

  g_object_bind_property (kling_editor_page_get_flap (self->editor_page), "reveal-flap",
                          self->panel_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_button), TRUE);
  gtk_widget_set_visible (self->submit_button, TRUE);
  g_signal_connect (self->editor_page, "submit", G_CALLBACK (editor_submit_cb), self);
  g_signal_connect_swapped (self->editor_page, "notify::has-image", G_CALLBACK (kling_window_update_actions), self);
  g_signal_connect_swapped (kling_editor_page_get_params_panel (self->editor_page), "end-frame-requested",
                            G_CALLBACK (end_frame_requested_cb), self);
  g_signal_connect_swapped (kling_editor_page_get_params_panel (self->editor_page), "notify::problem",
                            G_CALLBACK (kling_window_update_actions), self);
  kling_window_follow_work (self);
  kling_window_update_actions (self);
}

/**
 * kling_window_get_editor_page:
 *
 * The editor page, built now if it was not yet.
 *
 * Returns: (transfer none): the page
 */
KlingEditorPage *
kling_window_get_editor_page (KlingWindow *self)
{
  g_return_val_if_fail (KLING_IS_WINDOW (self), NULL);
  kling_window_ensure_editor (self);
  return self->editor_page;
}

/* The first frame pays only for what it shows: the main menu's popover
 * and the narrow-window switcher bar are made when first needed. */
static void
create_menu_popup (GtkMenuButton *button,
                   gpointer       user_data)
{
  KlingWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The header shows the title instead of the switcher: the switcher moves to
 * a bar at the bottom, made the first time. */
static void
title_squeezed_cb (KlingWindow *self)
{
  gboolean squeezed = adw_squeezer_get_visible_child (self->title_squeezer) == GTK_WIDGET (self->window_title);

  if (self->switcher_bar == NULL)
    {
      if (!squeezed)
        return;
      self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
      gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
    }
  adw_view_switcher_bar_set_reveal (self->switcher_bar, squeezed);
}

static void
kling_window_init (KlingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_popup, self, NULL);
  g_signal_connect_swapped (self->title_squeezer, "notify::visible-child", G_CALLBACK (title_squeezed_cb), self);

  self->cancellable = g_cancellable_new ();

  kling_window_setup_input (self);
  kling_window_setup_work (self);
  kling_window_setup_generations (self);
  kling_window_update_actions (self);
}

KlingWindow *
kling_window_new (KlingApplication *application)
{
  KlingWindow *self = g_object_new (KLING_TYPE_WINDOW, "application", application, NULL);

  bind_size (self, application);
  /* Built with the application known: a new composition takes its defaults. */
  kling_window_restore_autosave (self);
  kling_window_watch_application (self, application);
  return self;
}
