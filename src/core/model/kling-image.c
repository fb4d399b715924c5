/* kling-image.c — an input image (start or end frame)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An image is either a URL, sent as given (its size is unknown), or the
 * bytes of a PNG or JPEG file, sent as raw base64. The bytes are never
 * re-encoded: Kling gets exactly the user's file. Only the header is
 * decoded, to learn the pixel size the masks must have.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-image-check.h"
#include "kling-image.h"

/* Headers come first; feeding the loader in small pieces lets it stop
 * reading as soon as the size is known. */
#define HEADER_CHUNK 4096

struct _KlingImage {
  gatomicrefcount  ref_count;
  char            *url;        /* either this … */
  GBytes          *bytes;      /* … or these, with a mime type and size */
  const char      *mime_type;
  char            *name;       /* for messages: the file name */
  int              width;
  int              height;
  int              orientation; /* EXIF, 1 to 8 */
};

static KlingImage *
kling_image_alloc (void)
{
  KlingImage *self = g_new0 (KlingImage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/**
 * kling_image_detect_mime_type:
 *
 * Returns: (nullable): "image/png" or "image/jpeg" as the magic bytes say,
 *   or %NULL
 */
const char *
kling_image_detect_mime_type (GBytes *bytes)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg_magic[] = { 0xff, 0xd8, 0xff };
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (length >= sizeof png_magic && memcmp (data, png_magic, sizeof png_magic) == 0)
    return "image/png";
  if (length >= sizeof jpeg_magic && memcmp (data, jpeg_magic, sizeof jpeg_magic) == 0)
    return "image/jpeg";
  return NULL;
}

typedef struct {
  int width;
  int height;
} ImageSize;

/* A size of 0×0 makes the loader stop before it allocates any pixels (as
 * gdk_pixbuf_get_file_info() does): a 948 KB PNG can say 30000×30000, and
 * its pixel buffer alone would take 3.6 GB. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  ImageSize       *size)
{
  size->width = width;
  size->height = height;
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Reads the pixel size from the header with gdk-pixbuf's own loader for
 * @mime_type; no pixel is decoded. */
static gboolean
read_size (GBytes      *bytes,
           const char  *mime_type,
           ImageSize   *size,
           GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) write_error = NULL;
  gsize length, offset = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, error);
  if (loader == NULL)
    return FALSE;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), size);

  while (offset < length && size->width == 0 && write_error == NULL)
    {
      gsize chunk = MIN (HEADER_CHUNK, length - offset);

      gdk_pixbuf_loader_write (loader, data + offset, chunk, &write_error);
      offset += chunk;
    }

  /* Stopped at the size, the loader reports an error: that is expected. A
   * loader must always be closed before it is finalised. */
  gdk_pixbuf_loader_close (loader, write_error == NULL ? &write_error : NULL);

  if (size->width <= 0 || size->height <= 0)
    {
      if (write_error != NULL)
        g_propagate_error (error, g_steal_pointer (&write_error));
      else
        g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                             _("no image size found"));
      return FALSE;
    }
  return TRUE;
}

/**
 * kling_image_new_from_bytes:
 * @bytes: the file's contents
 * @name_for_messages: (nullable): how messages name the image, e.g. its path
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with
 *   %KLING_ERROR_INVALID_INPUT when @bytes are not a readable PNG or JPEG
 */
KlingImage *
kling_image_new_from_bytes (GBytes      *bytes,
                            const char  *name_for_messages,
                            GError     **error)
{
  g_autoptr(KlingImage) self = NULL;
  g_autoptr(GError) local_error = NULL;
  ImageSize size = { 0, 0 };
  const char *name = name_for_messages != NULL ? name_for_messages : _("The image");
  const char *mime_type;
  const guint8 *data;
  gsize length;
  int orientation;

  g_return_val_if_fail (bytes != NULL, NULL);

  mime_type = kling_image_detect_mime_type (bytes);
  if (mime_type == NULL)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s is not a PNG or JPEG image"), name);
      return NULL;
    }
  if (!read_size (bytes, mime_type, &size, &local_error))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s could not be read as an image: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (!kling_image_size_is_allowed (size.width, size.height))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s is %d×%d pixels: at most %d pixels on a side and %d megapixels "
                     "can be opened"), name, size.width, size.height,
                   KLING_IMAGE_MAX_SIDE, KLING_IMAGE_MAX_PIXELS / (1000 * 1000));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (!kling_image_check_structure (data, length, mime_type, &orientation, &local_error))
    {
      /* TRANSLATORS: a file name, then what is wrong with the file */
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s is not a complete picture: %s"), name, local_error->message);
      return NULL;
    }

  self = kling_image_alloc ();
  self->bytes = g_bytes_ref (bytes);
  self->orientation = orientation;
  self->mime_type = mime_type;
  self->name = g_strdup (name);
  self->width = size.width;
  self->height = size.height;
  return g_steal_pointer (&self);
}

