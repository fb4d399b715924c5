/* kling-video-paintable.c — a video file played by GStreamer, as a GdkPaintable
 *
 * A playbin decodes; its video sink is an appsink that asks for BGR. The
 * streaming threads never touch GTK: they only keep the newest frame under a
 * lock and schedule one idle on the main context (never two: a frame that
 * arrives before the idle ran replaces the waiting one, and counts as
 * dropped). The idle wraps the mapped frame in a GdkMemoryTexture, without a
 * copy, and invalidates the paintable. Bus messages come on the main context
 * too, through a bus watch.
 *
 * Seeks are flushing; while one is under way (until ASYNC_DONE) a newer seek
 * waits, and only the last one waiting is made, so dragging a seek bar does
 * not pile up work in the pipeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "kling-video-paintable.h"

/* How often the position is read again while playing. */
#define POSITION_INTERVAL_MS 100

/* playbin's GstPlayFlags, which no public header declares. */
#define PLAY_FLAG_VIDEO        (1 << 0)
#define PLAY_FLAG_AUDIO        (1 << 1)
#define PLAY_FLAG_SOFT_VOLUME  (1 << 4)
#define PLAY_FLAG_NATIVE_VIDEO (1 << 6)

struct _KlingVideoPaintable
{
  GObject       parent_instance;

  GstElement   *playbin;
  GstElement   *appsink;
  GstBus       *bus;
  GMainContext *context;
  char         *uri;

  /* Shared with the streaming threads, under @lock. */
  GMutex        lock;
  GstSample    *pending;          /* the newest frame, not shown yet */
  GSource      *pending_source;   /* the one idle that will show it */
  GstBuffer    *last_buffer;      /* only compared: a preroll rendered again */
  GstClockTime  last_pts;
  guint64       frames_replaced;

  /* The main thread's. */
  GdkTexture   *texture;
  gint64        frame_timestamp;  /* where the frame on screen starts */
  gint64        shown_at;         /* its timestamp, clipped to a seek's target */
  int           width;            /* display size, with the pixel aspect ratio */
  int           height;
  int           fps_n;            /* 0 when not known */
  int           fps_d;
  gint64        frame_duration;
  guint64       frames_shown;

  gboolean      playing;
  gboolean      loop;
  gboolean      muted;
  gboolean      at_eos;
  gboolean      busy;             /* a preroll or a flushing seek is under way */
  gint64        queued_seek;      /* -1: none */
  gint64        position;
  gint64        duration;
  double        volume;
  guint         position_id;
  GError       *error;
};

static void kling_video_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlingVideoPaintable, kling_video_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      kling_video_paintable_paintable_init))

enum {
  PROP_0,
  PROP_URI,
  PROP_PLAYING,
  PROP_POSITION,
  PROP_DURATION,
  PROP_LOOP,
  PROP_VOLUME,
  PROP_MUTED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* — GdkPaintable — */

static void
kling_video_paintable_snapshot (GdkPaintable *paintable,
                                GdkSnapshot  *snapshot,
                                double        width,
                                double        height)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
kling_video_paintable_get_current_image (GdkPaintable *paintable)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    return GDK_PAINTABLE (g_object_ref (self->texture));
  return gdk_paintable_new_empty (self->width, self->height);
}

static int
kling_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return KLING_VIDEO_PAINTABLE (paintable)->width;
}

static int
kling_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return KLING_VIDEO_PAINTABLE (paintable)->height;
}

static double
kling_video_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (paintable);

  return self->height > 0 ? (double) self->width / self->height : 0.0;
}

static void
kling_video_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = kling_video_paintable_snapshot;
  iface->get_current_image = kling_video_paintable_get_current_image;
  iface->get_intrinsic_width = kling_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = kling_video_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = kling_video_paintable_get_intrinsic_aspect_ratio;
}

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
 * and alive until the texture lets go of its bytes. */
static GdkTexture *
texture_new_for_frame (const GstVideoInfo *info,
                       GstBuffer          *buffer)
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
                                      (gsize) stride * (height - 1) + (gsize) width * 3,
                                      video_frame_free, frame);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8, bytes, stride);
}

static void
set_position (KlingVideoPaintable *self,
              gint64               position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
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
  texture = texture_new_for_frame (&info, buffer);
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

  /* While paused, what is on screen is where we are. */
  if (!self->playing && !self->busy && self->shown_at >= 0)
    set_position (self, self->shown_at);
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

static void
forget_frames (KlingVideoPaintable *self)
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

/* — position and state — */

static void
update_duration (KlingVideoPaintable *self)
{
  gint64 duration = -1;

  if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration))
    duration = -1;
  if (duration == self->duration)
    return;
  self->duration = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

