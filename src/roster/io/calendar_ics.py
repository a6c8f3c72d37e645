"""A person's roster as an iCalendar file (RFC 5545), through the ``icalendar`` package.

One event per shift, in the service's time zone (with its VTIMEZONE), the break in the
description. Each event's UID is stable (team, person and date), and its SEQUENCE is the
roster version's number, so publishing a later version of the same roster updates a
subscribed calendar's events instead of adding new ones; a shift no longer rostered is
gone from the file, which a subscription re-reads whole.

:func:`year_calendar` is a person's year (the year planner's periods) in one file: the same
shift events, with the same UIDs, plus all-day events for leave and for the closures the
person does not work (POLICY: yearly calendars "to accurately deduct annual leave").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from roster.domain import Roster, Scenario, Shift
from roster.domain.year_days import LEAVE_NAMES, Period, YearDay, year_days
from roster.timegrid import to_datetime

PRODID = "-//roster//self-rostering//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team"


def event_uid(team: str, employee_id: str, day: dt.date) -> str:
    """The stable UID of a person's shift on a date (the same in every published version)."""
    return f"{_slug(team)}-{_slug(employee_id)}-{day.isoformat()}@roster"


def _calendar(name: str, timezone: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone)
    return cal


def _event(
    uid: str,
    sequence: int,
    stamp: dt.datetime,
    summary: str,
    start: dt.date,
    end: dt.date,
    description: str,
    *,
    busy: bool,
) -> Event:
    """An event from ``start`` to ``end`` (datetimes: timed; dates: all day, ``end`` exclusive)."""
    ev = Event()
    ev.add("uid", uid)
    ev.add("sequence", sequence)
    ev.add("dtstamp", stamp.astimezone(dt.UTC))
    ev.add("dtstart", start)
    ev.add("dtend", end)
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("transp", "OPAQUE" if busy else "TRANSPARENT")
    return ev


def _shift_event(team: str, tz: ZoneInfo, s: Shift, sequence: int, stamp: dt.datetime) -> Event:
    """A shift's event: its times, paid time and break in the description; UID :func:`event_uid`."""
    paid = s.paid_minutes
    lines = [f"{s.start:%H:%M}-{s.end:%H:%M}, paid {paid // 60}:{paid % 60:02d}"]
    if s.break_start is not None and s.break_end is not None:
        lines.append(f"Unpaid break {s.break_start:%H:%M}-{s.break_end:%H:%M}")
    return _event(
        event_uid(team, s.employee_id, s.date),
        sequence,
        stamp,
        f"{team} shift",
        s.start.replace(tzinfo=tz),
        s.end.replace(tzinfo=tz),
        "\n".join(lines),
        busy=True,
    )


def _ical(cal: Calendar, first: dt.date, last: dt.date) -> bytes:
    """``cal`` as bytes, with the VTIMEZONE its events need from a year before ``first`` on."""
    cal.add_missing_timezones(
        first_date=first.replace(year=first.year - 1, day=1),
        last_date=last.replace(year=last.year + 2, day=1),
    )
    return bytes(cal.to_ical())


def person_calendar(
    scenario: Scenario, roster: Roster, employee_id: str, *, sequence: int, stamp: dt.datetime
) -> bytes:
    """``employee_id``'s shifts of ``roster`` as an ``.ics`` file; ``sequence``: the version's
    number (higher in a later publication); ``stamp``: when the version was made (DTSTAMP)."""
    svc = scenario.service
    tz = ZoneInfo(svc.timezone)
    name = next((e.name for e in scenario.employees if e.id == employee_id), employee_id)
    cal = _calendar(f"{svc.name}: {name}", svc.timezone)
    for s in sorted((s for s in roster.shifts if s.employee_id == employee_id), key=lambda s: s.start):
        cal.add_component(_shift_event(svc.name, tz, s, sequence, stamp))
    first = svc.start_date
    return _ical(cal, first, first)


