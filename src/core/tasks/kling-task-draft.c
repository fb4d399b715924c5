/* kling-task-draft.c — a kept generation back in the editor
 *
 * "Open in editor" turns what was sent back into a draft, so the artist can
 * make a variant: the same image, masks, paths and parameters. The body is
 * rebuilt from the task's folder and read as outside data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-json.h"
#include "kling-task-draft.h"

static KlingImage *
image_from_member (JsonObject  *body,
                   const char  *member,
                   GError     **error)
{
  const char *value = kling_json_member_string (body, member);
  g_autofree guchar *decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
    return kling_image_new_from_url (value);

  decoded = g_base64_decode (value, &length);
  bytes = g_bytes_new_take (g_steal_pointer (&decoded), length);
  return kling_image_new_from_bytes (bytes, member, error);
}

static KlingMask *
mask_from_base64 (const char  *value,
                  GError     **error)
{
  g_autofree guchar *decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  if (value == NULL)
    return NULL;
  decoded = g_base64_decode (value, &length);
  bytes = g_bytes_new_take (g_steal_pointer (&decoded), length);
  return kling_mask_new_from_png (bytes, error);
}

/* The API's points are bottom-left; the editor's top-left. */
static KlingTrajectory *
trajectory_from_api (JsonArray *points,
                     int        height)
{
  KlingTrajectory *trajectory = kling_trajectory_new ();

  for (guint i = 0; points != NULL && i < json_array_get_length (points); i++)
    {
      JsonNode *node = json_array_get_element (points, i);
      JsonObject *point = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 x, y;

      if (point != NULL &&
          kling_json_member_integer (point, "x", &x) &&
          kling_json_member_integer (point, "y", &y))
        kling_trajectory_append (trajectory, x, height - 1 - y);
    }
  return trajectory;
}

static void
apply_parameters (KlingRequest *request,
                  JsonObject   *body)
{
  JsonNode *cfg = json_object_get_member (body, "cfg_scale");
  JsonObject *camera = kling_json_member_object (body, "camera_control");
  const char *text;

  if ((text = kling_json_member_string (body, "model_name")) != NULL)
    kling_request_set_model (request, text);
  if ((text = kling_json_member_string (body, "mode")) != NULL)
    kling_request_set_mode (request, text);
  if ((text = kling_json_member_string (body, "duration")) != NULL)
    kling_request_set_duration (request, text);
  kling_request_set_prompt (request, kling_json_member_string (body, "prompt"));
  kling_request_set_negative_prompt (request, kling_json_member_string (body, "negative_prompt"));
  kling_request_set_aspect_ratio (request, kling_json_member_string (body, "aspect_ratio"));
  if (cfg != NULL && JSON_NODE_HOLDS_VALUE (cfg) &&
      (json_node_get_value_type (cfg) == G_TYPE_DOUBLE || json_node_get_value_type (cfg) == G_TYPE_INT64))
    kling_request_set_cfg_scale (request, json_node_get_double (cfg));

  if (camera != NULL && kling_json_member_string (camera, "type") != NULL)
    {
      JsonObject *config = kling_json_member_object (camera, "config");
      double values[KLING_CAMERA_N_AXES] = { 0 };

      for (guint i = 0; config != NULL && i < KLING_CAMERA_N_AXES; i++)
        {
          JsonNode *node = json_object_get_member (config, kling_camera_axis_to_string (i));
          if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
            values[i] = json_node_get_double (node);
        }
      kling_request_set_camera_control (request, kling_json_member_string (camera, "type"), values);
    }
}

/**
 * kling_task_to_draft:
 *
 * The editor state that produced @task: image, end frame, masks, paths (as
 * drawn, with their timing, when the task kept them; else as sent) and
 * parameters. Region names and colours are the defaults.
 */
KlingDraft *
kling_task_to_draft (KlingTask  *task,
                     GError    **error)
{
  g_autoptr(GBytes) body = kling_task_build_body (task, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KlingDraft) draft = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(KlingImage) tail = NULL;
  JsonObject *root;
  JsonArray *dynamic;
  const char *data;
  gsize length;
  int height;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &length);
  if (!kling_json_is_shallow (data, length) || !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_IO,
                   _("The generation %s could not be read back"), kling_task_get_local_id (task));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  draft = kling_draft_new ();
  apply_parameters (draft->request, root);

  image = image_from_member (root, "image", error);
  if (image == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KLING_ERROR, KLING_ERROR_IO,
                     _("The generation %s has no image"), kling_task_get_local_id (task));
      return NULL;
    }
  kling_request_set_image (draft->request, image);
  tail = image_from_member (root, "image_tail", NULL);
  kling_request_set_image_tail (draft->request, tail);
  height = kling_image_get_height (image);

  draft->masks[KLING_DRAFT_STATIC_REGION] = mask_from_base64 (kling_json_member_string (root, "static_mask"), NULL);
  dynamic = kling_json_member_array (root, "dynamic_masks");
  for (guint i = 0; dynamic != NULL && i < json_array_get_length (dynamic) && i < KLING_REQUEST_MAX_DYNAMIC; i++)
    {
      JsonNode *node = json_array_get_element (dynamic, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const KlingTrajectory *drawn = kling_task_get_sent_path (task, i, kling_image_get_width (image), height);

      if (entry == NULL)
        continue;
      draft->masks[i + 1] = mask_from_base64 (kling_json_member_string (entry, "mask"), NULL);
      g_clear_pointer (&draft->trajectories[i + 1], kling_trajectory_free);
      /* As drawn, with its timing, when the task kept it: sent again, it
       * gives the same points (a timed path's points read back as drawn
       * would go at constant speed). */
      draft->trajectories[i + 1] = drawn != NULL
                                   ? kling_trajectory_copy (drawn)
                                   : trajectory_from_api (kling_json_member_array (entry, "trajectories"), height);
    }

  return g_steal_pointer (&draft);
}
