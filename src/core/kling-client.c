/* kling-client.c: placeholder, being written */
