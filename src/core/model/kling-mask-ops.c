/* kling-mask-ops.c — whole-region changes: grow, shrink, fill holes,
 * smooth, polygons and complements
 *
 * Each works on a dense copy of only the part of the mask it can change
 * (the painted bounds and a margin), and writes back whole rows, so empty
 * tiles stay unallocated. What comes out is painted (255) or not (0), as
 * the mask is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kling-mask-ops.h"
#include "kling-mask-private.h"

#define FAR 1e20

/* The painted bounds grown by @margin, inside the mask; empty when nothing
 * is painted. */
static KlingRect
work_area (const KlingMask *self,
           int              margin)
{
  KlingRect area;
  int x1, y1;

  kling_mask_get_bounds (self, &area);
  if (area.width == 0 || area.height == 0)
    return area;
  x1 = MIN (self->width, area.x + area.width + margin);
  y1 = MIN (self->height, area.y + area.height + margin);
  area.x = MAX (0, area.x - margin);
  area.y = MAX (0, area.y - margin);
  area.width = x1 - area.x;
  area.height = y1 - area.y;
  return area;
}

/* 1 where painted, 0 where not, for each pixel of @area. */
static guint8 *
read_painted (const KlingMask *self,
              const KlingRect *area)
{
  guint8 *bits = g_malloc ((gsize) area->width * area->height);

  for (int y = 0; y < area->height; y++)
    {
      guint8 *row = bits + (gsize) y * area->width;

      kling_mask_read_row (self, area->y + y, area->x, area->width, row);
      for (int x = 0; x < area->width; x++)
        row[x] = row[x] >= KLING_MASK_PAINTED;
    }
  return bits;
}

static void
write_painted (KlingMask       *self,
               const KlingRect *area,
               const guint8    *bits)
{
  g_autofree guint8 *row = g_malloc (self->width);

  for (int y = 0; y < area->height; y++)
    {
      const guint8 *src = bits + (gsize) y * area->width;

      kling_mask_read_row (self, area->y + y, 0, self->width, row);
      for (int x = 0; x < area->width; x++)
        row[area->x + x] = src[x] ? 255 : 0;
      _kling_mask_write_row (self, area->y + y, row);
    }
}

/* Felzenszwalb and Huttenlocher's squared distance transform of one line
 * (@n samples @step apart), in place; doubles inside, as q² of a long line
 * is past a float's precision. */
static void
distance_line (float  *f,
               int     n,
               int     step,
               double *g,
               double *z,
               int    *v)
{
  int k = 0;

  for (int q = 0; q < n; q++)
    g[q] = f[(gsize) q * step];
  v[0] = 0;
  z[0] = -FAR;
  z[1] = FAR;
  for (int q = 1; q < n; q++)
    {
      double s = ((g[q] + (double) q * q) - (g[v[k]] + (double) v[k] * v[k])) / (2.0 * (q - v[k]));

      /* z[0] is far below any s, so k never goes under 0. */
      while (s <= z[k])
        {
          k--;
          s = ((g[q] + (double) q * q) - (g[v[k]] + (double) v[k] * v[k])) / (2.0 * (q - v[k]));
        }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = FAR;
    }
  k = 0;
  for (int q = 0; q < n; q++)
    {
      while (z[k + 1] < q)
        k++;
      f[(gsize) q * step] = (float) ((double) (q - v[k]) * (q - v[k]) + g[v[k]]);
    }
}

/* Squared distance from each pixel of @area to the nearest one whose bit
 * equals @target. */
static float *
distance_to (const guint8    *bits,
             const KlingRect *area,
             guint8           target)
{
  gsize n = (gsize) area->width * area->height;
  int longest = MAX (area->width, area->height);
  float *dist = g_malloc (n * sizeof (float));
  g_autofree double *g = g_new (double, longest);
  g_autofree double *z = g_new (double, longest + 1);
  g_autofree int *v = g_new (int, longest);

  for (gsize i = 0; i < n; i++)
    dist[i] = bits[i] == target ? 0.0f : (float) FAR;
  for (int x = 0; x < area->width; x++)
    distance_line (dist + x, area->height, area->width, g, z, v);
  for (int y = 0; y < area->height; y++)
    distance_line (dist + (gsize) y * area->width, area->width, 1, g, z, v);
  return dist;
}

/**
 * kling_mask_grow:
 * @pixels: how far the edge moves out; negative moves it in
 *
 * Grows (or shrinks) the painted area by a round brush of that radius. The
 * picture's edge does not count as an edge: a region that touches it
 * stays touching it.
 */
