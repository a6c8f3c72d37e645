"""PIN and STABILITY: a roster checked against the solve request it answers (docs/rules.md).

* PIN (hard): every pinned shift is in the roster exactly as pinned (start,
  end, break); no shift on a date pinned off; with ``max_changes`` C, no
  person has more than C shifts added, removed or moved against the base.
* STABILITY (soft), per person and date against the base roster, with ``W``
  the request's ``stability`` and ``S`` its ``shift_weight``: a shift added
  or removed costs ``S``; a shift kept costs ``W x`` the minutes it moved:
  ``|start - base start| + |end - base end|`` plus the break's move
  (``|break start - base break start|``, or the break's length when only one
  of the two has a break).
"""

from __future__ import annotations

import datetime as dt

from roster.domain import Penalty
from roster.domain.request import Pin, SolveRequest
from roster.domain.rules import RuleCode
from roster.timegrid import format_clock, minute_of_day
from roster.validation.context import Context, ShiftView
from roster.validation.text import span
from roster.validation.violation import Violation

PIN = RuleCode.PIN
STABILITY = RuleCode.STABILITY


def _first(ctx: Context) -> dict[tuple[str, dt.date], ShiftView]:
    out: dict[tuple[str, dt.date], ShiftView] = {}
    for v in ctx.shifts:
        out.setdefault((v.employee_id, v.date), v)
    return out


def _times(shift_date: dt.date, start: dt.datetime, end: dt.datetime, brk: dt.datetime | None) -> str:
    text = span(minute_of_day(shift_date, start), minute_of_day(shift_date, end))
    if brk is not None:
        text += f" (break from {format_clock(minute_of_day(shift_date, brk))})"
    return text


def _broken(
    pin: Pin, time: str, message: str, measured: int | None = None, limit: int | None = None
) -> Violation:
    """A PIN violation of ``pin``: the person, the date, the pinned (or rostered) times."""
    return Violation(
        rule=PIN,
        hard=True,
        employee_id=pin.employee_id,
        date=pin.date,
        time=time,
        measured=measured,
        limit=limit,
        message=message,
    )


def check_pins(ctx: Context, request: SolveRequest) -> list[Violation]:
    out: list[Violation] = []
    shifts = _first(ctx)
    for pin in request.pins:
        got = shifts.get((pin.employee_id, pin.date))
        if pin.shift is None:
            if got is not None:
                message = (
                    f"{pin.employee_id} works {span(got.start, got.end)} on {pin.date}, "
                    f"which the manager pinned off ({pin.label})"
                )
                out.append(_broken(pin, span(got.start, got.end), message, got.paid, 0))
            continue
        want = pin.shift
        same = got is not None and (got.shift.start, got.shift.end, got.shift.break_start) == (
            want.start,
            want.end,
            want.break_start,
        )
        if not same:
            wanted = _times(want.date, want.start, want.end, want.break_start)
            found = (
                "no shift"
                if got is None
                else _times(got.date, got.shift.start, got.shift.end, got.shift.break_start)
            )
            time = span(minute_of_day(want.date, want.start), minute_of_day(want.date, want.end))
            message = f"{pin.employee_id} on {pin.date}: pinned {wanted}, rostered {found} ({pin.label})"
            out.append(_broken(pin, time, message))
    if request.max_changes is not None and request.base is not None:
        out += _max_changes(ctx, request, request.max_changes)
    return out


def _differs(base: ShiftView | None, new: ShiftView | None) -> bool:
    if base is None or new is None:
        return (base is None) != (new is None)
    return (base.start, base.end, base.break_start) != (new.start, new.end, new.break_start)


def _base_context(ctx: Context, request: SolveRequest) -> dict[tuple[str, dt.date], ShiftView]:
    from roster.domain import Roster
    from roster.validation.context import build_context

    base = request.base or Roster()
    return _first(build_context(ctx.scenario, base))


def _max_changes(ctx: Context, request: SolveRequest, most: int) -> list[Violation]:
    base = _base_context(ctx, request)
    new = _first(ctx)
    out: list[Violation] = []
    for emp in ctx.scenario.employees:
        changed = [
            d for d in ctx.scenario.service.days if _differs(base.get((emp.id, d)), new.get((emp.id, d)))
        ]
        if len(changed) > most:
            out.append(
                Violation(
                    rule=PIN,
                    hard=True,
                    employee_id=emp.id,
                    measured=len(changed),
                    limit=most,
                    message=f"{emp.id} has {len(changed)} shifts changed against the base roster "
                    f"(from {changed[0]}); at most {most} may change",
                )
            )
    return out


def moved_minutes(base: ShiftView, new: ShiftView) -> int:
    """Minutes ``new`` moved from ``base``: start, end and break (module docstring)."""
    moved = abs(new.start - base.start) + abs(new.end - base.end)
    if base.break_start is not None and new.break_start is not None:
        moved += abs(new.break_start - base.break_start)
    elif base.break_start is not None:
        moved += base.break_minutes
    elif new.break_start is not None:
        moved += new.break_minutes
    return moved


def stability_penalties(ctx: Context, request: SolveRequest) -> list[Penalty]:
    if request.base is None or (not request.stability and not request.shift_weight):
        return []
    base = _base_context(ctx, request)
    new = _first(ctx)
    out: list[Penalty] = []
    for emp in ctx.scenario.employees:
        for day in ctx.scenario.service.days:
            b, n = base.get((emp.id, day)), new.get((emp.id, day))
            if b is None and n is None:
                continue
            if b is None or n is None:
                detail = "shift added" if b is None else "shift removed"
                if request.shift_weight:
                    out.append(
                        Penalty(
                            rule=STABILITY,
                            employee_id=emp.id,
                            date=day,
                            detail=detail,
                            measure=1,
                            weight=request.shift_weight,
                        )
                    )
                continue
            moved = moved_minutes(b, n)
            if moved and request.stability:
                out.append(
                    Penalty(
                        rule=STABILITY,
                        employee_id=emp.id,
                        date=day,
                        detail="minutes moved",
                        measure=moved,
                        weight=request.stability,
                    )
                )
    return out
