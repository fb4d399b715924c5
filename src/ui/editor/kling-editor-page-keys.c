/* kling-editor-page-keys.c — the editor's keys
 *
 * One shortcut controller, managed by the window: a key acts wherever the
 * focus is in the window, but only after the focused widget has declined
 * it, so a letter or a digit typed in a text field is only text. Single
 * keys also stand aside while a text field has the focus (F2, Delete), and
 * none acts unless the page is in front with a picture in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-canvas-private.h"
#include "kling-editor-page-private.h"

/**
 * kling_editor_page_get_focused_text:
 * @widget: any widget in the window
 *
 * The text widget being typed in, if any. An entry's focus is on its inner
 * GtkText, which has the "text." and "clipboard." actions.
 *
 * Returns: (nullable) (transfer none): the GtkText or GtkTextView
 */
GtkWidget *
kling_editor_page_get_focused_text (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_get_mapped (focus))
    return NULL;
  if (GTK_IS_TEXT_VIEW (focus))
    return focus;
  if (!GTK_IS_EDITABLE (focus))
    return NULL;
  while (gtk_editable_get_delegate (GTK_EDITABLE (focus)) != NULL)
    focus = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (focus)));
  return focus;
}

typedef struct {
  const char *triggers;  /* space-separated, as gtk_shortcut_trigger_parse_string () reads them */
  const char *action;
  const char *target;    /* GVariant text, or NULL */
  gboolean    in_text;   /* acts also while a text field has the focus */
} KeyAction;

static const KeyAction key_actions[] = {
  { "b B", "editor.tool", "'brush'", FALSE },
  { "e E", "editor.tool", "'eraser'", FALSE },
  { "f F", "editor.tool", "'fill'", FALSE },
  { "t T", "editor.tool", "'trajectory'", FALSE },
  { "s S", "editor.tool", "'select'", FALSE },
  { "l L", "editor.tool", "'lasso'", FALSE },
  { "0 KP_0", "editor.region", "0", FALSE },
  { "1 KP_1", "editor.region", "1", FALSE },
  { "2 KP_2", "editor.region", "2", FALSE },
  { "3 KP_3", "editor.region", "3", FALSE },
  { "4 KP_4", "editor.region", "4", FALSE },
  { "5 KP_5", "editor.region", "5", FALSE },
  { "6 KP_6", "editor.region", "6", FALSE },
  { "bracketleft", "editor.brush-size", "'shrink'", FALSE },
  { "bracketright", "editor.brush-size", "'grow'", FALSE },
  { "plus equal KP_Add", "editor.zoom-in", NULL, FALSE },
  { "minus KP_Subtract", "editor.zoom-out", NULL, FALSE },
  { "F2", "editor.rename-region", NULL, FALSE },
  { "p P", "editor.toggle-preview", NULL, FALSE },
  { "<Control>0", "editor.zoom-fit", NULL, TRUE },
  { "<Control>plus <Control>equal", "editor.zoom-in", NULL, TRUE },
  { "<Control>minus", "editor.zoom-out", NULL, TRUE },
  { "F9", "editor.toggle-panel", NULL, TRUE },
};

static gboolean
key_action_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  const KeyAction *key = user_data;
  g_autoptr(GVariant) target = NULL;

  if (!_kling_editor_page_is_shown (KLING_EDITOR_PAGE (widget)))
    return FALSE;
  if (!key->in_text && kling_editor_page_get_focused_text (widget) != NULL)
    return FALSE;
  if (key->target != NULL)
    target = g_variant_ref_sink (g_variant_new_parsed (key->target));
  return gtk_widget_activate_action_variant (widget, key->action, target);
}

/* Typing, Ctrl+Z and Ctrl+Shift+Z belong to the text (a GtkText has no
 * Ctrl+Y of its own, so it is passed on). */
static gboolean
history_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  gboolean redo = GPOINTER_TO_INT (user_data);
  GtkWidget *text = kling_editor_page_get_focused_text (widget);

  if (text != NULL)
    return gtk_widget_activate_action (text, redo ? "text.redo" : "text.undo", NULL);
  if (!_kling_editor_page_is_shown (KLING_EDITOR_PAGE (widget)))
    return FALSE;
  return gtk_widget_activate_action (widget, redo ? "editor.redo" : "editor.undo", NULL);
}