void
kling_mask_grow (KlingMask *self,
                 int        pixels)
{
  int reach = MIN (ABS (pixels), KLING_MASK_MAX_GROW);
  KlingRect area = work_area (self, reach + 1);
  g_autofree guint8 *bits = NULL;
  g_autofree float *dist = NULL;
  float limit = (float) reach * reach;
  gsize n;

  if (reach == 0 || area.width == 0)
    return;
  bits = read_painted (self, &area);
  dist = distance_to (bits, &area, pixels > 0 ? 1 : 0);
  n = (gsize) area.width * area.height;
  for (gsize i = 0; i < n; i++)
    if (dist[i] <= limit)
      bits[i] = pixels > 0;
  write_painted (self, &area, bits);
}

/**
 * kling_mask_fill_holes:
 *
 * Paints every unpainted patch that the painted area closes in.
 *
 * Returns: whether there was a hole
 */
gboolean
kling_mask_fill_holes (KlingMask *self)
{
  KlingRect area = work_area (self, 1);
  g_autofree guint8 *bits = NULL;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint32));
  gboolean any = FALSE;
  int w = area.width, h = area.height;

  if (area.width == 0)
    return FALSE;
  bits = read_painted (self, &area);

  /* What the rim reaches is outside (2); what is still 0 after is a hole. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && bits[y * w + x] == 0)
        {
          gint32 i = y * w + x;

          bits[i] = 2;
          g_array_append_val (stack, i);
        }
  while (stack->len > 0)
    {
      gint32 i = g_array_index (stack, gint32, stack->len - 1);
      gint32 next[4] = { i - 1, i + 1, i - w, i + w };
      gboolean ok[4] = { i % w > 0, i % w < w - 1, i >= w, i < w * (h - 1) };

      g_array_set_size (stack, stack->len - 1);
      for (int k = 0; k < 4; k++)
        if (ok[k] && bits[next[k]] == 0)
          {
            bits[next[k]] = 2;
            g_array_append_val (stack, next[k]);
          }
    }
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      any |= bits[i] == 0;
      bits[i] = bits[i] != 2;
    }
  if (any)
    write_painted (self, &area, bits);
  return any;
}

/* A box blur of radius @r along one line (@n samples @step apart), the
 * ends repeated. */
static void
blur_line (guint8 *line,
           int     n,
           int     step,
           int     r,
           guint8 *copy)
{
  int sum = 0, width = 2 * r + 1;

  for (int i = 0; i < n; i++)
    copy[i] = line[(gsize) i * step];
  for (int i = -r; i <= r; i++)
    sum += copy[CLAMP (i, 0, n - 1)];
  for (int i = 0; i < n; i++)
    {
      line[(gsize) i * step] = (guint8) ((sum + width / 2) / width);
      sum += copy[MIN (i + r + 1, n - 1)] - copy[MAX (i - r, 0)];
    }
}

/**
 * kling_mask_smooth:
 * @radius: how round the corners become (pixels)
 *
 * Rounds the edge of the painted area: a blur (three box passes, close to
 * a Gaussian) cut at half coverage, so that jagged steps and single-pixel
 * spurs go and the area keeps its size.
 */