static void
query_position (KlingVideoPaintable *self)
{
  gint64 position;

  if (self->busy || self->queued_seek >= 0)
    return;
  if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position))
    set_position (self, position);
}

static gboolean
position_tick (gpointer user_data)
{
  query_position (user_data);
  return G_SOURCE_CONTINUE;
}

static void
set_playing (KlingVideoPaintable *self,
             gboolean             playing)
{
  if (playing && self->position_id == 0)
    self->position_id = g_timeout_add (POSITION_INTERVAL_MS, position_tick, self);
  else if (!playing)
    g_clear_handle_id (&self->position_id, g_source_remove);

  if (self->playing == playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
change_state (KlingVideoPaintable *self,
              GstState             state)
{
  GstStateChangeReturn ret = gst_element_set_state (self->playbin, state);

  /* Going to PAUSED waits for a frame; ASYNC_DONE says when it came. A
   * failure is posted on the bus as an error too, and shown from there. */
  if (ret == GST_STATE_CHANGE_ASYNC && state == GST_STATE_PAUSED)
    self->busy = TRUE;
}

static void
start_seek (KlingVideoPaintable *self,
            gint64               position)
{
  GstSeekFlags flags = GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE;

  if (gst_element_seek_simple (self->playbin, GST_FORMAT_TIME, flags, position))
    self->busy = TRUE;
}

static void
on_async_done (KlingVideoPaintable *self)
{
  gint64 queued = self->queued_seek;

  self->busy = FALSE;
  update_duration (self);
  if (queued >= 0)
    {
      self->queued_seek = -1;
      start_seek (self, queued);
      return;
    }
  if (self->playing)
    query_position (self);
  else if (self->shown_at >= 0)
    set_position (self, self->shown_at);
}

static void
on_eos (KlingVideoPaintable *self)
{
  if (self->loop && self->playing)
    {
      start_seek (self, 0);
      return;
    }
  self->at_eos = TRUE;
  set_playing (self, FALSE);
  if (self->duration > 0)
    set_position (self, self->duration);
  change_state (self, GST_STATE_PAUSED);
}

static void
on_error (KlingVideoPaintable *self,
          GstMessage          *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &error, &debug);
  g_debug ("Playing %s failed: %s (%s)", self->uri, error->message, debug ? debug : "");
  if (self->error != NULL)
    return;

  gst_element_set_state (self->playbin, GST_STATE_NULL);
  self->busy = FALSE;
  self->queued_seek = -1;
  self->error = g_steal_pointer (&error);
  set_playing (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  KlingVideoPaintable *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      on_error (self, message);
      break;
    case GST_MESSAGE_EOS:
      on_eos (self);
      break;
    case GST_MESSAGE_ASYNC_DONE:
      on_async_done (self);
      break;
    case GST_MESSAGE_DURATION_CHANGED:
      update_duration (self);
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* — GObject — */

static GstElement *
make_video_sink (KlingVideoPaintable *self)
{
  static GstAppSinkCallbacks callbacks = {
    .new_preroll = new_preroll_cb,
    .new_sample = new_sample_cb,
  };
  /* Opaque BGR is GDK_MEMORY_B8G8R8 byte for byte, and an opaque texture
   * is drawn without blending: at 1080p, a third less time per frame than
   * BGRA with the cairo renderer. */
  g_autoptr(GstCaps) caps = gst_caps_from_string ("video/x-raw,format=BGR");
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

static void
kling_video_paintable_init (KlingVideoPaintable *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_d = 1;
  self->queued_seek = -1;
  self->position = 0;
  self->duration = -1;
  self->volume = 1.0;

  if (!gst_init_check (NULL, NULL, &self->error))
    return;
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      self->error = g_error_new_literal (GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                                         _("GStreamer’s “playbin” is not installed"));
      return;
    }
  gst_object_ref_sink (self->playbin);
  g_object_set (self->playbin,
                "video-sink", make_video_sink (self),
                "flags", PLAY_FLAG_VIDEO | PLAY_FLAG_AUDIO | PLAY_FLAG_SOFT_VOLUME | PLAY_FLAG_NATIVE_VIDEO,
                NULL);
  self->bus = gst_element_get_bus (self->playbin);
  gst_bus_add_watch (self->bus, bus_message_cb, self);
}

static void
kling_video_paintable_dispose (GObject *object)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  g_clear_handle_id (&self->position_id, g_source_remove);
  if (self->bus != NULL)
    {
      gst_bus_remove_watch (self->bus);
      g_clear_pointer (&self->bus, gst_object_unref);
    }
  /* Joins the streaming threads: no frame can be stored after this. */
  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_clear_pointer (&self->playbin, gst_object_unref);
      self->appsink = NULL;
    }
  forget_frames (self);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (kling_video_paintable_parent_class)->dispose (object);
}

static void
kling_video_paintable_finalize (GObject *object)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  g_clear_error (&self->error);
  g_free (self->uri);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kling_video_paintable_parent_class)->finalize (object);
}