def merged_calendar(
    parts: Sequence[tuple[Scenario, Roster, str, int, dt.datetime]],
    name: str,
    timezone: str = "Europe/London",
) -> bytes:
    """One person's shifts from several published rosters (each: scenario, roster, the person's
    id, the version's number as SEQUENCE, when it was made) as one ``.ics`` file (a calendar
    subscription): the events are those :func:`person_calendar` writes, with the same UIDs."""
    tz_name = parts[0][0].service.timezone if parts else timezone
    cal = _calendar(name, tz_name)
    first: dt.date | None = None
    last: dt.date | None = None
    for scenario, roster, employee_id, sequence, stamp in parts:
        svc = scenario.service
        tz = ZoneInfo(svc.timezone)
        for s in sorted((s for s in roster.shifts if s.employee_id == employee_id), key=lambda s: s.start):
            cal.add_component(_shift_event(svc.name, tz, s, sequence, stamp))
        first = svc.start_date if first is None else min(first, svc.start_date)
        last = svc.days[-1] if last is None else max(last, svc.days[-1])
    if first is None or last is None:
        return bytes(cal.to_ical())
    return _ical(cal, first, last)


def _runs(days: Sequence[YearDay]) -> list[list[YearDay]]:
    """Whole-day leave as runs of consecutive dates of one leave type (across period edges)."""
    runs: list[list[YearDay]] = []
    for d in days:
        if d.kind != "leave":
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and last.leave_type == d.leave_type and d.date - last.date == dt.timedelta(1):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def year_calendar(
    periods: Sequence[Period], employee_id: str, *, stamp: dt.datetime, sequence: int = 0
) -> bytes:
    """``employee_id``'s year as one ``.ics`` file: every shift of ``periods``, and their leave and
    closures as the yearly calendar reads them (:func:`roster.domain.year_days.year_days`).

    * each shift as :func:`person_calendar` writes it, with the same UID, so the year's file
      and a period's file describe one event the same way;
    * whole-day leave as one all-day event per run of dates of one type (leave cut at a
      period's edge is joined up again; a closed date inside it breaks it, being no leave day);
    * part-day leave as a timed event;
    * a bank holiday or closure the person does not work as an all-day event.

    ``stamp``: when the calendar was made (DTSTAMP); ``sequence``: its version (SEQUENCE)."""
    days = year_days(periods, employee_id)
    svc = periods[0][0].service
    team = svc.name
    tz = ZoneInfo(svc.timezone)
    name = next((e.name for sc, _ in periods for e in sc.employees if e.id == employee_id), employee_id)
    who = f"{_slug(team)}-{_slug(employee_id)}"
    cal = _calendar(f"{team}: {name}, {days[0].date:%d %b %Y} to {days[-1].date:%d %b %Y}", svc.timezone)
    for sc, roster in periods:
        mine = sorted((s for s in roster.shifts if s.employee_id == employee_id), key=lambda s: s.start)
        for s in mine:
            cal.add_component(_shift_event(sc.service.name, tz, s, sequence, stamp))
    for run in _runs(days):
        first, last = run[0].date, run[-1].date
        taken = [d for d in run if d.working_day]
        credit = sum(d.credit_minutes for d in run)
        what = f"{len(taken)} working day{'s' if len(taken) != 1 else ''}, {credit // 60}:{credit % 60:02d}"
        cal.add_component(
            _event(
                f"{who}-leave-{first.isoformat()}@roster",
                sequence,
                stamp,
                run[0].text,
                first,
                last + dt.timedelta(1),
                what,
                busy=True,
            )
        )
    for d in days:
        if d.kind == "part_leave":
            for lv in d.leave:
                if lv.start is None or lv.end is None:
                    continue
                start = to_datetime(d.date, lv.start).replace(tzinfo=tz)
                end = to_datetime(d.date, lv.end).replace(tzinfo=tz)
                cal.add_component(
                    _event(
                        f"{who}-leave-{start:%Y-%m-%dT%H%M}@roster",
                        sequence,
                        stamp,
                        f"{LEAVE_NAMES[lv.type]} (part day)",
                        start,
                        end,
                        d.text,
                        busy=True,
                    )
                )
        elif d.kind in ("bank_holiday", "closed"):
            summary = f"Bank holiday: {d.text}" if d.kind == "bank_holiday" else d.text
            cal.add_component(
                _event(
                    f"{who}-closed-{d.date.isoformat()}@roster",
                    sequence,
                    stamp,
                    summary,
                    d.date,
                    d.date + dt.timedelta(1),
                    f"{team} closed",
                    busy=False,
                )
            )
    return _ical(cal, days[0].date, days[-1].date)
