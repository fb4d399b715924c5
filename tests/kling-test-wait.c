/* kling-test-wait.c — every test waits for a condition, never for a time
 *
 * The default main context runs while the test waits, so replies, idles,
 * timers and X events are handled as in the app; a short wake-up makes sure
 * that a condition which changes without any event of its own (a child
 * process, another thread) is seen soon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-test-wait.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the default main context until @condition holds; FALSE if it did not
 * within @timeout_ms. */
gboolean
kling_test_wait_for (KlingTestCondition condition,
                     gpointer           data,
                     guint              timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_id;
  gboolean held;

  if (condition (data))
    return TRUE;
  wake_id = g_timeout_add (5, wake_cb, NULL);
  while (!(held = condition (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  return held;
}

static gboolean
flag_set (gpointer data)
{
  return *(const gboolean *) data;
}

/* Runs the default main context until *@flag is TRUE (a callback sets it). */
gboolean
kling_test_run_until (const gboolean *flag,
                      guint           timeout_ms)
{
  return kling_test_wait_for (flag_set, (gpointer) flag, timeout_ms);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* The one fixed wait, for what has no condition to wait on: letting a time
 * pass that the behaviour under test is about (a double-click interval, a
 * timer that must not fire). */
void
kling_test_wait (guint ms)
{
  kling_test_wait_for (never, NULL, ms);
}
