#!/usr/bin/env python3
"""kling-studio-cli submit --provider fal against the fake fal queue.

A video is saved through fal's queue; a missing prompt or masks with 10 s are
refused before anything is sent (exit 2); a submit whose answer is lost was
sent once, is kept as "may have been created", and the command exits 4.
`cancel` withdraws a request fal still holds in its queue (exit 0) with one
PUT under the app id carrying the key, and is refused once fal has started
(exit 1), for Kling (exit 2, nothing sent) and without a network (exit 3).
"""
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("cli_common", os.path.join(HERE, "test-cli.py"))
cli_common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli_common)

CLI = cli_common.CLI
FAKE_FAL = os.environ["KLING_FAKE_FAL_SERVER"]
KEY = "fal-cli-test-key"


class FalServer:
    def __init__(self, *args):
        self.process = subprocess.Popen([FAKE_FAL, "--key", KEY, "--in-progress-after", "50",
                                         "--completed-after", "120", "--log", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError("fake fal server did not start: %r" % self.base)

    def stop(self):
        """Stops the server; returns the requests it saw, one "METHOD PATH" each."""
        self.process.terminate()
        self.process.wait(10)
        seen = self.process.stdout.read().splitlines()
        self.process.stdout.close()
        return seen


class FalCliTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="kling-cli-fal-")
        self.image = os.path.join(self.work, "picture.png")
        with open(self.image, "wb") as f:
            f.write(cli_common.png(480, 320, lambda x, y: (x % 256, y % 256, 90)))
        self.mask = os.path.join(self.work, "mask.png")
        with open(self.mask, "wb") as f:
            f.write(cli_common.png(480, 320, lambda x, y: (255, 255, 255) if 100 <= x < 200 and 100 <= y < 200
                                   else (0, 0, 0)))
        self.server = None

    def tearDown(self):
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def run_command(self, *args, base=None):
        env = dict(os.environ)
        for name in ("KLING_API_TOKEN", "KLING_ACCESS_KEY", "KLING_SECRET_KEY", "KLING_API_BASE"):
            env.pop(name, None)
        env["KLING_STUDIO_DATA_DIR"] = os.path.join(self.work, "data")
        env["FAL_KEY"] = KEY
        env["FAL_QUEUE_BASE"] = base if base is not None else self.server.base
        return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=120)

    def run_cli(self, *args, base=None):
        return self.run_command("submit", "--provider", "fal", "--image", self.image, *args, base=base)

    def saved_tasks(self):
        tasks = os.path.join(self.work, "data", "tasks")
        saved = []
        for name in sorted(os.listdir(tasks)) if os.path.isdir(tasks) else []:
            with open(os.path.join(tasks, name, "task.json"), encoding="utf-8") as f:
                saved.append(json.load(f))
        return saved

    def test_video_saved_through_the_queue(self):
        self.server = FalServer()
        output = os.path.join(self.work, "out.mp4")
        result = self.run_cli("--prompt", "The kite rises", "--dynamic-mask", self.mask,
                              "--trajectory", "150,150;200,80;260,60", "--wait", "--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(output, "rb") as f:
            self.assertEqual(f.read(12)[4:8], b"ftyp")
        seen = self.server.stop()
        self.server = None
        self.assertEqual([line for line in seen if line.startswith("POST")],
                         ["POST /fal-ai/kling-video/v1/standard/image-to-video"])
        self.assertTrue(any(line.startswith("GET /fal-ai/kling-video/requests/") for line in seen))
        [task] = self.saved_tasks()
        self.assertEqual(task["provider"]["auth"], "fal")
        self.assertEqual(task["state"], "succeeded")

    def test_refused_before_sending(self):
        self.server = FalServer()
        no_prompt = self.run_cli()
        self.assertEqual(no_prompt.returncode, 2, no_prompt.stderr)
        self.assertIn("prompt", no_prompt.stderr)
        wrong_model = self.run_cli("--prompt", "x", "--model", "kling-v2-6", "--mode", "pro")
        self.assertEqual(wrong_model.returncode, 2, wrong_model.stderr)
        self.assertIn("fal", wrong_model.stderr)
        seen = self.server.stop()
        self.server = None
        self.assertEqual(seen, [])
        self.assertEqual(self.saved_tasks(), [])

    def test_plain_http_only_on_loopback(self):
        result = self.run_cli("--prompt", "x", base="http://example.com")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("https", result.stderr)

    def test_lost_submit_exits_4_and_sends_once(self):
        self.server = FalServer("--submit-lost", "1")
        result = self.run_cli("--prompt", "The kite rises", "--wait")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("may have been created", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        seen = self.server.stop()
        self.server = None
        self.assertEqual(len([line for line in seen if line.startswith("POST")]), 1, seen)
        [task] = self.saved_tasks()
        self.assertEqual(task["state"], "unconfirmed")
        self.assertEqual(task["provider"]["auth"], "fal")

    def submit_held(self, *server_args):
        """A request sent to a fake fal that holds it as its arguments say; its id."""
        self.server = FalServer("--log-auth", *server_args)
        submitted = self.run_cli("--prompt", "The kite waits its turn")
        self.assertEqual(submitted.returncode, 0, submitted.stderr)
        [task] = self.saved_tasks()
        return task["task_id"]

    def stop_server(self):
        seen = [line.split("\t") for line in self.server.stop()]
        self.server = None
        return [(request, auth) for request, auth in seen if request.startswith("PUT")]

    def test_cancel_while_queued(self):
        request_id = self.submit_held("--in-progress-after", "600000", "--completed-after", "600000")
        result = self.run_command("cancel", request_id)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Cancelled", result.stdout)
        [task] = self.saved_tasks()
        self.assertEqual(task["state"], "failed")
        self.assertEqual(task["error"]["kind"], "cancelled")
        # Nothing left to withdraw: said without asking fal again.
        again = self.run_command("cancel", request_id)
        self.assertEqual(again.returncode, 1, again.stderr)
        self.assertIn("already cancelled", again.stderr)
        self.assertEqual(self.stop_server(),
                         [("PUT /fal-ai/kling-video/requests/%s/cancel" % request_id, "Key " + KEY)])

    def test_cancel_refused_once_started(self):
        request_id = self.submit_held("--in-progress-after", "0", "--completed-after", "600000")
        result = self.run_command("cancel", request_id)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("already started", result.stderr)
        self.assertIn("ALREADY_COMPLETED", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        [task] = self.saved_tasks()
        self.assertEqual(task["state"], "submitted")
        self.assertEqual(len(self.stop_server()), 1)

    def test_cancel_by_request_id_alone(self):
        self.server = FalServer("--log-auth")
        result = self.run_command("cancel", "--provider", "fal", "no-such-request")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("NOT_FOUND", result.stderr)
        self.assertEqual(self.stop_server(),
                         [("PUT /fal-ai/kling-video/requests/no-such-request/cancel", "Key " + KEY)])

    def test_cancel_bad_input_and_network(self):
        self.server = FalServer("--log-auth")
        kling = self.run_command("cancel", "--provider", "kling", "861309198188019719")
        self.assertEqual(kling.returncode, 2, kling.stderr)
        self.assertIn("cannot withdraw", kling.stderr)
        self.assertEqual(self.run_command("cancel").returncode, 2)
        self.assertEqual(self.run_command("cancel", "a", "b").returncode, 2)
        base = self.server.base
        self.assertEqual(self.stop_server(), [])
        # Nothing listens there any more.
        down = self.run_command("cancel", "--provider", "fal", "some-request", base=base)
        self.assertEqual(down.returncode, 3, down.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
