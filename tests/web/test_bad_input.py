"""Malformed and hostile input gets a clear error page (or JSON), never a traceback, and nothing is
stored half-done. Each row says what is wrong with it."""

from __future__ import annotations

import pytest

from roster.store.periods import submissions, wishes_of
from web_helpers import Web, a_version, csrf, text

BASE = {
    "revision": "1",
    "d-2027-01-06-kind": "shift",
    "d-2027-01-06-start": "09:00",
    "d-2027-01-06-end": "17:00",
    "d-2027-01-06-strength": "prefer",
}

BAD_FORMS = [
    # a kind the policy does not know
    ({"d-2027-01-06-kind": "overtime"}, 422, "kind"),
    # a strength that is neither prefer nor strong
    ({"d-2027-01-06-strength": "desperately"}, 422, "strength"),
    # a time that is no time of day
    ({"d-2027-01-06-start": "25:99"}, 422, "start"),
    # a script where a time belongs: refused, and shown escaped, never run
    ({"d-2027-01-06-end": "<script>alert(1)</script>"}, 422, "end"),
    # a date that is not in the period (or not a date at all)
    ({"d-2027-13-45-kind": "off"}, 422, "fields this period does not have"),
    ({"d-2027-03-01-kind": "off"}, 422, "fields this period does not have"),
    # a standing wish on a day that is not a weekday
    ({"s-0-weekday": "someday", "s-0-kind": "day_off", "s-0-strength": "prefer"}, 422, "weekday"),
    # a standing wish that needs a time without one
    ({"s-0-weekday": "mon", "s-0-kind": "finish_by", "s-0-strength": "prefer"}, 422, "time"),
    # a form without its revision (not sent by the page)
    ({"revision": ""}, 422, "missing its revision"),
    ({"revision": "1e9"}, 422, "missing its revision"),
]


@pytest.mark.parametrize(("change", "status", "says"), BAD_FORMS)
def test_a_bad_wishes_form_is_refused_whole_with_a_clear_message(
    web: Web, change: dict[str, str], status: int, says: str
) -> None:
    t1 = web.client("t1")
    before = wishes_of(web.store, web.period_id, "T1"), submissions(web.store, web.period_id)["T1"].revision
    r = t1.post(
        f"/teams/{web.team_id}/periods/{web.period_id}/wishes", data={**BASE, **change, "csrftoken": csrf(t1)}
    )
    assert r.status_code == status
    assert says in text(r.text) and "Traceback" not in r.text
    assert "<script>alert(1)</script>" not in r.text  # echoed back escaped, if at all
    after = wishes_of(web.store, web.period_id, "T1"), submissions(web.store, web.period_id)["T1"].revision
    assert after == before


def test_an_oversized_form_is_refused_before_it_is_read(web: Web) -> None:
    t1 = web.client("t1")
    before = wishes_of(web.store, web.period_id, "T1")
    r = t1.post(
        f"/teams/{web.team_id}/periods/{web.period_id}/wishes",
        data={**BASE, "s-0-weekday": "x" * 400_000, "csrftoken": csrf(t1)},
    )
    assert r.status_code == 413 and "too large" in text(r.text)
    assert wishes_of(web.store, web.period_id, "T1") == before


def test_a_form_that_is_not_text_is_refused(web: Web) -> None:
    t1 = web.client("t1")
    r = t1.post(
        f"/teams/{web.team_id}/periods/{web.period_id}/wishes",
        content=b"revision=1&x=\xff\xfe",
        headers={"content-type": "application/x-www-form-urlencoded", "x-csrftoken": csrf(t1)},
    )
    assert r.status_code == 400 and "not UTF-8" in text(r.text)


def test_a_cookie_that_is_not_text_is_no_session_not_an_error(web: Web) -> None:
    """Bytes no browser sends (the test client cannot either): the ASGI app is called directly."""
    import asyncio

    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/sign-in",
        "raw_path": b"/sign-in",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"cookie", b"roster_session=\xff\xfe")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    asyncio.run(web.app(scope, receive, send))  # type: ignore[operator]
    assert sent[0]["status"] == 200


def test_an_uploaded_file_is_refused(web: Web) -> None:
    t1 = web.client("t1")
    r = t1.post(
        f"/teams/{web.team_id}/periods/{web.period_id}/wishes",
        data={"csrftoken": csrf(t1), "revision": "1"},
        files={"f": ("x.csv", b"a,b\n", "text/csv")},
    )
    assert r.status_code == 415 and "takes no files" in text(r.text)


def test_malformed_json_gets_a_json_error(web: Web) -> None:
    t1 = web.client("t1")
    url = f"/api/teams/{web.team_id}/periods/{web.period_id}/wishes/T1"
    r = t1.put(
        url, content=b"{not json", headers={"content-type": "application/json", "x-csrftoken": csrf(t1)}
    )
    assert r.status_code == 422 and r.json()["error"] == "Not understood"
    r = t1.put(
        url,
        json={"revision": 1, "days": [{"date": "x" * 50, "kind": "off"}]},
        headers={"x-csrftoken": csrf(t1)},
    )
    assert r.status_code == 422 and "at most 40 characters" in r.json()["detail"]


def test_an_amendment_of_a_day_outside_the_roster_or_with_a_long_note_is_refused(web: Web) -> None:
    info = a_version(web)
    manager = web.client("manager")
    url = f"/teams/{web.team_id}/versions/{info.id}/amend"
    token = csrf(manager)
    for form, status, says in [
        ({"employee_id": "T1", "date": "2026-12-25", "state": "off"}, 404, "no such person or day"),
        ({"employee_id": "NOPE", "date": "2027-01-06", "state": "off"}, 404, "no such person or day"),
        ({"employee_id": "T1", "date": "06/01/2027", "state": "off"}, 422, "is not a date"),
        (
            {"employee_id": "T1", "date": "2027-01-06", "state": "shift", "start": "9am", "end": "5pm"},
            422,
            "is not a shift",
        ),
        (
            {"employee_id": "T1", "date": "2027-01-06", "state": "off", "note": "n" * 600},
            422,
            "keep it to 500",
        ),
    ]:
        r = manager.post(url, data={**form, "revision": str(info.revision), "csrftoken": token})
        assert r.status_code == status and says in text(r.text), (form, r.status_code, text(r.text)[-300:])
    assert [v.id for v in web.store.versions()] == [info.id]
