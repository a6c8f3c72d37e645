"""ONE_SHIFT, BANDWIDTH, SHIFT_LENGTH, LEAVE (POLICY.md section 2).

* ONE_SHIFT: at most one shift per person and date (built into the variables:
  one start, one end); shifts of consecutive dates never overlap.
* BANDWIDTH and LEAVE: no variable exists outside the date's bandwidth, on a
  closed date or on whole-day leave (school holidays of term-time-only staff
  included); slots of part-day leave are fixed off. A fixed shift owed on an
  open date without bandwidth has a window whose ``works`` BANDWIDTH fixes to
  0, so the clash with FIXED_PATTERN is diagnosed.
* SHIFT_LENGTH: ``min <= end - start <= max`` (break included, real minutes),
  the person's override or the service's (4 h to 10 h by default).

ONE_SHIFT compares wall-clock positions: two shifts overlap when their clock
times do, even inside an hour the clocks skip.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def add_one_shift(m: SlotModel) -> None:
    """Shifts of a person on different dates never overlap (windows may pass midnight)."""
    idx = m.index
    by_person: dict[int, list[int]] = {}
    for e, d in m.shifts:
        by_person.setdefault(e, []).append(d)
    for e, days in by_person.items():
        days.sort()
        for a, b in itertools.pairwise(days):
            sa, sb = m.shifts[(e, a)], m.shifts[(e, b)]
            for i, on_a in enumerate(sa.on):
                t = idx.abs_minute(a, sa.window.minute(i, idx.slot))
                j_min = t - idx.abs_minute(b, sb.window.start)
                if j_min < 0 or j_min % idx.slot:
                    continue
                j = j_min // idx.slot
                if j < len(sb.on):
                    m.add_hard(RuleCode.ONE_SHIFT, e, m.model.add(on_a + sb.on[j] <= 1), sb.window.date)


def add_closed_dates(m: SlotModel) -> None:
    """BANDWIDTH: a fixed shift given on an open date without bandwidth cannot be worked."""
    for (e, _), sv in m.shifts.items():
        if sv.window.closed is not None:
            m.add_hard(sv.window.closed, e, m.model.add(sv.works == 0), sv.window.date)


def add_shift_length(m: SlotModel) -> None:
    idx = m.index
    for (e, _), sv in m.shifts.items():
        lo, hi = idx.shift_bounds(e)
        length = sv.minutes()
        m.add_hard(RuleCode.SHIFT_LENGTH, e, m.model.add(length <= hi * sv.works), sv.window.date)
        m.add_hard(RuleCode.SHIFT_LENGTH, e, m.model.add(length >= lo * sv.works), sv.window.date)
