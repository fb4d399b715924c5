/* kling-downloader.c: placeholder, being written */
