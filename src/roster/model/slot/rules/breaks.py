"""BREAKS: an unpaid break inside every long shift (POLICY.md section 2).

A shift longer than ``threshold_minutes`` (6 h) has exactly one break of
``break_minutes`` (30), starting at least ``min_work_before`` after the shift
starts and ending at least ``min_work_after`` before it ends, with no stretch
of work longer than ``max_continuous_work`` either side. A shorter shift has
none. People on break do not count toward cover (see ``ShiftVars.present``).
For a person under 18 on the date the threshold is
``young_break_threshold_minutes`` (4 h 30) when that is shorter.

In slots: with ``b`` break slots, ``a``/``c`` slots of work before/after and at
most ``M`` slots of continuous work, a break starting in slot ``i`` needs
``on[i-a]`` and ``on[i+b+c-1]`` and forbids ``on[i-M-1]`` and ``on[i+b+M]``.

Every length is real time (Europe/London). In a window with a clock change
the same four implications come from real minutes
(:func:`~roster.model.index.break_bounds`), the threshold compares
the real length, and no break variable touches the changed hour.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.index import BreakLimits, BreakShape, break_bounds, shape_for

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel
    from roster.model.slot.variables import ShiftVars

RULE = RuleCode.BREAKS


def break_shape(m: SlotModel, e: int, day: dt.date) -> BreakShape:
    """Person ``e``'s break on ``day`` in slots (the threshold is shorter for an under-18)."""
    return shape_for(m.index, e, day)


def add_breaks(m: SlotModel) -> None:
    big = m.scenario.service.breaks.max_continuous_work // m.index.slot
    for (e, _), sv in sorted(m.shifts.items()):
        long = sv.long
        if long is None:
            continue  # no shift of this window needs a break (see add_break_vars)
        shape = break_shape(m, e, sv.window.date)
        thr, a, b, c = shape.threshold, shape.before, shape.slots, shape.after
        n = len(sv.on)
        day = sv.window.date
        if not sv.uniform:
            _add_real(m, e, sv, shape)
            continue
        m.add_hard(RULE, e, m.model.add(sv.length_slots >= (thr + 1) * long), day)
        m.add_hard(RULE, e, m.model.add(sv.length_slots <= thr + n * long), day)
        if b == 0:
            continue
        m.add_hard(RULE, e, m.model.add(sum(sv.brk.values()) == long), day)
        for i, v in sv.brk.items():
            m.add_hard(RULE, e, m.model.add_implication(v, sv.on[i - a]), day)
            m.add_hard(RULE, e, m.model.add_implication(v, sv.on[i + b + c - 1]), day)
            if i - big - 1 >= 0:
                m.add_hard(RULE, e, m.model.add_implication(v, ~sv.on[i - big - 1]), day)
            if i + b + big < n:
                m.add_hard(RULE, e, m.model.add_implication(v, ~sv.on[i + b + big]), day)


def _add_real(m: SlotModel, e: int, sv: ShiftVars, shape: BreakShape) -> None:
    """BREAKS in a window with a clock change: the threshold on the real length, and each break
    position's work before and after in real minutes."""
    long = sv.long
    assert long is not None
    limits = BreakLimits.of(m.scenario)
    g, n, day = sv.slot, len(sv.on), sv.window.date
    # real lengths are multiples of g: longer than the threshold <=> at least (thr + 1) slots' worth
    m.add_hard(RULE, e, m.model.add(sv.minutes() >= (shape.threshold + 1) * g * long), day)
    m.add_hard(RULE, e, m.model.add(sv.minutes() <= shape.threshold * g + sv.longest() * long), day)
    if shape.slots == 0:
        return
    m.add_hard(RULE, e, m.model.add(sum(sv.brk.values()) == long), day)
    for k, v in sv.brk.items():
        bounds = break_bounds(sv.real, k, shape.slots, g, limits)
        assert bounds is not None  # add_break_vars made only these
        latest_start, earliest_start, earliest_end, latest_end = bounds
        m.add_hard(RULE, e, m.model.add_implication(v, sv.on[latest_start]), day)
        m.add_hard(RULE, e, m.model.add_implication(v, sv.on[earliest_end - 1]), day)
        if earliest_start > 0:
            m.add_hard(RULE, e, m.model.add_implication(v, ~sv.on[earliest_start - 1]), day)
        if latest_end < n:
            m.add_hard(RULE, e, m.model.add_implication(v, ~sv.on[latest_end]), day)
