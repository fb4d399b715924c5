/* kling-editor-page-timing.c — the timing of the selected region's path
 *
 * Among the trajectory tool's options, where paths are drawn: a drop-down
 * with the path's timing (constant speed, eases, holds). Choosing one is an
 * undo step; the drop-down follows the region chosen, undo and redo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-editor-page-private.h"

static KlingTrajectory *
selected_path (KlingEditorPage *self)
{
  int region = kling_canvas_get_region (self->canvas);

  return region != KLING_STATIC_REGION ? kling_document_get_trajectory (self->document, region) : NULL;
}

static void
show_timing (KlingEditorPage *self)
{
  KlingTrajectory *path = selected_path (self);

  self->showing_timing = TRUE;
  gtk_drop_down_set_selected (self->timing_dropdown,
                              path != NULL ? kling_trajectory_get_timing (path) : KLING_TIMING_CONSTANT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->timing_dropdown), path != NULL);
  self->showing_timing = FALSE;
}

static void
timing_chosen_cb (KlingEditorPage *self)
{
  KlingTrajectory *path = selected_path (self);
  guint timing = gtk_drop_down_get_selected (self->timing_dropdown);

  if (self->showing_timing || path == NULL || timing >= KLING_TIMING_N_TIMINGS ||
      kling_trajectory_get_timing (path) == timing)
    return;
  kling_document_begin_trajectory_edit (self->document, kling_canvas_get_region (self->canvas),
                                        _("Change Timing"));
  kling_trajectory_set_timing (path, timing);
  kling_document_end_trajectory_edit (self->document);
}

void
_kling_editor_page_timing_init (KlingEditorPage *self)
{
  g_signal_connect_swapped (self->timing_dropdown, "notify::selected", G_CALLBACK (timing_chosen_cb), self);
  g_signal_connect_object (self->canvas, "notify::region", G_CALLBACK (show_timing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "trajectory-changed", G_CALLBACK (show_timing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (show_timing), self, G_CONNECT_SWAPPED);
  show_timing (self);
}
