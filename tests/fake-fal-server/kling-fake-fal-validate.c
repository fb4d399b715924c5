/* kling-fake-fal-validate.c — what fal's Kling image-to-video input schema refuses
 *
 * Each refusal is a 422 with FastAPI's `detail` list, as fal answers one.
 * Stricter than fal where that catches a client's mistake: members the
 * schema does not list (Kling's own names leaking) are refused too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-fal-private.h"

static const char *const known_members[] = {
  "prompt", "image_url", "duration", "negative_prompt", "cfg_scale", "tail_image_url",
  "static_mask_url", "dynamic_masks",
};

/* {"detail": [{"loc": ["body", …], "msg": …, "type": …}]} */
char *
kling_fake_fal_detail (const char *field,
                       const char *msg,
                       const char *type)
{
  g_autofree char *loc = field != NULL ? g_strdup_printf ("[\"body\", \"%s\"]", field)
                                       : g_strdup ("[\"body\"]");

  return g_strdup_printf ("{\"detail\": [{\"loc\": %s, \"msg\": \"%s\", \"type\": \"%s\"}]}",
                          loc, msg, type);
}

/* A URL fal would fetch, or a data: URI whose base64 decodes to an image. */
static gboolean
file_is_valid (const char *value)
{
  g_autofree guchar *bytes = NULL;
  const char *comma;
  gsize length = 0;

  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
    return TRUE;
  if (!g_str_has_prefix (value, "data:image/") || (comma = strchr (value, ',')) == NULL ||
      comma - value < 7 || memcmp (comma - 7, ";base64", 7) != 0)
    return FALSE;
  bytes = g_base64_decode (comma + 1, &length);
  return length >= 8 && (memcmp (bytes, "\x89PNG", 4) == 0 || memcmp (bytes, "\xff\xd8\xff", 3) == 0);
}

static char *
check_file (JsonObject *object,
            const char *name,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return required ? kling_fake_fal_detail (name, "field required", "value_error.missing") : NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !file_is_valid (json_node_get_string (node)))
    return kling_fake_fal_detail (name, "not a URL or a data URI of an image", "value_error.url");
  return NULL;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static char *
check_trajectories (JsonObject *mask)
{
  JsonNode *node = json_object_get_member (mask, "trajectories");
  JsonArray *points;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return kling_fake_fal_detail ("trajectories", "field required", "value_error.missing");
  points = json_node_get_array (node);
  if (json_array_get_length (points) < 2)
    return kling_fake_fal_detail ("trajectories", "at least 2 points", "value_error.list.min_items");
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonNode *point = json_array_get_element (points, i);
      JsonObject *xy = JSON_NODE_HOLDS_OBJECT (point) ? json_node_get_object (point) : NULL;
      JsonNode *x = xy != NULL ? json_object_get_member (xy, "x") : NULL;
      JsonNode *y = xy != NULL ? json_object_get_member (xy, "y") : NULL;

      if (x == NULL || y == NULL || !JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
          json_node_get_value_type (x) != G_TYPE_INT64 || json_node_get_value_type (y) != G_TYPE_INT64)
        return kling_fake_fal_detail ("trajectories", "x and y must be integers", "type_error.integer");
    }
  return NULL;
}

static char *
check_dynamic_masks (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "dynamic_masks");
  JsonArray *masks;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 6)
    return kling_fake_fal_detail ("dynamic_masks", "a list of at most 6 masks", "type_error.list");
  masks = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (masks); i++)
    {
      JsonNode *item = json_array_get_element (masks, i);
      char *problem;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return kling_fake_fal_detail ("dynamic_masks", "not an object", "type_error.dict");
      if ((problem = check_file (json_node_get_object (item), "mask_url", TRUE)) != NULL ||
          (problem = check_trajectories (json_node_get_object (item))) != NULL)
        return problem;
    }
  return NULL;
}

static gboolean
is_known (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    if (g_str_equal (name, known_members[i]))
      return TRUE;
  return FALSE;
}

static char *
check_members (JsonObject *body)
{
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_known (l->data))
      return kling_fake_fal_detail (l->data, "extra fields not permitted", "value_error.extra");
  return NULL;
}

static char *
check_scalars (JsonObject *body)
{
  JsonNode *duration = json_object_get_member (body, "duration");
  JsonNode *cfg = json_object_get_member (body, "cfg_scale");
  JsonNode *negative = json_object_get_member (body, "negative_prompt");
  JsonNode *prompt = json_object_get_member (body, "prompt");

  if (!is_string (prompt) || *json_node_get_string (prompt) == '\0')
    return kling_fake_fal_detail ("prompt", "field required", "value_error.missing");
  if (negative != NULL && !is_string (negative))
    return kling_fake_fal_detail ("negative_prompt", "str type expected", "type_error.str");
  if (duration != NULL && (!is_string (duration) || (g_strcmp0 (json_node_get_string (duration), "5") != 0 &&
                                                    g_strcmp0 (json_node_get_string (duration), "10") != 0)))
    return kling_fake_fal_detail ("duration", "value is not a valid enumeration member; permitted: '5', '10'",
                                  "type_error.enum");
  if (cfg != NULL && (!JSON_NODE_HOLDS_VALUE (cfg) || json_node_get_value_type (cfg) == G_TYPE_STRING ||
                      json_node_get_double (cfg) < 0 || json_node_get_double (cfg) > 1))
    return kling_fake_fal_detail ("cfg_scale", "a number from 0 to 1", "value_error.number");
  return NULL;
}

/**
 * kling_fake_fal_validate:
 *
 * Returns: (nullable): %NULL for a body fal takes, else the 422's body
 */
char *
kling_fake_fal_validate (JsonObject *body)
{
  char *problem;
  JsonNode *duration = json_object_get_member (body, "duration");
  gboolean masks = json_object_has_member (body, "static_mask_url") ||
                   json_object_has_member (body, "dynamic_masks");

  if ((problem = check_members (body)) != NULL || (problem = check_scalars (body)) != NULL ||
      (problem = check_file (body, "image_url", TRUE)) != NULL ||
      (problem = check_file (body, "tail_image_url", FALSE)) != NULL ||
      (problem = check_file (body, "static_mask_url", FALSE)) != NULL ||
      (problem = check_dynamic_masks (body)) != NULL)
    return problem;
  if (masks && duration != NULL && g_strcmp0 (json_node_get_string (duration), "10") == 0)
    return kling_fake_fal_detail ("duration", "Motion brushes (static_mask_url, dynamic_masks) are only "
                                  "supported for 5 second videos", "value_error");
  return NULL;
}
