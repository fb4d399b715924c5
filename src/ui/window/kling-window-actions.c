/* kling-window-actions.c — the window's actions, drag and drop, paste
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kling-window-private.h"

static GAction *
lookup (KlingWindow *self,
        const char  *name)
{
  return g_action_map_lookup_action (G_ACTION_MAP (self), name);
}

static void
set_enabled (KlingWindow *self,
             const char  *name,
             gboolean     enabled)
{
  GAction *action = lookup (self, name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Generate cannot send while the panel shows a problem, and says why in
 * its tooltip; the panel shows the problem where it can be fixed. */
static void
update_submit (KlingWindow *self,
               gboolean     has_image)
{
  g_autofree char *problem = NULL;
  g_autofree char *tooltip = NULL;

  if (self->editor_page != NULL)
    g_object_get (kling_editor_page_get_params_panel (self->editor_page), "problem", &problem, NULL);
  set_enabled (self, "submit", has_image && problem == NULL);
  if (problem != NULL)
    tooltip = g_strdup_printf (_("Cannot send yet: %s"), problem);
  gtk_widget_set_tooltip_text (self->submit_button,
                               tooltip != NULL ? tooltip : _("Check and send the request (Ctrl+Enter)"));
}

void
kling_window_update_actions (KlingWindow *self)
{
  gboolean has_image = self->editor_page != NULL && kling_editor_page_get_has_image (self->editor_page);

  set_enabled (self, "save-draft", has_image);
  update_submit (self, has_image);
  set_enabled (self, "copy-json", has_image);
  set_enabled (self, "export-motion", has_image);
  set_enabled (self, "copy-curl", has_image);
  set_enabled (self, "export-tracks", has_image);
  set_enabled (self, "fix-image", self->pending_pixbuf != NULL && !self->cropping);
}

/* — file choosers — */

typedef KlingWindowFileDone ChooserDone;

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  ChooserDone done = g_object_get_data (G_OBJECT (dialog), "done");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        done (self, file);
    }
  g_clear_object (&self->chooser);
}

/* Made, not shown: what the dialog starts with (a file name, a folder) must
 * be set before it is shown, or the portal never hears of it. */
GtkFileChooser *
kling_window_new_chooser (KlingWindow          *self,
                          const char           *title,
                          GtkFileChooserAction  action,
                          const char           *accept,
                          GtkFileFilter        *filter,
                          KlingWindowFileDone   done)
{
  if (self->chooser != NULL)
    return NULL;

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "done", done);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  return GTK_FILE_CHOOSER (self->chooser);
}

static void
run_chooser (KlingWindow          *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GtkFileFilter        *filter,
             ChooserDone           done)
{
  if (kling_window_new_chooser (self, title, action, accept, filter, done) != NULL)
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkFileFilter *
draft_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Kling Studio drafts"));
  gtk_file_filter_add_pattern (filter, "*" KLING_DRAFT_FILE_SUFFIX);
  return filter;
}

void
kling_window_choose_image (KlingWindow         *self,
                           const char          *title,
                           KlingWindowFileDone  done)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  run_chooser (self, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filter, done);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images and drafts"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_filter_add_pattern (filter, "*" KLING_DRAFT_FILE_SUFFIX);
  run_chooser (self, _("Open Image"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filter,
               kling_window_open_file);
}

static void
open_draft_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = draft_filter ();

  run_chooser (self, _("Open Draft"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filter,
               kling_window_open_file);
}

static void
save_to_file (KlingWindow *self,
              GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (path == NULL)
    {
      kling_window_show_toast (self, _("Drafts can only be saved to local files"));
      return;
    }
  if (!g_str_has_suffix (path, KLING_DRAFT_FILE_SUFFIX))
    {
      char *with_suffix = g_strconcat (path, KLING_DRAFT_FILE_SUFFIX, NULL);
      g_free (path);
      path = with_suffix;
    }
  if (!kling_window_save_draft (self, path, &error))
    {
      text = g_strdup_printf (_("Could not save the draft: %s"), error->message);
      kling_window_show_toast (self, text);
      return;
    }
  kling_window_set_draft_path (self, path);
  text = g_strdup_printf (_("Draft saved as %s"), path);
  kling_window_show_toast (self, text);
}

/* The picture's name with the drafts' suffix, else "Untitled". */
char *
kling_window_suggest_draft_name (KlingWindow *self)
{
  KlingImage *image = kling_document_get_image (kling_editor_page_get_document (self->editor_page));
  const char *name = image != NULL && !kling_image_is_url (image) ? kling_image_get_name (image) : NULL;
  g_autofree char *stem = NULL;
  char *dot;

  /* Only a file's own name makes a good one (not a path or a description). */
  if (name != NULL && strchr (name, G_DIR_SEPARATOR) == NULL && strchr (name, '.') != NULL)
    {
      stem = g_strdup (name);
      dot = strrchr (stem, '.');
      *dot = '\0';
    }
  if (stem == NULL || *stem == '\0')
    {
      g_free (stem);
      stem = g_strdup (_("Untitled"));
    }
  return g_strconcat (stem, KLING_DRAFT_FILE_SUFFIX, NULL);
}

/* Drafts go to Documents when there is one, not to wherever the app was
 * started from. */
