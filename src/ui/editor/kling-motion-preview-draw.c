/* kling-motion-preview-draw.c — the preview's frame, and the ticks along paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kling-motion-preview-private.h"

/* A tick every half second: where the region will be when. */
#define TICK_SECONDS 0.5

/* The points Kling is sent for @region's path, or %NULL when it has none
 * worth drawing. */
static GArray *
timed_points (KlingMotionPreview *self,
              int                 region)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, region);

  if (path == NULL || kling_trajectory_get_n_points (path) < KLING_TRAJECTORY_MIN_POINTS)
    return NULL;
  return kling_trajectory_sample_in_time (path, KLING_TRAJECTORY_MAX_POINTS);
}

static const KlingMask *
painted_mask (KlingMotionPreview *self,
              int                 region)
{
  KlingMask *mask = kling_document_get_mask (self->document, region);

  return mask != NULL && !kling_mask_is_empty (mask) ? mask : NULL;
}

void
_kling_motion_preview_refresh_scene (KlingMotionPreview *self)
{
  if (self->scene == NULL)
    {
      self->scene = kling_motion_scene_new (kling_document_get_pixbuf (self->document));
      self->dirty_regions = ALL_REGIONS;
    }
  self->shown_paths_dirty |= self->dirty_regions;
  if (self->dirty_regions & 1u)
    self->shown_stale |= kling_motion_scene_set_static_mask (self->scene, painted_mask (self, KLING_STATIC_REGION));
  for (int region = 1; region < KLING_N_REGIONS; region++)
    {
      g_autoptr(GArray) points = NULL;

      if (!(self->dirty_regions & (1u << region)))
        continue;
      points = timed_points (self, region);
      self->shown_stale |= kling_motion_scene_set_region (self->scene, region, painted_mask (self, region),
                                                          points != NULL ? (KlingPoint *) points->data : NULL,
                                                          points != NULL ? points->len : 0);
    }
  self->dirty_regions = 0;
}

