/* kling-player-actions.c — what the player does, as actions, and its keys
 *
 * player.toggle-play, player.step (a frame: 1 forward, -1 back),
 * player.seek (by so many seconds, back when negative) and the property
 * actions player.loop, player.muted, player.show-paths and
 * player.side-by-side. The buttons in kling-player.ui only name them; a
 * click on the video toggles playing.
 *
 * The keys are a shortcut controller on the player in the capture phase, so
 * Space plays even when a button of the player has the focus (and would
 * otherwise press it). They act only when there is a video, and leave their
 * keys to a text field and to the volume's popup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-player-private.h"

#define SEEK_STEP_SECONDS "5.0"

static const struct {
  guint       keyval;
  const char *action;
  const char *args;   /* a GVariant's text, or NULL */
} keys[] = {
  { GDK_KEY_space,    "player.toggle-play", NULL },
  { GDK_KEY_KP_Space, "player.toggle-play", NULL },
  { GDK_KEY_comma,    "player.step",        "-1" },
  { GDK_KEY_period,   "player.step",        "1" },
  { GDK_KEY_Left,     "player.seek",        "-" SEEK_STEP_SECONDS },
  { GDK_KEY_KP_Left,  "player.seek",        "-" SEEK_STEP_SECONDS },
  { GDK_KEY_Right,    "player.seek",        SEEK_STEP_SECONDS },
  { GDK_KEY_KP_Right, "player.seek",        SEEK_STEP_SECONDS },
  { GDK_KEY_m,        "player.muted",       NULL },
  { GDK_KEY_l,        "player.loop",        NULL },
};

/* The actions that need a video to act on. */
static const char * const video_actions[] = {
  "player.toggle-play", "player.step", "player.seek", "player.loop", "player.muted",
};

static GtkMediaStream *
stream_of (GtkWidget *widget)
{
  return GTK_MEDIA_STREAM (kling_player_get_paintable (KLING_PLAYER (widget)));
}

static gboolean
has_video (GtkWidget *widget)
{
  KlingVideoPaintable *video = kling_player_get_paintable (KLING_PLAYER (widget));

  return video != NULL && kling_video_paintable_get_uri (video) != NULL &&
         gtk_media_stream_get_error (GTK_MEDIA_STREAM (video)) == NULL;
}

/* — the actions — */

static void
toggle_play_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkMediaStream *stream = stream_of (widget);

  gtk_media_stream_set_playing (stream, !gtk_media_stream_get_playing (stream));
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kling_video_paintable_step_frame (kling_player_get_paintable (KLING_PLAYER (widget)),
                                    g_variant_get_int32 (parameter) > 0);
}

static void
seek_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkMediaStream *stream = stream_of (widget);
  gint64 to = gtk_media_stream_get_timestamp (stream) + (gint64) (g_variant_get_double (parameter) * G_USEC_PER_SEC);

  gtk_media_stream_seek (stream, MAX (to, 0));
}

void
_kling_player_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "player.toggle-play", NULL, toggle_play_activated);
  gtk_widget_class_install_action (widget_class, "player.step", "i", step_activated);
  gtk_widget_class_install_action (widget_class, "player.seek", "d", seek_activated);
  gtk_widget_class_install_property_action (widget_class, "player.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "player.muted", "muted");
  gtk_widget_class_install_property_action (widget_class, "player.show-paths", "show-paths");
  gtk_widget_class_install_property_action (widget_class, "player.side-by-side", "side-by-side");
}

/* Called whenever what is loaded changes. */
void
_kling_player_update_actions (KlingPlayer *self)
{
  gboolean enabled = has_video (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (video_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), video_actions[i], enabled);
}

/* — keys and clicks — */

static gboolean
focus_keeps_keys (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
          gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL);
}

/* Returns: whether the key was used; if not, it goes on to the focus. */
static gboolean
key_activated_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  const char *action = user_data;

  /* A disabled action still counts as activated: ask first. */
  if (!has_video (widget) || focus_keeps_keys (widget))
    return FALSE;
  return gtk_widget_activate_action_variant (widget, action, args);
}

static void
video_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  KlingPlayer     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "player.toggle-play", NULL);
}

void
_kling_player_actions_init (KlingPlayer *self,
                            GtkWidget   *video_area)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                gtk_callback_action_new (key_activated_cb,
                                                                         (gpointer) keys[i].action, NULL));

      if (keys[i].args != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_parsed (keys[i].args));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (click, "pressed", G_CALLBACK (video_pressed_cb), self);
  gtk_widget_add_controller (video_area, GTK_EVENT_CONTROLLER (click));
}
