/* kling-motion-render.c — the scene and the frame at time t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that does not depend on t is computed once and cached: the
 * hole fill when a mask changes (kling-motion-fill.c), the background and
 * the regions scaled to the output size when that size changes
 * (kling-motion-cache.c). A frame is then a copy of the background and each
 * moving region drawn shifted (kling-motion-draw.c).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-motion-private.h"

/**
 * kling_motion_position_at:
 * @points: (array length=n_points): a region's path, image pixels
 * @n_points: how many; 0 gives (0, 0), 1 gives that point
 * @t: the time, 0 (start of the clip) to 1 (its end); clamped
 * @x: (out): where the region's path is at @t
 * @y: (out):
 *
 * How Kling reads a trajectory, in this one place: the points are evenly
 * spaced in *time* over the whole clip, the first at its first frame and the
 * last at its last, and the region moves in a straight line from one point
 * to the next (kling-api.md §2 gives the points and their order but no
 * timing; Kling's own page draws paths as points joined in order, and the
 * clips it returns move a region at a constant pace between points spaced
 * evenly along the path). So a path whose points are denser in one part
 * makes the region slower there: that is how timing (easing, holds) is sent.
 * The preview, the export and the fake server all ask this function.
 */
void
kling_motion_position_at (const KlingPoint *points,
                          guint             n_points,
                          double            t,
                          double           *x,
                          double           *y)
{
  double at, frac;
  guint i;

  if (n_points == 0)
    {
      *x = *y = 0;
      return;
    }
  if (n_points == 1 || !(t > 0))
    {
      *x = points[0].x;
      *y = points[0].y;
      return;
    }
  if (t >= 1)
    {
      *x = points[n_points - 1].x;
      *y = points[n_points - 1].y;
      return;
    }

  at = t * (n_points - 1);
  i = MIN ((guint) floor (at), n_points - 2);
  frac = at - i;
  *x = points[i].x + (points[i + 1].x - points[i].x) * frac;
  *y = points[i].y + (points[i + 1].y - points[i].y) * frac;
}

static guint8 *
pixbuf_to_rgba (GdkPixbuf *image)
{
  g_autoptr(GdkPixbuf) with_alpha = NULL;
  int width = gdk_pixbuf_get_width (image);
  int height = gdk_pixbuf_get_height (image);
  const guint8 *src;
  int stride;
  guint8 *rgba;

  with_alpha = gdk_pixbuf_get_has_alpha (image)
               ? g_object_ref (image)
               : gdk_pixbuf_add_alpha (image, FALSE, 0, 0, 0);
  src = gdk_pixbuf_read_pixels (with_alpha);
  stride = gdk_pixbuf_get_rowstride (with_alpha);
  rgba = g_malloc ((gsize) width * height * 4);
  for (int y = 0; y < height; y++)
    memcpy (rgba + (gsize) y * width * 4, src + (gsize) y * stride, (gsize) width * 4);
  return rgba;
}

/**
 * kling_motion_scene_new:
 * @image: the input image (8 bits a channel, RGB or RGBA)
 *
 * Returns: (transfer full): a scene with no masks: every frame is @image
 */
KlingMotionScene *
kling_motion_scene_new (GdkPixbuf *image)
{
  KlingMotionScene *self;

  g_return_val_if_fail (GDK_IS_PIXBUF (image), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (image) == 8, NULL);

  self = g_new0 (KlingMotionScene, 1);
  self->width = gdk_pixbuf_get_width (image);
  self->height = gdk_pixbuf_get_height (image);
  self->image = pixbuf_to_rgba (image);
  return self;
}

static void
region_clear (KlingMotionRegion *region)
{
  g_clear_pointer (&region->mask, kling_mask_free);
  g_clear_pointer (&region->points, g_free);
  g_clear_pointer (&region->painted, g_free);
  g_clear_pointer (&region->sprite, g_free);
  g_clear_pointer (&region->spans, g_free);
  region->n_points = 0;
  region->bounds = (KlingRect) { 0, 0, 0, 0 };
}

