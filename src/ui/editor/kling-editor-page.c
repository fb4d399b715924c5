/* kling-editor-page.c — the editor: the picture, its regions and paths, the parameters
 *
 * The page owns the composition (a KlingDocument) and everything that edits
 * it: the canvas, the tool options, the region list and the parameters
 * panel. It keeps its own draft safe (autosave) and says, through "submit",
 * when a valid request is ready to go; where it goes is the window's
 * business. Its actions (kling-editor-page-actions.c) and keys
 * (kling-editor-page-keys.c) are the page's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-capabilities.h"
#include "kling-draft-problems.h"
#include "kling-editor-page-private.h"
#include "kling-motion-preview-bar.h"
#include "kling-toast.h"

G_DEFINE_FINAL_TYPE (KlingEditorPage, kling_editor_page, ADW_TYPE_BIN)

#define AUTOSAVE_DELAY_MS 1000

enum {
  PROP_0,
  PROP_HAS_IMAGE,
  PROP_TOOL,
  PROP_REGION,
  N_PROPS
};

enum {
  SUBMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The names the "editor.tool" action takes, in KlingTool's order. */
static const char * const tool_names[] = { "brush", "eraser", "fill", "trajectory", "select", "lasso" };

/* — for the part files — */

void
_kling_editor_page_toast (KlingEditorPage *self,
                          const char      *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  kling_toast_add (ADW_TOAST_OVERLAY (overlay), kling_toast_new_plain (text));
}

void
_kling_editor_page_emit_submit (KlingEditorPage *self,
                                GBytes          *body)
{
  g_signal_emit (self, signals[SUBMIT], 0, body);
}

/* The page is in front with an image in it: only then do the editor's keys
 * act, never on a composition the user cannot see. */
gboolean
_kling_editor_page_is_shown (KlingEditorPage *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self)) && kling_editor_page_get_has_image (self);
}

/* Shows a problem where it is: the parameter's control, or the region list. */
void
_kling_editor_page_focus_problem (KlingEditorPage *self,
                                  const GError    *error,
                                  const char      *field)
{
  _kling_editor_page_toast (self, error->message);
  if (field == NULL)
    return;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (g_str_equal (field, "image"))
    return;
  kling_params_panel_focus_field (self->params_panel, field);
}

/* — drafts and autosave — */

char *
kling_editor_page_get_autosave_path (void)
{
  const char *dir = g_getenv ("KLING_STUDIO_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "autosave" KLING_DRAFT_FILE_SUFFIX, NULL);
  return g_build_filename (g_get_user_data_dir (), "kling-studio", "autosave" KLING_DRAFT_FILE_SUFFIX, NULL);
}

/**
 * kling_editor_page_load_draft:
 * @draft: (transfer full): the composition to edit
 *
 * Replaces the composition with @draft's. The draft is no longer one saved
 * to a file: Ctrl+S asks where.
 */
gboolean
kling_editor_page_load_draft (KlingEditorPage  *self,
                              KlingDraft       *draft,
                              GError          **error)
{
  if (!kling_document_load_draft (self->document, draft, error))
    return FALSE;
  g_clear_pointer (&self->draft_path, g_free);
  return TRUE;
}

gboolean
kling_editor_page_save_draft (KlingEditorPage  *self,
                              const char       *path,
                              GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return kling_draft_save (kling_document_get_draft (self->document), path, error);
}

const char *
kling_editor_page_get_draft_path (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->draft_path;
}

void
kling_editor_page_set_draft_path (KlingEditorPage *self,
                                  const char      *path)
{
  g_return_if_fail (KLING_IS_EDITOR_PAGE (self));
  g_free (self->draft_path);
  self->draft_path = g_strdup (path);
}

/* Said once, above the canvas, until an autosave works again. */
static void
autosave_failed (KlingEditorPage *self,
                 const GError    *error)
{
  if (self->autosave_notice == NULL)
    {
      GtkWidget *content = adw_flap_get_content (self->flap);

      self->autosave_notice = kling_autosave_notice_new ();
      gtk_box_prepend (GTK_BOX (content), GTK_WIDGET (self->autosave_notice));
    }
  kling_autosave_notice_show (self->autosave_notice, error);
}

static gboolean
autosave_cb (gpointer user_data)
{
  KlingEditorPage *self = user_data;
  g_autofree char *path = kling_editor_page_get_autosave_path ();
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (kling_document_get_texture (self->document) == NULL)
    return G_SOURCE_REMOVE;
  if (!kling_editor_page_save_draft (self, path, &error))
    autosave_failed (self, error);
  else if (self->autosave_notice != NULL)
    kling_autosave_notice_hide (self->autosave_notice);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (KlingEditorPage *self)
{
  if (self->autosave_id != 0)
    g_source_remove (self->autosave_id);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
  _kling_editor_page_update_actions (self);
}

/* — the parameters panel — */

/* Two dynamic regions on the same pixels are named before anything is sent. */
static void
update_overlaps (KlingEditorPage *self)
{
  g_autofree char *overlaps = kling_draft_describe_overlaps (kling_document_get_draft (self->document));

  gtk_label_set_text (self->overlap_label, overlaps != NULL ? overlaps : "");
  gtk_widget_set_visible (GTK_WIDGET (self->overlap_label), overlaps != NULL);
}

static void
document_changed_cb (KlingEditorPage *self)
{
  kling_params_panel_set_uses_motion_brush (self->params_panel, kling_document_any_region_painted (self->document));
  update_overlaps (self);
}

/* A loaded draft brings a request of its own. */
static void
document_image_changed_cb (KlingEditorPage *self)
{
  kling_params_panel_set_request (self->params_panel, kling_document_get_request (self->document));
  document_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_IMAGE]);
  _kling_editor_page_update_actions (self);
}

