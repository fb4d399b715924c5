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

#include "kling-history-details.h"
#include "kling-history-text.h"
#include "kling-history-view.h"
#include "kling-toast.h"
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

/* — Open in Editor — */

/* The editor's composition as a draft file would keep it. */
static char *
composition_checksum (KlingWindow *self)
{
  KlingDocument *document = kling_window_peek_document (self);
  g_autofree char *data = NULL;
  gsize length;

  if (document == NULL || kling_document_get_texture (document) == NULL)
    return NULL;
  data = kling_draft_to_data (kling_document_get_draft (document), &length);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

typedef struct {
  KlingDraft *draft;
  char       *local_id;
} Reopening;

static void
reopening_free (Reopening *reopening)
{
  g_clear_pointer (&reopening->draft, kling_draft_free);
  g_free (reopening->local_id);
  g_free (reopening);
}

static void
open_draft_in_editor (KlingWindow *self,
                      gpointer     data)
{
  Reopening *reopening = data;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  /* kling_window_load_draft_object () takes the draft */
  loaded = kling_window_load_draft_object (self, g_steal_pointer (&reopening->draft), &error);
  g_free (self->opened_task);
  self->opened_task = g_steal_pointer (&reopening->local_id);
  reopening_free (reopening);
  if (!loaded)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  g_free (self->opened_checksum);
  self->opened_checksum = composition_checksum (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
  /* its keys (a region's number, a tool's letter) are the canvas's at once */
  kling_editor_page_focus_canvas (self->editor_page);
  kling_window_show_toast (self, _("The generation is back in the editor: make a variant"));
}

/* Whether the editor's request is the one @task sent (its external id aside). */
static gboolean
editor_sent_task (KlingWindow *self,
                  KlingTask   *task)
{
  KlingDocument *document = kling_window_peek_document (self);
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) sent = kling_task_build_body (task, NULL);
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) theirs = NULL;

  if (document == NULL || sent == NULL)
    return FALSE;
  request = kling_draft_to_request (kling_document_get_draft (document), NULL);
  if (request != NULL)
    body = kling_request_build_body (request, NULL);
  if (body == NULL)
    return FALSE;
  ours = json_from_string (g_bytes_get_data (body, NULL), NULL);
  theirs = json_from_string (g_bytes_get_data (sent, NULL), NULL);
  if (ours == NULL || theirs == NULL || !JSON_NODE_HOLDS_OBJECT (ours) || !JSON_NODE_HOLDS_OBJECT (theirs))
    return FALSE;
  json_object_remove_member (json_node_get_object (ours), "external_task_id");
  json_object_remove_member (json_node_get_object (theirs), "external_task_id");
  return json_node_equal (ours, theirs);
}

/* Whether the editor holds exactly @task's composition, as it was opened
 * from @task or as it was sent. */
static gboolean
editor_holds_task (KlingWindow *self,
                   KlingTask   *task,
                   const char  *checksum)
{
  if (checksum != NULL && g_strcmp0 (self->opened_task, kling_task_get_local_id (task)) == 0 &&
      g_strcmp0 (self->opened_checksum, checksum) == 0)
    return TRUE;
  return editor_sent_task (self, task);
}

