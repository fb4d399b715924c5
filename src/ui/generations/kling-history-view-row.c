/* kling-history-view-row.c — one generation in the history
 *
 * A row shows the task's thumbnail (decoded in a thread), prompt, model and
 * age, and the state line a person reads: what the task is waiting for, how
 * long it has been generating, or why it failed in the server's own words
 * with the request id to quote. It follows its task's notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-history-view-private.h"

#define THUMB_WIDTH  96
#define THUMB_HEIGHT 54
#define ROW_KEY      "kling-history-row"

static gboolean
is_following (KlingHistoryView *self,
              KlingTask        *task)
{
  return self->poller != NULL && kling_poller_is_following (self->poller, task);
}

/* What the rows say */

static char *
format_elapsed (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* Since the server took the task (its own clock), else since it was made. */
static gint64
started_us (KlingTask *task)
{
  if (kling_task_get_created_at (task) > 0)
    return kling_task_get_created_at (task) * 1000;
  return g_date_time_to_unix (kling_task_get_created (task)) * G_USEC_PER_SEC;
}

static char *
format_age (GDateTime *created)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = g_date_time_to_local (created);
  gint64 seconds = g_date_time_difference (now, created) / G_USEC_PER_SEC;
  int n;

  if (seconds < 60)
    return g_strdup (_("Just now"));
  if (seconds < 3600)
    {
      n = (int) (seconds / 60);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }
  if (seconds < 24 * 3600)
    {
      n = (int) (seconds / 3600);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }
  /* TRANSLATORS: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

/* Appends @part to the row's second line, after a separator if needed. */
static void
append_meta (GString    *text,
             const char *part)
{
  if (text->len > 0)
    /* TRANSLATORS: the separator between the parts of a generation's
     * description, as in "Kling v1 · std · 5 s · Just now" */
    g_string_append (text, _(" · "));
  g_string_append (text, part);
}

/* The state of a task on its way; @detail gets what is worth reading on
 * demand (the tooltip): a retry's reason would make the row grow and
 * shrink each time the task is queued and sent again. */
static char *
describe_running (KlingTask   *task,
                  const char **icon,
                  char       **detail)
{
  const char *status = kling_task_get_status_message (task);
  g_autofree char *elapsed = NULL;
  int progress = kling_task_get_progress (task);

  switch (kling_task_get_state (task))
    {
    case KLING_TASK_STATE_PENDING:
      *icon = "document-send-symbolic";
      return g_strdup (_("Waiting to be sent"));
    case KLING_TASK_STATE_SENDING:
      *icon = "mail-send-symbolic";
      if (kling_choices_has_text (status))
        *detail = g_strdup_printf (_("The last try failed: %s"), status);
      return g_strdup (_("Sending…"));
    case KLING_TASK_STATE_QUEUED:
      *icon = "alarm-symbolic";
      if (kling_choices_has_text (status))
        *detail = g_strdup (status);
      return g_strdup (_("Waiting for a free slot"));
    case KLING_TASK_STATE_SUBMITTED:
      *icon = "content-loading-symbolic";
      return g_strdup (_("Submitted"));
    case KLING_TASK_STATE_PROCESSING:
      *icon = "emblem-synchronizing-symbolic";
      elapsed = format_elapsed ((g_get_real_time () - started_us (task)) / G_USEC_PER_SEC);
      if (progress > 0 && progress < 100)
        return g_strdup_printf (_("Generating… %s (%d%%)"), elapsed, progress);
      return g_strdup_printf (_("Generating… %s"), elapsed);
    case KLING_TASK_STATE_SUCCEEDED:
    case KLING_TASK_STATE_FAILED:
    default:
      *icon = "folder-download-symbolic";
      return g_strdup_printf (_("Downloading %d%%"),
                              (int) (kling_task_get_download_progress (task) * 100));
    }
}

/* The state line: its text, icon and style class ("error", "warning",
 * "success" or NULL). */
static char *
describe_state (KlingHistoryView  *self,
                KlingTask         *task,
                const char       **icon,
                const char       **style,
                char             **detail)
{
  KlingTaskState state = kling_task_get_state (task);
  const char *problem = kling_task_get_error_message (task);
  g_autofree char *running = NULL;

  *style = NULL;
  if (state == KLING_TASK_STATE_FAILED)
    {
      *icon = "dialog-error-symbolic";
      *style = "error";
      /* Long with its code and request id: whole in the tooltip. */
      *detail = kling_choices_failure_text (task);
      return g_strdup (*detail);
    }
  if (state == KLING_TASK_STATE_SUCCEEDED && kling_task_get_video_path (task) != NULL)
    {
      *icon = "emblem-ok-symbolic";
      *style = "success";
      return g_strdup (_("Ready"));
    }
  if (state == KLING_TASK_STATE_SUCCEEDED && kling_choices_has_text (problem) && !is_following (self, task))
    {
      *icon = "dialog-warning-symbolic";
      *style = "warning";
      return g_strdup_printf (_("The video could not be saved: %s"), problem);
    }

  running = describe_running (task, icon, detail);
  if (!kling_choices_has_text (problem))
    return g_steal_pointer (&running);
  /* Still waiting, but something the user may need to fix (e.g. the token). */
  *icon = "dialog-warning-symbolic";
  *style = "warning";
  return g_strdup_printf (_("%s — %s"), running, problem);
}

/* Rows */

KlingHistoryRow *
kling_history_row_from_widget (GtkWidget *widget)
{
  return widget != NULL ? g_object_get_data (G_OBJECT (widget), ROW_KEY) : NULL;
}

static void
row_free (KlingHistoryRow *row)
{
  g_cancellable_cancel (row->cancellable);
  g_clear_object (&row->cancellable);
  g_clear_object (&row->task);
  g_free (row->thumbnail_path);
  g_free (row);
}

static void
thumbnail_thread (GTask        *gtask,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (task_data, &error);

  if (texture == NULL)
    g_task_return_error (gtask, error);
  else
    g_task_return_pointer (gtask, texture, g_object_unref);
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) picture = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  /* The picture now covers the placeholder icon: the icon goes, its size stays. */
  overlay = gtk_widget_get_parent (picture);
  if (overlay != NULL)
    gtk_image_clear (GTK_IMAGE (gtk_overlay_get_child (GTK_OVERLAY (overlay))));
}

