"""A headless Chromium driven over the Chrome DevTools protocol (websocket-client, already a
JupyterLab dependency): open a page, wait for its charts, evaluate JavaScript, take screenshots,
move the mouse. No browser is downloaded: Debian's `chromium` package (make browser)."""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--window-size=1200,900",
]
INSTALL_HINT = "sudo apt-get install chromium   (or: make browser)"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Browser:
    proc: subprocess.Popen
    ws: websocket.WebSocket
    profile: tempfile.TemporaryDirectory
    events: list[dict[str, Any]] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def send(self, method: str, timeout: float = 60.0, **params: Any) -> dict[str, Any]:
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)
        raise TimeoutError(method)

    def js(self, expression: str) -> Any:
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(res["exceptionDetails"])
        return res["result"].get("value")

    def open(self, url: str, ready: str, timeout: float = 90.0) -> float:
        """Navigate and wait until the JS expression `ready` is true; returns the seconds taken."""
        t0 = time.monotonic()
        self.send("Page.navigate", url=url)
        while time.monotonic() - t0 < timeout:
            try:
                if self.js(ready):
                    return time.monotonic() - t0
            except RuntimeError:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"page not ready after {timeout} s: {ready}")

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def errors(self) -> list[str]:
        """Script errors and console errors seen so far (network noise such as a favicon excluded)."""
        found = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}), ensure_ascii=False)[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") == "error" and "favicon" not in entry.get("url", ""):
                    found.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}")
        return found

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.profile.cleanup()


def launch(binary: str, timeout: float = 60.0) -> Browser:
    """Start headless Chromium with a new empty profile and attach to its first page."""
    profile = tempfile.TemporaryDirectory(prefix="juesuan-chromium-")
    proc = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile.name}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    port = None
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    while time.monotonic() < deadline and port is None:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        if "DevTools listening on ws://" in line:
            port = int(line.split("ws://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
    if port is None:
        proc.kill()
        profile.cleanup()
        raise RuntimeError("chromium did not start (no DevTools endpoint)")
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep draining chromium's log
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
        pages = [t for t in json.load(r) if t.get("type") == "page"]
    ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True)
    browser = Browser(proc, ws, profile)
    for domain in ("Page", "Runtime", "Log"):
        browser.send(f"{domain}.enable")
    return browser


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
