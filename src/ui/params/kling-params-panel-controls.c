/* kling-params-panel-controls.c — motion brush, end frame, camera control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kling takes one of three controls per task (kling-api.md §2). Motion
 * brush is in use whenever regions are painted; the "Extra control" combo
 * chooses between none, an end frame and camera control, so those two can
 * never both be sent. A clash with painted regions is explained, never
 * resolved by throwing away the user's paint or end frame, and what the
 * chosen model cannot do is greyed out with the reason.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kling-capabilities.h"
#include "kling-choices.h"
#include "kling-params-panel-private.h"

#define THUMBNAIL_SIZE 96   /* pixels decoded; shown at 48 */

/* Image-to-video takes only "simple" (kling-api.md §2): the presets
 * (down_back, forward_up, …) are text-to-video only. */
static const char * const camera_types[] = { "simple" };

static const char * const camera_type_labels[G_N_ELEMENTS (camera_types)] = {
  N_("Simple (one axis)")
};

static const char * const camera_axis_labels[KLING_CAMERA_N_AXES] = {
  N_("Horizontal"), N_("Vertical"), N_("Pan"), N_("Tilt"), N_("Roll"), N_("Zoom")
};

static const char * const control_labels[] = {
  N_("None"), N_("End frame"), N_("Camera control")
};

static KlingControl
get_control (KlingParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->control_row);

  return selected < G_N_ELEMENTS (control_labels) ? (KlingControl) selected : KLING_CONTROL_NONE;
}

static gboolean
control_supported (KlingParamsPanel *self,
                   KlingControl      control)
{
  const char *model = kling_request_get_model (self->request);
  const char *mode = kling_request_get_mode (self->request);
  const char *duration = kling_request_get_duration (self->request);

  switch (control)
    {
    case KLING_CONTROL_END_FRAME:
      return kling_capabilities_supports_end_frame (model, mode, duration);
    case KLING_CONTROL_CAMERA:
      return kling_capabilities_supports_camera_control (model, mode, duration);
    case KLING_CONTROL_NONE:
    default:
      return TRUE;
    }
}

static gboolean
camera_is_simple (KlingParamsPanel *self)
{
  return adw_combo_row_get_selected (self->camera_type_row) == 0;
}

/* Writing into the request */

static void
write_camera (KlingParamsPanel *self)
{
  double config[KLING_CAMERA_N_AXES] = { 0 };
  guint type = adw_combo_row_get_selected (self->camera_type_row);
  guint axis = adw_combo_row_get_selected (self->camera_axis_row);

  if (type >= G_N_ELEMENTS (camera_types))
    type = 0;
  /* simple takes exactly one non-zero axis; the other types no config */
  if (type == 0 && axis < KLING_CAMERA_N_AXES)
    config[axis] = gtk_range_get_value (self->camera_value);
  kling_request_set_camera_control (self->request, camera_types[type], config);
}

static void
write_control (KlingParamsPanel *self)
{
  KlingControl control = get_control (self);

  kling_request_set_image_tail (self->request,
                                control == KLING_CONTROL_END_FRAME ? self->end_frame : NULL);
  if (control == KLING_CONTROL_CAMERA)
    write_camera (self);
  else
    kling_request_set_camera_control (self->request, NULL, NULL);
}

/* The end frame row */

static GdkPaintable *
make_thumbnail (KlingImage *image)
{
  GBytes *bytes = kling_image_get_bytes (image);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (bytes == NULL)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, THUMBNAIL_SIZE, THUMBNAIL_SIZE,
                                                TRUE, NULL, NULL);
  return pixbuf != NULL ? GDK_PAINTABLE (gdk_texture_new_for_pixbuf (pixbuf)) : NULL;
}

