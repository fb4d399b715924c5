/* kling-video-paintable-frames.c — the video sink, and its frames onto the screen
 *
 * A playbin decodes; its video sink is an appsink that asks for BGRA. The
 * streaming threads never touch GTK: they only keep the newest frame under a
 * lock and schedule one idle on the main context (never two: a frame that
 * arrives before the idle ran replaces the waiting one, and counts as
 * dropped). The idle wraps the mapped frame in a GdkMemoryTexture, without a
 * copy, and invalidates the paintable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "kling-video-paintable-private.h"

/* — frames: the streaming threads' half — */

static gboolean show_pending_frame (gpointer user_data);

static void
store_sample (KlingVideoPaintable *self,
              GstSample           *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);

  g_mutex_lock (&self->lock);
  /* Going from PAUSED to PLAYING renders the prerolled frame again. */
  if (buffer == NULL || (buffer == self->last_buffer && GST_BUFFER_PTS (buffer) == self->last_pts))
    {
      g_mutex_unlock (&self->lock);
      gst_sample_unref (sample);
      return;
    }
  self->last_buffer = buffer;
  self->last_pts = GST_BUFFER_PTS (buffer);

  if (self->pending != NULL)
    {
      self->frames_replaced++;
      gst_sample_unref (self->pending);
    }
  self->pending = sample;

  if (self->pending_source == NULL)
    {
      self->pending_source = g_idle_source_new ();
      g_source_set_priority (self->pending_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->pending_source, show_pending_frame, self, NULL);
      g_source_attach (self->pending_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

static GstFlowReturn
new_preroll_cb (GstAppSink *appsink,
                gpointer    user_data)
{
  GstSample *sample = gst_app_sink_pull_preroll (appsink);

  if (sample != NULL)
    store_sample (user_data, sample);
  return GST_FLOW_OK;
}

static GstFlowReturn
new_sample_cb (GstAppSink *appsink,
               gpointer    user_data)
{
  GstSample *sample = gst_app_sink_pull_sample (appsink);

  if (sample == NULL)
    return GST_FLOW_EOS;
  store_sample (user_data, sample);
  return GST_FLOW_OK;
}

/* — frames: the main thread's half — */

static void
video_frame_free (gpointer data)
{
  GstVideoFrame *frame = data;

  gst_video_frame_unmap (frame);
  g_free (frame);
}

/* The texture reads the decoded buffer in place; the buffer stays mapped
 * and alive until the texture (and the cairo surface) let go of its bytes.
 * Opaque BGRA is cairo's own ARGB32, byte for byte: neither renderer
 * converts it. */
static GdkTexture *
texture_new_for_frame (KlingVideoPaintable *self,
                       const GstVideoInfo  *info,
                       GstBuffer           *buffer)
{
  GstVideoFrame *frame = g_new0 (GstVideoFrame, 1);
  g_autoptr(GBytes) bytes = NULL;
  int width, height, stride;

  if (!gst_video_frame_map (frame, info, buffer, GST_MAP_READ))
    {
      g_free (frame);
      return NULL;
    }
  width = GST_VIDEO_FRAME_WIDTH (frame);
  height = GST_VIDEO_FRAME_HEIGHT (frame);
  stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0);
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0),
                                      (gsize) stride * (height - 1) + (gsize) width * 4,
                                      video_frame_free, frame);
  kling_video_paintable_drop_frame (self);
  self->frame_bytes = g_bytes_ref (bytes);
  self->frame_stride = stride;
  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes, stride);
}

void
kling_video_paintable_drop_frame (KlingVideoPaintable *self)
{
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->frame_bytes, g_bytes_unref);
}

/* With the cairo renderer, a texture node is copied into a new surface and
 * scaled with cairo's slow filter at every frame (GTK 4.8): the frame's own
 * pixels are painted instead, bilinear, from a cairo node that GTK replays
 * straight onto the window. */
void
kling_video_paintable_draw_frame (KlingVideoPaintable *self,
                                  GdkSnapshot         *snapshot,
                                  double               width,
                                  double               height)
{
  static cairo_user_data_key_t bytes_key;
  int frame_w = gdk_texture_get_width (self->texture), frame_h = gdk_texture_get_height (self->texture);
  cairo_t *cr;

  if (!self->draws_with_cairo || self->frame_bytes == NULL || self->frame_stride % 4 != 0)
    {
      gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
      return;
    }
  if (self->surface == NULL)
    {
      self->surface = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (self->frame_bytes, NULL),
                                                           CAIRO_FORMAT_RGB24, frame_w, frame_h,
                                                           self->frame_stride);
      cairo_surface_set_user_data (self->surface, &bytes_key, g_bytes_ref (self->frame_bytes),
                                   (cairo_destroy_func_t) g_bytes_unref);
    }
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / frame_w, height / frame_h);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
take_format (KlingVideoPaintable *self,
             const GstVideoInfo  *info)
{
  int width = GST_VIDEO_INFO_WIDTH (info);
  int height = GST_VIDEO_INFO_HEIGHT (info);
  int par_n = GST_VIDEO_INFO_PAR_N (info);
  int par_d = GST_VIDEO_INFO_PAR_D (info);

  if (par_n > 0 && par_d > 0 && par_n != par_d)
    width = (int) gst_util_uint64_scale_int_round (width, par_n, par_d);
  if (GST_VIDEO_INFO_FPS_N (info) > 0 && GST_VIDEO_INFO_FPS_D (info) > 0)
    {
      self->fps_n = GST_VIDEO_INFO_FPS_N (info);
      self->fps_d = GST_VIDEO_INFO_FPS_D (info);
      self->frame_duration = (gint64) gst_util_uint64_scale_int_round (GST_SECOND, GST_VIDEO_INFO_FPS_D (info),
                                                                       GST_VIDEO_INFO_FPS_N (info));
    }
  if (width != self->width || height != self->height)
    {
      self->width = width;
      self->height = height;
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
    }
}

