/* kling-grabcut.cpp — find the object inside a box (GrabCut)
 *
 * OpenCV's GrabCut learns a colour model of the object from the box and one
 * of the background from around it, then cuts along the picture's edges.
 * On a large photo that takes seconds, so it runs on a copy whose longest
 * side is at most KLING_GRABCUT_WORK_SIDE, and the mask is brought back to
 * full size with a guided filter: the blurred edge of the upscaled mask
 * snaps to the edges of the full-size picture.
 *
 * The only C++ in the model; its header is plain C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "kling-error.h"
#include "kling-grabcut.h"

/* GrabCut's own rounds; the first learns, the others refine. */
#define ROUNDS 5
/* The guided filter works in strips of this many rows, to keep memory flat. */
#define STRIP_ROWS 256
/* GrabCut seeds its colour models at random: the same box on the same
 * picture gives the same cut. */
#define SEED 0x4b6c696e67

static cv::Rect
to_cv (const KlingRect *rect)
{
  return cv::Rect (rect->x, rect->y, rect->width, rect->height);
}

static cv::Rect
painted_bounds (const KlingMask *mask)
{
  KlingRect bounds;

  if (mask == NULL)
    return cv::Rect ();
  kling_mask_get_bounds (mask, &bounds);
  return to_cv (&bounds);
}

/* The part of the picture GrabCut looks at: the box (and the object hints
 * drawn beyond it) with a margin of background around it. */
static cv::Rect
work_area (const KlingPixels *pixels,
           const cv::Rect    &box,
           const KlingMask   *object_hints)
{
  cv::Rect area = box | painted_bounds (object_hints);
  int margin = MAX (16, MAX (area.width, area.height) / 2);

  area.x -= margin;
  area.y -= margin;
  area.width += 2 * margin;
  area.height += 2 * margin;
  return area & cv::Rect (0, 0, pixels->width, pixels->height);
}

/* A view of @rows rows of the picture as 3-channel colour, copied only
 * when the picture has an alpha channel. */
static cv::Mat
colour_rows (const KlingPixels *pixels,
             const cv::Rect    &area)
{
  cv::Mat whole (pixels->height, pixels->width, CV_8UC (pixels->n_channels),
                 const_cast<guint8 *> (pixels->data), pixels->stride);
  cv::Mat view = whole (area);
  cv::Mat rgb;

  if (pixels->n_channels == 3)
    return view;
  cv::cvtColor (view, rgb, cv::COLOR_RGBA2RGB);
  return rgb;
}

/* Hints as a map at the work size: any overlap with a stroke counts. */
static cv::Mat
scaled_hints (const KlingMask *hints,
              const cv::Rect  &area,
              const cv::Size  &size)
{
  cv::Mat full (area.height, area.width, CV_8UC1);
  cv::Mat small;

  for (int y = 0; y < area.height; y++)
    kling_mask_read_row (hints, area.y + y, area.x, area.width, full.ptr<guint8> (y));
  full = full >= KLING_MASK_PAINTED;
  cv::resize (full, small, size, 0, 0, cv::INTER_AREA);
  return small > 0;
}

static cv::Mat
initial_labels (const cv::Rect  &area,
                const cv::Rect  &box,
                double           scale,
                const cv::Size  &size,
                const KlingMask *object_hints,
                const KlingMask *background_hints)
{
  cv::Mat labels (size, CV_8UC1, cv::Scalar (cv::GC_BGD));
  cv::Rect inside ((int) floor ((box.x - area.x) * scale), (int) floor ((box.y - area.y) * scale),
                   (int) ceil (box.width * scale), (int) ceil (box.height * scale));

  labels (inside & cv::Rect (cv::Point (0, 0), size)).setTo (cv::GC_PR_FGD);
  if (object_hints != NULL)
    labels.setTo (cv::GC_FGD, scaled_hints (object_hints, area, size));
  if (background_hints != NULL)
    labels.setTo (cv::GC_BGD, scaled_hints (background_hints, area, size));

  /* A box over the whole picture leaves no background to learn from: its
   * rim stands in, as probably background. */
  if (cv::countNonZero ((labels == cv::GC_BGD) | (labels == cv::GC_PR_BGD)) == 0)
    {
      cv::Mat rim (size, CV_8UC1, cv::Scalar (255));

      rim (cv::Rect (2, 2, size.width - 4, size.height - 4)).setTo (0);
      labels.setTo (cv::GC_PR_BGD, rim & (labels == cv::GC_PR_FGD));
    }
  return labels;
}

