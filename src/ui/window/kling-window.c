/* kling-window.c — the main window: the editor, its drafts and its panels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-capabilities.h"
#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-image-fix.h"
#include "kling-window-private.h"

G_DEFINE_FINAL_TYPE (KlingWindow, kling_window, ADW_TYPE_APPLICATION_WINDOW)

#define AUTOSAVE_DELAY_MS 1000

void
kling_window_show_toast (KlingWindow *self,
                         const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
void
kling_window_submit_body (KlingWindow *self,
                          GBytes      *body)
{
  KlingApplication *app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autofree char *text = NULL;
  KlingPoller *poller;
  KlingTaskStore *store;
  KlingClient *client;

  poller = kling_application_get_poller (app, &error);
  if (poller == NULL)
    {
      kling_window_show_toast (self, error->message);
      /* First run: lead the user to where the token goes. */
      if (g_error_matches (error, KLING_ERROR, KLING_ERROR_NO_CREDENTIALS))
        kling_application_show_preferences (app, TRUE);
      return;
    }

  store = kling_application_get_store (app);
  client = kling_application_get_client (app);
  task = kling_task_store_create (store, body, kling_client_get_base_url (client),
                                  kling_client_get_auth_mode (client), &error);
  if (task == NULL)
    {
      text = g_strdup_printf (_("Could not keep the generation: %s"), error->message);
      kling_window_show_toast (self, text);
      return;
    }
  g_object_ref (task);
  kling_poller_submit (poller, task);

  {
    AdwToast *toast = adw_toast_new (_("Sent: follow it in Generations"));

    adw_toast_set_button_label (toast, _("_Show"));
    g_object_set_data_full (G_OBJECT (toast), "task", g_object_ref (task), g_object_unref);
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_sent_task), self, 0);
    g_set_weak_pointer (&self->sent_toast, toast);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* — drafts and autosave — */

