/* kling-json.h — reading JSON from outside without trusting it, and
 * writing JSON whose numbers read as written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON nested deeper than this is refused before parsing (json-glib recurses). */
#define KLING_JSON_MAX_DEPTH 64

/* Text from outside shown to a user is cut after this many bytes. */
#define KLING_JSON_MAX_TEXT_LENGTH 1000

gboolean     kling_json_is_shallow        (const char *data,
                                           gsize       length);

JsonObject  *kling_json_member_object     (JsonObject *object,
                                           const char *name);
JsonArray   *kling_json_member_array      (JsonObject *object,
                                           const char *name);
const char  *kling_json_node_string       (JsonNode   *node);
const char  *kling_json_member_string     (JsonObject *object,
                                           const char *name);
gboolean     kling_json_node_integer      (JsonNode   *node,
                                           gint64     *out);
gboolean     kling_json_member_integer    (JsonObject *object,
                                           const char *name,
                                           gint64     *out);
char        *kling_json_member_text       (JsonObject *object,
                                           const char *name);
char        *kling_json_clean_text        (const char *text);
char        *kling_json_member_clean_text (JsonObject *object,
                                           const char *name);
char        *kling_json_clean_vprintf     (const char *format,
                                           va_list     args) G_GNUC_PRINTF (1, 0);

/* The strict reader: errors are KLING_ERROR clauses naming the file or
 * the member, for the caller's own sentence. */
char        *kling_json_read_file         (const char   *path,
                                           gsize         max_size,
                                           gsize        *length,
                                           GError      **error);
gboolean     kling_json_problem           (GError      **error,
                                           const char   *format,
                                           ...) G_GNUC_PRINTF (2, 3);
JsonParser  *kling_json_parse             (const char   *data,
                                           gsize         length,
                                           JsonNode    **root,
                                           GError      **error);
JsonParser  *kling_json_parse_object      (const char   *data,
                                           gsize         length,
                                           JsonObject  **root,
                                           GError      **error);
gboolean     kling_json_get_optional_string (JsonObject  *object,
                                             const char  *name,
                                             const char **out,
                                             GError     **error);
gboolean     kling_json_get_optional_int  (JsonObject   *object,
                                           const char   *name,
                                           gint64        min,
                                           gint64        max,
                                           gint64       *out,
                                           GError      **error);
gboolean     kling_json_get_optional_object (JsonObject  *object,
                                             const char  *name,
                                             JsonObject **out,
                                             GError     **error);

void         kling_json_add_optional_string (JsonBuilder *builder,
                                             const char  *name,
                                             const char  *value);
const char  *kling_json_format_double     (double      value,
                                           char       *buffer);
char        *kling_json_to_data           (JsonNode   *root,
                                           gboolean    pretty,
                                           gsize      *length);

G_END_DECLS