static void
update_end_frame_row (KlingParamsPanel *self)
{
  g_autoptr(GdkPaintable) thumbnail = NULL;
  g_autofree char *subtitle = NULL;

  if (self->end_frame == NULL)
    subtitle = g_strdup (_("No image chosen yet"));
  else if (kling_image_get_width (self->end_frame) > 0)
    subtitle = g_strdup_printf (_("%s, %d × %d"), kling_image_get_name (self->end_frame),
                                kling_image_get_width (self->end_frame),
                                kling_image_get_height (self->end_frame));
  else
    subtitle = g_strdup (kling_image_is_url (self->end_frame)
                         ? kling_image_get_url (self->end_frame)
                         : kling_image_get_name (self->end_frame));
  adw_action_row_set_subtitle (self->end_frame_row, subtitle);

  if (self->end_frame != NULL)
    thumbnail = make_thumbnail (self->end_frame);
  if (thumbnail != NULL)
    gtk_image_set_from_paintable (self->end_frame_thumb, thumbnail);
  else
    gtk_image_set_from_icon_name (self->end_frame_thumb, "image-x-generic-symbolic");
  gtk_widget_set_visible (self->end_frame_remove, self->end_frame != NULL);
}

/* What the combination cannot do, and what the chosen control clashes with */

static char *
describe_unsupported (KlingParamsPanel *self,
                      const char       *combination)
{
  gboolean end_frame = !control_supported (self, KLING_CONTROL_END_FRAME);
  gboolean camera = !control_supported (self, KLING_CONTROL_CAMERA);
  g_autofree char *where = NULL;

  if (end_frame && camera)
    return g_strdup_printf (_("%s cannot use an end frame or camera control."), combination);
  if (end_frame)
    return g_strdup_printf (_("%s cannot use an end frame."), combination);
  if (!camera)
    return NULL;
  where = kling_capabilities_describe_feature (KLING_FEATURE_CAMERA_CONTROL);
  return g_strdup_printf (_("%s cannot use camera control; it works only with %s."),
                          combination, where);
}

