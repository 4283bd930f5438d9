"""Headless Chromium driven over the DevTools protocol on a pipe (no extra packages).

`page_screenshot(url, ...)` opens `url`, waits until `document.body.dataset.state` is no longer
"loading" (the catalog's 3D viewer sets "ready" or "error"), and returns that state, the page's
status text and a PNG screenshot. Chromium reads commands on fd 3 and answers on fd 4,
NUL-separated JSON (--remote-debugging-pipe).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
         "--disable-quic", "--mute-audio",
         # WebGL without a GPU: ANGLE on SwiftShader (CPU), allowed explicitly in newer Chromium.
         "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader")


class _Pipe:
    def __init__(self, profile: Path, width: int, height: int):
        cmd_r, self._cmd_w = os.pipe()
        self._out_r, out_w = os.pipe()

        def child_fds():  # runs in the child: the protocol's fixed descriptors
            # Move both ends clear of 3 and 4 first (one may already sit there), then place them.
            cmd, out = os.dup(cmd_r), os.dup(out_w)
            os.dup2(cmd, 3)  # dup2 makes the copies inheritable
            os.dup2(out, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=child_fds)
        os.close(cmd_r)
        os.close(out_w)
        self._buffer = b""
        self._next_id = 0

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60.0) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buffer:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"chromium did not answer {method} within {timeout:.0f} s")
                chunk = os.read(self._out_r, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"chromium closed the DevTools pipe during {method}")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        os.close(self._out_r)


def page_screenshot(url: str, profile: Path, width: int = 640, height: int = 640,
                    timeout_s: float = 90.0, settle_s: float = 1.0) -> tuple[str, str, bytes]:
    """(state, status text, PNG bytes) of `url` once its body's data-state leaves "loading"."""
    browser = _Pipe(profile, width, height)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        browser.call("Page.navigate", {"url": url}, session)
        deadline = time.monotonic() + timeout_s
        state = "loading"
        while state == "loading" and time.monotonic() < deadline:
            time.sleep(0.25)
            result = browser.call("Runtime.evaluate", {
                "expression": "document.body ? (document.body.dataset.state || 'loading') : 'loading'",
                "returnByValue": True}, session)
            state = result.get("result", {}).get("value", "loading")
        time.sleep(settle_s)  # a few animation frames after the model is in the scene
        status = browser.call("Runtime.evaluate", {
            "expression": "(document.getElementById('status') || {}).textContent || ''", "returnByValue": True},
            session)["result"].get("value", "")
        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
        return state, status, base64.b64decode(shot["data"])
    finally:
        browser.close()
