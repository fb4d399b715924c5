/* kling-cli-submit.c — kling-studio-cli submit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "kling-cli.h"
#include "kling-cli-submit-controls.h"
#include "kling-draft.h"
#include "kling-poller.h"
#include "kling-request.h"
#include "kling-task-store.h"

typedef struct {
  char    *image;
  char    *prompt;
  char    *negative_prompt;
  char    *model;
  char    *mode;
  char    *duration;
  char    *cfg_scale;
  char    *aspect_ratio;
  char    *static_mask;
  char   **dynamic_masks;
  char   **trajectories;
  char    *draft;
  char    *output;
  char    *sound;
  char    *image_tail;
  char    *camera;
  gboolean allow_unknown_model;
  char    *provider;
  char    *create_request_id;   /* from the create's answer */
  gboolean wait;
  gboolean json;
} SubmitOptions;

static void
submit_options_clear (SubmitOptions *options)
{
  g_free (options->image);
  g_free (options->prompt);
  g_free (options->negative_prompt);
  g_free (options->model);
  g_free (options->mode);
  g_free (options->duration);
  g_free (options->cfg_scale);
  g_free (options->aspect_ratio);
  g_free (options->static_mask);
  g_strfreev (options->dynamic_masks);
  g_strfreev (options->trajectories);
  g_free (options->draft);
  g_free (options->output);
  g_free (options->sound);
  g_free (options->image_tail);
  g_free (options->camera);
  g_free (options->provider);
  g_free (options->create_request_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SubmitOptions, submit_options_clear)

static gboolean
apply_cfg_scale (KlingRequest  *request,
                 const char    *text,
                 GError       **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0')
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--cfg-scale: “%s” is not a number"), text);
      return FALSE;
    }
  kling_request_set_cfg_scale (request, value);
  return TRUE;
}

/* On the command line, points are whole image pixels, as an image editor
 * shows them (the app's own drafts keep fractions). */
static KlingTrajectory *
parse_trajectory (const char  *text,
                  GError     **error)
{
  g_autoptr(KlingTrajectory) trajectory = kling_trajectory_new_from_string (text, error);

  if (trajectory == NULL)
    return NULL;
  for (guint i = 0; i < kling_trajectory_get_n_points (trajectory); i++)
    {
      KlingPoint point = kling_trajectory_get_point (trajectory, i);

      if (point.x != floor (point.x) || point.y != floor (point.y))
        {
          g_autofree char *x = g_strdup_printf ("%g", point.x);
          g_autofree char *y = g_strdup_printf ("%g", point.y);

          g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                       _("Trajectory point %u (“%s,%s”) is not whole pixels: write integers, such as 120,340"),
                       i + 1, x, y);
          return NULL;
        }
    }
  return g_steal_pointer (&trajectory);
}

static gboolean
apply_masks (KlingRequest   *request,
             SubmitOptions  *options,
             GError        **error)
{
  guint n_masks = options->dynamic_masks ? g_strv_length (options->dynamic_masks) : 0;
  guint n_paths = options->trajectories ? g_strv_length (options->trajectories) : 0;

  if (n_masks != n_paths)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("Each --dynamic-mask needs its own --trajectory: %u masks and %u trajectories were given"),
                   n_masks, n_paths);
      return FALSE;
    }

  if (options->static_mask != NULL)
    {
      g_autoptr(KlingMask) mask = kling_mask_new_from_file (options->static_mask, error);

      if (mask == NULL)
        {
          g_prefix_error (error, _("Static mask: "));
          return FALSE;
        }
      kling_request_set_static_mask (request, mask);
    }

  /* Pairs given on the command line replace the draft's dynamic regions. */
  if (n_masks > 0)
    kling_request_clear_dynamic (request);

  for (guint i = 0; i < n_masks; i++)
    {
      g_autoptr(KlingMask) mask = kling_mask_new_from_file (options->dynamic_masks[i], error);
      g_autoptr(KlingTrajectory) trajectory = NULL;

      if (mask == NULL)
        {
          g_prefix_error (error, _("Dynamic brush %u: "), i + 1);
          return FALSE;
        }
      trajectory = parse_trajectory (options->trajectories[i], error);
      if (trajectory == NULL)
        {
          g_prefix_error (error, _("Dynamic brush %u: "), i + 1);
          return FALSE;
        }
      kling_request_add_dynamic (request, mask, trajectory);
    }
  return TRUE;
}

