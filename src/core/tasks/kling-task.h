/* kling-task.h — one generation, kept in its own folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kling-client.h"
#include "kling-request.h"
#include "kling-response.h"
#include "kling-tasks-enums.h"

G_BEGIN_DECLS

/**
 * KlingTaskState:
 * @KLING_TASK_STATE_PENDING: on disk, not yet sent
 * @KLING_TASK_STATE_SENDING: a POST was started; it may have reached the server
 * @KLING_TASK_STATE_UNCONFIRMED: the create may have reached the server, but
 *   its answer was lost and the provider could not (or cannot) look it up by
 *   its external id; it is never sent again without the user's word
 * @KLING_TASK_STATE_QUEUED: the server had no free slot (1302/1303); sent again later
 * @KLING_TASK_STATE_SUBMITTED: the server accepted it
 * @KLING_TASK_STATE_PROCESSING: the server is generating the video
 * @KLING_TASK_STATE_SUCCEEDED: the server said "succeed"; see #KlingTask:video-path
 *   for whether the video is saved
 * @KLING_TASK_STATE_FAILED: the server's generation failed, the create was
 *   refused, or we stopped waiting; see #KlingTask:error-message
 *
 * The server's lifecycle, plus the local steps before the server knows the task.
 */
typedef enum {
  KLING_TASK_STATE_PENDING,
  KLING_TASK_STATE_SENDING,
  KLING_TASK_STATE_UNCONFIRMED,
  KLING_TASK_STATE_QUEUED,
  KLING_TASK_STATE_SUBMITTED,
  KLING_TASK_STATE_PROCESSING,
  KLING_TASK_STATE_SUCCEEDED,
  KLING_TASK_STATE_FAILED,
} KlingTaskState;

const char     *kling_task_state_to_string     (KlingTaskState  state);
gboolean        kling_task_state_from_string   (const char     *text,
                                                KlingTaskState *state);

/* The file format of task.json. */
#define KLING_TASK_FORMAT   "kling-studio-task"
#define KLING_TASK_VERSION  1
#define KLING_TASK_FILE     "task.json"
#define KLING_TASK_VIDEO_FILE "video.mp4"
#define KLING_TASK_THUMBNAIL_FILE "thumbnail.png"
/* A frame of the result, once there is one: it replaces the picture's. */
#define KLING_TASK_RESULT_THUMBNAIL_FILE "result-thumbnail.png"
/* The longest name a generation keeps, in characters. */
#define KLING_TASK_NAME_MAX_CHARS 60
/* task.json is small; a bigger one is not ours. */
#define KLING_TASK_MAX_FILE_SIZE ((gsize) 64 * 1024 * 1024)

#define KLING_TYPE_TASK (kling_task_get_type ())
G_DECLARE_FINAL_TYPE (KlingTask, kling_task, KLING, TASK, GObject)

KlingTask      *kling_task_new_from_data       (const char     *folder,
                                                const char     *json,
                                                gsize           length,
                                                GError        **error);
KlingTask      *kling_task_new_from_folder     (const char     *folder,
                                                GError        **error);

const char     *kling_task_get_local_id        (KlingTask      *self);
const char     *kling_task_get_folder          (KlingTask      *self);
GDateTime      *kling_task_get_created         (KlingTask      *self);
const char     *kling_task_get_base_url        (KlingTask      *self);
KlingAuthMode   kling_task_get_auth_mode       (KlingTask      *self);
const char     *kling_task_get_external_task_id (KlingTask     *self);
const char     *kling_task_get_task_id         (KlingTask      *self);
KlingTaskState  kling_task_get_state           (KlingTask      *self);
int             kling_task_get_progress        (KlingTask      *self);
const char     *kling_task_get_status_message  (KlingTask      *self);
const char     *kling_task_get_error_message   (KlingTask      *self);
const char     *kling_task_get_error_kind      (KlingTask      *self);
GError         *kling_task_dup_error           (KlingTask      *self);
const char     *kling_task_get_request_id      (KlingTask      *self);

/* The addresses a queue provider (fal) gave for the request. */
typedef enum {
  KLING_QUEUE_STATUS_URL,
  KLING_QUEUE_RESPONSE_URL,
  KLING_QUEUE_CANCEL_URL,
  KLING_QUEUE_N_URLS /*< skip >*/
} KlingQueueUrl;

/* %NULL for Kling's providers. */
const char     *kling_task_get_queue_url       (KlingTask      *self,
                                                KlingQueueUrl   which);
