/* kling-draft.c: placeholder, being written */
