/* kling-downloader.h — fetching a finished video from the CDN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A video larger than this is refused (and nothing is kept). */
#define KLING_DOWNLOAD_MAX_SIZE (G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024)

/**
 * KlingDownloadProgress:
 * @received: bytes saved so far
 * @total: the announced size, or -1 when the server does not say
 *
 * Called from the caller's main context, at most about ten times a second,
 * and once more when the whole video is received.
 */
typedef void (*KlingDownloadProgress) (goffset  received,
                                       goffset  total,
                                       gpointer user_data);

void      kling_downloader_download_async  (SoupSession            *session,
                                            const char             *url,
                                            const char             *dest_path,
                                            KlingDownloadProgress   progress_cb,
                                            gpointer                progress_data,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean  kling_downloader_download_finish (GAsyncResult           *result,
                                            GError                **error);
guint     kling_downloader_remove_stale_parts (const char          *dest_path);

G_END_DECLS
