#!/usr/bin/env python3
"""kling-studio-cli when a create's answer is lost (design.md §4, exit code 4).

Behind a new-api relay (no list, no lookup by external id) the task may have
been created and nobody can say: submit exits 4 with one line, keeps the task
as "unconfirmed" with its external id, and sends nothing twice; status looks
it up again. The official API finds it in one call and submit succeeds.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("cli_common", os.path.join(HERE, "test-cli.py"))
cli_common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli_common)

CLI = cli_common.CLI
FAKE = cli_common.FAKE
TOKEN = "sk-test-unconfirmed-cli"
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key-0123456789"


class Server:
    def __init__(self, *args):
        self.process = subprocess.Popen([FAKE, "--processing-after", "50", "--succeed-after", "100",
                                         *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError("fake server did not start: %r" % self.base)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.process.stdout.close()


class UnconfirmedTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="kling-cli-unconfirmed-")
        self.image = os.path.join(self.work, "picture.png")
        with open(self.image, "wb") as f:
            f.write(cli_common.png(480, 320, lambda x, y: (x % 256, y % 256, 90)))
        self.server = None

    def tearDown(self):
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def run_cli(self, *args, keys=False):
        env = dict(os.environ)
        for name in ("KLING_API_TOKEN", "KLING_ACCESS_KEY", "KLING_SECRET_KEY"):
            env.pop(name, None)
        env["KLING_STUDIO_DATA_DIR"] = os.path.join(self.work, "data")
        env["KLING_API_BASE"] = self.server.base
        if keys:
            env["KLING_ACCESS_KEY"] = ACCESS_KEY
            env["KLING_SECRET_KEY"] = SECRET_KEY
        else:
            env["KLING_API_TOKEN"] = TOKEN
        return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=120)

    def saved_tasks(self):
        tasks = os.path.join(self.work, "data", "tasks")
        saved = []
        for name in sorted(os.listdir(tasks)):
            with open(os.path.join(tasks, name, "task.json"), encoding="utf-8") as f:
                saved.append((name, json.load(f)))
        return saved

    def test_relay_lost_answer_exits_4_and_sends_once(self):
        self.server = Server("--dialect", "new-api", "--token", TOKEN, "--fault", "post-lost")
        result = self.run_cli("submit", "--image", self.image, "--prompt", "a lake at dawn")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("may have been created", lines[0])
        self.assertIn("not sent again", lines[0])

        [(local_id, saved)] = self.saved_tasks()
        self.assertEqual(saved["state"], "unconfirmed")
        self.assertTrue(saved["external_task_id"])
        self.assertIn("kling-studio-cli status " + local_id, lines[0])

        # Looking again cannot tell either: 4 again, still one task on the server.
        status = self.run_cli("status", local_id)
        self.assertEqual(status.returncode, 4, status.stderr)
        self.assertIn("may have been created", status.stderr)
        self.assertEqual(self.saved_tasks()[0][1]["state"], "unconfirmed")

    def test_json_names_the_state(self):
        self.server = Server("--dialect", "new-api", "--token", TOKEN, "--fault", "post-lost")
        result = self.run_cli("submit", "--image", self.image, "--json")
        self.assertEqual(result.returncode, 4, result.stderr)
        printed = json.loads(result.stdout)
        self.assertIsNone(printed["task_id"])
        self.assertTrue(printed["external_task_id"])
        self.assertIn("may have been created", printed["status_message"])

    def test_official_finds_the_lost_answer(self):
        self.server = Server("--dialect", "kling", "--access-key", ACCESS_KEY,
                             "--secret-key", SECRET_KEY, "--fault", "post-lost")
        result = self.run_cli("submit", "--image", self.image, keys=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        task_id = result.stdout.strip()
        self.assertTrue(task_id)
        [(_, saved)] = self.saved_tasks()
        self.assertEqual(saved["task_id"], task_id)
        self.assertNotEqual(saved["state"], "unconfirmed")


if __name__ == "__main__":
    unittest.main(verbosity=2)