static gboolean
apply_controls (KlingRequest   *request,
                SubmitOptions  *options,
                GError        **error)
{
  if (options->image_tail != NULL &&
      !kling_cli_apply_image (request, options->image_tail, kling_request_set_image_tail, error))
    {
      g_prefix_error (error, _("End frame: "));
      return FALSE;
    }
  if (options->camera != NULL && !kling_cli_apply_camera (request, options->camera, error))
    return FALSE;
  return options->sound == NULL || kling_cli_apply_sound (request, options->sound, error);
}

static KlingRequest *
build_request (SubmitOptions  *options,
               GError        **error)
{
  g_autoptr(KlingRequest) request = NULL;

  if (options->draft != NULL)
    {
      g_autoptr(KlingDraft) draft = kling_draft_load (options->draft, error);

      if (draft == NULL)
        return NULL;
      request = kling_draft_to_request (draft, error);
      if (request == NULL)
        return NULL;
    }
  else
    {
      if (options->image == NULL)
        {
          g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                               _("submit needs --image FILE|URL (or --draft FILE)"));
          return NULL;
        }
      request = kling_request_new ();
    }

  if (options->image != NULL &&
      !kling_cli_apply_image (request, options->image, kling_request_set_image, error))
    return NULL;
  if (options->prompt != NULL)
    kling_request_set_prompt (request, options->prompt);
  if (options->negative_prompt != NULL)
    kling_request_set_negative_prompt (request, options->negative_prompt);
  if (options->model != NULL)
    kling_request_set_model (request, options->model);
  if (options->mode != NULL)
    kling_request_set_mode (request, options->mode);
  if (options->duration != NULL)
    kling_request_set_duration (request, options->duration);
  if (options->cfg_scale != NULL && !apply_cfg_scale (request, options->cfg_scale, error))
    return NULL;
  if (options->aspect_ratio != NULL)
    kling_request_set_aspect_ratio (request, options->aspect_ratio);
  if (!apply_masks (request, options, error) || !apply_controls (request, options, error))
    return NULL;
  kling_request_set_allow_unknown_model (request, options->allow_unknown_model);

  return g_steal_pointer (&request);
}

/* Sends the task's POST. The task is on disk first, marked SENDING, so that an
 * interrupted submission is looked up by its external_task_id, not repeated.
 * With @queue_when_busy, a create refused for want of a free slot (1302/1303,
 * after the client's own retries) is kept QUEUED for the poller to send again. */
