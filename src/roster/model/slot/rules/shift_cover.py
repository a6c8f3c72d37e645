"""SHIFT_COVER: headcount per shift type and date (docs/rules.md; soft).

For every line (date d, type s, skill k, requirement r, weights wu, wo) in force:
``n = Σ_e x[e,d,s]`` over self-rostered people holding k, plus the fixed-pattern
people whose given shift on d has exactly the times of s (a constant);
cost ``wu x max(0, r - n) + wo x max(0, n - r)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from roster.domain import Scenario, ShiftCover
from roster.domain.rules import RuleCode
from roster.timegrid import weekday_name

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.SHIFT_COVER


@dataclass(frozen=True)
class ShiftCoverLine:
    """One requirement in force: ``requirement`` people on ``shift_type`` on ``date``."""

    date: date
    shift_type: str
    skill: str | None
    requirement: int
    under_weight: int
    over_weight: int

    @property
    def label(self) -> str:
        return f"{self.date} {self.shift_type} {self.skill or 'anyone'}"


def shift_cover_lines(sc: Scenario) -> list[ShiftCoverLine]:
    """The lines in force on each roster date: a date row replaces weekday rows of its type and skill."""
    w = sc.weights
    out: list[ShiftCoverLine] = []
    by_day: dict[str, list[tuple[int, ShiftCover]]] = {}
    for n, c in enumerate(sc.shift_cover):
        by_day.setdefault(c.day, []).append((n, c))
    for day in sc.service.days:
        iso = day.isoformat()
        on_date = by_day.get(iso, [])
        dated = {(c.shift_type, c.skill) for _, c in on_date}
        weekly = [
            (n, c) for n, c in by_day.get(weekday_name(day), []) if (c.shift_type, c.skill) not in dated
        ]
        for _, c in sorted(on_date + weekly, key=lambda nc: nc[0]):  # in the file's order
            out.append(
                ShiftCoverLine(
                    day,
                    c.shift_type,
                    c.skill,
                    c.requirement,
                    w.shift_cover_under if c.under_weight is None else c.under_weight,
                    w.shift_cover_over if c.over_weight is None else c.over_weight,
                )
            )
    return out


def add_shift_cover(m: SlotModel) -> None:
    sc = m.scenario
    svc = sc.service
    fixed = {(f.employee_id, f.date): (f.start, f.end) for f in sc.timetable()}
    day_index = {day: d for d, day in enumerate(m.index.days)}
    for line in shift_cover_lines(sc):
        d = day_index[line.date]
        t = svc.shift_type(line.shift_type)
        xs = []
        given = 0
        for e, emp in enumerate(m.index.employees):
            if line.skill is not None and line.skill not in emp.skills:
                continue
            if emp.pattern == "fixed":
                given += fixed.get((emp.id, line.date)) == (t.start, t.end)
                continue
            sv = m.shifts.get((e, d))
            if sv is not None and t.id in sv.typed:
                xs.append(sv.typed[t.id])
        n_max = given + len(xs)
        count = sum(xs) + given
        if line.requirement > given and line.under_weight:
            under = m.max_of(f"shift_under[{line.label}]", [line.requirement - count, 0], 0, line.requirement)
            m.add_term(RULE, under, line.under_weight, None, line.date, f"under {line.label}")
        if line.requirement < n_max and line.over_weight:
            over = m.max_of(f"shift_over[{line.label}]", [count - line.requirement, 0], 0, n_max)
            m.add_term(RULE, over, line.over_weight, None, line.date, f"over {line.label}")
