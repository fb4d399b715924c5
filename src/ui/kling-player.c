/* kling-player.c: being written */
