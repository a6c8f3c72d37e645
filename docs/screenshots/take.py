"""The README's screenshots of the web page, taken from the demo on the default scenario.

    python docs/screenshots/take.py [--time-limit 60]

Starts ``roster web --demo scenarios/contact-centre`` with a throwaway store on a free loopback
port, walks the three walk-throughs in Debian's Chromium (Playwright), and writes the PNGs
beside this file: an employee's wishes (with the policy's word on a day), the same on a phone,
the coordinator's period while the solve runs, the manager's review with an amendment open,
and an employee's published roster.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# the browser tests' Chromium flags, free port and wish helper: the screenshots show what they test
sys.path.insert(0, str(ROOT / "tests"))
from browser import FLAGS, wish_shift  # noqa: E402
from loopback import free_port  # noqa: E402


def sign_in(page: Page, site: str, user: str) -> None:
    page.goto(f"{site}/sign-in")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill("roster-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/teams/\d+$"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=60)
    args = parser.parse_args()
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(sys.executable).with_name("roster")
        server = subprocess.Popen(
            [
                str(roster),
                "web",
                "--demo",
                str(ROOT / "scenarios" / "contact-centre"),
                "--db",
                str(Path(tmp) / "demo.db"),
                "--port",
                str(port),
                "--time-limit",
                str(args.time_limit),
            ]
        )
        try:
            for _ in range(200):
                try:
                    if httpx.get(f"{site}/sign-in", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                desk = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
                page = desk.new_page()
                sign_in(page, site, "e004")
                page.get_by_role("link", name="Change your wishes").click()
                wish_shift(page, "2027-01-13", "06:30", "14:30")
                page.locator("#hint-2027-01-13").filter(has_text="earliest start").wait_for()
                page.locator("#d-2027-01-12-kind").dispatch_event("change")
                page.locator("#hint-2027-01-12").filter(has_text="h shift").wait_for()
                page.get_by_role("heading", name="Week 2").scroll_into_view_if_needed()
                page.screenshot(path=str(HERE / "wishes.png"))
                phone = browser.new_context(
                    viewport={"width": 390, "height": 844},
                    is_mobile=True,
                    device_scale_factor=2,
                    locale="en-GB",
                ).new_page()
                sign_in(phone, site, "e010")
                phone.get_by_role("link", name="Change your wishes").click()
                phone.screenshot(path=str(HERE / "phone.png"))

                page.get_by_role("button", name="Sign out").click()
                sign_in(page, site, "coordinator")
                page.get_by_role("link", name=re.compile("04 Jan 2027 to 24 Jan 2027")).click()
                page.get_by_role("button", name="Close for wishes").click()
                page.get_by_role("button", name="Solve the roster").click()
                page.get_by_text(re.compile(r"best [\d,]+")).wait_for(timeout=120_000)
                page.screenshot(path=str(HERE / "solving.png"))
                review = page.get_by_role("link", name=re.compile(r"Review v\d+"))
                review.wait_for(timeout=int(args.time_limit * 3000))
                version = re.search(r"v(\d+)", review.inner_text()).group(1)  # type: ignore[union-attr]

                page.get_by_role("button", name="Sign out").click()
                sign_in(page, site, "manager")
                page.goto(
                    f"{site}/teams/1/versions/{version}?amend_employee=E004&amend_date=2027-01-13#amend"
                )
                page.get_by_role("heading", name=re.compile("Amend Nadia Thomas")).wait_for()
                page.screenshot(path=str(HERE / "amend.png"))
                page.goto(f"{site}/teams/1/versions/{version}")
                page.get_by_role("img", name=re.compile("Cover heatmap")).scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.goto(f"{site}/teams/1/versions/{version}")
                page.screenshot(path=str(HERE / "review.png"))
                page.get_by_label("Publish it to the team now").check()
                page.get_by_role("button", name=f"Accept v{version}").click()
                page.get_by_text("Published: the team sees it").wait_for()

                page.get_by_role("button", name="Sign out").click()
                sign_in(page, site, "e004")
                page.get_by_role("link", name="Team roster").first.click()
                page.get_by_role("heading", name="Your shifts").wait_for()
                page.screenshot(path=str(HERE / "roster.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(60)
    print("screenshots written to", HERE)


if __name__ == "__main__":
    main()