/* Points are shown, and so chosen, only with the path tool. */
static gboolean
delete_point_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  if (!_kling_editor_page_is_shown (self) || kling_editor_page_get_focused_text (widget) != NULL ||
      kling_canvas_get_tool (self->canvas) != KLING_TOOL_TRAJECTORY)
    return FALSE;
  return kling_canvas_delete_selected_point (self->canvas);
}

/* Esc in a text field of the editor: back to the picture. */
static gboolean
leave_text_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  GtkWidget *text = kling_editor_page_get_focused_text (widget);

  if (text == NULL || !gtk_widget_is_ancestor (text, widget) || !_kling_editor_page_is_shown (self))
    return FALSE;
  kling_editor_page_focus_canvas (self);
  return TRUE;
}

static gboolean
focus_inside (GtkWidget *focus,
              gpointer   ancestor)
{
  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* F6: the canvas, the regions, the parameters, and round again. */
static gboolean
next_pane_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  GtkWidget *focus;

  if (!_kling_editor_page_is_shown (self))
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  if (focus_inside (focus, self->region_list))
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (self->params_panel), GTK_DIR_TAB_FORWARD))
        kling_editor_page_focus_canvas (self);
    }
  else if (focus_inside (focus, self->params_panel))
    kling_editor_page_focus_canvas (self);
  else
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      if (!gtk_widget_grab_focus (GTK_WIDGET (self->region_list)))
        kling_editor_page_focus_canvas (self);
    }
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *triggers,
              GtkShortcutFunc        callback,
              gconstpointer          data)
{
  g_auto(GStrv) names = g_strsplit (triggers, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    gtk_shortcut_controller_add_shortcut (controller,
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (names[i]),
                                                            gtk_callback_action_new (callback, (gpointer) data, NULL)));
}

/* — Space pans — */

/* Space held anywhere in the editor (the focus may be on a toolbar button)
 * makes a drag on the canvas pan; the focused button is not pressed. */
static gboolean
space_pressed_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  KlingEditorPage       *self)
{
  if (keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      kling_editor_page_get_focused_text (GTK_WIDGET (self)) != NULL || !_kling_editor_page_is_shown (self))
    return FALSE;
  kling_canvas_set_pan_armed (self->canvas, TRUE);
  return TRUE;
}

static void
space_released_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   KlingEditorPage       *self)
{
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    kling_canvas_set_pan_armed (self->canvas, FALSE);
}

/* A release that happens in another window never arrives here. */
static void
root_active_cb (KlingEditorPage *self,
                GParamSpec      *pspec,
                GtkWindow       *window)
{
  if (!gtk_window_is_active (window))
    kling_canvas_set_pan_armed (self->canvas, FALSE);
}

static void
kling_editor_page_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (g_type_class_peek (ADW_TYPE_BIN))->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::is-active", G_CALLBACK (root_active_cb), widget, G_CONNECT_SWAPPED);
}

static void
kling_editor_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), root_active_cb, widget);
  GTK_WIDGET_CLASS (g_type_class_peek (ADW_TYPE_BIN))->unroot (widget);
}

void
_kling_editor_page_class_keys_init (GtkWidgetClass *widget_class)
{
  widget_class->root = kling_editor_page_root;
  widget_class->unroot = kling_editor_page_unroot;
}

void
_kling_editor_page_keys_init (KlingEditorPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutController *controller = GTK_SHORTCUT_CONTROLLER (shortcuts);
  GtkEventController *space;

  /* Managed: handled by the window after the focused widget had its turn. */
  gtk_shortcut_controller_set_scope (controller, GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (key_actions); i++)
    add_shortcut (controller, key_actions[i].triggers, key_action_cb, &key_actions[i]);
  add_shortcut (controller, "<Control>z", history_cb, GINT_TO_POINTER (FALSE));
  add_shortcut (controller, "<Control><Shift>z <Control>y", history_cb, GINT_TO_POINTER (TRUE));
  add_shortcut (controller, "Delete BackSpace", delete_point_cb, NULL);
  add_shortcut (controller, "Escape", leave_text_cb, NULL);
  add_shortcut (controller, "F6", next_pane_cb, NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Before the focused widget: a focused button would take Space as a click. */
  space = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (space, GTK_PHASE_CAPTURE);
  g_signal_connect (space, "key-pressed", G_CALLBACK (space_pressed_cb), self);
  g_signal_connect (space, "key-released", G_CALLBACK (space_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), space);
}
