/* kling-history-view.c: being written */
