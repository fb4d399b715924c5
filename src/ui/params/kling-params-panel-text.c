/* kling-params-panel-text.c — the prompt and negative prompt boxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each box counts characters against Kling's limit as the user types and
 * explains the limit when it is passed. The text is never cut: the user
 * decides what to drop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kling-params-panel-private.h"

/* The prompt boxes grow from 3 to 6 lines, then scroll. */
#define PROMPT_MIN_LINES 3
#define PROMPT_MAX_LINES 6
#define PROMPT_MARGINS 16   /* top-margin + bottom-margin in the .ui */

static char *
get_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The counter turns red and the limit is explained; the text itself is
 * never cut, the user decides what to drop. */
static void
update_counter (GtkLabel   *counter,
                GtkLabel   *problem,
                const char *text,
                gboolean    negative)
{
  glong length = g_utf8_strlen (text, -1);
  gboolean too_long = length > KLING_REQUEST_MAX_PROMPT;
  g_autofree char *count = g_strdup_printf (_("%ld / %d"), length, KLING_REQUEST_MAX_PROMPT);

  gtk_label_set_text (counter, count);
  if (too_long)
    {
      g_autofree char *message = NULL;

      if (negative)
        message = g_strdup_printf (_("The negative prompt has %ld characters; Kling takes at most %d. "
                                     "Shorten it by %ld."),
                                   length, KLING_REQUEST_MAX_PROMPT, length - KLING_REQUEST_MAX_PROMPT);
      else
        message = g_strdup_printf (_("The prompt has %ld characters; Kling takes at most %d. "
                                     "Shorten it by %ld."),
                                   length, KLING_REQUEST_MAX_PROMPT, length - KLING_REQUEST_MAX_PROMPT);
      gtk_label_set_text (problem, message);
      gtk_widget_remove_css_class (GTK_WIDGET (counter), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (counter), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (counter), "error");
      gtk_widget_add_css_class (GTK_WIDGET (counter), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (problem), too_long);
}

/* A prompt box is as tall as its text, from 3 to 6 lines, then scrolls.
 * Lines are measured in the font actually used, so a larger text size
 * still shows 3 to 6 lines. */
static void
fit_text_height (KlingParamsPanel  *self,
                 GtkScrolledWindow *scroller,
                 GtkTextView       *view)
{
  int low = PROMPT_MIN_LINES * self->line_height + PROMPT_MARGINS;
  int high = PROMPT_MAX_LINES * self->line_height + PROMPT_MARGINS;
  int natural = 0;
  int wanted;

  if (gtk_widget_get_width (GTK_WIDGET (view)) > 0)
    gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL,
                        gtk_widget_get_width (GTK_WIDGET (view)), NULL, &natural, NULL, NULL);
  wanted = CLAMP (natural, low, high);
  if (gtk_scrolled_window_get_min_content_height (scroller) != wanted)
    gtk_scrolled_window_set_min_content_height (scroller, wanted);
}

static gboolean
fit_text_heights (gpointer data)
{
  KlingParamsPanel *self = data;

  self->fit_source = 0;
  fit_text_height (self, self->prompt_scroller, self->prompt_view);
  fit_text_height (self, self->negative_scroller, self->negative_view);
  return G_SOURCE_REMOVE;
}

/* After the text view has laid out the change (its validation runs at a
 * higher priority than idle). */
static void
queue_fit_text_heights (KlingParamsPanel *self)
{
  if (self->fit_source == 0)
    self->fit_source = g_idle_add (fit_text_heights, self);
}

/* A wheel over a prompt box scrolls the box while it can, then the panel:
 * GtkScrolledWindow keeps every scroll it could take, even at its end, so
 * a pointer resting on a prompt would otherwise hold the panel still. */
