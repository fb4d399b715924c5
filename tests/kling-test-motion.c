/* kling-test-motion.c — a picture with a distinctive object, for the tests
 * of the motion renderer and of the clips made from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <stdlib.h>

#include "kling-test-motion.h"

/* A smooth gradient in muted colours, far from the object's magenta: red
 * and blue never both above 160 while green is low. */
void
kling_test_motion_background (int    x,
                              int    y,
                              int    width,
                              int    height,
                              guint8 rgb[3])
{
  rgb[0] = (guint8) (40 + 120 * x / MAX (1, width - 1));
  rgb[1] = (guint8) (90 + 100 * y / MAX (1, height - 1));
  rgb[2] = 70;
}

static gboolean
in_disc (double x,
         double y,
         double cx,
         double cy,
         double radius)
{
  double dx = x + 0.5 - cx, dy = y + 0.5 - cy;

  return dx * dx + dy * dy <= radius * radius;
}

GdkPixbuf *
kling_test_motion_picture (int    width,
                           int    height,
                           double object_x,
                           double object_y,
                           double object_radius)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * 3;

        if (in_disc (x, y, object_x, object_y, object_radius))
          {
            p[0] = KLING_TEST_OBJECT_R;
            p[1] = KLING_TEST_OBJECT_G;
            p[2] = KLING_TEST_OBJECT_B;
          }
        else
          kling_test_motion_background (x, y, width, height, p);
      }
  return pixbuf;
}

KlingMask *
kling_test_motion_disc_mask (int    width,
                             int    height,
                             double cx,
                             double cy,
                             double radius)
{
  KlingMask *mask = kling_mask_new (width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (in_disc (x, y, cx, cy, radius))
        kling_mask_set_value (mask, x, y, 255);
  return mask;
}

KlingMask *
kling_test_motion_rect_mask (int width,
                             int height,
                             int x,
                             int y,
                             int rect_width,
                             int rect_height)
{
  KlingMask *mask = kling_mask_new (width, height);
  KlingRect rect = { x, y, rect_width, rect_height };

  kling_mask_fill_rect (mask, &rect, 255);
  return mask;
}

/* Of the pixels near the object's colour; a decoded clip's colours are a
 * little off (4:2:0 chroma, compression), hence the tolerance. */
gboolean
kling_test_motion_centroid (const guint8 *rgba,
                            int           width,
                            int           height,
                            int           stride,
                            int           n_channels,
                            double       *x,
                            double       *y)
{
  double sum_x = 0, sum_y = 0;
  guint64 n = 0;

  for (int row = 0; row < height; row++)
    for (int col = 0; col < width; col++)
      {
        const guint8 *p = rgba + (gsize) row * stride + (gsize) col * n_channels;

        if (abs (p[0] - KLING_TEST_OBJECT_R) < 60 &&
            abs (p[1] - KLING_TEST_OBJECT_G) < 60 &&
            abs (p[2] - KLING_TEST_OBJECT_B) < 60)
          {
            sum_x += col + 0.5;
            sum_y += row + 0.5;
            n++;
          }
      }
  if (n == 0)
    return FALSE;
  *x = sum_x / n;
  *y = sum_y / n;
  return TRUE;
}

/* Plays @path through GStreamer's own decoders into an appsink, as fast as
 * it decodes, and hands each frame to @func. */
guint
kling_test_motion_decode (const char         *path,
                          KlingTestFrameFunc  func,
                          gpointer            user_data,
                          GError            **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  guint n = 0;

  if (!gst_init_check (NULL, NULL, error))
    return 0;
  pipeline = gst_parse_launch ("filesrc name=src ! decodebin ! videoconvert ! "
                               "video/x-raw,format=RGBA ! appsink name=sink sync=false", error);
  if (pipeline == NULL)
    return 0;
  {
    g_autoptr(GstElement) src = gst_bin_get_by_name (GST_BIN (pipeline), "src");

    g_object_set (src, "location", path, NULL);
  }
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 60 * GST_SECOND);
      GstStructure *caps;
      GstMapInfo map;
      int width = 0, height = 0;

      if (sample == NULL)
        break;
      caps = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      gst_structure_get_int (caps, "width", &width);
      gst_structure_get_int (caps, "height", &height);
      gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ);
      func (n++, map.data, width, height, width * 4, user_data);
      gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
    }
  {
    g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
    g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    if (message != NULL)
      gst_message_parse_error (message, error, NULL);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return n;
}