/* — defaults — */

/**
 * kling_editor_page_apply_defaults:
 *
 * A new composition starts with the model, mode and duration chosen in
 * Preferences; a restored one keeps its own.
 */
void
kling_editor_page_apply_defaults (KlingEditorPage *self,
                                  GSettings       *settings)
{
  KlingRequest *request = kling_document_get_request (self->document);
  g_autofree char *model = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *duration = NULL;

  if (settings == NULL || kling_document_get_texture (self->document) != NULL)
    return;

  model = g_settings_get_string (settings, "default-model");
  mode = g_settings_get_string (settings, "default-mode");
  duration = g_settings_get_string (settings, "default-duration");
  if (kling_capabilities_has_model (model))
    kling_request_set_model (request, model);
  if (kling_capabilities_supports_mode (kling_request_get_model (request), mode))
    kling_request_set_mode (request, mode);
  if (kling_capabilities_supports_duration (kling_request_get_model (request),
                                            kling_request_get_mode (request), duration))
    kling_request_set_duration (request, duration);
  kling_params_panel_set_request (self->params_panel, request);
}

/* — view state — */

static void
update_zoom_label (KlingEditorPage *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", kling_canvas_get_zoom (self->canvas) * 100);

  gtk_label_set_text (self->zoom_label, text);
}

static void
tool_changed_cb (KlingEditorPage *self)
{
  KlingTool tool = kling_canvas_get_tool (self->canvas);

  /* The brush and the eraser share their options. */
  gtk_stack_set_visible_child_name (self->tool_options,
                                    tool == KLING_TOOL_ERASER ? "brush" : tool_names[tool]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
region_changed_cb (KlingEditorPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

static void
canvas_message_cb (KlingCanvas     *canvas,
                   const char      *text,
                   KlingEditorPage *self)
{
  _kling_editor_page_toast (self, text);
}

static void
smooth_toggled_cb (GtkCheckButton  *check,
                   KlingEditorPage *self)
{
  kling_canvas_set_smoothing (self->canvas, gtk_check_button_get_active (check));
}

static void
tolerance_changed_cb (GtkAdjustment   *adjustment,
                      KlingEditorPage *self)
{
  kling_canvas_set_fill_tolerance (self->canvas, gtk_adjustment_get_value (adjustment));
}

static void
set_tool_name (KlingEditorPage *self,
               const char      *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tool_names); i++)
    if (g_strcmp0 (name, tool_names[i]) == 0)
      kling_canvas_set_tool (self->canvas, (KlingTool) i);
}

/* — GObject — */

static void
kling_editor_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_HAS_IMAGE:
      g_value_set_boolean (value, kling_editor_page_get_has_image (self));
      break;
    case PROP_TOOL:
      g_value_set_string (value, tool_names[kling_canvas_get_tool (self->canvas)]);
      break;
    case PROP_REGION:
      g_value_set_int (value, kling_canvas_get_region (self->canvas));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_editor_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      set_tool_name (self, g_value_get_string (value));
      break;
    case PROP_REGION:
      kling_region_list_set_selected (self->region_list, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kling_editor_page_dispose (GObject *object)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (object);

  /* Whatever is still waiting to be autosaved is saved now. */
  if (self->autosave_id != 0)
    {
      g_source_remove (self->autosave_id);
      autosave_cb (self);
    }
  _kling_editor_page_toolbar_dispose (self);
  /* The panel goes with the flap: nothing asks it anything after. */
  if (self->params_panel != NULL)
    g_signal_handlers_disconnect_by_data (self->params_panel, self);
  /* The bin lets go of the flap first, or it would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KLING_TYPE_EDITOR_PAGE);
  g_clear_object (&self->document);
  g_clear_pointer (&self->draft_path, g_free);
  /* a running export stops with the page (its toast says so) */
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  G_OBJECT_CLASS (kling_editor_page_parent_class)->dispose (object);
}

static void
kling_editor_page_class_init (KlingEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kling_editor_page_dispose;
  object_class->get_property = kling_editor_page_get_property;
  object_class->set_property = kling_editor_page_set_property;

  properties[PROP_HAS_IMAGE] =
    g_param_spec_boolean ("has-image", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "brush",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_int ("region", NULL, NULL, 0, KLING_N_REGIONS - 1, 1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlingEditorPage::submit:
   * @body: the request, valid, ready to be kept and sent
   */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  g_type_ensure (KLING_TYPE_CANVAS);
  g_type_ensure (KLING_TYPE_REGION_LIST);
  g_type_ensure (KLING_TYPE_PARAMS_PANEL);
  g_type_ensure (KLING_TYPE_MOTION_PREVIEW);
  g_type_ensure (KLING_TYPE_MOTION_PREVIEW_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/klingstudio/KlingStudio/kling-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, flap);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, motion_preview);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, preview_button);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, region_list);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, overlap_label);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, params_panel);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, tool_options);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, hardness_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, tolerance_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, smooth_check);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, timing_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlingEditorPage, zoom_label);

  _kling_editor_page_class_actions_init (widget_class);
  _kling_editor_page_class_keys_init (widget_class);
  _kling_editor_page_class_refine_init (widget_class);
  _kling_editor_page_class_toolbar_init (widget_class);
}

