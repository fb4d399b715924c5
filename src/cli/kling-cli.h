/* kling-cli.h — shared pieces of kling-studio-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kling-client.h"
#include "kling-credentials.h"
#include "kling-error.h"
#include "kling-task.h"
#include "kling-task-store.h"

G_BEGIN_DECLS

/* Exit codes of design.md §4. */
enum {
  KLING_CLI_EXIT_OK = 0,
  KLING_CLI_EXIT_FAILED = 1,
  KLING_CLI_EXIT_BAD_INPUT = 2,
  KLING_CLI_EXIT_UNAVAILABLE = 3,
  KLING_CLI_EXIT_UNCONFIRMED = 4,   /* may have been created; its answer was lost */
};

/* Runs the main context until an async call finishes. */
typedef struct {
  GAsyncResult *result;
} KlingCliWait;

void          kling_cli_wait_cb        (GObject      *source,
                                        GAsyncResult *result,
                                        gpointer      user_data);
GAsyncResult *kling_cli_wait           (KlingCliWait *wait);
GAsyncResult *kling_cli_wait_for_server (KlingCliWait *wait,
                                        KlingClient  *client);

KlingClient  *kling_cli_make_client    (GError      **error);
KlingClient  *kling_cli_make_client_for (KlingProviderChoice choice,
                                        GError      **error);
/* "kling" or "fal" (--provider) → the choice; FALSE for another word. */
gboolean      kling_cli_parse_provider (const char   *text,
                                        KlingProviderChoice *choice);
int           kling_cli_exit_code      (const GError *error);
void          kling_cli_print_error    (const char   *text);
int           kling_cli_fail           (const GError *error);
int           kling_cli_usage_error    (const char   *format,
                                        ...) G_GNUC_PRINTF (1, 2);
void          kling_cli_print_task_failure (const char *id,
                                            const char *reason,
                                            const char *request_id);
void          kling_cli_print_json     (JsonNode     *node);
JsonNode     *kling_cli_task_to_json   (const KlingTaskInfo *info,
                                        const char   *local_id,
                                        const char   *video_path);
void          kling_cli_print_task_info (const KlingTaskInfo *info);
void          kling_cli_print_task_json (KlingTask    *task,
                                         const char   *request_id);
gboolean      kling_cli_check_output   (const char   *output,
                                        GError      **error);
gboolean      kling_cli_download       (KlingClient  *client,
                                        const char   *url,
                                        const char   *output,
                                        GError      **error);

gboolean      kling_cli_load_store     (KlingTaskStore *store,
                                        GError      **error);
gboolean      kling_cli_save_copy      (const char   *source_path,
                                        const char   *output,
                                        GError      **error);
int           kling_cli_download_kept  (KlingClient         *client,
                                        KlingTaskStore      *store,
                                        KlingTask           *task,
                                        const KlingTaskInfo *info,
                                        const char          *output);

gboolean      kling_cli_parse_options  (GOptionContext      *context,
                                        const GOptionEntry  *entries,
                                        int                 *argc,
                                        char              ***argv,
                                        int                  n_args,
                                        const char          *arity_message,
                                        int                 *exit_code);
int           kling_cli_cancel         (int           argc,
                                        char        **argv);
int           kling_cli_submit         (int           argc,
                                        char        **argv);
int           kling_cli_export_tracks  (int           argc,
                                        char        **argv);

G_END_DECLS
