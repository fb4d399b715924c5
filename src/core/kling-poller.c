/* kling-poller.c: placeholder, being written */
