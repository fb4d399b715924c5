/* kling-window-open.c — where the window's picture comes from
 *
 * Files, drafts, web addresses, pasted and dropped pictures all end here.
 * A picture the API refuses is still shown, under a banner
 * (kling-window-banner.c). Replacing a composition
 * that has regions or paths asks first: they would be lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kling-file-limit.h"
#include "kling-image-fix.h"
#include "kling-toast.h"
#include "kling-window-private.h"


/* — the name of what is open — */

/**
 * kling_window_set_document_name:
 * @name: (nullable): the picture's or the draft's file name
 *
 * Shows @name under the window's title and in the title the desktop shows
 * (task switcher, window list), since the header often shows the page
 * switcher instead of the title.
 */
void
kling_window_set_document_name (KlingWindow *self,
                                const char  *name)
{
  g_autofree char *title = NULL;

  adw_window_title_set_subtitle (self->window_title, name ? name : "");
  if (name != NULL && *name != '\0')
    /* TRANSLATORS: the window's title, a file name then the app's name */
    title = g_strdup_printf (_("%s — Kling Studio"), name);
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Kling Studio"));
}

/* — replacing the composition — */

typedef struct {
  KlingWindow        *window;
  KlingWindowReplace  replace;
  gpointer            data;
  GDestroyNotify      destroy;
} Replacement;

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Replacement      *replacement)
{
  if (g_str_equal (response, "replace"))
    replacement->replace (replacement->window, replacement->data);
  else if (replacement->destroy != NULL)
    replacement->destroy (replacement->data);
  g_object_unref (replacement->window);
  g_free (replacement);
}

/**
 * kling_window_replace_composition:
 * @name: what replaces the composition, for the question
 * @replace: opens it, and takes @data
 * @data: (transfer full): for @replace
 * @destroy: frees @data when the user keeps the composition
 *
 * Calls @replace now if the composition has no regions or paths to lose
 * (none, or all saved in its draft); else asks first, and calls it only if
 * the user agrees.
 */
void
kling_window_replace_composition (KlingWindow        *self,
                                  const char         *name,
                                  KlingWindowReplace  replace,
                                  gpointer            data,
                                  GDestroyNotify      destroy)
{
  KlingDocument *document = kling_window_peek_document (self);
  Replacement *replacement;
  GtkWidget *dialog;

  /* a saved draft keeps the regions and paths: nothing to lose */
  if (document == NULL || !kling_document_has_motion (document) || kling_window_work_is_saved (self))
    {
      replace (self, data);
      return;
    }

  replacement = g_new0 (Replacement, 1);
  replacement->window = g_object_ref (self);
  replacement->replace = replace;
  replacement->data = data;
  replacement->destroy = destroy;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Composition?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Opening “%s” replaces the picture: the regions and paths painted "
                                    "on it will be lost; the prompt and the settings stay. "
                                    "Save a draft first (Ctrl+S) to keep them."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), replacement);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A picture just opened is shown, even if the Generations page was. */
