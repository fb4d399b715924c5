/* kling-document-private.h — what the document's part files call back
 *
 * kling-document.c calls into kling-document-edits.c and
 * kling-document-regions.c only through the public API; they reach the
 * document's signals and history only through these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kling-document.h"

G_BEGIN_DECLS

void _kling_document_emit_mask_changed   (KlingDocument   *self,
                                          int              region,
                                          const KlingRect *rect);
void _kling_document_emit_region_changed (KlingDocument   *self,
                                          int              region);
void _kling_document_push_edit           (KlingDocument   *self,
                                          KlingEdit       *edit);
void _kling_document_commit_edit         (KlingDocument   *self);
gboolean _kling_document_adopt_image     (KlingDocument   *self,
                                          KlingImage      *image,
                                          GError         **error);
void _kling_document_emit_picture_changed (KlingDocument  *self);

G_END_DECLS
