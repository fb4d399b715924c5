/* kling-history-view.c — every generation, newest first
 *
 * One row per task of the store (KlingHistoryRow), with Play and a menu of
 * actions: the window hears Play, Open in Editor and Retry as signals of
 * the view; kling-history-view-actions.c does the rest. The view binds the
 * store, less the generations whose deletion can still be undone, to its
 * list, and keeps one timer for all rows: every second while a generation
 * is running (its elapsed time), every minute otherwise (the ages), none
 * while the view is not shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-history-cancel.h"
#include "kling-history-damaged.h"
#include "kling-history-frame.h"
#include "kling-history-rename.h"
#include "kling-history-row.h"
#include "kling-history-view-private.h"
#include "kling-toast.h"

typedef enum {
  SIGNAL_PLAY,
  SIGNAL_OPEN_IN_EDITOR,
  SIGNAL_RETRY,
  SIGNAL_DETAILS,
  SIGNAL_COMPARE,
  N_SIGNALS
} KlingHistorySignal;

G_DEFINE_FINAL_TYPE (KlingHistoryView, kling_history_view, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SELECTED_TASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
emit_for_task (KlingHistoryView   *self,
               KlingHistorySignal  signal,
               KlingTask          *task)
{
  g_autoptr(KlingTask) held = g_object_ref (task);

  /* What plays is what is selected: a row's Play selects its row first. */
  if (signal == SIGNAL_PLAY)
    kling_history_view_select_task (self, held);
  g_signal_emit (self, signals[signal], 0, held);
}

/* For the actions */

/* Without an overlay (never in the app) the message is at least logged. */
void
_kling_history_view_show_toast (KlingHistoryView *self,
                                const char       *text)
{
  if (self->toast_overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  kling_toast_add (self->toast_overlay, kling_toast_new_plain (text));
}

static gboolean
is_shown (gpointer task,
          gpointer user_data)
{
  KlingHistoryView *self = user_data;

  return _kling_history_actions_is_shown (self->actions, task);
}

/* The rows and what they ask for */

/* A row's signals, and what the view does for each. */
typedef enum {
  ASK_PLAY,
  ASK_OPEN_IN_EDITOR,
  ASK_RETRY,
  ASK_DETAILS,
  ASK_COMPARE,
  ASK_RENAME,
  ASK_SAVE_AS,
  ASK_SHOW_IN_FOLDER,
  ASK_DELETE,
  ASK_CANCEL,
} RowAsk;

static const char * const row_asks[] = {
  "play", "open-in-editor", "retry", "details", "compare", "rename", "save-as", "show-in-folder", "delete",
  "cancel",
};

static void
row_asked_cb (KlingHistoryRow *row,
              gpointer         ask)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (row), KLING_TYPE_HISTORY_VIEW);
  KlingTask *task = kling_history_row_get_task (row);
  KlingHistoryView *self;

  if (view == NULL)
    return;
  self = KLING_HISTORY_VIEW (view);
  switch ((RowAsk) GPOINTER_TO_UINT (ask))
    {
    case ASK_PLAY:           emit_for_task (self, SIGNAL_PLAY, task); break;
    case ASK_OPEN_IN_EDITOR: emit_for_task (self, SIGNAL_OPEN_IN_EDITOR, task); break;
    case ASK_RETRY:          emit_for_task (self, SIGNAL_RETRY, task); break;
    case ASK_DETAILS:        emit_for_task (self, SIGNAL_DETAILS, task); break;
    case ASK_COMPARE:        emit_for_task (self, SIGNAL_COMPARE, task); break;
    case ASK_RENAME:         kling_history_rename_ask (GTK_WIDGET (self), self->store, task); break;
    case ASK_SAVE_AS:        _kling_history_actions_save_as (self->actions, task); break;
    case ASK_SHOW_IN_FOLDER: _kling_history_actions_show_in_folder (self->actions, task); break;
    case ASK_DELETE:         _kling_history_actions_delete (self->actions, task); break;
    case ASK_CANCEL:
      if (self->poller != NULL && self->toast_overlay != NULL)
        kling_history_cancel_queued (self->toast_overlay, self->poller, task, NULL);
      break;
    default:                 g_assert_not_reached ();
    }
}

static void update_timer (KlingHistoryView *self);

/* A GtkListBoxCreateWidgetFunc. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KlingHistoryView *self = user_data;
  GtkWidget *row = kling_history_row_new (item);

  kling_history_row_set_poller (KLING_HISTORY_ROW (row), self->poller);
  /* The row lives inside the view: it finds the view when it asks. */
  for (guint i = 0; i < G_N_ELEMENTS (row_asks); i++)
    g_signal_connect (row, row_asks[i], G_CALLBACK (row_asked_cb), GUINT_TO_POINTER (i));
  g_signal_connect_object (row, "notify::processing", G_CALLBACK (update_timer), self, G_CONNECT_SWAPPED);
  return row;
}

static void
row_activated_cb (KlingHistoryView *self,
                  GtkListBoxRow    *widget)
{
  KlingTask *task;

  if (!KLING_IS_HISTORY_ROW (widget))
    return;
  task = kling_history_row_get_task (KLING_HISTORY_ROW (widget));
  if (kling_task_get_video_path (task) != NULL)
    emit_for_task (self, SIGNAL_PLAY, task);
}

static void
row_selected_cb (KlingHistoryView *self,
                 GtkListBoxRow    *row)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TASK]);
}

/* @child, or the first row after it. */
static KlingHistoryRow *
row_from (GtkWidget *child)
{
  while (child != NULL && !KLING_IS_HISTORY_ROW (child))
    child = gtk_widget_get_next_sibling (child);
  return (KlingHistoryRow *) child;
}