void
kling_window_show_editor (KlingWindow *self)
{
  kling_window_ensure_editor (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
  gtk_stack_set_visible_child_name (self->stack, "editor");
  kling_editor_page_focus_canvas (self->editor_page);
  kling_window_update_actions (self);
}

/* — opening pictures — */

typedef struct {
  KlingImage *image;
  char       *name;
  gsize       n_bytes;
} Opening;

static void
opening_free (Opening *opening)
{
  kling_image_unref (opening->image);
  g_free (opening->name);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

/* Puts the picture in the editor; one the API would refuse gets the banner. */
static void
open_image (KlingWindow *self,
            gpointer     data)
{
  g_autoptr(Opening) opening = data;
  g_autoptr(GError) error = NULL;
  KlingDocument *document;

  kling_window_ensure_editor (self);
  document = kling_editor_page_get_document (self->editor_page);
  if (!kling_document_set_image (document, opening->image, &error))
    {
      kling_window_show_toast (self, error->message);
      return;
    }
  kling_window_hide_banner (self);
  self->follows_picture = TRUE;
  kling_window_check_picture (self);

  kling_window_set_draft_path (self, NULL);
  kling_window_set_document_name (self, opening->name);
  kling_window_show_editor (self);
  kling_window_say_what_stays (self);
}

/* The picture formats people meet, by their first bytes. */
static const char *
format_name (GBytes *bytes)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (bytes, &n);

  if (n >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "WebP";
  if (n >= 12 && memcmp (data + 4, "ftypavif", 8) == 0)
    return "AVIF";
  if (n >= 12 && (memcmp (data + 4, "ftyphei", 7) == 0 || memcmp (data + 4, "ftypmif1", 8) == 0))
    return "HEIF";
  if (n >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return "TIFF";
  if (n >= 4 && memcmp (data, "GIF8", 4) == 0)
    return "GIF";
  if (n >= 2 && data[0] == 'B' && data[1] == 'M')
    return "BMP";
  return NULL;
}

static gboolean
has_decoder (const char *format)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean found = FALSE;

  for (GSList *l = formats; l != NULL && !found; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      found = g_ascii_strcasecmp (name, format) == 0 ||
              (g_ascii_strcasecmp (format, "HEIF") == 0 && g_ascii_strcasecmp (name, "heif") == 0);
    }
  g_slist_free (formats);
  return found;
}

/* Said plainly: what the file is, and that this computer cannot read it;
 * the picture and the work in the editor stay as they are. */
static void
say_undecodable (KlingWindow *self,
                 GBytes      *bytes,
                 const char  *name)
{
  const char *format = format_name (bytes);
  g_autofree char *text = NULL;
  GtkWidget *dialog;

  if (format != NULL && has_decoder (format))
    /* TRANSLATORS: a file name, then a picture format such as WebP */
    text = g_strdup_printf (_("%s is a %s picture that could not be read: it may be damaged or cut short."),
                            name, format);
  else if (format != NULL)
    /* TRANSLATORS: a file name, then a picture format such as WebP (twice) */
    text = g_strdup_printf (_("%s is a %s picture, and this computer has no decoder for %s. "
                              "Convert it to PNG or JPEG in another app, then open it again."),
                            name, format, format);
  else
    text = g_strdup_printf (_("%s is not a picture this computer can read. "
                              "Kling takes PNG or JPEG pictures."), name);
  /* a dialog, not a toast: it stays until read, and is never cut short */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Picture Cannot Be Opened"), text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * kling_window_open_bytes:
 *
 * Opens a picture. One the API would refuse is still shown, with a banner
 * saying what is wrong and a button that fixes it. A picture that is not
 * PNG or JPEG only gets the banner: the composition stays until the user
 * converts it.
 */
void
kling_window_open_bytes (KlingWindow *self,
                         GBytes      *bytes,
                         const char  *name)
{
  g_autoptr(GError) error = NULL;
  KlingImage *image = kling_image_new_from_bytes (bytes, name, &error);
  Opening *opening;

  if (image == NULL)
    {
      /* Not PNG or JPEG, or too large to open whole: if it is a picture at
       * all, offer to convert or scale it (decoded scaled down). A PNG or
       * JPEG refused for anything else (cut short) only gets the message. */
      gboolean png_or_jpeg = kling_image_detect_mime_type (bytes) != NULL;
      KlingImageFixSteps steps = 0;
      g_autoptr(GdkPixbuf) pixbuf = kling_image_fix_decode (bytes, &steps, NULL);

      if (pixbuf == NULL && !png_or_jpeg)
        say_undecodable (self, bytes, name);
      else if (pixbuf == NULL || (png_or_jpeg && !(steps & KLING_IMAGE_FIX_SCALE_DOWN)))
        kling_window_show_toast (self, error->message);
      else
        kling_window_show_banner (self, error->message, pixbuf, name, g_bytes_get_size (bytes),
                                  steps | (png_or_jpeg ? 0 : KLING_IMAGE_FIX_CONVERT));
      return;
    }

  opening = g_new0 (Opening, 1);
  opening->image = image;
  opening->name = g_strdup (name);
  opening->n_bytes = g_bytes_get_size (bytes);
  kling_window_replace_composition (self, name, open_image, opening, (GDestroyNotify) opening_free);
}

/* — opening files — */

typedef struct {
  KlingWindow        *self;
  KlingWindowUrlDone  done;
} PictureRead;

static void
picture_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PictureRead *read = user_data;
  g_autoptr(KlingWindow) self = read->self;
  KlingWindowUrlDone done = read->done;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = kling_file_read_limited_finish (G_FILE (source), result, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  g_free (read);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kling_window_show_toast (self, error->message);
      return;
    }
  done (self, bytes, name, NULL);
}

/**
 * kling_window_read_picture:
 *
 * Reads a picture the user chose, as kling_window_fetch_url() downloads
 * one: no larger than a picture may be; a failure is told in a toast.
 */
void
kling_window_read_picture (KlingWindow        *self,
                           GFile              *file,
                           KlingWindowUrlDone  done)
{
  PictureRead *read = g_new0 (PictureRead, 1);

  read->self = g_object_ref (self);
  read->done = done;
  kling_file_read_limited_async (file, KLING_IMAGE_MAX_FILE_BYTES, self->cancellable,
                                 picture_read_cb, read);
}

static gboolean
is_draft_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, KLING_DRAFT_FILE_SUFFIX);
}

static void
open_draft (KlingWindow *self,
            gpointer     data)
{
  g_autofree char *path = data;
  g_autoptr(GError) error = NULL;

  if (!kling_window_load_draft (self, path, &error))
    kling_window_show_toast (self, error->message);
}

static void
open_fetched_bytes (KlingWindow *self,
                    GBytes      *bytes,
                    const char  *name,
                    gpointer     data)
{
  kling_window_open_bytes (self, bytes, name);
}

void
kling_window_open_file (KlingWindow *self,
                        GFile       *file)
{
  g_return_if_fail (KLING_IS_WINDOW (self));

  if (g_file_has_uri_scheme (file, "http") || g_file_has_uri_scheme (file, "https"))
    {
      g_autofree char *uri = g_file_get_uri (file);
      kling_window_open_url (self, uri);
      return;
    }

  if (is_draft_file (file))
    {
      char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);

      if (path == NULL)
        kling_window_show_toast (self, _("Only local drafts can be opened"));
      else
        kling_window_replace_composition (self, name, open_draft, path, g_free);
      return;
    }

  kling_window_read_picture (self, file, open_fetched_bytes);
}

void
kling_window_open_url (KlingWindow *self,
                       const char  *url)
{
  kling_window_fetch_url (self, url, NULL, open_fetched_bytes, NULL, NULL);
}
