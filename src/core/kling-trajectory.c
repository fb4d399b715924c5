/* kling-trajectory.c: placeholder, being written */
