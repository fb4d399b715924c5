/* kling-fake-server-validate.c — the create body, checked as the real service does
 *
 * Every rule of kling-api.md §2 answers 1201 with a message naming the
 * field. Masks whose resolution does not match are the exception, as on the
 * real service: the task is accepted and fails later.
 * JSON null counts as absent, as in the real service's JSON decoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "kling-fake-server-private.h"

#define CODE_INVALID        1201
#define MAX_TEXT_CHARS      2500
#define MAX_FILE_SIZE       (10 * 1024 * 1024)
#define MIN_IMAGE_SIDE      300
#define MAX_DYNAMIC_MASKS   6
#define MIN_POINTS          2
#define MAX_POINTS          77
#define MAX_CAMERA_VALUE    10.0

static const char *const model_names[] = {
  "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1",
  "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3", NULL,
};

/* Only the v1 family takes cfg_scale; v2.x and later refuse it. */
static const char *const cfg_scale_models[] = {
  "kling-v1", "kling-v1-5", "kling-v1-6", NULL,
};

static const char *const camera_types[] = {
  "simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", NULL,
};

static const char *const camera_axes[] = {
  "horizontal", "vertical", "pan", "tilt", "roll", "zoom", NULL,
};

typedef struct {
  KlingFakeServer *self;
  JsonObject      *body;
  KlingFakeCreate *create;
  char            *message;
  int              image_width;     /* 0 while unknown (an image URL) */
  int              image_height;
  GdkPixbuf       *static_mask;     /* NULL: absent or a URL */
  GPtrArray       *dynamic_masks;   /* GdkPixbuf, or NULL for a URL */
} Validation;

static gboolean fail (Validation *v,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

/* Records the first problem; always returns FALSE so that checks can
 * `return fail (…)`. */
static gboolean
fail (Validation *v,
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

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node_is_type (node, G_TYPE_INT64) || node_is_type (node, G_TYPE_DOUBLE);
}

/* An optional string member: TRUE with *value NULL when absent. */
static gboolean
get_string (Validation  *v,
            const char  *name,
            const char **value)
{
  JsonNode *node = get_member (v->body, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_type (node, G_TYPE_STRING))
    return fail (v, "%s must be a string", name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_model_mode_duration (Validation *v)
{
  KlingFakeCreate *create = v->create;
  JsonNode *duration = get_member (v->body, "duration");

  if (!get_string (v, "model_name", &create->model_name))
    return FALSE;
  if (create->model_name == NULL)
    create->model_name = "kling-v1";
  if (!in_list (model_names, create->model_name))
    return fail (v, "model_name is invalid");

  if (!get_string (v, "mode", &create->mode))
    return FALSE;
  if (create->mode == NULL)
    create->mode = "std";
  if (g_strcmp0 (create->mode, "std") != 0 && g_strcmp0 (create->mode, "pro") != 0)
    return fail (v, "mode is invalid, it must be \"std\" or \"pro\"");

  /* The seed script's integer duration is refused. */
  if (duration != NULL && !node_is_type (duration, G_TYPE_STRING))
    return fail (v, "duration must be a string: \"5\" or \"10\"");
  create->duration = duration != NULL ? json_node_get_string (duration) : "5";
  if (g_strcmp0 (create->duration, "5") != 0 && g_strcmp0 (create->duration, "10") != 0)
    return fail (v, "duration is invalid, it must be \"5\" or \"10\"");
  return TRUE;
}

static gboolean
check_text (Validation *v,
            const char *name)
{
  const char *text;

  if (!get_string (v, name, &text))
    return FALSE;
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    return fail (v, "%s is too long: at most %d characters", name, MAX_TEXT_CHARS);
  return TRUE;
}

static gboolean
check_options (Validation *v)
{
  JsonNode *cfg_scale = get_member (v->body, "cfg_scale");
  const char *aspect_ratio;
  const char *callback_url;
  static const char *const ratios[] = { "16:9", "9:16", "1:1", NULL };

  if (cfg_scale != NULL)
    {
      double value;

      if (!node_is_number (cfg_scale))
        return fail (v, "cfg_scale must be a number");
      if (!in_list (cfg_scale_models, v->create->model_name))
        return fail (v, "cfg_scale is not supported by model_name %s", v->create->model_name);
      value = json_node_get_double (cfg_scale);
      if (value < 0.0 || value > 1.0)
        return fail (v, "cfg_scale must be between 0 and 1");
    }

  if (!get_string (v, "aspect_ratio", &aspect_ratio))
    return FALSE;
  if (aspect_ratio != NULL && !in_list (ratios, aspect_ratio))
    return fail (v, "aspect_ratio is invalid, it must be one of 16:9, 9:16, 1:1");

  if (!get_string (v, "callback_url", &callback_url))
    return FALSE;
  if (callback_url != NULL && !g_str_has_prefix (callback_url, "http://") &&
      !g_str_has_prefix (callback_url, "https://"))
    return fail (v, "callback_url is invalid");
  return TRUE;
}

static gboolean
check_external_task_id (Validation *v)
{
  const char *external_task_id;

  if (!get_string (v, "external_task_id", &external_task_id))
    return FALSE;
  if (external_task_id == NULL || *external_task_id == '\0')
    return TRUE;
  if (kling_fake_server_find_external (v->self, external_task_id) != NULL)
    return fail (v, "external_task_id already exists");
  v->create->external_task_id = external_task_id;
  return TRUE;
}

/* Strict base64: the standard alphabet, padded to a multiple of 4, no
 * whitespace (g_base64_decode alone would skip junk silently). */
static GBytes *
decode_base64_strictly (const char *text)
{
  gsize length = strlen (text);
  guchar *data;
  gsize size;

  if (length == 0 || length % 4 != 0)
    return NULL;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < length - 2 || (i == length - 2 && text[length - 1] != '='))
            return NULL;
        }
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return NULL;
    }
  data = g_base64_decode (text, &size);
  return g_bytes_new_take (data, size);
}

