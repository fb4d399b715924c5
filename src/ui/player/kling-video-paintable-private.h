/* kling-video-paintable-private.h — what the paintable's three files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

#include "kling-video-paintable.h"

G_BEGIN_DECLS

struct _KlingVideoPaintable
{
  GtkMediaStream parent_instance;

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

  /* The main thread's; times in nanoseconds, as GStreamer counts them. */
  GdkTexture   *texture;
  GBytes       *frame_bytes;      /* the texture's pixels, BGRA */
  int           frame_stride;
  cairo_surface_t *surface;       /* the same pixels, for cairo; made when drawn */
  gboolean      draws_with_cairo;
  gint64        frame_timestamp;  /* where the frame on screen starts */
  gint64        shown_at;         /* its timestamp, clipped to a seek's target */
  int           width;            /* display size, with the pixel aspect ratio */
  int           height;
  int           fps_n;            /* 0 when not known */
  int           fps_d;
  gint64        frame_duration;
  guint64       frames_shown;

  gboolean      loaded;           /* a URI is in the pipeline, without error */
  gboolean      busy;             /* a preroll or a flushing seek is under way */
  gboolean      stepping;         /* a frame step is under way */
  gboolean      step_back;        /* the last seek was a step back */
  gint64        queued_seek;      /* -1: none */
  gint64        duration;         /* -1: not known */
  guint         position_id;
};

enum {
  PROP_0,
  PROP_URI,
  N_PROPS
};

/* kling-video-paintable.c */
void        kling_video_paintable_notify          (KlingVideoPaintable *self,
                                                   guint                prop_id);

/* kling-video-paintable-frames.c */
GstElement *kling_video_paintable_make_video_sink (KlingVideoPaintable *self);
void        kling_video_paintable_forget_frames   (KlingVideoPaintable *self);
gboolean    kling_video_paintable_has_pending     (KlingVideoPaintable *self);
void        kling_video_paintable_show_position   (KlingVideoPaintable *self);
void        kling_video_paintable_drop_frame      (KlingVideoPaintable *self);
void        kling_video_paintable_draw_frame      (KlingVideoPaintable *self,
                                                   GdkSnapshot         *snapshot,
                                                   double               width,
                                                   double               height);

/* kling-video-paintable-playback.c */
void        kling_video_paintable_set_position    (KlingVideoPaintable *self,
                                                   gint64               position);
void        kling_video_paintable_class_init_playback (GtkMediaStreamClass *stream_class);
gboolean    kling_video_paintable_bus_message_cb  (GstBus              *bus,
                                                   GstMessage          *message,
                                                   gpointer             user_data);

G_END_DECLS
