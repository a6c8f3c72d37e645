"""SHIFT_COVER (soft): headcount per shift type and date (docs/rules.md).

For each roster date and each line of shift_cover.csv in force on it (a line
for the date replaces the weekday lines of the same type and skill): ``n`` is
the number of people holding the line's skill (anyone when empty) with a shift
dated that day whose times are exactly the type's; cost
``under_weight x max(0, requirement - n) + over_weight x max(0, n - requirement)``,
weights defaulting to ``shift_cover_under`` / ``shift_cover_over``.
One penalty per nonzero side, on the date, without a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Penalty
from roster.domain.rules import RuleCode
from roster.timegrid import weekday_name
from roster.validation.context import Context

RULE = RuleCode.SHIFT_COVER


@dataclass(frozen=True)
class ShiftCoverRow:
    """How one shift type was staffed on one date against its requirement."""

    date: dt.date
    shift_type: str
    skill: str | None
    requirement: int
    staffed: int
    under_weight: int
    over_weight: int

    @property
    def short(self) -> int:
        return max(0, self.requirement - self.staffed)

    @property
    def over(self) -> int:
        return max(0, self.staffed - self.requirement)


def shift_cover_table(ctx: Context) -> list[ShiftCoverRow]:
    sc = ctx.scenario
    w = sc.weights
    times = {t.id: (t.start, t.end) for t in sc.service.shift_types}
    rows: list[ShiftCoverRow] = []
    for day in sc.service.days:
        iso = day.isoformat()
        lines = [c for c in sc.shift_cover if c.day == iso]
        dated = {(c.shift_type, c.skill) for c in lines}
        lines += [
            c for c in sc.shift_cover if c.day == weekday_name(day) and (c.shift_type, c.skill) not in dated
        ]
        for c in sorted(lines, key=lambda c: (c.shift_type, c.skill or "")):
            staffed = sum(
                1
                for v in ctx.shifts
                if v.date == day
                and (v.start, v.end) == times[c.shift_type]
                and (c.skill is None or c.skill in v.employee.skills)
            )
            rows.append(
                ShiftCoverRow(
                    day,
                    c.shift_type,
                    c.skill,
                    c.requirement,
                    staffed,
                    w.shift_cover_under if c.under_weight is None else c.under_weight,
                    w.shift_cover_over if c.over_weight is None else c.over_weight,
                )
            )
    return rows


def check_shift_cover(ctx: Context) -> list[Penalty]:
    out: list[Penalty] = []
    for r in shift_cover_table(ctx):
        label = f"{r.date} {r.shift_type} {r.skill or 'anyone'}"
        if r.short and r.under_weight:
            out.append(
                Penalty(
                    rule=RULE, date=r.date, detail=f"under {label}", measure=r.short, weight=r.under_weight
                )
            )
        if r.over and r.over_weight:
            out.append(
                Penalty(rule=RULE, date=r.date, detail=f"over {label}", measure=r.over, weight=r.over_weight)
            )
    return out
