"""The walk-throughs in a real browser (Debian's Chromium, driven by Playwright) against a real
server: an employee gives a week of wishes, the coordinator closes the period and solves it, the
manager amends one shift with a minimal-change re-solve and accepts and publishes, and the employee
sees the published roster and downloads their calendar. Every form is the page's own, found by its
label or role as a screen reader would find it; the sign-in is done with the keyboard alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from browser import LiveServer, wish_shift
from checked import assert_version_checked
from roster.io.mail import MailSettings
from roster.store import people as accounts
from roster.store.periods import wishes_of
from roster.web import create_app
from web_helpers import SETTINGS, TINY, Inbox, Web, publish_short, publish_tiny

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
    # the re-solve is a job of the period, as a solve is: its progress on the period's page
    page.get_by_role("heading", name="Make the roster").wait_for()
    resolved = page.get_by_role("link", name=re.compile(rf"Review v(?!{version_id}\b)\d+"))
    resolved.wait_for(timeout=90_000)
    assert "Re-solved:" in page.locator("#progress").inner_text()
    resolved.click()
    page.get_by_role("heading", name=f"What changed since v{version_id}").wait_for()
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


def test_a_swap_offered_taken_approved_and_published_in_a_browser(
    page: Any, web: Web, inbox: tuple[Inbox, int]
) -> None:
    """Dan (T4) offers his Wednesday; Asha (T1) offers hers too. Chloe (T3) tries to take Asha's
    with nothing back and is refused with CONTRACT_HOURS's message; she takes Dan's, giving him her
    Tuesday. The manager approves; both are emailed by a real SMTP server on loopback, and Dan's
    calendar shows the change."""
    handler, port = inbox
    mail = MailSettings("127.0.0.1", port, "rota@council-test.gov.uk", timeout=5)
    app = create_app(settings=dataclasses.replace(SETTINGS, mail=mail), store=web.store)
    v1 = publish_tiny(web)
    for who, address in (("t4", "dan@council-test.gov.uk"), ("t3", "chloe@council-test.gov.uk")):
        found = accounts.credentials(web.store, who)
        assert found is not None
        accounts.set_email(web.store, found[0].id, address)
    with LiveServer(app) as server:
        site = server.url
        for who in ("t4", "t1"):
            sign_in_with_the_keyboard(page, site, who)
            page.get_by_role("link", name="Swaps").first.click()
            shifts = page.get_by_label("Your shift", exact=True)
            shifts.select_option(shifts.locator("option", has_text="Wed 06 Jan 2027").get_attribute("value"))
            page.get_by_role("button", name="Offer the shift").click()
            page.get_by_role("status").filter(has_text="Your shift is offered").wait_for()
            sign_out(page)

        sign_in_with_the_keyboard(page, site, "t3")
        page.get_by_role("link", name="Swaps").first.click()
        page.get_by_role("button", name="Take it (Asha Patel, Wed 06 Jan 2027)").click()
        alert = page.get_by_role("alert")
        alert.filter(has_text="The swap would break a rule").wait_for()
        assert "CONTRACT_HOURS (Asha Patel (T1)" in alert.inner_text()
        dan = page.locator("li", has_text="Dan Hughes offers Wed 06 Jan 2027")
        back = dan.get_by_label("Give back")
        back.select_option(back.locator("option", has_text="your Tue 05 Jan 2027").get_attribute("value"))
        page.get_by_role("button", name="Take it (Dan Hughes, Wed 06 Jan 2027)").click()
        page.get_by_role("status").filter(has_text="You have taken the shift").wait_for()
        sign_out(page)

        sign_in_with_the_keyboard(page, site, "manager")
        page.get_by_role("link", name="Swaps").first.click()
        page.get_by_text("Checked: no hard rule broken").wait_for()
        page.get_by_role("button", name=re.compile(r"Approve and publish")).click()
        page.get_by_role("status").filter(has_text="The swap is approved and published").wait_for()
        sign_out(page)

        newest = web.store.version(v1).next_id
        assert newest is not None and web.store.version(newest).status == "accepted"
        assert sorted(m["To"] for m in handler.messages) == [
            "Chloe Evans <chloe@council-test.gov.uk>",
            "Dan Hughes <dan@council-test.gov.uk>",
        ]
        sign_in_with_the_keyboard(page, site, "t4")
        page.get_by_role("link", name="Team roster").first.click()
        page.get_by_role("heading", name="Changes to your shifts").wait_for()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download your calendar (.ics)").click()
        ics = Calendar.from_ical(Path(download.value.path()).read_bytes())
        days = {e.decoded("DTSTART").date(): int(e["SEQUENCE"]) for e in ics.walk("VEVENT")}
        assert dt.date(2027, 1, 5) in days and dt.date(2027, 1, 6) not in days
        assert set(days.values()) == {newest}


def test_an_open_shift_volunteered_granted_and_published_in_a_browser(
    page: Any, web: Web, inbox: tuple[Inbox, int]
) -> None:
    """Asha (T1) is off sick on Wednesday 6 January: the revenues shift 10:30-14:30 is open. Chloe
    (T3) volunteers; the manager grants it; Chloe is emailed and her roster page shows the 4 h of
    time off in lieu it earned, of her cap."""
    handler, port = inbox
    mail = MailSettings("127.0.0.1", port, "rota@council-test.gov.uk", timeout=5)
    app = create_app(settings=dataclasses.replace(SETTINGS, mail=mail), store=web.store)
    v1 = publish_short(web)
    found = accounts.credentials(web.store, "t3")
    assert found is not None
    accounts.set_email(web.store, found[0].id, "chloe@council-test.gov.uk")
    with LiveServer(app) as server:
        site = server.url
        sign_in_with_the_keyboard(page, site, "t3")
        page.get_by_role("link", name="Open shifts").first.click()
        page.get_by_role("button", name="Volunteer for Wed 06 Jan 10:30-14:30 (revenues)").click()
        page.get_by_role("status").filter(has_text="You have volunteered").wait_for()
        sign_out(page)

        sign_in_with_the_keyboard(page, site, "manager")
        page.get_by_role("link", name="Open shifts").first.click()
        page.get_by_text("checked: no hard rule broken").wait_for()
        page.get_by_role("button", name="Grant and publish to T3").click()
        page.get_by_role("status").filter(has_text="The shift is granted").wait_for()
        sign_out(page)

        newest = web.store.version(v1).next_id
        assert newest is not None and web.store.version(newest).source == "open-shift"
        assert [m["To"] for m in handler.messages] == ["Chloe Evans <chloe@council-test.gov.uk>"]
        sign_in_with_the_keyboard(page, site, "t3")
        page.get_by_role("link", name="Team roster").first.click()
        assert "4:00 of 105:00" in page.locator("#toil-line").inner_text()


def test_a_toil_balance_shown_and_capped_in_a_browser(page: Any, web: Web) -> None:
    """Chloe (T3) holds 103 h 20 of time off in lieu, 1 h 40 under her cap of 105 h: the page shows
    both, and her volunteering for a 4-hour open shift is refused with TIME_OFF_IN_LIEU's message."""
    publish_short(web, toil=b"employee_id,minutes\nT3,6200\n")
    with LiveServer(web.app) as server:
        sign_in_with_the_keyboard(page, server.url, "t3")
        page.get_by_role("link", name="Open shifts").first.click()
        balance = page.locator("#toil-balance").inner_text()
        assert "103:20" in balance and "105:00" in balance and "1:40 more" in balance
        page.get_by_role("button", name="Volunteer for Wed 06 Jan 10:30-14:30 (revenues)").click()
        alert = page.get_by_role("alert")
        alert.filter(has_text="Working this shift would break a rule").wait_for()
        assert "TIME_OFF_IN_LIEU (Chloe Evans (T3), Wed 06 Jan)" in alert.inner_text()
        assert "over the cap of 105 h" in alert.inner_text()


