/* kling-player.c — plays a generation's video, with its paths over it
 *
 * The video is a KlingVideoPaintable in a GtkPicture. Over it a drawing
 * area shows what the artist asked for (KlingMotionOverlay: the regions and
 * their trajectories), placed where the picture draws the video. Side by
 * side, the source image gets the same drawing, so one can judge whether the
 * motion followed the paths (kling-player-paths.c). What the controls and
 * keys do are the player's actions (kling-player-actions.c); the buttons
 * only name them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include <math.h>

#include "kling-choices.h"
#include "kling-frame-time.h"
#include "kling-player-private.h"

G_DEFINE_FINAL_TYPE (KlingPlayer, kling_player, GTK_TYPE_WIDGET)

/* Loop and mute are the stream's; the player shows them as its own
 * properties for its property actions (player.loop, player.muted). */
enum {
  PROP_0,
  PROP_LOOP,
  PROP_MUTED,
  PROP_SHOW_PATHS,
  PROP_SIDE_BY_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* — what is shown — */

/* Kling's clips are 30 frames a second; a clip that says otherwise is
 * believed. */
static double
clip_fps (KlingPlayer *self)
{
  double fps = kling_video_paintable_get_framerate (self->paintable);

  return fps > 0 ? fps : 30;
}

/* The frame at @us: a frame's timestamp is rounded to the microsecond. */
static guint
frame_at (gint64 us,
          double fps)
{
  return (guint) floor (MAX (us, 0) * fps / G_USEC_PER_SEC + 0.01);
}

/**
 * _kling_player_get_clip_time:
 *
 * Returns: where the shown frame is in the clip, 0 (the first frame) to 1
 *   (the last), as a trajectory's points are spread over it
 */
double
_kling_player_get_clip_time (KlingPlayer *self)
{
  double fps = clip_fps (self);
  guint frame = frame_at (gtk_media_stream_get_timestamp (GTK_MEDIA_STREAM (self->paintable)), fps);
  guint n_frames = frame_at (gtk_media_stream_get_duration (GTK_MEDIA_STREAM (self->paintable)), fps);

  return n_frames > 1 ? MIN (1.0, (double) frame / (n_frames - 1)) : 0;
}

static void
update_position (KlingPlayer *self)
{
  gint64 position = gtk_media_stream_get_timestamp (GTK_MEDIA_STREAM (self->paintable));
  gint64 duration = gtk_media_stream_get_duration (GTK_MEDIA_STREAM (self->paintable));
  guint fps = (guint) round (clip_fps (self));
  g_autofree char *text = kling_frame_time_format_position (frame_at (position, clip_fps (self)),
                                                            frame_at (duration, clip_fps (self)), fps);

  gtk_label_set_text (self->position_label, text);
  /* As wide as its widest text for this clip: the seek bar beside it keeps
   * its length while the time runs (digits are tabular, .numeric). */
  {
    g_autofree char *widest = kling_frame_time_format_position (frame_at (duration, clip_fps (self)),
                                                                frame_at (duration, clip_fps (self)), fps);

    gtk_label_set_width_chars (self->position_label, (int) g_utf8_strlen (widest, -1));
  }
  /* Setting the adjustment does not emit GtkRange::change-value: no seek. */
  gtk_adjustment_set_upper (self->seek_adjustment, MAX (duration, 0) / (double) G_USEC_PER_SEC);
  gtk_adjustment_set_value (self->seek_adjustment, MAX (position, 0) / (double) G_USEC_PER_SEC);
  /* the "asked" markers move with the video */
  if (self->show_paths && self->overlay != NULL)
    _kling_player_paths_redraw (self);
}

static void
update_playing (KlingPlayer *self)
{
  gboolean playing = gtk_media_stream_get_playing (GTK_MEDIA_STREAM (self->paintable));
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
describe_missing_video (KlingPlayer *self)
{
  if (self->task == NULL)
    return _("Choose a finished generation to play its video here.");
  switch (kling_task_get_state (self->task))
    {
    case KLING_TASK_STATE_FAILED:
      return _("This generation failed and has no video.");
    case KLING_TASK_STATE_SUCCEEDED:
      return _("The video of this generation is not saved yet.");
    default:
      return _("The video will play here once the generation is done.");
    }
}

static void
update_page (KlingPlayer *self)
{
  const GError *error = gtk_media_stream_get_error (GTK_MEDIA_STREAM (self->paintable));
  const char *page = "video";

  if (error != NULL)
    {
      page = "error";
      adw_status_page_set_description (self->error_page, error->message);
    }
  else if (kling_video_paintable_get_uri (self->paintable) == NULL)
    {
      gboolean failed = self->task != NULL && kling_task_get_state (self->task) == KLING_TASK_STATE_FAILED;
      g_autofree char *failure = failed ? kling_choices_failure_reason (self->task) : NULL;
      gboolean cancelled = failed && kling_task_is_cancelled (self->task);

      page = "empty";
      /* A failed generation says why, whole: the list shows only the start. */
      adw_status_page_set_title (self->empty_page, cancelled ? _("Cancelled")
                                                   : failed ? _("Generation Failed") : _("No Video"));
      adw_status_page_set_icon_name (self->empty_page, cancelled ? "process-stop-symbolic"
                                                       : failed ? "dialog-error-symbolic" : "video-x-generic-symbolic");
      adw_status_page_set_description (self->empty_page, failure != NULL ? failure : describe_missing_video (self));
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  /* A player compared beside another is driven by the other's controls. */
  gtk_widget_set_visible (self->controls, g_str_equal (page, "video") && !self->follows);
  _kling_player_update_actions (self);
}

static void
paintable_notify_cb (KlingVideoPaintable *paintable,
                     GParamSpec          *pspec,
                     KlingPlayer         *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "timestamp") || g_str_equal (name, "duration"))
    update_position (self);
  else if (g_str_equal (name, "playing"))
    update_playing (self);
  else if (g_str_equal (name, "error") || g_str_equal (name, "uri"))
    update_page (self);
  else if (g_str_equal (name, "loop"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
  else if (g_str_equal (name, "muted"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

/* — loading — */

/* Drops the task and what was read from it; the caller updates the view. */
static void
forget_task (KlingPlayer *self)
{
  if (self->task != NULL)
    g_clear_signal_handler (&self->task_handler, self->task);
  g_clear_object (&self->task);
  _kling_player_paths_forget (self);
}

static void
load_task_video (KlingPlayer *self)
{
  const char *path = self->task != NULL ? kling_task_get_video_path (self->task) : NULL;
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  if (g_strcmp0 (uri, kling_video_paintable_get_uri (self->paintable)) != 0)
    {
      kling_video_paintable_set_uri (self->paintable, uri);
      _kling_player_extras_reset (self);
    }
  update_page (self);
}

/* The video arrives when the download is done; a failure changes what the
 * empty page says. */
static void
task_notify_cb (KlingTask   *task,
                GParamSpec  *pspec,
                KlingPlayer *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "video-path") || g_str_equal (name, "state"))
    load_task_video (self);
}

/* — controls — */

static void
back_clicked_cb (KlingPlayer *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* Only the user's moves of the seek bar seek. */
static gboolean
seek_change_value_cb (GtkRange      *range,
                      GtkScrollType  scroll,
                      double         value,
                      KlingPlayer   *self)
{
  gtk_media_stream_seek (GTK_MEDIA_STREAM (self->paintable), (gint64) (MAX (value, 0) * G_USEC_PER_SEC));
  return FALSE;
}

/* — layout — */

static GtkSizeRequestMode
kling_player_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (KLING_PLAYER (widget)->root_overlay);
}

static void
kling_player_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (KLING_PLAYER (widget)->root_overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
kling_player_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KlingPlayer *self = KLING_PLAYER (widget);

  _kling_player_paths_choose_orientation (self, width, height);
  gtk_widget_allocate (self->root_overlay, width, height, baseline, NULL);
}

/* Out of sight, out of earshot: leaving the page (or the list coming back
 * over the player) stops the video and its decoding. */
static void
kling_player_unmap (GtkWidget *widget)
{
  KlingPlayer *self = KLING_PLAYER (widget);

  if (self->paintable != NULL)
    gtk_media_stream_pause (GTK_MEDIA_STREAM (self->paintable));
  GTK_WIDGET_CLASS (kling_player_parent_class)->unmap (widget);
}

/* — GObject — */

static void
kling_player_dispose (GObject *object)
{
  KlingPlayer *self = KLING_PLAYER (object);

  _kling_player_compare_dispose (self);
  forget_task (self);
  if (self->paintable != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->paintable, self);
      gtk_picture_set_paintable (self->video_picture, NULL);
      g_clear_object (&self->paintable);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_PLAYER);

  G_OBJECT_CLASS (kling_player_parent_class)->dispose (object);
}

static void
kling_player_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KlingPlayer *self = KLING_PLAYER (object);
  /* Gone in dispose, when the property actions may still ask. */
  GtkMediaStream *stream = self->paintable != NULL ? GTK_MEDIA_STREAM (self->paintable) : NULL;

  switch (prop_id)
    {
    case PROP_LOOP: g_value_set_boolean (value, stream != NULL && gtk_media_stream_get_loop (stream)); break;
    case PROP_MUTED: g_value_set_boolean (value, stream != NULL && gtk_media_stream_get_muted (stream)); break;
    case PROP_SHOW_PATHS: g_value_set_boolean (value, self->show_paths); break;
    case PROP_SIDE_BY_SIDE: g_value_set_boolean (value, self->side_by_side); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_player_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KlingPlayer *self = KLING_PLAYER (object);
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self->paintable);

  switch (prop_id)
    {
    case PROP_LOOP: gtk_media_stream_set_loop (stream, g_value_get_boolean (value)); break;
    case PROP_MUTED: gtk_media_stream_set_muted (stream, g_value_get_boolean (value)); break;
    case PROP_SHOW_PATHS: kling_player_set_show_paths (self, g_value_get_boolean (value)); break;
    case PROP_SIDE_BY_SIDE: kling_player_set_side_by_side (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_player_class_init (KlingPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kling_player_dispose;
  object_class->get_property = kling_player_get_property;
  object_class->set_property = kling_player_set_property;

  widget_class->get_request_mode = kling_player_get_request_mode;
  widget_class->measure = kling_player_measure;
  widget_class->size_allocate = kling_player_size_allocate;
  widget_class->unmap = kling_player_unmap;

  /**
   * KlingPlayer::back:
   *
   * The back button was clicked: the list the player is folded over should
   * come back.
   */
  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  properties[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, flags);
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_PATHS] = g_param_spec_boolean ("show-paths", NULL, NULL, FALSE, flags);
  properties[PROP_SIDE_BY_SIDE] = g_param_spec_boolean ("side-by-side", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/klingstudio/KlingStudio/kling-player.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, root_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, back_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, main_box);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, stack);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, error_page);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, media_box);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, video_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, image_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, video_picture);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, image_picture);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, video_paths);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, image_paths);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, controls);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, position_label);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, play_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, paths_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, volume_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, seek_change_value_cb);

  _kling_player_class_actions_init (widget_class);
  _kling_player_class_extras_init (widget_class);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
