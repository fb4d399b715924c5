/* kling-motion-encode.c — a scene as a clip: H.264 MP4 or animated GIF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame i of n is the scene at t = i / (n − 1): the first frame shows every
 * path at its first point and the last frame at its last, as
 * kling_motion_position_at() reads a path. The MP4 is made by GStreamer
 * (appsrc, videoconvert, the H.264 encoder that is installed, mp4mux); the
 * GIF by our own writer (kling-motion-gif.c says why). Both are written to
 * a hidden file beside the target and renamed into place when complete, so
 * a cancelled or failed export leaves nothing half-written under the name.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <unistd.h>

#include "kling-motion-encode.h"
#include "kling-motion-gif-private.h"

/* Generous: a loaded machine may take long to write a 10 s clip. */
#define FINISH_TIMEOUT (300 * GST_SECOND)

typedef struct {
  KlingMotionScene        *scene;
  gboolean                 owns_scene;
  KlingMotionFormat        format;
  GFile                   *file;
  int                      width;
  int                      height;
  guint                    fps;
  double                   duration;
  KlingMotionProgressFunc  progress;
  gpointer                 progress_data;
  GMainContext            *context;   /* where progress goes; NULL: call it here */
  int                      reported;  /* the last percentage reported */
} Job;

static void
job_free (Job *job)
{
  if (job->owns_scene)
    kling_motion_scene_free (job->scene);
  g_clear_object (&job->file);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/**
 * kling_motion_find_h264_encoder:
 *
 * Returns: (nullable): the name of the GStreamer H.264 encoder to use,
 *   openh264enc (gst-plugins-bad) or x264enc (gst-plugins-ugly), or %NULL
 *   when neither is installed
 */
const char *
kling_motion_find_h264_encoder (void)
{
  static const char *const encoders[] = { "openh264enc", "x264enc" };

  if (!gst_is_initialized () && !gst_init_check (NULL, NULL, NULL))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (encoders); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (encoders[i]);

      if (factory != NULL)
        return encoders[i];
    }
  return NULL;
}

/**
 * kling_motion_count_frames:
 *
 * Returns: how many frames a clip of @duration seconds at @fps has (at
 *   least 2: the first and the last)
 */
guint
kling_motion_count_frames (double duration,
                           guint  fps)
{
  double n = duration * (fps > 0 ? fps : KLING_MOTION_DEFAULT_FPS);

  return (guint) CLAMP (n + 0.5, 2, 100000);
}

typedef struct {
  KlingMotionProgressFunc func;
  gpointer                data;
  double                  fraction;
} Progress;

static gboolean
progress_in_context (gpointer user_data)
{
  Progress *progress = user_data;

  progress->func (progress->fraction, progress->data);
  return G_SOURCE_REMOVE;
}

/* At most once a percent, in the caller's context. */
static void
report (Job    *job,
        double  fraction)
{
  Progress *progress;
  int percent = (int) (fraction * 100);

  if (job->progress == NULL || percent == job->reported)
    return;
  job->reported = percent;
  if (job->context == NULL)
    {
      job->progress (fraction, job->progress_data);
      return;
    }
  progress = g_new (Progress, 1);
  *progress = (Progress) { job->progress, job->progress_data, fraction };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_in_context,
                              progress, g_free);
}

/* One writer per format: open, add each frame, finish. */
typedef struct {
  GstElement     *pipeline;
  GstElement     *appsrc;
  KlingMotionGif *gif;
} Writer;

static gboolean
check_bus (GstElement  *pipeline,
           GstClockTime timeout,
           GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = gst_bus_timed_pop_filtered (bus, timeout,
                                                              GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not encode the video: %s"), gst_error->message);
      return FALSE;
    }
  if (message == NULL && timeout != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("Encoding the video took too long"));
      return FALSE;
    }
  return TRUE;
}

