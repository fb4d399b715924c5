/* kling-file-limit.h — reading a file the user named, up to a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The most read of a picture to open: the API takes 10 MB, but a larger
 * picture is still opened so that it can be made smaller. */
#define KLING_IMAGE_MAX_FILE_BYTES (64 * 1024 * 1024)
/* A mask PNG: even 16384×16384 noise compresses below this. */
#define KLING_MASK_MAX_FILE_BYTES (64 * 1024 * 1024)
/* A draft embeds the picture and seven masks as base64. */
#define KLING_DRAFT_MAX_FILE_BYTES (256 * 1024 * 1024)

GBytes *kling_file_read_limited        (GFile                *file,
                                        gsize                 limit,
                                        GCancellable         *cancellable,
                                        GError              **error);
GBytes *kling_file_read_limited_path   (const char           *path,
                                        gsize                 limit,
                                        GError              **error);
void    kling_file_read_limited_async  (GFile                *file,
                                        gsize                 limit,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GBytes *kling_file_read_limited_finish (GFile                *file,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