video_picture_realized (KlingPlayer *self,
                        GtkWidget   *picture)
{
  kling_video_paintable_follow_renderer (self->paintable, picture);
}

static void
setup_controls (KlingPlayer *self)
{
  g_object_bind_property (self->paintable, "volume", self->volume_button, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  _kling_player_actions_init (self, self->video_overlay);
  _kling_player_compare_init (self);
  _kling_player_extras_init (self);
}

static void
kling_player_init (KlingPlayer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _kling_player_paths_init (self);

  self->paintable = kling_video_paintable_new ();
  gtk_picture_set_paintable (self->video_picture, GDK_PAINTABLE (self->paintable));
  g_signal_connect_swapped (self->video_picture, "realize", G_CALLBACK (video_picture_realized), self);
  g_signal_connect (self->paintable, "notify", G_CALLBACK (paintable_notify_cb), self);
  g_signal_connect_swapped (self->paintable, "invalidate-size", G_CALLBACK (_kling_player_paths_redraw), self);

  setup_controls (self);
  update_playing (self);
  update_position (self);
  update_page (self);
  _kling_player_paths_update (self);
}

/* — public API — */

GtkWidget *
kling_player_new (void)
{
  return g_object_new (KLING_TYPE_PLAYER, NULL);
}

/**
 * kling_player_set_task:
 * @task: (nullable): the generation to show
 *
 * Shows @task's video, paused on its first frame, with its source image and
 * paths ready for the overlay and the side-by-side view. A task whose video
 * is not saved yet shows why; the video appears when the task saves it.
 */
void
kling_player_set_task (KlingPlayer *self,
                       KlingTask   *task)
{
  g_return_if_fail (KLING_IS_PLAYER (self));
  g_return_if_fail (task == NULL || KLING_IS_TASK (task));

  if (task == self->task)
    return;
  kling_player_compare_with (self, NULL);
  forget_task (self);
  _kling_player_paths_show_none (self);
  if (task != NULL)
    {
      self->task = g_object_ref (task);
      self->task_handler = g_signal_connect (task, "notify", G_CALLBACK (task_notify_cb), self);
      _kling_player_paths_load (self);
    }
  load_task_video (self);
}

KlingTask *
kling_player_get_task (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), NULL);
  return self->task;
}

