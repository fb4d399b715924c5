/* kling-player.c — plays a generation's video, with its paths over it
 *
 * The video is a KlingVideoPaintable in a GtkPicture. Over it a drawing
 * area shows what the artist asked for (KlingMotionOverlay: the regions and
 * their trajectories), placed where the picture draws the video. Side by
 * side, the source image gets the same drawing, so one can judge whether the
 * motion followed the paths. What the controls and keys do are the player's
 * actions (kling-player-actions.c); the buttons only name them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kling-choices.h"
#include "kling-motion-overlay.h"
#include "kling-player-private.h"

#define N_REGIONS KLING_DRAFT_N_REGIONS

struct _KlingPlayer
{
  GtkWidget            parent_instance;

  /* template children */
  GtkWidget           *root_overlay;
  GtkWidget           *back_button;
  GtkWidget           *main_box;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkWidget           *media_box;
  GtkWidget           *video_overlay;
  GtkWidget           *image_overlay;
  GtkPicture          *video_picture;
  GtkPicture          *image_picture;
  GtkWidget           *video_paths;
  GtkWidget           *image_paths;
  GtkWidget           *controls;
  GtkAdjustment       *seek_adjustment;
  GtkLabel            *position_label;
  GtkButton           *play_button;
  GtkWidget           *paths_button;
  GtkScaleButton      *volume_button;

  KlingVideoPaintable *paintable;
  KlingTask           *task;
  gulong               task_handler;
  KlingMotionOverlay  *overlay;
  GCancellable        *overlay_cancellable;
  GdkRGBA              colors[N_REGIONS];
  gboolean             show_paths;
  gboolean             side_by_side;
};

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

static void
draw_paths (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  KlingPlayer *self = KLING_PLAYER (user_data);
  GdkPaintable *content;
  graphene_rect_t rect;

  if (self->overlay == NULL || !self->show_paths)
    return;
  content = GTK_WIDGET (area) == self->video_paths ? GDK_PAINTABLE (self->paintable)
                                                   : gtk_picture_get_paintable (self->image_picture);
  if (content != NULL &&
      kling_motion_overlay_fit (width, height, gdk_paintable_get_intrinsic_aspect_ratio (content), &rect))
    kling_motion_overlay_draw (self->overlay, cr, &rect);
}

static void
redraw_paths (KlingPlayer *self)
{
  gtk_widget_queue_draw (self->video_paths);
  gtk_widget_queue_draw (self->image_paths);
}

static char *
format_time (gint64 us)
{
  gint64 seconds = MAX (us, 0) / G_USEC_PER_SEC;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static void
update_position (KlingPlayer *self)
{
  gint64 position = gtk_media_stream_get_timestamp (GTK_MEDIA_STREAM (self->paintable));
  gint64 duration = gtk_media_stream_get_duration (GTK_MEDIA_STREAM (self->paintable));
  g_autofree char *now = format_time (position);
  g_autofree char *total = format_time (duration);
  g_autofree char *text = g_strdup_printf ("%s / %s", now, total);

  gtk_label_set_text (self->position_label, text);
  /* Setting the adjustment does not emit GtkRange::change-value: no seek. */
  gtk_adjustment_set_upper (self->seek_adjustment, MAX (duration, 0) / (double) G_USEC_PER_SEC);
  gtk_adjustment_set_value (self->seek_adjustment, MAX (position, 0) / (double) G_USEC_PER_SEC);
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

      page = "empty";
      /* A failed generation says why, whole: the list shows only the start. */
      adw_status_page_set_title (self->empty_page, failed ? _("Generation Failed") : _("No Video"));
      adw_status_page_set_icon_name (self->empty_page, failed ? "dialog-error-symbolic" : "video-x-generic-symbolic");
      adw_status_page_set_description (self->empty_page, failure != NULL ? failure : describe_missing_video (self));
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->controls, g_str_equal (page, "video"));
  _kling_player_update_actions (self);
}

static void
update_overlay_controls (KlingPlayer *self)
{
  gboolean has_image = self->overlay != NULL && kling_motion_overlay_get_image (self->overlay) != NULL;
  gboolean has_motion = self->overlay != NULL && kling_motion_overlay_has_motion (self->overlay);

  /* A generation without a motion brush has nothing to show over it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.show-paths", has_motion);
  gtk_widget_set_tooltip_text (self->paths_button,
                               has_motion || self->overlay == NULL
                               ? _("Show the paths and regions over the video")
                               : _("This generation used no motion brush: there are no paths to show"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.side-by-side", has_image);
  gtk_widget_set_visible (self->image_overlay, has_image && self->side_by_side);
  redraw_paths (self);
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

static void
overlay_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingMotionOverlay) overlay = kling_motion_overlay_load_finish (result, &error);
  KlingPlayer *self;
  GdkPixbuf *image;

  /* Cancelled when the task changed or the player went away. */
  if (overlay == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No paths to show: %s", error->message);
      return;
    }
  self = KLING_PLAYER (user_data);
  g_clear_pointer (&self->overlay, kling_motion_overlay_free);
  self->overlay = g_steal_pointer (&overlay);
  image = kling_motion_overlay_get_image (self->overlay);
  if (image != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (image);

      gtk_picture_set_paintable (self->image_picture, GDK_PAINTABLE (texture));
    }
  update_overlay_controls (self);
}

