/* kling-edit-history.c — the editor's undo and redo stacks
 *
 * The history keeps the steps; whoever owns the draft applies them
 * (kling_edit_apply()) and tells its views. "can-undo" and "can-redo" are
 * notified when they change, for the Undo and Redo actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-edit-history.h"

struct _KlingEditHistory
{
  GObject    parent_instance;

  GPtrArray *undo_stack;   /* KlingEdit, oldest first */
  GPtrArray *redo_stack;   /* KlingEdit, most recently undone last */
  KlingEdit *open;
  gboolean   could_undo;   /* as last notified */
  gboolean   could_redo;
};

G_DEFINE_FINAL_TYPE (KlingEditHistory, kling_edit_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kling_edit_history_finalize (GObject *object)
{
  KlingEditHistory *self = KLING_EDIT_HISTORY (object);

  g_clear_pointer (&self->open, kling_edit_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (kling_edit_history_parent_class)->finalize (object);
}

static void
kling_edit_history_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KlingEditHistory *self = KLING_EDIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kling_edit_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, kling_edit_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_edit_history_class_init (KlingEditHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kling_edit_history_finalize;
  object_class->get_property = kling_edit_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kling_edit_history_init (KlingEditHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_edit_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_edit_free);
}

KlingEditHistory *
kling_edit_history_new (void)
{
  return g_object_new (KLING_TYPE_EDIT_HISTORY, NULL);
}

gboolean
kling_edit_history_can_undo (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
kling_edit_history_can_redo (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

static void
notify_changes (KlingEditHistory *self)
{
  gboolean can_undo = self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack->len > 0;

  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

/**
 * kling_edit_history_begin:
 * @edit: (transfer full): the edit being made
 */
void
kling_edit_history_begin (KlingEditHistory *self,
                          KlingEdit        *edit)
{
  g_return_if_fail (KLING_IS_EDIT_HISTORY (self));
  g_return_if_fail (self->open == NULL);
  self->open = edit;
}

/* Returns: (transfer none) (nullable): the edit being made */
KlingEdit *
kling_edit_history_get_open (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), NULL);
  return self->open;
}

/**
 * kling_edit_history_commit:
 *
 * Ends the edit being made: it becomes the step Undo takes back, unless it
 * changed nothing.
 *
 * Returns: whether it was kept
 */
gboolean
kling_edit_history_commit (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), FALSE);
  if (self->open == NULL)
    return FALSE;
  return kling_edit_history_push (self, g_steal_pointer (&self->open));
}

/**
 * kling_edit_history_push:
 * @edit: (transfer full): a finished edit, already applied
 *
 * Returns: whether it was kept: an edit that changed nothing is dropped
 */
gboolean
kling_edit_history_push (KlingEditHistory *self,
                         KlingEdit        *edit)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), FALSE);

  if (kling_edit_is_empty (edit))
    {
      kling_edit_free (edit);
      return FALSE;
    }
  g_ptr_array_add (self->undo_stack, edit);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_changes (self);
  return TRUE;
}

static const KlingEdit *
move_top (KlingEditHistory *self,
          GPtrArray        *from,
          GPtrArray        *to)
{
  KlingEdit *edit;

  if (self->open != NULL || from->len == 0)
    return NULL;
  edit = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, edit);
  notify_changes (self);
  return edit;
}

/**
 * kling_edit_history_undo:
 *
 * Moves the last step to the redo stack, for the caller to undo.
 *
 * Returns: (transfer none) (nullable): the step to undo; %NULL when there
 *   is none or an edit is being made
 */
const KlingEdit *
kling_edit_history_undo (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), NULL);
  return move_top (self, self->undo_stack, self->redo_stack);
}

/* Returns: (transfer none) (nullable): the step to redo */
const KlingEdit *
kling_edit_history_redo (KlingEditHistory *self)
{
  g_return_val_if_fail (KLING_IS_EDIT_HISTORY (self), NULL);
  return move_top (self, self->redo_stack, self->undo_stack);
}

/* Forgets every step, and the edit being made: a new picture starts afresh. */
void
kling_edit_history_clear (KlingEditHistory *self)
{
  g_return_if_fail (KLING_IS_EDIT_HISTORY (self));
  g_clear_pointer (&self->open, kling_edit_free);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_changes (self);
}
