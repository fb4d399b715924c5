/* kling-history-row.c — one generation in the history
 *
 * A row shows its task's thumbnail (decoded in a thread), prompt, model and
 * age, and the state line a person reads: what the task is waiting for, how
 * long it has been generating, or why it failed in the server's own words
 * with the request id to quote. It follows its task's notifications.
 *
 * Its "row." actions are what its Play button and menu offer. Check Now asks
 * the poller; the others are the view's business and become signals
 * of the row, which the view connects to when it makes the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "kling-choices.h"
#include "kling-history-frame.h"
#include "kling-history-lost.h"
#include "kling-history-marks.h"
#include "kling-history-row.h"
#include "kling-history-text.h"
#include "kling-scroll.h"

struct _KlingHistoryRow
{
  GtkListBoxRow  parent_instance;

  KlingTask     *task;
  GSignalGroup  *task_signals;
  KlingPoller   *poller;
  gboolean       processing;
  GCancellable  *cancellable;     /* the thumbnail being loaded */
  char          *thumbnail_path;  /* the one shown or being loaded */
  guint          scroll_id;

  /* template children */
  GtkImage      *placeholder;
  GtkPicture    *picture;
  GtkLabel      *prompt;
  GtkLabel      *meta;
  GtkBox        *regions;
  GtkImage      *state_icon;
  GtkLabel      *state;
  GtkWidget     *play_button;
  GtkMenuButton *menu_button;
  GMenuModel    *menu;
};

G_DEFINE_FINAL_TYPE (KlingHistoryRow, kling_history_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TASK,
  PROP_PROCESSING,
  N_PROPS
};

/* What the view does for a row: in the order of the row's actions. */
enum {
  SIGNAL_PLAY,
  SIGNAL_DETAILS,
  SIGNAL_COMPARE,
  SIGNAL_OPEN_IN_EDITOR,
  SIGNAL_RENAME,
  SIGNAL_SAVE_AS,
  SIGNAL_SHOW_IN_FOLDER,
  SIGNAL_CANCEL,
  SIGNAL_RETRY,
  SIGNAL_DELETE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_following (KlingHistoryRow *self)
{
  return self->poller != NULL && kling_poller_is_following (self->poller, self->task);
}

/* The thumbnail */

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (source);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = kling_history_texture_load_finish (result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  /* The picture now covers the placeholder icon: the icon goes, its size stays. */
  gtk_image_clear (self->placeholder);
}

/* Thumbnails are decoded in a thread: hundreds of rows must not stall. A
 * result's frame replaces the picture's once it is kept (KlingHistoryFrames). */
static void
load_thumbnail (KlingHistoryRow *self)
{
  const char *path = kling_task_get_thumbnail_path (self->task);

  if (path == NULL || g_strcmp0 (path, self->thumbnail_path) == 0)
    return;
  g_free (self->thumbnail_path);
  self->thumbnail_path = g_strdup (path);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  kling_history_texture_load_async (self, path, self->cancellable, thumbnail_loaded_cb, NULL);
}

/* Updating */

static void
set_style_class (GtkWidget  *widget,
                 const char *style)
{
  static const char * const styles[] = { "error", "warning", "success" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      if (g_strcmp0 (styles[i], style) == 0)
        gtk_widget_add_css_class (widget, styles[i]);
      else
        gtk_widget_remove_css_class (widget, styles[i]);
    }
}

/**
 * kling_history_row_update_state:
 *
 * Writes the state line again: a running generation's clock moves on.
 */
void
kling_history_row_update_state (KlingHistoryRow *self)
{
  const char *icon = NULL;
  const char *style = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KLING_IS_HISTORY_ROW (self));

  text = kling_history_describe_state (self->task, is_following (self), &icon, &style, &detail);
  gtk_label_set_text (self->state, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state), detail);
  /* A reason and request id are there to be quoted. */
  gtk_label_set_selectable (self->state, style != NULL && g_strcmp0 (style, "success") != 0);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  set_style_class (GTK_WIDGET (self->state_icon), style);
}

/**
 * kling_history_row_update_meta:
 *
 * Writes the second line again: its age moves on.
 */
void
kling_history_row_update_meta (KlingHistoryRow *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KLING_IS_HISTORY_ROW (self));

  text = kling_history_describe_meta (self->task);
  gtk_label_set_text (self->meta, text);
}

static gboolean
can_check_now (KlingHistoryRow *self)
{
  if (self->poller == NULL)
    return FALSE;
  return kling_task_gave_up_waiting (self->task) || !kling_task_is_finished (self->task);
}

