/* kling-history-view-private.h — the history view's parts share this
 *
 * kling-history-view.c holds the view (its list, timer and public API),
 * kling-history-view-row.c one row (what it shows and says), and
 * kling-history-view-actions.c what a row's buttons and menu do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-choices.h"
#include "kling-history-view.h"

G_BEGIN_DECLS

typedef struct {
  KlingHistoryView *view;           /* unowned: the rows live inside it */
  KlingTask        *task;
  GCancellable     *cancellable;    /* the thumbnail being loaded */
  char             *thumbnail_path; /* the one shown or being loaded */
  GActionMap       *actions;        /* owned by the row widget */
  GtkWidget        *picture;
  GtkWidget        *prompt;
  GtkWidget        *meta;
  GtkWidget        *state_icon;
  GtkWidget        *state;
  GtkWidget        *play_button;
} KlingHistoryRow;

struct _KlingHistoryView
{
  GtkWidget             parent_instance;

  /* template children */
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled;
  GtkListBox           *list_box;
  GMenuModel           *row_menu;

  KlingTaskStore       *store;
  KlingPoller          *poller;
  gulong                finished_id;
  GSettings            *settings;
  AdwToastOverlay      *toast_overlay;    /* weak */
  GtkFilterListModel   *model;            /* the store without pending deletes */
  GtkCustomFilter      *filter;
  GHashTable           *pending_deletes;  /* KlingTask → AdwToast, both owned */
  AdwToast             *undo_toast;       /* the shown one new deletions join; unowned */
  GCancellable         *cancellable;      /* cancelled when the view goes */
  GtkFileChooserNative *chooser;

  guint                 timer_id;
  guint                 timer_period;     /* in seconds, 0 when stopped */
  gint64                ages_shown_us;    /* when the ages were last written */
  guint                 scroll_id;
  KlingTask            *scroll_to;
};

typedef enum {
  KLING_HISTORY_SIGNAL_PLAY,
  KLING_HISTORY_SIGNAL_OPEN_IN_EDITOR,
  KLING_HISTORY_SIGNAL_RETRY,
} KlingHistorySignal;


/* kling-history-view.c */
void             kling_history_view_emit           (KlingHistoryView   *self,
                                                    KlingHistorySignal  signal,
                                                    KlingTask          *task);
void             kling_history_view_show_toast     (KlingHistoryView   *self,
                                                    const char         *text);
void             kling_history_view_update_timer   (KlingHistoryView   *self);

/* kling-history-view-row.c */
GtkWidget       *kling_history_row_new             (gpointer            task,
                                                    gpointer            view);
KlingHistoryRow *kling_history_row_from_widget     (GtkWidget          *widget);
void             kling_history_row_update          (KlingHistoryRow    *row);
void             kling_history_row_update_state    (KlingHistoryRow    *row);
void             kling_history_row_update_meta     (KlingHistoryRow    *row);
gboolean         kling_history_row_can_check_now   (KlingHistoryRow    *row);

/* kling-history-view-actions.c */
void             kling_history_row_add_actions     (KlingHistoryRow    *row,
                                                    GtkWidget          *widget);
gboolean         kling_history_view_is_shown       (gpointer            task,
                                                    gpointer            view);
void             kling_history_view_commit_deletes (KlingHistoryView   *self);

G_END_DECLS
