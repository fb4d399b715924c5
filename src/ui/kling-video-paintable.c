/* kling-video-paintable.c: being written */
