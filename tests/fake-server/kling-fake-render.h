/* kling-fake-render.h — the clip a fake answers with: the picture it was
 * sent, its dynamic regions moving along their paths
 *
 * Shared by the fake Kling server and the fake fal queue
 * (kling-fake-server-render.c says why it is the core's motion renderer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _KlingFakeRender KlingFakeRender;

/* @image and the masks are the bytes sent (PNG or JPEG); a clip of
 * @duration seconds whose short side is @short_side. */
KlingFakeRender *kling_fake_render_new          (GBytes           *image,
                                                 GBytes           *static_mask,
                                                 double            duration,
                                                 int               short_side);
/* A dynamic region and its path, in the API's points (KlingApiPoint:
 * integers, bottom-left origin) as Kling and fal are sent them. */
void             kling_fake_render_add_region   (KlingFakeRender  *self,
                                                 GBytes           *mask,
                                                 GArray           *api_path);
void             kling_fake_render_free         (KlingFakeRender  *self);
/* A request's `trajectories` ([{x, y}, …], already validated) as a path. */
GArray          *kling_fake_render_path_from_json (JsonArray      *points);

/* The renders a fake has started, each in a worker thread: a fake being
 * freed ends them (kling_fake_renders_end()) before it goes. Zeroed at first. */
typedef struct {
  GCancellable *cancellable;
  guint         in_flight;
} KlingFakeRenders;

/* A clip is ready (the H.264 MP4), or could not be made (@video %NULL,
 * @error says why), for what the fake called @id. Never called once the
 * renders were ended. */
typedef void (*KlingFakeRenderDone) (gpointer      server,
                                     const char   *id,
                                     GBytes       *video,
                                     const GError *error);

/* Takes @render; @done runs on the thread-default main context. */
void             kling_fake_renders_start       (KlingFakeRenders    *renders,
                                                 KlingFakeRender     *render,
                                                 const char          *id,
                                                 KlingFakeRenderDone  done,
                                                 gpointer             server);
/* Cancels what still renders and waits for its end on @context. */
void             kling_fake_renders_end         (KlingFakeRenders    *renders,
                                                 GMainContext        *context);

/* The short side of the clips: 720, or $KLING_FAKE_VIDEO_SHORT_SIDE (the
 * test suite sets a small one so that hundreds of tasks render fast). */
int              kling_fake_server_default_short_side (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlingFakeRender, kling_fake_render_free)

G_END_DECLS
