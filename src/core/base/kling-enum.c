/* kling-enum.c — an enum value and its nick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-enum.h"

/**
 * kling_enum_to_nick:
 * @enum_type: a GEnum type made by glib-mkenums
 *
 * Returns: (nullable): @value's nick, %NULL for a value the enum lacks
 */
const char *
kling_enum_to_nick (GType enum_type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* Static enum classes are never freed: the nick outlives the reference. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * kling_enum_from_nick:
 * @nick: (nullable): a nick, as exactly as written on disk or on the wire
 * @value: (out): the value, untouched when @nick is unknown
 *
 * Returns: whether @nick names a value of @enum_type
 */
gboolean
kling_enum_from_nick (GType       enum_type,
                      const char *nick,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;
  *value = enum_value->value;
  return TRUE;
}
