#!/usr/bin/env python3
# One app id everywhere. A mismatch breaks things quietly: the shell shows
# no icon, GNOME Software cannot match the desktop file to its metainfo,
# the settings schema is not found, or Flatpak exports nothing.
#
#   test-app-id.py SOURCE-ROOT BUILD-ROOT DESKTOP-FILE METAINFO
#
# The id must be the manifest's id, the desktop file's name and Icon=, the
# metainfo's <id> and <launchable>, the schema id and path, the icon file
# names, meson.build's app_id, config.h's APP_ID, the GApplication id in the
# code, and the prefix of every id, resource path and icon name under src/.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys
import json
import xml.etree.ElementTree as ET

APP_ID = "io.github.klingstudio.KlingStudio"
APP_PATH = "/" + APP_ID.replace(".", "/")
ID_PREFIX = APP_ID.rsplit(".", 1)[0] + "."          # io.github.klingstudio.
PATH_PREFIX = "/" + ID_PREFIX.replace(".", "/")      # /io/github/klingstudio/

problems = []


def expect(what, found, want=APP_ID):
    if found != want:
        problems.append("%s is %r" % (what, found))
        print("FAIL: %s is %r, expected %s" % (what, found, want))
    else:
        print("ok: %s" % what)


def strip_comments(text):
    """JSON with the /* */ comments json-glib accepts, as plain JSON."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("/*", i):
            end = text.index("*/", i + 2)
            i = end + 1
        else:
            out.append(c)
        i += 1
    return "".join(out)


def check_manifest(root):
    path = os.path.join(root, "flatpak", APP_ID + ".json")
    with open(path, encoding="utf-8") as f:
        manifest = json.loads(strip_comments(f.read()))
    expect("the Flatpak manifest's id", manifest.get("id"))
    expect("the Flatpak manifest's file name", os.path.basename(path)[:-len(".json")])


def check_desktop(path):
    expect("the desktop file's name", os.path.basename(path)[:-len(".desktop")])
    with open(path, encoding="utf-8") as f:
        icon = re.search(r"^Icon=(.*)$", f.read(), re.M)
    expect("the desktop file's Icon=", icon.group(1) if icon else None)


def check_metainfo(path):
    root = ET.parse(path).getroot()
    expect("the metainfo's <id>", root.findtext("id"))
    launchable = root.find("launchable[@type='desktop-id']")
    name = launchable.text if launchable is not None else ""
    expect("the metainfo's <launchable>", name[:-len(".desktop")] if name.endswith(".desktop") else name)
    expect("the metainfo's file name", os.path.basename(path).split(".metainfo.xml")[0])


def check_schema(root):
    path = os.path.join(root, "data", APP_ID + ".gschema.xml")
    schemas = ET.parse(path).getroot().findall("schema")
    expect("the settings schema's id", schemas[0].get("id") if schemas else None)
    expect("the settings schema's path", schemas[0].get("path") if schemas else None, APP_PATH + "/")
    for schema in schemas[1:]:
        if not schema.get("id", "").startswith(APP_ID + "."):
            problems.append("schema %s is outside %s" % (schema.get("id"), APP_ID))


def check_icons(root):
    icons = os.path.join(root, "data", "icons", "hicolor")
    expect("the app icon's name", os.path.exists(os.path.join(icons, "scalable", "apps", APP_ID + ".svg")) and APP_ID)
    expect("the symbolic icon's name",
           os.path.exists(os.path.join(icons, "symbolic", "apps", APP_ID + "-symbolic.svg")) and APP_ID)


def check_build(root, build_root):
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        found = re.search(r"^app_id\s*=\s*'([^']*)'", f.read(), re.M)
    expect("meson.build's app_id", found.group(1) if found else None)
    with open(os.path.join(build_root, "config.h"), encoding="utf-8") as f:
        found = re.search(r'^#define APP_ID "([^"]*)"', f.read(), re.M)
    expect("config.h's APP_ID", found.group(1) if found else None)


def check_code(root):
    application = os.path.join(root, "src", "ui", "kling-application.c")
    with open(application, encoding="utf-8") as f:
        text = f.read()
    found = re.search(r'"application-id",\s*([A-Z_]+|"[^"]*")', text)
    value = found.group(1) if found else None
    expect("the GApplication's application-id", APP_ID if value == "APP_ID" else value)
    # Every id or resource path of ours under src/ starts with the app id,
    # so a typo cannot point at a schema, resource or icon that is not there.
    id_re = re.compile(re.escape(ID_PREFIX) + r"[A-Za-z0-9_.-]*")
    path_re = re.compile(re.escape(PATH_PREFIX) + r"[A-Za-z0-9_./-]*")
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "src")):
        for name in filenames:
            if not name.endswith((".c", ".h", ".ui", ".xml", ".css")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for match in id_re.findall(text) + path_re.findall(text):
                if not (match in (APP_ID, APP_PATH) or match.startswith(APP_ID + ".")
                        or match.startswith(APP_ID + "-") or match.startswith(APP_PATH + "/")):
                    problems.append("%s names %s" % (os.path.relpath(path, root), match))
                    print("FAIL: %s names %s, outside %s" % (os.path.relpath(path, root), match, APP_ID))


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: test-app-id.py SOURCE-ROOT BUILD-ROOT DESKTOP-FILE METAINFO")
    root, build_root, desktop, metainfo = argv[1:]
    check_manifest(root)
    check_desktop(desktop)
    check_metainfo(metainfo)
    check_schema(root)
    check_icons(root)
    check_build(root, build_root)
    check_code(root)
    if problems:
        sys.exit("%d problem(s)" % len(problems))


if __name__ == "__main__":
    main(sys.argv)
