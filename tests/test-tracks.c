/* test-tracks.c — the motion exported as point tracks (Wan-Move, ATI): the
 * file parses, has the frames asked for, each region's points start inside
 * it and follow its path within a pixel, the static anchors never move, and
 * the masks are saved beside it. Through the command line, from a draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kling-draft.h"
#include "kling-test-media.h"
#include "kling-tracks.h"

#define W 480
#define H 320

/* The paths as the artist drew them (top-left pixels). */
static const double paths[2][3][2] = {
  { { 180, 130 }, { 200, 60 }, { 260, 40 } },
  { { 330, 200 }, { 400, 210 }, { 420, 300 } },
};
static const KlingRect areas[2] = { { 150, 100, 60, 60 }, { 300, 170, 60, 60 } };
static const KlingRect still_area = { 0, 0, 100, H };

/* Where path @r is at @t, worked out here on its own: at constant speed
 * (the default timing), so at the fraction @t of its length. */
static void
expected_position (guint r, double t, double *x, double *y)
{
  double lengths[2], total, along;
  guint i;

  for (i = 0; i < 2; i++)
    lengths[i] = hypot (paths[r][i + 1][0] - paths[r][i][0], paths[r][i + 1][1] - paths[r][i][1]);
  total = lengths[0] + lengths[1];
  along = t * total;
  i = along <= lengths[0] ? 0 : 1;
  if (i == 1)
    along -= lengths[0];
  *x = paths[r][i][0] + (paths[r][i + 1][0] - paths[r][i][0]) * along / lengths[i];
  *y = paths[r][i][1] + (paths[r][i + 1][1] - paths[r][i][1]) * along / lengths[i];
}

static KlingDraft *
make_draft (void)
{
  g_autofree char *base64 = kling_test_png_base64 (W, H, FALSE, 0, 0);
  g_autofree guchar *png = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlingImage) image = NULL;
  g_autoptr(GError) error = NULL;
  KlingDraft *draft = kling_draft_new ();
  gsize length;

  png = g_base64_decode (base64, &length);
  bytes = g_bytes_new (png, length);
  image = kling_image_new_from_bytes (bytes, "picture.png", &error);
  g_assert_no_error (error);
  kling_request_set_image (draft->request, image);
  kling_request_set_prompt (draft->request, "Two kites");
  draft->masks[0] = kling_mask_new (W, H);
  kling_mask_fill_rect (draft->masks[0], &still_area, 255);
  for (guint r = 0; r < 2; r++)
    {
      draft->masks[r + 1] = kling_mask_new (W, H);
      kling_mask_fill_rect (draft->masks[r + 1], &areas[r], 255);
      draft->trajectories[r + 1] = kling_trajectory_new ();
      for (guint p = 0; p < 3; p++)
        kling_trajectory_append (draft->trajectories[r + 1], paths[r][p][0], paths[r][p][1]);
    }
  return draft;
}

static gboolean
inside (const KlingRect *rect, double x, double y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

static void
check_tracks (const char *path, guint frames, guint points)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *tracks;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  tracks = json_node_get_array (json_parser_get_root (parser));
  /* Two regions' points, then the static anchors. */
  g_assert_cmpuint (json_array_get_length (tracks), ==, 3 * points);
  for (guint k = 0; k < json_array_get_length (tracks); k++)
    {
      JsonArray *track = json_array_get_array_element (tracks, k);
      JsonObject *first = json_array_get_object_element (track, 0);
      double x0 = json_object_get_double_member (first, "x");
      double y0 = json_object_get_double_member (first, "y");
      guint region = k / points;

      g_assert_cmpuint (json_array_get_length (track), ==, frames);
      g_assert_true (inside (region < 2 ? &areas[region] : &still_area, x0, y0));
      for (guint f = 0; f < frames; f++)
        {
          JsonObject *point = json_array_get_object_element (track, f);
          double x = json_object_get_double_member (point, "x");
          double y = json_object_get_double_member (point, "y");
          double ex = x0, ey = y0;

          if (region < 2)
            {
              double px, py, sx, sy;

              expected_position (region, (double) f / (frames - 1), &px, &py);
              expected_position (region, 0, &sx, &sy);
              ex = x0 + px - sx;
              ey = y0 + py - sy;
              g_assert_cmpfloat (fabs (x - ex), <=, 1.0);
              g_assert_cmpfloat (fabs (y - ey), <=, 1.0);
            }
          else
            {
              /* Anchors never move. */
              g_assert_cmpfloat (x, ==, x0);
              g_assert_cmpfloat (y, ==, y0);
            }
        }
    }
}

static void
check_mask_file (const char *path, const KlingMask *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingMask) mask = kling_mask_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_true (kling_mask_equal (mask, expected));
}

static void
test_export_from_core (void)
{
  g_autoptr(KlingDraft) draft = make_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KlingRequest) request = kling_draft_to_request (draft, &error);
  g_autofree char *dir = g_dir_make_tmp ("kling-tracks-XXXXXX", &error);
  g_autofree char *json = g_build_filename (dir, "tracks.json", NULL);
  g_autofree char *region = g_build_filename (dir, "tracks-region-2.png", NULL);
  g_autofree char *still = g_build_filename (dir, "tracks-static.png", NULL);

  g_assert_no_error (error);
  g_assert_true (kling_tracks_export (request, json, KLING_TRACKS_DEFAULT_FRAMES, 6, &error));
  g_assert_no_error (error);
  check_tracks (json, KLING_TRACKS_DEFAULT_FRAMES, 6);
  check_mask_file (region, draft->masks[2]);
  check_mask_file (still, draft->masks[0]);
  kling_test_remove_tree (dir);
}

/* kling-studio-cli export-tracks DRAFT -o tracks.json --frames 49 --points-per-region 4 */
static void
test_export_from_cli (void)
{
  g_autoptr(KlingDraft) draft = make_draft ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kling-tracks-cli-XXXXXX", &error);
  g_autofree char *draft_path = g_build_filename (dir, "kites.klingdraft", NULL);
  g_autofree char *json = g_build_filename (dir, "tracks.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *cli = g_getenv ("KLING_CLI");
  const char *argv[] = { cli, "export-tracks", draft_path, "-o", json, "--frames", "49",
                         "--points-per-region", "4", NULL };
  int status;

  g_assert_nonnull (cli);
  g_assert_true (kling_draft_save (draft, draft_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  check_tracks (json, 49, 4);
  kling_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tracks/export-from-core", test_export_from_core);
  g_test_add_func ("/tracks/export-from-cli", test_export_from_cli);
  return g_test_run ();
}
