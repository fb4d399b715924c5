/* kling-history-view.c — every generation, newest first
 *
 * One row per task of the store (kling-history-view-row.c), with Play and a
 * menu of actions (kling-history-view-actions.c). The view binds the store,
 * less the generations whose deletion can still be undone, to its list, and
 * keeps one timer for all rows: every second while a generation is running
 * (its elapsed time), every minute otherwise (the ages), none while the view
 * is not shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-history-view-private.h"

G_DEFINE_FINAL_TYPE (KlingHistoryView, kling_history_view, GTK_TYPE_WIDGET)

static guint signals[KLING_HISTORY_SIGNAL_RETRY + 1];

enum {
  PROP_0,
  PROP_SELECTED_TASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
kling_history_view_emit (KlingHistoryView   *self,
                         KlingHistorySignal  signal,
                         KlingTask          *task)
{
  g_autoptr(KlingTask) held = g_object_ref (task);

  /* What plays is what is selected: a row's Play selects its row first. */
  if (signal == KLING_HISTORY_SIGNAL_PLAY)
    kling_history_view_select_task (self, held);
  g_signal_emit (self, signals[signal], 0, held);
}

/* Without an overlay (never in the app) the message is at least logged. */
void
kling_history_view_show_toast (KlingHistoryView *self,
                               const char       *text)
{
  AdwToast *toast;

  if (self->toast_overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
row_activated_cb (KlingHistoryView *self,
                  GtkListBoxRow    *widget)
{
  KlingHistoryRow *row = kling_history_row_from_widget (GTK_WIDGET (widget));

  if (row != NULL && kling_task_get_video_path (row->task) != NULL)
    kling_history_view_emit (self, KLING_HISTORY_SIGNAL_PLAY, row->task);
}

static void
row_selected_cb (KlingHistoryView *self,
                 GtkListBoxRow    *row)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TASK]);
}

static void
foreach_row (KlingHistoryView *self,
             void            (*func) (KlingHistoryRow *row))
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KlingHistoryRow *row = kling_history_row_from_widget (child);

      if (row != NULL)
        func (row);
    }
}

static void
refresh_processing (KlingHistoryRow *row)
{
  if (kling_task_get_state (row->task) == KLING_TASK_STATE_PROCESSING)
    kling_history_row_update_state (row);
}

static gboolean
any_processing (KlingHistoryView *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KlingHistoryRow *row = kling_history_row_from_widget (child);

      if (row != NULL && kling_task_get_state (row->task) == KLING_TASK_STATE_PROCESSING)
        return TRUE;
    }
  return FALSE;
}

static gboolean
on_timer (gpointer user_data)
{
  KlingHistoryView *self = user_data;

  foreach_row (self, refresh_processing);
  if (g_get_monotonic_time () - self->ages_shown_us >= 59 * G_USEC_PER_SEC)
    {
      foreach_row (self, kling_history_row_update_meta);
      self->ages_shown_us = g_get_monotonic_time ();
    }
  return G_SOURCE_CONTINUE;
}

void
kling_history_view_update_timer (KlingHistoryView *self)
{
  guint period = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    period = any_processing (self) ? 1 : 60;
  if (period == self->timer_period)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_period = period;
  if (period > 0)
    self->timer_id = g_timeout_add_seconds (period, on_timer, self);
}

static void
model_changed_cb (KlingHistoryView *self)
{
  gboolean empty = self->model == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  kling_history_view_update_timer (self);
}

static void
task_finished_cb (KlingHistoryView *self,
                  KlingTask        *task)
{
  GtkWidget *widget = kling_history_view_get_row (self, task);

  /* Whether the poller still follows a task changes what its row says. */
  if (widget != NULL)
    kling_history_row_update (kling_history_row_from_widget (widget));
}

static void
kling_history_view_map (GtkWidget *widget)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (kling_history_view_parent_class)->map (widget);
  foreach_row (self, kling_history_row_update);
  self->ages_shown_us = g_get_monotonic_time ();
  kling_history_view_update_timer (self);
}

static void
kling_history_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kling_history_view_parent_class)->unmap (widget);
  kling_history_view_update_timer (KLING_HISTORY_VIEW (widget));
}

static void
kling_history_view_dispose (GObject *object)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (object);

  /* The rows go below: that is no choice of the user's to tell about. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_func (self->list_box, row_selected_cb, self);
  kling_history_view_commit_deletes (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_object (&self->scroll_to);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_signal_handler (&self->finished_id, self->poller);
  g_clear_object (&self->poller);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->toast_overlay);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_HISTORY_VIEW);

  G_OBJECT_CLASS (kling_history_view_parent_class)->dispose (object);
}

static void
kling_history_view_finalize (GObject *object)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (object);

  g_hash_table_unref (self->pending_deletes);
  g_object_unref (self->filter);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (kling_history_view_parent_class)->finalize (object);
}

static void
kling_history_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_TASK:
      g_value_set_object (value, kling_history_view_get_selected_task (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_history_view_class_init (KlingHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_history_view_dispose;
  object_class->finalize = kling_history_view_finalize;
  object_class->get_property = kling_history_view_get_property;
  widget_class->map = kling_history_view_map;
  widget_class->unmap = kling_history_view_unmap;

  /**
   * KlingHistoryView::play:
   * @task: a generation whose video is saved
   */
  signals[KLING_HISTORY_SIGNAL_PLAY] =
    g_signal_new ("play", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KLING_TYPE_TASK);
  /**
   * KlingHistoryView::open-in-editor:
   * @task: the generation whose request goes back to the editor
   */
  signals[KLING_HISTORY_SIGNAL_OPEN_IN_EDITOR] =
    g_signal_new ("open-in-editor", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KLING_TYPE_TASK);
  /**
   * KlingHistoryView::retry:
   * @task: a failed generation, to be sent again as a new one
   */
  signals[KLING_HISTORY_SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KLING_TYPE_TASK);

  /**
   * KlingHistoryView:selected-task:
   *
   * The generation whose row is selected (by a click, the arrow keys, its
   * Play, or kling_history_view_select_task ()), or %NULL.
   */
  properties[PROP_SELECTED_TASK] =
    g_param_spec_object ("selected-task", NULL, NULL, KLING_TYPE_TASK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, list_box);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "klinghistoryview");
}

