"""Open shifts: the hours a roster leaves short of minimum cover, as shifts the team may volunteer for.

Each range of the roster short of a minimum (:func:`roster.reports.shortfalls`: a date, a skill or
the whole team, the most people short) becomes an open shift with that many places. Its times are
the range's, lengthened to the shortest shift the service allows (later, then earlier, inside the
date's bandwidth) or cut into pieces no longer than the longest; a shift long enough to need a
break gets one in its middle, on the slot grid. The workflow (:mod:`roster.workflow.open_shifts`)
checks and grants volunteers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import ExtraShift, Roster, Scenario
from roster.reports.cover import shortfalls
from roster.timegrid import format_clock, parse_clock


@dataclass(frozen=True)
class OpenShift:
    """Hours of a published roster short of minimum cover, offered as a shift."""

    date: dt.date
    start: int
    end: int
    skill: str
    """The skill short, or ``team`` for the whole team's minimum."""
    places: int
    """The most people short in any slot of it."""
    break_start: int | None = None

    @property
    def key(self) -> tuple[dt.date, int, int, str]:
        return (self.date, self.start, self.end, self.skill)

    @property
    def times(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"

    @property
    def label(self) -> str:
        who = "anyone" if self.skill == "team" else self.skill
        return f"{self.date:%a %d %b} {self.times} ({who})"

    def as_extra(self, employee_id: str) -> ExtraShift:
        return ExtraShift(
            employee_id=employee_id,
            date=self.date,
            start=self.start,
            end=self.end,
            break_start=self.break_start,
        )


def _pieces(sc: Scenario, day: dt.date, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` as shifts the service allows: lengthened to its shortest shift inside the
    bandwidth, or cut into pieces no longer than its longest."""
    svc = sc.service
    lo, hi = svc.shift_length.min_minutes, svc.shift_length.max_minutes
    band = svc.bandwidth_on(day)
    first, last = (band.start, band.end) if band is not None else (start, end)
    out: list[tuple[int, int]] = []
    while end - start > hi:
        out.append((start, start + hi))
        start += hi
    if end - start < lo:
        end = min(last, start + lo)
        start = max(first, end - lo)
    out.append((start, end))
    return out


def _break_start(sc: Scenario, start: int, end: int) -> int | None:
    rule, g = sc.service.breaks, sc.service.slot_minutes
    if end - start <= rule.threshold_minutes:
        return None
    middle = start + (end - start - rule.break_minutes) // 2
    return middle - (middle - start) % g


def _spans(ranges: list[tuple[int, int, int]], longest: int) -> list[tuple[int, int, int]]:
    """Short ranges (start, end, people) merged, in time order, while one shift could span them."""
    out: list[tuple[int, int, int]] = []
    for a, b, n in sorted(ranges):
        if out and b - out[-1][0] <= longest:
            first, _, most = out[-1]
            out[-1] = (first, b, max(most, n))
        else:
            out.append((a, b, n))
    return out


def open_shifts(scenario: Scenario, roster: Roster) -> list[OpenShift]:
    """The open shifts of ``roster``, by date and time.

    Per date, each skill's short ranges are merged while one shift could span them (at most the
    longest shift), then made shifts the service allows (:func:`_pieces`); a short range of the whole
    team's minimum that lies inside a skill's open shift is left to it (whoever works that shift
    counts toward the team too), and the rest are merged and made shifts the same way.
    """
    longest = scenario.service.shift_length.max_minutes
    by_day: dict[tuple[dt.date, str], list[tuple[int, int, int]]] = {}
    for gap in shortfalls(scenario, roster).to_dict("records"):
        a, b = parse_clock(gap["from"]), parse_clock(gap["to"], allow_next_day=True)
        by_day.setdefault((gap["date"], gap["skill"]), []).append((a, b, int(gap["people_short"])))
    out: list[OpenShift] = []
    for day in sorted({d for d, _ in by_day}):
        skills = sorted(k for d, k in by_day if d == day and k != "team")
        for skill in [*skills, "team"]:
            ranges = by_day.get((day, skill), [])
            if skill == "team":
                taken = [(o.start, o.end) for o in out if o.date == day]
                ranges = [r for r in ranges if not any(s <= r[0] and r[1] <= e for s, e in taken)]
            for a, b, n in _spans(ranges, longest):
                for start, end in _pieces(scenario, day, a, b):
                    out.append(OpenShift(day, start, end, skill, n, _break_start(scenario, start, end)))
    return sorted(out, key=lambda o: (o.date, o.start, o.skill))


def _name(scenario: Scenario, employee_id: str) -> str:
    found = next((e for e in scenario.employees if e.id == employee_id), None)
    return f"{found.name} ({employee_id})" if found is not None else employee_id


def why_not_volunteer(scenario: Scenario, roster: Roster, shift: OpenShift, employee_id: str) -> str | None:
    """Why ``employee_id`` may not volunteer for ``shift`` (None: they may)."""
    emp = next((e for e in scenario.employees if e.id == employee_id), None)
    if emp is None:
        return f"{employee_id} is not on this team's roster."
    if emp.pattern != "self":
        return f"{_name(scenario, employee_id)} works a fixed timetable."
    if shift.skill != "team" and shift.skill not in emp.skills:
        return f"{_name(scenario, employee_id)} does not hold {shift.skill}, which the shift is short of."
    if any(s.employee_id == employee_id and s.date == shift.date for s in roster.shifts):
        return f"{_name(scenario, employee_id)} already works on {shift.date:%a %d %b}."
    if any(
        lv.employee_id == employee_id and lv.whole_day and lv.start_date <= shift.date <= lv.end_date
        for lv in scenario.leave
    ):
        return f"{_name(scenario, employee_id)} is away on {shift.date:%a %d %b}."
    return None
