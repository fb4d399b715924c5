/* kling-response.c: placeholder, being written */
