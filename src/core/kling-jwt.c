/* kling-jwt.c: placeholder, being written */