static void
set_bitrate (GstElement *encoder,
             const char *name,
             const Job  *job)
{
  /* About 0.12 bits a pixel: clean for pictures that mostly stand still. */
  double bits = 0.12 * job->width * job->height * job->fps;

  if (g_str_equal (name, "openh264enc"))
    g_object_set (encoder, "bitrate", (guint) MIN (bits, G_MAXINT), NULL);
  else
    {
      g_object_set (encoder, "bitrate", (guint) MAX (bits / 1000, 100), NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
    }
}

static gboolean
open_mp4 (Writer      *writer,
          const Job   *job,
          const char  *path,
          GError     **error)
{
  const char *encoder_name = kling_motion_find_h264_encoder ();
  g_autofree char *description = NULL;
  g_autoptr(GstElement) encoder = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstCaps) caps = NULL;

  if (encoder_name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("No H.264 encoder is installed (GStreamer’s openh264enc or x264enc)"));
      return FALSE;
    }
  description = g_strdup_printf ("appsrc name=src format=time block=true max-bytes=%d ! "
                                 "videoconvert ! video/x-raw,format=I420 ! %s name=encoder ! "
                                 "h264parse ! mp4mux ! filesink name=sink",
                                 job->width * job->height * 4 * 4, encoder_name);
  writer->pipeline = gst_parse_launch (description, error);
  if (writer->pipeline == NULL)
    return FALSE;

  writer->appsrc = gst_bin_get_by_name (GST_BIN (writer->pipeline), "src");
  encoder = gst_bin_get_by_name (GST_BIN (writer->pipeline), "encoder");
  sink = gst_bin_get_by_name (GST_BIN (writer->pipeline), "sink");
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "RGBA",
                              "width", G_TYPE_INT, job->width,
                              "height", G_TYPE_INT, job->height,
                              "framerate", GST_TYPE_FRACTION, job->fps, 1,
                              NULL);
  g_object_set (writer->appsrc, "caps", caps, NULL);
  g_object_set (sink, "location", path, NULL);
  set_bitrate (encoder, encoder_name, job);
  if (gst_element_set_state (writer->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    return check_bus (writer->pipeline, 0, error) &&
           (g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("Could not start the video encoder")), FALSE);
  return TRUE;
}

