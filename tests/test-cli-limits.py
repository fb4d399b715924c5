#!/usr/bin/env python3
"""kling-studio-cli with what it must refuse or survive: devices, FIFOs and huge
files named as inputs, pictures too large to decode or cut short, names that are
not UTF-8, a full disk while the video is saved, a server that never answers.
"""
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

cli_test = import_module("test-cli")
CLI = cli_test.CLI
TOKEN = cli_test.TOKEN
png = cli_test.png
FakeServer = cli_test.FakeServer


def png_claiming(width, height):
    """A small PNG whose header says width×height (a decompression bomb's header)."""
    data = bytearray(png(16, 16, lambda x, y: (1, 2, 3)))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    return bytes(data)


def can_mount_tmpfs():
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


class CliLimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="kling-cli-limits-")
        cls.image = os.path.join(cls.work, "picture.png")
        with open(cls.image, "wb") as f:
            f.write(png(480, 320, lambda x, y: (x % 256, y % 256, 128)))
        cls.server = FakeServer("--token", TOKEN)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    def environment(self, base=None, data=None, extra=None):
        environment = dict(os.environ)
        for name in ("KLING_ACCESS_KEY", "KLING_SECRET_KEY"):
            environment.pop(name, None)
        environment["KLING_STUDIO_DATA_DIR"] = data or os.path.join(self.work, "data")
        environment["KLING_API_BASE"] = base or self.server.base
        environment["KLING_API_TOKEN"] = TOKEN
        environment.update(extra or {})
        return environment

    def run_cli(self, *args, base=None, data=None, extra=None, prefix=(), timeout=60):
        """Runs the CLI; stderr is kept as bytes, to check it is UTF-8."""
        return subprocess.run([*prefix, CLI, *args], env=self.environment(base, data, extra),
                              capture_output=True, timeout=timeout)

    def assert_refused(self, result, *needles):
        self.assertEqual(result.returncode, 2, result.stderr)
        text = result.stderr.decode("utf-8")  # strict: a raw byte fails here
        lines = text.strip().splitlines()
        self.assertEqual(len(lines), 1, text)
        for needle in needles:
            self.assertIn(needle, lines[0])
        return lines[0]

    def task_count(self):
        return self.server.task_count()

    # — item 4: what is not a regular file, or is too large —

    def test_device_as_image_mask_or_draft(self):
        before = self.task_count()
        started = time.monotonic()
        self.assert_refused(self.run_cli("submit", "--image", "/dev/zero"),
                            "/dev/zero", "not a regular file")
        self.assert_refused(self.run_cli("submit", "--image", self.image, "--static-mask", "/dev/zero"),
                            "/dev/zero", "not a regular file")
        self.assert_refused(self.run_cli("submit", "--draft", "/dev/zero"),
                            "/dev/zero", "not a regular file")
        # it read 1.5 GB of zeros in 6 s before
        self.assertLess(time.monotonic() - started, 20)
        self.assertEqual(self.task_count(), before)

    def test_fifo_does_not_hang(self):
        fifo = os.path.join(self.work, "pipe.png")
        os.mkfifo(fifo)
        try:
            self.assert_refused(self.run_cli("submit", "--image", fifo, timeout=30),
                                "pipe.png", "not a regular file")
        finally:
            os.unlink(fifo)

    def test_huge_file_refused_unread(self):
        huge = os.path.join(self.work, "huge.png")
        with open(huge, "wb") as f:
            f.truncate(5 * 1024 ** 3)   # sparse: 5 GB that takes no room
        try:
            self.assert_refused(self.run_cli("submit", "--image", huge), "huge.png", "64 MB")
        finally:
            os.unlink(huge)

    # — items 5, 7, 8: refused from the header or the structure —

    def test_decompression_bomb_refused(self):
        bomb = os.path.join(self.work, "bomb.png")
        with open(bomb, "wb") as f:
            f.write(png_claiming(30000, 30000))
        self.assert_refused(self.run_cli("submit", "--image", bomb), "30000×30000", "16384")

    def test_cut_png_refused(self):
        with open(self.image, "rb") as f:
            whole = f.read()
        cut = os.path.join(self.work, "cut.png")
        with open(cut, "wb") as f:
            f.write(whole[:len(whole) * 2 // 3])
        before = self.task_count()
        self.assert_refused(self.run_cli("submit", "--image", cut), "cut.png", "cut short")
        self.assertEqual(self.task_count(), before)

    # — item 14: words, not libpng's; UTF-8, not raw bytes —

    def test_big_mask_in_words(self):
        mask = os.path.join(self.work, "big-mask.png")
        with open(mask, "wb") as f:
            f.write(png_claiming(17000, 100))
        line = self.assert_refused(self.run_cli("submit", "--image", self.image, "--static-mask", mask),
                                   "17000×100", "at most 16384 pixels on a side")
        self.assertNotIn("IHDR", line)

    def test_message_is_utf8_for_a_non_utf8_name(self):
        name = os.path.join(os.fsencode(self.work), b"caf\xe9.png")
        with open(name, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
        try:
            self.assert_refused(self.run_cli("submit", "--image", name), "caf")
        finally:
            os.unlink(name)

    def test_video_is_private(self):
        result = self.run_cli("submit", "--image", self.image, "--wait", "--json", timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        import json
        video = json.loads(result.stdout)["video_path"]
        self.assertEqual(stat.S_IMODE(os.stat(video).st_mode), 0o600)

    # — item 10: a full disk —

    def full_disk(self, folder, size="16k"):
        os.makedirs(folder, exist_ok=True)
        return ("unshare", "-m", "sh", "-c",
                'mount -t tmpfs -o size=%s tmpfs "$0" && exec "$@"' % size, folder)

    def big_clip(self):
        """A server whose clip does not fit the small disks below: the fake
        renders the picture sent, so a busy picture (random 10 px blocks,
        small as a PNG) at the default 720p (the suite renders at 144p)."""
        import random
        rand = random.Random(7)
        blocks = [[(rand.randrange(256), rand.randrange(256), rand.randrange(256))
                   for _ in range(30)] for _ in range(30)]
        picture = os.path.join(self.work, "busy.png")
        with open(picture, "wb") as f:
            f.write(png(300, 300, lambda x, y: blocks[y // 10][x // 10]))
        server = FakeServer("--token", TOKEN, "--video-short-side", "720")
        self.addCleanup(server.stop)
        return server, picture

    @unittest.skipUnless(can_mount_tmpfs(), "needs root to mount a small tmpfs")
    def test_download_onto_a_full_disk(self):
        server, picture = self.big_clip()
        submitted = self.run_cli("submit", "--image", picture, "--wait", "--json",
                                 base=server.base, timeout=120)
        self.assertEqual(submitted.returncode, 0, submitted.stderr)
        import json
        task_id = json.loads(submitted.stdout)["task_id"]
        self.assertGreater(os.path.getsize(json.loads(submitted.stdout)["video_path"]), 64 * 1024)
        full = os.path.join(self.work, "full")
        result = self.run_cli("download", task_id, "--output", os.path.join(full, "video.mp4"),
                              base=server.base, prefix=self.full_disk(full))
        self.assertEqual(result.returncode, 1, result.stderr)
        text = result.stderr.decode("utf-8")
        self.assertEqual(len(text.strip().splitlines()), 1, text)
        self.assertIn("No space left on device", text)

    @unittest.skipUnless(can_mount_tmpfs(), "needs root to mount a small tmpfs")
    def test_submit_wait_onto_a_full_disk(self):
        server, picture = self.big_clip()
        full = os.path.join(self.work, "full-data")
        result = self.run_cli("submit", "--image", picture, "--wait", data=full, base=server.base,
                              prefix=self.full_disk(full, "64k"), timeout=120)
        self.assertEqual(result.returncode, 1, result.stderr)
        text = result.stderr.decode("utf-8")
        lines = text.strip().splitlines()
        self.assertEqual(len(lines), 1, text)
        self.assertIn("cannot be saved", lines[0])
        self.assertIn("No space left on device", lines[0])


    # — item 12: a server that never answers —

    def test_silent_server_is_named_and_given_up(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        held = []
        stop = threading.Event()

        def accept_and_say_nothing():
            listener.settimeout(0.2)
            while not stop.is_set():
                try:
                    held.append(listener.accept()[0])
                except OSError:
                    pass

        thread = threading.Thread(target=accept_and_say_nothing, daemon=True)
        thread.start()
        base = "http://127.0.0.1:%d" % listener.getsockname()[1]
        try:
            started = time.monotonic()
            result = self.run_cli("status", "123456789012345678", base=base,
                                  extra={"KLING_NET_TIMEOUT": "5"}, timeout=120)
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            thread.join()
            for connection in held:
                connection.close()
            listener.close()
        self.assertEqual(result.returncode, 3, result.stderr)
        lines = result.stderr.decode("utf-8").strip().splitlines()
        self.assertEqual(len(lines), 2, lines)
        self.assertIn("waiting for 127.0.0.1:%s to answer" % base.rsplit(":", 1)[1], lines[0])
        self.assertIn("timed out", lines[1])
        self.assertGreater(len(held), 0)
        # three tries of 5 s and their backoff, not three of 60 s
        self.assertLess(elapsed, 45)


if __name__ == "__main__":
    unittest.main(verbosity=2)
