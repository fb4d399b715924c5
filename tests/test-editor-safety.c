/* test-editor-safety.c — the work is kept, or the artist is told
 *
 * A draft whose picture is a web address opens with that picture and its
 * regions (or says why it cannot); an autosave that fails, as on a full
 * disk, is said once in the window and the last good autosave is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "kling-application.h"
#include "kling-editor-page-private.h"
#include "kling-fake-server.h"
#include "kling-test-images.h"
#include "kling-test-ui.h"
#include "kling-window-private.h"

#define W 640
#define H 400

static KlingApplication *test_app;

typedef struct {
  KlingWindow     *window;
  char            *dir;
  KlingFakeServer *server;   /* serves the drafts' pictures on loopback */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kling_test_make_dir ("safety");
  g_setenv ("KLING_STUDIO_DATA_DIR", f->dir, TRUE);
  f->server = kling_fake_server_new (KLING_FAKE_DIALECT_KLING);
  kling_fake_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->window = kling_test_window_new (test_app, 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kling_test_close_window (f->window);
  kling_fake_server_free (f->server);
  g_free (f->dir);
}

/* A draft file whose picture is @url, with region 1 painted and a path. */
static char *
write_url_draft (Fixture    *f,
                 const char *url,
                 KlingMask **painted)
{
  g_autoptr(KlingDraft) draft = kling_draft_new ();
  g_autoptr(KlingImage) image = kling_image_new_from_url (url);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "on-the-web.klingdraft", NULL);

  kling_request_set_image (draft->request, image);
  draft->masks[1] = kling_mask_new (W, H);
  kling_mask_paint_dab (draft->masks[1], 200, 200, 40, 1.0, FALSE, NULL);
  draft->trajectories[1] = kling_trajectory_new_from_string ("200,200;400,220", NULL);
  g_assert_true (kling_draft_save (draft, path, &error));
  g_assert_no_error (error);
  *painted = kling_mask_copy (draft->masks[1]);
  return path;
}

/* The picture is downloaded and the draft opens on it, regions and all. */
static void
test_draft_url_opens (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) png = kling_test_image_filled (W, H, "png", 0x40a060ff);
  g_autofree char *url = kling_fake_server_add_file (f->server, "cat.png", png);
  g_autoptr(KlingMask) painted = NULL;
  g_autofree char *path = write_url_draft (f, url, &painted);
  g_autoptr(GError) error = NULL;
  KlingDocument *document;

  g_assert_true (kling_window_load_draft (f->window, path, &error));
  g_assert_no_error (error);
  g_assert_true (kling_test_wait_for (kling_test_window_has_picture, f->window, KLING_TEST_PATIENCE_MS));

  document = kling_test_document (f->window);
  g_assert_cmpint (kling_document_get_width (document), ==, W);
  g_assert_cmpint (kling_document_get_height (document), ==, H);
  g_assert_true (kling_mask_equal (kling_document_get_mask (document, 1), painted));
  g_assert_cmpuint (kling_trajectory_get_n_points (kling_document_get_trajectory (document, 1)), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "on-the-web.klingdraft — Kling Studio");
  g_assert_cmpuint (kling_fake_server_count_requests (f->server, "GET", "/_fake/files/cat.png"), ==, 1);
}

/* A picture that cannot be downloaded is said, in the window. */
static void
test_draft_url_failure_said (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *url = g_strconcat (kling_fake_server_get_base_url (f->server),
                                      "/_fake/files/gone.png", NULL);
  g_autoptr(KlingMask) painted = NULL;
  g_autofree char *path = write_url_draft (f, url, &painted);
  g_autoptr(GError) error = NULL;
  KlingTestLabelWait wait = { GTK_WIDGET (f->window->toast_overlay), "The draft’s picture is on the web.", FALSE };
  KlingTestLabelWait reason = { GTK_WIDGET (f->window->toast_overlay), "404", FALSE };

  g_assert_true (kling_window_load_draft (f->window, path, &error));
  g_assert_true (kling_test_wait_for (kling_test_label_shown, &wait, KLING_TEST_PATIENCE_MS));
  g_assert_true (kling_test_label_shown (&reason));
}

static KlingAutosaveNotice *
notice_of (Fixture *f)
{
  return f->window->editor_page != NULL ? f->window->editor_page->autosave_notice : NULL;
}

static gboolean
notice_shown (gpointer data)
{
  KlingAutosaveNotice *notice = notice_of (data);

  return notice != NULL && kling_autosave_notice_is_shown (notice) &&
         kling_test_widget_mapped (notice);
}

