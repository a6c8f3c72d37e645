"""FIXED_PATTERN: compressed and staggered hours are placed as given (POLICY.md section 6).

A ``fixed`` person works exactly their listed shifts, break as listed, and
counts toward cover like anyone else; the solver decides nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def add_fixed_pattern(m: SlotModel) -> None:
    g = m.index.slot
    for (e, _), sv in m.shifts.items():
        fx = sv.window.fixed
        if fx is None:
            continue
        w = sv.window
        i, j = (fx.start - w.start) // g, (fx.end - w.start) // g
        ok = 0 <= i < j <= w.n_slots and i in sv.start and j in sv.end
        if not ok:
            # Outside the window (bandwidth) or too short for the grid: cannot be placed.
            m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.works == 2), w.date)
            continue
        m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.works == 1), w.date)
        m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.start[i] == 1), w.date)
        m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.end[j] == 1), w.date)
        if fx.break_start is not None:
            k = (fx.break_start - w.start) // g
            if k in sv.brk:
                m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.brk[k] == 1), w.date)
            else:
                m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.works == 2), w.date)
        elif sv.long is not None:
            m.add_hard(RuleCode.FIXED_PATTERN, e, m.model.add(sv.long == 0), w.date)
