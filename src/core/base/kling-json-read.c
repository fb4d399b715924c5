/* kling-json-read.c — the strict reader of JSON files from outside
 *
 * Shared by the draft and the task file: a size-limited read of a regular
 * file, a parse that must give an object, and typed getters. Complaints are
 * clauses naming the file or the member; each loader puts them in its own
 * sentence ("Not a usable draft: %s").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kling-error.h"
#include "kling-file-limit.h"
#include "kling-json.h"

static gboolean G_GNUC_PRINTF (3, 0)
problem_valist (GError     **error,
                KlingError   code,
                const char  *format,
                va_list      args)
{
  g_autofree char *clean = kling_json_clean_vprintf (format, args);

  g_set_error_literal (error, KLING_ERROR, code, clean);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
problem (GError     **error,
         KlingError   code,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  problem_valist (error, code, format, args);
  va_end (args);
  return FALSE;
}

/**
 * kling_json_problem:
 *
 * Sets %KLING_ERROR_INVALID_INPUT with a clause about outside data, its
 * arguments cleaned (kling_json_clean_vprintf()), for the loader's own
 * sentence.
 *
 * Returns: %FALSE, to be returned at once
 */
gboolean
kling_json_problem (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  problem_valist (error, KLING_ERROR_INVALID_INPUT, format, args);
  va_end (args);
  return FALSE;
}

/**
 * kling_json_read_file:
 * @max_size: the largest file accepted, in bytes
 * @length: (out): the file's length
 *
 * Reads a whole regular file through kling_file_read_limited_path(): never
 * more than @max_size + 1 bytes, and a FIFO, a device, a folder or a huge
 * file is refused at once, naming the file.
 *
 * Returns: (transfer full): the contents, nul-terminated
 */
char *
kling_json_read_file (const char  *path,
                      gsize        max_size,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = kling_file_read_limited_path (path, max_size, error);
  const char *data;
  char *text;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, length);
  text = g_malloc (*length + 1);
  if (*length > 0)
    memcpy (text, data, *length);
  text[*length] = '\0';
  return text;
}

/**
 * kling_json_parse:
 * @data: (array length=length): the text (need not be nul-terminated)
 * @root: (out) (transfer none): the root node, owned by the parser
 *
 * Parses JSON from outside: refused when empty, nested too deeply for
 * json-glib's recursion, or not JSON. Errors are %KLING_ERROR_INVALID_INPUT
 * clauses ("it is not valid JSON (…)").
 *
 * Returns: (transfer full) (nullable): the parser holding @root
 */
JsonParser *
kling_json_parse (const char  *data,
                  gsize        length,
                  JsonNode   **root,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      problem (error, KLING_ERROR_INVALID_INPUT, _("the file is empty"));
      return NULL;
    }
  if (!kling_json_is_shallow (data, length))
    {
      problem (error, KLING_ERROR_INVALID_INPUT, _("the JSON is nested too deeply"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib 1.6 fails on some inputs (bad UTF-8) without an error */
      problem (error, KLING_ERROR_INVALID_INPUT, _("it is not valid JSON (%s)"),
               local_error != NULL ? local_error->message : _("unreadable text"));
      return NULL;
    }
  *root = json_parser_get_root (parser);
  return g_steal_pointer (&parser);
}

/**
 * kling_json_parse_object:
 * @root: (out) (transfer none): the root object, owned by the parser
 *
 * Like kling_json_parse(), and refused when the root is not an object
 * ("it is not a JSON object").
 *
 * Returns: (transfer full) (nullable): the parser holding @root
 */
JsonParser *
kling_json_parse_object (const char  *data,
                         gsize        length,
                         JsonObject **root,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *node = NULL;

  parser = kling_json_parse (data, length, &node, error);
  if (parser == NULL)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (error, KLING_ERROR_INVALID_INPUT, _("it is not a JSON object"));
      return NULL;
    }
  *root = json_node_get_object (node);
  return g_steal_pointer (&parser);
}

/* A member that is absent or null counts as absent. */
static JsonNode *
present_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/**
 * kling_json_get_optional_string:
 * @out: (out) (transfer none): the string, %NULL when absent
 *
 * Returns: %FALSE with a clause naming @name when present but not a string
 */
gboolean
kling_json_get_optional_string (JsonObject   *object,
                                const char   *name,
                                const char  **out,
                                GError      **error)
{
  JsonNode *node = present_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return problem (error, KLING_ERROR_INVALID_INPUT, _("“%s” must be a string"), name);
  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * kling_json_get_optional_int:
 * @out: (inout): the value; left as it is when absent
 *
 * Returns: %FALSE with a clause naming @name when present but not a whole
 *   number from @min to @max
 */
gboolean
kling_json_get_optional_int (JsonObject  *object,
                             const char  *name,
                             gint64       min,
                             gint64       max,
                             gint64      *out,
                             GError     **error)
{
  JsonNode *node = present_member (object, name);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return problem (error, KLING_ERROR_INVALID_INPUT, _("“%s” must be a whole number"), name);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return problem (error, KLING_ERROR_INVALID_INPUT, _("“%s” is out of range"), name);
  *out = value;
  return TRUE;
}

/**
 * kling_json_get_optional_object:
 * @out: (out) (transfer none): the object, %NULL when absent
 *
 * Returns: %FALSE with a clause naming @name when present but not an object
 */
gboolean
kling_json_get_optional_object (JsonObject   *object,
                                const char   *name,
                                JsonObject  **out,
                                GError      **error)
{
  JsonNode *node = present_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return problem (error, KLING_ERROR_INVALID_INPUT, _("“%s” must be an object"), name);
  *out = json_node_get_object (node);
  return TRUE;
}