/* The object is the biggest piece of the cut, and every piece an object
 * hint touches: patches of the background whose colours were not seen
 * outside the box, cut loose from it, go. */
static void
keep_object (cv::Mat       &object,
             const cv::Mat &labels)
{
  cv::Mat components, stats, centroids;
  int n = cv::connectedComponentsWithStats (object, components, stats, centroids, 8);
  int biggest = 0;
  std::vector<bool> keep (n, false);

  for (int i = 1; i < n; i++)
    if (biggest == 0 || stats.at<int> (i, cv::CC_STAT_AREA) > stats.at<int> (biggest, cv::CC_STAT_AREA))
      biggest = i;
  keep[biggest] = true;
  for (int y = 0; y < labels.rows; y++)
    for (int x = 0; x < labels.cols; x++)
      if (labels.at<guint8> (y, x) == cv::GC_FGD)
        keep[components.at<int> (y, x)] = true;
  for (int i = 1; i < n; i++)
    if (!keep[i])
      object.setTo (0, components == i);
}

/* He, Sun and Tang's guided filter with the grey picture as the guide: the
 * soft mask's edge follows the picture's edges. */
static cv::Mat
guided_filter (const cv::Mat &guide,
               const cv::Mat &soft,
               int            radius,
               double         eps)
{
  cv::Size window (2 * radius + 1, 2 * radius + 1);
  cv::Mat mean_i, mean_p, corr_ip, corr_ii, a, b;

  cv::boxFilter (guide, mean_i, CV_32F, window);
  cv::boxFilter (soft, mean_p, CV_32F, window);
  cv::boxFilter (guide.mul (soft), corr_ip, CV_32F, window);
  cv::boxFilter (guide.mul (guide), corr_ii, CV_32F, window);
  a = (corr_ip - mean_i.mul (mean_p)) / (corr_ii - mean_i.mul (mean_i) + eps);
  b = mean_p - a.mul (mean_i);
  cv::boxFilter (a, a, CV_32F, window);
  cv::boxFilter (b, b, CV_32F, window);
  return a.mul (guide) + b;
}

/* Brings the cut from the work size back to the area's size and paints it
 * into @out, strip by strip. */