static char *
describe_control_problem (KlingParamsPanel *self,
                          KlingControl      control,
                          const char       *combination)
{
  const char *camera;

  if (kling_request_get_image_tail (self->request) != NULL &&
      kling_request_get_camera_control (self->request, NULL) != NULL)
    return g_strdup (_("Both an end frame and camera control are set, but only one can be "
                       "sent: choose one under Extra control."));
  if (control == KLING_CONTROL_NONE)
    return NULL;
  if (self->uses_motion_brush)
    return g_strdup (control == KLING_CONTROL_END_FRAME
                     ? _("Motion brush is in use: clear the painted regions to use an end frame")
                     : _("Motion brush is in use: clear the painted regions to use camera control"));
  if (!control_supported (self, control))
    return describe_unsupported (self, combination);
  if (control == KLING_CONTROL_END_FRAME &&
      g_strcmp0 (kling_request_get_sound (self->request), "on") == 0 &&
      !kling_capabilities_end_frame_with_sound (kling_request_get_model (self->request)))
    return g_strdup_printf (_("%s cannot make sound and use an end frame in one video: switch "
                              "Sound off, or set Extra control to None."),
                            kling_capabilities_get_display_name (kling_request_get_model (self->request)));
  if (control == KLING_CONTROL_END_FRAME && self->end_frame == NULL)
    return g_strdup (_("No end frame chosen yet: choose an image, or set Extra control to None."));
  camera = kling_request_get_camera_control (self->request, NULL);
  if (control == KLING_CONTROL_CAMERA && camera != NULL && !g_str_equal (camera, "simple"))
    return g_strdup_printf (_("Camera control: “%s” is a text-to-video preset; image-to-video "
                              "takes only “simple” (one axis)"), camera);
  if (control == KLING_CONTROL_CAMERA && camera_is_simple (self) &&
      gtk_range_get_value (self->camera_value) == 0.0)
    return g_strdup_printf (_("Camera control: choose an amount other than 0 for %s."),
                            _(camera_axis_labels[MIN (adw_combo_row_get_selected (self->camera_axis_row),
                                                      KLING_CAMERA_N_AXES - 1)]));
  return NULL;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* The popup of the control combo */

static void
update_control_item (KlingParamsPanel *self,
                     GtkListItem      *item)
{
  KlingControl control = gtk_list_item_get_position (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  gboolean supported = self->request == NULL || control_supported (self, control);

  gtk_list_item_set_activatable (item, supported);
  gtk_list_item_set_selectable (item, supported);
  gtk_widget_set_sensitive (child, supported);
  if (!supported)
    {
      g_autofree char *combination = kling_params_panel_describe_combination (self);
      g_autofree char *text = g_strdup_printf (_("Not with %s"), combination);

      kling_choices_item_set_caption (child, text);
    }
  else
    kling_choices_item_set_caption (child, NULL);
  kling_choices_item_set_checked (child, get_control (self) == control);
}

static void
setup_control_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    KlingParamsPanel         *self)
{
  gtk_list_item_set_child (item, kling_choices_item_new (24));
}

static void
bind_control_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   KlingParamsPanel         *self)
{
  kling_choices_item_set_name (gtk_list_item_get_child (item),
                               gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_ptr_array_add (self->control_items, item);
  update_control_item (self, item);
}

static void
unbind_control_item (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     KlingParamsPanel         *self)
{
  g_ptr_array_remove (self->control_items, item);
}

/* Reacting to the user */

static void
on_control_selected (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     KlingParamsPanel *self)
{
  if (self->updating > 0 || self->request == NULL)
    return;
  write_control (self);
  kling_params_panel_controls_refresh (self);
  kling_params_panel_emit_changed (self);
}

static void
camera_changed (KlingParamsPanel *self)
{
  if (self->updating > 0 || self->request == NULL)
    return;
  if (get_control (self) == KLING_CONTROL_CAMERA)
    {
      write_camera (self);
      kling_params_panel_emit_changed (self);
    }
  kling_params_panel_controls_refresh (self);
}

static void
on_camera_changed (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   KlingParamsPanel *self)
{
  camera_changed (self);
}

static void
on_camera_value_changed (GtkRange         *range,
                         KlingParamsPanel *self)
{
  camera_changed (self);
}

static void
on_end_frame_choose_clicked (GtkButton        *button,
                             KlingParamsPanel *self)
{
  g_signal_emit_by_name (self, "end-frame-requested");
}

static void
on_end_frame_remove_clicked (GtkButton        *button,
                             KlingParamsPanel *self)
{
  kling_params_panel_set_end_frame (self, NULL);
  kling_params_panel_show_widget (self, self->end_frame_choose);
}

/**
 * kling_params_panel_set_end_frame:
 * @image: (nullable): the end frame, or %NULL to remove it
 *
 * Shows @image's name, size and thumbnail. An image chooses End frame as
 * the extra control. Emits "changed" when a request is being edited.
 */
void
kling_params_panel_set_end_frame (KlingParamsPanel *self,
                                  KlingImage       *image)
{
  g_return_if_fail (KLING_IS_PARAMS_PANEL (self));

  if (image != NULL)
    kling_image_ref (image);
  g_clear_pointer (&self->end_frame, kling_image_unref);
  self->end_frame = image;
  update_end_frame_row (self);

  if (self->request == NULL)
    return;
  if (image != NULL && get_control (self) != KLING_CONTROL_END_FRAME)
    {
      self->updating++;
      adw_combo_row_set_selected (self->control_row, KLING_CONTROL_END_FRAME);
      self->updating--;
    }
  write_control (self);
  kling_params_panel_controls_refresh (self);
  if (self->updating == 0)
    kling_params_panel_emit_changed (self);
}

/* For the main file */

void
kling_params_panel_controls_refresh (KlingParamsPanel *self)
{
  KlingControl control = get_control (self);
  gboolean camera = control == KLING_CONTROL_CAMERA;
  g_autofree char *combination = kling_params_panel_describe_combination (self);
  g_autofree char *note = NULL;
  g_autofree char *problem = describe_control_problem (self, control, combination);

  gtk_widget_set_visible (GTK_WIDGET (self->end_frame_row), control == KLING_CONTROL_END_FRAME);
  /* one type only: nothing to choose */
  gtk_widget_set_visible (GTK_WIDGET (self->camera_type_row), camera && G_N_ELEMENTS (camera_types) > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->camera_axis_row), camera && camera_is_simple (self));
  gtk_widget_set_visible (self->camera_value_row, camera && camera_is_simple (self));

  kling_params_panel_brush_refresh (self, combination);

  /* What the combination cannot do is a note, unless it is the chosen
   * control: then the problem says it. */
  if (control == KLING_CONTROL_NONE || control_supported (self, control))
    note = describe_unsupported (self, combination);
  set_label (self->control_note, note);
  set_label (self->control_problem, problem);

  for (guint i = 0; i < self->control_items->len; i++)
    update_control_item (self, g_ptr_array_index (self->control_items, i));
  kling_params_panel_update_problem (self);
}

