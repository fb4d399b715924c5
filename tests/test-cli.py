#!/usr/bin/env python3
"""kling-studio-cli run as a program against the fake Kling server program.

Every command and every exit code of design.md §4: 0 success, 1 task failed or
refused by the server, 2 bad input (nothing sent), 3 network or server
unavailable.
"""
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import unittest
import urllib.request
import zlib

CLI = os.environ["KLING_CLI"]
FAKE = os.environ["KLING_FAKE_SERVER"]
TOKEN = "sk-test-cli-token-7f3a"


def png(width, height, pixel):
    """A truecolour PNG; pixel(x, y) returns (r, g, b)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
            + chunk(b"IEND", b""))


class FakeServer:
    def __init__(self, *args):
        self.process = subprocess.Popen(
            [FAKE, "--processing-after", "100", "--succeed-after", "400", *args],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError("fake server did not start: %r" % self.base)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.process.stdout.close()

    def list_tasks(self, token=TOKEN):
        request = urllib.request.Request(
            self.base + "/v1/videos/image2video?pageNum=1&pageSize=500",
            headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)


class CliTest(unittest.TestCase):
    server_args = ("--token", TOKEN)

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="kling-cli-")
        cls.image = os.path.join(cls.work, "picture.png")
        with open(cls.image, "wb") as f:
            f.write(png(480, 320, lambda x, y: (x % 256, y % 256, 128)))
        cls.small = os.path.join(cls.work, "small.png")
        with open(cls.small, "wb") as f:
            f.write(png(200, 320, lambda x, y: (10, 20, 30)))
        cls.wide = os.path.join(cls.work, "wide.png")
        with open(cls.wide, "wb") as f:
            f.write(png(1200, 300, lambda x, y: (10, 20, 30)))

        def mask_file(name, box):
            x0, y0, x1, y1 = box
            path = os.path.join(cls.work, name)
            with open(path, "wb") as f:
                f.write(png(480, 320, lambda x, y: (255, 255, 255)
                            if x0 <= x < x1 and y0 <= y < y1 else (0, 0, 0)))
            return path

        cls.static_mask = mask_file("static.png", (0, 0, 480, 100))
        cls.mask1 = mask_file("dyn1.png", (50, 150, 150, 250))
        cls.mask2 = mask_file("dyn2.png", (300, 150, 400, 250))
        cls.server = FakeServer(*cls.server_args)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    def run_cli(self, *args, env=None, token=TOKEN, base=None):
        environment = dict(os.environ)
        for name in ("KLING_API_TOKEN", "KLING_ACCESS_KEY", "KLING_SECRET_KEY", "KLING_API_BASE"):
            environment.pop(name, None)
        environment["KLING_STUDIO_DATA_DIR"] = os.path.join(self.work, "data")
        environment["KLING_API_BASE"] = base or self.server.base
        if token is not None:
            environment["KLING_API_TOKEN"] = token
        environment.update(env or {})
        result = subprocess.run([CLI, *args], env=environment, capture_output=True,
                                text=True, timeout=120)
        return result

    def assert_one_error_line(self, result, *needles):
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        for needle in needles:
            self.assertIn(needle, lines[0])

    def task_folders(self):
        tasks = os.path.join(self.work, "data", "tasks")
        return sorted(os.listdir(tasks)) if os.path.isdir(tasks) else []

    # — success paths —

    def test_submit_prints_task_id_and_keeps_the_task(self):
        before = self.task_folders()
        result = self.run_cli("submit", "--image", self.image, "--prompt", "a slow pan")
        self.assertEqual(result.returncode, 0, result.stderr)
        task_id = result.stdout.strip()
        self.assertRegex(task_id, r"^\d{18}$")
        after = self.task_folders()
        self.assertEqual(len(after), len(before) + 1)
        folder = os.path.join(self.work, "data", "tasks", (set(after) - set(before)).pop())
        with open(os.path.join(folder, "task.json"), encoding="utf-8") as f:
            saved = f.read()
        self.assertIn(task_id, saved)
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "rb") as f:
                self.assertNotIn(TOKEN.encode(), f.read(), name)

    def test_submit_wait_output_status_list_download(self):
        output = os.path.join(self.work, "waited.mp4")
        result = self.run_cli("submit", "--image", self.image, "--prompt", "waves",
                              "--wait", "--output", output, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        info = json.loads(result.stdout)
        self.assertEqual(info["status"], "succeeded")
        task_id = info["task_id"]
        with open(output, "rb") as f:
            video = f.read()
        self.assertEqual(video[4:8], b"ftyp")
        with urllib.request.urlopen(info["video_url"], timeout=10) as response:
            self.assertEqual(video, response.read())

        status = self.run_cli("status", task_id, "--json")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertEqual(json.loads(status.stdout)["status"], "succeed")

        plain = self.run_cli("status", task_id)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertTrue(plain.stdout.startswith(task_id + "\tsucceed\t"), plain.stdout)

        listing = self.run_cli("list", "--json")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIn(task_id, [t["task_id"] for t in json.loads(listing.stdout)])
        self.assertIn(task_id, self.run_cli("list").stdout)

        copy = os.path.join(self.work, "downloaded.mp4")
        download = self.run_cli("download", task_id, "--output", copy)
        self.assertEqual(download.returncode, 0, download.stderr)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), video)

    def test_motion_brush_submission(self):
        result = self.run_cli("submit", "--image", self.image, "--model", "kling-v1",
                              "--mode", "pro", "--static-mask", self.static_mask,
                              "--dynamic-mask", self.mask1, "--trajectory", "100,200;200,180;300,200",
                              "--dynamic-mask", self.mask2, "--trajectory", "350, 200; 420, 120")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout.strip(), r"^\d{18}$")

    # — bad input: exit 2, nothing sent —

    def assert_refused_before_sending(self, args, *needles, env=None, token=TOKEN):
        before_folders = self.task_folders()
        before_tasks = len(self.server.list_tasks()["data"])
        result = self.run_cli(*args, env=env, token=token)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assert_one_error_line(result, *needles)
        self.assertEqual(self.task_folders(), before_folders)
        self.assertEqual(len(self.server.list_tasks()["data"]), before_tasks)

    def test_bad_input(self):
        cases = [
            (["submit"], "--image"),
            (["submit", "--image", self.small], "300"),
            (["submit", "--image", self.wide], "2.5"),
            (["submit", "--image", os.path.join(self.work, "missing.png")], "missing.png"),
            (["submit", "--image", self.image, "--duration", "7"], "7"),
            (["submit", "--image", self.image, "--mode", "ultra"], "ultra"),
            (["submit", "--image", self.image, "--cfg-scale", "1.5"], "1.5"),
            (["submit", "--image", self.image, "--cfg-scale", "high"], "high"),
            (["submit", "--image", self.image, "--prompt", "x" * 2501], "2500"),
            (["submit", "--image", self.image, "--dynamic-mask", self.mask1], "--trajectory"),
            (["submit", "--image", self.image, "--dynamic-mask", self.mask1,
              "--trajectory", "10,10"], "at least 2 points"),
            (["submit", "--image", self.image, "--model", "kling-v2-master",
              "--dynamic-mask", self.mask1, "--trajectory", "10,10;20,20"], "Motion brush"),
            (["submit", "--image", self.image, "--dynamic-mask", self.small,
              "--trajectory", "10,10;20,20"], "200"),
            (["submit", "--image", self.image, "--trajectory", "1,2;x"], "--trajectory"),
            (["submit", "--image", self.image, "--bogus"], "--bogus"),
            (["status"], "TASK_ID"),
            (["download", "123"], "--output"),
            (["frobnicate"], "frobnicate"),
        ]
        for args, needle in cases:
            with self.subTest(args=args[:4]):
                self.assert_refused_before_sending(args, needle)

    def test_seven_dynamic_regions_are_refused(self):
        args = ["submit", "--image", self.image]
        for i in range(7):
            args += ["--dynamic-mask", self.mask1, "--trajectory", "10,10;%d,20" % (20 + i)]
        self.assert_refused_before_sending(args, "6")

    def test_no_credentials(self):
        self.assert_refused_before_sending(["submit", "--image", self.image],
                                           "KLING_API_TOKEN", token=None)

    def test_insecure_base_url(self):
        result = self.run_cli("list", base="http://example.com")
        self.assertEqual(result.returncode, 2)
        self.assert_one_error_line(result, "https")

    # — refused by the server: exit 1 —

    def test_wrong_token(self):
        result = self.run_cli("submit", "--image", self.image, token="sk-wrong")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assert_one_error_line(result, "1002", "request id")
        self.assertNotIn("sk-wrong", result.stderr)

    def test_unknown_task(self):
        result = self.run_cli("status", "999999999999999999")
        self.assertEqual(result.returncode, 1)
        self.assert_one_error_line(result, "1203", "request id")

    # — unavailable: exit 3 —

    def test_server_down(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        for args in (["list"], ["status", "123456789012345678"],
                     ["submit", "--image", self.image]):
            with self.subTest(args=args[0]):
                result = self.run_cli(*args, base="http://127.0.0.1:%d" % port)
                self.assertEqual(result.returncode, 3, result.stderr)
                self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)


class RelayJwtCliTest(CliTest):
    """The same contract against a relay-dialect server."""
    server_args = ("--token", TOKEN, "--dialect", "relay")

    def test_wrong_token(self):
        result = self.run_cli("submit", "--image", self.image, token="sk-wrong")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertNotIn("sk-wrong", result.stderr)

    def test_unknown_task(self):
        result = self.run_cli("status", "999999999999999999")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)


class OfficialJwtTest(unittest.TestCase):
    def test_submit_wait_with_access_keys(self):
        server = FakeServer("--access-key", "ak-cli", "--secret-key", "sk-cli-secret")
        work = tempfile.mkdtemp(prefix="kling-cli-jwt-")
        try:
            image = os.path.join(work, "p.png")
            with open(image, "wb") as f:
                f.write(png(400, 400, lambda x, y: (x % 256, 0, y % 256)))
            env = dict(os.environ, KLING_API_BASE=server.base, KLING_ACCESS_KEY="ak-cli",
                       KLING_SECRET_KEY="sk-cli-secret",
                       KLING_STUDIO_DATA_DIR=os.path.join(work, "data"))
            env.pop("KLING_API_TOKEN", None)
            out = os.path.join(work, "v.mp4")
            result = subprocess.run([CLI, "submit", "--image", image, "--wait", "--output", out],
                                    env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(os.path.getsize(out) > 1000)

            env["KLING_SECRET_KEY"] = "not-the-secret"
            result = subprocess.run([CLI, "list"], env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(result.returncode, 1)
            self.assertIn("1002", result.stderr)
            self.assertNotIn("not-the-secret", result.stderr)
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)


class FaultTest(unittest.TestCase):
    def run_with_server(self, fault, *args):
        server = FakeServer("--token", TOKEN, "--fault", fault)
        work = tempfile.mkdtemp(prefix="kling-cli-fault-")
        try:
            image = os.path.join(work, "p.png")
            with open(image, "wb") as f:
                f.write(png(400, 300, lambda x, y: (0, x % 256, 0)))
            env = dict(os.environ, KLING_API_BASE=server.base, KLING_API_TOKEN=TOKEN,
                       KLING_STUDIO_DATA_DIR=os.path.join(work, "data"))
            argv = [CLI] + [image if a == "IMAGE" else a for a in args]
            return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)

    def test_moderation_failure(self):
        result = self.run_with_server("moderation", "submit", "--image", "IMAGE", "--wait")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("risk", result.stderr.lower())

    def test_resource_pack_used_up(self):
        result = self.run_with_server("1102", "submit", "--image", "IMAGE")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("1102", result.stderr)
        self.assertIn("resource pack", result.stderr)
        self.assertIn("request id", result.stderr)

    def test_content_refused(self):
        result = self.run_with_server("1301", "submit", "--image", "IMAGE")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("1301", result.stderr)

    def test_server_error_on_get_is_retried(self):
        result = self.run_with_server("500:1", "list")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_maintenance_is_unavailable(self):
        result = self.run_with_server("503:50", "list")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("5001", result.stderr)

    def test_html_page(self):
        result = self.run_with_server("html:50", "list")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("502", result.stderr)
        self.assertNotIn("<html", result.stderr.lower())


if __name__ == "__main__":
    unittest.main(verbosity=2)
