"""A tiny hand-checked scenario and roster shared by the report and plotting tests.

One week from Monday 2027-01-04 on the policy defaults (opening Mon-Thu
08:30-17:00, Fri 08:30-16:30; bandwidth 07:00-19:00; 30-minute break over 6 h);
accounting periods of 4 weeks from 2026-12-07, so the week lies in the period
starting 2027-01-04.

People: E1 Ann (advisor, welsh; 37 h), E2 Bob (advisor; 30 h, 60 min banked in
the period starting 2026-12-07, still usable), E3 Cat (advisor; 20 h, annual
leave on Wednesday).

Staffing: Monday advisor min 2 max 2 08:30-17:00, Monday welsh min 1
09:00-17:00, Tuesday advisor min 2 08:30-12:00; no team level.

The hand roster (:func:`hand_roster`)::

    Mon  E1 08:30-16:00 break 12:00   E2 08:30-17:00 break 13:00   E3 10:00-14:00
    Tue  E2 09:00-17:00 break 12:30

gives, slot by slot on Monday, advisors 2 (08:30-10:00), 3 (10:00-12:00),
2 (12:00-12:30, E1 on break), 3 (12:30-13:00), 2 (13:00-13:30, E2 on break),
3 (13:30-14:00), 2 (14:00-16:00), 1 (16:00-17:00); welsh 1 except 12:00-12:30
(E1 on break) and 16:00-17:00 (E1 gone). Tuesday advisors 0 (08:30-09:00), 1
(09:00-12:00). So the shortfalls are:

    Mon 12:00-12:30 welsh     1 short    30 person-minutes
    Mon 16:00-17:00 advisor   1 short    60
    Mon 16:00-17:00 welsh     1 short    60
    Tue 08:30-12:00 advisor   2 short   240 (2 x 30 + 1 x 180)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.domain import (
    AccrualRule,
    Employee,
    Roster,
    Scenario,
    Service,
    Shift,
    SolveResult,
    SolverSettings,
    Weights,
)
from roster.timegrid import parse_clock, to_datetime

MON = dt.date(2027, 1, 4)
TUE = MON + dt.timedelta(days=1)
WED = MON + dt.timedelta(days=2)
THU = MON + dt.timedelta(days=3)
FRI = MON + dt.timedelta(days=4)
FAST = SolverSettings(time_limit=30, workers=2, seed=0, deterministic_time=5)


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def tiny_scenario(**tables: Any) -> Scenario:
    """The tiny scenario; keyword tables replace or add rows (as dicts or models)."""
    fields: dict[str, Any] = {
        "service": Service(
            name="Tiny Contact Centre",
            start_date=MON,
            weeks=1,
            accrual=AccrualRule(anchor=dt.date(2026, 12, 7)),
        ),
        "employees": [
            Employee(id="E1", name="Ann", skills=("advisor", "welsh"), hours_per_week=37),
            Employee(id="E2", name="Bob", skills=("advisor",), hours_per_week=30),
            Employee(id="E3", name="Cat", skills=("advisor",), hours_per_week=20),
        ],
        "staffing": [
            {"day": "mon", "start": "08:30", "end": "17:00", "skill": "advisor", "min": 2, "max": 2},
            {"day": "mon", "start": "09:00", "end": "17:00", "skill": "welsh", "min": 1},
            {"day": "tue", "start": "08:30", "end": "12:00", "skill": "advisor", "min": 2},
        ],
        "leave": [{"employee_id": "E3", "start_date": WED, "end_date": WED, "type": "annual_leave"}],
        "banked": [{"employee_id": "E2", "period_start": dt.date(2026, 12, 7), "minutes": 60}],
    }
    fields.update(tables)
    return Scenario.model_validate(fields)


def shift(emp: str, d: int, start: str, end: str, brk: str | None = None) -> Shift:
    date = day(d)
    fields: dict[str, Any] = {
        "employee_id": emp,
        "date": date,
        "start": to_datetime(date, parse_clock(start, allow_next_day=True)),
        "end": to_datetime(date, parse_clock(end, allow_next_day=True)),
    }
    if brk is not None:
        b = parse_clock(brk)
        fields["break_start"] = to_datetime(date, b)
        fields["break_end"] = to_datetime(date, b + 30)
    return Shift.model_validate(fields)


def hand_roster() -> Roster:
    return Roster(
        shifts=(
            shift("E1", 0, "08:30", "16:00", "12:00"),
            shift("E2", 0, "08:30", "17:00", "13:00"),
            shift("E2", 1, "09:00", "17:00", "12:30"),
            shift("E3", 0, "10:00", "14:00"),
        )
    )


def hand_result(scenario: Scenario, roster: Roster | None = None, status: str = "FEASIBLE") -> SolveResult:
    """A SolveResult around a hand roster (no solver), for report tests."""
    return SolveResult(
        status=status,
        raw_status=2 if status == "FEASIBLE" else 3,
        objective=123 if status == "FEASIBLE" else None,
        best_bound=100.0 if status == "FEASIBLE" else None,
        wall_time=0.5,
        settings=FAST,
        weights=Weights(),
        scenario_hash=scenario.content_hash(),
        roster=(roster or hand_roster()) if status == "FEASIBLE" else Roster(),
    )
