/* kling-motion-overlay.c — a task's regions and paths, drawn over its video
 *
 * What the artist asked for, read back from a task's folder in a worker
 * thread: task.json's request names the source image and the mask files
 * beside it, and holds the trajectories in the API's bottom-left origin.
 * Drawn with cairo: each mask tinted in its region's colour with an opaque
 * band along its edges, each trajectory as a line with its start marked and
 * an arrow at its end, all mapped from the image's pixel grid onto the
 * rectangle the video (or the image) is drawn in. While the video plays, a
 * ring on each path marks where the region was asked to be at that frame,
 * read from the sent points as Kling reads them (kling_motion_position_at()),
 * so the artist sees whether the video kept the timing. When the task kept
 * the paths as drawn (kling_task_get_sent_path()), those are drawn, timed
 * as the editor's preview times them, rather than the points rounded for
 * sending.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kling-mask-tint.h"
#include "kling-motion-overlay.h"
#include "kling-motion-render.h"
#include "kling-task.h"

#define N_REGIONS KLING_DRAFT_N_REGIONS
/* The overlay is drawn at screen size: bigger masks only cost memory. */
#define MAX_MASK_SIZE 1280
#define MAX_IMAGE_SIZE 2048

typedef struct {
  cairo_surface_t *mask;      /* tinted; NULL if the region is not used */
  double          *points;    /* x, y pairs in image pixels, top-left origin */
  guint            n_points;
} OverlayRegion;

struct _KlingMotionOverlay
{
  GdkPixbuf     *image;       /* NULL if the task keeps only a URL */
  int            width;       /* the source image's pixel grid */
  int            height;
  OverlayRegion  regions[N_REGIONS];
  GdkRGBA        colors[N_REGIONS];
};

typedef struct {
  char    *folder;
  GdkRGBA  colors[N_REGIONS];
} LoadJob;

/* — reading (worker thread) — */

void
kling_motion_overlay_free (KlingMotionOverlay *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->image);
  for (guint i = 0; i < N_REGIONS; i++)
    {
      g_clear_pointer (&self->regions[i].mask, cairo_surface_destroy);
      g_free (self->regions[i].points);
    }
  g_free (self);
}

static void
load_job_free (LoadJob *job)
{
  g_free (job->folder);
  g_free (job);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A saved request keeps its images and masks as {"file": NAME} beside
 * task.json. Returns: (nullable): the file's path */
static char *
blob_path (const char *folder,
           JsonObject *holder,
           const char *member)
{
  JsonObject *blob = object_member (holder, member);
  JsonNode *file = blob != NULL ? json_object_get_member (blob, "file") : NULL;
  const char *name;

  if (file == NULL || json_node_get_value_type (file) != G_TYPE_STRING)
    return NULL;
  name = json_node_get_string (file);
  if (!kling_task_file_name_is_safe (name))
    return NULL;
  return g_build_filename (folder, name, NULL);
}

/* Loads @path, scaled down to fit @max_size if it is larger. */
static GdkPixbuf *
load_pixbuf (const char  *path,
             int          max_size,
             GError     **error)
{
  int width, height;

  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL && MAX (width, height) > max_size)
    return gdk_pixbuf_new_from_file_at_scale (path, max_size, max_size, TRUE, error);
  return gdk_pixbuf_new_from_file (path, error);
}

static void
load_mask (OverlayRegion     *region,
           const char    *path,
           const GdkRGBA *color)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) mask = load_pixbuf (path, MAX_MASK_SIZE, &error);

  if (mask == NULL)
    {
      g_debug ("Cannot show the mask %s: %s", path, error->message);
      return;
    }
  region->mask = kling_mask_tint (mask, color);
}

