"""TIME_GRID (hard): shift start, end and break start lie on the slot grid, at times that exist once.

docs/rules.md, TIME_GRID: with slot length ``g`` (15 minutes by default),
``start``, ``end`` and ``break_start`` are multiples of ``g`` minutes after
midnight (a time with seconds is off the grid too). One violation per
off-grid time: ``measured`` is the minutes past the previous grid line,
``limit`` is ``g``.

Clock changes (Europe/London): no start, end, break start or break end lies
strictly inside the hour the clocks skip (01:00-02:00 on the last Sunday of
March: such a time does not exist) or repeat (01:00-02:00 on the last Sunday
of October: such a time happens twice, and which one is meant cannot be
told). One violation per such time: ``measured`` is the minutes into the
hour, ``limit`` is 0. The hour's own ends (01:00, 02:00) are ordinary times.
"""

from __future__ import annotations

import datetime as dt

from roster.domain.rules import RuleCode
from roster.timegrid import MINUTES_PER_DAY, changed_hour_at, format_clock
from roster.validation.context import Context
from roster.validation.violation import Violation

RULE = RuleCode.TIME_GRID


def _off_grid(moment: dt.datetime, minute: int, g: int) -> int | None:
    """Minutes past the previous grid line, or ``None`` when on the grid."""
    if moment.second or moment.microsecond or minute % g:
        return minute % g
    return None


def check_grid(ctx: Context) -> list[Violation]:
    g = ctx.scenario.service.slot_minutes
    out: list[Violation] = []
    for v in ctx.shifts:
        points: list[tuple[str, dt.datetime, int]] = [
            ("starts", v.shift.start, v.start),
            ("ends", v.shift.end, v.end),
        ]
        if v.shift.break_start is not None and v.break_start is not None:
            points.append(("has a break starting", v.shift.break_start, v.break_start))
        if v.shift.break_end is not None and v.break_end is not None:
            out += _changed(v.employee_id, v.date, v.label, "has a break ending", v.break_end)
        for verb, _, minute in points:
            out += _changed(v.employee_id, v.date, v.label, verb, minute)
        for verb, moment, minute in points:
            off = _off_grid(moment, minute, g)
            if off is None:
                continue
            shown = moment.strftime("%H:%M:%S") if moment.second else format_clock(minute)
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=v.employee_id,
                    date=v.date,
                    time=v.label,
                    measured=off,
                    limit=g,
                    message=(
                        f"{v.employee_id} {verb} at {shown} on {v.date}; times must be on the {g}-minute grid"
                    ),
                )
            )
    return out


def _changed(who: str, day: dt.date, label: str, verb: str, minute: int) -> list[Violation]:
    """A violation when ``minute`` of ``day`` lies strictly inside an hour the clocks skip or repeat."""
    change = changed_hour_at(day, minute)
    if change is None:
        return []
    when = "does not exist" if not change.repeated else "happens twice"
    return [
        Violation(
            rule=RULE,
            hard=True,
            employee_id=who,
            date=day,
            time=label,
            measured=minute % MINUTES_PER_DAY - change.start,
            limit=0,
            message=(
                f"{who} {verb} at {format_clock(minute % MINUTES_PER_DAY)} on {change.day}, "
                f"a time that {when} "
                f"({change.what}); a shift or break may start or end at {format_clock(change.start)} "
                f"or {format_clock(change.end)} but not inside that hour"
            ),
        )
    ]