void
kling_params_panel_controls_load (KlingParamsPanel *self)
{
  KlingImage *tail = kling_request_get_image_tail (self->request);
  double config[KLING_CAMERA_N_AXES];
  const char *camera = kling_request_get_camera_control (self->request, config);
  guint axis = 0;

  g_clear_pointer (&self->end_frame, kling_image_unref);
  self->end_frame = tail != NULL ? kling_image_ref (tail) : NULL;
  update_end_frame_row (self);

  if (camera != NULL)
    {
      guint type = 0;

      for (guint i = 0; i < G_N_ELEMENTS (camera_types); i++)
        if (g_str_equal (camera_types[i], camera))
          type = i;
      for (guint i = KLING_CAMERA_N_AXES; i-- > 0;)
        if (config[i] != 0.0)
          axis = i;
      adw_combo_row_set_selected (self->camera_type_row, type);
      adw_combo_row_set_selected (self->camera_axis_row, axis);
      gtk_range_set_value (self->camera_value, config[axis]);
    }

  adw_combo_row_set_selected (self->control_row,
                              tail != NULL ? KLING_CONTROL_END_FRAME
                              : camera != NULL ? KLING_CONTROL_CAMERA
                              : KLING_CONTROL_NONE);
}

/* The controls the request uses, for a model change to keep them working. */
guint
kling_params_panel_controls_in_use (KlingParamsPanel *self)
{
  switch (get_control (self))
    {
    case KLING_CONTROL_END_FRAME:
      return KLING_FEATURE_END_FRAME;
    case KLING_CONTROL_CAMERA:
      return KLING_FEATURE_CAMERA_CONTROL;
    case KLING_CONTROL_NONE:
    default:
      return self->uses_motion_brush ? KLING_FEATURE_MOTION_BRUSH : 0;
    }
}

gboolean
kling_params_panel_controls_focus (KlingParamsPanel *self,
                                   const char       *field)
{
  KlingControl control = get_control (self);
  GtkWidget *target;

  if (g_str_equal (field, "image_tail"))
    target = control == KLING_CONTROL_END_FRAME ? self->end_frame_choose
                                                : GTK_WIDGET (self->control_row);
  else if (g_str_equal (field, "camera_control"))
    target = control != KLING_CONTROL_CAMERA ? GTK_WIDGET (self->control_row)
             : camera_is_simple (self) ? GTK_WIDGET (self->camera_value)
             : GTK_WIDGET (self->camera_type_row);
  else if (g_str_equal (field, "motion_brush") || g_str_equal (field, "static_mask") ||
           g_str_equal (field, "dynamic_masks"))
    target = gtk_widget_get_visible (self->motion_brush_warning)
             ? self->motion_brush_fix_button : GTK_WIDGET (self->motion_brush_row);
  else
    return FALSE;

  kling_params_panel_show_widget (self, target);
  return TRUE;
}

static GListModel *
new_translated_list (const char * const *labels,
                     guint               n_labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, _(labels[i]));
  return G_LIST_MODEL (list);
}

void
kling_params_panel_controls_init (KlingParamsPanel *self)
{
  g_autoptr(GListModel) controls = new_translated_list (control_labels, G_N_ELEMENTS (control_labels));
  g_autoptr(GListModel) types = new_translated_list (camera_type_labels, G_N_ELEMENTS (camera_type_labels));
  g_autoptr(GListModel) axes = new_translated_list (camera_axis_labels, KLING_CAMERA_N_AXES);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->control_items = g_ptr_array_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_control_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_control_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_control_item), self);
  adw_combo_row_set_list_factory (self->control_row, factory);
  adw_combo_row_set_model (self->control_row, controls);
  adw_combo_row_set_model (self->camera_type_row, types);
  adw_combo_row_set_model (self->camera_axis_row, axes);
  update_end_frame_row (self);
}

void
kling_params_panel_controls_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, control_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, end_frame_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, end_frame_thumb);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, end_frame_remove);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, end_frame_choose);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, camera_type_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, camera_axis_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, camera_value_row);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, camera_value);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, control_note);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, control_problem);
  gtk_widget_class_bind_template_callback (widget_class, on_control_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_end_frame_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_end_frame_remove_clicked);
}
