#!/usr/bin/env python3
"""Encodes a symbolic SVG icon as a .symbolic.png of one size.

GTK loads a .symbolic.png without librsvg and recolours it like the SVG,
so the icons the window shows first cost no SVG parsing at start.

usage: encode-symbolic.py ENCODER ICON.svg SIZE OUTPUT.symbolic.png
"""
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    encoder, svg, size, output = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([encoder, '-o', tmp, svg, f'{size}x{size}'], check=True)
        name = os.path.basename(svg)[:-len('.svg')] + '.symbolic.png'
        shutil.move(os.path.join(tmp, name), output)


if __name__ == '__main__':
    main()
