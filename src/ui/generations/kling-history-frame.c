/* kling-history-frame.c — a frame of a generation's video, as its thumbnail
 *
 * Rows that all show the same source picture look alike: once the video is
 * saved, a frame from its middle (where the paths have moved the picture)
 * is decoded by GStreamer in a thread, scaled down, and kept beside the
 * video as result-thumbnail.png; the task then names it as its thumbnail.
 * KlingHistoryFrames does this for every task of a store that wants it, one
 * at a time: two cores are shared with the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "kling-history-frame.h"

/* Twice the row's 96 px, for a scale-2 screen. */
#define THUMBNAIL_WIDTH 192
#define PREROLL_TIMEOUT (10 * GST_SECOND)

/**
 * kling_history_frame_wanted:
 *
 * Returns: whether @task has a video but its thumbnail is not yet a frame of it
 */
gboolean
kling_history_frame_wanted (KlingTask *task)
{
  const char *thumbnail = kling_task_get_thumbnail_path (task);

  if (kling_task_get_video_path (task) == NULL)
    return FALSE;
  return thumbnail == NULL || !g_str_has_suffix (thumbnail, G_DIR_SEPARATOR_S KLING_TASK_RESULT_THUMBNAIL_FILE);
}

static GstElement *
make_pipeline (const char *video,
               GError    **error)
{
  g_autofree char *uri = g_filename_to_uri (video, NULL, error);
  g_autofree char *description = NULL;

  if (uri == NULL)
    return NULL;
  description = g_strdup_printf ("uridecodebin uri=\"%s\" ! videoconvert ! videoscale ! "
                                 "video/x-raw,format=RGB,pixel-aspect-ratio=1/1,width=%d ! "
                                 "appsink name=sink sync=false max-buffers=1",
                                 uri, THUMBNAIL_WIDTH);
  return gst_parse_launch (description, error);
}

/* Waits for the pipeline to be paused, with a frame in the sink. */
static gboolean
wait_paused (GstElement  *pipeline,
             GError     **error)
{
  GstState state;

  if (gst_element_get_state (pipeline, &state, NULL, PREROLL_TIMEOUT) == GST_STATE_CHANGE_SUCCESS &&
      state == GST_STATE_PAUSED)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The video could not be decoded"));
  return FALSE;
}

static GdkPixbuf *
sample_to_pixbuf (GstSample *sample)
{
  GstVideoInfo info;
  GstVideoFrame frame;
  GdkPixbuf *pixbuf;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return NULL;
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, info.width, info.height);
  for (int y = 0; y < info.height; y++)
    memcpy (gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf),
            (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) + (gsize) y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
            (gsize) info.width * 3);
  gst_video_frame_unmap (&frame);
  return pixbuf;
}

static GdkPixbuf *
decode_middle_frame (const char  *video,
                     GError     **error)
{
  g_autoptr(GstElement) pipeline = make_pipeline (video, error);
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) sample = NULL;
  GdkPixbuf *pixbuf = NULL;
  gint64 duration = 0;

  if (pipeline == NULL)
    return NULL;
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (wait_paused (pipeline, error))
    {
      if (gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) && duration > 0 &&
          gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                   GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, duration / 2))
        wait_paused (pipeline, NULL);
      sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), PREROLL_TIMEOUT);
      if (sample != NULL)
        pixbuf = sample_to_pixbuf (sample);
      if (pixbuf == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The video could not be decoded"));
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return pixbuf;
}

/* Written whole under another name first: a thumbnail is never half a PNG. */
static void
extract_thread (GTask        *gtask,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KlingTask *task = task_data;
  g_autofree char *path = g_build_filename (kling_task_get_folder (task), KLING_TASK_RESULT_THUMBNAIL_FILE, NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  pixbuf = decode_middle_frame (kling_task_get_video_path (task), &error);
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, part, "png", &error, NULL))
    {
      g_task_return_error (gtask, error);
      return;
    }
  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (part);
      g_task_return_new_error (gtask, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", path, g_strerror (saved_errno));
      return;
    }
  g_task_return_boolean (gtask, TRUE);
}

/**
 * kling_history_frame_extract_async:
 *
 * Decodes a frame of @task's video in a thread and keeps it beside the
 * video. The task itself is changed on the main thread, by
 * kling_history_frame_extract_finish().
 */
void
kling_history_frame_extract_async (KlingTask           *task,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) gtask = g_task_new (task, cancellable, callback, user_data);

  g_return_if_fail (kling_task_get_video_path (task) != NULL);
  g_task_set_source_tag (gtask, kling_history_frame_extract_async);
  g_task_set_task_data (gtask, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (gtask, extract_thread);
}

