/* kling-preferences-window.c: being written */