static void
kling_editor_page_init (KlingEditorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document = kling_document_new ();
  kling_canvas_set_document (self->canvas, self->document);
  kling_region_list_set_document (self->region_list, self->document);

  g_object_bind_property (self->size_adjustment, "value", self->canvas, "brush-size",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->hardness_adjustment, "value", self->canvas, "hardness",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->region_list, "selected", self->canvas, "region",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->preview_button, "active", self->motion_preview, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  _kling_editor_page_timing_init (self);
  g_signal_connect (self->tolerance_adjustment, "value-changed", G_CALLBACK (tolerance_changed_cb), self);
  g_signal_connect (self->smooth_check, "toggled", G_CALLBACK (smooth_toggled_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (update_zoom_label), self);
  g_signal_connect_swapped (self->canvas, "notify::tool", G_CALLBACK (tool_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::region", G_CALLBACK (region_changed_cb), self);
  g_signal_connect (self->canvas, "message", G_CALLBACK (canvas_message_cb), self);
  g_signal_connect_swapped (self->params_panel, "changed", G_CALLBACK (kling_document_emit_changed), self->document);
  g_signal_connect_swapped (self->params_panel, "notify::problem", G_CALLBACK (_kling_editor_page_update_actions), self);

  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (schedule_autosave), self);
  g_signal_connect_swapped (kling_document_get_history (self->document), "notify::can-undo",
                            G_CALLBACK (_kling_editor_page_update_actions), self);
  g_signal_connect_swapped (kling_document_get_history (self->document), "notify::can-redo",
                            G_CALLBACK (_kling_editor_page_update_actions), self);
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "image-changed", G_CALLBACK (document_image_changed_cb), self);
  kling_params_panel_set_request (self->params_panel, kling_document_get_request (self->document));
  document_changed_cb (self);

  update_zoom_label (self);
  tool_changed_cb (self);
  _kling_editor_page_keys_init (self);
  _kling_editor_page_refine_init (self);
  _kling_editor_page_toolbar_init (self);
  _kling_editor_page_update_actions (self);
}

GtkWidget *
kling_editor_page_new (void)
{
  return g_object_new (KLING_TYPE_EDITOR_PAGE, NULL);
}

/* — getters — */

KlingDocument *
kling_editor_page_get_document (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->document;
}

KlingCanvas *
kling_editor_page_get_canvas (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->canvas;
}

KlingRegionList *
kling_editor_page_get_region_list (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->region_list;
}

KlingParamsPanel *
kling_editor_page_get_params_panel (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->params_panel;
}

AdwFlap *
kling_editor_page_get_flap (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->flap;
}

GtkStack *
kling_editor_page_get_tool_options (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), NULL);
  return self->tool_options;
}

gboolean
kling_editor_page_get_has_image (KlingEditorPage *self)
{
  g_return_val_if_fail (KLING_IS_EDITOR_PAGE (self), FALSE);
  return self->document != NULL && kling_document_get_texture (self->document) != NULL;
}

void
kling_editor_page_focus_canvas (KlingEditorPage *self)
{
  g_return_if_fail (KLING_IS_EDITOR_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}