/* Thumbnails are decoded in a thread: hundreds of rows must not stall. */
static void
load_thumbnail (KlingHistoryRow *row)
{
  const char *path = kling_task_get_thumbnail_path (row->task);
  g_autoptr(GTask) gtask = NULL;

  if (path == NULL || g_strcmp0 (path, row->thumbnail_path) == 0)
    return;
  g_free (row->thumbnail_path);
  row->thumbnail_path = g_strdup (path);
  g_cancellable_cancel (row->cancellable);
  g_clear_object (&row->cancellable);
  row->cancellable = g_cancellable_new ();

  gtask = g_task_new (NULL, row->cancellable, thumbnail_loaded_cb, g_object_ref (row->picture));
  g_task_set_task_data (gtask, g_strdup (path), g_free);
  g_task_run_in_thread (gtask, thumbnail_thread);
}

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

void
kling_history_row_update_state (KlingHistoryRow *row)
{
  const char *icon = NULL;
  const char *style = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *text = describe_state (row->view, row->task, &icon, &style, &detail);

  gtk_label_set_text (GTK_LABEL (row->state), text);
  gtk_widget_set_tooltip_text (row->state, detail);
  /* A reason and request id are there to be quoted. */
  gtk_label_set_selectable (GTK_LABEL (row->state), style != NULL && g_strcmp0 (style, "success") != 0);
  gtk_image_set_from_icon_name (GTK_IMAGE (row->state_icon), icon);
  set_style_class (row->state_icon, style);
}

void
kling_history_row_update_meta (KlingHistoryRow *row)
{
  const char *model = kling_task_get_model_name (row->task);
  const char *mode = kling_task_get_mode (row->task);
  const char *duration = kling_task_get_duration (row->task);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *age = format_age (kling_task_get_created (row->task));

  /* What was asked for, then when: "Kling v1 · std · 5 s · 2 hours ago" */
  if (kling_choices_has_text (model))
    g_string_append (text, kling_capabilities_get_display_name (model));
  if (kling_choices_has_text (mode))
    append_meta (text, mode);
  if (kling_choices_has_text (duration))
    {
      g_autofree char *seconds = kling_choices_duration_label (duration);

      append_meta (text, seconds);
    }
  append_meta (text, age);
  gtk_label_set_text (GTK_LABEL (row->meta), text->str);
}

gboolean
kling_history_row_can_check_now (KlingHistoryRow *row)
{
  KlingTask *task = row->task;

  if (row->view->poller == NULL)
    return FALSE;
  return kling_task_gave_up_waiting (task) || !kling_task_is_finished (task);
}