static GFile *
default_draft_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
save_draft_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->editor_page == NULL)
    return;
  if (kling_editor_page_get_draft_path (self->editor_page) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (kling_editor_page_get_draft_path (self->editor_page));
      save_to_file (self, file);
      return;
    }

  filter = draft_filter ();
  chooser = kling_window_new_chooser (self, _("Save Draft"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), filter, save_to_file);
  if (chooser == NULL)
    return;
  folder = default_draft_folder ();
  name = kling_window_suggest_draft_name (self);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* — web address dialog — */

static void
url_dialog_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        KlingWindow      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "open") && *url != '\0')
    kling_window_open_url (self, url);
}

static void
open_url_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open Web Address"),
                                   _("The picture is downloaded and checked like a file."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Web address of the picture"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (url_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* — the banner, the shortcuts window — */

static void
fix_image_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  kling_window_fix_image (KLING_WINDOW (user_data));
}

/* Built when first asked for, not with the window: it is large. */
static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/klingstudio/KlingStudio/kling-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  gtk_window_present (shortcuts);
}

/* — the request — */

static void
copy_text (KlingWindow *self,
           const char  *text,
           const char  *done_message)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  kling_window_show_toast (self, done_message);
}

/* The request body as text, or %NULL after saying what is wrong with it. */
static char *
body_text_or_say_why (KlingWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = kling_editor_page_build_body (self->editor_page, NULL, &error);

  if (body == NULL)
    {
      kling_window_show_toast (self, error->message);
      return NULL;
    }
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
copy_json_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autofree char *text = body_text_or_say_why (self);

  if (text != NULL)
    copy_text (self, text, _("Request copied as JSON"));
}

/* The base URL requests go to: the connection in use, else the default. */
static char *
shell_quote_base (KlingWindow *self)
{
  KlingApplication *app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  KlingClient *client = app ? kling_application_get_client (app) : NULL;
  const char *base = g_getenv ("KLING_API_BASE");

  if (client != NULL)
    base = kling_client_get_base_url (client);
  return g_shell_quote (base && *base ? base : KLING_DEFAULT_PROXY_BASE);
}

/* The token never leaves the app: the command reads it from the shell. */
static void
copy_curl_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  g_autofree char *json = body_text_or_say_why (self);
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;

  if (json == NULL)
    return;
  base = shell_quote_base (self);
  text = g_strdup_printf ("curl -sS -X POST %s'/v1/videos/image2video' \\\n"
                          "  -H \"Authorization: Bearer $KLING_API_TOKEN\" \\\n"
                          "  -H 'Content-Type: application/json' \\\n"
                          "  --data-binary @- <<'KLING_REQUEST'\n%s\nKLING_REQUEST\n",
                          base, json);
  copy_text (self, text, _("Request copied as a cURL command (the token is read from $KLING_API_TOKEN)"));
}

/* The header's Generate and Ctrl+Return: the editor checks and sends. */
static void
submit_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);

  if (self->editor_page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->editor_page), "editor.submit", NULL);
}

/* — paste and drop — */

static void
paste_texture_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KlingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) png = NULL;

  if (texture == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  kling_window_open_bytes (self, png, _("Pasted image"));
}

static void
open_text (KlingWindow *self,
           const char  *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (g_str_has_prefix (trimmed, "http://") || g_str_has_prefix (trimmed, "https://"))
    kling_window_open_url (self, trimmed);
  else if (g_str_has_prefix (trimmed, "file://") || g_path_is_absolute (trimmed))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (trimmed);
      kling_window_open_file (self, file);
    }
  else
    kling_window_show_toast (self, _("The clipboard holds no picture, file or web address"));
}

static void
paste_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KlingWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL)
    open_text (self, text);
}

static void
paste_files_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KlingWindow) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);
  GSList *files = value ? g_value_get_boxed (value) : NULL;

  if (files != NULL)
    kling_window_open_file (self, files->data);
}

static void
paste_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GtkWidget *text = kling_editor_page_get_focused_text (GTK_WIDGET (self));

  /* Ctrl+V in a text field pastes text there: a web address pasted into
   * the prompt must not replace the picture. */
  if (text != NULL)
    {
      gtk_widget_activate_action (text, "clipboard.paste", NULL);
      return;
    }
  /* A picture is opened only where the user sees it arrive. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "editor") != 0)
    return;

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, self->cancellable, paste_text_cb, g_object_ref (self));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         KlingWindow   *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      kling_window_open_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (g_value_get_object (value));
      kling_window_open_bytes (self, png, _("Dropped image"));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      open_text (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

static const GActionEntry window_actions[] = {
  { .name = "open", .activate = open_action },
  { .name = "open-url", .activate = open_url_action },
  { .name = "open-draft", .activate = open_draft_action },
  { .name = "save-draft", .activate = save_draft_action },
  { .name = "fix-image", .activate = fix_image_action },
  { .name = "show-help-overlay", .activate = shortcuts_action },
  { .name = "copy-json", .activate = copy_json_action },
  { .name = "export-motion", .activate = kling_window_export_motion_action, .parameter_type = "s" },
  { .name = "copy-curl", .activate = copy_curl_action },
  { .name = "export-tracks", .activate = kling_window_export_tracks_action },
  { .name = "submit", .activate = submit_action },
  { .name = "paste", .activate = paste_action },
};

void
kling_window_setup_input (KlingWindow *self)
{
  GtkEventController *shortcuts;
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE, G_TYPE_STRING };

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  /* Ctrl+Return generates even while typing the prompt (a text view would
   * take it as a new line): caught before the focused widget sees it. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("win.submit")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (drop));
}