/* Another generation with a video is selected in the list. */
static gboolean
can_compare (KlingHistoryRow *self)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkListBoxRow *selected = GTK_IS_LIST_BOX (list) ? gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) : NULL;

  return KLING_IS_HISTORY_ROW (selected) && selected != GTK_LIST_BOX_ROW (self) &&
         kling_task_get_video_path (KLING_HISTORY_ROW (selected)->task) != NULL;
}

static void
update_actions (KlingHistoryRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_video = kling_task_get_video_path (self->task) != NULL;
  gboolean lost = kling_task_get_state (self->task) == KLING_TASK_STATE_UNCONFIRMED;

  gtk_widget_action_set_enabled (widget, "row.play", has_video);
  gtk_widget_action_set_enabled (widget, "row.compare", has_video && can_compare (self));
  gtk_widget_action_set_enabled (widget, "row.save-as", has_video);
  gtk_widget_action_set_enabled (widget, "row.check-now", can_check_now (self));
  gtk_widget_action_set_enabled (widget, "row.send-again", self->poller != NULL && lost);
  gtk_widget_action_set_enabled (widget, "row.open-site", lost);
  gtk_widget_action_set_enabled (widget, "row.cancel",
                                 self->poller != NULL && kling_poller_can_cancel (self->poller, self->task));
  gtk_widget_action_set_enabled (widget, "row.retry",
                                 kling_task_get_state (self->task) == KLING_TASK_STATE_FAILED);
  gtk_widget_set_visible (self->play_button, has_video);
}

static void
update_processing (KlingHistoryRow *self)
{
  gboolean processing = kling_task_get_state (self->task) == KLING_TASK_STATE_PROCESSING;

  if (processing == self->processing)
    return;
  self->processing = processing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESSING]);
}

/**
 * kling_history_row_update:
 *
 * Shows the task as it is now.
 */
void
kling_history_row_update (KlingHistoryRow *self)
{
  g_autofree char *prompt = NULL;
  gboolean has_prompt;
  g_autofree char *name = NULL;

  g_return_if_fail (KLING_IS_HISTORY_ROW (self));

  /* The heading is a name: the whole prompt is in the tooltip and Details. */
  prompt = kling_task_dup_display_prompt (self->task);
  has_prompt = kling_choices_has_text (prompt) || kling_task_get_name (self->task) != NULL;
  name = kling_history_dup_display_name (self->task);
  gtk_label_set_text (self->prompt, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prompt), kling_choices_has_text (prompt) ? prompt : NULL);
  if (has_prompt)
    gtk_widget_remove_css_class (GTK_WIDGET (self->prompt), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->prompt), "dim-label");
  kling_history_row_update_meta (self);
  kling_history_row_update_state (self);
  update_actions (self);
  load_thumbnail (self);
  update_processing (self);
}

static void
task_notify_cb (KlingHistoryRow *self)
{
  kling_history_row_update (self);
}

/* The actions */

static void
check_now_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (widget);

  if (can_check_now (self))
    kling_poller_check_now (self->poller, self->task);
}

static void
send_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (widget);

  if (self->poller != NULL)
    kling_history_lost_ask_send_again (widget, self->poller, self->task);
}

static void
open_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kling_history_lost_open_site (widget, KLING_HISTORY_ROW (widget)->task);
}

/* The other actions are signals: the action's name without "row." */
static void
signal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(KlingHistoryRow) self = g_object_ref (KLING_HISTORY_ROW (widget));   /* Delete makes the row go */
  const char *name = action_name + strlen ("row.");

  g_signal_emit_by_name (self, name);
}

/* Hundreds of rows: each menu is made when first opened. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  KlingHistoryRow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->menu);
  /* The selection may have changed since the menu was last open. */
  g_signal_connect_object (gtk_menu_button_get_popover (button), "show",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* The object */

static void
kling_history_row_dispose (GObject *object)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->task_signals != NULL)
    g_signal_group_set_target (self->task_signals, NULL);
  g_clear_object (&self->task_signals);
  g_clear_object (&self->task);
  g_clear_object (&self->poller);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_HISTORY_ROW);

  G_OBJECT_CLASS (kling_history_row_parent_class)->dispose (object);
}

static void
kling_history_row_finalize (GObject *object)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (object);

  g_free (self->thumbnail_path);

  G_OBJECT_CLASS (kling_history_row_parent_class)->finalize (object);
}

static void
kling_history_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;
    case PROP_PROCESSING:
      g_value_set_boolean (value, self->processing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_history_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      self->task = g_value_dup_object (value);
      g_signal_group_set_target (self->task_signals, self->task);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_history_row_constructed (GObject *object)
{
  KlingHistoryRow *self = KLING_HISTORY_ROW (object);

  G_OBJECT_CLASS (kling_history_row_parent_class)->constructed (object);

  g_return_if_fail (self->task != NULL);
  /* What was sent never changes. */
  kling_history_marks_fill (self->regions, self->task);
  kling_history_row_update (self);
}

static void
install_signal (KlingHistoryRowClass *klass,
                guint                 id,
                const char           *name)
{
  g_autofree char *action = g_strconcat ("row.", name, NULL);

  signals[id] = g_signal_new (name, G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), action, NULL, signal_action);
}

