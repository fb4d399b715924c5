/* kling-autosave-notice.c — the editor's word that autosave is failing
 *
 * Autosave runs after every change; when it fails (a full disk, a folder
 * that cannot be written) the artist is told once, in the window, and the
 * notice stays until a save succeeds again: a toast per attempt would
 * pile up and vanish. The last good autosave is untouched (drafts are
 * written atomically), and the work is still in the window: the notice
 * says so and offers to save the draft elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-autosave-notice.h"

struct _KlingAutosaveNotice
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  guint        failures;   /* autosaves told of, to wait on one in tests */
};

G_DEFINE_FINAL_TYPE (KlingAutosaveNotice, kling_autosave_notice, ADW_TYPE_BIN)

static void
kling_autosave_notice_class_init (KlingAutosaveNoticeClass *klass)
{
}

static void
kling_autosave_notice_init (KlingAutosaveNotice *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Save Draft…"));

  gtk_widget_add_css_class (box, "kling-banner");
  gtk_box_append (GTK_BOX (box), icon);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.save-draft");
  gtk_box_append (GTK_BOX (box), button);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

KlingAutosaveNotice *
kling_autosave_notice_new (void)
{
  return g_object_new (KLING_TYPE_AUTOSAVE_NOTICE, NULL);
}

/* Says why autosave failed; shown already, it only updates the reason. */
void
kling_autosave_notice_show (KlingAutosaveNotice *self,
                            const GError        *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KLING_IS_AUTOSAVE_NOTICE (self));

  self->failures++;
  text = g_strdup_printf (_("Your work is not being autosaved: %s. It is still here, and the last "
                            "autosave is kept. Save a draft to keep it safe."),
                          error->message);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = g_steal_pointer (&valid);
    }
  gtk_label_set_text (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
kling_autosave_notice_hide (KlingAutosaveNotice *self)
{
  g_return_if_fail (KLING_IS_AUTOSAVE_NOTICE (self));
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
kling_autosave_notice_is_shown (KlingAutosaveNotice *self)
{
  g_return_val_if_fail (KLING_IS_AUTOSAVE_NOTICE (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
kling_autosave_notice_get_text (KlingAutosaveNotice *self)
{
  g_return_val_if_fail (KLING_IS_AUTOSAVE_NOTICE (self), NULL);
  return gtk_label_get_text (self->label);
}

/* How many failed autosaves it was told of, shown or not. */
guint
kling_autosave_notice_get_failures (KlingAutosaveNotice *self)
{
  g_return_val_if_fail (KLING_IS_AUTOSAVE_NOTICE (self), 0);
  return self->failures;
}