def test_a_council_solves_on_a_cluster_across_two_server_processes_in_a_browser(
    browser: Any, tmp_path: Path, dask_cluster: str
) -> None:
    """Two `roster web` processes over one store, one Dask cluster (a scheduler and `roster worker`):
    the coordinator of two teams solves both on the first process, and the first team's next period
    too, which waits for its team's solve to end (a team's solves run one at a time); the manager,
    on the second process, watches the first team's solve and stops it (its best roster kept), and
    the worker running the second team's is killed with SIGKILL: the job runs again on the other
    worker and ends."""
    import os
    import signal
    import time

    from roster.store import jobs as kept
    from roster.store import open_store
    from roster.web.demo import setup_demo
    from roster.workflow.periods import open_period
    from servers import server, tiny_as

    db = f"sqlite:///{tmp_path / 'roster.db'}"
    with open_store(db) as store:
        periods = [
            setup_demo(store, TINY).period,
            setup_demo(store, tiny_as(tmp_path, "Second Desk", "2027-01-04")).period,
            open_period(store, tiny_as(tmp_path, "Tiny Contact Desk", "2027-01-25"), "test"),
        ]

    def job(period: int) -> kept.JobInfo:
        with open_store(db) as store:
            found = kept.period_job(store, period)
        assert found is not None
        return found

    def tab() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        context.set_default_timeout(60_000)
        return context.new_page()

    def sign_in(page: Any, site: str, who: str) -> None:
        page.goto(f"{site}/sign-in")
        page.get_by_label("User name").fill(who)
        page.get_by_label("Password").fill("roster-demo")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Your teams").wait_for()  # in two teams: the list of them

    address = dask_cluster
    with (
        server(db, tmp_path, "--cluster", address) as (_, first),
        server(db, tmp_path, "--cluster", address) as (_, second),
    ):
        coordinator, manager = tab(), tab()
        sign_in(coordinator, first, "coordinator")
        for p in periods:
            coordinator.goto(f"{first}/teams/{p.team_id}/periods/{p.id}")
            coordinator.get_by_role("button", name="Close for wishes").click()
            coordinator.get_by_role("button", name="Solve the roster").click()
            coordinator.get_by_text("Solving").first.wait_for()
        one, two, three = periods
        assert job(three.id).state == "queued"  # its team's first solve runs: it waits
        sign_in(manager, second, "manager")
        manager.goto(f"{second}/teams/{one.team_id}/periods/{one.id}")
        manager.locator("#progress code.line").filter(has_text=re.compile(r"best [\d,]+")).wait_for(
            timeout=120_000
        )
        manager.get_by_role("button", name="Stop and keep the best roster so far").click()
        manager.get_by_role("link", name=re.compile(r"Review v\d+")).wait_for(timeout=120_000)
        assert "stopped by Ayesha Khan (manager)" in manager.locator("#progress").inner_text()
        while job(three.id).objective is None:  # the team's next solve starts once the first ends
            time.sleep(0.3)
        with open_store(db) as store:
            kept.request_cancel(store, three.id, "test")
        # the second team's worker dies mid-solve: the job runs again on the other
        while (victim := job(two.id)).objective is None:
            time.sleep(0.3)
        os.kill(int(victim.owner.split(":")[1]), signal.SIGKILL)
        manager.goto(f"{second}/teams/{two.team_id}/periods/{two.id}")
        deadline = time.monotonic() + 180
        while not ((again := job(two.id)).attempts == 2 and again.objective is not None):
            assert time.monotonic() < deadline, again
            time.sleep(0.3)
        manager.reload()
        manager.get_by_role("button", name="Stop and keep the best roster so far").click()
        manager.get_by_role("link", name=re.compile(r"Review v\d+")).wait_for(timeout=120_000)
    ended = [job(p.id) for p in periods]
    assert [(j.state, j.attempts) for j in ended] == [("done", 1), ("done", 2), ("done", 1)]