static void
kling_history_view_init (KlingHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->list_box, "row-selected", G_CALLBACK (row_selected_cb), self);

  self->pending_deletes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->filter = gtk_custom_filter_new (kling_history_view_is_shown, self, NULL);
  self->cancellable = g_cancellable_new ();
  model_changed_cb (self);
}

/* Public API */

GtkWidget *
kling_history_view_new (void)
{
  return g_object_new (KLING_TYPE_HISTORY_VIEW, NULL);
}

/**
 * kling_history_view_set_store:
 * @store: (nullable): the generations to show
 */
void
kling_history_view_set_store (KlingHistoryView *self,
                              KlingTaskStore   *store)
{
  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (store == NULL || KLING_IS_TASK_STORE (store));

  if (self->store == store)
    return;

  /* What waits for its toast belongs to the old store. */
  kling_history_view_commit_deletes (self);
  gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                               g_object_ref (GTK_FILTER (self->filter)));
      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->model),
                               kling_history_row_new, self, NULL);
      /* After the list box's own handler: the rows exist when it runs. */
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (model_changed_cb), self);
    }
  model_changed_cb (self);
}

/**
 * kling_history_view_set_poller:
 * @poller: (nullable): what follows the tasks; without one, Check Now is off
 */
void
kling_history_view_set_poller (KlingHistoryView *self,
                               KlingPoller      *poller)
{
  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (poller == NULL || KLING_IS_POLLER (poller));

  if (self->poller == poller)
    return;
  g_clear_signal_handler (&self->finished_id, self->poller);
  g_set_object (&self->poller, poller);
  if (poller != NULL)
    self->finished_id = g_signal_connect_swapped (poller, "task-finished",
                                                  G_CALLBACK (task_finished_cb), self);
  foreach_row (self, kling_history_row_update);
}

/**
 * kling_history_view_set_toast_overlay:
 * @overlay: (nullable): where messages and the Undo of a delete are shown;
 *   without one, Delete deletes at once
 */
void
kling_history_view_set_toast_overlay (KlingHistoryView *self,
                                      AdwToastOverlay  *overlay)
{
  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  g_set_weak_pointer (&self->toast_overlay, overlay);
}

/**
 * kling_history_view_set_settings:
 * @settings: (nullable): the app's settings, for "download-folder"
 */
void
kling_history_view_set_settings (KlingHistoryView *self,
                                 GSettings        *settings)
{
  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

/**
 * kling_history_view_get_row:
 *
 * Returns: (transfer none) (nullable): the row showing @task
 */
GtkWidget *
kling_history_view_get_row (KlingHistoryView *self,
                            KlingTask        *task)
{
  GtkWidget *child;

  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KlingHistoryRow *row = kling_history_row_from_widget (child);

      if (row != NULL && row->task == task)
        return child;
    }
  return NULL;
}

/**
 * kling_history_view_get_state_text:
 *
 * Returns: (nullable): the state line of @task's row, as shown
 */
const char *
kling_history_view_get_state_text (KlingHistoryView *self,
                                   KlingTask        *task)
{
  KlingHistoryRow *row;

  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  row = kling_history_row_from_widget (kling_history_view_get_row (self, task));
  return row != NULL ? gtk_label_get_text (GTK_LABEL (row->state)) : NULL;
}

/**
 * kling_history_view_get_selected_task:
 *
 * Returns: (transfer none) (nullable): the generation whose row is selected
 */
KlingTask *
kling_history_view_get_selected_task (KlingHistoryView *self)
{
  KlingHistoryRow *row;
  GtkListBoxRow *selected;

  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  selected = gtk_list_box_get_selected_row (self->list_box);
  row = selected != NULL ? kling_history_row_from_widget (GTK_WIDGET (selected)) : NULL;
  return row != NULL ? row->task : NULL;
}

/* Scrolls once the row has its place (after the next layout). */
static gboolean
scroll_to_task (gpointer user_data)
{
  KlingHistoryView *self = user_data;
  GtkWidget *widget = kling_history_view_get_row (self, self->scroll_to);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_rect_t bounds;
  double value, page;

  self->scroll_id = 0;
  g_clear_object (&self->scroll_to);
  /* In the coordinates of what scrolls: the list box's parent. */
  if (widget == NULL ||
      !gtk_widget_compute_bounds (widget, gtk_widget_get_parent (GTK_WIDGET (self->list_box)), &bounds))
    return G_SOURCE_REMOVE;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
  return G_SOURCE_REMOVE;
}

/**
 * kling_history_view_select_task:
 *
 * Selects @task's row and scrolls it into view.
 */
void
kling_history_view_select_task (KlingHistoryView *self,
                                KlingTask        *task)
{
  GtkWidget *widget;

  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (KLING_IS_TASK (task));

  widget = kling_history_view_get_row (self, task);
  if (widget == NULL)
    return;
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (widget));
  g_set_object (&self->scroll_to, task);
  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_task, self, NULL);
}
