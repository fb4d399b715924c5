/* kling-editor-page-export.c — the motion preview, exported as MP4 or GIF
 *
 * A sketch of the motion to share (or to feed a motion-transfer model):
 * the preview's scene is copied, so editing goes on while a worker thread
 * encodes it (kling-motion-encode.h). The toast that says how far it got
 * has the Cancel button; the toast after it says what came of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kling-editor-page-private.h"
#include "kling-motion-encode.h"
#include "kling-toast.h"

/* Big enough to share, small enough to encode in seconds. */
#define EXPORT_MAX_SIDE 1280

typedef struct {
  KlingEditorPage *page;   /* weak: the page may go first */
  char            *name;
  AdwToast        *toast;  /* the progress toast */
  int              percent;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_weak_pointer (&job->page);
  g_free (job->name);
  g_clear_object (&job->toast);
  g_free (job);
}

/* The image's size within EXPORT_MAX_SIDE, even (as H.264 wants). */
static void
export_size (KlingEditorPage *self,
             int             *width,
             int             *height)
{
  int w = kling_document_get_width (self->document);
  int h = kling_document_get_height (self->document);
  double scale = MIN (1.0, (double) EXPORT_MAX_SIDE / MAX (w, h));

  *width = MAX (2, (int) round (w * scale / 2) * 2);
  *height = MAX (2, (int) round (h * scale / 2) * 2);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ExportJob *job = user_data;
  int percent = (int) floor (CLAMP (fraction, 0, 1) * 100);
  g_autofree char *title = NULL;

  if (percent == job->percent)
    return;
  job->percent = percent;
  /* Translators: a file name, then how much of it is written */
  title = g_strdup_printf (_("Exporting %s… %d %%"), job->name, percent);
  adw_toast_set_title (job->toast, title);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (kling_motion_encode_finish (result, &error))
    text = g_strdup_printf (_("Motion exported as %s"), job->name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Export cancelled"));
  else
    text = g_strdup_printf (_("Could not export %s: %s"), job->name, error->message);

  adw_toast_dismiss (job->toast);
  if (job->page != NULL)
    {
      g_clear_object (&job->page->export_cancellable);
      _kling_editor_page_toast (job->page, text);
    }
  export_job_free (job);
}

static void
cancel_clicked_cb (AdwToast     *toast,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/**
 * kling_editor_page_export_motion:
 * @file: where the clip goes (replaced if it exists)
 *
 * Encodes what the preview shows, the whole clip at 30 frames a second, in
 * the background; toasts tell how it goes. One export at a time.
 */
void
kling_editor_page_export_motion (KlingEditorPage   *self,
                                 KlingMotionFormat  format,
                                 GFile             *file)
{
  g_autoptr(KlingMotionScene) scene = NULL;
  AdwToastOverlay *overlay;
  ExportJob *job;
  int width, height;

  g_return_if_fail (KLING_IS_EDITOR_PAGE (self));

  if (self->export_cancellable != NULL)
    {
      _kling_editor_page_toast (self, _("An export is already running"));
      return;
    }
  if (!kling_motion_preview_has_motion (self->motion_preview))
    {
      _kling_editor_page_toast (self, _("Nothing moves yet: paint a region and draw its path"));
      return;
    }
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
  scene = kling_motion_preview_dup_scene (self->motion_preview);
  export_size (self, &width, &height);

  job = g_new0 (ExportJob, 1);
  g_set_weak_pointer (&job->page, self);
  job->name = g_file_get_basename (file);
  job->percent = -1;
  job->toast = g_object_ref_sink (adw_toast_new (""));
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  self->export_cancellable = g_cancellable_new ();
  g_signal_connect_object (job->toast, "button-clicked", G_CALLBACK (cancel_clicked_cb),
                           self->export_cancellable, 0);
  progress_cb (0, job);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, g_object_ref (job->toast));

  kling_motion_encode_async (scene, format, file, width, height, KLING_MOTION_PREVIEW_FPS,
                             kling_motion_preview_get_duration (self->motion_preview),
                             self->export_cancellable, progress_cb, job, export_done_cb, job);
}