static void
kling_video_paintable_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_POSITION: g_value_set_int64 (value, self->position); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_LOOP: g_value_set_boolean (value, self->loop); break;
    case PROP_VOLUME: g_value_set_double (value, self->volume); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_video_paintable_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KlingVideoPaintable *self = KLING_VIDEO_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_URI: kling_video_paintable_set_uri (self, g_value_get_string (value)); break;
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        kling_video_paintable_play (self);
      else
        kling_video_paintable_pause (self);
      break;
    case PROP_LOOP: kling_video_paintable_set_loop (self, g_value_get_boolean (value)); break;
    case PROP_VOLUME: kling_video_paintable_set_volume (self, g_value_get_double (value)); break;
    case PROP_MUTED: kling_video_paintable_set_muted (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_video_paintable_class_init (KlingVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kling_video_paintable_dispose;
  object_class->finalize = kling_video_paintable_finalize;
  object_class->get_property = kling_video_paintable_get_property;
  object_class->set_property = kling_video_paintable_set_property;

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, rw);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, -1, G_MAXINT64, 0, ro);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  properties[PROP_VOLUME] = g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0, rw);
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE, rw);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* — public API — */

KlingVideoPaintable *
kling_video_paintable_new (void)
{
  return g_object_new (KLING_TYPE_VIDEO_PAINTABLE, NULL);
}

static void
reset (KlingVideoPaintable *self)
{
  gst_element_set_state (self->playbin, GST_STATE_NULL);
  forget_frames (self);
  set_playing (self, FALSE);
  self->busy = FALSE;
  self->at_eos = FALSE;
  self->queued_seek = -1;
  self->frames_shown = 0;
  self->frame_timestamp = -1;
  self->shown_at = -1;
  self->fps_n = 0;
  self->fps_d = 1;
  self->frame_duration = 0;
  g_clear_object (&self->texture);
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  if (self->width != 0 || self->height != 0)
    {
      self->width = self->height = 0;
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
    }
  set_position (self, 0);
  if (self->duration != -1)
    {
      self->duration = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

/**
 * kling_video_paintable_set_uri:
 * @uri: (nullable): what to play
 *
 * Loads @uri paused on its first frame; %NULL empties the paintable.
 */
void
kling_video_paintable_set_uri (KlingVideoPaintable *self,
                               const char          *uri)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->playbin == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  reset (self);
  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
    }
  if (uri != NULL)
    {
      g_object_set (self->playbin, "uri", uri, NULL);
      change_state (self, GST_STATE_PAUSED);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
kling_video_paintable_set_file (KlingVideoPaintable *self,
                                GFile               *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file != NULL)
    uri = g_file_get_uri (file);
  kling_video_paintable_set_uri (self, uri);
}

const char *
kling_video_paintable_get_uri (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->uri;
}

void
kling_video_paintable_play (KlingVideoPaintable *self)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL || self->playing)
    return;
  /* Play after the end starts again. */
  if (self->at_eos)
    kling_video_paintable_seek (self, 0);
  set_playing (self, TRUE);
  change_state (self, GST_STATE_PLAYING);
}

void
kling_video_paintable_pause (KlingVideoPaintable *self)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL || !self->playing)
    return;
  query_position (self);
  set_playing (self, FALSE);
  change_state (self, GST_STATE_PAUSED);
}

gboolean
kling_video_paintable_is_playing (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->playing;
}

gint64
kling_video_paintable_get_position (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->position;
}

gint64
kling_video_paintable_get_duration (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->duration;
}

