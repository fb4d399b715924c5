/* kling-task.c: placeholder, being written */
