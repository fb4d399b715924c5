/* kling-window-fetch.c — a picture fetched from a web address
 *
 * The download shows under the header with its progress and can be
 * cancelled from its toast; closing the window cancels it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kling-file-limit.h"
#include "kling-toast.h"
#include "kling-window-private.h"

/* Pictures fetched from the web are refused beyond this size. */
#define MAX_URL_IMAGE_BYTES (64 * 1024 * 1024)

/* — opening web addresses — */

#define READ_CHUNK (64 * 1024)

typedef struct {
  KlingWindow  *window;
  char         *url;
  SoupSession  *session;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *data;
  GCancellable *cancellable;
  gulong        window_closed_id;
  AdwToast     *toast;
  goffset       expected;   /* from Content-Length; 0 when not given */
  char         *what;       /* nullable: what the picture was for, in a failure */
  KlingWindowUrlDone done;
  gpointer      done_data;
  GDestroyNotify done_destroy;
} UrlFetch;

static void
url_fetch_free (UrlFetch *fetch)
{
  g_signal_handlers_disconnect_by_data (fetch->toast, fetch);
  kling_toast_dismiss (fetch->toast);
  g_object_unref (fetch->toast);
  g_cancellable_disconnect (fetch->window->cancellable, fetch->window_closed_id);
  if (fetch->window->download_bar != NULL)
    gtk_widget_set_visible (fetch->window->download_bar, FALSE);
  g_object_unref (fetch->window);
  g_free (fetch->url);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
  g_clear_pointer (&fetch->data, g_byte_array_unref);
  g_clear_object (&fetch->cancellable);
  if (fetch->done_destroy != NULL && fetch->done_data != NULL)
    fetch->done_destroy (fetch->done_data);
  g_free (fetch->what);
  g_free (fetch);
}

/* A failure, told once, after what the picture was for. */
static void
url_fetch_say (UrlFetch   *fetch,
               const char *text)
{
  g_autofree char *full = fetch->what != NULL ? g_strdup_printf ("%s %s", fetch->what, text) : NULL;

  kling_window_show_toast (fetch->window, full != NULL ? full : text);
}

static char *
name_from_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *path = uri ? g_uri_get_path (uri) : NULL;
  g_autofree char *base = path && *path ? g_path_get_basename (path) : NULL;

  if (base == NULL || g_str_equal (base, "/") || g_str_equal (base, "."))
    return g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url);
  return g_uri_unescape_string (base, NULL);
}

/* A thin bar under the header: how much of the picture has arrived. */
static GtkProgressBar *
ensure_download_bar (KlingWindow *self)
{
  if (self->download_bar == NULL)
    {
      self->download_bar = gtk_progress_bar_new ();
      gtk_widget_add_css_class (self->download_bar, "osd");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->download_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Download progress"), -1);
      gtk_box_insert_child_after (self->content_box, self->download_bar, self->header_bar);
    }
  gtk_widget_set_visible (self->download_bar, TRUE);
  return GTK_PROGRESS_BAR (self->download_bar);
}

static void
cancel_download_cb (AdwToast *toast,
                    UrlFetch *fetch)
{
  g_cancellable_cancel (fetch->cancellable);
}

/* Says why the download stopped, unless the user stopped it. */
static void
url_fetch_fail (UrlFetch     *fetch,
                const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Could not download %s: %s"), fetch->url, error->message);

      url_fetch_say (fetch, text);
    }
  url_fetch_free (fetch);
}

static void read_next (UrlFetch *fetch);

static void
chunk_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  UrlFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  GtkProgressBar *bar;

  if (chunk == NULL)
    {
      url_fetch_fail (fetch, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->data));
      g_autofree char *name = name_from_url (fetch->url);
      KlingWindow *self = g_object_ref (fetch->window);
      KlingWindowUrlDone done = fetch->done;
      gpointer done_data = g_steal_pointer (&fetch->done_data);

      url_fetch_free (fetch);
      done (self, bytes, name, done_data);
      g_object_unref (self);
      return;
    }

  g_byte_array_append (fetch->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (fetch->data->len > MAX_URL_IMAGE_BYTES)
    {
      url_fetch_say (fetch, _("The picture at that address is larger than 64 MB"));
      url_fetch_free (fetch);
      return;
    }
  bar = ensure_download_bar (fetch->window);
  if (fetch->expected > 0)
    gtk_progress_bar_set_fraction (bar, MIN (1.0, (double) fetch->data->len / fetch->expected));
  else
    gtk_progress_bar_pulse (bar);
  read_next (fetch);
}

static void
read_next (UrlFetch *fetch)
{
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, chunk_read_cb, fetch);
}

static void
url_sent_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  UrlFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      url_fetch_fail (fetch, error);
      return;
    }
  status = soup_message_get_status (fetch->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *text = g_strdup_printf (_("Could not download %s: the server answered %u %s"),
                                               fetch->url, status,
                                               soup_message_get_reason_phrase (fetch->message));
      url_fetch_say (fetch, text);
      url_fetch_free (fetch);
      return;
    }
  fetch->expected = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->message));
  if (fetch->expected > MAX_URL_IMAGE_BYTES)
    {
      url_fetch_say (fetch, _("The picture at that address is larger than 64 MB"));
      url_fetch_free (fetch);
      return;
    }
  fetch->data = g_byte_array_new ();
  read_next (fetch);
}

static void
window_closed_cb (GCancellable *window_cancellable,
                  GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

void
kling_window_fetch_url (KlingWindow        *self,
                        const char         *url,
                        const char         *what,
                        KlingWindowUrlDone  done,
                        gpointer            data,
                        GDestroyNotify      destroy)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *status = NULL;
  UrlFetch *fetch;

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a web address (http:// or https://)"), url);
      g_autofree char *full = what != NULL ? g_strdup_printf ("%s %s", what, text) : NULL;

      kling_window_show_toast (self, full != NULL ? full : text);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  fetch = g_new0 (UrlFetch, 1);
  fetch->window = g_object_ref (self);
  fetch->url = g_strdup (url);
  fetch->what = g_strdup (what);
  fetch->done = done;
  fetch->done_data = data;
  fetch->done_destroy = destroy;
  /* A session of its own: the API's credentials never go to an image host. */
  fetch->session = soup_session_new_with_options ("user-agent", "KlingStudio/" PACKAGE_VERSION,
                                                  "timeout", 60, NULL);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* Cancelled by the toast's button, or when the window closes. */
  fetch->cancellable = g_cancellable_new ();
  fetch->window_closed_id = g_cancellable_connect (self->cancellable, G_CALLBACK (window_closed_cb),
                                                   g_object_ref (fetch->cancellable), g_object_unref);

  status = g_strdup_printf (_("Downloading %s…"), g_uri_get_host (uri));
  fetch->toast = g_object_ref (kling_toast_new_plain (status));
  adw_toast_set_timeout (fetch->toast, 0);
  adw_toast_set_button_label (fetch->toast, _("_Cancel"));
  g_signal_connect (fetch->toast, "button-clicked", G_CALLBACK (cancel_download_cb), fetch);
  kling_toast_add (self->toast_overlay, fetch->toast);
  gtk_progress_bar_set_fraction (ensure_download_bar (self), 0.0);

  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->cancellable, url_sent_cb, fetch);
}