/**
 * kling_player_set_file:
 * @video: (nullable): a video file, shown without paths
 */
void
kling_player_set_file (KlingPlayer *self,
                       GFile       *video)
{
  g_return_if_fail (KLING_IS_PLAYER (self));
  g_return_if_fail (video == NULL || G_IS_FILE (video));

  forget_task (self);
  _kling_player_paths_show_none (self);
  kling_video_paintable_set_file (self->paintable, video);
  update_page (self);
}

void
kling_player_set_show_paths (KlingPlayer *self,
                             gboolean     show_paths)
{
  g_return_if_fail (KLING_IS_PLAYER (self));

  show_paths = !!show_paths;
  if (self->show_paths == show_paths)
    return;
  self->show_paths = show_paths;
  _kling_player_paths_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PATHS]);
}

gboolean
kling_player_get_show_paths (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), FALSE);
  return self->show_paths;
}

void
kling_player_set_side_by_side (KlingPlayer *self,
                               gboolean     side_by_side)
{
  g_return_if_fail (KLING_IS_PLAYER (self));

  side_by_side = !!side_by_side;
  if (self->side_by_side == side_by_side)
    return;
  if (side_by_side)
    kling_player_compare_with (self, NULL);
  self->side_by_side = side_by_side;
  _kling_player_paths_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE_BY_SIDE]);
}

gboolean
kling_player_get_side_by_side (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), FALSE);
  return self->side_by_side;
}

/**
 * kling_player_set_back_visible:
 * @visible: whether the player covers the list it was chosen from
 *
 * Shows or hides the back button at the player's top-left corner, which
 * emits #KlingPlayer::back.
 */
void
kling_player_set_back_visible (KlingPlayer *self,
                               gboolean     visible)
{
  g_return_if_fail (KLING_IS_PLAYER (self));
  gtk_widget_set_visible (self->back_button, visible);
}

gboolean
kling_player_get_back_visible (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), FALSE);
  return gtk_widget_get_visible (self->back_button);
}

/* Returns: (transfer none): the video, a GtkMediaStream: what plays it,
 * and what tests and benchmarks watch */
KlingVideoPaintable *
kling_player_get_paintable (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), NULL);
  return self->paintable;
}
