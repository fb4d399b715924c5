/* fuzz-response.c — libFuzzer target for the API response parser
 *
 * Any bytes, as the answer to a create/query and to a list, under an HTTP
 * status that the input's length picks (so a corpus file stays plain JSON).
 * A critical or warning is a bug here: they are made fatal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "kling-error.h"
#include "kling-response.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_error (GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == KLING_ERROR);
  g_assert (g_utf8_validate (error->message, -1, NULL));
  g_error_free (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 200, 201, 400, 401, 404, 429, 500, 502 };
  const char *text = (const char *) data;
  guint status = statuses[size % G_N_ELEMENTS (statuses)];
  GError *error = NULL;
  KlingTaskInfo *info;
  GPtrArray *tasks;

  info = kling_response_parse_task (status, text, size, &error);
  if (info != NULL)
    {
      g_assert (error == NULL && info->task_id != NULL);
      g_assert (info->progress >= -1 && info->progress <= 100);
      kling_task_info_free (kling_task_info_copy (info));
      kling_task_info_free (info);
    }
  else
    check_error (error);
  error = NULL;

  tasks = kling_response_parse_task_list (status, text, size, &error);
  if (tasks != NULL)
    g_ptr_array_unref (tasks);
  else
    check_error (error);

  (void) kling_response_get_server_code (text, size);
  return 0;
}
