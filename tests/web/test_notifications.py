"""Telling people their published shifts changed: an email through a real SMTP server on loopback
(aiosmtpd), the audit log's account of who was told, the person's own history on their roster
page, and their calendar's SEQUENCE; over the whole ASGI stack on a real store."""

from __future__ import annotations

import dataclasses
import datetime as dt

from icalendar import Calendar

from loopback import free_port
from roster.domain import Roster, Shift
from roster.io.mail import MailSettings
from roster.store import VersionInfo
from roster.web import create_app
from roster.workflow import accept
from roster.workflow.periods import period_files
from web_helpers import SETTINGS, Inbox, Web, post, text

TEAM = "Tiny Contact Desk"
WED = dt.date(2027, 1, 6)


def _shift(employee_id: str, day: dt.date, start: int, end: int) -> Shift:
    at = dt.datetime.combine(day, dt.time())
    return Shift(
        employee_id=employee_id,
        date=day,
        start=at + dt.timedelta(hours=start),
        end=at + dt.timedelta(hours=end),
        break_start=at + dt.timedelta(hours=start + 4),
        break_end=at + dt.timedelta(hours=start + 4, minutes=30),
    )


def _published(web: Web, client: object, roster: Roster, parent: VersionInfo | None = None) -> VersionInfo:
    """``roster`` saved (amending ``parent``), accepted and published from the manager's page."""
    saved = web.store.save(
        TEAM,
        period_files(web.store, web.period_id),
        dt.date(2027, 1, 4),
        3,
        roster,
        actor="test",
        source="amend" if parent else "solve",
        objective=0,
        hard_violations=0,
        parent=(parent.id, web.store.version(parent.id).revision) if parent else None,
    )
    accept(web.store, saved.id, "Manager Test", override_reason="a test roster: cover not checked")
    r = post(client, f"/teams/{web.team_id}/versions/{saved.id}/publish")
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    return web.store.version(saved.id)


def _app(web: Web, port: int) -> Web:
    mail = MailSettings("127.0.0.1", port, "rota@council-test.gov.uk", timeout=5)
    app = create_app(settings=dataclasses.replace(SETTINGS, mail=mail), store=web.store)
    return dataclasses.replace(web, app=app)


def test_a_change_to_a_published_roster_is_emailed_to_each_person_it_moved(
    web: Web, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    web = _app(web, port)
    t1, t2, manager = web.client("t1"), web.client("t2"), web.client("manager")
    # an address that is not one is refused, naming what is wrong; a right one is kept
    r = post(t1, "/account/email", {"email": "asha at council"})
    assert r.status_code == 422 and "not an email address" in text(r.text)  # type: ignore[attr-defined]
    assert post(t1, "/account/email", {"email": "Asha.Patel@Council-Test.gov.uk"}).status_code == 303  # type: ignore[attr-defined]
    assert post(t2, "/account/email", {"email": "ben@council-test.gov.uk"}).status_code == 303  # type: ignore[attr-defined]

    first = Roster(shifts=(_shift("T1", WED, 9, 17), _shift("T2", WED, 9, 17)))
    v1 = _published(web, manager, first)
    assert handler.messages == []  # a first publication changes nobody's published shifts
    # Asha starts an hour later on Wednesday; Chloe (no email address) gains Thursday; Ben unchanged
    second = Roster(
        shifts=(
            _shift("T1", WED, 10, 18),
            _shift("T2", WED, 9, 17),
            _shift("T3", WED + dt.timedelta(days=1), 8, 16),
        )
    )
    v2 = _published(web, manager, second, parent=v1)

    assert len(handler.messages) == 1
    letter = handler.messages[0]
    assert letter["To"] == "Asha Patel <Asha.Patel@council-test.gov.uk>"
    assert letter["From"] == "rota@council-test.gov.uk"
    assert letter["Subject"].strip() == f"Your shifts in {TEAM}'s roster from 04 Jan 2027 have changed"
    body = letter.get_content()
    assert (
        "Wed 06 Jan: 09:00-17:00 (break 13:00-13:30) -> 10:00-18:00 (break 14:00-14:30)" in body
        and f"({v2.label}, by" in body
    )
    assert f"http://testserver/teams/{web.team_id}/roster" in body
    # the audit log says who was told and who was not, and why
    [event] = [e for e in web.store.events(version_id=v2.id) if e.action == "notify"]
    assert event.detail == (
        f"shifts changed since {v1.label} for 2 people; emailed T1; not emailed: T3 (no email address)"
    )
    # the person's own history on the roster page, and the calendar follows (SEQUENCE: the version)
    words = text(t1.get(f"/teams/{web.team_id}/roster").text)
    assert (
        "Changes to your shifts" in words
        and "Wed 06 Jan: 09:00-17:00 (break 13:00-13:30) -> 10:00-18:00 (break 14:00-14:30)" in words
    )
    assert "None since this roster was first published" in text(t2.get(f"/teams/{web.team_id}/roster").text)
    ics = Calendar.from_ical(t1.get(f"/teams/{web.team_id}/calendar.ics").content)
    [event_wed] = [e for e in ics.walk("VEVENT")]
    assert int(event_wed["SEQUENCE"]) == v2.id and event_wed.decoded("DTSTART").hour == 10


def test_a_mail_server_that_cannot_be_reached_never_undoes_the_publication(web: Web) -> None:
    web = _app(web, free_port())  # nothing listens there
    t1, manager = web.client("t1"), web.client("manager")
    assert post(t1, "/account/email", {"email": "asha@council-test.gov.uk"}).status_code == 303  # type: ignore[attr-defined]
    v1 = _published(web, manager, Roster(shifts=(_shift("T1", WED, 9, 17),)))
    v2 = _published(web, manager, Roster(shifts=(_shift("T1", WED, 12, 20),)), parent=v1)
    assert web.store.version(v2.id).status == "accepted"
    [event] = [e for e in web.store.events(version_id=v2.id) if e.action == "notify"]
    assert (
        "not emailed: T1: the mail server 127.0.0.1:" in event.detail and "could not be used" in event.detail
    )
    assert "12:00-20:00" in text(t1.get(f"/teams/{web.team_id}/roster").text)


def test_without_a_mail_server_the_audit_log_says_nobody_was_emailed(web: Web) -> None:
    manager = web.client("manager")
    v1 = _published(web, manager, Roster(shifts=(_shift("T2", WED, 9, 17),)))
    v2 = _published(web, manager, Roster(), parent=v1)
    [event] = [e for e in web.store.events(version_id=v2.id) if e.action == "notify"]
    assert event.detail == f"shifts changed since {v1.label} for 1 person; not emailed: T2 (no mail server)"
