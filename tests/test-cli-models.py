#!/usr/bin/env python3
"""kling-studio-cli's model options against the fake Kling server and a recorder.

--sound, --image-tail, --camera simple:AXIS=VALUE, whole-second durations
(3–15 s on kling-v3), --allow-unknown-model, the create's request_id in
--json, and a retired model's refusal explained (kling-api.md §7).
Exit codes as design.md §4: 0 sent, 1 refused by the server, 2 bad input
(nothing sent).
"""
import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest

CLI = os.environ["KLING_CLI"]
FAKE = os.environ["KLING_FAKE_SERVER"]
TOKEN = "sk-test-cli-models-51c0"


# The one PNG writer of the CLI tests (test-cli.py's).
_spec = importlib.util.spec_from_file_location(
    "cli_common", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-cli.py"))
_cli_common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cli_common)
png = _cli_common.png


class FakeServer:
    def __init__(self, *args):
        self.process = subprocess.Popen(
            [FAKE, "--token", TOKEN, "--concurrency", "50", "--processing-after", "100",
             "--succeed-after", "300", *args],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError("fake server did not start: %r" % self.base)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.process.stdout.close()


class Recorder(http.server.BaseHTTPRequestHandler):
    """Keeps each create body and answers as Kling does."""
    bodies = []

    def do_POST(self):
        Recorder.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        body = json.dumps({"code": 0, "message": "SUCCEED", "request_id": "req-create-6b1d",
                           "data": {"task_id": "Cl6kH2gHPegAAAAACQhRzQ", "task_status": "submitted",
                                    "created_at": 1765000000000,
                                    "updated_at": 1765000000000}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class CliModelsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="kling-cli-models-")
        cls.image = os.path.join(cls.work, "picture.png")
        with open(cls.image, "wb") as f:
            f.write(png(480, 320, lambda x, y: (x % 256, y % 256, 128)))
        cls.tail = os.path.join(cls.work, "tail.png")
        with open(cls.tail, "wb") as f:
            f.write(png(480, 320, lambda x, y: (y % 256, 40, x % 256)))
        cls.server = FakeServer()
        cls.recorder = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=cls.recorder.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.recorder.shutdown()
        cls.recorder.server_close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def run_cli(self, *args, base=None):
        environment = dict(os.environ)
        for name in ("KLING_ACCESS_KEY", "KLING_SECRET_KEY"):
            environment.pop(name, None)
        environment["KLING_STUDIO_DATA_DIR"] = os.path.join(self.work, "data")
        environment["KLING_API_BASE"] = base or self.server.base
        environment["KLING_API_TOKEN"] = TOKEN
        return subprocess.run([CLI, *args], env=environment, capture_output=True, text=True,
                              timeout=120)

    def submit(self, *args, base=None):
        return self.run_cli("submit", "--image", self.image, *args, base=base)

    def recorded(self, *args):
        """The body the CLI sent for these options."""
        Recorder.bodies.clear()
        result = self.submit(*args, base="http://127.0.0.1:%d" % self.recorder.server_port)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(Recorder.bodies), 1)
        return Recorder.bodies[0], result

    def assert_refused_before_sending(self, result, *needles):
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        for needle in needles:
            self.assertIn(needle, result.stderr)

    # — accepted by the strict fake —

    def test_v3_takes_fifteen_seconds_with_sound(self):
        result = self.submit("--model", "kling-v3", "--mode", "pro", "--duration", "15",
                             "--sound", "on")
        self.assertEqual(result.returncode, 0, result.stderr)
        body, _ = self.recorded("--model", "kling-v3", "--duration", "15", "--sound", "on")
        self.assertEqual(body["duration"], "15")
        self.assertEqual(body["sound"], "on")

    def test_v26_std_is_silent(self):
        result = self.submit("--model", "kling-v2-6", "--mode", "std")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v2-6", "--mode", "std", "--sound", "on"),
            "Sound works only with Kling v2.6 (pro, 5 s or 10 s)")
        body, _ = self.recorded("--model", "kling-v2-6", "--mode", "pro", "--sound", "off")
        self.assertEqual(body["sound"], "off")

    def test_end_frame(self):
        result = self.submit("--model", "kling-v3", "--duration", "4", "--image-tail", self.tail)
        self.assertEqual(result.returncode, 0, result.stderr)
        body, _ = self.recorded("--model", "kling-v3", "--image-tail", self.tail)
        self.assertTrue(body["image_tail"].startswith("iVBORw0KGgo"))
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v2-6", "--mode", "pro", "--sound", "on",
                        "--image-tail", self.tail),
            "cannot make sound and use an end frame")
        self.assert_refused_before_sending(
            self.submit("--image-tail", os.path.join(self.work, "missing.png")), "End frame")

    def test_camera_simple_only(self):
        result = self.submit("--model", "kling-v1-5", "--mode", "pro", "--camera", "simple:zoom=5")
        self.assertEqual(result.returncode, 0, result.stderr)
        body, _ = self.recorded("--model", "kling-v1-5", "--mode", "pro",
                                "--camera", "simple:pan=-2.5")
        self.assertEqual(body["camera_control"],
                         {"type": "simple", "config": {"horizontal": 0, "vertical": 0,
                                                       "pan": -2.5, "tilt": 0, "roll": 0,
                                                       "zoom": 0}})
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v1-5", "--mode", "pro", "--camera", "down_back"),
            "simple:AXIS=VALUE", "down_back")
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v1-5", "--mode", "pro", "--camera", "simple:spin=3"),
            "horizontal, vertical, pan, tilt, roll or zoom")
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v1-5", "--mode", "pro", "--camera", "simple:zoom=11"),
            "zoom 11 is outside -10 to 10")

    def test_bad_sound_and_duration(self):
        self.assert_refused_before_sending(self.submit("--sound", "loud"), "--sound", "on or off")
        self.assert_refused_before_sending(
            self.submit("--model", "kling-v3", "--duration", "16"), "3–15 s")
        self.assert_refused_before_sending(
            self.submit("--duration", "5.5"), "not a whole number of seconds")

    # — unknown and retired models —

    def test_unknown_model_needs_the_flag(self):
        self.assert_refused_before_sending(self.submit("--model", "kling-v4"),
                                           "“kling-v4” is not a known model")
        body, result = self.recorded("--model", "kling-v4", "--mode", "pro", "--duration", "8",
                                     "--sound", "on", "--allow-unknown-model")
        self.assertEqual((body["model_name"], body["mode"], body["duration"], body["sound"]),
                         ("kling-v4", "pro", "8", "on"))
        self.assertIn("warning: “kling-v4” is not in Kling Studio’s model table", result.stderr)
        self.assertIn("duration", result.stderr)
        # the strict fake does not know it either: refused by the server
        result = self.submit("--model", "kling-v4", "--allow-unknown-model")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("model_name is invalid", result.stderr)

    def test_retired_model_refusal_is_explained(self):
        served = self.submit("--model", "kling-v1-6", "--mode", "pro", "--duration", "10")
        self.assertEqual(served.returncode, 0, served.stderr)
        self.assertNotIn("retired", served.stderr)
        refusing = FakeServer("--refuse-retired")
        try:
            result = self.submit("--model", "kling-v1-6", "--mode", "pro", base=refusing.base)
        finally:
            refusing.stop()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("model_name is invalid", result.stderr)
        self.assertIn("Kling v1.6 was retired on 2026-09-15", result.stderr)
        # the kept task says it too, for the app's history
        tasks = os.path.join(self.work, "data", "tasks")
        newest = max((os.path.join(tasks, name) for name in os.listdir(tasks)),
                     key=lambda path: os.path.getmtime(os.path.join(path, "task.json")))
        with open(os.path.join(newest, "task.json"), encoding="utf-8") as f:
            self.assertIn("was retired on 2026-09-15", f.read())

    # — what is printed —

    def test_json_has_the_create_request_id(self):
        _, result = self.recorded("--json")
        printed = json.loads(result.stdout)
        self.assertEqual(printed["request_id"], "req-create-6b1d")
        self.assertEqual(printed["task_id"], "Cl6kH2gHPegAAAAACQhRzQ")

    def test_new_api_relay_with_letter_ids(self):
        relay = FakeServer("--dialect", "new-api", "--letter-ids")
        try:
            result = self.submit("--model", "kling-v3", "--duration", "6", "--wait",
                                 "--json", base=relay.base)
            self.assertEqual(result.returncode, 0, result.stderr)
            printed = json.loads(result.stdout)
            self.assertEqual(len(printed["task_id"]), 22)
            self.assertEqual(printed["status"], "succeed")
            # A letter id may begin with "-": after "--" it is not an option.
            status = self.run_cli("status", "--json", "--", printed["task_id"], base=relay.base)
            self.assertEqual(status.returncode, 0, status.stderr)
            self.assertEqual(json.loads(status.stdout)["video_duration"], "6.066")
        finally:
            relay.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
