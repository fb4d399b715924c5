#!/usr/bin/env python3
"""kling-studio-cli run as a program against the fake Kling server program.

Every command and every exit code of design.md §4: 0 success, 1 task failed or
refused by the server, 2 bad input (nothing sent), 3 network or server
unavailable.
"""
import contextlib
import http.server
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import threading
import unittest
import urllib.request
import zlib

CLI = os.environ["KLING_CLI"]
FAKE = os.environ["KLING_FAKE_SERVER"]
STORE_SECRET = os.environ["KLING_STORE_SECRET"]
TOKEN = "sk-test-cli-token-7f3a"
# The one JSON description of a task that submit, status and list print.
JSON_KEYS = ["task_id", "local_id", "external_task_id", "status", "status_message", "progress",
             "video_url", "video_duration", "video_path", "created_at", "updated_at", "request_id"]


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

    def task_count(self):
        """How many tasks the server holds (its own test route: relays have no list)."""
        with urllib.request.urlopen(self.base + "/_fake/task-count", timeout=10) as response:
            return json.load(response)["count"]


class CliTest(unittest.TestCase):
    server_args = ("--token", TOKEN)
    has_list = True

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
        self.assertEqual(list(info), JSON_KEYS)
        self.assertEqual(info["status"], "succeed")
        self.assertRegex(info["local_id"], r"\S")
        with open(info["video_path"], "rb") as f:
            self.assertEqual(f.read()[4:8], b"ftyp")
        task_id = info["task_id"]
        with open(output, "rb") as f:
            video = f.read()
        self.assertEqual(video[4:8], b"ftyp")
        with urllib.request.urlopen(info["video_url"], timeout=10) as response:
            self.assertEqual(video, response.read())

        status = self.run_cli("status", task_id, "--json")
        self.assertEqual(status.returncode, 0, status.stderr)
        described = json.loads(status.stdout)
        self.assertEqual(list(described), JSON_KEYS)
        self.assertEqual(described["status"], "succeed")
        self.assertEqual(described["external_task_id"], info["external_task_id"])
        self.assertIsNone(described["local_id"])

        plain = self.run_cli("status", task_id)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertTrue(plain.stdout.startswith(task_id + "\tsucceed\t"), plain.stdout)

        listing = self.run_cli("list", "--json")
        if not self.has_list:
            # New-api relays route no list: said in one line, exit 1.
            self.assertEqual(listing.returncode, 1, listing.stderr)
            self.assert_one_error_line(listing, "404")
            listing = None
        else:
            self.assertEqual(listing.returncode, 0, listing.stderr)
        listed = json.loads(listing.stdout) if listing else [{"task_id": task_id}]
        self.assertIn(task_id, [t["task_id"] for t in listed])
        for task in listed if listing else []:
            self.assertEqual(list(task), JSON_KEYS)
        if self.has_list:
            self.assertIn(task_id, self.run_cli("list").stdout)

        copy = os.path.join(self.work, "downloaded.mp4")
        download = self.run_cli("download", task_id, "--output", copy)
        self.assertEqual(download.returncode, 0, download.stderr)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), video)

    def test_submit_json_without_wait(self):
        result = self.run_cli("submit", "--image", self.image, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        info = json.loads(result.stdout)
        self.assertEqual(list(info), JSON_KEYS)
        self.assertEqual(info["status"], "submitted")
        self.assertRegex(info["task_id"], r"^\d{18}$")
        self.assertIn(info["local_id"], self.task_folders())
        self.assertIsNone(info["video_path"])

    def test_wait_prints_only_the_task_id(self):
        output = os.path.join(self.work, "id-only.mp4")
        result = self.run_cli("submit", "--image", self.image, "--wait", "--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^\d{18}\n$")
        self.assertEqual(result.stderr, "")
        task_id = result.stdout.strip()
        self.assertEqual(json.loads(self.run_cli("status", task_id, "--json").stdout)["status"],
                         "succeed")
        with open(output, "rb") as f:
            self.assertEqual(f.read()[4:8], b"ftyp")

    def test_wait_replaces_the_output_through_a_temporary_file(self):
        folder = tempfile.mkdtemp(dir=self.work)
        output = os.path.join(folder, "replaced.mp4")
        with open(output, "wb") as f:
            f.write(b"old contents")
        result = self.run_cli("submit", "--image", self.image, "--wait", "--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(os.listdir(folder), ["replaced.mp4"])
        with open(output, "rb") as f:
            self.assertEqual(f.read()[4:8], b"ftyp")

    def test_uppercase_scheme_is_an_address(self):
        # Served by the fake server itself, which fetches it as Kling would.
        url = "HTTP" + self.server.base[len("http"):] + "/_fake/images/480x320.png"
        output = os.path.join(self.work, "uppercase.mp4")
        result = self.run_cli("submit", "--image", url, "--wait", "--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^\d{18}\n")
        self.assertTrue(os.path.exists(output))

    def test_damaged_task_files_are_one_line_each(self):
        data = tempfile.mkdtemp(dir=self.work)
        env = {"KLING_STUDIO_DATA_DIR": data}
        submitted = self.run_cli("submit", "--image", self.image, env=env)
        self.assertEqual(submitted.returncode, 0, submitted.stderr)
        damaged = {"20200101T000000Z-dead": '{"format": "kling-studio-task", "vers',
                   "20200101T000000Z-beef": '{"format": "something-else"}'}
        for name, text in damaged.items():
            os.makedirs(os.path.join(data, "tasks", name))
            with open(os.path.join(data, "tasks", name, "task.json"), "w") as f:
                f.write(text)
        status = self.run_cli("status", submitted.stdout.strip(), env=env)
        self.assertEqual(status.returncode, 0, status.stderr)
        lines = status.stderr.strip().splitlines()
        self.assertEqual(len(lines), len(damaged), status.stderr)
        for name in damaged:
            line = next(line for line in lines if name in line)
            self.assertTrue(line.startswith("kling-studio-cli: skipped the damaged task file "), line)
            self.assertIn(os.path.join(name, "task.json"), line)
        self.assertNotIn("WARNING", status.stderr)

    def submitted_and_succeeded(self, env):
        """A task submitted without --wait, once the server says it succeeded,
        and its folder here."""
        submitted = self.run_cli("submit", "--image", self.image, env=env)
        self.assertEqual(submitted.returncode, 0, submitted.stderr)
        task_id = submitted.stdout.strip()
        deadline = time.monotonic() + 60
        while "\tsucceed\t" not in self.run_cli("status", task_id, env=env).stdout:
            self.assertLess(time.monotonic(), deadline, "the task never succeeded")
        tasks = os.path.join(env["KLING_STUDIO_DATA_DIR"], "tasks")
        (folder,) = os.listdir(tasks)
        return task_id, os.path.join(tasks, folder)

    def task_file(self, folder):
        with open(os.path.join(folder, "task.json")) as f:
            return json.load(f)

    def test_download_after_kill_recognises_the_saved_video(self):
        # Killed after the video was renamed into place, before task.json
        # was written: the next download takes that video, and says so to the store.
        env = {"KLING_STUDIO_DATA_DIR": tempfile.mkdtemp(dir=self.work)}
        task_id, folder = self.submitted_and_succeeded(env)
        planted = b"\x00\x00\x00\x18ftypisom" + b"kept from the killed run" * 100
        with open(os.path.join(folder, "video.mp4"), "wb") as f:
            f.write(planted)
        self.assertNotIn("video_file", self.task_file(folder))
        output = os.path.join(self.work, "recognised.mp4")
        result = self.run_cli("download", task_id, "--output", output, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(output, "rb") as f:
            self.assertEqual(f.read(), planted)
        self.assertEqual(self.task_file(folder)["video_file"], "video.mp4")
        self.assertEqual(self.task_file(folder)["state"], "succeeded")

    def test_download_after_kill_restarts_from_a_part_file(self):
        # Killed mid-download: a part file is left and task.json knows nothing.
        env = {"KLING_STUDIO_DATA_DIR": tempfile.mkdtemp(dir=self.work)}
        task_id, folder = self.submitted_and_succeeded(env)
        stale = os.path.join(folder, "video.mp4.0badf00d.part")
        with open(stale, "wb") as f:
            f.write(b"\x00\x00\x00\x18ftypisom half")
        output = os.path.join(self.work, "restarted.mp4")
        result = self.run_cli("download", task_id, "--output", output, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(os.path.exists(stale))
        self.assertEqual([name for name in os.listdir(folder) if name.endswith(".part")], [])
        video_url = self.task_file(folder)["video_url"]
        with urllib.request.urlopen(video_url, timeout=10) as response, open(output, "rb") as f:
            self.assertEqual(f.read(), response.read())
        with open(os.path.join(folder, "video.mp4"), "rb") as f, open(output, "rb") as g:
            self.assertEqual(f.read(), g.read())
        self.assertEqual(self.task_file(folder)["video_file"], "video.mp4")

    def test_help_names_the_command(self):
        for command in ("submit", "status", "list", "download"):
            with self.subTest(command=command):
                result = self.run_cli(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("kling-studio-cli %s [OPTION" % command, result.stdout)

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
        before_tasks = self.server.task_count()
        result = self.run_cli(*args, env=env, token=token)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assert_one_error_line(result, *needles)
        self.assertEqual(self.task_folders(), before_folders)
        self.assertEqual(self.server.task_count(), before_tasks)

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
            (["submit", "--image", self.image, "--wait", "--output",
              os.path.join(self.work, "no-such-dir", "x.mp4")], "no-such-dir"),
            (["submit", "--image", self.image, "--wait", "--output", self.work], self.work),
            (["submit", "--image", "https://"], "https://"),
            (["submit", "--image", "https://exa mple/a.png"], "exa mple"),
            (["submit", "--image", "ftp://example.com/a.png"], "only http:// and https://"),
            (["download", "123", "-o", os.path.join(self.work, "no-such-dir", "x.mp4")],
             "no-such-dir"),
            (["submit", "--image", self.image, "--bogus"], "--bogus"),
            (["status"], "TASK_ID"),
            (["download", "123"], "--output"),
            (["frobnicate"], "frobnicate"),
        ]
        for args, needle in cases:
            with self.subTest(args=args[:4]):
                self.assert_refused_before_sending(args, needle)

    def test_trajectory_points_are_whole_pixels(self):
        for trajectory, needle in (("1,2;;3,4", "point 2"), ("1.5,2;3,4", "1.5,2"),
                                   ("1e2,2;3,4", "1e2,2"), ("0x10,2;3,4", "0x10,2")):
            with self.subTest(trajectory=trajectory):
                self.assert_refused_before_sending(
                    ["submit", "--image", self.image, "--dynamic-mask", self.mask1,
                     "--trajectory", trajectory], needle)

    def test_download_names_the_output_not_its_part_file(self):
        output = os.path.join(self.work, "no-such-dir", "x.mp4")
        result = self.run_cli("download", "123456789012345678", "-o", output)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assert_one_error_line(result, output)
        self.assertNotIn(".part", result.stderr)

    def test_seven_dynamic_regions_are_refused(self):
        args = ["submit", "--image", self.image]
        for i in range(7):
            args += ["--dynamic-mask", self.mask1, "--trajectory", "10,10;%d,20" % (20 + i)]
        self.assert_refused_before_sending(args, "6")

    def test_no_credentials(self):
        # Nothing in the environment, nothing in the keyring: both ways are named.
        self.assert_refused_before_sending(["submit", "--image", self.image],
                                           "Preferences", "KLING_API_TOKEN", token=None)

    # — credentials saved in the app: the keyring, which the environment overrides —

    @contextlib.contextmanager
    def saved_token(self, token):
        def store(secret):
            subprocess.run([STORE_SECRET, "proxy", "token"], input=secret + "\n", text=True,
                           check=True, timeout=60)
        store(token)
        try:
            yield
        finally:
            store("")

    def test_token_saved_in_the_app(self):
        with self.saved_token(TOKEN):
            result = self.run_cli("submit", "--image", self.image, "--prompt", "from the keyring",
                                  token=None)
            self.assertEqual(result.returncode, 0, result.stderr)
            task_id = result.stdout.strip()
            self.assertRegex(task_id, r"^\d{18}$")
            status = self.run_cli("status", task_id, token=None)
            self.assertEqual(status.returncode, 0, status.stderr)
            self.assertTrue(status.stdout.startswith(task_id + "\t"), status.stdout)

    def test_environment_overrides_the_saved_token(self):
        # A relay routes no list: a submit asks it something instead.
        command = ["list"] if self.has_list else ["submit", "--image", self.image]
        with self.saved_token("sk-saved-but-wrong"):
            result = self.run_cli(*command, token=TOKEN)
            self.assertEqual(result.returncode, 0, result.stderr)
            refused = self.run_cli(*command, token=None)
            self.assertEqual(refused.returncode, 1, refused.stderr)
            self.assert_one_error_line(refused)
            self.assertNotIn("sk-saved-but-wrong", refused.stderr)

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
    @contextlib.contextmanager
    def fault_server(self, *faults):
        """Yields run(*args): the CLI against a fake server with @faults armed."""
        server = FakeServer("--token", TOKEN, *[a for f in faults for a in ("--fault", f)])
        work = tempfile.mkdtemp(prefix="kling-cli-fault-")
        try:
            image = os.path.join(work, "p.png")
            with open(image, "wb") as f:
                f.write(png(400, 300, lambda x, y: (0, x % 256, 0)))
            env = dict(os.environ, KLING_API_BASE=server.base, KLING_API_TOKEN=TOKEN,
                       KLING_STUDIO_DATA_DIR=os.path.join(work, "data"))

            def run(*args):
                argv = [CLI] + [image if a == "IMAGE" else a.replace("WORK", work) for a in args]
                return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
            run.work = work
            yield run
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)

    def run_with_server(self, fault, *args):
        with self.fault_server(fault) as run:
            return run(*args)

    def saved_states(self, work):
        tasks = os.path.join(work, "data", "tasks")
        states = []
        for name in sorted(os.listdir(tasks)):
            with open(os.path.join(tasks, name, "task.json"), encoding="utf-8") as f:
                states.append(json.load(f)["state"])
        return states

    def test_failed_task_names_reason_and_request_id(self):
        with self.fault_server("moderation") as run:
            submitted = run("submit", "--image", "IMAGE", "--wait")
            self.assertEqual(submitted.returncode, 1, submitted.stderr)
            task_id = submitted.stdout.strip()
            self.assertRegex(task_id, r"^\d{18}$")

            status = run("status", task_id)
            self.assertEqual(status.returncode, 1, status.stderr)
            self.assertTrue(status.stdout.startswith(task_id + "\tfailed\t"), status.stdout)
            lines = status.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, status.stderr)
            self.assertIn("risk control", lines[0])
            self.assertRegex(lines[0], r"request id [0-9a-f-]{36}")

            described = run("status", task_id, "--json")
            self.assertEqual(described.returncode, 1, described.stderr)
            self.assertEqual(json.loads(described.stdout)["status"], "failed")

            download = run("download", task_id, "--output", "WORK/v.mp4")
            self.assertEqual(download.returncode, 1, download.stderr)
            self.assertEqual(download.stdout, "")
            lines = download.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, download.stderr)
            self.assertIn("risk control", lines[0])
            self.assertRegex(lines[0], r"request id [0-9a-f-]{36}")
            self.assertFalse(os.path.exists(os.path.join(run.work, "v.mp4")))

    def test_too_many_tasks_is_queued_with_wait(self):
        # The client tries 6 times itself; the 7th refusal leaves the task
        # queued, and the poller sends it again once a slot is free.
        with self.fault_server("rate-limit:7") as run:
            result = run("submit", "--image", "IMAGE", "--wait", "--output", "WORK/q.mp4")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertRegex(result.stdout, r"^\d{18}\n$")
            with open(os.path.join(run.work, "q.mp4"), "rb") as f:
                self.assertEqual(f.read()[4:8], b"ftyp")
            self.assertEqual(self.saved_states(run.work), ["succeeded"])

    def test_too_many_tasks_without_wait_is_refused(self):
        with self.fault_server("rate-limit:6") as run:
            result = run("submit", "--image", "IMAGE")
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(result.stdout, "")
            lines = result.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, result.stderr)
            self.assertIn("1303", lines[0])
            self.assertIn("request id", lines[0])
            # Failed, not queued: nothing sends it later behind the user's back.
            self.assertEqual(self.saved_states(run.work), ["failed"])

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


