/* kling-history-details.c — everything about one generation
 *
 * A sheet over the window: the picture with its regions and paths drawn
 * small, the whole prompt and negative prompt, every parameter that was
 * sent, what went wrong if something did, the ids to quote to the provider
 * (each with a copy button), and the times it was sent, taken and finished. Kling reports no cost per task
 * (kling-api.md), so none is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-history-details.h"
#include "kling-history-marks.h"
#include "kling-history-sketch.h"
#include "kling-history-text.h"
#include "kling-json.h"
#include "kling-toast.h"

/* Members shown in a place of their own, or blobs. */
static const char * const own_place[] = {
  "prompt", "negative_prompt", "model_name", "mode", "duration", "image", "image_tail",
  "static_mask", "dynamic_masks", "external_task_id", "callback_url",
};

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  /* One line: a long one (a folder, a camera's JSON) is whole in the tooltip. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 24));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_END);
  /* Selectable, but not the first focus: it would open all selected. */
  gtk_widget_set_focusable (label, FALSE);
  return label;
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label (value));
  adw_preferences_group_add (group, row);
}

static void
copy_clicked_cb (GtkButton  *button,
                 const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied")));
}

/* An id is there to be quoted: selectable, and a button copies it whole. */
static void
add_id_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy;
  g_autofree char *tooltip = g_strdup_printf (_("Copy %s"), title);

  if (!kling_choices_has_text (id))
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label (id));
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (copy_clicked_cb), g_strdup (id),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (AdwPreferencesPage *page,
           const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* A text the artist wrote, whole, in a card. */
static void
add_text (AdwPreferencesPage *page,
          const char         *title,
          const char         *text)
{
  AdwPreferencesGroup *group;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  if (!kling_choices_has_text (text))
    return;
  group = add_group (page, title);
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), label);
  adw_preferences_group_add (group, card);
}

static char *
value_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  return json_to_string (node, FALSE);
}

static gboolean
has_own_place (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (own_place); i++)
    if (g_str_equal (member, own_place[i]))
      return TRUE;
  return FALSE;
}

static void
add_parameters (AdwPreferencesPage *page,
                KlingTask          *task)
{
  AdwPreferencesGroup *group = add_group (page, _("Parameters"));
  JsonObject *request = kling_task_get_request (task);
  const char *model = kling_task_get_model_name (task);
  g_autoptr(GList) members = request != NULL ? json_object_get_members (request) : NULL;
  guint n_dynamic = 0;
  gboolean has_static = kling_history_count_regions (task, &n_dynamic);
  g_autofree char *regions = NULL;

  if (model != NULL)
    add_row (group, _("Model"), kling_capabilities_get_display_name (model));
  if (kling_task_get_mode (task) != NULL)
    add_row (group, _("Mode"), kling_task_get_mode (task));
  if (kling_task_get_duration (task) != NULL)
    {
      g_autofree char *duration = kling_choices_duration_label (kling_task_get_duration (task));
      add_row (group, _("Duration"), duration);
    }
  /* TRANSLATORS: the regions a generation sent, e.g. "Static and 2 with paths" */
  regions = has_static ? g_strdup_printf (ngettext ("Static and %u with a path", "Static and %u with paths", n_dynamic), n_dynamic)
                       : g_strdup_printf (ngettext ("%u with a path", "%u with paths", n_dynamic), n_dynamic);
  if (has_static || n_dynamic > 0)
    add_row (group, _("Regions"), regions);
  if (request != NULL && json_object_has_member (request, "image_tail"))
    add_row (group, _("End frame"), _("Yes"));
  /* Everything else that was sent, by its API name. */
  for (GList *l = members; l != NULL; l = l->next)
    if (!has_own_place (l->data))
      {
        g_autofree char *text = value_text (json_object_get_member (request, l->data));
        add_row (group, l->data, text);
      }
}

static char *
format_ms (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (ms / 1000);

  /* TRANSLATORS: a date and time with seconds, see g_date_time_format() */
  return time != NULL ? g_date_time_format (time, _("%e %b %Y, %H:%M:%S")) : NULL;
}

static void
add_times (AdwPreferencesPage *page,
           KlingTask          *task)
{
  AdwPreferencesGroup *group = add_group (page, _("Times"));
  gint64 sent = g_date_time_to_unix (kling_task_get_created (task)) * 1000;
  gint64 taken = kling_task_get_created_at (task);
  gint64 updated = kling_task_get_updated_at (task);
  g_autofree char *sent_text = format_ms (sent);
  g_autofree char *taken_text = taken > 0 ? format_ms (taken) : NULL;
  g_autofree char *ended_text = updated > 0 && kling_task_is_finished (task) ? format_ms (updated) : NULL;

  add_row (group, _("Submitted"), sent_text);
  if (taken_text != NULL)
    add_row (group, _("Taken by the server"), taken_text);
  if (ended_text != NULL)
    add_row (group, _("Finished"), ended_text);
}

/* A failure's reason whole (the row shows three lines of it), with its
 * code and request id to quote. */
static void
add_problem (AdwPreferencesPage *page,
             KlingTask          *task)
{
  const char *icon, *style;
  g_autofree char *detail = NULL;
  g_autofree char *state = kling_history_describe_state (task, FALSE, &icon, &style, &detail);

  if (g_strcmp0 (style, "error") == 0 || g_strcmp0 (style, "warning") == 0)
    add_text (page, _("What Went Wrong"), detail != NULL ? detail : state);
}

static void
sketch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = kling_history_sketch_finish (result, &error);

  if (texture == NULL)
    {
      g_debug ("No sketch: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (picture), FALSE);
      return;
    }
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static GtkWidget *
make_page (KlingTask *task)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = add_group (page, NULL);
  AdwPreferencesGroup *ids;
  GtkWidget *picture = gtk_picture_new ();

  gtk_widget_set_size_request (picture, -1, 200);
  gtk_widget_add_css_class (picture, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The picture with its regions and paths"), -1);
  adw_preferences_group_add (group, picture);
  kling_history_sketch_async (task, 480, NULL, sketch_done_cb, g_object_ref (picture));

  add_problem (page, task);
  add_text (page, _("Prompt"), kling_task_get_prompt (task));
  add_text (page, _("Negative Prompt"), kling_json_member_string (kling_task_get_request (task), "negative_prompt"));
  add_parameters (page, task);
  ids = add_group (page, _("Identifiers"));
  add_id_row (ids, _("Task ID"), kling_task_get_task_id (task));
  add_id_row (ids, _("External ID"), kling_task_get_external_task_id (task));
  add_id_row (ids, _("Request ID"), kling_task_get_request_id (task));
  add_id_row (ids, _("Folder"), kling_task_get_folder (task));
  add_times (page, task);
  return GTK_WIDGET (page);
}

/**
 * kling_history_details_show:
 *
 * Shows @task's details in a window over @parent's.
 *
 * Returns: (transfer none): the details' window
 */
GtkWindow *
kling_history_details_show (GtkWidget *parent,
                            KlingTask *task)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  g_autofree char *name = kling_history_dup_display_name (task);
  GtkWidget *title = adw_window_title_new (name, _("Details"));

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 720);
  gtk_window_set_title (GTK_WINDOW (window), name);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), make_page (task));
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* Escape closes it, as a sheet. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