/* Where the picture is on the widget, in widget coordinates. */
static graphene_rect_t
picture_bounds (KlingMotionPreview *self)
{
  double x0, y0, x1, y1;

  kling_canvas_image_to_widget (self->canvas, 0, 0, &x0, &y0);
  kling_canvas_image_to_widget (self->canvas,
                                kling_document_get_width (self->document),
                                kling_document_get_height (self->document), &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

/* — the shown scene, prepared in a worker — */

typedef struct {
  KlingMotionScene *scene;
  int               width;
  int               height;
} Prepare;

static void
prepare_free (Prepare *prepare)
{
  g_clear_pointer (&prepare->scene, kling_motion_scene_free);
  g_free (prepare);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Prepare *prepare = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  kling_motion_scene_prepare (prepare->scene, prepare->width, prepare->height);
  g_task_return_boolean (task, TRUE);
}

void
_kling_motion_preview_drop_shown (KlingMotionPreview *self)
{
  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  g_clear_pointer (&self->shown, kling_motion_scene_free);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (source);
  Prepare *prepare = g_task_get_task_data (G_TASK (result));

  /* Cancelled: the picture changed or the preview went; its scene is dropped. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->preparing);
  g_clear_pointer (&self->shown, kling_motion_scene_free);
  self->shown = g_steal_pointer (&prepare->scene);
  self->shown_width = prepare->width;
  self->shown_height = prepare->height;
  /* Paths edited meanwhile are the document's, not the copy's. */
  self->shown_paths_dirty = ALL_REGIONS;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A brush stroke changes a mask many times a second: one worker at a time,
 * and the next starts from the document as it is when this one ends, so
 * the preview follows the stroke at the pace of the fill instead of
 * starting over at every dab. */
static void
start_preparing (KlingMotionPreview *self,
                 int                 width,
                 int                 height)
{
  g_autoptr(GTask) task = NULL;
  Prepare *prepare;

  if (self->preparing != NULL)
    return;
  prepare = g_new0 (Prepare, 1);
  prepare->scene = kling_motion_scene_copy (self->scene);
  prepare->width = width;
  prepare->height = height;
  self->shown_stale = FALSE;
  self->preparing = g_cancellable_new ();
  task = g_task_new (self, self->preparing, prepared_cb, NULL);
  g_task_set_source_tag (task, start_preparing);
  g_task_set_task_data (task, prepare, (GDestroyNotify) prepare_free);
  g_task_run_in_thread (task, prepare_thread);
}

/* The shown scene takes the document's paths (cheap); a changed mask, a
 * region that starts or stops moving, or another size wait for the worker,
 * and the frame keeps the fill it had meanwhile. */
static void
sync_shown (KlingMotionPreview *self,
            int                 width,
            int                 height)
{
  _kling_motion_preview_refresh_scene (self);
  for (int region = 1; self->shown != NULL && region < KLING_N_REGIONS; region++)
    {
      g_autoptr(GArray) points = NULL;

      if (!(self->shown_paths_dirty & (1u << region)))
        continue;
      points = painted_mask (self, region) != NULL ? timed_points (self, region) : NULL;
      if (!kling_motion_scene_set_path (self->shown, region,
                                        points != NULL ? (KlingPoint *) points->data : NULL,
                                        points != NULL ? points->len : 0))
        self->shown_stale = TRUE;
    }
  self->shown_paths_dirty = 0;
  if (self->shown == NULL || self->shown_stale || width != self->shown_width || height != self->shown_height)
    start_preparing (self, width, height);
}

static void
draw_frame (KlingMotionPreview *self,
            GtkSnapshot        *snapshot)
{
  graphene_rect_t bounds = picture_bounds (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = CLAMP ((int) ceil (bounds.size.width * scale), 1, kling_document_get_width (self->document));
  int height = CLAMP ((int) ceil (bounds.size.height * scale), 1, kling_document_get_height (self->document));
  guint frame = kling_motion_preview_get_frame (self);
  guint n_frames = kling_motion_preview_get_n_frames (self);
  gsize stride;
  guint8 *pixels;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  sync_shown (self, width, height);
  if (self->shown == NULL)
    return;
  /* At the size it was prepared at, stretched until the next is ready. */
  stride = (gsize) self->shown_width * 4;
  pixels = g_malloc (stride * self->shown_height);
  kling_motion_scene_render (self->shown, (double) frame / (n_frames - 1), pixels,
                             self->shown_width, self->shown_height, stride);
  bytes = g_bytes_new_take (pixels, stride * self->shown_height);
  texture = gdk_memory_texture_new (self->shown_width, self->shown_height, GDK_MEMORY_R8G8B8A8, bytes, stride);
  gtk_snapshot_append_texture (snapshot, texture, &bounds);
  self->shown_frame = frame;
}

static void
set_source_region (KlingMotionPreview *self,
                   cairo_t            *cr,
                   int                 region,
                   double              alpha)
{
  GdkRGBA rgba;

  kling_document_get_region_rgba (self->document, region, &rgba);
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

/* Under the preview's frame the canvas's own path is hidden: a thin copy. */
static void
draw_path_line (KlingMotionPreview *self,
                cairo_t            *cr,
                int                 region)
{
  KlingTrajectory *path = kling_document_get_trajectory (self->document, region);

  for (guint i = 0; i < kling_trajectory_get_n_points (path); i++)
    {
      KlingPoint p = kling_trajectory_get_point (path, i);
      double wx, wy;

      kling_canvas_image_to_widget (self->canvas, p.x, p.y, &wx, &wy);
      cairo_line_to (cr, wx, wy);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  set_source_region (self, cr, region, 0.8);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* A tick across the path where the region is at @t of the clip; a dot
 * where it holds still. Whole seconds are longer. */
static void
draw_tick (KlingMotionPreview *self,
           cairo_t            *cr,
           GArray             *points,
           double              t,
           gboolean            whole_second)
{
  const KlingPoint *p = (const KlingPoint *) points->data;
  double x, y, ax, ay, bx, by, dx, dy, length;
  double half = whole_second ? 7 : 4.5;

  kling_motion_position_at (p, points->len, t, &x, &y);
  kling_motion_position_at (p, points->len, t - 0.002, &ax, &ay);
  kling_motion_position_at (p, points->len, t + 0.002, &bx, &by);
  kling_canvas_image_to_widget (self->canvas, x, y, &x, &y);
  kling_canvas_image_to_widget (self->canvas, ax, ay, &ax, &ay);
  kling_canvas_image_to_widget (self->canvas, bx, by, &bx, &by);
  dx = bx - ax;
  dy = by - ay;
  length = hypot (dx, dy);
  if (length < 1e-3)
    cairo_arc (cr, x, y, whole_second ? 3.5 : 2.5, 0, 2 * G_PI);
  else
    {
      cairo_move_to (cr, x - dy / length * half, y + dx / length * half);
      cairo_line_to (cr, x + dy / length * half, y - dx / length * half);
    }
}

static void
draw_ticks (KlingMotionPreview *self,
            cairo_t            *cr,
            int                 region)
{
  g_autoptr(GArray) points = timed_points (self, region);
  double seconds = _kling_motion_preview_clip_seconds (self);
  guint n_ticks;

  if (points == NULL)
    return;
  n_ticks = (guint) ceil (seconds / TICK_SECONDS) - 1;
  for (guint k = 1; k <= n_ticks; k++)
    draw_tick (self, cr, points, k * TICK_SECONDS / seconds, k % 2 == 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke_preserve (cr);
  set_source_region (self, cr, region, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

void
_kling_motion_preview_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  KlingMotionPreview *self = KLING_MOTION_PREVIEW (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  cairo_t *cr;

  if (self->canvas == NULL || self->document == NULL ||
      kling_document_get_texture (self->document) == NULL)
    return;

  gtk_snapshot_push_clip (snapshot, &bounds);
  if (self->active)
    draw_frame (self, snapshot);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  for (int region = 1; region < KLING_N_REGIONS; region++)
    {
      if (!kling_document_get_region (self->document, region)->visible)
        continue;
      if (self->active)
        draw_path_line (self, cr, region);
      draw_ticks (self, cr, region);
    }
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}