static KlingHistoryRow *
first_row (KlingHistoryView *self)
{
  return row_from (gtk_widget_get_first_child (GTK_WIDGET (self->list_box)));
}

static KlingHistoryRow *
next_row (KlingHistoryRow *row)
{
  return row_from (gtk_widget_get_next_sibling (GTK_WIDGET (row)));
}

static void
foreach_row (KlingHistoryView *self,
             void            (*func) (KlingHistoryRow *row))
{
  for (KlingHistoryRow *row = first_row (self); row != NULL; row = next_row (row))
    func (row);
}

static void
refresh_processing (KlingHistoryRow *row)
{
  if (kling_history_row_get_processing (row))
    kling_history_row_update_state (row);
}

static gboolean
any_processing (KlingHistoryView *self)
{
  for (KlingHistoryRow *row = first_row (self); row != NULL; row = next_row (row))
    if (kling_history_row_get_processing (row))
      return TRUE;
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

static void
update_timer (KlingHistoryView *self)
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
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list_box), n > 0);
  /* Faded only on screen: shown for the first time, the page has its rows
   * at once, not "No Generations Yet" fading out over them. */
  gtk_stack_set_visible_child_full (self->stack,
                                    n > 0 || kling_history_damaged_has_rows (self->damaged) ? "list" : "empty",
                                    gtk_widget_get_mapped (GTK_WIDGET (self)) ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                                              : GTK_STACK_TRANSITION_TYPE_NONE);
  update_timer (self);
}

static void
task_finished_cb (KlingHistoryView *self,
                  KlingTask        *task)
{
  GtkWidget *widget = kling_history_view_get_row (self, task);

  /* Whether the poller still follows a task changes what its row says. */
  if (widget != NULL)
    kling_history_row_update (KLING_HISTORY_ROW (widget));
}

static void
kling_history_view_map (GtkWidget *widget)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (kling_history_view_parent_class)->map (widget);
  foreach_row (self, kling_history_row_update);
  self->ages_shown_us = g_get_monotonic_time ();
  update_timer (self);
}

static void
kling_history_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kling_history_view_parent_class)->unmap (widget);
  update_timer (KLING_HISTORY_VIEW (widget));
}

static void
kling_history_view_dispose (GObject *object)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (object);

  /* The rows go below: that is no choice of the user's to tell about. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_func (self->list_box, row_selected_cb, self);
  _kling_history_actions_shutdown (self->actions);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_signal_handler (&self->finished_id, self->poller);
  g_clear_object (&self->poller);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->frames);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->toast_overlay);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_HISTORY_VIEW);

  G_OBJECT_CLASS (kling_history_view_parent_class)->dispose (object);
}

static void
kling_history_view_finalize (GObject *object)
{
  KlingHistoryView *self = KLING_HISTORY_VIEW (object);

  _kling_history_actions_free (self->actions);
  g_object_unref (self->filter);

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

  /* What the window does, each for one @task: "play" its saved video,
   * "open-in-editor" its request, "retry" a failed one as a new one, show
   * its "details", "compare" it with the selected one. */
  for (guint i = 0; i < N_SIGNALS; i++)
    signals[i] = g_signal_new (row_asks[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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

  g_type_ensure (KLING_TYPE_HISTORY_DAMAGED);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, list_box);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryView, damaged);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "klinghistoryview");
}

static void
kling_history_view_init (KlingHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->list_box, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->damaged, "notify::visible", G_CALLBACK (model_changed_cb), self);

  self->actions = _kling_history_actions_new (self);
  self->filter = gtk_custom_filter_new (is_shown, self, NULL);
  model_changed_cb (self);
}

/* Public API */

GtkWidget *
kling_history_view_new (void)
{
  return g_object_new (KLING_TYPE_HISTORY_VIEW, NULL);
}

void
kling_history_view_set_store (KlingHistoryView *self,
                              KlingTaskStore   *store)
{
  g_return_if_fail (KLING_IS_HISTORY_VIEW (self));
  g_return_if_fail (store == NULL || KLING_IS_TASK_STORE (store));

  if (self->store == store)
    return;

  /* What waits for its toast belongs to the old store. */
  _kling_history_actions_commit_deletes (self->actions);
  gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);
  g_clear_object (&self->frames);
  kling_history_damaged_set_store (self->damaged, store);
  if (store != NULL)
    {
      self->frames = kling_history_frames_new (store);
      self->model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                               g_object_ref (GTK_FILTER (self->filter)));
      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->model),
                               create_row, self, NULL);
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
  for (KlingHistoryRow *row = first_row (self); row != NULL; row = next_row (row))
    kling_history_row_set_poller (row, poller);
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
  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  for (KlingHistoryRow *row = first_row (self); row != NULL; row = next_row (row))
    if (kling_history_row_get_task (row) == task)
      return GTK_WIDGET (row);
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
  GtkWidget *row;

  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  row = kling_history_view_get_row (self, task);
  return row != NULL ? kling_history_row_get_state_text (KLING_HISTORY_ROW (row)) : NULL;
}

/**
 * kling_history_view_get_selected_task:
 *
 * Returns: (transfer none) (nullable): the generation whose row is selected
 */
KlingTask *
kling_history_view_get_selected_task (KlingHistoryView *self)
{
  GtkListBoxRow *selected;

  g_return_val_if_fail (KLING_IS_HISTORY_VIEW (self), NULL);

  selected = gtk_list_box_get_selected_row (self->list_box);
  if (!KLING_IS_HISTORY_ROW (selected))
    return NULL;
  return kling_history_row_get_task (KLING_HISTORY_ROW (selected));
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
  kling_history_row_scroll_into_view (KLING_HISTORY_ROW (widget));
}
