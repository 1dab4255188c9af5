"""A page opened in the system's Chromium, at a given window width, and a script run in it: what a
browser really lays out, measured (where each word lands), not guessed from the HTML.

It speaks the DevTools protocol over --remote-debugging-pipe (Chromium reads commands on file
descriptor 3 and answers on 4, each message JSON ended by a NUL byte): no package to install and no
browser to download, only /usr/bin/chromium (Debian: apt-get install chromium).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

WAIT_SECONDS = 60  # a bound so that a broken browser fails the test instead of hanging it; not a measure


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "these tests lay pages out in a real browser: install chromium (apt-get install chromium)"
    return found


class Browser:
    """One headless Chromium, talked to through two pipes."""

    def __init__(self) -> None:
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def as_fds_3_and_4() -> None:  # in the child, before exec: where Chromium looks for them
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, answers_write))
            os.dup2(reading, 3)  # (first moved out of the way: either pipe may itself be fd 3 or 4)
            os.dup2(writing, 4)

        self._profile = tempfile.TemporaryDirectory(prefix="aspire-chromium-")
        self._process = subprocess.Popen(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=as_fds_3_and_4,
            close_fds=False,  # fds 3 and 4 must reach Chromium
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next_id = 0
        self._buffer = b""

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events that arrive meanwhile are set aside)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self._next_id:
                assert "error" not in answer, (method, answer["error"])
                result: dict[str, Any] = answer["result"]
                return result

    def wait_for(self, event: str, session: str) -> None:
        while True:
            message = self._message()
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], WAIT_SECONDS)
            assert ready, "chromium did not answer"
            chunk = os.read(self._answers, 1 << 16)
            assert chunk, "chromium closed the pipe"
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        found: dict[str, Any] = json.loads(text)
        return found

    def evaluate(self, page: Path, width: int, script: str, height: int = 900) -> Any:
        """`page` laid out in a window `width` CSS pixels wide, then the value of `script` run in it."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.enable", session)
        self.call("Page.navigate", session, url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired", session)
        done = self.call("Runtime.evaluate", session, expression=script, returnByValue=True)
        assert "exceptionDetails" not in done, done["exceptionDetails"]
        self.call("Target.closeTarget", targetId=target)
        return done["result"].get("value")

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._answers)
        self._profile.cleanup()


# Every word (letters and digits between spaces and hyphens: "people-management" may break after
# its hyphen, as print does) and every date (2027-03-31) that the browser laid out over more than one
# line, and every element that must never wrap (`selector`) that it laid out over more than one; and
# how much wider than the window the page is (0 or less: no sideways scrolling).
BROKEN_ACROSS_LINES = """
((selector) => {
  const lines = (range) => new Set([...range.getClientRects()]
    .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const pattern of [/[^\\s-]+/g, /\\d{4}-\\d{2}-\\d{2}/g]) {
      for (const match of node.data.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (lines(range) > 1) words.push(match[0]);
      }
    }
  }
  const whole = [];
  for (const element of document.querySelectorAll(selector)) {
    const range = document.createRange();
    range.selectNodeContents(element);
    if (lines(range) > 1) whole.push(element.textContent);
  }
  const wider = document.documentElement.scrollWidth - window.innerWidth;
  return {words, whole, wider};
})
"""
