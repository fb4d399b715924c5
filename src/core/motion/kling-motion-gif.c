/* kling-motion-gif.c — animated GIF89a, written by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian 12 has no GStreamer element that writes GIF (gifenc is in
 * gst-plugins-rs, which Debian 12 does not ship, and gst-libav does not
 * expose FFmpeg's GIF encoder), and gdk-pixbuf only reads GIF. GIF is small
 * enough to write: one fixed palette (a 6×7×6 colour cube, which needs no
 * analysis pass and keeps a still pixel the same index in every frame),
 * ordered dithering (stable from frame to frame, so the still background
 * does not shimmer), each frame only the rectangle that changed, and the
 * classic LZW of GIFENCOD (the hashed encoder of compress(1)).
 */
#include "config.h"

#include <string.h>

#include "kling-motion-gif-private.h"

#define MAX_BITS 12
#define MAX_MAX_CODE (1 << MAX_BITS)
#define HASH_SIZE 5003
#define HASH_SHIFT 4

struct _KlingMotionGif {
  GOutputStream *stream;
  int            width;
  int            height;
  guint          fps;
  guint          n_frames;
  guint8        *previous;   /* the last frame's indices; NULL before the first */
  guint8        *indices;
};

/* The LZW coder's state while it packs one frame into sub-blocks. */
typedef struct {
  GByteArray *out;
  guint8      block[256];   /* block[0] is the length */
  guint32     accum;
  int         n_accum;
  int         n_bits;
  int         max_code;
  int         free_code;
  gboolean    clear_next;
  int         hash[HASH_SIZE];
  guint16     codes[HASH_SIZE];
} Lzw;

#define CLEAR_CODE 256
#define END_CODE 257

static void
lzw_byte (Lzw    *lzw,
          guint8  byte)
{
  lzw->block[++lzw->block[0]] = byte;
  if (lzw->block[0] == 255)
    {
      g_byte_array_append (lzw->out, lzw->block, 256);
      lzw->block[0] = 0;
    }
}

static void
lzw_output (Lzw *lzw,
            int  code)
{
  lzw->accum |= (guint32) code << lzw->n_accum;
  lzw->n_accum += lzw->n_bits;
  while (lzw->n_accum >= 8)
    {
      lzw_byte (lzw, lzw->accum & 0xff);
      lzw->accum >>= 8;
      lzw->n_accum -= 8;
    }

  /* The decoder widens its codes one code late: do it after writing. */
  if (lzw->clear_next)
    {
      lzw->n_bits = 9;
      lzw->max_code = (1 << 9) - 1;
      lzw->clear_next = FALSE;
    }
  else if (lzw->free_code > lzw->max_code)
    {
      lzw->n_bits++;
      lzw->max_code = lzw->n_bits == MAX_BITS ? MAX_MAX_CODE : (1 << lzw->n_bits) - 1;
    }
}

static void
lzw_clear (Lzw *lzw)
{
  memset (lzw->hash, 0xff, sizeof lzw->hash);
  lzw->free_code = END_CODE + 1;
  lzw->clear_next = TRUE;
  lzw_output (lzw, CLEAR_CODE);
}

/* Looks (prefix, c) up; returns its code, or −1 and leaves in *slot where
 * it would go. */
static int
lzw_find (Lzw  *lzw,
          int   prefix,
          int   c,
          int  *slot)
{
  int key = (c << MAX_BITS) + prefix;
  int i = (c << HASH_SHIFT) ^ prefix;
  int step = i == 0 ? 1 : HASH_SIZE - i;

  while (lzw->hash[i] >= 0)
    {
      if (lzw->hash[i] == key)
        return lzw->codes[i];
      i -= step;
      if (i < 0)
        i += HASH_SIZE;
    }
  *slot = i;
  return -1;
}

