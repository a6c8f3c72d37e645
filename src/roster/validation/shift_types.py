"""SHIFT_TYPES (hard): named shifts, successions and per-person limits (docs/rules.md).

A person *works* a date when a shift of theirs is dated that day (a night
shift belongs to the date it starts). Checks, each one violation:

* a self-rostered person's shift in a service with ``shift_types`` has the
  exact times of one type (``measured`` = length, no limit);
* forbidden succession (self-rostered people): type s on date d, then a type in s's ``not_followed_by``
  on d + 1 (on the second shift; ``measured`` 1, ``limit`` 0);
* ``max_shifts``: shifts of a type over the roster (``measured`` count);
* ``min/max_total_minutes``: paid minutes over the roster;
* ``max_consecutive_days``: a run of working dates longer than the limit,
  counting the dates of history.csv worked (hours > 0) just before the roster
  (on the run's last date; ``measured`` its length);
* ``min_consecutive_days`` / ``min_consecutive_days_off``: a maximal run shorter
  than the minimum that touches neither the roster's first nor last date
  (on the run's first date; ``measured`` its length);
* ``max_weekends``: Saturday-Sunday pairs with a shift on either date;
* a shift on a fixed day off (days_off.csv).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from roster.domain import Scenario, ShiftType
from roster.domain.rules import RuleCode
from roster.timegrid import is_weekend, weekend_start
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.SHIFT_TYPES


def _type_of(sc: Scenario, v: ShiftView) -> ShiftType | None:
    for t in sc.service.shift_types:
        if (t.start, t.end) == (v.start, v.end):
            return t
    return None


def _violation(emp_id: str, day: dt.date | None, measured: int, limit: int | None, message: str) -> Violation:
    return Violation(
        rule=RULE, hard=True, employee_id=emp_id, date=day, measured=measured, limit=limit, message=message
    )


def _runs(days: list[dt.date], worked: set[dt.date], value: bool) -> Iterator[tuple[int, int]]:
    """(first index, length) of each maximal run of dates that are worked (``value``) or off."""
    i = 0
    while i < len(days):
        if (days[i] in worked) != value:
            i += 1
            continue
        j = i
        while j < len(days) and (days[j] in worked) == value:
            j += 1
        yield i, j - i
        i = j


def _history_run(sc: Scenario, emp_id: str) -> int:
    worked = {h.date for h in sc.history if h.employee_id == emp_id and h.hours > 0}
    day, n = sc.service.start_date - dt.timedelta(days=1), 0
    while day in worked:
        n, day = n + 1, day - dt.timedelta(days=1)
    return n


def check_shift_types(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    svc = sc.service
    days = svc.days
    out: list[Violation] = []
    for emp in sc.employees:
        mine = ctx.of(emp.id)
        # Types, successions and per-type counts concern self-rostered people: a fixed
        # pattern is placed as given (FIXED_PATTERN), whatever its times.
        typed = {v.date: _type_of(sc, v) for v in mine} if emp.pattern == "self" else {}
        if svc.shift_types and emp.pattern == "self":
            for v in mine:
                if typed[v.date] is None:
                    names = ", ".join(t.label for t in svc.shift_types)
                    out.append(
                        v.violation(
                            RULE,
                            measured=v.length,
                            limit=None,
                            message=f"{emp.id}'s shift {v.label} on {v.date} is none of the types ({names})",
                        )
                    )
        for v in mine:
            s = typed.get(v.date)
            t = typed.get(v.date + dt.timedelta(days=1))
            if s is not None and t is not None and t.id in s.not_followed_by:
                out.append(
                    _violation(
                        emp.id,
                        v.date + dt.timedelta(days=1),
                        1,
                        0,
                        f"{emp.id} works {t.label} on {v.date + dt.timedelta(days=1)} straight after "
                        f"{s.label} on {v.date}; {s.id} may not be followed by {t.id}",
                    )
                )
            if sc.is_day_off(emp.id, v.date):
                out.append(
                    v.violation(
                        RULE, measured=1, limit=0, message=f"{emp.id} works {v.label} on day off {v.date}"
                    )
                )
        lim = sc.limits(emp.id)
        if lim is None:
            continue
        for type_id, most in lim.max_shifts.items():
            n = sum(1 for t in typed.values() if t is not None and t.id == type_id)
            if n > most:
                out.append(
                    _violation(emp.id, None, n, most, f"{emp.id} works {n} {type_id} shifts; at most {most}")
                )
        paid = sum(v.paid for v in mine)
        if lim.min_total_minutes is not None and paid < lim.min_total_minutes:
            out.append(
                _violation(
                    emp.id,
                    None,
                    paid,
                    lim.min_total_minutes,
                    f"{emp.id} works {duration(paid)} paid; at least {duration(lim.min_total_minutes)}",
                )
            )
        if lim.max_total_minutes is not None and paid > lim.max_total_minutes:
            out.append(
                _violation(
                    emp.id,
                    None,
                    paid,
                    lim.max_total_minutes,
                    f"{emp.id} works {duration(paid)} paid; at most {duration(lim.max_total_minutes)}",
                )
            )
        worked = {v.date for v in mine}
        out += _run_checks(sc, emp.id, days, worked)
        if lim.max_weekends is not None:
            weekends = [
                d
                for d in days
                if is_weekend(d)
                and d == weekend_start(d)
                and (d in worked or d + dt.timedelta(days=1) in worked)
            ]
            if len(weekends) > lim.max_weekends:
                out.append(
                    _violation(
                        emp.id,
                        None,
                        len(weekends),
                        lim.max_weekends,
                        f"{emp.id} works {len(weekends)} weekends ({', '.join(str(d) for d in weekends)}); "
                        f"at most {lim.max_weekends}",
                    )
                )
    return out


def _run_checks(sc: Scenario, emp_id: str, days: list[dt.date], worked: set[dt.date]) -> list[Violation]:
    lim = sc.limits(emp_id)
    assert lim is not None
    out: list[Violation] = []
    last = len(days) - 1
    if lim.max_consecutive_days is not None:
        before = _history_run(sc, emp_id)
        for i, n in _runs(days, worked, True):
            length = n + (before if i == 0 else 0)
            if length > lim.max_consecutive_days:
                note = f" (with {before} worked just before the roster)" if i == 0 and before else ""
                out.append(
                    _violation(
                        emp_id,
                        days[i + n - 1],
                        length,
                        lim.max_consecutive_days,
                        f"{emp_id} works {length} days in a row to {days[i + n - 1]}{note}; "
                        f"at most {lim.max_consecutive_days}",
                    )
                )
    for value, least, what in (
        (True, lim.min_consecutive_days, "working days"),
        (False, lim.min_consecutive_days_off, "days off"),
    ):
        if least is None:
            continue
        for i, n in _runs(days, worked, value):
            if i == 0 or i + n - 1 == last or n >= least:
                continue
            out.append(
                _violation(
                    emp_id,
                    days[i],
                    n,
                    least,
                    f"{emp_id} has a run of {n} {what} from {days[i]}; at least {least}",
                )
            )
    return out