/**
 * kling_image_new_from_file:
 *
 * Reads @path as kling_file_read_limited() does (refusing what is not a
 * regular file or is over %KLING_IMAGE_MAX_FILE_BYTES) and checks it is a
 * PNG or JPEG as kling_image_new_from_bytes() does.
 *
 * Returns: (transfer full) (nullable): the image
 */
KlingImage *
kling_image_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = kling_file_read_limited_path (path, KLING_IMAGE_MAX_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_filename_display_name (path);
  return kling_image_new_from_bytes (bytes, name, error);
}

/**
 * kling_image_new_from_url:
 *
 * An image Kling fetches itself. The URL is sent as given; its pixel size is
 * unknown (0).
 *
 * Returns: (transfer full): the image
 */
KlingImage *
kling_image_new_from_url (const char *url)
{
  KlingImage *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = kling_image_alloc ();
  self->orientation = 1;
  self->url = g_strdup (url);
  self->name = g_strdup (url);
  return self;
}

KlingImage *
kling_image_ref (KlingImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kling_image_unref (KlingImage *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->url);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->name);
  g_free (self);
}

gboolean
kling_image_is_url (KlingImage *self)
{
  return self->url != NULL;
}

/**
 * kling_image_get_url:
 *
 * Returns: (nullable): the URL, or %NULL for an image from bytes
 */
const char *
kling_image_get_url (KlingImage *self)
{
  return self->url;
}

/**
 * kling_image_get_bytes:
 *
 * Returns: (transfer none) (nullable): the file's bytes, or %NULL for a URL
 */
GBytes *
kling_image_get_bytes (KlingImage *self)
{
  return self->bytes;
}

/**
 * kling_image_get_mime_type:
 *
 * Returns: (nullable): "image/png" or "image/jpeg"; %NULL for a URL
 */
const char *
kling_image_get_mime_type (KlingImage *self)
{
  return self->mime_type;
}

/**
 * kling_image_get_name:
 *
 * Returns: how messages name the image: its path, URL or given name
 */
const char *
kling_image_get_name (KlingImage *self)
{
  return self->name;
}

/* 0 for a URL */
int
kling_image_get_width (KlingImage *self)
{
  return self->width;
}

int
kling_image_get_height (KlingImage *self)
{
  return self->height;
}

/**
 * kling_image_get_orientation:
 *
 * Returns: the EXIF orientation of a JPEG, 1 to 8: 1 when the pixels are
 *   stored upright (or unknown, for a URL); 6 when viewers turn the picture
 *   a quarter clockwise. Kling and the masks use the stored grid.
 */
int
kling_image_get_orientation (KlingImage *self)
{
  return self->orientation;
}

typedef struct {
  int max_side;
} ThumbnailSize;

static void
on_thumbnail_size_prepared (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            ThumbnailSize   *size)
{
  int longest = MAX (width, height);

  if (longest <= size->max_side)
    return;
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) (((gint64) width * size->max_side + longest / 2) / longest)),
                              MAX (1, (int) (((gint64) height * size->max_side + longest / 2) / longest)));
}

/**
 * kling_image_decode:
 * @bytes: a picture's file, in any format gdk-pixbuf reads
 * @size_prepared: (nullable) (scope call): connected to the loader's
 *   "size-prepared" with @user_data, to decode at a size of its choosing
 *
 * The one way pictures are decoded. The pixels are as stored, not turned:
 * the masks must match the pixel grid the API sees, and the "orientation"
 * option says how the picture is meant to be seen.
 *
 * Returns: (transfer full) (nullable): the pixels
 */
GdkPixbuf *
kling_image_decode (GBytes    *bytes,
                    GCallback  size_prepared,
                    gpointer   user_data,
                    GError   **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (size_prepared != NULL)
    g_signal_connect (loader, "size-prepared", size_prepared, user_data);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("The image could not be decoded"));
      return NULL;
    }
  return g_object_ref (pixbuf);
}

/**
 * kling_image_decode_thumbnail:
 * @bytes: a picture's file
 * @max_side: the longest side wanted
 *
 * Decodes a picture at most @max_side pixels on its longest side, turned
 * upright as its EXIF says: a thumbnail. libjpeg decodes at that scale, so a
 * large photo never takes its full size in memory.
 *
 * Returns: (transfer full) (nullable): the thumbnail
 */
