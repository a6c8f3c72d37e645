"""FIXED_PATTERN (hard): a ``fixed`` person works exactly the given shifts.

POLICY.md section 6 (compressed and staggered hours; docs/rules.md): a person
with ``pattern=fixed`` works each shift of their timetable (rows of
``fixed_shifts``, or the weeks of a ``compressed`` pattern) exactly as given
(start, end, and a break of ``break_minutes`` from ``break_start`` when
given, no break otherwise), and no other shift.

* A missing fixed shift: ``measured`` = 0, ``limit`` = its length.
* A shift at other times or with another break: ``measured`` = minutes moved
  (``|Δstart| + |Δend|`` plus ``|Δbreak start| + |Δbreak end|``, or the
  length of a break present on one side only), ``limit`` = 0.
* An extra shift on a date with no fixed shift: ``measured`` = its length,
  ``limit`` = 0. Second shifts on one date are ONE_SHIFT's business.

Interpretation: a fixed shift on a date the service is closed (a bank holiday),
on a date of the person's whole-day leave, or on a school holiday of a
term-time-only person is not owed: leave and closures
take precedence over the timetable, as a council would apply them. On such a
date FIXED_PATTERN says nothing; working it anyway is a BANDWIDTH or LEAVE
violation. A fixed shift on an open date without bandwidth is still owed, so
the conflict in the data is reported rather than hidden.
"""

from __future__ import annotations

from roster.domain import FixedShift, Scenario
from roster.domain.rules import RuleCode
from roster.validation.context import Context, ShiftView
from roster.validation.text import duration, span
from roster.validation.violation import Violation

RULE = RuleCode.FIXED_PATTERN


def waived(sc: Scenario, fs: FixedShift) -> bool:
    """True when the fixed shift is not owed: a closed date, the person's whole-day leave,
    or a school holiday of a term-time-only person."""
    if sc.service.is_closed(fs.date):
        return True
    if sc.employee(fs.employee_id).term_time_only and sc.service.is_school_holiday(fs.date):
        return True
    return any(
        lv.employee_id == fs.employee_id and lv.whole_day and lv.start_date <= fs.date <= lv.end_date
        for lv in sc.leave
    )


def _expected_break(sc: Scenario, fs: FixedShift) -> tuple[int, int] | None:
    if fs.break_start is None:
        return None
    return fs.break_start, fs.break_start + sc.service.breaks.break_minutes


def _describe(start: int, end: int, brk: tuple[int, int] | None) -> str:
    return span(start, end) + (f" (break {span(*brk)})" if brk else " (no break)")


def _moved(v: ShiftView, fs: FixedShift, brk: tuple[int, int] | None) -> int:
    moved = abs(v.start - fs.start) + abs(v.end - fs.end)
    mine = None if v.break_start is None or v.break_end is None else (v.break_start, v.break_end)
    if mine is not None and brk is not None:
        moved += abs(mine[0] - brk[0]) + abs(mine[1] - brk[1])
    elif mine is not None:
        moved += mine[1] - mine[0]
    elif brk is not None:
        moved += brk[1] - brk[0]
    return moved


def check_fixed(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    out: list[Violation] = []
    timetable = sc.timetable()
    for emp in sc.employees:
        if emp.pattern != "fixed":
            continue
        given = {fs.date: fs for fs in timetable if fs.employee_id == emp.id}
        mine = ctx.of(emp.id)
        for day in sc.service.days:
            fs = given.get(day)
            worked = [v for v in mine if v.date == day]
            if fs is not None and waived(sc, fs):
                continue
            if fs is None:
                for v in worked:
                    out.append(
                        v.violation(
                            RULE,
                            measured=v.length,
                            limit=0,
                            message=(
                                f"{emp.id} works a fixed pattern with no shift on {day}, "
                                f"but is rostered {v.label}"
                            ),
                        )
                    )
                continue
            brk = _expected_break(sc, fs)
            expected = _describe(fs.start, fs.end, brk)
            if not worked:
                out.append(
                    Violation(
                        rule=RULE,
                        hard=True,
                        employee_id=emp.id,
                        date=day,
                        time=span(fs.start, fs.end),
                        measured=0,
                        limit=fs.end - fs.start,
                        message=f"{emp.id}'s fixed shift {expected} on {day} is missing from the roster",
                    )
                )
                continue
            v = worked[0]
            moved = _moved(v, fs, brk)
            if moved:
                actual = _describe(
                    v.start,
                    v.end,
                    None if v.break_start is None or v.break_end is None else (v.break_start, v.break_end),
                )
                out.append(
                    v.violation(
                        RULE,
                        measured=moved,
                        limit=0,
                        message=(
                            f"{emp.id} is rostered {actual} on {day}; the fixed pattern is {expected} "
                            f"({duration(moved)} moved)"
                        ),
                    )
                )
    return out