/**
 * kling_motion_scene_copy:
 *
 * Copies the image, the masks and the paths (not the caches), e.g. for an
 * export that renders in another thread while the editor goes on.
 *
 * Returns: (transfer full): a scene that renders the same frames
 */
KlingMotionScene *
kling_motion_scene_copy (const KlingMotionScene *self)
{
  KlingMotionScene *copy = g_new0 (KlingMotionScene, 1);

  copy->width = self->width;
  copy->height = self->height;
  copy->image = g_memdup2 (self->image, (gsize) self->width * self->height * 4);
  if (self->static_mask != NULL)
    copy->static_mask = kling_mask_copy (self->static_mask);
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    {
      const KlingMotionRegion *region = &self->regions[i];

      if (region->mask != NULL)
        kling_motion_scene_set_region (copy, i + 1, region->mask,
                                       region->points, region->n_points);
    }
  return copy;
}

void
kling_motion_scene_free (KlingMotionScene *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    region_clear (&self->regions[i]);
  _kling_motion_drop_output (self);
  g_clear_pointer (&self->static_mask, kling_mask_free);
  g_free (self->background);
  g_free (self->image);
  g_free (self);
}

int
kling_motion_scene_get_width (const KlingMotionScene *self)
{
  return self->width;
}

int
kling_motion_scene_get_height (const KlingMotionScene *self)
{
  return self->height;
}

/**
 * kling_motion_scene_set_static_mask:
 * @mask: (nullable): the static region, or %NULL for none. Any size: a mask
 *   whose size differs from the image's is stretched over it
 *
 * Pixels painted here (coverage from 128 up, as Kling thresholds) never
 * change: a region moving over them passes underneath.
 *
 * Returns: whether the mask changed (the next frame prepares again)
 */
gboolean
kling_motion_scene_set_static_mask (KlingMotionScene *self,
                                    const KlingMask  *mask)
{
  if (kling_mask_equal (self->static_mask, mask))
    return FALSE;
  g_clear_pointer (&self->static_mask, kling_mask_free);
  if (mask != NULL)
    self->static_mask = kling_mask_copy (mask);
  _kling_motion_drop_output (self);
  return TRUE;
}

static gboolean
same_points (const KlingMotionRegion *region,
             const KlingPoint        *points,
             guint                    n_points)
{
  return region->n_points == n_points &&
         (n_points == 0 || memcmp (region->points, points, n_points * sizeof (KlingPoint)) == 0);
}

/**
 * kling_motion_scene_set_region:
 * @index: the dynamic region, 1 to %KLING_MOTION_MAX_REGIONS
 * @mask: (nullable): its area (any size, stretched over the image like the
 *   static mask), or %NULL to remove the region
 * @points: (array length=n_points) (nullable): its path in image pixels,
 *   top-left origin, already timed: points evenly spaced in time (see
 *   kling_motion_position_at()); point 0 is where the path starts, and the
 *   region is drawn shifted by where the path is minus point 0
 * @n_points: 0 or 1 keeps the region still (it stays part of the picture)
 *
 * Cheap when only the path changed: the hole fill is computed again only
 * when a mask changes or a region starts or stops moving.
 *
 * Returns: whether the fill or the scaled copies must be made again
 *   (kling_motion_scene_prepare())
 */
