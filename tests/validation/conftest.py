"""Builders for tiny hand-checked scenarios and rosters.

Every test scenario starts on Monday 2027-01-04 (``MON``) and lasts one week
unless a test says otherwise; the service keeps the policy defaults (opening
Mon-Thu 08:30-17:00, Fri 08:30-16:30; bandwidth 07:00-19:00 Mon-Fri; shifts
4 h..10 h; a 30-minute break once a shift is longer than 6 h) and the default
weights (cover_under 1000, cover_over 200, pref_minute 1, pref_day 240,
strong_multiplier 3, fairness_max 1, fairness_base 4, unpopular_max 30,
accrual_minute 1, lapse_minute 5). Times are written ``HH:MM`` as in the
scenario files (``26:00`` is 02:00 the next day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from roster.domain import AccrualRule, Employee, Roster, Scenario, Service, Shift
from roster.timegrid import parse_clock, to_datetime
from roster.validation import Violation

MON = dt.date(2027, 1, 4)
"""The first day of every test roster (a Monday)."""


def day(n: int) -> dt.date:
    """The roster's ``n``-th date: ``day(0)`` is Monday 2027-01-04, ``day(4)`` the Friday."""
    return MON + dt.timedelta(days=n)


def service(**overrides: Any) -> Service:
    """A one-week service on the policy defaults; keyword arguments override fields."""
    fields: dict[str, Any] = {
        "name": "Test Contact Centre",
        "start_date": MON,
        "weeks": 1,
        "accrual": AccrualRule(anchor=MON),
    }
    fields.update(overrides)
    return Service.model_validate(fields)


def employee(id: str, hours: float = 30, **overrides: Any) -> Employee:
    """A self-rostered employee on ``hours`` a week over 5 days, named after the id."""
    fields: dict[str, Any] = {"id": id, "name": f"Person {id}", "hours_per_week": hours}
    fields.update(overrides)
    return Employee.model_validate(fields)


def scenario(employees: list[Employee], svc: Service | None = None, **tables: Any) -> Scenario:
    """A scenario of ``employees`` on ``svc`` (default :func:`service`); tables as keywords.

    Table rows may be dicts (validated like file rows, ``HH:MM`` times allowed).
    """
    return Scenario.model_validate(
        {"service": svc or service(), "employees": employees, **tables},
    )


def shift(
    emp: str, d: int | dt.date, start: str, end: str, brk: str | None = None, brk_len: int = 30
) -> Shift:
    """A shift of ``emp`` on date ``d`` (an index from Monday or a date), ``HH:MM`` times.

    ``brk`` is the break start; the break lasts ``brk_len`` minutes.
    """
    date = day(d) if isinstance(d, int) else d
    fields: dict[str, Any] = {
        "employee_id": emp,
        "date": date,
        "start": to_datetime(date, parse_clock(start, allow_next_day=True)),
        "end": to_datetime(date, parse_clock(end, allow_next_day=True)),
    }
    if brk is not None:
        b = parse_clock(brk, allow_next_day=True)
        fields["break_start"] = to_datetime(date, b)
        fields["break_end"] = to_datetime(date, b + brk_len)
    return Shift.model_validate(fields)


def roster(*shifts: Shift) -> Roster:
    """A roster of the given shifts."""
    return Roster(shifts=shifts)


def weekdays(emp: str, start: str, end: str, brk: str | None = None, days: range = range(5)) -> list[Shift]:
    """The same shift for ``emp`` on each of ``days`` (Monday to Friday by default)."""
    return [shift(emp, d, start, end, brk) for d in days]


Fact = tuple[str, str | None, dt.date | None, int | float | None, int | float | None]


def facts(violations: Iterable[Violation], rule: str | None = None) -> list[Fact]:
    """``(rule, employee_id, date, measured, limit)`` of each violation (of ``rule`` only, if given)."""
    return [
        (v.rule, v.employee_id, v.date, v.measured, v.limit)
        for v in violations
        if rule is None or v.rule == rule
    ]