static void
enable_action (KlingHistoryRow *row,
               const char      *name,
               gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (row->actions, name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (KlingHistoryRow *row)
{
  gboolean has_video = kling_task_get_video_path (row->task) != NULL;

  enable_action (row, "play", has_video);
  enable_action (row, "save-as", has_video);
  enable_action (row, "check-now", kling_history_row_can_check_now (row));
  enable_action (row, "retry", kling_task_get_state (row->task) == KLING_TASK_STATE_FAILED);
  gtk_widget_set_visible (row->play_button, has_video);
}

void
kling_history_row_update (KlingHistoryRow *row)
{
  const char *prompt = kling_task_get_prompt (row->task);

  gtk_label_set_text (GTK_LABEL (row->prompt), kling_choices_has_text (prompt) ? prompt : _("No prompt"));
  gtk_widget_set_tooltip_text (row->prompt, kling_choices_has_text (prompt) ? prompt : NULL);
  if (kling_choices_has_text (prompt))
    gtk_widget_remove_css_class (row->prompt, "dim-label");
  else
    gtk_widget_add_css_class (row->prompt, "dim-label");
  kling_history_row_update_meta (row);
  kling_history_row_update_state (row);
  update_actions (row);
  load_thumbnail (row);
}

static void
task_notify_cb (KlingTask  *task,
                GParamSpec *pspec,
                GtkWidget  *widget)
{
  KlingHistoryRow *row = kling_history_row_from_widget (widget);
  gboolean state_changed = g_strcmp0 (pspec->name, "state") == 0;

  kling_history_row_update (row);
  if (state_changed)
    kling_history_view_update_timer (row->view);
}

/* Building a row */

static GtkWidget *
build_thumbnail (KlingHistoryRow *row)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *placeholder = gtk_image_new_from_icon_name ("image-x-generic-symbolic");

  /* The placeholder gives the size; the picture covers it, cropped. */
  gtk_widget_set_size_request (placeholder, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), placeholder);

  row->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (row->picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (row->picture), GTK_CONTENT_FIT_COVER);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), row->picture);

  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_valign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (overlay, "card");
  gtk_widget_add_css_class (overlay, "thumbnail");
  return overlay;
}

static GtkWidget *
new_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
build_text (KlingHistoryRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *state_text;

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  row->prompt = new_label ("heading");
  gtk_label_set_ellipsize (GTK_LABEL (row->prompt), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), row->prompt);

  row->meta = new_label ("caption");
  gtk_widget_add_css_class (row->meta, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (row->meta), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), row->meta);

  row->state_icon = gtk_image_new ();
  gtk_widget_set_valign (row->state_icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (state_box), row->state_icon);
  row->state = new_label (NULL);
  gtk_label_set_wrap (GTK_LABEL (row->state), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->state), PANGO_WRAP_WORD_CHAR);
  /* A failure's reason, code and request id fill many lines in a narrow
   * list: three are shown, the tooltip and the player have them all. */
  gtk_label_set_lines (GTK_LABEL (row->state), 3);
  gtk_label_set_ellipsize (GTK_LABEL (row->state), PANGO_ELLIPSIZE_END);
  /* In a box of its own: GTK 4.8 measures an icon beside a wrapping label's
   * baseline one pixel taller for a given width than without one. */
  state_text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (state_text, TRUE);
  gtk_box_append (GTK_BOX (state_text), row->state);
  gtk_box_append (GTK_BOX (state_box), state_text);
  gtk_box_append (GTK_BOX (box), state_box);
  return box;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

/* Hundreds of rows: each menu is made when first opened. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  KlingHistoryView *self = user_data;

  gtk_menu_button_set_menu_model (button, self->row_menu);
}

static GtkWidget *
build_buttons (KlingHistoryView *self,
               KlingHistoryRow  *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *menu_button = gtk_menu_button_new ();

  row->play_button = icon_button ("media-playback-start-symbolic", _("Play"));
  gtk_widget_add_css_class (row->play_button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->play_button), "row.play");
  gtk_box_append (GTK_BOX (box), row->play_button);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu_button), FALSE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_menu, self, NULL);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More Actions"), -1);
  gtk_box_append (GTK_BOX (box), menu_button);
  return box;
}

/**
 * kling_history_row_new:
 * @task: the KlingTask to show
 * @view: the KlingHistoryView the row goes into
 *
 * A GtkListBoxCreateWidgetFunc.
 */
GtkWidget *
kling_history_row_new (gpointer task,
                       gpointer view)
{
  KlingHistoryView *self = view;
  GtkWidget *widget = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  KlingHistoryRow *row = g_new0 (KlingHistoryRow, 1);

  row->view = self;
  row->task = g_object_ref (task);
  row->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (widget), ROW_KEY, row, (GDestroyNotify) row_free);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), build_thumbnail (row));
  gtk_box_append (GTK_BOX (box), build_text (row));
  gtk_box_append (GTK_BOX (box), build_buttons (self, row));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (widget), box);

  kling_history_row_add_actions (row, widget);
  g_signal_connect_object (row->task, "notify", G_CALLBACK (task_notify_cb), widget, 0);
  kling_history_row_update (row);
  return widget;
}

