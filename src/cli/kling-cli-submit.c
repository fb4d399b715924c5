/* kling-cli-submit.c — kling-studio-cli submit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-cli.h"
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
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SubmitOptions, submit_options_clear)

static gboolean
is_url (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://");
}

static gboolean
apply_image (KlingRequest  *request,
             const char    *image,
             GError       **error)
{
  g_autoptr(KlingImage) loaded = NULL;

  if (is_url (image))
    loaded = kling_image_new_from_url (image);
  else
    loaded = kling_image_new_from_file (image, error);
  if (loaded == NULL)
    return FALSE;
  kling_request_set_image (request, loaded);
  return TRUE;
}

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
      trajectory = kling_trajectory_new_from_string (options->trajectories[i], error);
      if (trajectory == NULL)
        {
          g_prefix_error (error, _("Dynamic brush %u: "), i + 1);
          return FALSE;
        }
      kling_request_add_dynamic (request, mask, trajectory);
    }
  return TRUE;
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

  if (options->image != NULL && !apply_image (request, options->image, error))
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
  if (!apply_masks (request, options, error))
    return NULL;

  return g_steal_pointer (&request);
}

static JsonNode *
task_to_json (KlingTask *task)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  struct { const char *name; const char *value; } members[] = {
    { "local_id", kling_task_get_local_id (task) },
    { "task_id", kling_task_get_task_id (task) },
    { "external_task_id", kling_task_get_external_task_id (task) },
    { "status", kling_task_state_to_string (kling_task_get_state (task)) },
    { "status_message", kling_task_get_status_message (task) },
    { "video_url", kling_task_get_video_url (task) },
    { "video_path", kling_task_get_video_path (task) },
    { "folder", kling_task_get_folder (task) },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    kling_cli_add_string_member (builder, members[i].name, members[i].value);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_task (KlingTask *task,
            gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonNode) node = task_to_json (task);
      kling_cli_print_json (node);
    }
  else if (kling_task_get_video_path (task) != NULL)
    g_print ("%s\t%s\n", kling_task_get_task_id (task), kling_task_get_video_path (task));
  else
    g_print ("%s\n", kling_task_get_task_id (task));
}

/* Sends the task's POST. The task is on disk first, marked SENDING, so that an
 * interrupted submission is looked up by its external_task_id, not repeated. */
static gboolean
send_task (KlingTaskStore  *store,
           KlingClient     *client,
           KlingTask       *task,
           GBytes          *body,
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
  result = kling_cli_wait (&wait);
  info = kling_client_create_task_finish (client, result, &local_error);

  if (info == NULL)
    {
      kling_task_set_error (task, local_error);
      kling_task_set_state (task, KLING_TASK_STATE_FAILED);
      kling_task_store_save (store, task, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  kling_task_update_from_info (task, info);
  return kling_task_store_save (store, task, error);
}

static void
task_finished_cb (KlingPoller *poller,
                  KlingTask   *task,
                  gpointer     user_data)
{
  KlingTask *awaited = user_data;

  if (task == awaited)
    g_object_set_data (G_OBJECT (task), "kling-cli-finished", GINT_TO_POINTER (TRUE));
}

static int
wait_for_video (KlingTaskStore *store,
                KlingClient    *client,
                KlingTask      *task,
                SubmitOptions  *options)
{
  g_autoptr(KlingPoller) poller = kling_poller_new (store, client);

  g_signal_connect (poller, "task-finished", G_CALLBACK (task_finished_cb), task);
  kling_poller_check_now (poller, task);

  while (g_object_get_data (G_OBJECT (task), "kling-cli-finished") == NULL)
    g_main_context_iteration (NULL, TRUE);
  kling_poller_stop (poller);

  if (kling_task_get_state (task) != KLING_TASK_STATE_SUCCEEDED ||
      kling_task_get_video_path (task) == NULL)
    {
      const char *reason = kling_task_get_error_message (task);

      if (reason == NULL)
        reason = kling_task_get_status_message (task);
      g_printerr (_("kling-studio-cli: task %s failed: %s\n"),
                  kling_task_get_task_id (task) ? kling_task_get_task_id (task) : kling_task_get_local_id (task),
                  reason ? reason : _("no reason given"));
      if (options->json)
        print_task (task, TRUE);
      return kling_task_get_error_kind (task) != NULL &&
             g_str_equal (kling_task_get_error_kind (task), "network")
             ? KLING_CLI_EXIT_UNAVAILABLE : KLING_CLI_EXIT_FAILED;
    }

  if (options->output != NULL)
    {
      g_autoptr(GFile) source = g_file_new_for_path (kling_task_get_video_path (task));
      g_autoptr(GFile) dest = g_file_new_for_commandline_arg (options->output);
      g_autoptr(GError) error = NULL;

      if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        {
          g_printerr (_("kling-studio-cli: could not save the video to %s: %s (it is kept in %s)\n"),
                      options->output, error->message, kling_task_get_video_path (task));
          return KLING_CLI_EXIT_BAD_INPUT;
        }
    }

  print_task (task, options->json);
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
    { "duration", 0, 0, G_OPTION_ARG_STRING, &options.duration, N_("Video length in seconds: 5 or 10"), N_("SECONDS") },
    { "cfg-scale", 0, 0, G_OPTION_ARG_STRING, &options.cfg_scale, N_("Guidance from 0 to 1"), N_("X") },
    { "aspect-ratio", 0, 0, G_OPTION_ARG_STRING, &options.aspect_ratio, N_("16:9, 9:16 or 1:1"), N_("RATIO") },
    { "static-mask", 0, 0, G_OPTION_ARG_FILENAME, &options.static_mask, N_("PNG of the area that stays still"), N_("PNG") },
    { "dynamic-mask", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.dynamic_masks, N_("PNG of an area that moves (up to 6, each with a --trajectory)"), N_("PNG") },
    { "trajectory", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.trajectories, N_("Path of the previous --dynamic-mask, image pixels from the top-left"), N_("x,y;x,y;…") },
    { "draft", 0, 0, G_OPTION_ARG_FILENAME, &options.draft, N_("Start from a .klingdraft saved by the app"), N_("FILE") },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &options.wait, N_("Wait for the video and download it"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("With --wait: where to save the video"), N_("FILE.mp4") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send an image-to-video task"));
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(KlingClient) client = NULL;
  g_autoptr(KlingTaskStore) store = NULL;
  g_autoptr(KlingTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kling_cli_usage_error ("%s", error->message);
  if (argc != 1)
    return kling_cli_usage_error (_("submit takes no arguments besides options: “%s”"), argv[1]);
  if (options.output != NULL && !options.wait)
    return kling_cli_usage_error (_("--output needs --wait"));

  /* Everything is checked before anything is sent. */
  request = build_request (&options, &error);
  if (request != NULL)
    body = kling_request_build_body (request, &error);
  if (body == NULL)
    return kling_cli_fail (error);

  client = kling_client_new_from_environment (&error);
  if (client == NULL)
    return kling_cli_fail (error);

  store = kling_task_store_new (kling_task_store_default_dir ());
  if (!kling_task_store_load (store, &error))
    return kling_cli_fail (error);
  task = kling_task_store_create (store, body, kling_client_get_base_url (client),
                                  kling_client_get_auth_mode (client), &error);
  if (task == NULL)
    return kling_cli_fail (error);
  g_object_ref (task);

  if (!send_task (store, client, task, body, &error))
    return kling_cli_fail (error);

  if (!options.wait)
    {
      print_task (task, options.json);
      return KLING_CLI_EXIT_OK;
    }
  return wait_for_video (store, client, task, &options);
}
