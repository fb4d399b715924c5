/* kling-motion-fill.c — the hole a moved region leaves, filled from around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push-pull (Gortler et al., "The Lumigraph", 1996): the known pixels are
 * averaged down a pyramid, halving each level, until every cell has seen a
 * known pixel; then each level is filled from the smoother level above it,
 * interpolated. A hole ends up as a smooth blend of the colours around its
 * edge, never black or transparent. Only a window around the holes is
 * worked on, so a small region on a big image costs little; the scene calls
 * this once per mask change, not per frame.
 */
#include "config.h"

#include <string.h>

#include "kling-motion-private.h"

typedef struct {
  int    width;
  int    height;
  float *pixels;   /* RGBA premultiplied by weight, then weight: 5 floats */
} Level;

#define CH 5

static Level
level_new (int width,
           int height)
{
  Level level = { width, height, g_new0 (float, (gsize) width * height * CH) };

  return level;
}

/* Each cell sums its four children; its weight is capped at 1, so a cell
 * with one known child is as sure as one with four (that is what makes the
 * fill reach into the hole rather than fade). */
static Level
level_push (const Level *fine)
{
  Level coarse = level_new ((fine->width + 1) / 2, (fine->height + 1) / 2);

  for (int y = 0; y < fine->height; y++)
    for (int x = 0; x < fine->width; x++)
      {
        const float *f = fine->pixels + ((gsize) y * fine->width + x) * CH;
        float *c = coarse.pixels + ((gsize) (y / 2) * coarse.width + x / 2) * CH;

        for (int k = 0; k < CH; k++)
          c[k] += f[k];
      }
  for (gsize i = 0; i < (gsize) coarse.width * coarse.height; i++)
    {
      float *c = coarse.pixels + i * CH;

      if (c[4] > 1.0f)
        {
          float norm = 1.0f / c[4];

          for (int k = 0; k < CH; k++)
            c[k] *= norm;
        }
    }
  return coarse;
}

/* The coarse level, @factor times smaller, at fine pixel (x, y),
 * interpolated between the four nearest coarse cells. */
static void
sample_coarse (const Level *coarse,
               int          factor,
               int          x,
               int          y,
               float       *out)
{
  float cx = (x + 0.5f) / factor - 0.5f, cy = (y + 0.5f) / factor - 0.5f;
  int x0 = CLAMP ((int) (cx < 0 ? -1 : cx), 0, coarse->width - 1);
  int y0 = CLAMP ((int) (cy < 0 ? -1 : cy), 0, coarse->height - 1);
  int x1 = MIN (x0 + 1, coarse->width - 1), y1 = MIN (y0 + 1, coarse->height - 1);
  float fx = CLAMP (cx - x0, 0.0f, 1.0f), fy = CLAMP (cy - y0, 0.0f, 1.0f);
  const float *p00 = coarse->pixels + ((gsize) y0 * coarse->width + x0) * CH;
  const float *p01 = coarse->pixels + ((gsize) y0 * coarse->width + x1) * CH;
  const float *p10 = coarse->pixels + ((gsize) y1 * coarse->width + x0) * CH;
  const float *p11 = coarse->pixels + ((gsize) y1 * coarse->width + x1) * CH;

  for (int k = 0; k < CH; k++)
    out[k] = (p00[k] * (1 - fx) + p01[k] * fx) * (1 - fy) +
             (p10[k] * (1 - fx) + p11[k] * fx) * fy;
}

/* Tops up each fine cell's missing weight with the coarse level's colour;
 * afterwards every cell of @fine has weight 1 (the coarse one already has). */
static void
level_pull (Level       *fine,
            const Level *coarse)
{
  for (int y = 0; y < fine->height; y++)
    for (int x = 0; x < fine->width; x++)
      {
        float *f = fine->pixels + ((gsize) y * fine->width + x) * CH;
        float c[CH], missing;

        if (f[4] >= 1.0f)
          continue;
        sample_coarse (coarse, 2, x, y, c);
        missing = 1.0f - f[4];
        if (c[4] > 0)
          for (int k = 0; k < 4; k++)
            f[k] += missing * c[k] / c[4];
        f[4] = 1.0f;
      }
}

