/* kling-window-generations.c — the Generations page: history and player
 *
 * The history lists every kept generation; the player beside it plays the
 * selected one with its paths and regions over the video. Both are built,
 * and follow the task store, only once the page is first shown: the window's
 * first frame does not wait for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-choices.h"
#include "kling-history-view.h"
#include "kling-player.h"
#include "kling-video-paintable.h"
#include "kling-task-draft.h"
#include "kling-toast.h"
#include "kling-window-private.h"

static KlingApplication *
get_app (KlingWindow *self)
{
  return KLING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* The player shows the selected generation, paused: its video, or where it
 * stands. A selection that goes because its row went (a delete) empties the
 * player; one the user only cleared leaves what is shown. */
static void
selection_changed_cb (KlingWindow *self)
{
  KlingTask *task = kling_history_view_get_selected_task (self->history);
  KlingTask *shown = kling_player_get_task (self->player);

  if (task != NULL)
    kling_player_set_task (self->player, task);
  else if (shown != NULL && kling_history_view_get_row (self->history, shown) == NULL)
    kling_player_set_task (self->player, NULL);
}

/* The history has selected the row already: this plays it. */
static void
play_cb (KlingHistoryView *view,
         KlingTask        *task,
         KlingWindow      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->history));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GtkWidget) kept = focus != NULL ? g_object_ref (focus) : NULL;

  kling_player_set_task (self->player, task);
  if (kling_task_get_video_path (task) != NULL)
    kling_video_paintable_play (kling_player_get_paintable (self->player));
  /* Folded, the player comes over the list with the focus. Side by side,
   * the leaflet would move the focus too: it stays in the list, where the
   * arrow keys choose the next generation. */
  adw_leaflet_navigate (self->generations_leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (kept != NULL && !adw_leaflet_get_folded (self->generations_leaflet) &&
      gtk_widget_is_ancestor (kept, GTK_WIDGET (self->history)))
    gtk_widget_grab_focus (kept);
}

static void
open_draft_in_editor (KlingWindow *self,
                      gpointer     data)
{
  g_autoptr(GError) error = NULL;

  /* kling_window_load_draft_object () takes the draft */
  if (!kling_window_load_draft_object (self, data, &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
  kling_window_show_toast (self, _("The generation is back in the editor: make a variant"));
}

static void
open_in_editor_cb (KlingHistoryView *view,
                   KlingTask        *task,
                   KlingWindow      *self)
{
  g_autoptr(GError) error = NULL;
  KlingDraft *draft = kling_task_to_draft (task, &error);
  /* The question names the generation by the start of its prompt. */
  g_autofree char *name = kling_choices_prompt_excerpt (kling_task_get_prompt (task), 40);

  if (draft == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_replace_composition (self, name ? name : _("No prompt"), open_draft_in_editor,
                                    draft, (GDestroyNotify) kling_draft_free);
}

/* A failed generation is sent again as a new one: same request, new id. */
static void
retry_cb (KlingHistoryView *view,
          KlingTask        *task,
          KlingWindow      *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingDraft) draft = kling_task_to_draft (task, &error);
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;

  if (draft != NULL)
    request = kling_draft_to_request (draft, &error);
  if (request != NULL)
    body = kling_request_build_body (request, &error);
  if (body == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_submit_body (self, body);
}

/* Folded, the player covers the list: its back button leads there. */
static void
update_back_button (KlingWindow *self)
{
  gboolean covered = adw_leaflet_get_folded (self->generations_leaflet) &&
                     adw_leaflet_get_visible_child (self->generations_leaflet) == GTK_WIDGET (self->player);

  kling_player_set_back_visible (self->player, covered);
}

static void
back_cb (KlingWindow *self)
{
  adw_leaflet_navigate (self->generations_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* With no generation at all, the list's empty page has the whole width: a
 * player beside it would only say "No Video" a second time. */
static void
update_player_shown (KlingWindow *self)
{
  KlingApplication *app = get_app (self);
  gboolean any;

  /* A window closing has left its application already. */
  if (app == NULL)
    return;
  any = g_list_model_get_n_items (G_LIST_MODEL (kling_application_get_store (app))) > 0;

  gtk_widget_set_visible (self->generations_separator, any);
  gtk_widget_set_visible (GTK_WIDGET (self->player), any);
  gtk_widget_set_hexpand (GTK_WIDGET (self->history), !any);
}

static void
ensure_generations (KlingWindow *self)
{
  KlingApplication *app = get_app (self);
  AdwLeafletPage *separator;

  if (self->history != NULL || app == NULL)
    return;

  /* The list, a separator, and the player, which folds over the list when
   * the window is narrow. */
  self->generations_leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->generations_leaflet, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->generations_leaflet), TRUE);
  gtk_box_append (self->generations_slot, GTK_WIDGET (self->generations_leaflet));

  self->history = KLING_HISTORY_VIEW (kling_history_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->history), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->history), 360, -1);
  adw_leaflet_append (self->generations_leaflet, GTK_WIDGET (self->history));
  self->generations_separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  separator = adw_leaflet_append (self->generations_leaflet, self->generations_separator);
  adw_leaflet_page_set_navigatable (separator, FALSE);
  self->player = KLING_PLAYER (kling_player_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->player), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->player), TRUE);
  adw_leaflet_append (self->generations_leaflet, GTK_WIDGET (self->player));

  kling_history_view_set_toast_overlay (self->history, self->toast_overlay);
  kling_history_view_set_settings (self->history, kling_application_get_settings (app));
  kling_history_view_set_store (self->history, kling_application_get_store (app));
  kling_history_view_set_poller (self->history, kling_application_peek_poller (app));
  g_signal_connect (self->history, "play", G_CALLBACK (play_cb), self);
  g_signal_connect (self->history, "open-in-editor", G_CALLBACK (open_in_editor_cb), self);
  g_signal_connect (self->history, "retry", G_CALLBACK (retry_cb), self);
  g_signal_connect_swapped (self->history, "notify::selected-task", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->player, "back", G_CALLBACK (back_cb), self);
  g_signal_connect_swapped (self->generations_leaflet, "notify::folded", G_CALLBACK (update_back_button), self);
  g_signal_connect_swapped (self->generations_leaflet, "notify::visible-child", G_CALLBACK (update_back_button), self);
  g_signal_connect_object (kling_application_get_store (app), "items-changed",
                           G_CALLBACK (update_player_shown), self, G_CONNECT_SWAPPED);
  update_back_button (self);
  update_player_shown (self);
}