/**
 * kling_video_paintable_seek:
 * @position: where to go, in nanoseconds
 *
 * Shows the frame on screen at @position (an accurate seek), playing on
 * from there if playing.
 */
void
kling_video_paintable_seek (KlingVideoPaintable *self,
                            gint64               position)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL)
    return;
  position = MAX (position, 0);
  if (self->duration > 0)
    position = MIN (position, self->duration);
  self->at_eos = FALSE;
  set_position (self, position);
  if (self->busy)
    self->queued_seek = position;
  else
    start_seek (self, position);
}

/**
 * kling_video_paintable_step_frame:
 * @forward: whether to show the next frame or the previous one
 *
 * Pauses, then moves one frame. Does nothing while a seek is under way.
 */
void
kling_video_paintable_step_frame (KlingVideoPaintable *self,
                                  gboolean             forward)
{
  gint64 duration, start;

  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  if (self->uri == NULL || self->error != NULL)
    return;
  kling_video_paintable_pause (self);
  if (self->busy || self->queued_seek >= 0)
    return;

  if (forward)
    {
      gst_element_send_event (self->appsink, gst_event_new_step (GST_FORMAT_BUFFERS, 1, 1.0, TRUE, FALSE));
      return;
    }
  start = self->frame_timestamp;
  if (start <= 0)
    return;
  /* Half a frame back lands inside the previous frame whatever the
   * container's rounding of timestamps. */
  duration = self->frame_duration > 0 ? self->frame_duration : GST_SECOND / 30;
  kling_video_paintable_seek (self, MAX (start - duration / 2, 0));
}

void
kling_video_paintable_set_loop (KlingVideoPaintable *self,
                                gboolean             loop)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

gboolean
kling_video_paintable_get_loop (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->loop;
}

/**
 * kling_video_paintable_set_volume:
 * @volume: 0 to 1, as the ear hears it (a volume slider's scale)
 */
void
kling_video_paintable_set_volume (KlingVideoPaintable *self,
                                  double               volume)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (self->volume == volume)
    return;
  self->volume = volume;
  /* playbin's volume is linear amplitude; loudness follows its cube root. */
  if (self->playbin != NULL)
    g_object_set (self->playbin, "volume", volume * volume * volume, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
kling_video_paintable_get_volume (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0.0);
  return self->volume;
}

void
kling_video_paintable_set_muted (KlingVideoPaintable *self,
                                 gboolean             muted)
{
  g_return_if_fail (KLING_IS_VIDEO_PAINTABLE (self));

  muted = !!muted;
  if (self->muted == muted)
    return;
  self->muted = muted;
  if (self->playbin != NULL)
    g_object_set (self->playbin, "mute", muted, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

gboolean
kling_video_paintable_get_muted (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), FALSE);
  return self->muted;
}

/* Returns: (nullable): why the video cannot be played */
const GError *
kling_video_paintable_get_error (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->error;
}

/* Returns: (nullable) (transfer none): the frame on screen */
GdkTexture *
kling_video_paintable_get_texture (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), NULL);
  return self->texture;
}

/* Returns: the stream time of the frame on screen, in ns, or -1 */
gint64
kling_video_paintable_get_frame_timestamp (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), -1);
  return self->frame_timestamp;
}

/* Returns: frames per second, or 0 when not known */
double
kling_video_paintable_get_framerate (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0.0);
  return self->fps_n > 0 ? (double) self->fps_n / self->fps_d : 0.0;
}

/* Returns: how many different frames were put on screen since the URI was set */
guint64
kling_video_paintable_get_frames_shown (KlingVideoPaintable *self)
{
  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0);
  return self->frames_shown;
}

/**
 * kling_video_paintable_get_frames_dropped:
 *
 * Returns: frames decoded but never shown since the URI was set: late
 *   ones the sink threw away, and ones replaced by a newer frame before the
 *   main loop could show them
 */
guint64
kling_video_paintable_get_frames_dropped (KlingVideoPaintable *self)
{
  g_autoptr(GstStructure) stats = NULL;
  guint64 late = 0, replaced;

  g_return_val_if_fail (KLING_IS_VIDEO_PAINTABLE (self), 0);

  if (self->appsink != NULL)
    {
      g_object_get (self->appsink, "stats", &stats, NULL);
      if (stats != NULL)
        gst_structure_get_uint64 (stats, "dropped", &late);
    }
  g_mutex_lock (&self->lock);
  replaced = self->frames_replaced;
  g_mutex_unlock (&self->lock);
  return late + replaced;
}
