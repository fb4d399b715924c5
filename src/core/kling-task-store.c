/* kling-task-store.c: placeholder, being written */
