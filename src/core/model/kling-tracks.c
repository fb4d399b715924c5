/* kling-tracks.c — the motion as point tracks for open trajectory models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kling-error.h"
#include "kling-json.h"
#include "kling-tracks.h"

void
kling_tracks_path_position (const KlingTrajectory *path,
                            int                    width,
                            int                    height,
                            double                 t,
                            double                *out_x,
                            double                *out_y)
{
  g_autoptr(GArray) sent = kling_trajectory_to_api (path, width, height);
  KlingApiPoint a, b;
  double at, f;
  guint i;

  if (sent->len == 0)
    {
      *out_x = *out_y = 0;
      return;
    }
  at = CLAMP (t, 0.0, 1.0) * (sent->len - 1);
  i = MIN ((guint) floor (at), sent->len - 1);
  f = at - i;
  a = g_array_index (sent, KlingApiPoint, i);
  b = g_array_index (sent, KlingApiPoint, MIN (i + 1, sent->len - 1));
  *out_x = a.x + (b.x - a.x) * f;
  /* Kling's points have a bottom-left origin; tracks a top-left one. */
  *out_y = (height - 1 - a.y) + ((height - 1 - b.y) - (height - 1 - a.y)) * f;
}

/* Up to @n painted pixels spread over @mask: a grid fine enough for about
 * four candidates per point, then every k-th of them. */
static GArray *
spread_points (const KlingMask *mask,
               guint            n)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (KlingApiPoint));
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (KlingApiPoint));
  KlingRect bounds;
  int step;

  kling_mask_get_bounds (mask, &bounds);
  step = MAX (1, (int) sqrt ((double) bounds.width * bounds.height / (4.0 * MAX (n, 1))));
  for (int y = bounds.y + step / 2; y < bounds.y + bounds.height; y += step)
    for (int x = bounds.x + step / 2; x < bounds.x + bounds.width; x += step)
      if (kling_mask_get_value (mask, x, y) >= KLING_MASK_PAINTED)
        {
          KlingApiPoint p = { x, y };

          g_array_append_val (candidates, p);
        }
  for (guint i = 0; i < MIN (n, candidates->len); i++)
    {
      guint index = candidates->len <= n ? i : (guint) (((double) i + 0.5) * candidates->len / n);

      g_array_append_val (chosen, g_array_index (candidates, KlingApiPoint, index));
    }
  g_array_unref (candidates);
  return chosen;
}

static void
add_point (JsonBuilder *builder,
           double       x,
           double       y)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, round (x * 100) / 100);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, round (y * 100) / 100);
  json_builder_end_object (builder);
}

/* One track per point; @path NULL: the point stays. */
static void
add_tracks (JsonBuilder           *builder,
            const KlingMask       *mask,
            const KlingTrajectory *path,
            int                    width,
            int                    height,
            guint                  frames,
            guint                  points)
{
  g_autoptr(GArray) starts = spread_points (mask, points);
  double x0 = 0, y0 = 0;

  if (path != NULL)
    kling_tracks_path_position (path, width, height, 0, &x0, &y0);
  for (guint i = 0; i < starts->len; i++)
    {
      KlingApiPoint start = g_array_index (starts, KlingApiPoint, i);

      json_builder_begin_array (builder);
      for (guint f = 0; f < frames; f++)
        {
          double x = x0, y = y0;

          if (path != NULL)
            kling_tracks_path_position (path, width, height, frames > 1 ? (double) f / (frames - 1) : 0, &x, &y);
          add_point (builder, start.x + x - x0, start.y + y - y0);
        }
      json_builder_end_array (builder);
    }
}

/* The static area without the dynamic ones, as Kling is sent it. */
static KlingMask *
still_area (KlingRequest *request)
{
  const KlingMask *still = kling_request_get_static_mask (request);
  KlingMask *area;

  if (still == NULL)
    return NULL;
  area = kling_mask_copy (still);
  for (guint i = 0; i < kling_request_get_n_dynamic (request); i++)
    kling_mask_subtract (area, kling_request_get_dynamic_mask (request, i));
  return area;
}

char *
kling_tracks_build (KlingRequest  *request,
                    guint          frames,
                    guint          points_per_region,
                    gsize         *out_length,
                    GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KlingMask) still = NULL;
  KlingImage *image = kling_request_get_image (request);
  int width, height;

  if (frames < 2 || frames > KLING_TRACKS_MAX_FRAMES || points_per_region < 1 ||
      points_per_region > KLING_TRACKS_MAX_POINTS)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("Tracks need 2 to %d frames and 1 to %d points per region"),
                   KLING_TRACKS_MAX_FRAMES, KLING_TRACKS_MAX_POINTS);
      return NULL;
    }
  if (image == NULL || kling_request_get_n_dynamic (request) == 0)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("There is no motion to export: paint a moving region and draw its path"));
      return NULL;
    }
  width = kling_image_get_width (image);
  height = kling_image_get_height (image);
  json_builder_begin_array (builder);
  for (guint i = 0; i < kling_request_get_n_dynamic (request); i++)
    add_tracks (builder, kling_request_get_dynamic_mask (request, i),
                kling_request_get_dynamic_trajectory (request, i), width, height, frames, points_per_region);
  still = still_area (request);
  if (still != NULL && !kling_mask_is_empty (still))
    add_tracks (builder, still, NULL, width, height, frames, points_per_region);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return kling_json_to_data (root, FALSE, out_length);
}

static gboolean
save_mask (const KlingMask  *mask,
           const char       *stem,
           const char       *suffix,
           GError          **error)
{
  g_autofree char *path = g_strconcat (stem, suffix, ".png", NULL);
  g_autoptr(GBytes) png = kling_mask_to_png (mask, error);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return png != NULL &&
         g_file_replace_contents (file, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

gboolean
kling_tracks_export (KlingRequest  *request,
                     const char    *json_path,
                     guint          frames,
                     guint          points_per_region,
                     GError       **error)
{
  g_autofree char *json = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (json_path);
  g_autoptr(KlingMask) still = still_area (request);
  gsize length;

  json = kling_tracks_build (request, frames, points_per_region, &length, error);
  if (json == NULL)
    return FALSE;
  stem = g_str_has_suffix (json_path, ".json") ? g_strndup (json_path, strlen (json_path) - 5)
                                               : g_strdup (json_path);
  if (!g_file_replace_contents (file, json, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;
  if (still != NULL && !save_mask (still, stem, "-static", error))
    return FALSE;
  for (guint i = 0; i < kling_request_get_n_dynamic (request); i++)
    {
      g_autofree char *suffix = g_strdup_printf ("-region-%u", i + 1);

      if (!save_mask (kling_request_get_dynamic_mask (request, i), stem, suffix, error))
        return FALSE;
    }
  return TRUE;
}
