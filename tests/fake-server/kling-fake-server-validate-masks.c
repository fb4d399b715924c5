/* kling-fake-server-validate-masks.c — motion brush: masks and trajectories
 *
 * Motion brush excludes image_tail and camera_control, and only some models,
 * modes and durations take it. A mask is a URL, a JPEG or an 8-bit grey or
 * RGB PNG without palette or alpha, thresholded at half grey; a dynamic
 * mask must have a painted area and trajectory points inside the image, and
 * the static mask must not overlap it. Masks whose resolution does not match are accepted, and the task
 * fails later, as on the real service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-server-validate.h"

#define MAX_DYNAMIC_MASKS   6
#define MIN_POINTS          2
#define MAX_POINTS          77

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

/* Soft edges are thresholded by the service (kling-api.md §7): a pixel
 * is painted from half grey up. RGB masks count by their first channel. */
#define PAINTED(value) ((value) >= 128)

/* A mask: a URL (NULL in *mask), or base64 of a JPEG or of an 8-bit grey
 * or RGB PNG (kling-api.md §7: jpg/jpeg/png masks). */
static gboolean
load_mask (Validation  *v,
           const char  *field,
           const char  *text,
           GdkPixbuf  **mask)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  *mask = NULL;
  if (!kling_fake_decode_file (v, field, text, &bytes))
    return FALSE;
  if (bytes == NULL)
    return TRUE;

  if (!kling_fake_has_magic (bytes, PNG_MAGIC, 8) && !kling_fake_has_magic (bytes, JPEG_MAGIC, 3))
    return kling_fake_fail (v, "%s format is not supported: only jpg, jpeg and png", field);
  if (kling_fake_has_magic (bytes, PNG_MAGIC, 8) && !png_is_plain_8bit (bytes))
    return kling_fake_fail (v, "%s must be an 8-bit PNG without palette or alpha", field);
  pixbuf = kling_fake_load_pixbuf (bytes);
  if (pixbuf == NULL || gdk_pixbuf_get_has_alpha (pixbuf))
    return kling_fake_fail (v, "%s cannot be decoded", field);

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
      if (PAINTED (pixels[(gsize) y * (gsize) stride + (gsize) (x * channels)]))
        return FALSE;
  return TRUE;
}

gboolean
kling_fake_check_controls (Validation *v,
                           gboolean   *motion_brush)
{
  gboolean tail = kling_fake_get_member (v->body, "image_tail") != NULL;
  gboolean camera = kling_fake_get_member (v->body, "camera_control") != NULL;

  *motion_brush = kling_fake_get_member (v->body, "static_mask") != NULL ||
                  kling_fake_get_member (v->body, "dynamic_masks") != NULL;
  if ((tail ? 1 : 0) + (*motion_brush ? 1 : 0) + (camera ? 1 : 0) > 1)
    return kling_fake_fail (v, "Only one of image_tail, motion brush (static_mask, dynamic_masks) "
                    "and camera_control may be used in one task");
  return kling_fake_check_control_support (v, tail, *motion_brush, camera);
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
  x_node = kling_fake_get_member (point, "x");
  y_node = kling_fake_get_member (point, "y");
  if (x_node == NULL || y_node == NULL ||
      !kling_fake_node_is_type (x_node, G_TYPE_INT64) ||
      !kling_fake_node_is_type (y_node, G_TYPE_INT64))
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
    return kling_fake_fail (v, "dynamic_masks[%u].trajectories must have %d to %d points (got %u)",
                            index, MIN_POINTS, MAX_POINTS, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 x, y;

      if (!get_point (json_array_get_element (points, i), &x, &y))
        return kling_fake_fail (v, "dynamic_masks[%u].trajectories[%u] must have integer x and y",
                                index, i);
      if (x < 0 || y < 0 || (width > 0 && (x >= width || y >= height)))
        return kling_fake_fail (v, "dynamic_masks[%u].trajectories[%u] (%" G_GINT64_FORMAT ", %"
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
    return kling_fake_fail (v, "dynamic_masks[%u] must be an object", index);
  entry = json_node_get_object (node);
  mask = kling_fake_get_member (entry, "mask");
  trajectories = kling_fake_get_member (entry, "trajectories");
  if (mask == NULL || !kling_fake_node_is_type (mask, G_TYPE_STRING))
    return kling_fake_fail (v, "%s is required", field);
  if (trajectories == NULL || !JSON_NODE_HOLDS_ARRAY (trajectories))
    return kling_fake_fail (v, "dynamic_masks[%u].trajectories is required", index);
  if (!load_mask (v, field, json_node_get_string (mask), &pixbuf))
    return FALSE;
  g_ptr_array_add (v->dynamic_masks, pixbuf);
  if (pixbuf != NULL && mask_is_empty (pixbuf))
    return kling_fake_fail (v, "%s has no painted area", field);
  return check_trajectories (v, index, json_node_get_array (trajectories), 0, 0);
}

gboolean
kling_fake_check_masks (Validation *v)
{
  const char *static_mask;
  JsonNode *dynamic = kling_fake_get_member (v->body, "dynamic_masks");
  JsonArray *entries;

  if (!kling_fake_get_string (v, "static_mask", &static_mask))
    return FALSE;
  if (static_mask != NULL && !load_mask (v, "static_mask", static_mask, &v->static_mask))
    return FALSE;
  if (dynamic == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (dynamic))
    return kling_fake_fail (v, "dynamic_masks must be an array");
  entries = json_node_get_array (dynamic);
  if (json_array_get_length (entries) == 0 ||
      json_array_get_length (entries) > MAX_DYNAMIC_MASKS)
    return kling_fake_fail (v, "dynamic_masks must have 1 to %d entries (got %u)",
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
      if (PAINTED (pa[(gsize) y * (gsize) sa + (gsize) (x * ca)]) &&
          PAINTED (pb[(gsize) y * (gsize) sb + (gsize) (x * cb)]))
        return TRUE;
  return FALSE;
}

/* Masks against the image and each other. A resolution mismatch is
 * accepted and makes the task fail later, as on the real service. */
gboolean
kling_fake_check_mask_geometry (Validation *v)
{
  GPtrArray *all = g_ptr_array_new ();
  int width = v->image_width, height = v->image_height;
  gboolean mismatch = FALSE;
  JsonNode *dynamic = kling_fake_get_member (v->body, "dynamic_masks");

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
        return kling_fake_fail (v, "static_mask overlaps dynamic_masks[%u].mask: the static area "
                        "must not include a dynamic area", i);
    }
  return TRUE;
}
