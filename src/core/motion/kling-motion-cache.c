/* kling-motion-cache.c — what a frame needs that does not depend on t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At the image's size: each region's painted pixels (thresholded at 128, as
 * Kling thresholds soft masks) and the background with the moving regions'
 * holes filled. At the output size: that background scaled, the static
 * coverage, and each moving region's pixels scaled and premultiplied (its
 * sprite). Scaling is gdk-pixbuf's filtered scaling, done once, so a frame
 * only copies and shifts.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-motion-private.h"

/* Row @y of the image as @mask covers it: a mask of another size is
 * stretched over the image (nearest pixel). */
static void
read_mask_row (const KlingMask *mask,
               int              image_width,
               int              image_height,
               int              y,
               guint8          *out,
               guint8          *scratch)
{
  int mask_width = kling_mask_get_width (mask);
  int mask_height = kling_mask_get_height (mask);

  if (mask_width == image_width && mask_height == image_height)
    {
      kling_mask_read_row (mask, y, 0, image_width, out);
      return;
    }
  kling_mask_read_row (mask, (int) ((gint64) y * mask_height / image_height),
                       0, mask_width, scratch);
  for (int x = 0; x < image_width; x++)
    out[x] = scratch[(gint64) x * mask_width / image_width];
}

static void
find_bounds (const KlingMask *mask,
             int              image_width,
             int              image_height,
             KlingRect       *bounds)
{
  g_autofree guint8 *row = NULL;
  g_autofree guint8 *scratch = NULL;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;

  if (kling_mask_get_width (mask) == image_width &&
      kling_mask_get_height (mask) == image_height)
    {
      kling_mask_get_bounds (mask, bounds);
      return;
    }

  row = g_malloc (image_width);
  scratch = g_malloc (kling_mask_get_width (mask));
  for (int y = 0; y < image_height; y++)
    {
      read_mask_row (mask, image_width, image_height, y, row, scratch);
      for (int x = 0; x < image_width; x++)
        if (row[x] >= KLING_MASK_PAINTED)
          {
            x0 = MIN (x0, x);
            x1 = MAX (x1, x);
            y0 = MIN (y0, y);
            y1 = y;
          }
    }
  if (x1 < 0)
    *bounds = (KlingRect) { 0, 0, 0, 0 };
  else
    *bounds = (KlingRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

void
_kling_motion_region_prepare (KlingMotionScene  *self,
                              KlingMotionRegion *region)
{
  g_autofree guint8 *row = NULL;
  g_autofree guint8 *scratch = NULL;
  KlingRect *b = &region->bounds;

  g_clear_pointer (&region->painted, g_free);
  g_clear_pointer (&region->sprite, g_free);
  g_clear_pointer (&region->spans, g_free);
  *b = (KlingRect) { 0, 0, 0, 0 };
  if (region->mask == NULL)
    return;

  find_bounds (region->mask, self->width, self->height, b);
  if (b->width == 0)
    return;

  row = g_malloc (self->width);
  scratch = g_malloc (kling_mask_get_width (region->mask));
  region->painted = g_malloc ((gsize) b->width * b->height);
  for (int y = 0; y < b->height; y++)
    {
      guint8 *painted = region->painted + (gsize) y * b->width;

      read_mask_row (region->mask, self->width, self->height, b->y + y, row, scratch);
      for (int x = 0; x < b->width; x++)
        painted[x] = row[b->x + x] >= KLING_MASK_PAINTED;
    }
}

static void
fill_background (KlingMotionScene *self)
{
  g_autofree guint8 *hole = NULL;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
  KlingRect hole_bounds;

  self->background = g_memdup2 (self->image, (gsize) self->width * self->height * 4);
  hole = g_malloc0 ((gsize) self->width * self->height);
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    {
      const KlingMotionRegion *region = &self->regions[i];
      const KlingRect *b = &region->bounds;

      if (!kling_motion_region_moves (region))
        continue;
      for (int y = 0; y < b->height; y++)
        for (int x = 0; x < b->width; x++)
          hole[(gsize) (b->y + y) * self->width + b->x + x] |= region->painted[(gsize) y * b->width + x];
      x0 = MIN (x0, b->x);
      y0 = MIN (y0, b->y);
      x1 = MAX (x1, b->x + b->width);
      y1 = MAX (y1, b->y + b->height);
    }
  if (x1 < 0)
    return;
  hole_bounds = (KlingRect) { x0, y0, x1 - x0, y1 - y0 };
  _kling_motion_fill_holes (self->background, self->width, self->height, hole, &hole_bounds);
}

/* Scales @src (RGBA, straight alpha, tightly packed) by @scale_x, @scale_y
 * into @dest; @offset_x, @offset_y is where @src's corner lands in @dest. */
static void
scale_rgba (guint8 *src,
            int     src_width,
            int     src_height,
            double  offset_x,
            double  offset_y,
            double  scale_x,
            double  scale_y,
            guint8 *dest,
            int     dest_width,
            int     dest_height)
{
  g_autoptr(GdkPixbuf) from = NULL;
  g_autoptr(GdkPixbuf) to = NULL;

  if (scale_x == 1.0 && scale_y == 1.0 && offset_x == 0 && offset_y == 0 &&
      src_width == dest_width && src_height == dest_height)
    {
      memcpy (dest, src, (gsize) src_width * src_height * 4);
      return;
    }
  memset (dest, 0, (gsize) dest_width * dest_height * 4);
  from = gdk_pixbuf_new_from_data (src, GDK_COLORSPACE_RGB, TRUE, 8,
                                   src_width, src_height, src_width * 4, NULL, NULL);
  to = gdk_pixbuf_new_from_data (dest, GDK_COLORSPACE_RGB, TRUE, 8,
                                 dest_width, dest_height, dest_width * 4, NULL, NULL);
  gdk_pixbuf_scale (from, to, 0, 0, dest_width, dest_height,
                    offset_x, offset_y, scale_x, scale_y, GDK_INTERP_BILINEAR);
}

/* The region's pixels (alpha 0 where unpainted) scaled to the output and
 * premultiplied, inside a transparent border of one pixel. */
static void
prepare_sprite (KlingMotionScene  *self,
                KlingMotionRegion *region,
                double             scale_x,
                double             scale_y)
{
  const KlingRect *b = &region->bounds;
  KlingRect *r = &region->sprite_rect;
  g_autofree guint8 *cut = g_malloc ((gsize) b->width * b->height * 4);
  g_autofree guint8 *scaled = NULL;
  int padded;

  for (int y = 0; y < b->height; y++)
    {
      const guint8 *src = self->image + ((gsize) (b->y + y) * self->width + b->x) * 4;
      const guint8 *painted = region->painted + (gsize) y * b->width;
      guint8 *dst = cut + (gsize) y * b->width * 4;

      memcpy (dst, src, (gsize) b->width * 4);
      for (int x = 0; x < b->width; x++)
        if (!painted[x])
          dst[x * 4 + 3] = 0;
    }

  r->x = (int) floor (b->x * scale_x);
  r->y = (int) floor (b->y * scale_y);
  r->width = MAX (1, (int) ceil ((b->x + b->width) * scale_x) - r->x);
  r->height = MAX (1, (int) ceil ((b->y + b->height) * scale_y) - r->y);
  scaled = g_malloc ((gsize) r->width * r->height * 4);
  scale_rgba (cut, b->width, b->height, b->x * scale_x - r->x, b->y * scale_y - r->y,
              scale_x, scale_y, scaled, r->width, r->height);

  padded = r->width + 2;
  region->sprite = g_malloc0 ((gsize) padded * (r->height + 2) * 4);
  region->spans = g_new (int, 2 * (r->height + 2));
  for (int y = 0; y < r->height + 2; y++)
    {
      region->spans[2 * y] = 1;
      region->spans[2 * y + 1] = 0;
    }
  for (int y = 0; y < r->height; y++)
    {
      const guint8 *src = scaled + (gsize) y * r->width * 4;
      guint8 *dst = region->sprite + ((gsize) (y + 1) * padded + 1) * 4;
      int *span = region->spans + 2 * (y + 1);

      for (int x = 0; x < r->width; x++)
        {
          guint a = src[x * 4 + 3];

          if (a == 0)
            continue;
          if (span[0] > span[1])
            span[0] = x + 1;
          span[1] = x + 1;
          for (int k = 0; k < 3; k++)
            dst[x * 4 + k] = (src[x * 4 + k] * a + 127) / 255;
          dst[x * 4 + 3] = a;
        }
    }
}

static void
prepare_static (KlingMotionScene *self)
{
  const KlingMask *mask = self->static_mask;
  g_autofree guint8 *row = g_malloc (self->width);
  g_autofree guint8 *scratch = g_malloc (kling_mask_get_width (mask));
  g_autofree int *column = g_new (int, self->out_width);
  int last_row = -1;

  for (int x = 0; x < self->out_width; x++)
    column[x] = MIN (self->width - 1, (int) ((x + 0.5) * self->width / self->out_width));
  self->out_static = g_malloc ((gsize) self->out_width * self->out_height);
  for (int y = 0; y < self->out_height; y++)
    {
      int image_y = MIN (self->height - 1, (int) ((y + 0.5) * self->height / self->out_height));
      guint8 *out = self->out_static + (gsize) y * self->out_width;

      if (image_y != last_row)
        read_mask_row (mask, self->width, self->height, image_y, row, scratch);
      last_row = image_y;
      for (int x = 0; x < self->out_width; x++)
        out[x] = row[column[x]] >= KLING_MASK_PAINTED ? 255 : 0;
    }
}

void
_kling_motion_drop_output (KlingMotionScene *self)
{
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    {
      g_clear_pointer (&self->regions[i].sprite, g_free);
      g_clear_pointer (&self->regions[i].spans, g_free);
    }
  g_clear_pointer (&self->out_background, g_free);
  g_clear_pointer (&self->out_static, g_free);
  self->out_width = self->out_height = 0;
}

void
_kling_motion_prepare (KlingMotionScene *self,
                       int               out_width,
                       int               out_height)
{
  double scale_x = (double) out_width / self->width;
  double scale_y = (double) out_height / self->height;

  if (self->background == NULL)
    {
      _kling_motion_drop_output (self);
      fill_background (self);
    }
  if (self->out_width == out_width && self->out_height == out_height)
    return;

  _kling_motion_drop_output (self);
  self->out_width = out_width;
  self->out_height = out_height;
  self->out_background = g_malloc ((gsize) out_width * out_height * 4);
  scale_rgba (self->background, self->width, self->height, 0, 0, scale_x, scale_y,
              self->out_background, out_width, out_height);
  if (self->static_mask != NULL)
    prepare_static (self);
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    if (kling_motion_region_moves (&self->regions[i]))
      prepare_sprite (self, &self->regions[i], scale_x, scale_y);
}

/**
 * kling_motion_scene_prepare:
 *
 * Makes what every frame at @out_width × @out_height needs and t does not
 * change: the hole fill and the scaled copies, the slow part of the first
 * frame after a mask change. The preview calls it in a worker thread, on a
 * copy of its scene (kling_motion_scene_copy()), and renders the copy it
 * had meanwhile; kling_motion_scene_render() would otherwise do it itself.
 */
void
kling_motion_scene_prepare (KlingMotionScene *self,
                            int               out_width,
                            int               out_height)
{
  g_return_if_fail (out_width > 0 && out_height > 0);

  _kling_motion_prepare (self, out_width, out_height);
}

/* Whether a frame at @out_width × @out_height only copies and shifts. */
gboolean
kling_motion_scene_is_prepared (const KlingMotionScene *self,
                                int                     out_width,
                                int                     out_height)
{
  return self->background != NULL && self->out_width == out_width && self->out_height == out_height;
}
