/* kling-choices.c — how the generation choices read in the interface
 *
 * The editor's parameters, the preferences' defaults and the history's rows
 * name modes and durations the same way; a generation is named by the
 * start of its prompt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "kling-choices.h"

/* "Standard (std)": the API's word stays visible, since the docs use it. */
const char *
kling_choices_mode_label (const char *mode)
{
  if (g_strcmp0 (mode, "std") == 0)
    return _("Standard (std)");
  if (g_strcmp0 (mode, "pro") == 0)
    return _("Professional (pro)");
  return mode;
}

/* @duration: seconds as the API writes them ("5") */
char *
kling_choices_duration_label (const char *duration)
{
  /* TRANSLATORS: a video's length in seconds, as in "5 s" */
  return g_strdup_printf (_("%s s"), duration);
}

/* The position of @value in @values, or GTK_INVALID_LIST_POSITION. */
guint
kling_choices_index_of (const char * const *values,
                        const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The first @max_chars characters of @prompt, with "…" when cut; NULL when
 * there is no prompt. */
char *
kling_choices_prompt_excerpt (const char *prompt,
                              guint       max_chars)
{
  g_autofree char *start = NULL;

  if (prompt == NULL || *prompt == '\0')
    return NULL;
  if ((guint) g_utf8_strlen (prompt, -1) <= max_chars)
    return g_strdup (prompt);
  start = g_utf8_substring (prompt, 0, max_chars);
  return g_strconcat (start, "…", NULL);
}

/**
 * kling_choices_video_file_name:
 *
 * A file name a person recognises for @task's video: the name the artist
 * gave it, else the start of the prompt, made a safe file name; else the
 * generation's id; with ".mp4".
 */
char *
kling_choices_video_file_name (KlingTask *task)
{
  const char *prompt = kling_task_get_name (task) != NULL ? kling_task_get_name (task) : kling_task_get_prompt (task);
  g_autofree char *head = NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  if (prompt != NULL)
    {
      /* g_utf8_substring reads past the end of a string shorter than asked for. */
      head = g_utf8_substring (prompt, 0, MIN (g_utf8_strlen (prompt, -1), 48));
      for (const char *p = head; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* no folders, no control characters, one space at a time */
          if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || g_unichar_isspace (c))
            c = ' ';
          if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
            continue;
          g_string_append_unichar (name, c);
        }
      while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
        g_string_truncate (name, name->len - 1);
    }
  if (name->len == 0 || name->str[0] == '.')
    g_string_printf (name, "kling-%s", kling_task_get_local_id (task));
  g_string_append (name, ".mp4");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static gboolean
gave_up (KlingTask *task)
{
  return g_strcmp0 (kling_task_get_error_kind (task), "timeout") == 0 && kling_task_get_task_id (task) != NULL;
}

/**
 * kling_choices_failure_reason:
 *
 * Why @task failed: the server's own reason when it refused the video (it
 * reads better than ours), else the core's message, which already has the
 * server's message, code and request id.
 *
 * Returns: (transfer full) (nullable): the reason, %NULL if none is known
 */
char *
kling_choices_failure_reason (KlingTask *task)
{
  const char *message = kling_task_get_error_message (task);
  const char *reason = kling_task_get_status_message (task);
  const char *request_id = kling_task_get_request_id (task);

  if (g_strcmp0 (kling_task_get_error_kind (task), "task-failed") == 0 && kling_choices_has_text (reason))
    {
      if (kling_choices_has_text (request_id))
        return g_strdup_printf (_("%s (request id %s)"), reason, request_id);
      return g_strdup (reason);
    }
  if (gave_up (task))
    return g_strdup_printf (_("Stopped waiting; check again later (task id %s)"), kling_task_get_task_id (task));
  if (kling_choices_has_text (message))
    return g_strdup (message);
  return NULL;
}

/**
 * kling_choices_failure_text:
 *
 * The state line of a failed @task: "Failed: " and its reason.
 *
 * Returns: (transfer full): the text
 */
char *
kling_choices_failure_text (KlingTask *task)
{
  g_autofree char *reason = kling_choices_failure_reason (task);

  if (gave_up (task))
    return g_steal_pointer (&reason);
  if (reason != NULL)
    return g_strdup_printf (_("Failed: %s"), reason);
  return g_strdup (_("Failed"));
}

/* — a row of a drop-down's list — */

/**
 * kling_choices_item_new:
 * @caption_max_chars: how wide the caption may grow before it wraps
 *
 * A row for the list a drop-down opens: the choice's name, a dim caption
 * under it (hidden while it has no text), and a check mark on the chosen
 * one, as libadwaita draws its own lists.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
kling_choices_item_new (int caption_max_chars)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), caption_max_chars);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_set_visible (caption, FALSE);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), caption);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  return box;
}

static GtkLabel *
item_label (GtkWidget *item,
            gboolean   caption)
{
  GtkWidget *labels = gtk_widget_get_first_child (item);

  return GTK_LABEL (caption ? gtk_widget_get_last_child (labels) : gtk_widget_get_first_child (labels));
}

void
kling_choices_item_set_name (GtkWidget  *item,
                             const char *name)
{
  gtk_label_set_text (item_label (item, FALSE), name);
}

/* @caption: (nullable): %NULL or empty hides it */
void
kling_choices_item_set_caption (GtkWidget  *item,
                                const char *caption)
{
  GtkLabel *label = item_label (item, TRUE);

  gtk_label_set_text (label, caption != NULL ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (label), kling_choices_has_text (caption));
}

void
kling_choices_item_set_checked (GtkWidget *item,
                                gboolean   checked)
{
  gtk_widget_set_opacity (gtk_widget_get_last_child (item), checked ? 1.0 : 0.0);
}
