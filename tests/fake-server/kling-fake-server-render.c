/* kling-fake-server-render.c — the clip a task answers with: the picture it
 * was sent, its dynamic regions moving along their trajectories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This is the one place the fake shares code with src/core: the motion
 * renderer (src/core/motion). The fake checks requests with its own code so
 * that a mistake in the client's checks shows up against it; but what a set
 * of paths *looks like* is no contract Kling documents, and a second
 * renderer here would only be a second guess. Sharing it means the offline
 * path shows the artist the same motion the editor's preview shows.
 *
 * A task renders once its pictures are all there (at create for base64, once
 * fetched for URLs), in a worker thread; it stays "processing" until its
 * clip is ready, as a real generation does.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "kling-fake-render.h"
#include "kling-fake-server-private.h"
#include "kling-motion-encode.h"

/* Kling's clips are 720p or 1080p (kling-api.md §5); which model and mode
 * give which is not documented, so the short side is 720. */
#define DEFAULT_SHORT_SIDE 720
/* A clip of "5" seconds lasts 5.066 s, as the duration the fake reports. */
#define EXTRA_SECONDS 0.066

struct _KlingFakeRender {
  GBytes    *image;
  GBytes    *static_mask;            /* nullable */
  GPtrArray *dynamic_masks;          /* GBytes */
  GPtrArray *paths;                  /* GArray of KlingApiPoint, one per mask */
  double     duration;
  int        short_side;
};

typedef KlingFakeRender RenderJob;

KlingFakeRender *
kling_fake_render_new (GBytes *image,
                       GBytes *static_mask,
                       double  duration,
                       int     short_side)
{
  KlingFakeRender *self = g_new0 (KlingFakeRender, 1);

  self->image = g_bytes_ref (image);
  self->static_mask = static_mask != NULL ? g_bytes_ref (static_mask) : NULL;
  self->dynamic_masks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->duration = duration;
  self->short_side = short_side;
  return self;
}

void
kling_fake_render_add_region (KlingFakeRender *self,
                              GBytes          *mask,
                              GArray          *api_path)
{
  g_ptr_array_add (self->dynamic_masks, g_bytes_ref (mask));
  g_ptr_array_add (self->paths, g_array_ref (api_path));
}

void
kling_fake_render_free (KlingFakeRender *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->image, g_bytes_unref);
  g_clear_pointer (&self->static_mask, g_bytes_unref);
  g_clear_pointer (&self->dynamic_masks, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_free (self);
}

GArray *
kling_fake_render_path_from_json (JsonArray *points)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (KlingApiPoint));

  for (guint k = 0; k < json_array_get_length (points); k++)
    {
      JsonObject *point = json_array_get_object_element (points, k);
      KlingApiPoint p = { (int) json_object_get_int_member (point, "x"),
                          (int) json_object_get_int_member (point, "y") };

      g_array_append_val (path, p);
    }
  return path;
}

int
kling_fake_server_default_short_side (void)
{
  const char *env = g_getenv ("KLING_FAKE_VIDEO_SHORT_SIDE");
  gint64 value = env != NULL ? g_ascii_strtoll (env, NULL, 10) : 0;

  return value >= 16 && value <= 4320 ? (int) value : DEFAULT_SHORT_SIDE;
}

/**
 * kling_fake_clip_size:
 *
 * The clip's size for a @width × @height picture: its aspect ratio, the
 * short side @short_side, both sides even (4:2:0 video).
 */
void
kling_fake_clip_size (int  width,
                      int  height,
                      int  short_side,
                      int *clip_width,
                      int *clip_height)
{
  double scale = (double) short_side / MIN (width, height);

  *clip_width = MAX (2, (int) lround (width * scale / 2) * 2);
  *clip_height = MAX (2, (int) lround (height * scale / 2) * 2);
}

/* Keeps each dynamic mask's trajectory (API points: bottom-left origin)
 * from the validated create body. */
