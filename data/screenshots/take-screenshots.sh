#!/bin/sh
# Retakes the screenshots the metainfo shows, from the real app driven by
# real X input, in a private 1280×800 Xvfb:
#
#   tests/headless-run.sh data/screenshots/take-screenshots.sh BUILDDIR [LANG]
#
# BUILDDIR is a configured and built tree (ninja -C BUILDDIR src/ui/kling-studio
# data/gschemas.compiled). With LANG (zh_CN) the screenshots are written as
# NAME-LANG.png in the current folder, to check a translation by eye; they
# are not shipped.
# Needs imagemagick and xdotool (build-aux/setup.sh test installs them) and,
# for Chinese, a CJK font such as fonts-wqy-zenhei.
#
# The coordinates below are those of the window at its default 1280×800
# size with the 1600×1000 scene this script draws (shown at 55 %).
set -eu

builddir=$(cd "${1:?usage: take-screenshots.sh BUILDDIR [LANG]}" && pwd)
lang=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
work=${KLING_TEST_WORKDIR:-$(mktemp -d)}
scene="$work/Lake at dusk.png"
suffix=${lang:+-$lang}
outdir=$here
[ -n "$lang" ] && outdir=$PWD

# A picture with things that stay (mountains) and things that move (a
# boat, birds, clouds), drawn here so nothing but code is committed.
convert -size 1600x1000 gradient:'#6fa8dc-#fce5cd' \
  -fill '#f6b26b' -draw "circle 1180,260 1180,350" \
  -fill '#5b7f95' -draw "polygon 0,620 220,420 400,560 640,330 900,600 1100,450 1380,640 1600,520 1600,1000 0,1000" \
  -fill '#3d5a6c' -draw "polygon 0,700 300,560 560,690 820,590 1100,720 1400,600 1600,690 1600,1000 0,1000" \
  -fill '#2a9d8f' -draw "rectangle 0,760 1600,1000" -fill '#52b8aa' -draw "rectangle 200,820 700,826" -draw "rectangle 900,870 1400,876" -draw "rectangle 100,930 500,936" \
  -fill '#ffffff' -draw "polygon 520,700 520,560 600,700" -draw "polygon 510,700 510,590 450,700" \
  -fill '#7f4f24' -draw "polygon 430,705 640,705 610,735 460,735" \
  -stroke '#1c1c1c' -strokewidth 6 -fill none -draw "path 'M 900,300 Q 930,270 960,300 Q 990,270 1020,300'" \
  -strokewidth 5 -draw "path 'M 1050,360 Q 1072,338 1094,360 Q 1116,338 1138,360'" \
  -stroke none -fill '#ffffff80' -draw "ellipse 300,200 140,40 0,360" -draw "ellipse 380,180 110,45 0,360" \
  "$scene"

# The program finds its translations in the configured prefix: for LANG,
# run `meson install -C BUILDDIR` first (a --prefix of your own will do).
program="$builddir/src/ui/kling-studio"
# gettext ignores LANGUAGE in the "C" locale, not in C.UTF-8.
export LANG=C.UTF-8 LANGUAGE="${lang:-C}"
export GSETTINGS_SCHEMA_DIR="$builddir/data"

app_pid=
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; }
trap cleanup EXIT

start_app() {
    "$program" "$@" >"$work/app.log" 2>&1 &
    app_pid=$!
    xdotool search --sync --onlyvisible --pid "$app_pid" >/dev/null
    sleep 1.5
}

stop_app() {
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=
}

# The window fills the screen; -strip and a 256-colour palette keep each
# PNG well under the 300 KB data/check-data.py allows.
shot() {
    sleep 0.7
    import -window root -crop 1280x800+0+0 +repage -strip "$work/raw.png"
    convert "$work/raw.png" -dither None -colors 256 -define png:compression-level=9 \
        "$outdir/$1$suffix.png"
    echo "$outdir/$1$suffix.png: $(stat -c %s "$outdir/$1$suffix.png") bytes"
}

key() { xdotool key --delay 60 "$@"; sleep 0.2; }

# Presses at the first point, moves through the others, releases.
drag() {
    xdotool mousemove "$1" "$2" mousedown 1
    shift 2
    while [ $# -ge 2 ]; do
        xdotool sleep 0.03 mousemove "$1" "$2"
        shift 2
    done
    xdotool sleep 0.05 mouseup 1
    sleep 0.1
}

click() { xdotool mousemove "$1" "$2" sleep 0.05 click 1; sleep 0.15; }

# 1. The start page.
start_app
shot start
stop_app

# 2. The editor: the mountains stay, the boat sails right, the birds fly
#    off to the upper left, the cloud drifts.
start_app "$scene"
xdotool mousemove 470 640
# The mountains are flat colours: Fill Similar Colours takes each in a click.
key 0 f
click 381 430
click 860 505
click 200 540
key 1 b bracketright bracketright bracketright
drag 290 565 330 555 370 562
drag 300 540 320 500 345 545
key t
click 330 560
click 430 548
click 540 562
click 650 550
click 760 558
key 2 b
drag 528 333 560 330 592 334
drag 610 366 634 364 656 367
key t
click 590 340
click 520 300
click 430 262
click 330 245
key 3 b bracketright bracketright
drag 130 280 200 268 280 270
key t
click 200 275
click 270 272
click 340 268
# Each moving region gets its name (F2 renames the selected one).
for named in "1 boat" "2 birds" "3 cloud"; do
    key "${named% *}" F2
    xdotool type --delay 30 "${named#* }"
    key Return
done
# A prompt, typed as a person would.
click 1100 555
xdotool type --delay 15 "The sailboat glides across the lake at dusk, birds fly away, the cloud drifts slowly"
xdotool mousemove 470 650
shot editor

# 3. The generation settings further down the side panel.
xdotool mousemove 1100 600
for _ in 1 2 3 4 5 6 7; do xdotool click 5; done
shot parameters
stop_app