/* An accurate seek clips the first frame to the seek's target: its
 * timestamp moves there and its duration shrinks by as much. */
static gint64
unclipped_start (KlingVideoPaintable *self,
                 GstBuffer           *buffer,
                 gint64               start)
{
  gint64 clipped;

  if (start < 0 || !GST_BUFFER_DURATION_IS_VALID (buffer) || self->frame_duration <= 0)
    return start;
  clipped = self->frame_duration - (gint64) GST_BUFFER_DURATION (buffer);
  return clipped > GST_USECOND ? MAX (start - clipped, 0) : start;
}

static void
show_sample (KlingVideoPaintable *self,
             GstSample           *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  const GstSegment *segment = gst_sample_get_segment (sample);
  GstVideoInfo info;
  GdkTexture *texture;

  if (caps == NULL || !gst_video_info_from_caps (&info, caps))
    return;
  texture = texture_new_for_frame (self, &info, buffer);
  if (texture == NULL)
    return;

  g_clear_object (&self->texture);
  self->texture = texture;
  self->frames_shown++;
  take_format (self, &info);
  if (GST_BUFFER_DURATION_IS_VALID (buffer) && self->frame_duration <= 0)
    self->frame_duration = (gint64) GST_BUFFER_DURATION (buffer);
  self->shown_at = GST_BUFFER_PTS_IS_VALID (buffer) && segment != NULL
    ? (gint64) gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer))
    : -1;
  self->frame_timestamp = unclipped_start (self, buffer, self->shown_at);

  if (!gtk_media_stream_get_playing (GTK_MEDIA_STREAM (self)) && !self->busy)
    kling_video_paintable_show_position (self);
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

static gboolean
show_pending_frame (gpointer user_data)
{
  KlingVideoPaintable *self = user_data;
  g_autoptr(GstSample) sample = NULL;

  g_mutex_lock (&self->lock);
  sample = g_steal_pointer (&self->pending);
  g_clear_pointer (&self->pending_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  if (sample != NULL)
    show_sample (self, sample);
  return G_SOURCE_REMOVE;
}

void
kling_video_paintable_forget_frames (KlingVideoPaintable *self)
{
  g_mutex_lock (&self->lock);
  if (self->pending_source != NULL)
    {
      g_source_destroy (self->pending_source);
      g_clear_pointer (&self->pending_source, g_source_unref);
    }
  g_clear_pointer (&self->pending, gst_sample_unref);
  self->last_buffer = NULL;
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->frames_replaced = 0;
  g_mutex_unlock (&self->lock);
}

/* While paused, what is on screen is where we are: where a seek landed in
 * the frame, or, after a step back, the frame's start. */
void
kling_video_paintable_show_position (KlingVideoPaintable *self)
{
  gint64 position = self->step_back ? self->frame_timestamp : self->shown_at;

  if (position >= 0)
    kling_video_paintable_set_position (self, position);
}

gboolean
kling_video_paintable_has_pending (KlingVideoPaintable *self)
{
  gboolean pending;

  g_mutex_lock (&self->lock);
  pending = self->pending != NULL;
  g_mutex_unlock (&self->lock);
  return pending;
}

/* — the video sink — */

GstElement *
kling_video_paintable_make_video_sink (KlingVideoPaintable *self)
{
  static GstAppSinkCallbacks callbacks = {
    .new_preroll = new_preroll_cb,
    .new_sample = new_sample_cb,
  };
  /* BGRA, opaque: GDK_MEMORY_DEFAULT and cairo's ARGB32 byte for byte, so
   * neither renderer converts a frame (with cairo it is painted as RGB24:
   * copied, not blended). */
  g_autoptr(GstCaps) caps = gst_caps_from_string ("video/x-raw,format=BGRA");
  GstElement *bin = gst_bin_new ("kling-video-sink");
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  GstPad *pad;

  self->appsink = gst_element_factory_make ("appsink", NULL);
  g_assert (convert != NULL && self->appsink != NULL);

  /* 0: one conversion thread per core; 1080p is too much for one. */
  g_object_set (convert, "n-threads", 0, NULL);
  g_object_set (self->appsink,
                "caps", caps,
                "max-buffers", 2,
                "drop", TRUE,
                "sync", TRUE,
                "qos", TRUE,
                "enable-last-sample", FALSE,
                NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (self->appsink), &callbacks, self, NULL);

  gst_bin_add_many (GST_BIN (bin), convert, self->appsink, NULL);
  gst_element_link (convert, self->appsink);
  pad = gst_element_get_static_pad (convert, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  return bin;
}