/* The poller appears when credentials do: the history can then check now. */
static void
poller_changed_cb (KlingWindow *self)
{
  KlingApplication *app = get_app (self);

  if (app == NULL)
    return;
  /* No credentials yet: the start page offers to set them up. */
  gtk_widget_set_visible (self->setup_button, kling_application_needs_setup (app));
  if (self->history != NULL)
    kling_history_view_set_poller (self->history, kling_application_peek_poller (app));
}

/**
 * kling_window_watch_application:
 *
 * Follows the application's poller and whether credentials are missing,
 * until the window is disposed (its pages are gone then, though the window
 * may live on a little).
 */
void
kling_window_watch_application (KlingWindow      *self,
                                KlingApplication *app)
{
  if (self->app_signals == NULL)
    {
      self->app_signals = g_signal_group_new (KLING_TYPE_APPLICATION);
      g_signal_group_connect_swapped (self->app_signals, "notify::poller", G_CALLBACK (poller_changed_cb), self);
      g_signal_group_connect_swapped (self->app_signals, "notify::needs-setup", G_CALLBACK (poller_changed_cb), self);
    }
  g_signal_group_set_target (self->app_signals, app);
  if (app != NULL)
    poller_changed_cb (self);
}

void
kling_window_select_task (KlingWindow *self,
                          KlingTask   *task)
{
  ensure_generations (self);
  kling_history_view_select_task (self->history, task);
  /* Even before its row is there, the player says where it stands. */
  kling_player_set_task (self->player, task);
  if (kling_task_get_video_path (task) != NULL)
    play_cb (self->history, task, self);
}

/* Generate and the side panel's toggle belong to the editor, once it is
 * built: the start page has nothing to send, and a narrow header keeps room
 * for the title. */
static void
update_header_buttons (KlingWindow *self,
                       gboolean     editor)
{
  gtk_widget_set_visible (self->submit_button, editor && self->editor_page != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_button), editor && self->editor_page != NULL);
}

static void
visible_page_changed (KlingWindow *self)
{
  gboolean generations = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "generations") == 0;

  if (generations)
    ensure_generations (self);
  /* "Sent: follow it in Generations" has done its work once it is followed. */
  if (generations && self->sent_toast != NULL)
    kling_toast_dismiss (self->sent_toast);
  update_header_buttons (self, !generations);
  /* Toasts would cover the player's controls there (style.css). */
  if (generations)
    gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "kling-above-player");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->toast_overlay), "kling-above-player");
}

void
kling_window_setup_generations (KlingWindow *self)
{
  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (visible_page_changed), self);
}