static void
lzw_encode (GByteArray   *out,
            const guint8 *pixels,
            gsize         n)
{
  g_autofree Lzw *lzw = g_new0 (Lzw, 1);
  int prefix;

  lzw->out = out;
  lzw->n_bits = 9;
  lzw->max_code = (1 << 9) - 1;
  g_byte_array_append (out, (const guint8 *) "\x08", 1);   /* the minimum code size */
  lzw_clear (lzw);

  prefix = pixels[0];
  for (gsize i = 1; i < n; i++)
    {
      int c = pixels[i], slot = 0;
      int code = lzw_find (lzw, prefix, c, &slot);

      if (code >= 0)
        {
          prefix = code;
          continue;
        }
      lzw_output (lzw, prefix);
      if (lzw->free_code < MAX_MAX_CODE)
        {
          lzw->codes[slot] = lzw->free_code++;
          lzw->hash[slot] = (c << MAX_BITS) + prefix;
        }
      else
        lzw_clear (lzw);
      prefix = c;
    }
  lzw_output (lzw, prefix);
  lzw_output (lzw, END_CODE);
  if (lzw->n_accum > 0)
    lzw_byte (lzw, lzw->accum & 0xff);
  if (lzw->block[0] > 0)
    g_byte_array_append (out, lzw->block, lzw->block[0] + 1);
  g_byte_array_append (out, (const guint8 *) "\0", 1);   /* the block terminator */
}

/* 6 levels of red, 7 of green (the eye's sharpest), 6 of blue: 252 colours. */
#define LEVELS_R 6
#define LEVELS_G 7
#define LEVELS_B 6

static const guint8 bayer[4][4] = {
  {  0,  8,  2, 10 },
  { 12,  4, 14,  6 },
  {  3, 11,  1,  9 },
  { 15,  7, 13,  5 },
};

static inline guint
quantise (guint value,
          guint levels,
          guint threshold)
{
  /* value × (levels − 1) / 255, rounded by the dither threshold (of 16). */
  guint q = (value * (levels - 1) * 16 + threshold * 255) / (255 * 16);

  return MIN (q, levels - 1);
}

static void
write_palette (GByteArray *out)
{
  guint8 colour[3];

  for (guint i = 0; i < 256; i++)
    {
      if (i < LEVELS_R * LEVELS_G * LEVELS_B)
        {
          colour[0] = (guint8) (i / (LEVELS_G * LEVELS_B) * 255 / (LEVELS_R - 1));
          colour[1] = (guint8) (i / LEVELS_B % LEVELS_G * 255 / (LEVELS_G - 1));
          colour[2] = (guint8) (i % LEVELS_B * 255 / (LEVELS_B - 1));
        }
      else
        colour[0] = colour[1] = colour[2] = 0;
      g_byte_array_append (out, colour, 3);
    }
}

