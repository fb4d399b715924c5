/* kling-cli-export.c — kling-studio-cli export-tracks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kling-cli.h"
#include "kling-draft.h"
#include "kling-tracks.h"

/**
 * kling_cli_export_tracks:
 *
 * `export-tracks DRAFT -o TRACKS.json [--frames N] [--points-per-region N]`:
 * the draft's motion as point tracks for Wan-Move and ATI, and its masks as
 * PNGs beside them. Nothing is sent anywhere.
 */
int
kling_cli_export_tracks (int    argc,
                         char **argv)
{
  g_autofree char *output = NULL;
  int frames = KLING_TRACKS_DEFAULT_FRAMES;
  int points = KLING_TRACKS_DEFAULT_POINTS;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the tracks"), N_("TRACKS.json") },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, N_("Frames per track (default 81, Wan’s clip length)"), N_("N") },
    { "points-per-region", 0, 0, G_OPTION_ARG_INT, &points, N_("Points spread inside each region (default 8)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DRAFT — the motion as point tracks for Wan-Move and ATI"));
  g_autoptr(KlingDraft) draft = NULL;
  g_autoptr(KlingRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kling_cli_usage_error ("%s", error->message);
  if (argc != 2)
    return kling_cli_usage_error (_("export-tracks needs exactly one DRAFT"));
  if (output == NULL)
    return kling_cli_usage_error (_("export-tracks needs -o TRACKS.json"));
  if (frames < 2 || frames > KLING_TRACKS_MAX_FRAMES || points < 1 || points > KLING_TRACKS_MAX_POINTS)
    return kling_cli_usage_error (_("--frames takes 2 to %d, --points-per-region 1 to %d"),
                                  KLING_TRACKS_MAX_FRAMES, KLING_TRACKS_MAX_POINTS);

  draft = kling_draft_load (argv[1], &error);
  if (draft != NULL)
    request = kling_draft_to_request (draft, &error);
  if (request == NULL || !kling_tracks_export (request, output, (guint) frames, (guint) points, &error))
    return kling_cli_fail (error);
  g_print ("%s\n", output);
  return KLING_CLI_EXIT_OK;
}
