/* kling-request.c: placeholder, being written */