static void
append_le16 (GByteArray *out,
             guint       value)
{
  guint8 bytes[2] = { value & 0xff, (value >> 8) & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static gboolean
write_bytes (KlingMotionGif  *self,
             GByteArray      *bytes,
             GCancellable    *cancellable,
             GError         **error)
{
  return g_output_stream_write_all (self->stream, bytes->data, bytes->len, NULL,
                                    cancellable, error);
}

/**
 * _kling_motion_gif_new:
 * @stream: where the file goes; written from the first frame on
 *
 * Returns: (transfer full): a writer; add the frames, then finish
 */
KlingMotionGif *
_kling_motion_gif_new (GOutputStream *stream,
                       int            width,
                       int            height,
                       guint          fps)
{
  KlingMotionGif *self = g_new0 (KlingMotionGif, 1);

  self->stream = g_object_ref (stream);
  self->width = CLAMP (width, 1, 65535);
  self->height = CLAMP (height, 1, 65535);
  self->fps = MAX (fps, 1);
  self->indices = g_malloc ((gsize) self->width * self->height);
  return self;
}

void
_kling_motion_gif_free (KlingMotionGif *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->previous);
  g_free (self->indices);
  g_free (self);
}

static void
write_header (KlingMotionGif *self,
              GByteArray     *out)
{
  g_byte_array_append (out, (const guint8 *) "GIF89a", 6);
  append_le16 (out, self->width);
  append_le16 (out, self->height);
  /* A global table of 2^8 colours, 8 bits a primary. */
  g_byte_array_append (out, (const guint8 *) "\xf7\x00\x00", 3);
  write_palette (out);
  /* Loop for ever (the NETSCAPE2.0 extension every viewer honours). */
  g_byte_array_append (out, (const guint8 *) "\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19);
}

static void
index_frame (KlingMotionGif *self,
             const guint8   *rgba,
             int             stride)
{
  for (int y = 0; y < self->height; y++)
    {
      const guint8 *p = rgba + (gsize) y * stride;
      guint8 *index = self->indices + (gsize) y * self->width;

      for (int x = 0; x < self->width; x++, p += 4)
        {
          guint t = bayer[y & 3][x & 3];

          index[x] = quantise (p[0], LEVELS_R, t) * LEVELS_G * LEVELS_B +
                     quantise (p[1], LEVELS_G, t) * LEVELS_B +
                     quantise (p[2], LEVELS_B, t);
        }
    }
}

/* The rectangle of indices that differ from the previous frame; the whole
 * frame for the first one, one pixel when nothing changed. */
static KlingRect
changed_rect (KlingMotionGif *self)
{
  int x0 = self->width, y0 = self->height, x1 = -1, y1 = -1;

  if (self->previous == NULL)
    return (KlingRect) { 0, 0, self->width, self->height };
  for (int y = 0; y < self->height; y++)
    {
      const guint8 *a = self->indices + (gsize) y * self->width;
      const guint8 *b = self->previous + (gsize) y * self->width;
      int first = 0, last = self->width - 1;

      if (memcmp (a, b, self->width) == 0)
        continue;
      while (a[first] == b[first])
        first++;
      while (a[last] == b[last])
        last--;
      x0 = MIN (x0, first);
      x1 = MAX (x1, last);
      y0 = MIN (y0, y);
      y1 = y;
    }
  if (x1 < 0)
    return (KlingRect) { 0, 0, 1, 1 };
  return (KlingRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/**
 * _kling_motion_gif_add_frame:
 * @rgba: the frame, RGBA (alpha is ignored), @stride bytes a row
 */
gboolean
_kling_motion_gif_add_frame (KlingMotionGif  *self,
                             const guint8    *rgba,
                             int              stride,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *cut = NULL;
  /* Delays are whole hundredths: 30 fps alternates 3, 3 and 4. */
  guint delay = (self->n_frames + 1) * 100 / self->fps - self->n_frames * 100 / self->fps;
  guint8 control[8] = { 0x21, 0xf9, 0x04, 0x04, delay & 0xff, delay >> 8, 0, 0 };
  KlingRect r;

  if (self->n_frames == 0)
    write_header (self, out);
  index_frame (self, rgba, stride);
  r = changed_rect (self);

  /* Disposal 1: each frame is drawn over the last, so only changes travel. */
  g_byte_array_append (out, control, sizeof control);
  g_byte_array_append (out, (const guint8 *) "\x2c", 1);
  append_le16 (out, r.x);
  append_le16 (out, r.y);
  append_le16 (out, r.width);
  append_le16 (out, r.height);
  g_byte_array_append (out, (const guint8 *) "\x00", 1);

  cut = g_malloc ((gsize) r.width * r.height);
  for (int y = 0; y < r.height; y++)
    memcpy (cut + (gsize) y * r.width, self->indices + (gsize) (r.y + y) * self->width + r.x, r.width);
  lzw_encode (out, cut, (gsize) r.width * r.height);

  if (self->previous == NULL)
    self->previous = g_malloc ((gsize) self->width * self->height);
  memcpy (self->previous, self->indices, (gsize) self->width * self->height);
  self->n_frames++;
  return write_bytes (self, out, cancellable, error);
}

gboolean
_kling_motion_gif_finish (KlingMotionGif  *self,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "\x3b", 1);   /* the trailer */
  return write_bytes (self, out, cancellable, error) &&
         g_output_stream_close (self->stream, cancellable, error);
}
