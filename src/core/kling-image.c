/* kling-image.c: placeholder, being written */