/**
 * kling_history_frame_extract_finish:
 *
 * Names the frame as the task's thumbnail (not saved: the caller saves the
 * task). Returns: whether the frame was written
 */
gboolean
kling_history_frame_extract_finish (GAsyncResult  *result,
                                    GError       **error)
{
  KlingTask *task = KLING_TASK (g_task_get_source_object (G_TASK (result)));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  kling_task_set_thumbnail_file (task, KLING_TASK_RESULT_THUMBNAIL_FILE);
  return TRUE;
}

/* — every task of a store — */

struct _KlingHistoryFrames
{
  GObject         parent_instance;

  KlingTaskStore *store;
  GHashTable     *watched;      /* tasks whose video-path is followed */
  GQueue          waiting;      /* tasks, each with a reference */
  KlingTask      *extracting;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (KlingHistoryFrames, kling_history_frames, G_TYPE_OBJECT)

static void pump (KlingHistoryFrames *self);

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KlingHistoryFrames) self = user_data;
  g_autoptr(GError) error = NULL;
  KlingTask *task = KLING_TASK (source);

  if (kling_history_frame_extract_finish (result, &error) && self->store != NULL &&
      kling_task_store_contains (self->store, task) &&
      !kling_task_store_save (self->store, task, &error))
    g_warning ("Could not keep the thumbnail of %s: %s", kling_task_get_local_id (task), error->message);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No frame of %s: %s", kling_task_get_local_id (task), error->message);
  if (self->extracting == task)
    g_clear_object (&self->extracting);
  pump (self);
}

static void
pump (KlingHistoryFrames *self)
{
  if (self->extracting != NULL || self->cancellable == NULL)
    return;
  while ((self->extracting = g_queue_pop_head (&self->waiting)) != NULL)
    {
      if (kling_history_frame_wanted (self->extracting))
        {
          kling_history_frame_extract_async (self->extracting, self->cancellable, extracted_cb, g_object_ref (self));
          return;
        }
      g_clear_object (&self->extracting);
    }
}

static void
request (KlingHistoryFrames *self,
         KlingTask          *task)
{
  if (!kling_history_frame_wanted (task) || task == self->extracting ||
      g_queue_find (&self->waiting, task) != NULL)
    return;
  g_queue_push_tail (&self->waiting, g_object_ref (task));
  pump (self);
}

static void
video_path_cb (KlingTask          *task,
               GParamSpec         *pspec,
               KlingHistoryFrames *self)
{
  request (self, task);
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  KlingHistoryFrames *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(KlingTask) task = g_list_model_get_item (model, i);

      if (g_hash_table_contains (self->watched, task))
        continue;
      g_hash_table_add (self->watched, g_object_ref (task));
      g_signal_connect_object (task, "notify::video-path", G_CALLBACK (video_path_cb), self, 0);
      request (self, task);
    }
}

static void
kling_history_frames_dispose (GObject *object)
{
  KlingHistoryFrames *self = KLING_HISTORY_FRAMES (object);
  GHashTableIter iter;
  gpointer task;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->watched != NULL)
    {
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &task, NULL))
        g_signal_handlers_disconnect_by_data (task, self);
    }
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_queue_clear_full (&self->waiting, g_object_unref);
  g_clear_object (&self->extracting);

  G_OBJECT_CLASS (kling_history_frames_parent_class)->dispose (object);
}

static void
kling_history_frames_class_init (KlingHistoryFramesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kling_history_frames_dispose;
}

static void
kling_history_frames_init (KlingHistoryFrames *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->waiting);
}

/**
 * kling_history_frames_new:
 *
 * Follows @store: each task with a saved video gets a frame of it as its
 * thumbnail, until the object is disposed.
 */
KlingHistoryFrames *
kling_history_frames_new (KlingTaskStore *store)
{
  KlingHistoryFrames *self = g_object_new (KLING_TYPE_HISTORY_FRAMES, NULL);

  self->store = g_object_ref (store);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), self);
  items_changed_cb (G_LIST_MODEL (store), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), self);
  return self;
}

/* — loading a thumbnail — */

static void
texture_thread (GTask        *gtask,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (task_data, &error);

  if (texture == NULL)
    g_task_return_error (gtask, error);
  else
    g_task_return_pointer (gtask, texture, g_object_unref);
}

/**
 * kling_history_texture_load_async:
 *
 * Decodes the picture at @path in a thread: hundreds of rows must not stall.
 */
void
kling_history_texture_load_async (gpointer             source,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) gtask = g_task_new (source, cancellable, callback, user_data);

  g_task_set_task_data (gtask, g_strdup (path), g_free);
  g_task_run_in_thread (gtask, texture_thread);
}

GdkTexture *
kling_history_texture_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
