/* kling-dialog.c — the app's questions: Cancel, or one answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-dialog.h"

/**
 * kling_dialog_add_answer:
 * @response: the answer's id, as the "response" signal gives it
 * @label: its button, with a mnemonic
 * @appearance: %ADW_RESPONSE_DESTRUCTIVE for an answer that loses
 *   something, else %ADW_RESPONSE_SUGGESTED
 *
 * Gives @dialog its two buttons, Cancel ("cancel", also what Escape and
 * closing answer) and @label. Enter picks @label, unless it loses
 * something: then Cancel, so that nothing is lost by a key pressed in
 * haste.
 */
void
kling_dialog_add_answer (AdwMessageDialog      *dialog,
                         const char            *response,
                         const char            *label,
                         AdwResponseAppearance  appearance)
{
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
}