static gboolean
text_scrolled (GtkEventControllerScroll *controller,
               double                    dx,
               double                    dy,
               KlingParamsPanel         *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *inner = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (box));
  GtkAdjustment *outer = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (inner);
  double end = gtk_adjustment_get_upper (inner) - gtk_adjustment_get_page_size (inner);
  double unit = 1;

  if (dy == 0 || (dy < 0 && value > gtk_adjustment_get_lower (inner)) || (dy > 0 && value < end))
    return GDK_EVENT_PROPAGATE;
  /* As GtkScrolledWindow itself reckons a wheel's notch. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    unit = pow (gtk_adjustment_get_page_size (outer), 2.0 / 3.0);
  gtk_adjustment_set_value (outer, gtk_adjustment_get_value (outer) + dy * unit);
  return GDK_EVENT_STOP;
}

static void
init_text_heights (KlingParamsPanel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->prompt_view));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  GtkScrolledWindow *scrollers[] = { self->prompt_scroller, self->negative_scroller };

  self->line_height = PANGO_PIXELS (pango_font_metrics_get_height (metrics));
  pango_font_metrics_unref (metrics);
  if (self->line_height <= 0)
    self->line_height = 20;
  for (guint i = 0; i < G_N_ELEMENTS (scrollers); i++)
    {
      GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

      gtk_scrolled_window_set_min_content_height (scrollers[i],
                                                  PROMPT_MIN_LINES * self->line_height + PROMPT_MARGINS);
      gtk_scrolled_window_set_max_content_height (scrollers[i],
                                                  PROMPT_MAX_LINES * self->line_height + PROMPT_MARGINS);
      gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
      g_signal_connect (wheel, "scroll", G_CALLBACK (text_scrolled), self);
      gtk_widget_add_controller (GTK_WIDGET (scrollers[i]), wheel);
      /* a new width wraps the text anew */
      g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (scrollers[i]), "changed",
                                G_CALLBACK (queue_fit_text_heights), self);
    }
}

static void
on_text_changed (GtkTextBuffer    *buffer,
                 KlingParamsPanel *self)
{
  gboolean negative = buffer == gtk_text_view_get_buffer (self->negative_view);
  g_autofree char *text = get_view_text (negative ? self->negative_view : self->prompt_view);

  if (negative)
    update_counter (self->negative_counter, self->negative_problem, text, TRUE);
  else
    update_counter (self->prompt_counter, self->prompt_problem, text, FALSE);
  queue_fit_text_heights (self);
  kling_params_panel_update_problem (self);

  if (self->updating > 0 || self->request == NULL)
    return;
  if (negative)
    kling_request_set_negative_prompt (self->request, text);
  else
    kling_request_set_prompt (self->request, text);
  kling_params_panel_emit_changed (self);
}

/* For the main file */

void
kling_params_panel_text_load (KlingParamsPanel *self)
{
  const char *prompt = self->request != NULL ? kling_request_get_prompt (self->request) : NULL;
  const char *negative = self->request != NULL ? kling_request_get_negative_prompt (self->request) : NULL;

  self->updating++;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view),
                            prompt != NULL ? prompt : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->negative_view),
                            negative != NULL ? negative : "", -1);
  self->updating--;
}

void
kling_params_panel_text_init (KlingParamsPanel *self)
{
  g_signal_connect (gtk_text_view_get_buffer (self->prompt_view), "changed",
                    G_CALLBACK (on_text_changed), self);
  g_signal_connect (gtk_text_view_get_buffer (self->negative_view), "changed",
                    G_CALLBACK (on_text_changed), self);
  update_counter (self->prompt_counter, self->prompt_problem, "", FALSE);
  update_counter (self->negative_counter, self->negative_problem, "", TRUE);
  init_text_heights (self);
}

void
kling_params_panel_text_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, prompt_counter);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, prompt_scroller);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, prompt_problem);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, negative_counter);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, negative_scroller);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, negative_view);
  gtk_widget_class_bind_template_child (widget_class, KlingParamsPanel, negative_problem);
}
