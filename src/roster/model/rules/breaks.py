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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain import break_threshold

if TYPE_CHECKING:
    from roster.model.builder import RosterModel


def add_breaks(m: RosterModel) -> None:
    rule = m.scenario.service.breaks
    g = m.index.slot
    b = -(-rule.break_minutes // g)
    a = -(-rule.min_work_before // g)
    c = -(-rule.min_work_after // g)
    big = rule.max_continuous_work // g
    wt = m.scenario.service.working_time
    for (e, _), sv in m.shifts.items():
        emp = m.index.employees[e]
        # longest shift without a break, in slots (shorter for an under-18: YOUNG_WORKER)
        thr = break_threshold(rule.threshold_minutes, wt, emp.date_of_birth, sv.window.date) // g
        n = len(sv.on)
        types = sv.window.types
        longest = max(t.minutes for t in types) // g if types else n
        if longest <= thr:
            continue  # no shift this window allows is long enough to need a break
        long = m.model.new_bool_var(f"long[{e},{sv.window.day}]")
        sv.long = long
        sv.break_slots = b
        m.add_hard("BREAKS", e, m.model.add(sv.length_slots >= (thr + 1) * long), sv.window.date)
        m.add_hard("BREAKS", e, m.model.add(sv.length_slots <= thr + n * long), sv.window.date)
        if b == 0:
            continue
        for i in range(a, n - b - c + 1):
            sv.brk[i] = m.model.new_bool_var(f"brk[{e},{sv.window.day},{i}]")
        m.add_hard("BREAKS", e, m.model.add(sum(sv.brk.values()) == long), sv.window.date)
        for i, v in sv.brk.items():
            m.add_hard("BREAKS", e, m.model.add_implication(v, sv.on[i - a]), sv.window.date)
            m.add_hard("BREAKS", e, m.model.add_implication(v, sv.on[i + b + c - 1]), sv.window.date)
            if i - big - 1 >= 0:
                m.add_hard("BREAKS", e, m.model.add_implication(v, ~sv.on[i - big - 1]), sv.window.date)
            if i + b + big < n:
                m.add_hard("BREAKS", e, m.model.add_implication(v, ~sv.on[i + b + big]), sv.window.date)