/* Whether the composition is the draft file it was last saved to. */
static gboolean
composition_saved (KlingWindow *self,
                   const char  *checksum)
{
  const char *path = self->editor_page != NULL ? kling_editor_page_get_draft_path (self->editor_page) : NULL;
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  if (path == NULL || checksum == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  saved = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_strcmp0 (saved, checksum) == 0;
}

static void
open_in_editor_cb (KlingHistoryView *view,
                   KlingTask        *task,
                   KlingWindow      *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = composition_checksum (self);
  g_autofree char *name = NULL;
  Reopening *reopening;
  KlingDraft *draft;

  /* Nothing to replace: the editor shows it as it is. */
  if (editor_holds_task (self, task, checksum))
    {
      kling_window_show_editor (self);
      return;
    }
  draft = kling_task_to_draft (task, &error);
  if (draft == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  reopening = g_new0 (Reopening, 1);
  reopening->draft = draft;
  reopening->local_id = g_strdup (kling_task_get_local_id (task));
  /* Nothing unsaved is lost: no question. */
  if (composition_saved (self, checksum))
    {
      open_draft_in_editor (self, reopening);
      return;
    }
  name = kling_history_dup_display_name (task);
  kling_window_replace_composition (self, name, open_draft_in_editor,
                                    reopening, (GDestroyNotify) reopening_free);
}

static void
details_cb (KlingHistoryView *view,
            KlingTask        *task,
            KlingWindow      *self)
{
  kling_history_details_show (GTK_WIDGET (self), task);
}

/* @task beside the selected one, in sync. */
static void
compare_cb (KlingHistoryView *view,
            KlingTask        *task,
            KlingWindow      *self)
{
  KlingTask *selected = kling_history_view_get_selected_task (view);

  if (selected == NULL || selected == task)
    return;
  kling_player_set_task (self->player, selected);
  kling_player_compare_with (self->player, task);
  {
    g_autofree char *own = kling_history_dup_display_name (selected);
    g_autofree char *other = kling_history_dup_display_name (task);

    kling_player_set_compare_captions (self->player, own, other);
  }
  adw_leaflet_navigate (self->generations_leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
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
  const char *colors[KLING_TASK_N_REGIONS + 1] = { NULL };

  if (draft != NULL)
    request = kling_draft_to_request (draft, &error);
  if (request != NULL)
    body = kling_request_build_body (request, &error);
  if (body == NULL)
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  for (int i = 0; i < KLING_TASK_N_REGIONS; i++)
    colors[i] = kling_task_get_region_color (task, i);
  kling_window_submit_request (self, body, request, colors[0] != NULL ? colors : NULL);
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
  gtk_widget_set_size_request (GTK_WIDGET (self->history), 420, -1);
  adw_leaflet_append (self->generations_leaflet, GTK_WIDGET (self->history));
  self->generations_separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  separator = adw_leaflet_append (self->generations_leaflet, self->generations_separator);
  adw_leaflet_page_set_navigatable (separator, FALSE);
  self->player = KLING_PLAYER (kling_player_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->player), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->player), TRUE);
  /* Folded before the player is too narrow to show a video beside the list. */
  gtk_widget_set_size_request (GTK_WIDGET (self->player), 400, -1);
  adw_leaflet_append (self->generations_leaflet, GTK_WIDGET (self->player));

  kling_history_view_set_toast_overlay (self->history, self->toast_overlay);
  kling_history_view_set_settings (self->history, kling_application_get_settings (app));
  kling_player_set_settings (self->player, kling_application_get_settings (app));
  kling_history_view_set_store (self->history, kling_application_get_store (app));
  kling_history_view_set_poller (self->history, kling_application_peek_poller (app));
  g_signal_connect (self->history, "play", G_CALLBACK (play_cb), self);
  g_signal_connect (self->history, "open-in-editor", G_CALLBACK (open_in_editor_cb), self);
  g_signal_connect (self->history, "retry", G_CALLBACK (retry_cb), self);
  g_signal_connect (self->history, "details", G_CALLBACK (details_cb), self);
  g_signal_connect (self->history, "compare", G_CALLBACK (compare_cb), self);
  g_signal_connect_swapped (self->history, "notify::selected-task", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->player, "back", G_CALLBACK (back_cb), self);
  g_signal_connect_swapped (self->generations_leaflet, "notify::folded", G_CALLBACK (update_back_button), self);
  g_signal_connect_swapped (self->generations_leaflet, "notify::visible-child", G_CALLBACK (update_back_button), self);
  g_signal_connect_object (kling_application_get_store (app), "items-changed",
                           G_CALLBACK (update_player_shown), self, G_CONNECT_SWAPPED);
  update_back_button (self);
  update_player_shown (self);
}

/* — the sign that a result is ready — */

static gboolean
generations_seen (KlingWindow *self)
{
  return gtk_window_is_active (GTK_WINDOW (self)) &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "generations") == 0;
}

/* The switcher's count says how many results wait unseen; they are seen
 * once the Generations page shows in the active window. */
