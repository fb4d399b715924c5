#!/usr/bin/env python3
# Offline checks of the Flatpak manifest (this machine cannot reach Flathub,
# so nothing is built): flatpak-builder itself reads it, with every GLib
# warning fatal, and what it reads back is the app the project ships with
# only the permissions it needs.
#
#   test-flatpak.py FLATPAK-BUILDER MANIFEST
#
# Permissions: the manifest must grant exactly network, ipc, wayland,
# fallback-x11, dri and pulseaudio. The one addition this test would let
# through is --filesystem=xdg-videos (with :create or :rw), the narrowest
# way to save videos straight into the Videos folder should the project
# ever choose that over the file chooser portal; any other --filesystem,
# and every bus or device grant that reaches outside the sandbox, fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import subprocess
import sys
import tempfile

APP_ID = "io.github.klingstudio.KlingStudio"
NEEDED = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--socket=pulseaudio",
]
ALLOWED_FILESYSTEMS = {"xdg-videos", "xdg-videos:create", "xdg-videos:rw"}
# Grants that hand the sandbox to the host, or are never needed here.
FORBIDDEN = [
    (re.compile(r"^--socket=(x11|session-bus|system-bus|ssh-auth|gpg-agent|pcsc|cups)$"), "socket"),
    (re.compile(r"^--device=(all|shm|kvm|input|usb)$"), "device"),
    (re.compile(r"^--(talk|own|system-talk|system-own)-name="), "D-Bus name"),
    (re.compile(r"^--persist="), "persisted home folder"),
    (re.compile(r"^--allow=(devel|multiarch|bluetooth|canbus|per-app-dev-shm)$"), "feature"),
    (re.compile(r"^--env=.*(LD_PRELOAD|LD_LIBRARY_PATH)"), "loader override"),
]
# A runtime older than this is based on freedesktop-sdk 24.08 or earlier,
# where H.264 comes from the ffmpeg-full extension the manifest must add.
FIRST_CODECS_EXTRA_GNOME = 49

problems = []


def problem(message):
    problems.append(message)
    print("FAIL: " + message)


def read_manifest(builder, path):
    env = dict(os.environ, G_DEBUG="fatal-warnings")
    # flatpak-builder sets up its state folder (.flatpak-builder) in the
    # current folder even just to read: keep it out of the tree.
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                             capture_output=True, text=True, env=env, cwd=scratch)
    if run.returncode != 0:
        sys.exit("flatpak-builder --show-manifest failed (%d):\n%s%s"
                 % (run.returncode, run.stdout, run.stderr))
    if run.stderr.strip():
        problem("flatpak-builder warned while reading the manifest:\n" + run.stderr)
    return json.loads(run.stdout)


def check_permissions(args):
    for arg in args:
        if arg.startswith("--filesystem="):
            if arg.split("=", 1)[1] not in ALLOWED_FILESYSTEMS:
                problem("%s: files come through the portal; no --filesystem but xdg-videos" % arg)
        elif arg not in NEEDED:
            reasons = [what for pattern, what in FORBIDDEN if pattern.search(arg)]
            if reasons:
                problem("%s: this %s reaches outside the sandbox" % (arg, reasons[0]))
            else:
                problem("%s is not one of the permissions the app needs" % arg)
    for arg in NEEDED:
        if arg not in args:
            problem("%s is missing: the app cannot work without it" % arg)
    if len(set(args)) != len(args):
        problem("a permission is listed twice: %r" % args)


def check_runtime(manifest):
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problem("the runtime must be org.gnome.Platform with org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"\d+", version):
        problem("runtime-version %r is not a stable GNOME release" % version)
        return
    extensions = manifest.get("add-extensions", {})
    if int(version) < FIRST_CODECS_EXTRA_GNOME:
        if "org.freedesktop.Platform.ffmpeg-full" not in extensions:
            problem("GNOME %s is based on freedesktop-sdk 24.08 or older: add the "
                    "org.freedesktop.Platform.ffmpeg-full extension for H.264" % version)
    elif "org.freedesktop.Platform.ffmpeg-full" in extensions:
        problem("GNOME %s provides H.264 through codecs-extra; ffmpeg-full is obsolete" % version)


def check_module(manifest):
    modules = manifest.get("modules", [])
    apps = [m for m in modules if isinstance(m, dict) and m.get("name") == "kling-studio"]
    if len(apps) != 1:
        problem("the manifest must build one module named kling-studio")
        return
    app = apps[0]
    if app.get("buildsystem") != "meson":
        problem("kling-studio must be built with meson")
    if "-Dtests=false" not in app.get("config-opts", []):
        problem("the Flatpak build must pass -Dtests=false (the suite needs Xvfb)")
    sources = app.get("sources", [])
    if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
        problem("kling-studio must be built from this repository (a dir source, path '..')")
    if modules[-1] is not app:
        problem("kling-studio must be the last module: the app is built on its dependencies")


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: test-flatpak.py FLATPAK-BUILDER MANIFEST")
    manifest = read_manifest(argv[1], argv[2])
    if manifest.get("id", manifest.get("app-id")) != APP_ID:
        problem("the manifest's id is %r, not %s" % (manifest.get("id"), APP_ID))
    if manifest.get("command") != "kling-studio":
        problem("the command must be kling-studio, the program meson installs")
    check_runtime(manifest)
    check_permissions(manifest.get("finish-args", []))
    check_module(manifest)
    if problems:
        sys.exit("%d problem(s)" % len(problems))
    print("ok: %s on %s//%s with %s" % (manifest["id"], manifest["runtime"],
                                         manifest["runtime-version"],
                                         " ".join(manifest["finish-args"])))


if __name__ == "__main__":
    main(sys.argv)
