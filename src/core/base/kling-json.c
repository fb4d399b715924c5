/* kling-json.c — reading JSON from outside without trusting it, and
 * writing JSON whose numbers read as written
 *
 * json-glib's typed getters (json_object_get_string_member…) complain with a
 * critical on a missing or mistyped member; these check the node first and
 * answer NULL / FALSE instead. Used on everything a server sends.
 *
 * json-glib 1.6's generator writes every double with "%.17g" and appends
 * ".0" when that has no dot: 0.3 goes out as 0.29999999999999999, 1 as 1.0,
 * and 1e20 as the invalid 1e+20.0. kling_json_to_data() rewrites those
 * numbers as the shortest text that reads back to the same double.
 *
 * The strict reader of files is in kling-json-read.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-json.h"

JsonObject *
kling_json_member_object (JsonObject *object,
                          const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
kling_json_member_array (JsonObject *object,
                         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
kling_json_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
kling_json_member_string (JsonObject *object,
                          const char *name)
{
  return object != NULL ? kling_json_node_string (json_object_get_member (object, name)) : NULL;
}

/* An integer, a whole number written as a float, or a string of digits. */
gboolean
kling_json_node_integer (JsonNode *node,
                         gint64   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* The negated test also refuses NaN. */
      if (!(value >= -9.2e18 && value <= 9.2e18) || value != (double) (gint64) value)
        return FALSE;
      *out = (gint64) value;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10,
                                     G_MININT64, G_MAXINT64, out, NULL);
  return FALSE;
}

gboolean
kling_json_member_integer (JsonObject *object,
                           const char *name,
                           gint64     *out)
{
  return object != NULL && kling_json_node_integer (json_object_get_member (object, name), out);
}

/* A string, or a number rendered as text (ids and durations come as both). */
char *
kling_json_member_text (JsonObject *object,
                        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  const char *text = kling_json_node_string (node);
  GType type;

  if (text != NULL)
    return *text != '\0' ? g_strdup (text) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return NULL;
}

/* Server text shown to the user: one line, bounded, never the whole body. */
char *
kling_json_clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *clean;
  const char *p;

  if (text == NULL || *text == '\0')
    return NULL;

  /* Walking by characters needs valid UTF-8 (a "\ud800" escape is not). */
  valid = g_utf8_make_valid (text, -1);
  clean = g_string_new (NULL);
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (clean->len >= KLING_JSON_MAX_TEXT_LENGTH)
        {
          g_string_append (clean, "…");
          break;
        }
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (clean, ' ');
      else
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (clean, FALSE);
}

char *
kling_json_member_clean_text (JsonObject *object,
                              const char *name)
{
  return kling_json_clean_text (kling_json_member_string (object, name));
}

/* The draft and task file readers complain in words that may quote the
 * file's own bytes: the complaint is cleaned like server text. Never %NULL. */
char *
kling_json_clean_vprintf (const char *format,
                          va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  char *clean = kling_json_clean_text (text);

  return clean != NULL ? clean : g_strdup ("");
}

/* json-glib parses recursively: refuse deep nesting before it overflows the
 * stack. Brackets inside strings do not count. */
gboolean
kling_json_is_shallow (const char *data,
                       gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize i;

  for (i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > KLING_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Writing */

/* Drafts and task files leave a string they do not have out altogether
 * (no null): their readers take an absent member as "not set". */
void
kling_json_add_optional_string (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * kling_json_format_double:
 * @value: a finite number
 * @buffer: at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 *
 * Writes @value as the shortest decimal that g_ascii_strtod() reads back to
 * the very same double ("0.3", "0.05", "1e-07"), whatever the locale. Whole
 * numbers below 1e15 are written as integers ("1", "260", never "2.6e+02"),
 * and zero as "0", never "-0": json-glib reads both back as the integer that
 * it writes again the same way.
 *
 * Returns: @buffer
 */
const char *
kling_json_format_double (double  value,
                          char   *buffer)
{
  int precision;

  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    {
      g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT, (gint64) value);
      return buffer;
    }
  for (precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return buffer;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The end of the string literal opening at @start (past its closing quote). */
static gsize
skip_string (const char *text,
             gsize       length,
             gsize       start)
{
  gsize i;

  for (i = start + 1; i < length; i++)
    {
      if (text[i] == '\\')
        i++;
      else if (text[i] == '"')
        return i + 1;
    }
  return length;
}

/* Rewrites, outside string literals, every number json-glib wrote for a
 * double (those always have a dot or an exponent; integers never do). The
 * same double always gives the same text, so a body parsed and written again
 * comes out byte for byte the same. */
static GString *
shorten_doubles (const char *text,
                 gsize       length)
{
  GString *out = g_string_sized_new (length);
  gsize copied = 0;
  gsize i = 0;

  while (i < length)
    {
      gsize start = i;
      gboolean is_double = FALSE;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (text[i] == '"')
        {
          i = skip_string (text, length, i);
          continue;
        }
      if (text[i] != '-' && !g_ascii_isdigit (text[i]))
        {
          i++;
          continue;
        }
      for (; i < length && is_number_char (text[i]); i++)
        is_double |= text[i] == '.' || text[i] == 'e' || text[i] == 'E';
      if (!is_double)
        continue;
      g_string_append_len (out, text + copied, start - copied);
      g_string_append (out, kling_json_format_double (g_ascii_strtod (text + start, NULL),
                                                      buffer));
      copied = i;
    }
  g_string_append_len (out, text + copied, length - copied);
  return out;
}

/**
 * kling_json_to_data:
 * @pretty: indented (two spaces) rather than compact
 * @length: (out) (optional): the length of the result
 *
 * json_generator_to_data(), with every double written as the shortest text
 * that reads back to it (see kling_json_format_double()). Everything else is
 * json-glib's own output, byte for byte.
 *
 * Returns: (transfer full): the JSON text
 */
char *
kling_json_to_data (JsonNode *root,
                    gboolean  pretty,
                    gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;
  gsize text_length;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &text_length);
  out = shorten_doubles (text, text_length);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
