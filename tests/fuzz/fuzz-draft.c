/* fuzz-draft.c — libFuzzer target for the draft parser (.klingdraft files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "kling-draft.h"
#include "kling-error.h"

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
  KlingDraft *draft = kling_draft_load_from_data ((const char *) data, size, &error);

  if (draft == NULL)
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
      return 0;
    }
  g_assert (error == NULL);
  /* Whatever loads can be saved again and turned into a request or an error. */
  {
    gsize length = 0;
    char *text = kling_draft_to_data (draft, &length);
    KlingRequest *request = kling_draft_to_request (draft, &error);

    g_assert (text != NULL && length > 0);
    g_free (text);
    if (request != NULL)
      kling_request_free (request);
    else
      g_clear_error (&error);
  }
  kling_draft_free (draft);
  return 0;
}