static gboolean
send_task (KlingTaskStore  *store,
           KlingClient     *client,
           KlingTask       *task,
           GBytes          *body,
           gboolean         queue_when_busy,
           char           **out_request_id,
           GError         **error)
{
  KlingCliWait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KlingTaskInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  kling_task_set_state (task, KLING_TASK_STATE_SENDING);
  if (!kling_task_store_save (store, task, error))
    return FALSE;

  kling_client_create_task_async (client, body, kling_task_get_external_task_id (task),
                                  NULL, kling_cli_wait_cb, &wait);
  result = kling_cli_wait_for_server (&wait, client);
  info = kling_client_create_task_finish (client, result, &local_error);

  if (info == NULL && queue_when_busy &&
      g_error_matches (local_error, KLING_ERROR, KLING_ERROR_RATE_LIMITED))
    {
      /* The server created nothing: sending again later is safe. */
      kling_task_set_state (task, KLING_TASK_STATE_QUEUED);
      kling_task_set_status_message (task, local_error->message);
      return kling_task_store_save (store, task, error);
    }
  if (info == NULL)
    {
      /* Failed, not queued: nothing sends it again behind the user's back.
       * A create that may have arrived is kept as such, with its external
       * id, for status (and the app) to look up later. */
      kling_task_set_error (task, local_error);
      kling_task_set_state (task, g_error_matches (local_error, KLING_ERROR, KLING_ERROR_UNCONFIRMED)
                                  ? KLING_TASK_STATE_UNCONFIRMED : KLING_TASK_STATE_FAILED);
      kling_task_store_save (store, task, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  kling_task_update_from_info (task, info);
  *out_request_id = g_strdup (info->request_id);
  return kling_task_store_save (store, task, error);
}

/* A create that may have arrived: one line that says so and how to look it
 * up again; nothing was sent twice. */
static int
report_unconfirmed (KlingTask     *task,
                    const GError  *error,
                    SubmitOptions *options)
{
  g_printerr (_("kling-studio-cli: %s Look it up again with: kling-studio-cli status %s\n"),
              error->message, kling_task_get_local_id (task));
  if (options->json)
    kling_cli_print_task_json (task, options->create_request_id);
  return KLING_CLI_EXIT_UNCONFIRMED;
}

/* What submit --wait follows: one task, its id printed as soon as the server
 * gave it (so that a script has it even if waiting fails). */
typedef struct {
  KlingTask *task;
  gboolean   print_id;
  gboolean   finished;
  guint      save_failures;
} SubmitWait;

/* The poller keeps trying to save a video (the app waits for the user to
 * free some space); a script waiting on the CLI is told at once, and the
 * CLI stops after a few tries. Each failed try is reported at least once. */
#define MAX_SAVE_FAILURES 3

static void
check_save_failure (SubmitWait *wait)
{
  g_autoptr(GError) error = kling_task_dup_error (wait->task);

  if (!g_error_matches (error, KLING_ERROR, KLING_ERROR_IO) ||
      kling_task_get_state (wait->task) != KLING_TASK_STATE_SUCCEEDED)
    return;
  if (wait->save_failures++ == 0)
    {
      const char *id = kling_task_get_task_id (wait->task);
      g_autofree char *text = g_strdup_printf (_("task %s succeeded, but its video cannot be saved: %s "
                                                 "(trying a few more times; “kling-studio-cli download "
                                                 "%s --output FILE.mp4” fetches it later)"),
                                               id, error->message, id);
      kling_cli_print_error (text);
    }
  if (wait->save_failures >= MAX_SAVE_FAILURES)
    wait->finished = TRUE;
}

static void
print_id_once (SubmitWait *wait)
{
  if (!wait->print_id || kling_task_get_task_id (wait->task) == NULL)
    return;
  g_print ("%s\n", kling_task_get_task_id (wait->task));
  wait->print_id = FALSE;
}

static void
task_changed_cb (KlingPoller *poller,
                 KlingTask   *task,
                 gpointer     user_data)
{
  SubmitWait *wait = user_data;

  if (task != wait->task)
    return;
  print_id_once (wait);
  check_save_failure (wait);
}

static void
task_finished_cb (KlingPoller *poller,
                  KlingTask   *task,
                  gpointer     user_data)
{
  SubmitWait *wait = user_data;

  if (task == wait->task)
    wait->finished = TRUE;
}

static int
wait_failed (KlingTask     *task,
             SubmitOptions *options)
{
  g_autoptr(GError) error = kling_task_dup_error (task);
  const char *reason = kling_task_get_error_message (task);
  int exit_code;

  if (kling_task_get_state (task) == KLING_TASK_STATE_UNCONFIRMED && error != NULL)
    return report_unconfirmed (task, error, options);
  /* waiting ended without the video, and without a recorded error */
  if (error == NULL)
    error = g_error_new_literal (KLING_ERROR, KLING_ERROR_TASK_FAILED, "");
  if (reason == NULL)
    reason = kling_task_get_status_message (task);
  kling_cli_print_task_failure (kling_task_get_task_id (task) ? kling_task_get_task_id (task)
                                                              : kling_task_get_local_id (task),
                                reason, kling_task_get_request_id (task));
  if (options->json)
    kling_cli_print_task_json (task, options->create_request_id);

  /* 2 promises that nothing was sent; past the create, a local failure
   * (e.g. the disk) means the task did not deliver. */
  exit_code = kling_cli_exit_code (error);
  return exit_code == KLING_CLI_EXIT_BAD_INPUT ? KLING_CLI_EXIT_FAILED : exit_code;
}

static int
wait_for_video (KlingTaskStore *store,
                KlingClient    *client,
                KlingTask      *task,
                SubmitOptions  *options)
{
  g_autoptr(KlingPoller) poller = kling_poller_new (store, client);
  SubmitWait wait = { task, !options->json, FALSE };

  print_id_once (&wait);
  g_signal_connect (poller, "task-changed", G_CALLBACK (task_changed_cb), &wait);
  g_signal_connect (poller, "task-finished", G_CALLBACK (task_finished_cb), &wait);
  /* A QUEUED task is sent again, with the poller's backoff while no slot is free. */
  kling_poller_check_now (poller, task);

  while (!wait.finished)
    g_main_context_iteration (NULL, TRUE);
  kling_poller_stop (poller);

  /* already said */
  if (wait.save_failures >= MAX_SAVE_FAILURES)
    return KLING_CLI_EXIT_FAILED;
  if (kling_task_get_state (task) != KLING_TASK_STATE_SUCCEEDED ||
      kling_task_get_video_path (task) == NULL)
    return wait_failed (task, options);

  if (options->output != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kling_cli_save_copy (kling_task_get_video_path (task), options->output, &error))
        {
          g_printerr (_("kling-studio-cli: could not save the video to %s: %s (it is kept in %s)\n"),
                      options->output, error->message, kling_task_get_video_path (task));
          return KLING_CLI_EXIT_FAILED;
        }
    }

  if (options->json)
    kling_cli_print_task_json (task, options->create_request_id);
  return KLING_CLI_EXIT_OK;
}

/* What the options say together, before anything is built. */
static int
check_options (SubmitOptions       *options,
               KlingProviderChoice *choice)
{
  g_autoptr(GError) error = NULL;

  if (options->output != NULL && !options->wait)
    return kling_cli_usage_error (_("--output needs --wait"));
  if (options->provider != NULL && !kling_cli_parse_provider (options->provider, choice))
    return kling_cli_usage_error (_("--provider takes kling or fal, not “%s”"), options->provider);
  if (options->output != NULL && !kling_cli_check_output (options->output, &error))
    return kling_cli_fail (error);
  return KLING_CLI_EXIT_OK;
}

int
kling_cli_submit (int    argc,
                  char **argv)
{
  g_auto(SubmitOptions) options = { NULL };
  const GOptionEntry entries[] = {
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &options.image, N_("The start image (PNG or JPEG file, or URL)"), N_("FILE|URL") },
    { "prompt", 0, 0, G_OPTION_ARG_STRING, &options.prompt, N_("What should happen, at most 2500 characters"), N_("TEXT") },
    { "negative-prompt", 0, 0, G_OPTION_ARG_STRING, &options.negative_prompt, N_("What should not appear"), N_("TEXT") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options.model, N_("Model name (default kling-v1)"), N_("NAME") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &options.mode, N_("std or pro"), N_("MODE") },
    { "duration", 0, 0, G_OPTION_ARG_STRING, &options.duration, N_("Video length in whole seconds: 5 or 10; 3 to 15 with kling-v3"), N_("SECONDS") },
    { "cfg-scale", 0, 0, G_OPTION_ARG_STRING, &options.cfg_scale, N_("Guidance from 0 to 1"), N_("X") },
    { "aspect-ratio", 0, 0, G_OPTION_ARG_STRING, &options.aspect_ratio, N_("16:9, 9:16 or 1:1"), N_("RATIO") },
    { "static-mask", 0, 0, G_OPTION_ARG_FILENAME, &options.static_mask, N_("PNG of the area that stays still"), N_("PNG") },
    { "dynamic-mask", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.dynamic_masks, N_("PNG of an area that moves (up to 6, each with a --trajectory)"), N_("PNG") },
    { "trajectory", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.trajectories, N_("Path of the previous --dynamic-mask, image pixels from the top-left"), N_("x,y;x,y;…") },
    { "draft", 0, 0, G_OPTION_ARG_FILENAME, &options.draft, N_("Start from a .klingdraft saved by the app"), N_("FILE") },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &options.wait, N_("Wait for the video and download it"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("With --wait: where to save the video"), N_("FILE.mp4") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print JSON"), NULL },
    { "sound", 0, 0, G_OPTION_ARG_STRING, &options.sound, N_("Sound in the video: on or off (Kling v2.6 pro, Kling v3)"), N_("on|off") },
    { "image-tail", 0, 0, G_OPTION_ARG_FILENAME, &options.image_tail, N_("The end frame (PNG or JPEG file, or URL)"), N_("FILE|URL") },
    { "camera", 0, 0, G_OPTION_ARG_STRING, &options.camera, N_("Camera move on one axis (horizontal, vertical, pan, tilt, roll, zoom) from -10 to 10"), N_("simple:AXIS=VALUE") },
    { "allow-unknown-model", 0, 0, G_OPTION_ARG_NONE, &options.allow_unknown_model, N_("Send a --model the table does not know, unchecked"), NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options.provider, N_("Where to send it: kling (the settings’ Kling provider) or fal (FAL_KEY)"), N_("kling|fal") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send an image-to-video task"));
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GError) error = NULL;
  KlingProviderChoice choice = KLING_PROVIDER_CHOICE_SETTINGS;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kling_cli_usage_error ("%s", error->message);
  if (argc != 1)
    return kling_cli_usage_error (_("submit takes no arguments besides options: “%s”"), argv[1]);
  if ((status = check_options (&options, &choice)) != KLING_CLI_EXIT_OK)
    return status;

  /* Everything is checked before anything is sent. */
  request = build_request (&options, &error);
  if (request != NULL)
    body = kling_request_build_body (request, &error);
  if (body == NULL)
    return kling_cli_fail (error);
  kling_cli_warn_unchecked (request);

  client = kling_cli_make_client_for (choice, &error);
  /* What this provider refuses is said before anything is kept or sent. */
  if (client == NULL || !kling_client_check_body (client, body, &error))
    return kling_cli_fail (error);

  store = kling_task_store_new (kling_task_store_default_dir ());
  if (!kling_cli_load_store (store, &error))
    return kling_cli_fail (error);
  /* A draft's timed paths are kept as drawn, as the app keeps them. */
  task = kling_task_store_create_full (store, body, request, kling_client_get_base_url (client),
                                       kling_client_get_auth_mode (client), &error);
  if (task == NULL)
    return kling_cli_fail (error);
  g_object_ref (task);

  if (!send_task (store, client, task, body, options.wait, &options.create_request_id, &error))
    {
      if (g_error_matches (error, KLING_ERROR, KLING_ERROR_UNCONFIRMED))
        return report_unconfirmed (task, error, &options);
      return kling_cli_fail_create (request, error);
    }

  if (options.wait)
    return wait_for_video (store, client, task, &options);
  if (options.json)
    kling_cli_print_task_json (task, options.create_request_id);
  else
    g_print ("%s\n", kling_task_get_task_id (task));
  return KLING_CLI_EXIT_OK;
}