GdkPixbuf *
kling_image_decode_thumbnail (GBytes  *bytes,
                              int      max_side,
                              GError **error)
{
  ThumbnailSize size = { MAX (max_side, 1) };
  g_autoptr(GdkPixbuf) pixbuf = kling_image_decode (bytes, G_CALLBACK (on_thumbnail_size_prepared),
                                                    &size, error);

  return pixbuf != NULL ? gdk_pixbuf_apply_embedded_orientation (pixbuf) : NULL;
}

/* An address Kling can fetch: http or https, a host, nothing a server would
 * read differently from the user (spaces, control characters). */
static gboolean
check_url (KlingImage  *self,
           const char  *field,
           GError     **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (self->url);
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not an http:// or https:// address"),
                   field, self->url);
      return FALSE;
    }
  for (const char *c = self->url; *c != '\0'; c++)
    {
      if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
        {
          g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("%s: “%s” is not a valid address: it contains a space"),
                       field, self->url);
          return FALSE;
        }
    }
  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a valid address: it names no host"),
                   field, self->url);
      return FALSE;
    }
  return TRUE;
}

/**
 * kling_image_check:
 * @field: how the message names the image: "Image", "End frame"
 *
 * Checks the API's rules for an input image: PNG or JPEG, at most 10 MB,
 * each side at least 300 pixels, width/height between 1:2.5 and 2.5:1. A
 * URL can only be checked for its scheme; Kling checks the rest.
 *
 * Returns: %TRUE when Kling will take the image
 */
/* Adds one of the image's problems to the list that becomes the message. */
static void
add_problem (GString    *problems,
             const char *problem)
{
  if (problems->len > 0)
    /* TRANSLATORS: joins two problems of an image, as in "200×800 pixels;
     * each side must be at least 300 pixels, and the width/height ratio…" */
    g_string_append (problems, _(", and "));
  g_string_append (problems, problem);
}

gboolean
kling_image_check (KlingImage  *self,
                   const char  *field,
                   GError     **error)
{
  g_autoptr(GString) problems = NULL;
  gboolean too_wide, too_tall;
  gsize size;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->url != NULL)
    return check_url (self, field, error);

  /* Every problem is named at once: fixing one should not reveal another. */
  problems = g_string_new (NULL);
  size = g_bytes_get_size (self->bytes);
  if (size > KLING_IMAGE_MAX_BYTES)
    {
      /* rounded up, so a file just over the limit never reads "10.0 MB" */
      double mb = ceil (size * 10.0 / (1024 * 1024)) / 10.0;
      g_autofree char *problem = g_strdup_printf (_("%.1f MB; at most %d MB is allowed"),
                                                  mb, KLING_IMAGE_MAX_BYTES / (1024 * 1024));

      add_problem (problems, problem);
    }
  if (self->width < KLING_IMAGE_MIN_SIDE || self->height < KLING_IMAGE_MIN_SIDE)
    {
      g_autofree char *problem = g_strdup_printf (_("%d×%d pixels; each side must be at least %d pixels"),
                                                  self->width, self->height, KLING_IMAGE_MIN_SIDE);

      add_problem (problems, problem);
    }
  /* 1:2.5 ≤ w/h ≤ 2.5:1, in integers so the bounds themselves pass */
  too_wide = 2 * (gint64) self->width > 5 * (gint64) self->height;
  too_tall = 2 * (gint64) self->height > 5 * (gint64) self->width;
  if (too_wide || too_tall)
    {
      /* rounded away from the limit: never "2.50 times", which is allowed */
      gint64 longer = too_wide ? self->width : self->height;
      gint64 shorter = too_wide ? self->height : self->width;
      double ratio = (double) ((100 * longer + shorter - 1) / shorter) / 100.0;
      g_autofree char *problem = NULL;

      problem = too_wide
        ? g_strdup_printf (_("too wide: Kling accepts at most 2.5 times wider than tall, this one is %.2f times"), ratio)
        : g_strdup_printf (_("too tall: Kling accepts at most 2.5 times taller than wide, this one is %.2f times"), ratio);
      add_problem (problems, problem);
    }
  if (problems->len == 0)
    return TRUE;

  /* TRANSLATORS: which image ("Image", "End frame"), then what is wrong */
  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT, _("%s: %s"), field, problems->str);
  return FALSE;
}

/**
 * kling_image_to_base64:
 *
 * Returns: (transfer full): the file's bytes as raw base64, with no `data:`
 *   prefix (Kling refuses one)
 */
char *
kling_image_to_base64 (KlingImage *self)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (self != NULL && self->bytes != NULL, NULL);

  data = g_bytes_get_data (self->bytes, &length);
  return g_base64_encode (data, length);
}