/* Drops the task and what was read from it; the caller updates the view. */
static void
forget_task (KlingPlayer *self)
{
  if (self->task != NULL)
    g_clear_signal_handler (&self->task_handler, self->task);
  g_clear_object (&self->task);
  g_cancellable_cancel (self->overlay_cancellable);
  g_clear_object (&self->overlay_cancellable);
  g_clear_pointer (&self->overlay, kling_motion_overlay_free);
}

static void
show_no_overlay (KlingPlayer *self)
{
  gtk_picture_set_paintable (self->image_picture, NULL);
  update_overlay_controls (self);
}

static void
load_overlay (KlingPlayer *self)
{
  self->overlay_cancellable = g_cancellable_new ();
  kling_motion_overlay_load_async (kling_task_get_folder (self->task), self->colors,
                                   self->overlay_cancellable, overlay_loaded_cb, self);
}

static void
load_task_video (KlingPlayer *self)
{
  const char *path = self->task != NULL ? kling_task_get_video_path (self->task) : NULL;
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  if (g_strcmp0 (uri, kling_video_paintable_get_uri (self->paintable)) != 0)
    kling_video_paintable_set_uri (self->paintable, uri);
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

/* Side by side, the video and the image go in a row or in a column,
 * whichever shows them larger: a column in a narrow window. */
static void
choose_orientation (KlingPlayer *self,
                    int          width,
                    int          height)
{
  double aspect = gdk_paintable_get_intrinsic_aspect_ratio (GDK_PAINTABLE (self->paintable));
  GtkOrientation orientation = GTK_ORIENTATION_HORIZONTAL;
  int controls = 0;

  if (aspect > 0 && gtk_widget_get_visible (self->image_overlay))
    {
      if (gtk_widget_get_visible (self->controls))
        gtk_widget_measure (self->controls, GTK_ORIENTATION_VERTICAL, width, NULL, &controls, NULL, NULL);
      height -= controls;
      /* the video's height either way */
      if (MIN (width / aspect, height / 2.0) > MIN (width / 2.0 / aspect, height))
        orientation = GTK_ORIENTATION_VERTICAL;
    }
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->media_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->media_box), orientation);
}

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

  choose_orientation (self, width, height);
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
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, position_label);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, play_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, paths_button);
  gtk_widget_class_bind_template_child (widget_class, KlingPlayer, volume_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, seek_change_value_cb);

  _kling_player_class_actions_init (widget_class);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
load_region_colors (KlingPlayer *self)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();

  /* The editor's default colours: a task does not keep the artist's. */
  for (guint i = 0; i < N_REGIONS; i++)
    if (!gdk_rgba_parse (&self->colors[i], draft->regions[i].color))
      self->colors[i] = (GdkRGBA) { 1, 1, 1, 1 };
}

static void
setup_controls (KlingPlayer *self)
{
  g_object_bind_property (self->paintable, "volume", self->volume_button, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  _kling_player_actions_init (self, self->video_overlay);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->video_paths), draw_paths, self, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->image_paths), draw_paths, self, NULL);
}

static void
kling_player_init (KlingPlayer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_region_colors (self);

  self->paintable = kling_video_paintable_new ();
  gtk_picture_set_paintable (self->video_picture, GDK_PAINTABLE (self->paintable));
  g_signal_connect (self->paintable, "notify", G_CALLBACK (paintable_notify_cb), self);
  g_signal_connect_swapped (self->paintable, "invalidate-size", G_CALLBACK (redraw_paths), self);

  setup_controls (self);
  update_playing (self);
  update_position (self);
  update_page (self);
  update_overlay_controls (self);
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
  forget_task (self);
  show_no_overlay (self);
  if (task != NULL)
    {
      self->task = g_object_ref (task);
      self->task_handler = g_signal_connect (task, "notify", G_CALLBACK (task_notify_cb), self);
      load_overlay (self);
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
  show_no_overlay (self);
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
  redraw_paths (self);
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
  self->side_by_side = side_by_side;
  update_overlay_controls (self);
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

/* Returns: (transfer none): the video, for tests and benchmarks */
KlingVideoPaintable *
kling_player_get_paintable (KlingPlayer *self)
{
  g_return_val_if_fail (KLING_IS_PLAYER (self), NULL);
  return self->paintable;
}
