#!/bin/sh
# One step from a fresh Debian 12 machine to a running app or a finished
# test run:
#   sh build-aux/setup.sh run    install packages, build, start Kling Studio
#   sh build-aux/setup.sh test   install packages, build, run every test headless
# Run it as root, or as a user who may use sudo.
set -eu

cd "$(dirname "$0")/.."
mode=${1:-run}
shift || true
builddir=${KLING_BUILDDIR:-_build}

build_packages="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libsecret-1-dev libpng-dev libgdk-pixbuf-2.0-dev desktop-file-utils appstream
  libgtk-4-bin librsvg2-common"
run_packages="gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-libav libgtk-4-media-gstreamer
  gnome-keyring dbus-daemon dbus-user-session"
test_packages="xvfb xauth dbus-daemon gnome-keyring gstreamer1.0-tools
  imagemagick xdotool python3 flatpak-builder shared-mime-info fonts-wqy-zenhei"

case "$mode" in
    run)  packages="$build_packages $run_packages" ;;
    test) packages="$build_packages $run_packages $test_packages" ;;
    *)    echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if [ "${KLING_SKIP_APT:-}" != 1 ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=300 -q update
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=300 -q install -y --no-install-recommends $packages
fi

if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" -Dwerror=true
fi
ninja -C "$builddir"

case "$mode" in
run)
    export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
    exec "$builddir/src/ui/kling-studio" "$@"
    ;;
test)
    status=0
    meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
    python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json" || true
    exit $status
    ;;
esac
