/* kling-window-private.h — the window's halves share this
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-editor-page.h"

typedef struct _KlingHistoryView KlingHistoryView;
typedef struct _KlingPlayer KlingPlayer;
#include "kling-window.h"

G_BEGIN_DECLS

struct _KlingWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwSqueezer          *title_squeezer;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherBar   *switcher_bar;      /* made when the header is first too narrow */
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  AdwViewStack         *view_stack;
  GtkBox               *generations_slot;
  /* the Generations page, built when first shown (kling-window-generations.c) */
  AdwLeaflet           *generations_leaflet;
  GtkWidget            *generations_separator;
  AdwToastOverlay      *toast_overlay;
  AdwToast             *sent_toast;       /* weak: "Sent", until Generations shows */
  GtkStack             *stack;
  /* the editor page, built on first use (kling_window_ensure_editor) */
  KlingEditorPage      *editor_page;
  GtkBox               *content_box;
  GtkWidget            *header_bar;
  GtkWidget            *submit_button;
  /* the banner, built when first shown (ensure_banner) */
  GtkRevealer          *banner_revealer;
  GtkWidget            *download_bar;     /* under the header, while a picture downloads */
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkToggleButton      *panel_button;
  GtkWidget            *setup_button;

  /* the Generations page, built when first shown */
  KlingHistoryView     *history;
  KlingPlayer          *player;

  GSignalGroup         *app_signals;      /* the application's poller and setup state */
  GSignalGroup         *poller_signals;   /* generations that end (kling-window-generations.c) */
  GHashTable           *unseen;           /* local ids of results not yet seen */
  char                 *opened_task;      /* the generation last opened in the editor, */
  char                 *opened_checksum;  /* and its composition's checksum then */
  GCancellable         *cancellable;      /* cancelled when the window closes */
  GtkFileChooserNative *chooser;

  /* An image the API refuses, kept until the user fixes it. */
  GdkPixbuf            *pending_pixbuf;
  char                 *pending_name;

  gboolean              unsaved;          /* changed since last saved as a draft */
};

void     kling_window_ensure_editor     (KlingWindow *self);
void     kling_window_select_task       (KlingWindow *self,
                                         KlingTask   *task);
/* kling-window-export.c */
char    *kling_window_suggest_draft_name  (KlingWindow *self);
void     kling_window_export_motion_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data);
void     kling_window_export_tracks_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data);

void     kling_window_show_toast        (KlingWindow *self,
                                         const char  *text);
void     kling_window_open_bytes        (KlingWindow *self,
                                         GBytes      *bytes,
                                         const char  *name);
void     kling_window_open_url          (KlingWindow *self,
                                         const char  *url);
/* Downloads @url (with the window's progress bar and Cancel toast) and
 * gives @done its bytes; a failure is told in a toast, after @what
 * (nullable) if given, and @data is then freed with @destroy. */
typedef void (*KlingWindowUrlDone) (KlingWindow *self,
                                    GBytes      *bytes,
                                    const char  *name,
                                    gpointer     data);
void     kling_window_fetch_url         (KlingWindow        *self,
                                         const char         *url,
                                         const char         *what,
                                         KlingWindowUrlDone  done,
                                         gpointer            data,
                                         GDestroyNotify      destroy);
/* Reads a picture file likewise (no larger than a picture may be) and
 * gives @done its bytes, with no data. */
void     kling_window_read_picture      (KlingWindow        *self,
                                         GFile              *file,
                                         KlingWindowUrlDone  done);
gboolean kling_window_load_draft        (KlingWindow *self,
                                         const char  *path,
                                         GError     **error);
gboolean kling_window_load_draft_object (KlingWindow *self,
                                         KlingDraft  *draft,
                                         GError     **error);
void     kling_window_setup_generations (KlingWindow *self);
void     kling_window_dispose_generations (KlingWindow *self);
KlingDocument *kling_window_peek_document (KlingWindow *self);
void     kling_window_watch_application (KlingWindow      *self,
                                         KlingApplication *app);
gboolean kling_window_save_draft        (KlingWindow *self,
                                         const char  *path,
                                         GError     **error);
void     kling_window_submit_body       (KlingWindow *self,
                                         GBytes      *body);
void     kling_window_restore_autosave  (KlingWindow *self);
void     kling_window_fix_image         (KlingWindow *self);
void     kling_window_show_banner       (KlingWindow *self,
                                         const char  *message,
                                         GdkPixbuf   *pixbuf,
                                         const char  *name,
                                         gsize        n_bytes,
                                         guint        steps);
void     kling_window_hide_banner       (KlingWindow *self);
void     kling_window_show_editor       (KlingWindow *self);
void     kling_window_set_document_name (KlingWindow *self,
                                         const char  *name);

typedef void (*KlingWindowReplace) (KlingWindow *self,
                                    gpointer     data);
void     kling_window_replace_composition (KlingWindow        *self,
                                           const char         *name,
                                           KlingWindowReplace  replace,
                                           gpointer            data,
                                           GDestroyNotify      destroy);

typedef void (*KlingWindowFileDone) (KlingWindow *self,
                                     GFile       *file);
void     kling_window_choose_image      (KlingWindow         *self,
                                         const char          *title,
                                         KlingWindowFileDone  done);
GtkFileChooser *kling_window_new_chooser (KlingWindow          *self,
                                          const char           *title,
                                          GtkFileChooserAction  action,
                                          const char           *accept,
                                          GtkFileFilter        *filter,
                                          KlingWindowFileDone   done);

void     kling_window_setup_input       (KlingWindow *self);

/* kling-window-work.c */
void     kling_window_setup_work        (KlingWindow *self);
void     kling_window_follow_work       (KlingWindow *self);
void     kling_window_set_draft_path    (KlingWindow *self,
                                         const char  *path);
void     kling_window_announce_restored (KlingWindow *self);
void     kling_window_say_what_stays    (KlingWindow *self);
void     kling_window_update_actions    (KlingWindow *self);

G_END_DECLS
