"""SHIFT_COVER: headcount per shift type and date (docs/rules.md; soft).

For every line (date d, type s, skill k, requirement r, weights wu, wo) in force:
``n = Σ_e x[e,d,s]`` over self-rostered people holding k, plus the fixed-pattern
people whose given shift on d has exactly the times of s (a constant);
cost ``wu x max(0, r - n) + wo x max(0, n - r)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.index import ShiftCoverLine as ShiftCoverLine
from roster.model.index import shift_cover_lines as shift_cover_lines

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.SHIFT_COVER


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
