"""TIME_GRID (hard): shift start, end and break start lie on the slot grid.

docs/rules.md, TIME_GRID: with slot length ``g`` (15 minutes by default),
``start``, ``end`` and ``break_start`` are multiples of ``g`` minutes after
midnight (a time with seconds is off the grid too). One violation per
off-grid time: ``measured`` is the minutes past the previous grid line,
``limit`` is ``g``.
"""

from __future__ import annotations

import datetime as dt

from roster.domain.rules import RuleCode
from roster.timegrid import format_clock
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