gint64          kling_task_get_created_at      (KlingTask      *self);
gint64          kling_task_get_updated_at      (KlingTask      *self);
const char     *kling_task_get_video_url       (KlingTask      *self);
const char     *kling_task_get_video_path      (KlingTask      *self);
const char     *kling_task_get_thumbnail_path  (KlingTask      *self);
double          kling_task_get_download_progress (KlingTask    *self);
const char     *kling_task_get_prompt          (KlingTask      *self);
/* Kling's limit on a prompt; a longer one in a task file is shown cut. */
#define KLING_TASK_DISPLAY_PROMPT_CHARS 2500
char           *kling_task_dup_display_prompt  (KlingTask      *self);
const char     *kling_task_get_model_name      (KlingTask      *self);
const char     *kling_task_get_mode            (KlingTask      *self);
gboolean        kling_task_gave_up_waiting     (KlingTask      *self);
const char     *kling_task_get_duration        (KlingTask      *self);
const char     *kling_task_get_name            (KlingTask      *self);
JsonObject     *kling_task_get_request         (KlingTask      *self);
gboolean        kling_task_is_finished         (KlingTask      *self);
const KlingTrajectory *kling_task_get_sent_path (KlingTask     *self,
                                                guint           index,
                                                int             image_width,
                                                int             image_height);

/* A task withdrawn from its provider's queue before it started (fal) is
 * failed with this error kind, so it ends like a failure (finished, Try
 * Again) but is shown as what the artist did. */
#define KLING_TASK_ERROR_KIND_CANCELLED "cancelled"
gboolean        kling_task_can_cancel          (KlingTask      *self);
gboolean        kling_task_is_cancelled        (KlingTask      *self);
void            kling_task_set_cancelled       (KlingTask      *self);

GBytes         *kling_task_build_body          (KlingTask      *self,
                                                GError        **error);
char           *kling_task_to_data             (KlingTask      *self,
                                                gsize          *length);

/* Changing a task: for the task store and the poller. Each setter notifies
 * only when the value changes; none of them saves (kling_task_store_save()). */
void            kling_task_set_state           (KlingTask      *self,
                                                KlingTaskState  state);
void            kling_task_set_task_id         (KlingTask      *self,
                                                const char     *task_id);
void            kling_task_set_status_message  (KlingTask      *self,
                                                const char     *message);
void            kling_task_set_error           (KlingTask      *self,
                                                const GError   *error);
void            kling_task_set_error_message   (KlingTask      *self,
                                                const char     *kind,
                                                const char     *message);
void            kling_task_set_video_file      (KlingTask      *self,
                                                const char     *file_name);
void            kling_task_set_thumbnail_file  (KlingTask      *self,
                                                const char     *file_name);
void            kling_task_set_download_progress (KlingTask    *self,
                                                double          fraction);
void            kling_task_set_name            (KlingTask      *self,
                                                const char     *name);
/* The static region and the six dynamic ones, as the editor numbers them. */
#define KLING_TASK_N_REGIONS 7
void            kling_task_set_region_colors   (KlingTask      *self,
                                                const char *const *colors);
const char     *kling_task_get_region_color    (KlingTask      *self,
                                                guint           region);
gboolean        kling_task_update_from_info    (KlingTask      *self,
                                                const KlingTaskInfo *info);

/* For the task store only: a new task over an already written folder.
 * @request is the body with its blobs replaced by {"file": NAME}. */
KlingTask      *kling_task_new                 (const char     *folder,
                                                GDateTime      *created,
                                                const char     *base_url,
                                                KlingAuthMode   auth_mode,
                                                const char     *external_task_id,
                                                JsonObject     *request);
GPtrArray      *kling_task_paths_from_request  (KlingRequest   *request);
void            kling_task_set_paths           (KlingTask      *self,
                                                GPtrArray      *paths);

/* Where a request body holds an image or a mask, and the name of the file
 * that keeps it beside task.json (without extension), e.g. "dynamic_mask_2". */
typedef gboolean (*KlingTaskBlobFunc) (JsonObject  *holder,
                                       const char  *member,
                                       const char  *file_stem,
                                       gpointer     user_data,
                                       GError     **error);
gboolean        kling_task_foreach_blob        (JsonObject        *request,
                                                KlingTaskBlobFunc  func,
                                                gpointer           user_data,
                                                GError           **error);
gboolean        kling_task_file_name_is_safe   (const char        *name);

G_END_DECLS