void
kling_fake_task_keep_paths (KlingFakeTask *task,
                            JsonNode      *root)
{
  JsonObject *body = json_node_get_object (root);
  JsonArray *entries;

  task->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (!json_object_has_member (body, "dynamic_masks"))
    return;
  entries = json_object_get_array_member (body, "dynamic_masks");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonArray *points = json_object_get_array_member (json_array_get_object_element (entries, i),
                                                        "trajectories");

      g_ptr_array_add (task->paths, kling_fake_render_path_from_json (points));
    }
}

static GdkPixbuf *
decode (GBytes  *bytes,
        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  return g_object_ref (pixbuf);
}

/* Masks may be grey or RGB PNG or JPEG; Kling thresholds soft edges, as
 * the renderer does (from 128 up). */
static KlingMask *
decode_mask (GBytes  *bytes,
             GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = decode (bytes, error);
  KlingMask *mask;
  const guint8 *pixels;
  int stride, channels;

  if (pixbuf == NULL)
    return NULL;
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  mask = kling_mask_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      if (pixels[(gsize) y * stride + (gsize) x * channels] >= KLING_MASK_PAINTED)
        kling_mask_set_value (mask, x, y, 255);
  return mask;
}

static KlingMotionScene *
build_scene (RenderJob  *job,
             GError    **error)
{
  g_autoptr(GdkPixbuf) image = decode (job->image, error);
  g_autoptr(KlingMotionScene) scene = NULL;
  int height;

  if (image == NULL)
    return NULL;
  scene = kling_motion_scene_new (image);
  height = gdk_pixbuf_get_height (image);
  if (job->static_mask != NULL)
    {
      g_autoptr(KlingMask) mask = decode_mask (job->static_mask, error);

      if (mask == NULL)
        return NULL;
      kling_motion_scene_set_static_mask (scene, mask);
    }
  for (guint i = 0; i < job->dynamic_masks->len && i < KLING_MOTION_MAX_REGIONS; i++)
    {
      g_autoptr(KlingMask) mask = decode_mask (g_ptr_array_index (job->dynamic_masks, i), error);
      GArray *api = g_ptr_array_index (job->paths, i);
      g_autofree KlingPoint *points = g_new (KlingPoint, MAX (api->len, 1));

      if (mask == NULL)
        return NULL;
      /* Back to the picture's top-left origin (kling-api.md §2). */
      for (guint k = 0; k < api->len; k++)
        {
          KlingApiPoint p = g_array_index (api, KlingApiPoint, k);

          points[k].x = p.x;
          points[k].y = height - 1 - p.y;
        }
      kling_motion_scene_set_region (scene, i + 1, mask, points, api->len);
    }
  return g_steal_pointer (&scene);
}