static gboolean
paint_full_size (const KlingPixels *pixels,
                 const cv::Rect    &area,
                 const cv::Mat     &object,
                 double             scale,
                 KlingMask         *out,
                 GCancellable      *cancellable)
{
  int radius = MAX (2, (int) ceil (2.0 / scale));
  int overlap = 2 * radius;
  cv::Mat soft;

  object.convertTo (soft, CV_32F, 1.0 / 255.0);
  for (int y0 = 0; y0 < area.height; y0 += STRIP_ROWS)
    {
      int top = MAX (0, y0 - overlap);
      int bottom = MIN (area.height, y0 + STRIP_ROWS + overlap);
      cv::Rect strip (area.x, area.y + top, area.width, bottom - top);
      cv::Mat grey, soft_strip, sharp;
      cv::Mat2f map (strip.height, strip.width);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      /* Where each full-size pixel falls in the work-size cut. */
      for (int y = 0; y < strip.height; y++)
        for (int x = 0; x < strip.width; x++)
          map (y, x) = cv::Vec2f ((float) ((x + 0.5) * scale - 0.5),
                                  (float) ((top + y + 0.5) * scale - 0.5));
      cv::remap (soft, soft_strip, map, cv::noArray (), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      cv::cvtColor (colour_rows (pixels, strip), grey, cv::COLOR_RGB2GRAY);
      grey.convertTo (grey, CV_32F, 1.0 / 255.0);
      sharp = guided_filter (grey, soft_strip, radius, 1e-3);

      for (int y = y0 - top; y < MIN (strip.height, y0 - top + STRIP_ROWS); y++)
        {
          const float *row = sharp.ptr<float> (y);

          for (int x = 0; x < strip.width; x++)
            if (row[x] >= 0.5f)
              kling_mask_set_value (out, area.x + x, strip.y + y, 255);
        }
    }
  return TRUE;
}

static void
paint_work_size (const cv::Rect &area,
                 const cv::Mat  &object,
                 KlingMask      *out)
{
  for (int y = 0; y < area.height; y++)
    {
      const guint8 *row = object.ptr<guint8> (y);

      for (int x = 0; x < area.width; x++)
        if (row[x])
          kling_mask_set_value (out, area.x + x, area.y + y, 255);
    }
}

static gboolean
cut (const KlingPixels *pixels,
     const cv::Rect    &box,
     const KlingMask   *object_hints,
     const KlingMask   *background_hints,
     KlingMask         *out,
     GCancellable      *cancellable)
{
  cv::Rect area = work_area (pixels, box, object_hints);
  double scale = MIN (1.0, (double) KLING_GRABCUT_WORK_SIDE / MAX (area.width, area.height));
  cv::Size size (MAX (1, (int) lround (area.width * scale)), MAX (1, (int) lround (area.height * scale)));
  cv::Mat small, labels, object, background_model, object_model;

  cv::theRNG ().state = SEED;
  cv::resize (colour_rows (pixels, area), small, size, 0, 0, cv::INTER_AREA);
  labels = initial_labels (area, box, scale, size, object_hints, background_hints);

  /* One round at a time, so that a cancel is heard between rounds. */
  for (int round = 0; round < ROUNDS; round++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      cv::grabCut (small, labels, cv::Rect (), background_model, object_model, 1,
                   round == 0 ? cv::GC_INIT_WITH_MASK : cv::GC_EVAL);
    }
  object = ((labels == cv::GC_FGD) | (labels == cv::GC_PR_FGD));
  keep_object (object, labels);

  if (scale < 1.0)
    return paint_full_size (pixels, area, object, (double) size.width / area.width, out, cancellable);
  paint_work_size (area, object, out);
  return TRUE;
}

/**
 * kling_grabcut_select:
 * @pixels: the picture
 * @rect: the box drawn around the object, in picture pixels
 * @object_hints: (nullable): strokes over what surely belongs to the object
 * @background_hints: (nullable): strokes over what surely does not
 * @out: a mask at the picture's size; the object is painted into it (255)
 * @cancellable: (nullable): heard between GrabCut's rounds
 * @error: %G_IO_ERROR_CANCELLED, or %KLING_ERROR_INVALID_INPUT for a box
 *   too small to hold an object
 *
 * Returns: whether the object was found and painted
 */
gboolean
kling_grabcut_select (const KlingPixels *pixels,
                      const KlingRect   *rect,
                      const KlingMask   *object_hints,
                      const KlingMask   *background_hints,
                      KlingMask         *out,
                      GCancellable      *cancellable,
                      GError           **error)
{
  cv::Rect box = to_cv (rect) & cv::Rect (0, 0, pixels->width, pixels->height);

  g_return_val_if_fail (pixels->n_channels == 3 || pixels->n_channels == 4, FALSE);
  g_return_val_if_fail (kling_mask_get_width (out) == pixels->width &&
                        kling_mask_get_height (out) == pixels->height, FALSE);

  if (box.width < 4 || box.height < 4)
    {
      g_set_error_literal (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                           _("Draw a larger box around the object"));
      return FALSE;
    }

  try
    {
      if (!cut (pixels, box, object_hints, background_hints, out, cancellable))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped"));
          return FALSE;
        }
    }
  catch (const cv::Exception &e)
    {
      g_set_error (error, KLING_ERROR, KLING_ERROR_INVALID_INPUT,
                   _("The object could not be found: %s"), e.what ());
      return FALSE;
    }
  return TRUE;
}
