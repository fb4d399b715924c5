#!/usr/bin/env python3
# Checks on the installed data files that no stock validator makes.
#
#   check-data.py mime MIME-XML DESKTOP-FILE
#       the MIME definition is valid for update-mime-database, the draft
#       glob maps to the type, and the desktop file offers to open it
#   check-data.py files DATA-SRCDIR METAINFO DESKTOP-FILE
#       every screenshot the metainfo advertises is here, a PNG of the
#       advertised size and under 300 KB; the icons exist and are SVG of
#       the right size; the zh_CN translation is merged into the desktop
#       file and the metainfo
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "io.github.klingstudio.KlingStudio"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SCREENSHOT_PREFIX = "https://raw.githubusercontent.com/klingstudio/kling-studio/main/"
MAX_SCREENSHOT_BYTES = 300 * 1024

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def desktop_entry(path):
    entry = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                entry[key.strip()] = value
    return entry


def check_mime(mime_path, desktop_path):
    root = ET.parse(mime_path).getroot()
    if root.tag != MIME_NS + "mime-info":
        fail("%s: root is %s, not mime-info in the shared-mime-info namespace" % (mime_path, root.tag))
        return
    types = {t.get("type"): t for t in root.findall(MIME_NS + "mime-type")}
    if "application/x-kling-studio-draft" not in types:
        fail("the draft type application/x-kling-studio-draft is not defined")
        return
    offered = desktop_entry(desktop_path).get("MimeType", "").split(";")
    for name in types:
        if name not in offered:
            fail("%s is defined but the desktop file's MimeType= does not list it" % name)

    tool = shutil.which("update-mime-database")
    if tool is None:
        fail("update-mime-database is not installed (package shared-mime-info)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, "packages")
        os.mkdir(packages)
        shutil.copy(mime_path, os.path.join(packages, APP_ID + ".xml"))
        run = subprocess.run([tool, "-V", tmp], capture_output=True, text=True)
        # update-mime-database reports bad definitions as warnings and goes on.
        if run.returncode != 0 or "Warning" in run.stderr or "Error" in run.stderr:
            fail("update-mime-database rejected the definition:\n" + run.stdout + run.stderr)
            return
        with open(os.path.join(tmp, "globs2"), encoding="utf-8") as f:
            globs = [line.strip().split(":") for line in f if not line.startswith("#")]
        if not any(g[1:3] == ["application/x-kling-studio-draft", "*.klingdraft"] for g in globs):
            fail("*.klingdraft does not map to application/x-kling-studio-draft: %r" % globs)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def check_screenshots(srcdir, metainfo):
    shots = metainfo.findall("screenshots/screenshot")
    if not shots:
        fail("the metainfo has no screenshots")
    defaults = [s for s in shots if s.get("type") == "default"]
    if len(defaults) != 1:
        fail("the metainfo needs exactly one default screenshot, has %d" % len(defaults))
    for shot in shots:
        image = shot.find("image")
        if shot.find("caption") is None:
            fail("a screenshot has no caption")
        url = image.text.strip()
        if not url.startswith(SCREENSHOT_PREFIX + "data/screenshots/"):
            fail("screenshot %s is not in data/screenshots/ of the main branch" % url)
            continue
        path = os.path.join(srcdir, "..", url[len(SCREENSHOT_PREFIX):])
        if not os.path.isfile(path):
            fail("screenshot %s is not in the tree (%s)" % (url, path))
            continue
        size = png_size(path)
        want = (int(image.get("width", 0)), int(image.get("height", 0)))
        if size != want:
            fail("%s is %r, the metainfo says %r" % (path, size, want))
        if os.path.getsize(path) > MAX_SCREENSHOT_BYTES:
            fail("%s is %d bytes, more than %d" % (path, os.path.getsize(path), MAX_SCREENSHOT_BYTES))


def check_icons(srcdir):
    icons = {
        os.path.join("scalable", "apps", APP_ID + ".svg"): "0 0 128 128",
        os.path.join("symbolic", "apps", APP_ID + "-symbolic.svg"): "0 0 16 16",
    }
    for rel, viewbox in icons.items():
        path = os.path.join(srcdir, "icons", "hicolor", rel)
        if not os.path.isfile(path):
            fail("icon %s is missing" % path)
            continue
        root = ET.parse(path).getroot()
        if root.tag != "{http://www.w3.org/2000/svg}svg" or root.get("viewBox") != viewbox:
            fail("icon %s is not an SVG with viewBox %s" % (path, viewbox))


def check_translations(metainfo, desktop_path):
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    summaries = [s for s in metainfo.findall("summary") if s.get(lang) == "zh_CN"]
    if not summaries or not summaries[0].text:
        fail("the metainfo has no zh_CN summary: is po/zh_CN.po merged?")
    keywords = [k for k in metainfo.findall("keywords/keyword") if k.get(lang) == "zh_CN"]
    if not keywords:
        fail("the metainfo has no zh_CN keywords")
    entry = desktop_entry(desktop_path)
    for key in ("GenericName[zh_CN]", "Comment[zh_CN]", "Keywords[zh_CN]"):
        if not entry.get(key):
            fail("the desktop file has no %s" % key)


def main(argv):
    if len(argv) == 4 and argv[1] == "mime":
        check_mime(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "files":
        metainfo = ET.parse(argv[3]).getroot()
        check_screenshots(argv[2], metainfo)
        check_icons(argv[2])
        check_translations(metainfo, argv[4])
    else:
        sys.exit("usage: check-data.py mime MIME-XML DESKTOP | files SRCDIR METAINFO DESKTOP")
    if failures:
        sys.exit("%d problem(s)" % len(failures))
    print("ok")


if __name__ == "__main__":
    main(sys.argv)