/* The API's points have their origin at the bottom-left corner. */
static void
load_trajectory (OverlayRegion *region,
                 JsonObject *entry,
                 int         width,
                 int         height)
{
  JsonNode *node = json_object_get_member (entry, "trajectories");
  JsonArray *array;
  guint length;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  length = MIN (json_array_get_length (array), 1000);
  region->points = g_new (double, 2 * (gsize) length);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *point = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (point) ? json_node_get_object (point) : NULL;
      JsonNode *x = object != NULL ? json_object_get_member (object, "x") : NULL;
      JsonNode *y = object != NULL ? json_object_get_member (object, "y") : NULL;

      if (x == NULL || y == NULL || !JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y))
        continue;
      region->points[2 * region->n_points] = CLAMP (json_node_get_double (x), 0, width - 1);
      region->points[2 * region->n_points + 1] = CLAMP (height - 1 - json_node_get_double (y), 0, height - 1);
      region->n_points++;
    }
}

/* The pixel grid the trajectories are in: the image's, or else the masks'
 * (they are made at the image's size). */
static gboolean
find_grid (KlingMotionOverlay *art,
           const char         *folder,
           JsonObject         *request)
{
  JsonNode *masks = json_object_get_member (request, "dynamic_masks");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, blob_path (folder, request, "image"));
  g_ptr_array_add (paths, blob_path (folder, request, "static_mask"));
  if (masks != NULL && JSON_NODE_HOLDS_ARRAY (masks))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (masks)); i++)
      {
        JsonNode *entry = json_array_get_element (json_node_get_array (masks), i);

        if (JSON_NODE_HOLDS_OBJECT (entry))
          g_ptr_array_add (paths, blob_path (folder, json_node_get_object (entry), "mask"));
      }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (path != NULL && gdk_pixbuf_get_file_info (path, &art->width, &art->height) != NULL)
        return art->width > 0 && art->height > 0;
    }
  return FALSE;
}

/* The path as drawn, with its timing, when the task kept it: at the points
 * of equal time the preview uses, not rounded to pixels as sent. */
static void
load_drawn_path (OverlayRegion         *region,
                 const KlingTrajectory *drawn)
{
  g_autoptr(GArray) timed = kling_trajectory_sample_in_time (drawn, KLING_TRAJECTORY_MAX_POINTS);

  g_free (region->points);
  region->points = g_new (double, 2 * (gsize) timed->len);
  for (guint i = 0; i < timed->len; i++)
    {
      region->points[2 * i] = g_array_index (timed, KlingPoint, i).x;
      region->points[2 * i + 1] = g_array_index (timed, KlingPoint, i).y;
    }
  region->n_points = timed->len;
}

static KlingMotionOverlay *
overlay_load (const LoadJob  *job,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(KlingTask) task = kling_task_new_from_folder (job->folder, error);
  g_autofree char *image_path = NULL;
  g_autofree char *static_path = NULL;
  g_autoptr(KlingMotionOverlay) art = g_new0 (KlingMotionOverlay, 1);
  JsonNode *masks;
  JsonObject *request;

  memcpy (art->colors, job->colors, sizeof art->colors);
  if (task == NULL)
    return NULL;
  request = kling_task_get_request (task);
  if (!find_grid (art, job->folder, request))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The task keeps neither its image nor its masks");
      return NULL;
    }

  image_path = blob_path (job->folder, request, "image");
  if (image_path != NULL)
    art->image = load_pixbuf (image_path, MAX_IMAGE_SIZE, NULL);
  static_path = blob_path (job->folder, request, "static_mask");
  if (static_path != NULL)
    load_mask (&art->regions[KLING_DRAFT_STATIC_REGION], static_path, &job->colors[KLING_DRAFT_STATIC_REGION]);

  masks = json_object_get_member (request, "dynamic_masks");
  if (masks != NULL && JSON_NODE_HOLDS_ARRAY (masks))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (masks)) && i + 1 < N_REGIONS; i++)
      {
        JsonNode *entry = json_array_get_element (json_node_get_array (masks), i);
        const KlingTrajectory *drawn = kling_task_get_sent_path (task, i, art->width, art->height);
        g_autofree char *path = NULL;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return NULL;
        if (!JSON_NODE_HOLDS_OBJECT (entry))
          continue;
        path = blob_path (job->folder, json_node_get_object (entry), "mask");
        if (path != NULL)
          load_mask (&art->regions[i + 1], path, &job->colors[i + 1]);
        if (drawn != NULL)
          load_drawn_path (&art->regions[i + 1], drawn);
        else
          load_trajectory (&art->regions[i + 1], json_node_get_object (entry), art->width, art->height);
      }
  return g_steal_pointer (&art);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  KlingMotionOverlay *art = overlay_load (task_data, cancellable, &error);

  if (art == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, art, (GDestroyNotify) kling_motion_overlay_free);
}

