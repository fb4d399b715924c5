/* kling-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kling-poller.h"
#include "kling-task-store.h"

G_BEGIN_DECLS

#define KLING_TYPE_APPLICATION (kling_application_get_type ())
G_DECLARE_FINAL_TYPE (KlingApplication, kling_application, KLING, APPLICATION, AdwApplication)

KlingApplication *kling_application_new        (void);
KlingTaskStore   *kling_application_get_store  (KlingApplication  *self);
KlingClient      *kling_application_get_client (KlingApplication  *self);
GSettings        *kling_application_get_settings (KlingApplication *self);
gboolean          kling_application_needs_setup  (KlingApplication *self);
void              kling_application_show_preferences (KlingApplication *self,
                                                      gboolean          credentials);
KlingPoller      *kling_application_peek_poller (KlingApplication *self);
KlingPoller      *kling_application_get_poller (KlingApplication  *self,
                                                GError           **error);

G_END_DECLS
