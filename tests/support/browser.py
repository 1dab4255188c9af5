"""A page opened in the system's Chromium, at a given window width, and a script run in it: what a
browser really lays out, measured (where each word lands), not guessed from the HTML. A page can
also be kept open (`Browser.open`) and used as a person would: keys pressed and text typed through
the browser's own input events, and a file it saves caught in a folder of the test's.

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
                "--lang=en-US",  # a date field's parts in a known order: month, day, year
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
        self._events: list[dict[str, Any]] = []  # arrived while waiting for something else

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
            if "method" in answer:
                self._events.append(answer)

    def wait_for(self, event: str, session: str | None, **expected: Any) -> dict[str, Any]:
        """The parameters of the first `event` (of the page `session`, or of the browser for None)
        whose parameters include `expected`, waiting for it if it has not arrived yet."""

        def wanted(message: dict[str, Any]) -> bool:
            params = message.get("params", {})
            return (
                message.get("method") == event
                and message.get("sessionId") == session
                and all(params.get(key) == value for key, value in expected.items())
            )

        for message in self._events:
            if wanted(message):
                self._events.remove(message)
                return dict(message.get("params", {}))
        while True:
            message = self._message()
            if wanted(message):
                return dict(message.get("params", {}))
            if "method" in message:
                self._events.append(message)

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
        tab = self.open(page, width, height)
        value = tab.evaluate(script)
        tab.close()
        return value

    def open(self, page: Path, width: int, height: int = 900, scale: float = 1) -> Tab:
        """`page` opened in a new tab `width` by `height` CSS pixels, each `scale` device pixels (2:
        as a window twice as wide at 200% zoom), kept open until closed."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=False,
        )
        self.call("Page.enable", session)
        self.call("Runtime.enable", session)  # so that a script's error is seen (Tab.errors)
        self.call("Page.navigate", session, url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired", session)
        return Tab(self, target, session)

    def save_downloads_in(self, folder: Path) -> None:
        """Files any page saves go into `folder` under the names they are saved as, each
        announced by Browser.downloadProgress events."""
        self.call(
            "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder), eventsEnabled=True
        )

    def downloaded(self) -> str:
        """The name of the next file saved (see save_downloads_in), once it is complete."""
        begun = self.wait_for("Browser.downloadWillBegin", None)
        self.wait_for("Browser.downloadProgress", None, guid=begun["guid"], state="completed")
        name: str = begun["suggestedFilename"]
        return name

    def next_event(self, event: str, session: str | None) -> dict[str, Any] | None:
        """The parameters of an `event` that has already arrived, or None: nothing is waited for."""
        self.call("Browser.getVersion")  # a round trip: whatever the browser sent before is in
        for message in self._events:
            if message.get("method") == event and message.get("sessionId") == session:
                self._events.remove(message)
                return dict(message.get("params", {}))
        return None

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


KEYS = {  # name: (key, code, Windows virtual key code), as Input.dispatchKeyEvent wants them
    "Tab": ("Tab", "Tab", 9),
    "Enter": ("Enter", "Enter", 13),
    " ": (" ", "Space", 32),
    "ArrowDown": ("ArrowDown", "ArrowDown", 40),
    "ArrowUp": ("ArrowUp", "ArrowUp", 38),
    "ArrowRight": ("ArrowRight", "ArrowRight", 39),
}


class Tab:
    """A page kept open in the browser, used through the browser's input events, as a person would."""

    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser, self.target, self.session = browser, target, session

    def evaluate(self, script: str) -> Any:
        done = self.browser.call("Runtime.evaluate", self.session, expression=script, returnByValue=True)
        assert "exceptionDetails" not in done, done["exceptionDetails"]
        return done["result"].get("value")

    def press(self, name: str, *, shift: bool = False, times: int = 1) -> None:
        """A key pressed and released (Tab, Enter, space, the arrows, a digit), with Shift if `shift`."""
        key, code, number = KEYS[name] if name in KEYS else (name, f"Digit{name}", ord(name))
        text = {"Enter": "\r", " ": " "}.get(name, name if name.isdigit() else None)
        for _ in range(times):
            common = {
                "key": key,
                "code": code,
                "windowsVirtualKeyCode": number,
                "modifiers": 8 if shift else 0,
            }
            self.browser.call(
                "Input.dispatchKeyEvent",
                self.session,
                type="keyDown" if text else "rawKeyDown",
                **common,
                **({"text": text, "unmodifiedText": text} if text else {}),
            )
            self.browser.call("Input.dispatchKeyEvent", self.session, type="keyUp", **common)

    def type(self, text: str) -> None:
        """`text` typed into what has the focus: each line as typed text, Enter between lines."""
        for n, line in enumerate(text.split("\n")):
            if n:
                self.press("Enter")
            if line:
                self.browser.call("Input.insertText", self.session, text=line)

    def focused(self) -> str:
        """The id of the element that has the focus ('' for none)."""
        found: str = self.evaluate("document.activeElement ? document.activeElement.id : ''")
        return found

    def errors(self) -> list[str]:
        """The page's script errors so far."""
        found = []
        while (event := self.browser.next_event("Runtime.exceptionThrown", self.session)) is not None:
            found.append(str(event["exceptionDetails"]))
        return found

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)


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
