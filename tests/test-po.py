#!/usr/bin/env python3
# The translation checks po/meson.build runs:
#
#   test-po.py msgfmt      every po/*.po compiles with msgfmt --check,
#                          format strings and mnemonics match the original
#   test-po.py potfiles    POTFILES.in names every file that marks a string
#                          for translation, and only files that exist
#   test-po.py complete    each language in LINGUAS translates every message
#                          of a template made from the sources now, with no
#                          fuzzy one left
#
# KLING_SOURCE_ROOT and KLING_PO_DIR say where the tree and po/ are (meson
# sets them); without them the paths are taken relative to this file.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("KLING_SOURCE_ROOT", os.path.join(HERE, ".."))
PO_DIR = os.environ.get("KLING_PO_DIR", os.path.join(SOURCE_ROOT, "po"))
PACKAGE = "kling-studio"

# The keywords and flags of meson's i18n.gettext(preset: 'glib'), so the
# template here is the one `ninja kling-studio-pot` writes.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

# A call of a gettext macro or function, not an identifier that ends in "_".
C_MARK = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dcgettext|g_dpgettext2)\s*\(")
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# Data files that always carry strings people read.
DATA_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".gschema.xml", ".mime.xml.in")


def tool(name):
    path = shutil.which(name)
    if path is None:
        sys.exit("%s is not installed (package gettext; build-aux/setup.sh test installs it)" % name)
    return path


def linguas():
    with open(os.path.join(PO_DIR, "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f if not line.startswith("#") for w in line.split()]


def potfiles():
    with open(os.path.join(PO_DIR, "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def check_msgfmt():
    msgfmt = tool("msgfmt")
    problems = 0
    languages = linguas()
    if not languages:
        sys.exit("po/LINGUAS lists no language")
    present = sorted(f[:-3] for f in os.listdir(PO_DIR) if f.endswith(".po"))
    if sorted(languages) != present:
        print("LINGUAS lists %s but po/ holds %s" % (sorted(languages), present))
        problems += 1
    for lang in present:
        po = os.path.join(PO_DIR, lang + ".po")
        run = subprocess.run([msgfmt, "--check", "--check-format", "--check-accelerators=_",
                              "--statistics", "-o", os.devnull, po],
                             capture_output=True, text=True)
        print("%s: %s" % (lang, run.stderr.strip()))
        if run.returncode != 0:
            problems += 1
    return problems


def marks_strings(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError:
        return False
    if path.endswith(".ui"):
        return UI_MARK.search(text) is not None
    if path.endswith((".c", ".h")):
        return C_MARK.search(text) is not None
    return path.endswith(DATA_SUFFIXES)


def check_potfiles():
    listed = potfiles()
    problems = 0
    for rel in listed:
        if not os.path.isfile(os.path.join(SOURCE_ROOT, rel)):
            print("POTFILES.in lists %s, which does not exist" % rel)
            problems += 1
    if len(set(listed)) != len(listed):
        print("POTFILES.in lists a file twice")
        problems += 1
    needed = []
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(SOURCE_ROOT, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if marks_strings(path):
                    needed.append(os.path.relpath(path, SOURCE_ROOT))
    for rel in needed:
        if rel not in listed:
            print("%s marks strings for translation but is not in po/POTFILES.in" % rel)
            problems += 1
    print("%d files with translatable strings, %d listed" % (len(needed), len(listed)))
    return problems


def make_template(workdir):
    pot = os.path.join(workdir, PACKAGE + ".pot")
    run = subprocess.run([tool("xgettext"), "--package-name=" + PACKAGE,
                          "--directory=" + SOURCE_ROOT,
                          "--files-from=" + os.path.join(PO_DIR, "POTFILES.in"),
                          "--output=" + pot] + XGETTEXT_ARGS,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("xgettext failed:\n" + run.stderr)
    return pot


def messages(po_text):
    """The msgids of a catalogue msgattrib printed, header left out."""
    ids = re.findall(r'^msgid ((?:".*"\n)+)', po_text, re.M)
    found = []
    for block in ids:
        text = "".join(re.findall(r'"(.*)"', block))
        if text:
            found.append(text)
    return found


def check_complete():
    msgmerge = tool("msgmerge")
    msgattrib = tool("msgattrib")
    problems = 0
    with tempfile.TemporaryDirectory() as workdir:
        pot = make_template(workdir)
        for lang in linguas():
            merged = os.path.join(workdir, lang + ".po")
            subprocess.run([msgmerge, "--quiet", "--output-file=" + merged,
                            os.path.join(PO_DIR, lang + ".po"), pot], check=True)
            for what, flag in (("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")):
                out = subprocess.run([msgattrib, flag, "--no-obsolete", merged],
                                     capture_output=True, text=True, check=True).stdout
                for msgid in messages(out):
                    print("%s: %s: %s" % (lang, what, msgid))
                    problems += 1
            total = len(messages(subprocess.run([msgattrib, "--no-obsolete", merged],
                                                capture_output=True, text=True,
                                                check=True).stdout))
            print("%s: %d messages in the template" % (lang, total))
            if total == 0:
                print("%s: the template is empty: xgettext found no strings" % lang)
                problems += 1
    return problems


def main():
    checks = {"msgfmt": check_msgfmt, "potfiles": check_potfiles, "complete": check_complete}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        sys.exit("usage: test-po.py msgfmt|potfiles|complete")
    problems = checks[sys.argv[1]]()
    if problems:
        sys.exit("%d problem(s)" % problems)
    print("ok")


if __name__ == "__main__":
    main()
