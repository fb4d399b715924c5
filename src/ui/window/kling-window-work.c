/* kling-window-work.c — the work's name, where it lives, and starting afresh
 *
 * The title names the draft, or the picture until it is saved as one. The
 * autosave remembers, in a small file beside it, where the draft was
 * saved, so that Ctrl+S still saves in place after a restart. Ctrl+N starts
 * a new composition (asking first when there is work to lose); a restored
 * autosave says so, and offers the same fresh start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kling-application.h"
#include "kling-window-private.h"

static char *
location_path (void)
{
  g_autofree char *autosave = kling_editor_page_get_autosave_path ();

  return g_strconcat (autosave, ".location", NULL);
}

/**
 * kling_window_set_draft_path:
 * @path: (nullable): where the composition is saved as a draft; %NULL when
 *   it is not (a picture just opened)
 *
 * Ctrl+S saves there from now on, also after a restart, and the title
 * names the draft (else the picture).
 */
void
kling_window_set_draft_path (KlingWindow *self,
                             const char  *path)
{
  g_autofree char *location = location_path ();
  g_autoptr(GError) error = NULL;

  kling_window_ensure_editor (self);
  kling_editor_page_set_draft_path (self->editor_page, path);
  if (path == NULL)
    g_unlink (location);
  else if (!g_file_set_contents (location, path, -1, &error))
    g_warning ("Could not remember where the draft is: %s", error->message);

  if (path != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      kling_window_set_document_name (self, name);
    }
  else
    {
      KlingImage *image = kling_document_get_image (kling_editor_page_get_document (self->editor_page));

      kling_window_set_document_name (self, image ? kling_image_get_name (image) : NULL);
    }
  self->unsaved = FALSE;
}

/* The draft the autosave was last saved as, if it is still there. */
static char *
remembered_draft_path (void)
{
  g_autofree char *location = location_path ();
  g_autofree char *path = NULL;

  if (!g_file_get_contents (location, &path, NULL, NULL))
    return NULL;
  g_strstrip (path);
  if (*path == '\0' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

/* A toast that offers one way back, for longer than a plain message. */
static void
add_offer (KlingWindow *self,
           const char  *text,
           const char  *button_label,
           const char  *action_name)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * kling_window_announce_restored:
 *
 * After the autosave came back: the title names the work as it was, and a
 * toast says it is back, with a way to start afresh instead.
 */
void
kling_window_announce_restored (KlingWindow *self)
{
  g_autofree char *draft = remembered_draft_path ();

  kling_window_set_draft_path (self, draft);
  add_offer (self, _("Your last composition is back"), _("Start _Fresh"), "win.start-fresh");
}

/* — starting afresh — */

static void
start_fresh (KlingWindow *self)
{
  KlingApplication *app = KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;

  kling_window_ensure_editor (self);
  if (!kling_editor_page_load_draft (self->editor_page, kling_draft_new (), &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  if (app != NULL)
    kling_editor_page_apply_defaults (self->editor_page, kling_application_get_settings (app));
  kling_window_hide_banner (self);
  kling_window_set_draft_path (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
  kling_window_update_actions (self);
}

static void
start_fresh_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  start_fresh (KLING_WINDOW (user_data));
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 KlingWindow      *self)
{
  if (g_str_equal (response, "new"))
    start_fresh (self);
}

/**
 * kling_window_work_is_saved:
 *
 * Whether the composition is in its draft as it is now: putting it away
 * then loses nothing.
 */
gboolean
kling_window_work_is_saved (KlingWindow *self)
{
  return self->editor_page != NULL && kling_editor_page_get_draft_path (self->editor_page) != NULL &&
         !self->unsaved;
}

/* Work is lost by a fresh start when it was never saved, or changed since. */
static gboolean
has_unsaved_work (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);
  const char *prompt;

  if (document == NULL || kling_document_get_texture (document) == NULL)
    return FALSE;
  if (kling_window_work_is_saved (self))
    return FALSE;
  prompt = kling_request_get_prompt (kling_document_get_request (document));
  return kling_document_has_motion (document) || (prompt != NULL && *prompt != '\0');
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  GtkWidget *dialog;

  if (!has_unsaved_work (self))
    {
      start_fresh (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Start a New Composition?"),
                                   _("The picture, its regions and paths, and the prompt are put away. "
                                     "Save a draft first (Ctrl+S) to keep them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "new", _("_Start New"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* — the prompt kept for a new picture — */

static void
clear_prompt_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KlingWindow *self = KLING_WINDOW (user_data);
  KlingDocument *document = kling_window_peek_document (self);
  KlingRequest *request;

  if (document == NULL)
    return;
  request = kling_document_get_request (document);
  kling_request_set_prompt (request, NULL);
  kling_request_set_negative_prompt (request, NULL);
  kling_params_panel_set_request (kling_editor_page_get_params_panel (self->editor_page), request);
  kling_document_emit_changed (document);
}

/**
 * kling_window_say_what_stays:
 *
 * A new picture keeps the prompt and the settings: say so, and offer to
 * clear the prompt, so that an old prompt is not sent with it unawares.
 */
void
kling_window_say_what_stays (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);
  KlingRequest *request = document ? kling_document_get_request (document) : NULL;
  const char *prompt = request ? kling_request_get_prompt (request) : NULL;
  const char *negative = request ? kling_request_get_negative_prompt (request) : NULL;

  if ((prompt == NULL || *prompt == '\0') && (negative == NULL || *negative == '\0'))
    return;
  add_offer (self, _("The prompt and the settings stay for the new picture"), _("_Clear Prompt"),
             "win.clear-prompt");
}

static void
document_changed_cb (KlingWindow *self)
{
  self->unsaved = TRUE;
}

static const GActionEntry work_actions[] = {
  { .name = "new", .activate = new_action },
  { .name = "start-fresh", .activate = start_fresh_action },
  { .name = "clear-prompt", .activate = clear_prompt_action },
};

void
kling_window_setup_work (KlingWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), work_actions, G_N_ELEMENTS (work_actions), self);
}

/* Called when the editor is built: its changes make the work unsaved. */
void
kling_window_follow_work (KlingWindow *self)
{
  g_signal_connect_object (kling_editor_page_get_document (self->editor_page), "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
}
