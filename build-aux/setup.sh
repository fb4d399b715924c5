#!/bin/sh
# One step from a fresh Debian 12 machine to a running app or a finished
# test run:
#   sh build-aux/setup.sh run    install packages, build, start Kling Studio
#   sh build-aux/setup.sh test   install packages, build, run every test headless,
#                                then again built with AddressSanitizer and
#                                UndefinedBehaviorSanitizer, then the fuzz targets
# KLING_SKIP_SANITIZERS=1 or KLING_SKIP_FUZZ=1 leave out the last two passes
# (arguments after "test" are test names and apply to the first pass only).
# Run it as root, or as a user who may use sudo.
set -eu

cd "$(dirname "$0")/.."
mode=${1:-run}
shift || true
builddir=${KLING_BUILDDIR:-_build}

build_packages="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libsecret-1-dev libpng-dev libgdk-pixbuf-2.0-dev libopencv-imgproc-dev desktop-file-utils appstream
  libgtk-4-bin librsvg2-common"
run_packages="gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-libav libgtk-4-media-gstreamer
  gnome-keyring dbus-daemon dbus-user-session"
test_packages="xvfb xauth dbus-daemon gnome-keyring gstreamer1.0-tools
  imagemagick xdotool python3 flatpak-builder shared-mime-info fonts-wqy-zenhei
  clang util-linux"

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

# The whole suite again, built with ASan and UBSan. Core and CLI tests also
# look for leaks (tests/lsan.supp lists GLib's one-time allocations) and
# must all pass. GTK keeps too much until exit for the UI tests to say
# anything about our leaks, so those run with leaks off; and as they wait
# for windows and pointer events, a slower build can fail their timing
# without any finding: for them, what fails the pass is a sanitizer's report
# (its own exit code, 86). Their other failures are listed, not fatal.
SANITIZER_EXIT=86
sanitizer_pass() {
    asandir=${KLING_ASAN_BUILDDIR:-_build-asan}
    if [ ! -f "$asandir/build.ninja" ]; then
        meson setup "$asandir" -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false || return 1
    fi
    ninja -C "$asandir" || return 1
    asan_common="halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=0:fast_unwind_on_malloc=0:exitcode=$SANITIZER_EXIT"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=$SANITIZER_EXIT"
    export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0:exitcode=$SANITIZER_EXIT"
    export G_SLICE=always-malloc
    result=0
    ASAN_OPTIONS="$asan_common:detect_leaks=1" \
        meson test -C "$asandir" --logbase asan-core --print-errorlogs --num-processes 2 \
        --timeout-multiplier 3 --suite core --suite cli || result=1
    python3 build-aux/test-summary.py "$asandir/meson-logs/asan-core.json" || true
    ASAN_OPTIONS="$asan_common:detect_leaks=0" \
        meson test -C "$asandir" --logbase asan-ui --print-errorlogs --num-processes 2 \
        --timeout-multiplier 3 --no-suite core --no-suite cli || true
    # Not a closing 'N passed, N failed' line: these failures do not fail CI.
    python3 build-aux/test-summary.py "$asandir/meson-logs/asan-ui.json" |
        sed 's/^tests: \([0-9]*\) passed, \([0-9]*\) failed.*/sanitizer UI pass: \1 passed; \2 missed their timing in the slower build (only a sanitizer report fails this pass)/' || true
    python3 - "$asandir/meson-logs/asan-ui.json" "$SANITIZER_EXIT" <<'EOF_PY' || result=1
import json, sys
found = []
for line in open(sys.argv[1], encoding="utf-8"):
    test = json.loads(line)
    if test.get("returncode") == int(sys.argv[2]):
        found.append(test["name"])
for name in found:
    print("sanitizer finding in", name)
sys.exit(1 if found else 0)
EOF_PY
    unset UBSAN_OPTIONS LSAN_OPTIONS G_SLICE
    return $result
}

# Every parser of outside data, fuzzed for a fixed number of runs from its
# corpus (new inputs go to a scratch folder, not into the source tree).
fuzz_pass() {
    fuzzdir=${KLING_FUZZ_BUILDDIR:-_build-fuzz}
    runs=${KLING_FUZZ_RUNS:-20000}
    if [ ! -f "$fuzzdir/build.ninja" ]; then
        CC=clang CXX=clang++ meson setup "$fuzzdir" -Dfuzzing=true || return 1
    fi
    ninja -C "$fuzzdir" tests/fuzz/fuzz-response tests/fuzz/fuzz-draft \
        tests/fuzz/fuzz-task tests/fuzz/fuzz-image || return 1
    result=0
    for target in response draft task image; do
        scratch=$(mktemp -d)
        set -- "$scratch"
        [ -d "tests/fuzz/corpus-$target" ] && set -- "$@" "tests/fuzz/corpus-$target"
        dict=""
        [ -f "tests/fuzz/fuzz-$target.dict" ] && dict="-dict=tests/fuzz/fuzz-$target.dict"
        echo "fuzz-$target: $runs runs"
        # shellcheck disable=SC2086
        ASAN_OPTIONS="detect_leaks=1" LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
            "$fuzzdir/tests/fuzz/fuzz-$target" -runs="$runs" -max_total_time=300 \
            -artifact_prefix="$fuzzdir/fuzz-$target-" $dict "$@" \
            > "$fuzzdir/fuzz-$target.log" 2>&1 || { result=1; tail -n 40 "$fuzzdir/fuzz-$target.log"; }
        rm -rf "$scratch"
    done
    return $result
}

case "$mode" in
run)
    export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
    exec "$builddir/src/ui/kling-studio" "$@"
    ;;
test)
    status=0
    meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
    python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json" || true
    if [ "${KLING_SKIP_SANITIZERS:-}" != 1 ]; then
        sanitizer_pass || status=1
    fi
    if [ "${KLING_SKIP_FUZZ:-}" != 1 ]; then
        fuzz_pass || status=1
    fi
    # The last closing line is the suite's; the exit status counts every pass.
    python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json" || true
    exit $status
    ;;
esac