gboolean
kling_motion_scene_set_region (KlingMotionScene *self,
                               guint             index,
                               const KlingMask  *mask,
                               const KlingPoint *points,
                               guint             n_points)
{
  KlingMotionRegion *region;
  gboolean moved_before, mask_changed;

  g_return_val_if_fail (index >= 1 && index <= KLING_MOTION_MAX_REGIONS, FALSE);
  g_return_val_if_fail (n_points == 0 || points != NULL, FALSE);

  region = &self->regions[index - 1];
  if (mask == NULL)
    n_points = 0;
  moved_before = kling_motion_region_moves (region);
  mask_changed = !kling_mask_equal (region->mask, mask);
  if (!same_points (region, points, n_points))
    {
      g_free (region->points);
      region->points = n_points > 0 ? g_memdup2 (points, n_points * sizeof (KlingPoint)) : NULL;
      region->n_points = n_points;
    }
  if (mask_changed)
    {
      g_clear_pointer (&region->mask, kling_mask_free);
      if (mask != NULL)
        region->mask = kling_mask_copy (mask);
      _kling_motion_region_prepare (self, region);
    }
  /* A still region is part of the background; a moving one leaves a hole. */
  if ((mask_changed && (moved_before || kling_motion_region_moves (region))) ||
      moved_before != kling_motion_region_moves (region))
    {
      g_clear_pointer (&self->background, g_free);
      _kling_motion_drop_output (self);
      return TRUE;
    }
  return FALSE;
}

/**
 * kling_motion_scene_set_path:
 * @index: the dynamic region, 1 to %KLING_MOTION_MAX_REGIONS
 * @points: (array length=n_points) (nullable): as for
 *   kling_motion_scene_set_region()
 *
 * Changes only a region's path, keeping its mask: never refills the holes.
 *
 * Returns: %FALSE, changing nothing, when the new path would make the
 *   region start or stop moving (its hole comes or goes): then
 *   kling_motion_scene_set_region() is the way
 */
gboolean
kling_motion_scene_set_path (KlingMotionScene *self,
                             guint             index,
                             const KlingPoint *points,
                             guint             n_points)
{
  KlingMotionRegion *region;

  g_return_val_if_fail (index >= 1 && index <= KLING_MOTION_MAX_REGIONS, FALSE);
  g_return_val_if_fail (n_points == 0 || points != NULL, FALSE);

  region = &self->regions[index - 1];
  if (region->mask == NULL)
    n_points = 0;
  if (same_points (region, points, n_points))
    return TRUE;
  if ((region->n_points >= 2) != (n_points >= 2) && region->mask != NULL && region->bounds.width > 0)
    return FALSE;
  g_free (region->points);
  region->points = n_points > 0 ? g_memdup2 (points, n_points * sizeof (KlingPoint)) : NULL;
  region->n_points = n_points;
  return TRUE;
}

/**
 * kling_motion_scene_has_motion:
 *
 * Returns: whether some region has a mask and a path of two points or more
 */
gboolean
kling_motion_scene_has_motion (const KlingMotionScene *self)
{
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    if (kling_motion_region_moves (&self->regions[i]))
      return TRUE;
  return FALSE;
}

/* A frame is drawn in horizontal bands, one per core (two on the machines
 * design.md §6 measures on), so the preview keeps its frame time when
 * regions are large. Small frames are not worth the hand-over. */
#define MAX_BANDS 4
#define MIN_BAND_PIXELS (128 * 1024)

typedef struct {
  KlingMotionScene *scene;
  guint8           *out;
  int               stride;
  double            shift[KLING_MOTION_MAX_REGIONS][2];
  GMutex            lock;
  GCond             done;
  guint             pending;
} Frame;

typedef struct {
  Frame *frame;
  int    row_start;
  int    row_end;
} Band;

static void
draw_band (const Band *band)
{
  Frame *frame = band->frame;
  KlingMotionScene *self = frame->scene;

  for (int y = band->row_start; y < band->row_end; y++)
    memcpy (frame->out + (gsize) y * frame->stride,
            self->out_background + (gsize) y * self->out_width * 4,
            (gsize) self->out_width * 4);
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    if (kling_motion_region_moves (&self->regions[i]))
      _kling_motion_draw_region (self, &self->regions[i], frame->shift[i][0], frame->shift[i][1],
                                 frame->out, frame->stride, band->row_start, band->row_end);
}