static void
update_unseen (KlingWindow *self)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (self->view_stack, "generations");

  if (self->unseen != NULL && generations_seen (self))
    g_hash_table_remove_all (self->unseen);
  if (page != NULL)
    adw_view_stack_page_set_badge_number (adw_view_stack_get_page (self->view_stack, page),
                                          self->unseen != NULL ? g_hash_table_size (self->unseen) : 0);
}

static void
show_finished_task (AdwToast    *toast,
                    KlingWindow *self)
{
  kling_window_show_task (self, g_object_get_data (G_OBJECT (toast), "task"));
}

/* A generation ended while the artist works elsewhere in the window. When
 * the window is not active, the application's notification tells. One
 * toast says it for the newest (the switcher counts them all): more would
 * queue up and show one after the other long after. */
static void
toast_finished_task (KlingWindow *self,
                     KlingTask   *task)
{
  g_autofree char *name = kling_history_dup_display_name (task);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast = self->ready_toast;

  if (kling_task_get_video_path (task) != NULL)
    text = g_strdup_printf (_("“%s” is ready"), name);
  else if (kling_task_get_state (task) == KLING_TASK_STATE_UNCONFIRMED)
    text = g_strdup_printf (_("“%s” may have been created"), name);
  else
    text = g_strdup_printf (_("“%s” failed"), name);
  if (toast == NULL)
    {
      toast = kling_toast_new_plain (text);
      adw_toast_set_timeout (toast, 8);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_finished_task), self, 0);
      g_set_weak_pointer (&self->ready_toast, toast);
      kling_toast_add (self->toast_overlay, toast);
    }
  else
    {
      /* A title is markup (kling_toast_new_plain ()). */
      title = g_markup_escape_text (text, -1);
      adw_toast_set_title (toast, title);
    }
  adw_toast_set_button_label (toast, kling_task_get_video_path (task) != NULL ? _("_Play") : _("_Show"));
  g_object_set_data_full (G_OBJECT (toast), "task", g_object_ref (task), g_object_unref);
}

static void
task_finished_cb (KlingWindow *self,
                  KlingTask   *task)
{
  if (generations_seen (self))
    return;
  if (self->unseen == NULL)
    self->unseen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->unseen, g_strdup (kling_task_get_local_id (task)));
  update_unseen (self);
  if (gtk_window_is_active (GTK_WINDOW (self)))
    toast_finished_task (self, task);
}

void
kling_window_dispose_generations (KlingWindow *self)
{
  if (self->poller_signals != NULL)
    g_signal_group_set_target (self->poller_signals, NULL);
  g_clear_object (&self->poller_signals);
  g_clear_pointer (&self->unseen, g_hash_table_unref);
  g_clear_weak_pointer (&self->ready_toast);
  g_clear_pointer (&self->opened_task, g_free);
  g_clear_pointer (&self->opened_checksum, g_free);
}

/* The poller appears when credentials do: the history can then check now. */
static void
poller_changed_cb (KlingWindow *self)
{
  KlingApplication *app = get_app (self);

  if (app == NULL)
    return;
  g_signal_group_set_target (self->poller_signals, kling_application_peek_poller (app));
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
      self->poller_signals = g_signal_group_new (KLING_TYPE_POLLER);
      g_signal_group_connect_swapped (self->poller_signals, "task-finished", G_CALLBACK (task_finished_cb), self);
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
 * for the title. On Generations they are hidden in their room, so that the
 * header's switcher does not move. */
static void
update_header_buttons (KlingWindow *self,
                       gboolean     editor)
{
  gtk_widget_set_visible (GTK_WIDGET (self->editor_buttons), self->editor_page != NULL);
  gtk_revealer_set_reveal_child (self->editor_buttons, editor);
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
  /* back in the editor, the keys (arrows, Enter) are the canvas's again,
   * not those of a button the hidden page's focus fell back to */
  if (!generations && self->editor_page != NULL && kling_editor_page_get_has_image (self->editor_page) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "editor") == 0)
    kling_editor_page_focus_canvas (self->editor_page);
  update_header_buttons (self, !generations);
  update_unseen (self);
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
  g_signal_connect (self, "notify::is-active", G_CALLBACK (update_unseen), NULL);
}
