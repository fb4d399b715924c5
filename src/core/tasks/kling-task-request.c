/* kling-task-request.c — what a task asked for
 *
 * The request a task sent, kept in its task.json, and the few of its
 * members the list and the CLI show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kling-task-private.h"

/**
 * kling_task_get_request:
 *
 * Returns: (transfer none): the request as it was sent, each image and mask
 *   replaced by {"file": NAME}, NAME a file in the task's folder
 */
JsonObject *
kling_task_get_request (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return self->request;
}

static const char *
request_string (KlingTask  *self,
                const char *member)
{
  JsonNode *node;

  if (self->request == NULL)
    return NULL;
  node = json_object_get_member (self->request, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
kling_task_get_prompt (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return request_string (self, "prompt");
}

const char *
kling_task_get_model_name (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return request_string (self, "model_name");
}

/* "std" or "pro", as sent; %NULL when the request left it to the server */
const char *
kling_task_get_mode (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return request_string (self, "mode");
}

/* seconds as sent ("5"); %NULL when the request left it to the server */
const char *
kling_task_get_duration (KlingTask *self)
{
  g_return_val_if_fail (KLING_IS_TASK (self), NULL);
  return request_string (self, "duration");
}