static gboolean
is_url (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://");
}

/* An image or mask field: a URL (accepted as given, *bytes NULL) or raw base64. */
static gboolean
decode_file (Validation  *v,
             const char  *field,
             const char  *text,
             GBytes     **bytes)
{
  *bytes = NULL;
  if (is_url (text))
    return TRUE;
  if (*text == '\0')
    return fail (v, "%s must not be empty", field);
  *bytes = decode_base64_strictly (text);
  if (*bytes == NULL)
    return fail (v, "File is not in a valid base64 format");
  if (g_bytes_get_size (*bytes) > MAX_FILE_SIZE)
    return fail (v, "%s is too large: at most 10MB", field);
  return TRUE;
}

static gboolean
has_magic (GBytes     *bytes,
           const char *magic,
           gsize       magic_len)
{
  return g_bytes_get_size (bytes) >= magic_len &&
         memcmp (g_bytes_get_data (bytes, NULL), magic, magic_len) == 0;
}

#define PNG_MAGIC  "\x89PNG\r\n\x1a\n"
#define JPEG_MAGIC "\xff\xd8\xff"

static GdkPixbuf *
load_pixbuf (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gboolean written = gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  /* Always close: a loader finalized open complains. */
  gboolean closed = gdk_pixbuf_loader_close (loader, NULL);
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (!written || !closed || pixbuf == NULL)
    return NULL;
  return g_object_ref (pixbuf);
}

static gboolean
check_picture (Validation *v,
               const char *field,
               gboolean    required)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const char *text;
  int width, height;

  if (!get_string (v, field, &text))
    return FALSE;
  if (text == NULL)
    return required ? fail (v, "%s is required", field) : TRUE;
  if (!decode_file (v, field, text, &bytes))
    return FALSE;
  if (bytes == NULL)
    return TRUE;

  if (!has_magic (bytes, PNG_MAGIC, 8) && !has_magic (bytes, JPEG_MAGIC, 3))
    return fail (v, "%s format is not supported: only jpg, jpeg and png", field);
  pixbuf = load_pixbuf (bytes);
  if (pixbuf == NULL)
    return fail (v, "%s cannot be decoded", field);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE)
    return fail (v, "%s is too small (%dx%d): each side must be at least %d px",
                 field, width, height, MIN_IMAGE_SIDE);
  if (2 * width > 5 * height || 2 * height > 5 * width)
    return fail (v, "%s aspect ratio (%dx%d) must be between 1:2.5 and 2.5:1",
                 field, width, height);

  if (g_strcmp0 (field, "image") == 0)
    {
      v->image_width = width;
      v->image_height = height;
    }
  return TRUE;
}

