"""Accounts on the page: one's own new password, a manager's one-time link to set one, and a new
calendar address, each over the whole ASGI stack (guard, CSRF, sessions) on a real store."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import update

from roster.store import people as accounts
from roster.store.schema import ResetLinkRow
from roster.web.auth import MAX_FAILURES_PER_NAME
from web_helpers import DEMO_PASSWORD, OTHER_TEAM, Web, csrf, post, sign_in, text

NEW = "correct horse battery"


def _user_id(web: Web, username: str) -> int:
    found = accounts.credentials(web.store, username)
    assert found is not None
    return found[0].id


def _change(client: object, current: str, new: str, repeat: str | None = None) -> object:
    return post(
        client,
        "/account/password",
        {"current": current, "new": new, "repeat": new if repeat is None else repeat},
    )


def test_a_person_changes_their_own_password_and_other_devices_are_signed_out(web_on_both: Web) -> None:
    web = web_on_both
    laptop, phone = web.client("t1"), web.client("t1")
    home = f"/teams/{web.team_id}"
    r = _change(laptop, DEMO_PASSWORD, NEW)
    assert r.status_code == 303 and r.headers["location"] == "/account?done=password"  # type: ignore[attr-defined]
    assert "Your new password is set" in text(laptop.get("/account?done=password").text)
    assert laptop.get(home).status_code == 200  # still signed in here
    r = phone.get(home)
    assert r.status_code == 303 and r.headers["location"].startswith("/sign-in")  # the other device is out
    assert accounts.sessions_of(web.store, _user_id(web, "t1")) == 1
    fresh = web.client()
    fresh.get("/sign-in")
    old = fresh.post("/sign-in", data={"username": "t1", "password": DEMO_PASSWORD, "csrftoken": csrf(fresh)})
    assert old.status_code == 401
    sign_in(fresh, "t1", NEW)


def test_a_new_password_that_cannot_be_used_is_refused_and_nothing_changes(web: Web) -> None:
    t1 = web.client("t1")
    cases = [
        (DEMO_PASSWORD, "short", None, "8 to 200 characters"),
        (DEMO_PASSWORD, NEW, NEW + "x", "not the same"),
        (DEMO_PASSWORD, "  T1    ", None, "cannot be your user name"),
        ("wrong-password", NEW, None, "current password is not right"),
    ]
    for current, new, repeat, says in cases:
        r = _change(t1, current, new, repeat)
        assert r.status_code == 422, (new, r.status_code)  # type: ignore[attr-defined]
        assert says in text(r.text) and "Not changed" in text(r.text)  # type: ignore[attr-defined]
    sign_in(web.client(), "t1", DEMO_PASSWORD)  # the old password still works


def test_guessing_the_current_password_counts_as_failed_sign_ins(web: Web) -> None:
    """A session left open on a shared computer cannot be used to try passwords without limit."""
    t1 = web.client("t1")
    for _ in range(MAX_FAILURES_PER_NAME):
        assert _change(t1, "a wrong guess", NEW).status_code == 422  # type: ignore[attr-defined]
    r = _change(t1, DEMO_PASSWORD, NEW)
    assert r.status_code == 429 and r.headers["Retry-After"]  # type: ignore[attr-defined]
    assert "Too many failed sign-ins" in text(r.text)  # type: ignore[attr-defined]
    fresh = web.client()
    fresh.get("/sign-in")
    r = fresh.post("/sign-in", data={"username": "t1", "password": DEMO_PASSWORD, "csrftoken": csrf(fresh)})
    assert r.status_code == 429  # the same count as the sign-in form's


def _link(web: Web, manager: object, username: str) -> str:
    r = post(manager, f"/teams/{web.team_id}/people/{_user_id(web, username)}/reset-link")
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    found = re.search(r'id="link" readonly value="([^"]+)"', r.text)  # type: ignore[attr-defined]
    assert found is not None
    return found.group(1).removeprefix("http://testserver")


def test_a_managers_one_time_link_sets_a_new_password_once(web_on_both: Web) -> None:
    web = web_on_both
    manager, t1_phone = web.client("manager"), web.client("t1")
    page = manager.get(f"/teams/{web.team_id}/people")
    assert page.status_code == 200 and "t1" in text(page.text)
    first = _link(web, manager, "t1")
    link = _link(web, manager, "t1")  # a second link ends the first
    assert web.client().get(first).status_code == 404
    anonymous = web.client()
    r = anonymous.get(link)
    assert r.status_code == 200 and r.headers["Referrer-Policy"] == "no-referrer"
    r = post(anonymous, link, {"new": NEW, "repeat": NEW + "?"})
    assert r.status_code == 422 and "not the same" in text(r.text)  # type: ignore[attr-defined]
    r = post(anonymous, link, {"new": NEW, "repeat": NEW})
    assert r.status_code == 200 and "is set" in text(r.text)  # type: ignore[attr-defined]
    # used: it opens nothing again, and the person's sessions ended with the old password
    assert web.client().get(link).status_code == 404
    r = post(web.client(), link, {"new": "another password", "repeat": "another password"})
    assert r.status_code == 404 and "Ask your manager for a new link" in text(r.text)  # type: ignore[attr-defined]
    assert t1_phone.get(f"/teams/{web.team_id}").status_code == 303
    sign_in(web.client(), "t1", NEW)
    # the audit log says who made the links, and never holds a link
    events = [e for e in web.store.events() if e.action == "reset-link"]
    assert len(events) == 2 and all("Tiny" not in e.actor and "(manager)" in e.actor for e in events)
    token = link.rsplit("/", 1)[1]
    assert all(token not in e.detail for e in web.store.events())
    assert "t1" in text(manager.get(f"/teams/{web.team_id}/log").text)


def test_an_expired_link_opens_nothing(web: Web) -> None:
    link = _link(web, web.client("manager"), "t2")
    with web.store.transaction() as s:
        s.execute(update(ResetLinkRow).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    assert web.client().get(link).status_code == 404
    r = post(web.client(), link, {"new": NEW, "repeat": NEW})
    assert r.status_code == 404  # type: ignore[attr-defined]
    sign_in(web.client(), "t2", DEMO_PASSWORD)


def test_who_may_make_a_link_for_whom(web: Web) -> None:
    manager, coordinator = web.client("manager"), web.client("coordinator")
    t = f"/teams/{web.team_id}/people"
    # a coordinator is not a manager; staff neither
    assert coordinator.get(t).status_code == 403
    assert post(coordinator, f"{t}/{_user_id(web, 't1')}/reset-link").status_code == 403  # type: ignore[attr-defined]
    # another team's person is not found, like an id that does not exist
    assert post(manager, f"{t}/{_user_id(web, 'o1')}/reset-link").status_code == 404  # type: ignore[attr-defined]
    assert post(manager, f"{t}/999999/reset-link").status_code == 404  # type: ignore[attr-defined]
    # oneself: change it on the account page
    r = post(manager, f"{t}/{_user_id(web, 'manager')}/reset-link")
    assert r.status_code == 422 and "Your account" in text(r.text)  # type: ignore[attr-defined]
    # a person who also belongs to a team this manager does not manage: whoever runs the server
    accounts.grant(web.store, _user_id(web, "t3"), OTHER_TEAM, "coordinator")
    r = post(manager, f"{t}/{_user_id(web, 't3')}/reset-link")
    assert r.status_code == 403 and OTHER_TEAM in text(r.text)  # type: ignore[attr-defined]
    assert not [e for e in web.store.events() if e.action == "reset-link"]


def test_a_new_calendar_address_ends_the_old_one(web: Web) -> None:
    t1 = web.client("t1")
    page = t1.get("/account")
    old = re.search(r'id="subscribe" readonly value="([^"]+)"', page.text)
    assert old is not None
    old_path = old.group(1).removeprefix("http://testserver")
    assert t1.get(old_path).status_code == 200
    r = post(t1, "/account/calendar")
    assert r.status_code == 303 and r.headers["location"] == "/account?done=calendar"  # type: ignore[attr-defined]
    page = t1.get("/account?done=calendar")
    assert "has a new address" in text(page.text)
    new = re.search(r'id="subscribe" readonly value="([^"]+)"', page.text)
    assert new is not None and new.group(1) != old.group(1)
    assert web.client().get(old_path).status_code == 404
    assert web.client().get(new.group(1).removeprefix("http://testserver")).status_code == 200
    # someone with no shifts has no calendar to show
    assert "Your calendar address" not in text(web.client("manager").get("/account").text)