static gboolean
add_mp4_frame (Writer        *writer,
               const Job     *job,
               const guint8  *rgba,
               guint          index,
               GError       **error)
{
  gsize size = (gsize) job->width * job->height * 4;
  GstBuffer *buffer = gst_buffer_new_memdup (rgba, size);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (index, GST_SECOND, job->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (index + 1, GST_SECOND, job->fps) -
                                 GST_BUFFER_PTS (buffer);
  if (gst_app_src_push_buffer (GST_APP_SRC (writer->appsrc), buffer) != GST_FLOW_OK)
    return check_bus (writer->pipeline, 5 * GST_SECOND, error) &&
           (g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The video encoder stopped")), FALSE);
  return check_bus (writer->pipeline, 0, error);
}

static gboolean
finish_mp4 (Writer  *writer,
            GError **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (writer->pipeline);
  g_autoptr(GstMessage) message = NULL;

  gst_app_src_end_of_stream (GST_APP_SRC (writer->appsrc));
  message = gst_bus_timed_pop_filtered (bus, FINISH_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return TRUE;
  if (message != NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not encode the video: %s"), gst_error->message);
    }
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                         _("Encoding the video took too long"));
  return FALSE;
}

static void
writer_close (Writer *writer)
{
  if (writer->pipeline != NULL)
    gst_element_set_state (writer->pipeline, GST_STATE_NULL);
  g_clear_object (&writer->appsrc);
  g_clear_object (&writer->pipeline);
  g_clear_pointer (&writer->gif, _kling_motion_gif_free);
}

static gboolean
open_gif (Writer      *writer,
          const Job   *job,
          int          fd,
          GError     **error)
{
  g_autoptr(GOutputStream) raw = g_unix_output_stream_new (fd, TRUE);
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (raw, 256 * 1024);

  writer->gif = _kling_motion_gif_new (buffered, job->width, job->height, job->fps);
  return TRUE;
}

/* Renders and writes every frame into @path (already created, open as @fd). */
static gboolean
write_frames (Job           *job,
              const char    *path,
              int            fd,
              GCancellable  *cancellable,
              GError       **error)
{
  guint n = kling_motion_count_frames (job->duration, job->fps);
  int stride = job->width * 4;
  g_autofree guint8 *frame = g_malloc ((gsize) stride * job->height);
  Writer writer = { NULL, NULL, NULL };
  gboolean ok;

  if (job->format == KLING_MOTION_FORMAT_MP4)
    {
      close (fd);
      ok = open_mp4 (&writer, job, path, error);
    }
  else
    ok = open_gif (&writer, job, fd, error);

  for (guint i = 0; ok && i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      kling_motion_scene_render (job->scene, (double) i / (n - 1), frame,
                                 job->width, job->height, stride);
      if (job->format == KLING_MOTION_FORMAT_MP4)
        ok = add_mp4_frame (&writer, job, frame, i, error);
      else
        ok = _kling_motion_gif_add_frame (writer.gif, frame, stride, cancellable, error);
      report (job, (double) (i + 1) / n);
    }
  if (ok)
    ok = job->format == KLING_MOTION_FORMAT_MP4
         ? finish_mp4 (&writer, error)
         : _kling_motion_gif_finish (writer.gif, cancellable, error);
  writer_close (&writer);
  return ok;
}

/* A hidden file beside @target, created exclusively with the permissions
 * any new file gets (g_mkstemp() would make it readable by its owner only). */
static int
create_part (const char  *target,
             char       **part_out,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  int saved = EEXIST;

  for (guint attempt = 0; attempt < 100 && saved == EEXIST; attempt++)
    {
      g_autofree char *part = g_strdup_printf ("%s/.%s.%08x.part", dir, base, g_random_int ());
      int fd = g_open (part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          *part_out = g_steal_pointer (&part);
          return fd;
        }
      saved = errno;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not write to “%s”: %s"), dir, g_strerror (saved));
  return -1;
}

static gboolean
run_job (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *target = g_file_get_path (job->file);
  g_autofree char *part = NULL;
  int fd;

  if (target == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A clip can only be saved to a local file"));
      return FALSE;
    }
  fd = create_part (target, &part, error);
  if (fd < 0)
    return FALSE;
  if (!write_frames (job, part, fd, cancellable, error))
    {
      g_unlink (part);
      return FALSE;
    }
  if (g_rename (part, target) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save “%s”: %s"), target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static Job *
job_new (KlingMotionScene        *scene,
         KlingMotionFormat        format,
         GFile                   *file,
         int                      width,
         int                      height,
         guint                    fps,
         double                   duration,
         KlingMotionProgressFunc  progress,
         gpointer                 progress_data)
{
  Job *job = g_new0 (Job, 1);

  job->scene = scene;
  job->format = format;
  job->file = g_object_ref (file);
  job->width = width > 0 ? width : kling_motion_scene_get_width (scene);
  job->height = height > 0 ? height : kling_motion_scene_get_height (scene);
  /* 4:2:0 video has no odd sides. */
  if (format == KLING_MOTION_FORMAT_MP4)
    {
      job->width = MAX (2, job->width & ~1);
      job->height = MAX (2, job->height & ~1);
    }
  job->fps = fps > 0 ? fps : KLING_MOTION_DEFAULT_FPS;
  job->duration = duration;
  job->progress = progress;
  job->progress_data = progress_data;
  job->reported = -1;
  return job;
}

/**
 * kling_motion_encode:
 * @scene: what to render; used from this thread only
 * @file: a local file; replaced only once the clip is complete
 * @width: the clip's size; 0 for the image's. An MP4's sides are made even
 * @height:
 * @fps: frames a second; 0 for %KLING_MOTION_DEFAULT_FPS
 * @duration: seconds
 * @progress: (nullable): called in this thread as frames are written
 *
 * Renders the scene's motion from t = 0 to 1 over @duration and writes it.
 * Blocks: the fake server and the command line call it; the editor calls
 * kling_motion_encode_async().
 *
 * Returns: whether the clip was written
 */
gboolean
kling_motion_encode (KlingMotionScene         *scene,
                     KlingMotionFormat         format,
                     GFile                    *file,
                     int                       width,
                     int                       height,
                     guint                     fps,
                     double                    duration,
                     GCancellable             *cancellable,
                     KlingMotionProgressFunc   progress,
                     gpointer                  progress_data,
                     GError                  **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (duration > 0, FALSE);

  if (format == KLING_MOTION_FORMAT_MP4 && !gst_init_check (NULL, NULL, error))
    return FALSE;
  job = job_new (scene, format, file, width, height, fps, duration, progress, progress_data);
  return run_job (job, cancellable, error);
}

static void
encode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_job (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * kling_motion_encode_async:
 * @scene: copied: the caller may change or free it at once
 * @progress: (nullable): called in the caller's thread-default main
 *   context; @progress_data must stay valid until @callback has run
 *
 * kling_motion_encode() in a worker thread.
 */
void
kling_motion_encode_async (const KlingMotionScene  *scene,
                           KlingMotionFormat        format,
                           GFile                   *file,
                           int                      width,
                           int                      height,
                           guint                    fps,
                           double                   duration,
                           GCancellable            *cancellable,
                           KlingMotionProgressFunc  progress,
                           gpointer                 progress_data,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (duration > 0);

  g_task_set_source_tag (task, kling_motion_encode_async);
  if (format == KLING_MOTION_FORMAT_MP4 && !gst_init_check (NULL, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = job_new (kling_motion_scene_copy (scene), format, file, width, height, fps, duration,
                 progress, progress_data);
  job->owns_scene = TRUE;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, encode_thread);
}

gboolean
kling_motion_encode_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
