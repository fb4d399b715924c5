/* fuzz-task.c — libFuzzer target for the task file parser (task.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "kling-error.h"
#include "kling-task.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  KlingTask *task = kling_task_new_from_data ("/nonexistent/kling-fuzz", (const char *) data, size, &error);

  if (task == NULL)
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  g_assert (error == NULL);
  /* What loads can be written back. */
  {
    gsize length = 0;
    char *text = kling_task_to_data (task, &length);

    g_assert (text != NULL && length > 0);
    g_free (text);
  }
  g_object_unref (task);
  return 0;
}
