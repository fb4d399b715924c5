/* kling-editor-page-actions.c — the editor's actions: "editor.*"
 *
 * Installed on the class: the page's buttons are plain GtkActionables that
 * name them, and the keys (kling-editor-page-keys.c) activate them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-editor-page-private.h"

void
_kling_editor_page_update_actions (KlingEditorPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_image = kling_editor_page_get_has_image (self);
  g_autofree char *problem = NULL;

  if (self->document == NULL || self->params_panel == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "editor.undo", kling_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "editor.redo", kling_document_can_redo (self->document));
  g_object_get (self->params_panel, "problem", &problem, NULL);
  /* While the panel shows a problem, nothing can be sent. */
  gtk_widget_action_set_enabled (widget, "editor.submit", has_image && problem == NULL);
  gtk_widget_action_set_enabled (widget, "editor.zoom-in", has_image);
  gtk_widget_action_set_enabled (widget, "editor.zoom-out", has_image);
  gtk_widget_action_set_enabled (widget, "editor.zoom-fit", has_image);
  _kling_editor_page_update_refine_actions (self);
}

/* — the request — */

/* The request the draft makes, valid, or %NULL with @field naming where
 * the problem is. */
static KlingRequest *
build_request (KlingEditorPage  *self,
               const char      **field,
               GError          **error)
{
  g_autoptr(KlingRequest) request = kling_draft_to_request (kling_document_get_draft (self->document), error);

  if (field != NULL)
    *field = NULL;
  if (request == NULL)
    {
      if (field != NULL)
        *field = "motion_brush";
      return NULL;
    }
  if (!kling_request_validate_field (request, field, error))
    return NULL;
  return g_steal_pointer (&request);
}

/**
 * kling_editor_page_build_body:
 * @field: (out) (optional): on a problem, names where it is
 *
 * Builds what would be sent.
 */
GBytes *
kling_editor_page_build_body (KlingEditorPage  *self,
                              const char      **field,
                              GError          **error)
{
  g_autoptr(KlingRequest) request = build_request (self, field, error);

  return request != NULL ? kling_request_build_body (request, error) : NULL;
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = kling_params_panel_get_problem (self->params_panel);
  const char *field = NULL;
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;

  /* Nothing is sent unless the whole request is valid; the problem is shown
   * where it is, in the panel, in words that name the field (Generate is
   * insensitive meanwhile, and its tooltip says why). */
  if (problem != NULL)
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      return;
    }
  request = build_request (self, &field, &error);
  if (request != NULL)
    body = kling_request_build_body (request, &error);
  if (body == NULL)
    {
      _kling_editor_page_focus_problem (self, error, field);
      return;
    }
  _kling_editor_page_emit_submit (self, body, request);
}

/* — editing — */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  if (g_str_equal (action_name, "editor.undo"))
    kling_document_undo (self->document);
  else
    kling_document_redo (self->document);
}

static void
brush_size_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  gboolean larger = g_str_equal (g_variant_get_string (parameter, NULL), "grow");
  double size = kling_canvas_get_brush_size (self->canvas);

  /* Steps grow with the size, as in painting programs. */
  size = larger ? MAX (size + 1, size * 1.15) : MIN (size - 1, size / 1.15);
  kling_canvas_set_brush_size (self->canvas, size);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);
  double cx, cy;

  if (!_kling_editor_page_is_shown (self))
    return;
  cx = gtk_widget_get_width (GTK_WIDGET (self->canvas)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (self->canvas)) / 2.0;

  if (g_str_equal (action_name, "editor.zoom-fit"))
    kling_canvas_zoom_to_fit (self->canvas);
  else
    kling_canvas_zoom_by (self->canvas, g_str_equal (action_name, "editor.zoom-in") ? 1.25 : 0.8, cx, cy);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  if (!_kling_editor_page_is_shown (self))
    return;
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The selected region's name, in the side panel (shown if folded). */
static void
rename_region_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  kling_region_list_rename (self->region_list, kling_region_list_get_selected (self->region_list));
}

static void
toggle_preview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlingEditorPage *self = KLING_EDITOR_PAGE (widget);

  kling_motion_preview_set_active (self->motion_preview,
                                   !kling_motion_preview_get_active (self->motion_preview));
}

void
_kling_editor_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_action);
  gtk_widget_class_install_property_action (widget_class, "editor.tool", "tool");
  gtk_widget_class_install_property_action (widget_class, "editor.region", "region");
  gtk_widget_class_install_action (widget_class, "editor.brush-size", "s", brush_size_action);
  gtk_widget_class_install_action (widget_class, "editor.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "editor.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "editor.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "editor.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "editor.rename-region", NULL, rename_region_action);
  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "editor.toggle-preview", NULL, toggle_preview_action);
}
