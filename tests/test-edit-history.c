/* test-edit-history.c — undo steps, and the Undo and Redo actions' state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "kling-edit-history.h"

typedef struct {
  guint can_undo;
  guint can_redo;
} Notified;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notified   *notified)
{
  if (g_str_equal (pspec->name, "can-undo"))
    notified->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    notified->can_redo++;
}

static KlingEdit *
rename_edit (const char *before,
             const char *after)
{
  KlingEdit *edit = kling_edit_new (2, "Rename Region");

  kling_edit_set_name (edit, before, after);
  return edit;
}

static void
assert_notified (Notified *notified,
                 guint     can_undo,
                 guint     can_redo)
{
  g_assert_cmpuint (notified->can_undo, ==, can_undo);
  g_assert_cmpuint (notified->can_redo, ==, can_redo);
  notified->can_undo = notified->can_redo = 0;
}

/* The actions follow "can-undo" and "can-redo": each is notified when,
 * and only when, it changes. */
static void
test_history_notifies (void)
{
  g_autoptr(KlingEditHistory) history = kling_edit_history_new ();
  Notified notified = { 0, 0 };

  g_signal_connect (history, "notify", G_CALLBACK (on_notify), &notified);
  g_assert_false (kling_edit_history_can_undo (history));
  g_assert_false (kling_edit_history_can_redo (history));

  g_assert_true (kling_edit_history_push (history, rename_edit ("Region 2", "Bird")));
  g_assert_true (kling_edit_history_can_undo (history));
  assert_notified (&notified, 1, 0);

  g_assert_true (kling_edit_history_push (history, rename_edit ("Bird", "Wing")));
  assert_notified (&notified, 0, 0);

  g_assert_nonnull (kling_edit_history_undo (history));
  g_assert_true (kling_edit_history_can_redo (history));
  assert_notified (&notified, 0, 1);

  g_assert_nonnull (kling_edit_history_undo (history));
  g_assert_false (kling_edit_history_can_undo (history));
  g_assert_null (kling_edit_history_undo (history));
  assert_notified (&notified, 1, 0);

  g_assert_nonnull (kling_edit_history_redo (history));
  assert_notified (&notified, 1, 0);

  /* A new step forgets what was undone. */
  g_assert_true (kling_edit_history_push (history, rename_edit ("Bird", "Leaf")));
  g_assert_false (kling_edit_history_can_redo (history));
  assert_notified (&notified, 0, 1);

  /* A step that changes nothing is no step. */
  g_assert_false (kling_edit_history_push (history, kling_edit_new (2, "Nothing")));
  assert_notified (&notified, 0, 0);

  kling_edit_history_clear (history);
  g_assert_false (kling_edit_history_can_undo (history));
  assert_notified (&notified, 1, 0);
}

/* While a stroke is being made, Undo waits for it. */
static void
test_history_open_edit (void)
{
  g_autoptr(KlingEditHistory) history = kling_edit_history_new ();

  kling_edit_history_push (history, rename_edit ("Region 2", "Bird"));
  kling_edit_history_begin (history, rename_edit ("Bird", "Wing"));
  g_assert_null (kling_edit_history_undo (history));
  g_assert_true (kling_edit_history_commit (history));
  g_assert_null (kling_edit_history_get_open (history));
  g_assert_cmpstr (kling_edit_get_label (kling_edit_history_undo (history)), ==, "Rename Region");
}

/* A Clear takes the paint and the path in one step, and brings both back. */
static void
test_edit_apply (void)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(KlingEdit) edit = kling_edit_new (1, "Clear");
  KlingRect all = { 0, 0, 300, 200 };
  KlingRect dirty;
  KlingEditChanges changes;

  draft->masks[1] = kling_mask_new (300, 200);
  draft->trajectories[1] = kling_trajectory_new ();
  kling_mask_fill_rect (draft->masks[1], &(KlingRect) { 150, 100, 20, 20 }, 255);
  kling_trajectory_append (draft->trajectories[1], 10, 10);
  kling_trajectory_append (draft->trajectories[1], 50, 60);

  kling_edit_save_tiles (edit, draft->masks[1], &all);
  kling_mask_clear (draft->masks[1]);
  kling_edit_keep_changed_tiles (edit, draft->masks[1]);
  kling_edit_set_trajectory_before (edit, draft->trajectories[1]);
  kling_trajectory_clear (draft->trajectories[1]);
  g_assert_true (kling_edit_set_trajectory_after (edit, draft->trajectories[1]));
  g_assert_false (kling_edit_is_empty (edit));

  changes = kling_edit_apply (edit, draft, FALSE, &dirty);
  g_assert_cmpint (changes, ==, KLING_EDIT_CHANGES_MASK | KLING_EDIT_CHANGES_TRAJECTORY);
  g_assert_cmpuint (kling_mask_get_value (draft->masks[1], 160, 110), ==, 255);
  g_assert_cmpuint (kling_trajectory_get_n_points (draft->trajectories[1]), ==, 2);
  /* Only the tiles the paint was on. */
  g_assert_cmpint (dirty.x, ==, 128);
  g_assert_cmpint (dirty.y, ==, 64);
  g_assert_cmpint (dirty.width, ==, 64);
  g_assert_cmpint (dirty.height, ==, 64);

  changes = kling_edit_apply (edit, draft, TRUE, &dirty);
  g_assert_cmpint (changes, ==, KLING_EDIT_CHANGES_MASK | KLING_EDIT_CHANGES_TRAJECTORY);
  g_assert_true (kling_mask_is_empty (draft->masks[1]));
  g_assert_cmpuint (kling_trajectory_get_n_points (draft->trajectories[1]), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit-history/notifies", test_history_notifies);
  g_test_add_func ("/edit-history/open-edit", test_history_open_edit);
  g_test_add_func ("/edit-history/apply", test_edit_apply);
  return g_test_run ();
}
