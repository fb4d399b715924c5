/* kling-mask.c: placeholder, being written */