char *
kling_window_get_autosave_path (void)
{
  const char *dir = g_getenv ("KLING_STUDIO_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "autosave" KLING_DRAFT_FILE_SUFFIX, NULL);
  return g_build_filename (g_get_user_data_dir (), "kling-studio", "autosave" KLING_DRAFT_FILE_SUFFIX, NULL);
}

/* Takes @draft. */
gboolean
kling_window_load_draft_object (KlingWindow  *self,
                                KlingDraft   *draft,
                                GError      **error)
{
  KlingImage *image;

  if (!kling_document_load_draft (self->document, draft, error))
    return FALSE;

  kling_window_hide_banner (self);
  g_clear_pointer (&self->draft_path, g_free);
  image = kling_document_get_image (self->document);
  kling_window_set_document_name (self, image ? kling_image_get_name (image) : NULL);
  if (kling_document_get_texture (self->document) != NULL)
    kling_window_show_editor (self);
  return TRUE;
}

gboolean
kling_window_load_draft (KlingWindow  *self,
                         const char   *path,
                         GError      **error)
{
  KlingDraft *draft = kling_draft_load (path, error);
  g_autofree char *name = NULL;

  if (draft == NULL || !kling_window_load_draft_object (self, draft, error))
    return FALSE;

  self->draft_path = g_strdup (path);
  name = g_path_get_basename (path);
  kling_window_set_document_name (self, name);
  return TRUE;
}

gboolean
kling_window_save_draft (KlingWindow  *self,
                         const char   *path,
                         GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return kling_draft_save (kling_document_get_draft (self->document), path, error);
}

static gboolean
autosave_cb (gpointer user_data)
{
  KlingWindow *self = user_data;
  g_autofree char *path = kling_window_get_autosave_path ();
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (kling_document_get_texture (self->document) == NULL)
    return G_SOURCE_REMOVE;
  if (!kling_window_save_draft (self, path, &error))
    g_warning ("Could not autosave the draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (KlingWindow *self)
{
  if (self->autosave_id != 0)
    g_source_remove (self->autosave_id);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
  kling_window_update_actions (self);
}

static void
restore_autosave (KlingWindow *self)
{
  g_autofree char *path = kling_window_get_autosave_path ();
  g_autoptr(GError) error = NULL;
  KlingDraft *draft;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  draft = kling_draft_load (path, &error);
  if (draft == NULL || !kling_document_load_draft (self->document, draft, &error))
    {
      g_warning ("Could not restore the autosaved draft %s: %s", path, error->message);
      return;
    }
  if (kling_document_get_texture (self->document) != NULL)
    {
      KlingImage *image = kling_document_get_image (self->document);
      kling_window_set_document_name (self, image ? kling_image_get_name (image) : NULL);
      kling_window_show_editor (self);
    }
}

/* — the parameters panel — */

static void
document_changed_cb (KlingWindow *self)
{
  if (self->params_panel == NULL)
    return;
  kling_params_panel_set_uses_motion_brush (self->params_panel, kling_document_any_region_painted (self->document));
}

/* A loaded draft brings a request of its own. */
static void
document_image_changed_cb (KlingWindow *self)
{
  if (self->params_panel == NULL)
    return;
  kling_params_panel_set_request (self->params_panel, kling_document_get_request (self->document));
  document_changed_cb (self);
}

static void
end_frame_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KlingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = kling_file_read_limited_finish (G_FILE (source), result, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autoptr(KlingImage) image = NULL;

  if (bytes != NULL)
    image = kling_image_new_from_bytes (bytes, name, &error);
  if (image != NULL && !kling_image_check (image, _("End frame"), &error))
    g_clear_pointer (&image, kling_image_unref);
  if (image == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kling_window_show_toast (self, error->message);
      return;
    }
  kling_params_panel_set_end_frame (self->params_panel, image);
}

static void
end_frame_chosen (KlingWindow *self,
                  GFile       *file)
{
  kling_file_read_limited_async (file, KLING_IMAGE_MAX_FILE_BYTES, self->cancellable,
                                 end_frame_loaded_cb, g_object_ref (self));
}

static void
end_frame_requested_cb (KlingWindow *self)
{
  kling_window_choose_image (self, _("Choose End Frame"), end_frame_chosen);
}

/* — view state — */

static void
update_zoom_label (KlingWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", kling_canvas_get_zoom (self->canvas) * 100);

  gtk_label_set_text (self->zoom_label, text);
}

static void
update_tool_options (KlingWindow *self)
{
  switch (kling_canvas_get_tool (self->canvas))
    {
    case KLING_TOOL_FILL:
      gtk_stack_set_visible_child_name (self->tool_options, "fill");
      break;
    case KLING_TOOL_TRAJECTORY:
      gtk_stack_set_visible_child_name (self->tool_options, "trajectory");
      break;
    case KLING_TOOL_BRUSH:
    case KLING_TOOL_ERASER:
    default:
      gtk_stack_set_visible_child_name (self->tool_options, "brush");
      break;
    }
  kling_window_update_actions (self);
}

static void
canvas_message_cb (KlingCanvas *canvas,
                   const char  *text,
                   KlingWindow *self)
{
  kling_window_show_toast (self, text);
}

static void
smooth_toggled_cb (GtkCheckButton *check,
                   KlingWindow    *self)
{
  kling_canvas_set_smoothing (self->canvas, gtk_check_button_get_active (check));
}

static void
tolerance_changed_cb (GtkAdjustment *adjustment,
                      KlingWindow   *self)
{
  kling_canvas_set_fill_tolerance (self->canvas, gtk_adjustment_get_value (adjustment));
}

/* — defaults — */

/* A new composition starts with the model, mode and duration chosen in
 * Preferences; a restored one keeps its own. */
static void
apply_generation_defaults (KlingWindow      *self,
                           KlingApplication *app)
{
  GSettings *settings = app ? kling_application_get_settings (app) : NULL;
  KlingRequest *request = kling_document_get_request (self->document);
  g_autofree char *model = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *duration = NULL;

  if (settings == NULL || kling_document_get_texture (self->document) != NULL)
    return;

  model = g_settings_get_string (settings, "default-model");
  mode = g_settings_get_string (settings, "default-mode");
  duration = g_settings_get_string (settings, "default-duration");
  if (kling_capabilities_has_model (model))
    kling_request_set_model (request, model);
  if (kling_capabilities_supports_mode (kling_request_get_model (request), mode))
    kling_request_set_mode (request, mode);
  if (kling_capabilities_supports_duration (kling_request_get_model (request),
                                            kling_request_get_mode (request), duration))
    kling_request_set_duration (request, duration);
}

/* — window size — */

static void
restore_size (KlingWindow      *self,
              KlingApplication *app)
{
  GSettings *settings = app ? kling_application_get_settings (app) : NULL;

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
close_request_cb (KlingWindow *self)
{
  KlingApplication *app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings = app ? kling_application_get_settings (app) : NULL;
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
    }
  return FALSE;
}

/* — GObject — */

static void
kling_window_dispose (GObject *object)
{
  KlingWindow *self = KLING_WINDOW (object);

  /* Whatever is still waiting to be autosaved is saved now. */
  if (self->autosave_id != 0)
    {
      g_source_remove (self->autosave_id);
      autosave_cb (self);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pending_pixbuf);
  g_clear_pointer (&self->pending_name, g_free);
  g_clear_pointer (&self->draft_path, g_free);

  g_clear_weak_pointer (&self->sent_toast);
  /* The panel goes with the editor's widgets; the actions updated while
   * they are torn down must not ask it anything. */
  if (self->params_panel != NULL)
    g_signal_handlers_disconnect_by_data (self->params_panel, self);
  self->params_panel = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_WINDOW);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (kling_window_parent_class)->dispose (object);
}

static void
kling_window_class_init (KlingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_window_dispose;

  g_type_ensure (KLING_TYPE_CANVAS);
  g_type_ensure (KLING_TYPE_REGION_LIST);
  g_type_ensure (KLING_TYPE_PARAMS_PANEL);

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

  kling_window_class_setup_actions (widget_class);
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
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->flap != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/io/github/klingstudio/KlingStudio/kling-editor.ui");
  self->flap = ADW_FLAP (gtk_builder_get_object (builder, "flap"));
  self->canvas = KLING_CANVAS (gtk_builder_get_object (builder, "canvas"));
  self->region_list = KLING_REGION_LIST (gtk_builder_get_object (builder, "region_list"));
  self->params_panel = KLING_PARAMS_PANEL (gtk_builder_get_object (builder, "params_panel"));
  self->side_box = GTK_BOX (gtk_builder_get_object (builder, "side_box"));
  self->tool_options = GTK_STACK (gtk_builder_get_object (builder, "tool_options"));
  self->size_adjustment = GTK_ADJUSTMENT (gtk_builder_get_object (builder, "size_adjustment"));
  self->hardness_adjustment = GTK_ADJUSTMENT (gtk_builder_get_object (builder, "hardness_adjustment"));
  self->tolerance_adjustment = GTK_ADJUSTMENT (gtk_builder_get_object (builder, "tolerance_adjustment"));
  self->smooth_check = GTK_CHECK_BUTTON (gtk_builder_get_object (builder, "smooth_check"));
  self->zoom_label = GTK_LABEL (gtk_builder_get_object (builder, "zoom_label"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->flap), "editor");

  kling_canvas_set_document (self->canvas, self->document);
  kling_region_list_set_document (self->region_list, self->document);

  g_object_bind_property (self->flap, "reveal-flap", self->panel_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_button), TRUE);
  gtk_widget_set_visible (self->submit_button, TRUE);
  g_object_bind_property (self->size_adjustment, "value", self->canvas, "brush-size",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->hardness_adjustment, "value", self->canvas, "hardness",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->region_list, "selected", self->canvas, "region",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self->tolerance_adjustment, "value-changed", G_CALLBACK (tolerance_changed_cb), self);
  g_signal_connect (self->smooth_check, "toggled", G_CALLBACK (smooth_toggled_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (update_zoom_label), self);
  g_signal_connect_swapped (self->canvas, "notify::tool", G_CALLBACK (update_tool_options), self);
  g_signal_connect_swapped (self->canvas, "notify::region", G_CALLBACK (kling_window_update_actions), self);
  g_signal_connect (self->canvas, "message", G_CALLBACK (canvas_message_cb), self);
  g_signal_connect_swapped (self->params_panel, "changed", G_CALLBACK (kling_document_emit_changed), self->document);
  g_signal_connect_swapped (self->params_panel, "end-frame-requested", G_CALLBACK (end_frame_requested_cb), self);
  g_signal_connect_swapped (self->params_panel, "notify::problem", G_CALLBACK (kling_window_update_actions), self);
  kling_params_panel_set_request (self->params_panel, kling_document_get_request (self->document));
  document_changed_cb (self);

  update_zoom_label (self);
  update_tool_options (self);
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
  self->document = kling_document_new ();

  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (schedule_autosave), self);
  g_signal_connect_swapped (self->document, "notify::can-undo", G_CALLBACK (kling_window_update_actions), self);
  g_signal_connect_swapped (self->document, "notify::can-redo", G_CALLBACK (kling_window_update_actions), self);
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "image-changed", G_CALLBACK (document_image_changed_cb), self);

  kling_window_setup_input (self);
  kling_window_setup_generations (self);
  restore_autosave (self);
  kling_window_update_actions (self);
}

KlingWindow *
kling_window_new (KlingApplication *application)
{
  KlingWindow *self = g_object_new (KLING_TYPE_WINDOW, "application", application, NULL);

  restore_size (self, application);
  apply_generation_defaults (self, application);
  kling_window_poller_changed (self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  return self;
}
