/* kling-capabilities.c: placeholder, being written */
