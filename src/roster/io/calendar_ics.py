"""A person's roster as an iCalendar file (RFC 5545), through the ``icalendar`` package.

One event per shift, in the service's time zone (with its VTIMEZONE), the break in the
description. Each event's UID is stable (team, person and date), and its SEQUENCE is the
roster version's number, so publishing a later version of the same roster updates a
subscribed calendar's events instead of adding new ones; a shift no longer rostered is
gone from the file, which a subscription re-reads whole.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from roster.domain import Roster, Scenario

PRODID = "-//roster//self-rostering//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team"


def event_uid(team: str, employee_id: str, day: dt.date) -> str:
    """The stable UID of a person's shift on a date (the same in every published version)."""
    return f"{_slug(team)}-{_slug(employee_id)}-{day.isoformat()}@roster"


def person_calendar(
    scenario: Scenario, roster: Roster, employee_id: str, *, sequence: int, stamp: dt.datetime
) -> bytes:
    """``employee_id``'s shifts of ``roster`` as an ``.ics`` file; ``sequence``: the version's
    number (higher in a later publication); ``stamp``: when the version was made (DTSTAMP)."""
    svc = scenario.service
    tz = ZoneInfo(svc.timezone)
    name = next((e.name for e in scenario.employees if e.id == employee_id), employee_id)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{svc.name}: {name}")
    cal.add("x-wr-timezone", svc.timezone)
    for s in sorted((s for s in roster.shifts if s.employee_id == employee_id), key=lambda s: s.start):
        ev = Event()
        ev.add("uid", event_uid(svc.name, employee_id, s.date))
        ev.add("sequence", sequence)
        ev.add("dtstamp", stamp.astimezone(dt.UTC))
        ev.add("dtstart", s.start.replace(tzinfo=tz))
        ev.add("dtend", s.end.replace(tzinfo=tz))
        ev.add("summary", f"{svc.name} shift")
        paid = s.paid_minutes
        lines = [f"{s.start:%H:%M}-{s.end:%H:%M}, paid {paid // 60}:{paid % 60:02d}"]
        if s.break_start is not None and s.break_end is not None:
            lines.append(f"Unpaid break {s.break_start:%H:%M}-{s.break_end:%H:%M}")
        ev.add("description", "\n".join(lines))
        ev.add("transp", "OPAQUE")
        cal.add_component(ev)
    first = svc.start_date
    cal.add_missing_timezones(first_date=first.replace(year=first.year - 1, day=1),
                              last_date=first.replace(year=first.year + 2, day=1))
    return bytes(cal.to_ical())