void
kling_mask_smooth (KlingMask *self,
                   int        radius)
{
  int r = CLAMP (radius / 2, 1, KLING_MASK_MAX_GROW);
  KlingRect area = work_area (self, 3 * r + 1);
  g_autofree guint8 *values = NULL;
  g_autofree guint8 *copy = NULL;

  if (area.width == 0)
    return;
  values = read_painted (self, &area);
  for (gsize i = 0; i < (gsize) area.width * area.height; i++)
    values[i] *= 255;
  copy = g_malloc (MAX (area.width, area.height));
  for (int pass = 0; pass < 3; pass++)
    {
      for (int y = 0; y < area.height; y++)
        blur_line (values + (gsize) y * area.width, area.width, 1, r, copy);
      for (int x = 0; x < area.width; x++)
        blur_line (values + x, area.height, area.width, r, copy);
    }
  for (gsize i = 0; i < (gsize) area.width * area.height; i++)
    values[i] = values[i] >= KLING_MASK_PAINTED;
  write_painted (self, &area, values);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * kling_mask_fill_polygon:
 * @points: the corners, in picture pixels; the last joins the first
 * @value: 255 to paint, 0 to take the paint away
 * @out_dirty: (out) (optional): the rows and columns touched
 *
 * Fills the inside of the polygon (even-odd, as a lasso is read): each
 * pixel whose centre lies inside.
 */
void
kling_mask_fill_polygon (KlingMask        *self,
                         const KlingPoint *points,
                         guint             n_points,
                         guint8            value,
                         KlingRect        *out_dirty)
{
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  g_autofree double *crossings = NULL;
  int y0, y1;

  if (out_dirty != NULL)
    *out_dirty = (KlingRect) { 0, 0, 0, 0 };
  if (n_points < 3)
    return;
  for (guint i = 0; i < n_points; i++)
    {
      top = MIN (top, points[i].y);
      bottom = MAX (bottom, points[i].y);
    }
  y0 = MAX (0, (int) floor (top));
  y1 = MIN (self->height - 1, (int) ceil (bottom));
  crossings = g_new (double, n_points);

  for (int y = y0; y <= y1; y++)
    {
      double cy = y + 0.5;
      guint n = 0;

      for (guint i = 0; i < n_points; i++)
        {
          const KlingPoint *a = &points[i], *b = &points[(i + 1) % n_points];

          if ((a->y <= cy && cy < b->y) || (b->y <= cy && cy < a->y))
            crossings[n++] = a->x + (cy - a->y) * (b->x - a->x) / (b->y - a->y);
        }
      qsort (crossings, n, sizeof (double), compare_doubles);
      for (guint i = 0; i + 1 < n; i += 2)
        {
          int x0 = MAX (0, (int) ceil (crossings[i] - 0.5));
          int x1 = MIN (self->width - 1, (int) ceil (crossings[i + 1] - 0.5) - 1);

          for (int x = x0; x <= x1; x++)
            kling_mask_set_value (self, x, y, value);
          if (out_dirty != NULL && x0 <= x1)
            {
              KlingRect row = { x0, y, x1 - x0 + 1, 1 };

              if (out_dirty->width == 0)
                *out_dirty = row;
              else
                {
                  int right = MAX (out_dirty->x + out_dirty->width, row.x + row.width);

                  out_dirty->x = MIN (out_dirty->x, row.x);
                  out_dirty->width = right - out_dirty->x;
                  out_dirty->height = y - out_dirty->y + 1;
                }
            }
        }
    }
}

/**
 * kling_mask_union:
 *
 * Adds @other's paint to @self's (the stronger coverage of the two).
 */
void
kling_mask_union (KlingMask       *self,
                  const KlingMask *other)
{
  g_return_if_fail (self->width == other->width && self->height == other->height);

  for (int ty = 0; ty < self->tiles_y; ty++)
    for (int tx = 0; tx < self->tiles_x; tx++)
      {
        const guint8 *theirs = kling_mask_tile_at (other, tx, ty);
        guint8 *mine;

        if (theirs == NULL)
          continue;
        mine = kling_mask_get_tile (self, tx, ty, TRUE);
        for (int p = 0; p < TILE_BYTES; p++)
          mine[p] = MAX (mine[p], theirs[p]);
      }
}

/**
 * kling_mask_set_complement:
 * @others: masks at @self's size
 *
 * Paints @self wherever none of @others is painted, and nowhere else: what
 * "everything else stays still" makes of the static region.
 */
void
kling_mask_set_complement (KlingMask              *self,
                           const KlingMask * const *others,
                           guint                   n_others)
{
  g_autofree guint8 *row = g_malloc (self->width);
  g_autofree guint8 *theirs = g_malloc (self->width);

  for (guint i = 0; i < n_others; i++)
    g_return_if_fail (others[i]->width == self->width && others[i]->height == self->height);

  for (int y = 0; y < self->height; y++)
    {
      memset (row, 255, self->width);
      for (guint i = 0; i < n_others; i++)
        {
          kling_mask_read_row (others[i], y, 0, self->width, theirs);
          for (int x = 0; x < self->width; x++)
            if (theirs[x] >= KLING_MASK_PAINTED)
              row[x] = 0;
        }
      _kling_mask_write_row (self, y, row);
    }
}

/**
 * kling_mask_new_cropped:
 * @area: the part of @self to keep
 * @width: (in): the new mask's width; @area is scaled to it
 *
 * The coverage under @area, on a picture cropped to @area and scaled to
 * @width×@height (nearest pixel, as the mask is sent painted or not).
 *
 * Returns: (transfer full): the new mask
 */
KlingMask *
kling_mask_new_cropped (const KlingMask *self,
                        const KlingRect *area,
                        int              width,
                        int              height)
{
  KlingMask *cropped = kling_mask_new (width, height);
  g_autofree guint8 *source = NULL;
  g_autofree guint8 *row = NULL;

  g_return_val_if_fail (area->width > 0 && area->height > 0, cropped);

  if (kling_mask_is_empty (self))
    return cropped;
  source = g_malloc (area->width);
  row = g_malloc (width);
  for (int y = 0; y < height; y++)
    {
      int sy = area->y + (int) ((gint64) y * area->height / height);

      kling_mask_read_row (self, sy, area->x, area->width, source);
      for (int x = 0; x < width; x++)
        row[x] = source[(gint64) x * area->width / width];
      _kling_mask_write_row (cropped, y, row);
    }
  return cropped;
}