static GBytes *
render_clip (RenderJob     *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(KlingMotionScene) scene = build_scene (job, error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  char *contents = NULL;
  gsize length = 0;
  int width, height;
  gboolean ok;

  if (scene == NULL)
    return NULL;
  dir = g_dir_make_tmp ("kling-fake-video-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "video.mp4", NULL);
  file = g_file_new_for_path (path);
  kling_fake_clip_size (kling_motion_scene_get_width (scene), kling_motion_scene_get_height (scene),
                        job->short_side, &width, &height);
  ok = kling_motion_encode (scene, KLING_MOTION_FORMAT_MP4, file, width, height,
                            KLING_MOTION_DEFAULT_FPS, job->duration, cancellable,
                            NULL, NULL, error) &&
       g_file_get_contents (path, &contents, &length, error);
  g_unlink (path);
  g_rmdir (dir);
  return ok ? g_bytes_new_take (contents, length) : NULL;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *video = render_clip (task_data, cancellable, &error);

  if (video != NULL)
    g_task_return_pointer (task, video, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

typedef struct {
  KlingFakeRenders    *renders;
  KlingFakeRenderDone  done;
  gpointer             server;
  char                *id;
} RenderFor;

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RenderFor *render_for = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) video = g_task_propagate_pointer (G_TASK (result), &error);

  render_for->renders->in_flight--;
  /* Ended: the fake is going (it cancels everything it started). */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    render_for->done (render_for->server, render_for->id, video, error);
  g_free (render_for->id);
  g_free (render_for);
}

void
kling_fake_renders_start (KlingFakeRenders    *renders,
                          KlingFakeRender     *render,
                          const char          *id,
                          KlingFakeRenderDone  done,
                          gpointer             server)
{
  g_autoptr(GTask) task = NULL;
  RenderFor *render_for = g_new0 (RenderFor, 1);

  if (renders->cancellable == NULL)
    renders->cancellable = g_cancellable_new ();
  render_for->renders = renders;
  render_for->done = done;
  render_for->server = server;
  render_for->id = g_strdup (id);
  renders->in_flight++;
  task = g_task_new (NULL, renders->cancellable, render_done, render_for);
  g_task_set_task_data (task, render, (GDestroyNotify) kling_fake_render_free);
  g_task_run_in_thread (task, render_thread);
}

/* A clip still rendering stops soon once cancelled: its end is waited for,
 * so that nothing it holds outlives the fake. */
void
kling_fake_renders_end (KlingFakeRenders *renders,
                        GMainContext     *context)
{
  if (renders->cancellable != NULL)
    g_cancellable_cancel (renders->cancellable);
  while (renders->in_flight > 0)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&renders->cancellable);
}

/* The Kling fake's task has its clip, or failed to. */
static void
task_rendered (gpointer      server,
               const char   *task_id,
               GBytes       *video,
               const GError *error)
{
  KlingFakeTask *task = kling_fake_server_find_task (server, task_id);

  if (task == NULL)
    return;
  task->rendering = FALSE;
  if (video == NULL)
    {
      kling_fake_task_fail (task, g_strdup_printf ("The video could not be rendered: %s",
                                                   error->message));
      return;
    }
  task->video = g_bytes_ref (video);
  task->video_ready_mono_us = g_get_monotonic_time ();
}

static RenderJob *
render_job_new (KlingFakeServer *self,
                KlingFakeTask   *task)
{
  GBytes *image = kling_fake_task_get_image_bytes (task);
  RenderJob *job;

  if (image == NULL)
    return NULL;
  job = kling_fake_render_new (image, kling_fake_task_get_file (task, "static_mask"),
                               g_ascii_strtod (task->duration, NULL) + EXTRA_SECONDS,
                               self->video_short_side);
  for (guint i = 0; task->paths != NULL && i < task->paths->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("dynamic_masks[%u].mask", i);
      GBytes *mask = kling_fake_task_get_file (task, field);

      if (mask != NULL)
        kling_fake_render_add_region (job, mask, g_ptr_array_index (task->paths, i));
    }
  return job;
}

/**
 * kling_fake_task_render:
 *
 * Starts rendering @task's clip from its pictures, which must all be there
 * (decoded or fetched). A task that will fail renders nothing.
 */
void
kling_fake_task_render (KlingFakeServer *self,
                        KlingFakeTask   *task)
{
  RenderJob *job;

  if (task->fail_message != NULL || task->failed_mono_us != 0 || task->rendering)
    return;
  job = render_job_new (self, task);
  if (job == NULL)
    {
      kling_fake_task_fail (task, g_strdup ("The image could not be read"));
      return;
    }
  task->rendering = TRUE;
  kling_fake_renders_start (&self->renders, job, task->task_id, task_rendered, self);
}

void
kling_fake_server_set_video_short_side (KlingFakeServer *self,
                                        int              short_side)
{
  self->video_short_side = short_side > 0 ? short_side : kling_fake_server_default_short_side ();
}

GBytes *
kling_fake_server_get_task_video (KlingFakeServer *self,
                                  const char      *task_id)
{
  KlingFakeTask *task = kling_fake_server_find_task (self, task_id);

  return task != NULL && task->video != NULL ? g_bytes_ref (task->video) : NULL;
}

GBytes *
kling_fake_server_get_video (KlingFakeServer *self)
{
  for (guint i = self->tasks->len; i > 0; i--)
    {
      KlingFakeTask *task = g_ptr_array_index (self->tasks, i - 1);

      if (task->video != NULL)
        return g_bytes_ref (task->video);
    }
  return NULL;
}
