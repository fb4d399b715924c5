/* kling-credentials.c: being written */
