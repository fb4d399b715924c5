/* kling-test-wait.h — every test waits for a condition, never for a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether what a test waits for has happened; @data is the waiter's. */
typedef gboolean (*KlingTestCondition) (gpointer data);

/* How long a wait may take before the test gives up: generous, because a
 * loaded machine is slow, and a passing test never waits this long. */
#define KLING_TEST_PATIENCE_MS 30000

gboolean kling_test_wait_for  (KlingTestCondition condition,
                               gpointer           data,
                               guint              timeout_ms);
gboolean kling_test_run_until (const gboolean    *flag,
                               guint              timeout_ms);
void     kling_test_wait      (guint              ms);

G_END_DECLS