/**
 * kling_motion_overlay_load_async:
 * @task_folder: the folder of a task, with its task.json
 * @colors: the regions' colours, the static one first
 *
 * Reads the task's source image, masks and trajectories in a thread.
 */
void
kling_motion_overlay_load_async (const char          *task_folder,
                                 const GdkRGBA        colors[KLING_DRAFT_N_REGIONS],
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadJob *job = g_new0 (LoadJob, 1);

  job->folder = g_strdup (task_folder);
  memcpy (job->colors, colors, sizeof job->colors);
  g_task_set_source_tag (task, kling_motion_overlay_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Returns: (transfer full): what to draw, or %NULL if the task keeps
 * neither its image nor its masks, or was cancelled */
KlingMotionOverlay *
kling_motion_overlay_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (nullable) (transfer none): the source image, maybe scaled down */
GdkPixbuf *
kling_motion_overlay_get_image (KlingMotionOverlay *self)
{
  return self->image;
}

/* Whether the task had a motion brush: any painted region or path. */
gboolean
kling_motion_overlay_has_motion (KlingMotionOverlay *self)
{
  for (guint i = 0; i < N_REGIONS; i++)
    if (self->regions[i].mask != NULL || self->regions[i].n_points > 0)
      return TRUE;
  return FALSE;
}

/* — drawing — */

/**
 * kling_motion_overlay_fit:
 * @aspect_ratio: the content's width / height
 * @rect: (out): where the content is drawn
 *
 * Where a GtkPicture of @width × @height with content-fit "contain" draws
 * its content (the same arithmetic as gtk_picture_snapshot()).
 */
gboolean
kling_motion_overlay_fit (int              width,
                          int              height,
                          double           aspect_ratio,
                          graphene_rect_t *rect)
{
  double w, h;

  if (aspect_ratio <= 0 || width <= 0 || height <= 0)
    return FALSE;
  if (aspect_ratio > (double) width / height)
    {
      w = width;
      h = width / aspect_ratio;
    }
  else
    {
      w = height * aspect_ratio;
      h = height;
    }
  graphene_rect_init (rect, (int) ((width - ceil (w)) / 2), (int) (floor (height - ceil (h)) / 2), w, h);
  return TRUE;
}

static void
draw_masks (KlingMotionOverlay    *self,
            cairo_t               *cr,
            const graphene_rect_t *rect)
{
  for (guint i = 0; i < N_REGIONS; i++)
    {
      cairo_surface_t *mask = self->regions[i].mask;

      if (mask == NULL)
        continue;
      cairo_save (cr);
      cairo_translate (cr, rect->origin.x, rect->origin.y);
      cairo_scale (cr, rect->size.width / cairo_image_surface_get_width (mask),
                   rect->size.height / cairo_image_surface_get_height (mask));
      cairo_set_source_surface (cr, mask, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
}

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   dx,
            double   dy,
            double   size)
{
  double length = hypot (dx, dy);

  if (length < 1e-6)
    return;
  dx /= length;
  dy /= length;
  cairo_move_to (cr, x + dx * size * 0.4, y + dy * size * 0.4);
  cairo_line_to (cr, x - dx * size + dy * size * 0.6, y - dy * size - dx * size * 0.6);
  cairo_line_to (cr, x - dx * size - dy * size * 0.6, y - dy * size + dx * size * 0.6);
  cairo_close_path (cr);
}

/* The direction at the end, over the last few pixels, so that a short last
 * segment does not turn the arrow. */
static void
end_direction (const double *p,
               guint         n,
               double       *dx,
               double       *dy)
{
  guint i = n - 2;

  while (i > 0 && hypot (p[2 * (n - 1)] - p[2 * i], p[2 * (n - 1) + 1] - p[2 * i + 1]) < 12)
    i--;
  *dx = p[2 * (n - 1)] - p[2 * i];
  *dy = p[2 * (n - 1) + 1] - p[2 * i + 1];
}

static void
draw_path (cairo_t       *cr,
           const double  *p,
           guint          n,
           const GdkRGBA *color)
{
  double dx, dy;

  end_direction (p, n, &dx, &dy);
  for (guint pass = 0; pass < 2; pass++)
    {
      /* a dark halo first, so that the path reads on any video */
      if (pass == 0)
        cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      else
        gdk_cairo_set_source_rgba (cr, color);

      cairo_set_line_width (cr, pass == 0 ? 6 : 3);
      cairo_move_to (cr, p[0], p[1]);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
      cairo_stroke (cr);

      arrow_head (cr, p[2 * (n - 1)], p[2 * (n - 1) + 1], dx, dy, pass == 0 ? 14 : 12);
      cairo_fill (cr);
      cairo_arc (cr, p[0], p[1], pass == 0 ? 7 : 5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  /* the start: a white dot inside the coloured one */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, p[0], p[1], 2, 0, 2 * G_PI);
  cairo_fill (cr);
}

/**
 * kling_motion_overlay_draw:
 * @rect: where the video or the image is drawn, in @cr's coordinates
 *
 * Draws the masks and trajectories, the image's pixel grid stretched onto
 * @rect (the generation stretches the image onto the video's frame).
 */
void
kling_motion_overlay_draw (KlingMotionOverlay    *self,
                           cairo_t               *cr,
                           const graphene_rect_t *rect)
{
  double sx = rect->size.width / self->width;
  double sy = rect->size.height / self->height;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_masks (self, cr, rect);

  for (guint i = 1; i < N_REGIONS; i++)
    {
      OverlayRegion *region = &self->regions[i];
      g_autofree double *points = NULL;

      if (region->n_points < 2)
        continue;
      points = g_new (double, 2 * (gsize) region->n_points);
      for (guint j = 0; j < region->n_points; j++)
        {
          /* to the centre of the pixel */
          points[2 * j] = rect->origin.x + (region->points[2 * j] + 0.5) * sx;
          points[2 * j + 1] = rect->origin.y + (region->points[2 * j + 1] + 0.5) * sy;
        }
      draw_path (cr, points, region->n_points, &self->colors[i]);
    }
  cairo_restore (cr);
}

/**
 * kling_motion_overlay_draw_asked:
 * @rect: as for kling_motion_overlay_draw()
 * @t: the time in the clip, 0 (first frame) to 1 (last)
 *
 * Draws, on each path, a ring where the region was asked to be at @t.
 */
void
kling_motion_overlay_draw_asked (KlingMotionOverlay    *self,
                                 cairo_t               *cr,
                                 const graphene_rect_t *rect,
                                 double                 t)
{
  double sx = rect->size.width / self->width;
  double sy = rect->size.height / self->height;

  cairo_save (cr);
  for (guint i = 1; i < N_REGIONS; i++)
    {
      OverlayRegion *region = &self->regions[i];
      g_autofree KlingPoint *points = NULL;
      double x, y;

      if (region->n_points < 2)
        continue;
      points = g_new (KlingPoint, region->n_points);
      for (guint j = 0; j < region->n_points; j++)
        points[j] = (KlingPoint) { region->points[2 * j], region->points[2 * j + 1] };
      kling_motion_position_at (points, region->n_points, t, &x, &y);
      x = rect->origin.x + (x + 0.5) * sx;
      y = rect->origin.y + (y + 0.5) * sy;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_set_line_width (cr, 6);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 3.5);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &self->colors[i]);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