/* The window the fill works in: the holes and a margin of known pixels
 * around them, as wide as a quarter of the holes' size and at least 16. */
static KlingRect
fill_window (int              width,
             int              height,
             const KlingRect *holes)
{
  int margin = MAX (16, MAX (holes->width, holes->height) / 4);
  int x0 = MAX (0, holes->x - margin), y0 = MAX (0, holes->y - margin);
  int x1 = MIN (width, holes->x + holes->width + margin);
  int y1 = MIN (height, holes->y + holes->height + margin);

  return (KlingRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* The smallest level is built straight from the image, @factor times
 * smaller: a cell is the average of its known pixels, with weight 1 if it
 * has any. The fill is smooth anyway, and a full-size float pyramid of a
 * large picture costs more to allocate than to compute. */
static Level
level_from_image (const guint8    *rgba,
                  int              width,
                  const guint8    *hole,
                  const KlingRect *win,
                  int              factor,
                  gboolean        *any_known)
{
  Level level = level_new ((win->width + factor - 1) / factor,
                           (win->height + factor - 1) / factor);

  for (int y = 0; y < win->height; y++)
    for (int x = 0; x < win->width; x++)
      {
        gsize at = (gsize) (win->y + y) * width + win->x + x;
        const guint8 *p = rgba + at * 4;
        float *c = level.pixels + ((gsize) (y / factor) * level.width + x / factor) * CH;

        if (hole[at])
          continue;
        for (int k = 0; k < 4; k++)
          c[k] += p[k];
        c[4] += 1.0f;
      }
  for (gsize i = 0; i < (gsize) level.width * level.height; i++)
    {
      float *c = level.pixels + i * CH;

      if (c[4] > 0)
        {
          float norm = 1.0f / c[4];

          for (int k = 0; k < CH; k++)
            c[k] *= norm;
          *any_known = TRUE;
        }
    }
  return level;
}

/**
 * _kling_motion_fill_holes:
 * @rgba: the image, RGBA, width × 4 a row; holes are overwritten
 * @hole: width × height, non-zero where a pixel is to be filled
 * @hole_bounds: the bounding box of the non-zero @hole pixels
 *
 * When nothing around the holes is known (a region covering the whole
 * picture), the pixels stay as they are: the picture itself is a better
 * guess than any colour.
 */
void
_kling_motion_fill_holes (guint8          *rgba,
                          int              width,
                          int              height,
                          const guint8    *hole,
                          const KlingRect *hole_bounds)
{
  KlingRect win = fill_window (width, height, hole_bounds);
  int side = MAX (win.width, win.height);
  int factor = side > 1024 ? 4 : side > 384 ? 2 : 1;
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (Level));
  gboolean any_known = FALSE;
  Level base = level_from_image (rgba, width, hole, &win, factor, &any_known);

  if (!any_known)
    {
      g_free (base.pixels);
      return;
    }

  g_array_append_val (levels, base);
  while (g_array_index (levels, Level, levels->len - 1).width > 1 ||
         g_array_index (levels, Level, levels->len - 1).height > 1)
    {
      Level coarse = level_push (&g_array_index (levels, Level, levels->len - 1));

      g_array_append_val (levels, coarse);
    }
  for (guint i = levels->len - 1; i > 0; i--)
    level_pull (&g_array_index (levels, Level, i - 1), &g_array_index (levels, Level, i));

  base = g_array_index (levels, Level, 0);
  for (int y = 0; y < win.height; y++)
    for (int x = 0; x < win.width; x++)
      {
        gsize at = (gsize) (win.y + y) * width + win.x + x;
        guint8 *p = rgba + at * 4;
        float c[CH];

        if (!hole[at])
          continue;
        sample_coarse (&base, factor, x, y, c);
        for (int k = 0; k < 4; k++)
          p[k] = (guint8) CLAMP (c[k] + 0.5f, 0.0f, 255.0f);
      }
  for (guint i = 0; i < levels->len; i++)
    g_free (g_array_index (levels, Level, i).pixels);
}