/* Walks the PNG chunks: IHDR must say 8-bit grey (0) or RGB (2), and no
 * PLTE or tRNS may follow (no palette, no transparency). */
static gboolean
png_is_plain_8bit (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize pos = 8;

  if (size < 8 + 25 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  if (data[24] != 8 || (data[25] != 0 && data[25] != 2))
    return FALSE;

  while (pos + 12 <= size)
    {
      guint32 length;
      const guint8 *type = data + pos + 4;

      memcpy (&length, data + pos, 4);
      length = GUINT32_FROM_BE (length);
      if (memcmp (type, "PLTE", 4) == 0 || memcmp (type, "tRNS", 4) == 0)
        return FALSE;
      if (memcmp (type, "IEND", 4) == 0 || length > size - pos - 12)
        break;
      pos += 12 + (gsize) length;
    }
  return TRUE;
}

static gboolean
pixels_are_black_and_white (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * (gsize) stride;

      for (int x = 0; x < width; x++, p += channels)
        {
          if ((p[0] != 0 && p[0] != 255) || p[1] != p[0] || p[2] != p[0])
            return FALSE;
        }
    }
  return TRUE;
}

/* A mask: a URL (NULL in *mask) or a base64 8-bit PNG of 0 and 255. */
static gboolean
load_mask (Validation  *v,
           const char  *field,
           const char  *text,
           GdkPixbuf  **mask)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  *mask = NULL;
  if (!decode_file (v, field, text, &bytes))
    return FALSE;
  if (bytes == NULL)
    return TRUE;

  if (!has_magic (bytes, PNG_MAGIC, 8))
    return fail (v, "%s must be a PNG image", field);
  if (!png_is_plain_8bit (bytes))
    return fail (v, "%s must be an 8-bit PNG without palette or alpha", field);
  pixbuf = load_pixbuf (bytes);
  if (pixbuf == NULL || gdk_pixbuf_get_has_alpha (pixbuf))
    return fail (v, "%s cannot be decoded", field);
  if (!pixels_are_black_and_white (pixbuf))
    return fail (v, "%s must contain only the values 0 and 255", field);

  *mask = g_steal_pointer (&pixbuf);
  return TRUE;
}

static gboolean
mask_is_empty (GdkPixbuf *mask)
{
  int width = gdk_pixbuf_get_width (mask);
  int height = gdk_pixbuf_get_height (mask);
  int stride = gdk_pixbuf_get_rowstride (mask);
  int channels = gdk_pixbuf_get_n_channels (mask);
  const guint8 *pixels = gdk_pixbuf_read_pixels (mask);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixels[(gsize) y * (gsize) stride + (gsize) (x * channels)] != 0)
        return FALSE;
  return TRUE;
}

static gboolean
check_controls (Validation *v,
                gboolean   *motion_brush)
{
  gboolean tail = get_member (v->body, "image_tail") != NULL;
  gboolean camera = get_member (v->body, "camera_control") != NULL;
  const KlingFakeCreate *c = v->create;
  gboolean supported;

  *motion_brush = get_member (v->body, "static_mask") != NULL ||
                  get_member (v->body, "dynamic_masks") != NULL;
  if ((tail ? 1 : 0) + (*motion_brush ? 1 : 0) + (camera ? 1 : 0) > 1)
    return fail (v, "Only one of image_tail, motion brush (static_mask, dynamic_masks) "
                    "and camera_control may be used in one task");
  if (!*motion_brush)
    return TRUE;

  supported = g_strcmp0 (c->duration, "5") == 0 &&
              (g_strcmp0 (c->model_name, "kling-v1") == 0 ||
               (g_strcmp0 (c->model_name, "kling-v1-5") == 0 && g_strcmp0 (c->mode, "pro") == 0));
  if (!supported)
    return fail (v, "motion brush (static_mask, dynamic_masks) is not supported by "
                    "model_name %s with mode %s and duration %s",
                 c->model_name, c->mode, c->duration);
  return TRUE;
}

