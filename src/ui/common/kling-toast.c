/* kling-toast.c — a message in a toast, as plain text
 *
 * A toast's title is Pango markup in libadwaita 1.2 (no use-markup switch
 * yet): a file name or a server's message with a "<" or "&" would be
 * parsed, or lost with a warning. Every message goes in escaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-toast.h"

/* Long enough to read a sentence and reach its button. */
static guint toast_timeout_s = 6;

/* libadwaita 1.2 slides a toast in for 300 ms (500 when it replaces
 * another); a toast dismissed before that is over can have its show
 * animation end after the toast was freed, which crashed the app. */
#define TOAST_SHOWN_US (700 * G_TIME_SPAN_MILLISECOND)

static GQuark kling_toast_added_quark (void);
G_DEFINE_QUARK (kling-toast-added, kling_toast_added)

/**
 * kling_toast_set_timeout:
 * @seconds: how long the app's toasts stay, 0 until dismissed
 *
 * For the tests: a toast a test acts on can be made to stay, and one
 * whose going away is the behaviour under test can go sooner.
 */
void
kling_toast_set_timeout (guint seconds)
{
  toast_timeout_s = seconds;
}

/**
 * kling_toast_add:
 * @overlay: where the toast shows
 * @toast: (transfer full): the toast
 *
 * Shows @toast, to be taken away with kling_toast_dismiss().
 */
void
kling_toast_add (AdwToastOverlay *overlay,
                 AdwToast        *toast)
{
  gint64 *added = g_new (gint64, 1);

  *added = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (toast), kling_toast_added_quark (), added, g_free);
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
dismiss_later_cb (gpointer toast)
{
  adw_toast_dismiss (toast);
  g_object_unref (toast);
}

/**
 * kling_toast_dismiss:
 * @toast: a toast shown with kling_toast_add()
 *
 * Dismisses @toast, once it has slid in if it is still doing so.
 */
void
kling_toast_dismiss (AdwToast *toast)
{
  gint64 *added = g_object_get_qdata (G_OBJECT (toast), kling_toast_added_quark ());
  gint64 left_us = added ? *added + TOAST_SHOWN_US - g_get_monotonic_time () : 0;

  if (left_us <= 0)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_once ((guint) (left_us / 1000) + 1, dismiss_later_cb, g_object_ref (toast));
}

/**
 * kling_toast_new_plain:
 * @text: what the toast says, as plain text
 *
 * Returns: (transfer full): a toast showing @text as it is, for the app's
 *   toast time
 */
AdwToast *
kling_toast_new_plain (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, toast_timeout_s);
  return toast;
}

/**
 * kling_toast_show:
 * @widget: a widget inside a preferences window or a toast overlay
 * @text: what the toast says, as plain text
 *
 * Shows @text in the toasts of @widget's preferences window, else of the
 * toast overlay around it. A widget outside both (its window is gone) has
 * no one to tell: the message is only logged.
 */
void
kling_toast_show (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), kling_toast_new_plain (text));
  else if (overlay != NULL)
    kling_toast_add (ADW_TOAST_OVERLAY (overlay), kling_toast_new_plain (text));
  else
    g_debug ("No window for the message: %s", text);
}