static void
kling_history_row_class_init (KlingHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_history_row_dispose;
  object_class->finalize = kling_history_row_finalize;
  object_class->get_property = kling_history_row_get_property;
  object_class->set_property = kling_history_row_set_property;
  object_class->constructed = kling_history_row_constructed;

  /**
   * KlingHistoryRow:task:
   *
   * The generation the row shows and acts on.
   */
  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, KLING_TYPE_TASK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * KlingHistoryRow:processing:
   *
   * Whether the server is generating the video now: the clock on the
   * state line wants a tick every second.
   */
  properties[PROP_PROCESSING] =
    g_param_spec_boolean ("processing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klingstudio/KlingStudio/kling-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, picture);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, prompt);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, meta);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, regions);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, state);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, play_button);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KlingHistoryRow, menu);

  /* In the order of the menu. */
  install_signal (klass, SIGNAL_PLAY, "play");
  install_signal (klass, SIGNAL_DETAILS, "details");
  install_signal (klass, SIGNAL_COMPARE, "compare");
  install_signal (klass, SIGNAL_OPEN_IN_EDITOR, "open-in-editor");
  install_signal (klass, SIGNAL_RENAME, "rename");
  install_signal (klass, SIGNAL_SAVE_AS, "save-as");
  install_signal (klass, SIGNAL_SHOW_IN_FOLDER, "show-in-folder");
  gtk_widget_class_install_action (widget_class, "row.check-now", NULL, check_now_action);
  install_signal (klass, SIGNAL_CANCEL, "cancel");
  gtk_widget_class_install_action (widget_class, "row.send-again", NULL, send_again_action);
  gtk_widget_class_install_action (widget_class, "row.open-site", NULL, open_site_action);
  install_signal (klass, SIGNAL_RETRY, "retry");
  install_signal (klass, SIGNAL_DELETE, "delete");
}

static void
kling_history_row_init (KlingHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);

  self->cancellable = g_cancellable_new ();
  self->task_signals = g_signal_group_new (KLING_TYPE_TASK);
  g_signal_group_connect_swapped (self->task_signals, "notify", G_CALLBACK (task_notify_cb), self);
}

/* Public API */

/**
 * kling_history_row_new:
 * @task: the generation to show
 */
GtkWidget *
kling_history_row_new (KlingTask *task)
{
  g_return_val_if_fail (KLING_IS_TASK (task), NULL);

  return g_object_new (KLING_TYPE_HISTORY_ROW, "task", task, NULL);
}

/**
 * kling_history_row_get_task:
 *
 * Returns: (transfer none): the generation the row shows
 */
KlingTask *
kling_history_row_get_task (KlingHistoryRow *self)
{
  g_return_val_if_fail (KLING_IS_HISTORY_ROW (self), NULL);

  return self->task;
}

/**
 * kling_history_row_set_poller:
 * @poller: (nullable): what follows the task; without one, Check Now is off
 */
void
kling_history_row_set_poller (KlingHistoryRow *self,
                              KlingPoller     *poller)
{
  g_return_if_fail (KLING_IS_HISTORY_ROW (self));
  g_return_if_fail (poller == NULL || KLING_IS_POLLER (poller));

  if (g_set_object (&self->poller, poller))
    kling_history_row_update (self);
}

/**
 * kling_history_row_get_processing:
 *
 * Returns: whether the server is generating the task's video now
 */
gboolean
kling_history_row_get_processing (KlingHistoryRow *self)
{
  g_return_val_if_fail (KLING_IS_HISTORY_ROW (self), FALSE);

  return self->processing;
}

/**
 * kling_history_row_get_state_text:
 *
 * Returns: the state line, as shown
 */
const char *
kling_history_row_get_state_text (KlingHistoryRow *self)
{
  g_return_val_if_fail (KLING_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (self->state);
}

/* Scrolls once the row has its place (after the next layout). */
static gboolean
scroll_into_view (gpointer user_data)
{
  KlingHistoryRow *self = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  self->scroll_id = 0;
  if (scrolled != NULL)
    kling_scroll_into_view (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self), 0);
  return G_SOURCE_REMOVE;
}

/**
 * kling_history_row_scroll_into_view:
 *
 * Scrolls the list so that the row is seen whole, once it has its place.
 */
void
kling_history_row_scroll_into_view (KlingHistoryRow *self)
{
  g_return_if_fail (KLING_IS_HISTORY_ROW (self));

  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_into_view, self, NULL);
}

