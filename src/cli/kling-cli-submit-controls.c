/* kling-cli-submit-controls.c — submit's images, camera, sound and unknown-model options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start and end images (files or addresses), and what the options of
 * kling-api.md §7 add to submit: their parsing, the warning for a model
 * sent unchecked and the explanation of a refused retired model.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kling-capabilities.h"
#include "kling-cli.h"
#include "kling-cli-submit-controls.h"

/* "scheme://…" in any case is an address, not a file name; only http and
 * https ones can be sent (kling_image_check() checks the rest). */
static gboolean
is_url (const char  *text,
        GError     **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (text);

  if (scheme == NULL || !g_str_has_prefix (text + strlen (scheme), "://"))
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                 _("--image “%s”: only http:// and https:// addresses can be sent"), text);
  return TRUE;
}

/* Schemes are case-insensitive; servers that test for "https://" are not. */
static char *
lowercase_scheme (const char *url)
{
  gsize length = strcspn (url, ":");
  g_autofree char *scheme = g_ascii_strdown (url, length);

  return g_strconcat (scheme, url + length, NULL);
}

gboolean
kling_cli_apply_image (KlingRequest  *request,
                       const char    *image,
                       void         (*set) (KlingRequest *, KlingImage *),
                       GError       **error)
{
  g_autoptr(KlingImage) loaded = NULL;
  g_autoptr(GError) url_error = NULL;

  if (is_url (image, &url_error))
    {
      g_autofree char *url = NULL;

      if (url_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&url_error));
          return FALSE;
        }
      url = lowercase_scheme (image);
      loaded = kling_image_new_from_url (url);
    }
  else
    loaded = kling_image_new_from_file (image, error);
  if (loaded == NULL)
    return FALSE;
  set (request, loaded);
  return TRUE;
}

/* "simple:zoom=5": image-to-video takes only the simple type (kling-api.md
 * §2), one axis of horizontal, vertical, pan, tilt, roll and zoom. */
gboolean
kling_cli_apply_camera (KlingRequest  *request,
                        const char    *text,
                        GError       **error)
{
  static const char * const axes[KLING_CAMERA_N_AXES] = {
    "horizontal", "vertical", "pan", "tilt", "roll", "zoom"
  };
  double config[KLING_CAMERA_N_AXES] = { 0 };
  const char *equals = strchr (text, '=');
  g_autofree char *axis = NULL;
  char *end = NULL;
  double value;

  if (!g_str_has_prefix (text, "simple:") || equals == NULL)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--camera “%s”: write simple:AXIS=VALUE, such as simple:zoom=5 "
                     "(image-to-video takes no presets such as down_back)"), text);
      return FALSE;
    }
  axis = g_strndup (text + strlen ("simple:"), equals - text - strlen ("simple:"));
  value = g_ascii_strtod (equals + 1, &end);
  for (guint i = 0; i < KLING_CAMERA_N_AXES; i++)
    if (g_str_equal (axes[i], axis) && end != equals + 1 && *end == '\0')
      {
        config[i] = value;
        kling_request_set_camera_control (request, "simple", config);
        return TRUE;
      }
  g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
               _("--camera “%s”: the axis is one of horizontal, vertical, pan, tilt, roll "
                 "or zoom, the value a number from -10 to 10"), text);
  return FALSE;
}

gboolean
kling_cli_apply_sound (KlingRequest  *request,
                       const char    *sound,
                       GError       **error)
{
  if (!g_str_equal (sound, "on") && !g_str_equal (sound, "off"))
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("--sound “%s”: write on or off"), sound);
      return FALSE;
    }
  kling_request_set_sound (request, sound);
  return TRUE;
}

/* What --allow-unknown-model leaves to the server, said before sending. */
void
kling_cli_warn_unchecked (KlingRequest *request)
{
  if (!kling_request_is_model_unchecked (request))
    return;
  g_printerr (_("kling-studio-cli: warning: “%s” is not in Kling Studio’s model table: its mode, "
                "duration, guidance, end frame, motion brush, camera control and sound were not "
                "checked; the server decides\n"), kling_request_get_model (request));
}

/* A refusal of a retired model is most likely its retirement. */
int
kling_cli_fail_create (KlingRequest *request,
                       GError       *error)
{
  g_autofree char *retired = NULL;
  int code = kling_cli_fail (error);

  if (code == KLING_CLI_EXIT_FAILED || code == KLING_CLI_EXIT_BAD_INPUT)
    retired = kling_capabilities_explain_retirement (kling_request_get_model (request));
  if (retired != NULL)
    g_printerr ("kling-studio-cli: %s\n", retired);
  return code;
}
