/* kling-fake-server-validate.c — the create body, checked as the real service does
 *
 * Every rule of kling-api.md §2 answers 1201 with a message naming the
 * field. Masks whose resolution does not match are the exception, as on the
 * real service: the task is accepted and fails later.
 * JSON null counts as absent, as in the real service's JSON decoding.
 *
 * This file holds the entry point, the JSON helpers the checks share and
 * the rules for texts, options, camera control and external_task_id;
 * kling-fake-server-validate-model.c checks what each model takes,
 * kling-fake-server-validate-image.c the images and
 * kling-fake-server-validate-masks.c the motion brush.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "kling-fake-server-validate.h"

#define CODE_INVALID        1201
#define MAX_TEXT_CHARS      2500
#define MAX_CAMERA_VALUE    10.0

static const char *const camera_types[] = {
  "simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", NULL,
};

static const char *const camera_axes[] = {
  "horizontal", "vertical", "pan", "tilt", "roll", "zoom", NULL,
};

/* Records the first problem; always returns FALSE so that checks can
 * `return kling_fake_fail (…)`. */
gboolean
kling_fake_fail (Validation *v,
                 const char *format,
                 ...)
{
  va_list args;

  if (v->message == NULL)
    {
      va_start (args, format);
      v->message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

static gboolean
in_list (const char *const *list,
         const char        *value)
{
  return value != NULL && g_strv_contains (list, value);
}

JsonNode *
kling_fake_get_member (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

gboolean
kling_fake_node_is_type (JsonNode *node,
                         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_number (JsonNode *node)
{
  return kling_fake_node_is_type (node, G_TYPE_INT64) ||
         kling_fake_node_is_type (node, G_TYPE_DOUBLE);
}

/* An optional string member: TRUE with *value NULL when absent. */
gboolean
kling_fake_get_string (Validation  *v,
                       const char  *name,
                       const char **value)
{
  JsonNode *node = kling_fake_get_member (v->body, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!kling_fake_node_is_type (node, G_TYPE_STRING))
    return kling_fake_fail (v, "%s must be a string", name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_text (Validation *v,
            const char *name)
{
  const char *text;

  if (!kling_fake_get_string (v, name, &text))
    return FALSE;
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    return kling_fake_fail (v, "%s is too long: at most %d characters", name, MAX_TEXT_CHARS);
  return TRUE;
}

static gboolean
check_options (Validation *v)
{
  JsonNode *cfg_scale = kling_fake_get_member (v->body, "cfg_scale");
  const char *aspect_ratio;
  const char *callback_url;
  static const char *const ratios[] = { "16:9", "9:16", "1:1", NULL };

  if (cfg_scale != NULL)
    {
      double value;

      /* Every model takes it; from v2 on it is ignored (kling-api.md §7). */
      if (!node_is_number (cfg_scale))
        return kling_fake_fail (v, "cfg_scale must be a number");
      value = json_node_get_double (cfg_scale);
      if (value < 0.0 || value > 1.0)
        return kling_fake_fail (v, "cfg_scale must be between 0 and 1");
    }

  if (!kling_fake_get_string (v, "aspect_ratio", &aspect_ratio))
    return FALSE;
  if (aspect_ratio != NULL && !in_list (ratios, aspect_ratio))
    return kling_fake_fail (v, "aspect_ratio is invalid, it must be one of 16:9, 9:16, 1:1");

  if (!kling_fake_get_string (v, "callback_url", &callback_url))
    return FALSE;
  if (callback_url != NULL && !g_str_has_prefix (callback_url, "http://") &&
      !g_str_has_prefix (callback_url, "https://"))
    return kling_fake_fail (v, "callback_url is invalid");
  return TRUE;
}

static gboolean
check_external_task_id (Validation *v)
{
  const char *external_task_id;

  if (!kling_fake_get_string (v, "external_task_id", &external_task_id))
    return FALSE;
  if (external_task_id == NULL || *external_task_id == '\0')
    return TRUE;
  if (kling_fake_server_find_external (v->self, external_task_id) != NULL)
    return kling_fake_fail (v, "external_task_id already exists");
  v->create->external_task_id = external_task_id;
  return TRUE;
}

static gboolean
check_camera_config (Validation *v,
                     JsonObject *config)
{
  guint non_zero = 0;
  g_autoptr(GList) names = json_object_get_members (config);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (config, l->data);
      double value;

      if (!in_list (camera_axes, l->data))
        return kling_fake_fail (v, "camera_control.config.%s is not a known field",
                                (const char *) l->data);
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!node_is_number (node))
        return kling_fake_fail (v, "camera_control.config.%s must be a number",
                                (const char *) l->data);
      value = json_node_get_double (node);
      if (value < -MAX_CAMERA_VALUE || value > MAX_CAMERA_VALUE)
        return kling_fake_fail (v, "camera_control.config.%s must be between -10 and 10",
                                (const char *) l->data);
      if (value != 0.0)
        non_zero++;
    }
  if (non_zero != 1)
    return kling_fake_fail (v, "camera_control.config must have exactly one non-zero value among "
                    "horizontal, vertical, pan, tilt, roll and zoom");
  return TRUE;
}

static gboolean
check_camera (Validation *v)
{
  JsonNode *node = kling_fake_get_member (v->body, "camera_control");
  JsonObject *camera;
  JsonNode *type, *config;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kling_fake_fail (v, "camera_control must be an object");
  camera = json_node_get_object (node);
  type = kling_fake_get_member (camera, "type");
  config = kling_fake_get_member (camera, "config");
  if (type == NULL || !kling_fake_node_is_type (type, G_TYPE_STRING) ||
      !in_list (camera_types, json_node_get_string (type)))
    return kling_fake_fail (v, "camera_control.type is invalid");

  /* The presets are text-to-video only. */
  if (g_strcmp0 (json_node_get_string (type), "simple") != 0)
    return kling_fake_fail (v, "camera_control.type %s is not supported by image-to-video: "
                               "only simple", json_node_get_string (type));
  if (config == NULL || !JSON_NODE_HOLDS_OBJECT (config))
    return kling_fake_fail (v, "camera_control.config is required when type is simple");
  return check_camera_config (v, json_node_get_object (config));
}

static gboolean
run_checks (Validation *v)
{
  gboolean motion_brush;

  return kling_fake_check_model (v) &&
         check_text (v, "prompt") &&
         check_text (v, "negative_prompt") &&
         check_options (v) &&
         kling_fake_check_picture (v, "image", TRUE) &&
         kling_fake_check_picture (v, "image_tail", FALSE) &&
         kling_fake_check_controls (v, &motion_brush) &&
         (!motion_brush || (kling_fake_check_masks (v) && kling_fake_check_mask_geometry (v))) &&
         check_camera (v) &&
         kling_fake_check_sound (v) &&
         check_external_task_id (v);
}

static void
pixbuf_unref_nullable (gpointer pixbuf)
{
  if (pixbuf != NULL)
    g_object_unref (pixbuf);
}

int
kling_fake_server_validate_create (KlingFakeServer  *self,
                                   JsonNode         *root,
                                   KlingFakeCreate  *create,
                                   char            **message)
{
  Validation v = { 0 };
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *message = g_strdup ("Request body must be a JSON object");
      return 1200;
    }

  v.self = self;
  v.body = json_node_get_object (root);
  v.create = create;
  create->root = root;
  v.dynamic_masks = g_ptr_array_new_with_free_func (pixbuf_unref_nullable);
  ok = run_checks (&v);

  g_clear_object (&v.static_mask);
  g_ptr_array_unref (v.dynamic_masks);
  if (ok)
    return 0;

  g_clear_pointer (&create->fail_message, g_free);
  *message = v.message;
  return CODE_INVALID;
}

void
kling_fake_create_clear (KlingFakeCreate *create)
{
  g_clear_pointer (&create->fail_message, g_free);
  g_clear_pointer (&create->files, g_hash_table_unref);
  g_clear_pointer (&create->urls, g_hash_table_unref);
}

/* Puts the fetched bytes of @field back into @body as base64. */
static void
replace_with_base64 (JsonObject *body,
                     const char *field,
                     GBytes     *bytes)
{
  g_autofree char *text = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  JsonNode *dynamic = kling_fake_get_member (body, "dynamic_masks");
  guint index;

  if (sscanf (field, "dynamic_masks[%u].mask", &index) == 1)
    {
      if (dynamic != NULL && JSON_NODE_HOLDS_ARRAY (dynamic) &&
          index < json_array_get_length (json_node_get_array (dynamic)))
        json_object_set_string_member (json_array_get_object_element (json_node_get_array (dynamic),
                                                                      index),
                                       "mask", text);
    }
  else
    json_object_set_string_member (body, field, text);
}

/* The checks of the pictures, as if every URL had come as base64: a
 * fetched file that is not a usable picture fails the task with the
 * message its base64 would have had at create. */
char *
kling_fake_server_check_fetched (KlingFakeServer *self,
                                 KlingFakeTask   *task)
{
  g_autoptr(JsonNode) root = json_node_copy (task->body);
  KlingFakeCreate create = { 0 };
  Validation v = { 0 };
  GHashTableIter iter;
  gpointer field;
  char *reason;

  v.self = self;
  v.body = json_node_get_object (root);
  v.create = &create;
  v.dynamic_masks = g_ptr_array_new_with_free_func (pixbuf_unref_nullable);
  g_hash_table_iter_init (&iter, task->urls);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    replace_with_base64 (v.body, field, kling_fake_task_get_file (task, field));

  if (kling_fake_check_picture (&v, "image", TRUE) &&
      kling_fake_check_picture (&v, "image_tail", FALSE) &&
      (kling_fake_get_member (v.body, "static_mask") != NULL ||
       kling_fake_get_member (v.body, "dynamic_masks") != NULL) &&
      kling_fake_check_masks (&v))
    kling_fake_check_mask_geometry (&v);

  g_clear_object (&v.static_mask);
  g_ptr_array_unref (v.dynamic_masks);
  reason = v.message != NULL ? v.message : g_steal_pointer (&create.fail_message);
  kling_fake_create_clear (&create);
  return reason;
}
