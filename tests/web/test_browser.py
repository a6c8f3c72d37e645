"""The three walk-throughs in a real browser (Debian's Chromium, driven by Playwright) against a real
server: an employee gives a week of wishes, the coordinator closes the period and solves it, the
manager amends one shift with a minimal-change re-solve and accepts and publishes, and the employee
sees the published roster and downloads their calendar. Every form is the page's own, found by its
label or role as a screen reader would find it; the sign-in is done with the keyboard alone."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import LiveServer, wish_shift
from checked import assert_version_checked
from roster.store.periods import wishes_of
from web_helpers import Web

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

WEEK2 = [dt.date(2027, 1, 11) + dt.timedelta(days=k) for k in range(5)]


@pytest.fixture
def site(web: Web) -> Iterator[str]:
    with LiveServer(web.app) as server:
        yield server.url


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(20_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        if os.environ.get("ROSTER_SCREENSHOTS"):
            tab.screenshot(path=str(Path(os.environ["ROSTER_SCREENSHOTS"]) / "last.png"), full_page=True)
        context.close()


def sign_in_with_the_keyboard(page: Any, site: str, username: str) -> None:
    page.goto(f"{site}/sign-in")
    for _ in range(8):  # skip link, the site's name, then the form
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "username":
            break
    assert page.evaluate("document.activeElement.id") == "username"
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("roster-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/teams/\d+$"))


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/sign-in$"))


def test_wishes_solve_amend_accept_publish_and_the_calendar_in_a_browser(
    page: Any, site: str, web: Web
) -> None:
    # -- an employee gives a week of wishes ----------------------------------------------------
    sign_in_with_the_keyboard(page, site, "t1")
    page.get_by_role("link", name="Change your wishes").click()
    page.get_by_role("heading", name="Your wishes").wait_for()
    for day in WEEK2:
        wish_shift(page, day.isoformat(), "10:00", "18:00")
    # the page says what the policy makes of the day as it is typed (htmx asks the server)
    hint = page.locator(f"#hint-{WEEK2[0].isoformat()}")
    hint.filter(has_text="8:00 h shift, with an unpaid break of 30 minutes").wait_for()
    # a wish the rules refuse is named before it is saved
    wish_shift(page, "2027-01-18", "06:00", "12:00")
    page.locator("#hint-2027-01-18").filter(has_text="before the earliest start").wait_for()
    page.locator("#d-2027-01-18-kind").select_option("any")
    page.get_by_role("button", name="Save your wishes").click()
    page.get_by_role("status").filter(has_text="Saved.").wait_for()
    days, _ = wishes_of(web.store, web.period_id, "T1")
    assert {(p.date, p.start, p.end) for p in days if p.date in WEEK2} == {(d, 600, 1080) for d in WEEK2}
    sign_out(page)

    # -- the coordinator closes the period and solves --------------------------------------------
    sign_in_with_the_keyboard(page, site, "coordinator")
    page.get_by_role("link", name=re.compile("04 Jan 2027 to 24 Jan 2027")).click()
    page.get_by_role("heading", name=re.compile("Wishes given: 5 of 5")).wait_for()
    page.get_by_role("button", name="Close for wishes").click()
    page.get_by_role("button", name="Solve the roster").click()
    page.get_by_text("Solving").first.wait_for()  # the live progress line
    review = page.get_by_role("link", name=re.compile(r"Review v\d+"))
    review.wait_for(timeout=120_000)  # the page reloads itself when the solve ends
    version_id = int(re.search(r"v(\d+)", review.inner_text()).group(1))  # type: ignore[union-attr]
    assert_version_checked(web.store, version_id)
    sign_out(page)

    # -- the manager amends one shift, re-solves with minimal change, accepts and publishes -------
    sign_in_with_the_keyboard(page, site, "manager")
    page.goto(f"{site}/teams/{web.team_id}/versions/{version_id}")
    page.get_by_role("img", name=re.compile("Cover heatmap")).wait_for()
    page.get_by_role("link", name=re.compile(r"Amend Asha Patel \(T1\) on 2027-01-12")).click()
    page.get_by_role("heading", name=re.compile("Amend Asha Patel")).wait_for()
    page.get_by_label("Works").check()
    page.get_by_label("Start", exact=True).fill("11:00")
    page.get_by_label("End", exact=True).fill("19:00")
    page.get_by_label("Break starts").fill("15:00")
    page.get_by_label("Why (kept with the new version)").fill("school run")
    page.get_by_role("button", name="Amend and save as a new version").click()
    page.get_by_role("heading", name=f"What changed since v{version_id}").wait_for(timeout=60_000)
    amended_id = int(page.url.split("/versions/")[1].split("#")[0])
    assert web.store.version(amended_id).parent_id == version_id
    page.get_by_label("Publish it to the team now").check()
    page.get_by_role("button", name=f"Accept v{amended_id}").click()
    page.get_by_text("Published: the team sees it").wait_for()
    assert web.store.version(amended_id).status == "accepted"
    assert web.store.version(amended_id).source == "re-solve"
    assert_version_checked(web.store, amended_id)  # its STABILITY against the solved version included
    sign_out(page)

    # -- the employee sees the published roster and downloads their calendar ---------------------
    sign_in_with_the_keyboard(page, site, "t1")
    page.get_by_role("link", name="Team roster").first.click()
    page.get_by_role("heading", name="Your shifts", exact=True).wait_for()
    assert "11:00-19:00 (break 15:00)" in page.locator("section.mine").inner_text()
    assert (
        "Wishes not honoured, and why" in page.locator("pre.statement").inner_text()
        or "Every wish you gave" in page.locator("pre.statement").inner_text()
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your calendar (.ics)").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    mine = [s for s in web.store.roster(amended_id).shifts if s.employee_id == "T1"]
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == len(mine)
    assert "DTSTART;TZID=Europe/London:20270112T110000" in ics