static gboolean
get_point (JsonNode *node,
           gint64   *x,
           gint64   *y)
{
  JsonObject *point;
  JsonNode *x_node, *y_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  point = json_node_get_object (node);
  x_node = get_member (point, "x");
  y_node = get_member (point, "y");
  if (x_node == NULL || y_node == NULL ||
      !node_is_type (x_node, G_TYPE_INT64) || !node_is_type (y_node, G_TYPE_INT64))
    return FALSE;
  *x = json_node_get_int (x_node);
  *y = json_node_get_int (y_node);
  return TRUE;
}

/* Points are in the input image's pixel grid; @width 0 means unknown. */
static gboolean
check_trajectories (Validation *v,
                    guint       index,
                    JsonArray  *points,
                    int         width,
                    int         height)
{
  guint n = json_array_get_length (points);

  if (n < MIN_POINTS || n > MAX_POINTS)
    return fail (v, "dynamic_masks[%u].trajectories must have %d to %d points (got %u)",
                 index, MIN_POINTS, MAX_POINTS, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 x, y;

      if (!get_point (json_array_get_element (points, i), &x, &y))
        return fail (v, "dynamic_masks[%u].trajectories[%u] must have integer x and y", index, i);
      if (x < 0 || y < 0 || (width > 0 && (x >= width || y >= height)))
        return fail (v, "dynamic_masks[%u].trajectories[%u] (%" G_GINT64_FORMAT ", %"
                        G_GINT64_FORMAT ") is outside the image",
                     index, i, x, y);
    }
  return TRUE;
}

static gboolean
check_dynamic_entry (Validation *v,
                     guint       index,
                     JsonNode   *node)
{
  g_autofree char *field = g_strdup_printf ("dynamic_masks[%u].mask", index);
  JsonObject *entry;
  JsonNode *mask, *trajectories;
  GdkPixbuf *pixbuf = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (v, "dynamic_masks[%u] must be an object", index);
  entry = json_node_get_object (node);
  mask = get_member (entry, "mask");
  trajectories = get_member (entry, "trajectories");
  if (mask == NULL || !node_is_type (mask, G_TYPE_STRING))
    return fail (v, "%s is required", field);
  if (trajectories == NULL || !JSON_NODE_HOLDS_ARRAY (trajectories))
    return fail (v, "dynamic_masks[%u].trajectories is required", index);
  if (!load_mask (v, field, json_node_get_string (mask), &pixbuf))
    return FALSE;
  g_ptr_array_add (v->dynamic_masks, pixbuf);
  if (pixbuf != NULL && mask_is_empty (pixbuf))
    return fail (v, "%s has no painted area", field);
  return check_trajectories (v, index, json_node_get_array (trajectories), 0, 0);
}

static gboolean
check_masks (Validation *v)
{
  const char *static_mask;
  JsonNode *dynamic = get_member (v->body, "dynamic_masks");
  JsonArray *entries;

  if (!get_string (v, "static_mask", &static_mask))
    return FALSE;
  if (static_mask != NULL && !load_mask (v, "static_mask", static_mask, &v->static_mask))
    return FALSE;
  if (dynamic == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (dynamic))
    return fail (v, "dynamic_masks must be an array");
  entries = json_node_get_array (dynamic);
  if (json_array_get_length (entries) == 0 ||
      json_array_get_length (entries) > MAX_DYNAMIC_MASKS)
    return fail (v, "dynamic_masks must have 1 to %d entries (got %u)",
                 MAX_DYNAMIC_MASKS, json_array_get_length (entries));
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (!check_dynamic_entry (v, i, json_array_get_element (entries, i)))
      return FALSE;
  return TRUE;
}

static gboolean
same_size (GdkPixbuf *pixbuf,
           int        width,
           int        height)
{
  return gdk_pixbuf_get_width (pixbuf) == width && gdk_pixbuf_get_height (pixbuf) == height;
}

static gboolean
masks_overlap (GdkPixbuf *a,
               GdkPixbuf *b)
{
  int width = gdk_pixbuf_get_width (a);
  int height = gdk_pixbuf_get_height (a);
  const guint8 *pa = gdk_pixbuf_read_pixels (a);
  const guint8 *pb = gdk_pixbuf_read_pixels (b);
  int sa = gdk_pixbuf_get_rowstride (a), sb = gdk_pixbuf_get_rowstride (b);
  int ca = gdk_pixbuf_get_n_channels (a), cb = gdk_pixbuf_get_n_channels (b);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pa[(gsize) y * (gsize) sa + (gsize) (x * ca)] != 0 &&
          pb[(gsize) y * (gsize) sb + (gsize) (x * cb)] != 0)
        return TRUE;
  return FALSE;
}