static void
draw_band_in_pool (gpointer data,
                   gpointer user_data)
{
  Band *band = data;
  Frame *frame = band->frame;

  draw_band (band);
  g_mutex_lock (&frame->lock);
  if (--frame->pending == 0)
    g_cond_signal (&frame->done);
  g_mutex_unlock (&frame->lock);
}

static GThreadPool *
get_pool (guint *n_bands)
{
  static GThreadPool *pool;
  static guint bands;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created;

      /* $KLING_MOTION_THREADS=1 draws in the calling thread only, for
       * bench-motion to compare. */
      const char *env = g_getenv ("KLING_MOTION_THREADS");
      guint64 wanted = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;

      bands = CLAMP (wanted > 0 ? wanted : g_get_num_processors (), 1, MAX_BANDS);
      created = g_thread_pool_new (draw_band_in_pool, NULL, MAX ((int) bands - 1, 1), FALSE, NULL);
      g_once_init_leave (&pool, created);
    }
  *n_bands = bands;
  return pool;
}

static void
draw_frame (Frame *frame)
{
  KlingMotionScene *self = frame->scene;
  Band bands[MAX_BANDS];
  guint n_bands;
  GThreadPool *pool = get_pool (&n_bands);

  n_bands = MIN (n_bands, MAX (1, (guint) ((gint64) self->out_width * self->out_height / MIN_BAND_PIXELS)));
  for (guint i = 0; i < n_bands; i++)
    bands[i] = (Band) { frame, self->out_height * i / n_bands, self->out_height * (i + 1) / n_bands };

  frame->pending = n_bands - 1;
  for (guint i = 1; i < n_bands; i++)
    g_thread_pool_push (pool, &bands[i], NULL);
  draw_band (&bands[0]);
  g_mutex_lock (&frame->lock);
  while (frame->pending > 0)
    g_cond_wait (&frame->done, &frame->lock);
  g_mutex_unlock (&frame->lock);
}

/**
 * kling_motion_scene_render:
 * @t: the time, 0 (first frame) to 1 (last frame)
 * @rgba_out: (out caller-allocates): @out_height rows of @out_stride bytes;
 *   8 bits a channel, R G B A, straight (not premultiplied) alpha, as
 *   GdkPixbuf and GDK_MEMORY_R8G8B8A8 have them
 * @out_width: the frame's size: the whole image scaled to it (render at
 *   the size shown, which is what keeps the live preview fast)
 * @out_height:
 * @out_stride: at least @out_width × 4
 *
 * Draws the frame at time @t. The first frame after a mask or output size
 * change takes longer (the hole fill and the scaled copies are made then);
 * the frames after it only copy and shift pixels, in bands drawn by a
 * shared pool of threads (one per core, at most 4) while this call waits.
 */
void
kling_motion_scene_render (KlingMotionScene *self,
                           double            t,
                           guint8           *rgba_out,
                           int               out_width,
                           int               out_height,
                           int               out_stride)
{
  Frame frame = { self, rgba_out, out_stride };
  double scale_x, scale_y;

  g_return_if_fail (rgba_out != NULL);
  g_return_if_fail (out_width > 0 && out_height > 0 && out_stride >= out_width * 4);

  _kling_motion_prepare (self, out_width, out_height);
  scale_x = (double) out_width / self->width;
  scale_y = (double) out_height / self->height;
  for (guint i = 0; i < KLING_MOTION_MAX_REGIONS; i++)
    {
      const KlingMotionRegion *region = &self->regions[i];
      double x, y;

      if (!kling_motion_region_moves (region))
        continue;
      kling_motion_position_at (region->points, region->n_points, t, &x, &y);
      frame.shift[i][0] = (x - region->points[0].x) * scale_x;
      frame.shift[i][1] = (y - region->points[0].y) * scale_y;
    }
  g_mutex_init (&frame.lock);
  g_cond_init (&frame.done);
  draw_frame (&frame);
  g_mutex_clear (&frame.lock);
  g_cond_clear (&frame.done);
}
