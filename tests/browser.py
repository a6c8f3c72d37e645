"""A real server and a real browser for the end-to-end tests (a pytest plugin of tests/conftest.py).

The browser is Debian's Chromium driven by Playwright with its executable path set to it
(Playwright's own browser download needs a network this machine does not have). When
``/usr/bin/chromium`` is missing the fixture installs Debian's ``chromium`` package (as root, or
with sudo that asks no password), as ``.ci/run`` does on a clean machine; if it still cannot, the
browser tests are skipped, unless ``ROSTER_REQUIRE_BROWSER=1`` (CI), which makes that a failure.

The server is uvicorn serving the application on a free loopback port, in a thread of the test
process: the same stack ``roster web`` runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from loopback import free_port

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium tries hosts this machine cannot reach."""


def _install_chromium() -> str | None:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if shutil.which("apt-get") is None:
        return None
    prefix: list[str] = []
    if os.geteuid() != 0:
        if (
            shutil.which("sudo") is None
            or subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode
        ):
            return None
        prefix = ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(prefix + cmd, capture_output=True, env=env, timeout=900).returncode:
            return None
    return CHROMIUM if os.path.exists(CHROMIUM) else None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = _install_chromium()
    if found is None:
        if os.environ.get("ROSTER_REQUIRE_BROWSER") == "1":
            pytest.fail("ROSTER_REQUIRE_BROWSER=1 but Debian's chromium is not installed and could not be")
        pytest.skip("Debian's chromium is not installed and could not be installed here")
    return found


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def wish_shift(page: Any, day: str, start: str, end: str) -> None:
    """On the wishes page, wish for a shift on ``day`` (ISO date) and ask the policy's word on it."""
    page.locator(f"#d-{day}-kind").select_option("shift")
    page.locator(f"#d-{day}-start").fill(start)
    page.locator(f"#d-{day}-end").fill(end)
    page.locator(f"#d-{day}-end").dispatch_event("change")


class LiveServer:
    """uvicorn serving ``app`` on loopback in a thread; ``url`` once it listens."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="roster-test-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
