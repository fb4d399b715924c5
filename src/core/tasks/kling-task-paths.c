/* kling-task-paths.c — the paths a task was drawn with, and their timing
 *
 * What is sent for a path is its points at equal steps of time (at most 77,
 * kling_trajectory_to_api()): enough for Kling, but not the path the
 * artist drew, and not its timing (an eased path read back as drawn would
 * be sent again at constant speed). So task.json also keeps, beside the
 * request, each dynamic region's path as drawn with its timing:
 *
 *   "paths": [ { "timing": "ease-in", "points": [[x, y], …] }, … ]
 *
 * one entry per request.dynamic_masks entry, in the same order, image
 * pixels with a top-left origin; constant speed leaves "timing" out, as
 * drafts do. Older tasks have no "paths": they read as the sent points at
 * constant speed, which is what those points meant. A kept path is only
 * used while it still gives the very points that were sent
 * (kling_task_get_sent_path()), so task.json, outside data, cannot make
 * the editor or the player show a motion other than the one asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-draft.h"
#include "kling-json.h"
#include "kling-task-private.h"

/**
 * kling_task_paths_from_request:
 * @request: (nullable): the request a body was built from
 *
 * Returns: (transfer full) (nullable) (element-type KlingTrajectory): a copy
 *   of each dynamic brush's path as drawn, in the body's order, for
 *   kling_task_set_paths(); %NULL without dynamic brushes
 */
GPtrArray *
kling_task_paths_from_request (KlingRequest *request)
{
  GPtrArray *paths;

  if (request == NULL || kling_request_get_n_dynamic (request) == 0)
    return NULL;
  paths = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_trajectory_free);
  for (guint i = 0; i < kling_request_get_n_dynamic (request); i++)
    {
      const KlingTrajectory *path = kling_request_get_dynamic_trajectory (request, i);

      g_ptr_array_add (paths, path != NULL ? kling_trajectory_copy (path) : NULL);
    }
  return paths;
}

/* For the task store, before task.json is first written. */
void
kling_task_set_paths (KlingTask *self,
                      GPtrArray *paths)
{
  g_return_if_fail (KLING_IS_TASK (self));

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  if (paths != NULL)
    self->paths = g_ptr_array_ref (paths);
}

void
_kling_task_add_paths (KlingTask   *self,
                       JsonBuilder *builder)
{
  if (self->paths == NULL)
    return;
  json_builder_set_member_name (builder, "paths");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->paths->len; i++)
    {
      const KlingTrajectory *path = g_ptr_array_index (self->paths, i);

      json_builder_begin_object (builder);
      if (path != NULL && kling_trajectory_get_timing (path) != KLING_TIMING_CONSTANT)
        kling_json_add_optional_string (builder, "timing",
                                        kling_timing_to_string (kling_trajectory_get_timing (path)));
      if (path != NULL)
        {
          json_builder_set_member_name (builder, "points");
          kling_draft_add_points (builder, path);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* One entry into *@out; %NULL for one this version cannot use (a timing a
 * newer version added, say): the sent points stand for it. */
static gboolean
read_path (JsonNode         *node,
           KlingTrajectory **out,
           GError          **error)
{
  g_autoptr(KlingTrajectory) path = NULL;
  JsonObject *object;
  JsonNode *points;
  const char *timing_name;
  KlingTiming timing = KLING_TIMING_CONSTANT;

  *out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kling_json_problem (error, _("“%s” is not a list of paths"), "paths");
  object = json_node_get_object (node);
  if (!kling_json_get_optional_string (object, "timing", &timing_name, error))
    return FALSE;
  /* An entry without points stands for a brush sent without a path. */
  points = json_object_get_member (object, "points");
  if (points == NULL)
    return TRUE;
  path = kling_draft_read_points (points, error);
  if (path == NULL)
    return FALSE;
  if (timing_name != NULL && !kling_timing_from_string (timing_name, &timing))
    return TRUE;
  kling_trajectory_set_timing (path, timing);
  *out = g_steal_pointer (&path);
  return TRUE;
}

gboolean
_kling_task_read_paths (KlingTask   *self,
                        JsonObject  *root,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (root, "paths");
  g_autoptr(GPtrArray) paths = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kling_json_problem (error, _("“%s” is not a list of paths"), "paths");
  array = json_node_get_array (node);
  paths = g_ptr_array_new_with_free_func ((GDestroyNotify) kling_trajectory_free);
  for (guint i = 0; i < json_array_get_length (array) && i < KLING_REQUEST_MAX_DYNAMIC; i++)
    {
      KlingTrajectory *path;

      if (!read_path (json_array_get_element (array, i), &path, error))
        return FALSE;
      g_ptr_array_add (paths, path);
    }
  self->paths = g_steal_pointer (&paths);
  return TRUE;
}

/* Whether @path gives exactly @sent, request.dynamic_masks[i].trajectories. */
static gboolean
gives_sent_points (const KlingTrajectory *path,
                   JsonArray             *sent,
                   int                    image_width,
                   int                    image_height)
{
  g_autoptr(GArray) api = kling_trajectory_to_api (path, image_width, image_height);

  if (sent == NULL || api->len != json_array_get_length (sent))
    return FALSE;
  for (guint k = 0; k < api->len; k++)
    {
      JsonNode *node = json_array_get_element (sent, k);
      JsonObject *point = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      KlingApiPoint q = g_array_index (api, KlingApiPoint, k);
      gint64 x, y;

      if (point == NULL || !kling_json_member_integer (point, "x", &x) ||
          !kling_json_member_integer (point, "y", &y) || x != q.x || y != q.y)
        return FALSE;
    }
  return TRUE;
}

/**
 * kling_task_get_sent_path:
 * @index: the request's dynamic brush, from 0 (request.dynamic_masks[@index])
 * @image_width: the size of the task's image (the sent points are clamped
 *   into it and flipped by its height)
 * @image_height:
 *
 * The path as the artist drew it, with its timing, for "Open in editor"
 * and the player's marker. Only when the task kept it (tasks made before
 * the paths were kept did not) and it still gives the very points that were
 * sent; otherwise the caller reads those points at constant speed.
 *
 * Returns: (nullable) (transfer none): the path, or %NULL
 */
const KlingTrajectory *
kling_task_get_sent_path (KlingTask *self,
                          guint      index,
                          int        image_width,
                          int        image_height)
{
  JsonArray *masks;
  JsonNode *entry;
  const KlingTrajectory *path;

  g_return_val_if_fail (KLING_IS_TASK (self), NULL);

  if (self->paths == NULL || index >= self->paths->len || image_width <= 0 || image_height <= 0)
    return NULL;
  path = g_ptr_array_index (self->paths, index);
  masks = self->request != NULL ? kling_json_member_array (self->request, "dynamic_masks") : NULL;
  if (path == NULL || masks == NULL || index >= json_array_get_length (masks))
    return NULL;
  entry = json_array_get_element (masks, index);
  if (!JSON_NODE_HOLDS_OBJECT (entry) ||
      !gives_sent_points (path, kling_json_member_array (json_node_get_object (entry), "trajectories"),
                          image_width, image_height))
    return NULL;
  return path;
}