/* Masks against the image and each other. A resolution mismatch is
 * accepted and makes the task fail later, as on the real service. */
static gboolean
check_mask_geometry (Validation *v)
{
  GPtrArray *all = g_ptr_array_new ();
  int width = v->image_width, height = v->image_height;
  gboolean mismatch = FALSE;
  JsonNode *dynamic = get_member (v->body, "dynamic_masks");

  if (v->static_mask != NULL)
    g_ptr_array_add (all, v->static_mask);
  for (guint i = 0; i < v->dynamic_masks->len; i++)
    if (g_ptr_array_index (v->dynamic_masks, i) != NULL)
      g_ptr_array_add (all, g_ptr_array_index (v->dynamic_masks, i));

  for (guint i = 0; i < all->len; i++)
    {
      GdkPixbuf *mask = g_ptr_array_index (all, i);

      if (width == 0)
        {
          width = gdk_pixbuf_get_width (mask);
          height = gdk_pixbuf_get_height (mask);
        }
      mismatch |= !same_size (mask, width, height);
    }
  g_ptr_array_unref (all);

  if (mismatch)
    {
      v->create->fail_message = g_strdup ("The masks do not match the image: static_mask and "
                                          "dynamic_masks must have the image's resolution");
      return TRUE;
    }

  for (guint i = 0; dynamic != NULL && i < v->dynamic_masks->len; i++)
    {
      GdkPixbuf *mask = g_ptr_array_index (v->dynamic_masks, i);
      JsonObject *entry = json_array_get_object_element (json_node_get_array (dynamic), i);

      if (!check_trajectories (v, i, json_object_get_array_member (entry, "trajectories"),
                               width, height))
        return FALSE;
      if (mask != NULL && v->static_mask != NULL && masks_overlap (v->static_mask, mask))
        return fail (v, "static_mask overlaps dynamic_masks[%u].mask: the static area "
                        "must not include a dynamic area", i);
    }
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
        return fail (v, "camera_control.config.%s is not a known field", (const char *) l->data);
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!node_is_number (node))
        return fail (v, "camera_control.config.%s must be a number", (const char *) l->data);
      value = json_node_get_double (node);
      if (value < -MAX_CAMERA_VALUE || value > MAX_CAMERA_VALUE)
        return fail (v, "camera_control.config.%s must be between -10 and 10",
                     (const char *) l->data);
      if (value != 0.0)
        non_zero++;
    }
  if (non_zero != 1)
    return fail (v, "camera_control.config must have exactly one non-zero value among "
                    "horizontal, vertical, pan, tilt, roll and zoom");
  return TRUE;
}

static gboolean
check_camera (Validation *v)
{
  JsonNode *node = get_member (v->body, "camera_control");
  JsonObject *camera;
  JsonNode *type, *config;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (v, "camera_control must be an object");
  camera = json_node_get_object (node);
  type = get_member (camera, "type");
  config = get_member (camera, "config");
  if (type == NULL || !node_is_type (type, G_TYPE_STRING) ||
      !in_list (camera_types, json_node_get_string (type)))
    return fail (v, "camera_control.type is invalid");

  if (g_strcmp0 (json_node_get_string (type), "simple") != 0)
    {
      if (config != NULL)
        return fail (v, "camera_control.config must be empty when type is %s",
                     json_node_get_string (type));
      return TRUE;
    }
  if (config == NULL || !JSON_NODE_HOLDS_OBJECT (config))
    return fail (v, "camera_control.config is required when type is simple");
  return check_camera_config (v, json_node_get_object (config));
}

static gboolean
run_checks (Validation *v)
{
  gboolean motion_brush;

  return check_model_mode_duration (v) &&
         check_text (v, "prompt") &&
         check_text (v, "negative_prompt") &&
         check_options (v) &&
         check_picture (v, "image", TRUE) &&
         check_picture (v, "image_tail", FALSE) &&
         check_controls (v, &motion_brush) &&
         (!motion_brush || (check_masks (v) && check_mask_geometry (v))) &&
         check_camera (v) &&
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
