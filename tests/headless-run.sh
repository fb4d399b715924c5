#!/bin/sh
# Runs one test in a session of its own: fresh XDG folders, a private Xvfb,
# a private D-Bus session bus with an unlocked keyring, and the environment
# design.md §5 asks for. Used by meson as the default test wrapper.
set -eu

work=$(mktemp -d "${TMPDIR:-/tmp}/kling-test.XXXXXX")
cleanup() {
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    # The keyring daemon leaves with the session bus, but not at once:
    # give it a moment rather than failing the test on its last write.
    for attempt in 1 2 3 4 5; do
        rm -rf "$work" 2>/dev/null && break
        sleep 0.2
    done
}
trap 'cleanup; exit 130' INT TERM

mkdir -p "$work/data" "$work/config" "$work/cache" "$work/runtime" "$work/home"
chmod 700 "$work/runtime"
export HOME="$work/home"
export XDG_DATA_HOME="$work/data"
export XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="$work/cache"
export XDG_RUNTIME_DIR="$work/runtime"
export GTK_A11Y=none
export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1
export GDK_DEBUG=gl-disable
export GSK_RENDERER=cairo
export GDK_BACKEND=x11
export GST_PLUGIN_FEATURE_RANK=fakeaudiosink:max
export KLING_TEST_WORKDIR="$work"
# Tests never read the user's configuration or reach a real service.
unset KLING_API_BASE KLING_API_TOKEN KLING_ACCESS_KEY KLING_SECRET_KEY KLING_STUDIO_DATA_DIR
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

if command -v Xvfb >/dev/null 2>&1; then
    exec 3>"$work/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
        >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    exec 3>&-
    i=0
    while [ ! -s "$work/display" ] && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    if [ -s "$work/display" ]; then
        export DISPLAY=":$(cat "$work/display")"
    fi
fi

inner='
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
    eval "$(printf "kling-test" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
    export GNOME_KEYRING_CONTROL
fi
"$@"
'
status=0
if command -v dbus-run-session >/dev/null 2>&1; then
    dbus-run-session -- sh -c "$inner" sh "$@" || status=$?
else
    sh -c "$inner" sh "$@" || status=$?
fi
cleanup
exit $status