class StubKling(http.server.BaseHTTPRequestHandler):
    """A server whose task "succeeds" without a video: a protocol error."""
    TASK = {"task_id": "100000000000000001", "created_at": 1700000000000,
            "updated_at": 1700000000000}

    def reply(self, data):
        body = json.dumps({"code": 0, "message": "SUCCEED", "request_id": "stub-request",
                           "data": data}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.reply(dict(self.TASK, task_status="submitted"))

    def do_GET(self):
        self.reply(dict(self.TASK, task_status="succeed", task_result={}))

    def log_message(self, *args):
        pass


class WaitExitCodeTest(unittest.TestCase):
    def test_wait_failures_use_the_shared_exit_codes(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StubKling)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        work = tempfile.mkdtemp(prefix="kling-cli-stub-")
        try:
            image = os.path.join(work, "p.png")
            with open(image, "wb") as f:
                f.write(png(400, 300, lambda x, y: (0, 0, x % 256)))
            env = dict(os.environ, KLING_API_BASE="http://127.0.0.1:%d" % server.server_port,
                       KLING_API_TOKEN=TOKEN, KLING_STUDIO_DATA_DIR=os.path.join(work, "data"))
            result = subprocess.run([CLI, "submit", "--image", image, "--wait"], env=env,
                                    capture_output=True, text=True, timeout=120)
            # A server that breaks the protocol is "unavailable" (3), as for
            # every other command, not a failed task (1).
            self.assertEqual(result.returncode, 3, result.stderr)
            self.assertEqual(result.stdout, StubKling.TASK["task_id"] + "\n")
            lines = result.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, result.stderr)
            self.assertIn("no video address", lines[0])
        finally:
            server.shutdown()
            server.server_close()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