static gboolean
notice_hidden (gpointer data)
{
  return !notice_shown (data);
}

static guint
failures_told (Fixture *f)
{
  KlingAutosaveNotice *notice = notice_of (f);

  return notice != NULL ? kling_autosave_notice_get_failures (notice) : 0;
}

typedef struct {
  Fixture *f;
  guint    failures;   /* told before the change */
} FailureWait;

static guint times_said (Fixture *f, const char *text);

/* The change's own autosave has failed too, and the window says so (the
 * notice's words show once its revealer has started to slide). */
static gboolean
autosave_failed_again (gpointer data)
{
  FailureWait *wait = data;

  return failures_told (wait->f) > wait->failures && times_said (wait->f, "not being autosaved") > 0;
}

typedef struct {
  const char *path;
  GBytes     *unlike;
} FileWait;

/* The autosave exists and differs from @unlike. */
static gboolean
autosave_written (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (wait->path, &contents, &length, NULL))
    return FALSE;
  return wait->unlike == NULL || length != g_bytes_get_size (wait->unlike) ||
         memcmp (contents, g_bytes_get_data (wait->unlike, NULL), length) != 0;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

/* A file the atomic write left behind ("autosave.klingdraft.XXXXXX"). */
static gboolean
has_temporary_file (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "autosave.klingdraft."))
      return TRUE;
  return FALSE;
}

static void
count_labels (GtkWidget  *widget,
              const char *text,
              guint      *n)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_labels (child, text, n);
}

/* How many times the window says it, notice and toasts together. */
static guint
times_said (Fixture    *f,
            const char *text)
{
  guint n = 0;

  count_labels (GTK_WIDGET (f->window), text, &n);
  return n;
}

/* A full disk, as a file-size limit: every autosave fails. The artist is
 * told once, above the canvas; the last good autosave stays whole; when
 * saving works again the notice goes. */
static void
test_autosave_failure_told_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *image = g_build_filename (f->dir, "picture.png", NULL);
  g_autofree char *autosave = kling_editor_page_get_autosave_path ();
  g_autoptr(GBytes) png = kling_test_image_filled (W, H, "png", 0x40a060ff);
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) now = NULL;
  struct rlimit saved, tiny;
  FileWait first = { autosave, NULL };
  KlingDocument *document;

  g_assert_true (g_file_set_contents (image, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  kling_test_open_image (f->window, image, 0, 0);
  document = kling_test_document (f->window);
  g_assert_true (kling_test_wait_for (autosave_written, &first, KLING_TEST_PATIENCE_MS));
  good = read_bytes (autosave);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  tiny = saved;
  tiny.rlim_cur = 512;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tiny), ==, 0);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Tail %d", i);
      FailureWait failed = { f, failures_told (f) };

      kling_document_set_region_name (document, 1, name);
      /* The change's autosave (a second after it) fails too: still said
       * once, not once per attempt. */
      g_assert_true (kling_test_wait_for (autosave_failed_again, &failed, KLING_TEST_PATIENCE_MS));
      g_assert_cmpuint (times_said (f, "not being autosaved"), ==, 1);
    }
  g_assert_nonnull (strstr (kling_autosave_notice_get_text (notice_of (f)), "not being autosaved"));

  /* The last good autosave is whole and alone (no temporary file left). */
  now = read_bytes (autosave);
  g_assert_true (g_bytes_equal (now, good));
  g_assert_false (has_temporary_file (f->dir));

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  kling_test_save_screenshot (GTK_WIDGET (f->window), "autosave-failing");
  kling_document_set_region_name (document, 1, "Tail again");
  {
    FileWait newer = { autosave, good };

    g_assert_true (kling_test_wait_for (autosave_written, &newer, KLING_TEST_PATIENCE_MS));
  }
  g_assert_true (kling_test_wait_for (notice_hidden, f, KLING_TEST_PATIENCE_MS));
}

int
main (int   argc,
      char *argv[])
{
  kling_test_ui_init (&argc, &argv);
  test_app = kling_test_app_new ();

#define ADD(path, func) \
  g_test_add ("/editor-safety/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("draft-url-opens", test_draft_url_opens);
  ADD ("draft-url-failure-said", test_draft_url_failure_said);
  ADD ("autosave-failure-told-once", test_autosave_failure_told_once);
#undef ADD

  return g_test_run ();
}
