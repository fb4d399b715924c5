/* kling-history-text.c — what a generation's row says
 *
 * The state line a person reads: what the task is waiting for, how long it
 * has been generating, or why it failed in the server's own words with the
 * request id to quote; and the line under the prompt: what was asked for,
 * and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-history-text.h"

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
    case KLING_TASK_STATE_UNCONFIRMED:
      *icon = "dialog-question-symbolic";
      if (kling_choices_has_text (status))
        *detail = g_strdup (status);
      return g_strdup (_("May have been created: its answer was lost"));
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

/* With the time the server took, by its own clock, when it said. */
static char *
describe_ready (KlingTask *task)
{
  gint64 took_ms = kling_task_get_updated_at (task) - kling_task_get_created_at (task);
  g_autofree char *took = NULL;

  if (kling_task_get_created_at (task) <= 0 || took_ms <= 0)
    return g_strdup (_("Ready"));
  took = format_elapsed ((took_ms + 500) / 1000);
  /* TRANSLATORS: how long the server took to make the video, e.g. "Ready in 1:05" */
  return g_strdup_printf (_("Ready in %s"), took);
}

/**
 * kling_history_describe_state:
 * @following: whether the poller still follows @task
 * @icon: (out): the icon beside the line
 * @style: (out): its style class ("error", "warning", "success") or %NULL
 * @detail: (out): what the tooltip says, or %NULL
 *
 * Returns: the state line a person reads
 */
char *
kling_history_describe_state (KlingTask   *task,
                              gboolean     following,
                              const char **icon,
                              const char **style,
                              char       **detail)
{
  KlingTaskState state = kling_task_get_state (task);
  const char *problem = kling_task_get_error_message (task);
  g_autofree char *running = NULL;

  *style = NULL;
  if (kling_task_is_cancelled (task))
    {
      /* The artist's doing, not a failure. */
      *icon = "process-stop-symbolic";
      *detail = g_strdup (problem);
      return g_strdup (_("Cancelled"));
    }
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
      return describe_ready (task);
    }
  if (state == KLING_TASK_STATE_SUCCEEDED && kling_choices_has_text (problem) && !following)
    {
      *icon = "dialog-warning-symbolic";
      *style = "warning";
      return g_strdup_printf (_("The video could not be saved: %s"), problem);
    }

  if (state == KLING_TASK_STATE_UNCONFIRMED && kling_choices_has_text (problem))
    {
      /* The message says it all: it may exist, why nobody can tell, and
       * that nothing was sent again. */
      *icon = "dialog-warning-symbolic";
      *style = "warning";
      *detail = g_strdup (problem);
      return g_strdup (problem);
    }

  running = describe_running (task, icon, detail);
  if (!kling_choices_has_text (problem))
    return g_steal_pointer (&running);
  /* Still waiting, but something the user may need to fix (e.g. the token). */
  *icon = "dialog-warning-symbolic";
  *style = "warning";
  return g_strdup_printf (_("%s — %s"), running, problem);
}

/**
 * kling_history_describe_meta:
 *
 * Returns: what was asked for, then when: "Kling v1 · std · 5 s · 2 hours ago"
 */
char *
kling_history_describe_meta (KlingTask *task)
{
  const char *model = kling_task_get_model_name (task);
  const char *mode = kling_task_get_mode (task);
  const char *duration = kling_task_get_duration (task);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *age = format_age (kling_task_get_created (task));

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
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The prompt's first sentence, cut at a word where it is long: a name to
 * tell rows apart at a glance, not a summary. Commas stay: variants are
 * often told apart after one ("The kite, second try"). */
static char *
name_from_prompt (const char *prompt)
{
  static const gunichar stops[] = { '.', '!', '?', '\n', 0x3002, 0xFF01, 0xFF1F };
  g_autoptr(GString) clause = g_string_new (NULL);
  const guint max_chars = 32;
  gsize space_at = 0;
  guint n = 0;

  for (const char *p = prompt; *p != '\0' && n <= max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean stop = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
        stop |= c == stops[i];
      if (stop && clause->len > 0)
        return g_strstrip (g_string_free (g_steal_pointer (&clause), FALSE));
      if (stop)
        continue;
      if (g_unichar_isspace (c) && clause->len > 0)
        space_at = clause->len;
      g_string_append_unichar (clause, g_unichar_isspace (c) ? ' ' : c);
    }
  if (n <= max_chars)
    return g_strstrip (g_string_free (g_steal_pointer (&clause), FALSE));

  /* Cut at the last word; without spaces (Chinese), half as many
   * characters say as much. */
  if (space_at > 0)
    g_string_truncate (clause, space_at);
  else
    g_string_truncate (clause, g_utf8_offset_to_pointer (clause->str, max_chars / 2) - clause->str);
  g_string_append (clause, "…");
  return g_strstrip (g_string_free (g_steal_pointer (&clause), FALSE));
}

/**
 * kling_history_dup_display_name:
 *
 * Returns: the name the artist gave @task, else one made from its prompt,
 *   else "No prompt"
 */
char *
kling_history_dup_display_name (KlingTask *task)
{
  const char *prompt = kling_task_get_prompt (task);
  g_autofree char *made = NULL;

  if (kling_task_get_name (task) != NULL)
    return g_strdup (kling_task_get_name (task));
  if (kling_choices_has_text (prompt))
    made = name_from_prompt (prompt);
  if (made != NULL && *made != '\0')
    return g_steal_pointer (&made);
  return g_strdup (_("No prompt"));
}
