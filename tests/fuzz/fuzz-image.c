/* fuzz-image.c — libFuzzer target for what is read of a picture before it is
 * decoded: the header's size (through gdk-pixbuf), the PNG chunk and JPEG
 * segment walk, the EXIF orientation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "kling-error.h"
#include "kling-image-check.h"
#include "kling-image.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GBytes *bytes = g_bytes_new_static (data, size);
  GError *error = NULL;
  KlingImage *image = kling_image_new_from_bytes (bytes, "fuzz", &error);

  if (image == NULL)
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
    }
  else
    {
      /* Whatever is taken can be opened without an unbounded allocation. */
      g_assert (kling_image_size_is_allowed (kling_image_get_width (image),
                                             kling_image_get_height (image)));
      g_assert (kling_image_get_orientation (image) >= 1 && kling_image_get_orientation (image) <= 8);
      kling_image_check (image, "Image", &error);
      g_clear_error (&error);
      kling_image_unref (image);
    }
  g_bytes_unref (bytes);
  return 0;
}
