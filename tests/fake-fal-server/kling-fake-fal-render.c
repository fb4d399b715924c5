/* kling-fake-fal-render.c — what of a fal request the Kling fake's renderer draws
 *
 * Each request's clip is the artist's picture moving, as the fake Kling
 * server renders its tasks (kling-fake-render.h): the same code, so the
 * offline fal path shows what the editor's preview shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kling-fake-fal-private.h"

/* The bytes of a base64 data: URI; NULL for a URL. */
static GBytes *
data_uri_bytes (const char *uri)
{
  const char *comma = uri != NULL && g_str_has_prefix (uri, "data:") ? strchr (uri, ',') : NULL;
  gsize length = 0;
  guchar *bytes;

  if (comma == NULL)
    return NULL;
  bytes = g_base64_decode (comma + 1, &length);
  return g_bytes_new_take (bytes, length);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* What the Kling fake renders, from a validated body: the picture and masks
 * from their data: URIs, the paths as sent. %NULL with @failure (the
 * result's 422 body) for a file given as a URL: this fake fetches nothing. */
KlingFakeRender *
kling_fake_fal_render_of (JsonObject  *body,
                          char       **failure)
{
  g_autoptr(GBytes) image = data_uri_bytes (member_string (body, "image_url"));
  g_autoptr(GBytes) still = data_uri_bytes (member_string (body, "static_mask_url"));
  JsonArray *masks = json_object_has_member (body, "dynamic_masks")
                     ? json_object_get_array_member (body, "dynamic_masks") : NULL;
  const char *duration = member_string (body, "duration");
  g_autoptr(KlingFakeRender) render = NULL;

  if (image == NULL || (still == NULL && member_string (body, "static_mask_url") != NULL))
    goto fetch;
  render = kling_fake_render_new (image, still, g_ascii_strtod (duration != NULL ? duration : "5", NULL),
                                  kling_fake_server_default_short_side ());
  for (guint i = 0; masks != NULL && i < json_array_get_length (masks); i++)
    {
      JsonObject *entry = json_array_get_object_element (masks, i);
      g_autoptr(GBytes) mask = data_uri_bytes (member_string (entry, "mask_url"));
      g_autoptr(GArray) path = kling_fake_render_path_from_json (json_object_get_array_member (entry, "trajectories"));

      if (mask == NULL)
        goto fetch;
      kling_fake_render_add_region (render, mask, path);
    }
  return g_steal_pointer (&render);

fetch:
  *failure = kling_fake_fal_detail (NULL, "File could not be downloaded (the fake fal server fetches no URL)",
                                    "file_download_error");
  return NULL;
}
