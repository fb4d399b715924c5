/* kling-history-sketch.c — what a generation sent, drawn small
 *
 * The source picture with each region's mask tinted in its colour and each
 * path drawn over it, as the editor showed them: the details of a generation
 * say at a glance what moved where. Masks are decoded at the sketch's scale,
 * in a thread (a 4096-pixel mask must not stall the window).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-history-marks.h"
#include "kling-history-sketch.h"
#include "kling-json.h"

typedef struct {
  char       *folder;
  JsonObject *request;
  int         width;
} Sketch;

static void
sketch_free (Sketch *sketch)
{
  g_free (sketch->folder);
  json_object_unref (sketch->request);
  g_free (sketch);
}

/* The file behind {"file": NAME}, if it is one. */
static char *
blob_path (Sketch     *sketch,
           JsonObject *holder,
           const char *member)
{
  JsonObject *reference = holder != NULL ? kling_json_member_object (holder, member) : NULL;
  const char *name = reference != NULL ? kling_json_member_string (reference, "file") : NULL;

  if (name == NULL || !kling_task_file_name_is_safe (name))
    return NULL;
  return g_build_filename (sketch->folder, name, NULL);
}

static void
set_region_color (cairo_t *cr,
                  guint    region,
                  double   alpha)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, kling_history_region_color (region));
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

/* The mask's grey as the alpha of the region's colour. */
static void
tint_mask (cairo_t    *cr,
           const char *path,
           guint       region,
           int         width,
           int         height)
{
  g_autoptr(GdkPixbuf) mask = path != NULL ? gdk_pixbuf_new_from_file_at_scale (path, width, height, FALSE, NULL) : NULL;
  cairo_surface_t *alpha;
  guint8 *data;
  int stride;

  if (mask == NULL)
    return;
  alpha = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  data = cairo_image_surface_get_data (alpha);
  stride = cairo_image_surface_get_stride (alpha);
  for (int y = 0; y < MIN (height, gdk_pixbuf_get_height (mask)); y++)
    for (int x = 0; x < MIN (width, gdk_pixbuf_get_width (mask)); x++)
      data[y * stride + x] = gdk_pixbuf_get_pixels (mask)[y * gdk_pixbuf_get_rowstride (mask) + x * gdk_pixbuf_get_n_channels (mask)];
  cairo_surface_mark_dirty (alpha);
  set_region_color (cr, region, 0.5);
  cairo_mask_surface (cr, alpha, 0, 0);
  cairo_surface_destroy (alpha);
}

/* The API's points are bottom-left, in the picture's pixels. */
static void
draw_path (cairo_t   *cr,
           JsonArray *points,
           guint      region,
           double     scale,
           int        image_height)
{
  guint n = points != NULL ? json_array_get_length (points) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (points, i);
      JsonObject *point = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 x = 0, y = 0;

      if (point == NULL || !kling_json_member_integer (point, "x", &x) || !kling_json_member_integer (point, "y", &y))
        continue;
      cairo_line_to (cr, (x + 0.5) * scale, (image_height - 1 - y + 0.5) * scale);
    }
  set_region_color (cr, region, 1.0);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Where it ends: a dot, so the direction reads. */
  if (cairo_has_current_point (cr))
    {
      double end_x, end_y;

      cairo_get_current_point (cr, &end_x, &end_y);
      cairo_stroke (cr);
      cairo_arc (cr, end_x, end_y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_regions (Sketch  *sketch,
              cairo_t *cr,
              int      width,
              int      height,
              int      image_width,
              int      image_height)
{
  JsonArray *dynamic = kling_json_member_array (sketch->request, "dynamic_masks");
  guint n = dynamic != NULL ? MIN (json_array_get_length (dynamic), 6) : 0;
  g_autofree char *static_mask = blob_path (sketch, sketch->request, "static_mask");

  tint_mask (cr, static_mask, 0, width, height);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (dynamic, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *mask = blob_path (sketch, entry, "mask");

      tint_mask (cr, mask, i + 1, width, height);
      if (entry != NULL)
        draw_path (cr, kling_json_member_array (entry, "trajectories"), i + 1,
                   width / (double) image_width, image_height);
    }
}

static void
sketch_thread (GTask        *gtask,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Sketch *sketch = task_data;
  g_autofree char *image = blob_path (sketch, sketch->request, "image");
  g_autoptr(GdkPixbuf) picture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkPixbuf *drawn;
  GError *error = NULL;
  int image_width = 0, image_height = 0, width, height;

  if (image == NULL || gdk_pixbuf_get_file_info (image, &image_width, &image_height) == NULL ||
      (picture = gdk_pixbuf_new_from_file_at_scale (image, sketch->width, -1, TRUE, &error)) == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The picture it was made from is not kept"));
      g_task_return_error (gtask, error);
      return;
    }
  width = gdk_pixbuf_get_width (picture);
  height = gdk_pixbuf_get_height (picture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  gdk_cairo_set_source_pixbuf (cr, picture, 0, 0);
  cairo_paint (cr);
  draw_regions (sketch, cr, width, height, image_width, image_height);
  cairo_destroy (cr);
  drawn = gdk_pixbuf_get_from_surface (surface, 0, 0, width, height);
  cairo_surface_destroy (surface);
  g_task_return_pointer (gtask, drawn, g_object_unref);
}

/**
 * kling_history_sketch_async:
 * @width: the sketch's width in pixels (its height follows the picture)
 *
 * Draws @task's picture, masks and paths in a thread.
 */
void
kling_history_sketch_async (KlingTask           *task,
                            int                  width,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) gtask = g_task_new (task, cancellable, callback, user_data);
  Sketch *sketch = g_new0 (Sketch, 1);

  /* A task's request is never changed once it is read: the thread may read it too. */
  sketch->folder = g_strdup (kling_task_get_folder (task));
  sketch->request = json_object_ref (kling_task_get_request (task));
  sketch->width = width;
  g_task_set_task_data (gtask, sketch, (GDestroyNotify) sketch_free);
  g_task_run_in_thread (gtask, sketch_thread);
}

GdkTexture *
kling_history_sketch_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GdkPixbuf) drawn = g_task_propagate_pointer (G_TASK (result), error);

  return drawn != NULL ? gdk_texture_new_for_pixbuf (drawn) : NULL;
}
