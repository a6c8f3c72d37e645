"""COVERAGE: people present per slot between the minimum and maximum (POLICY.md section 1).

For every slot ``t`` of the Core Service Opening Times and every requirement
in force (per skill ``k``, or the whole team): ``count_k(t)`` is the number of
people holding ``k`` on shift and not on break in ``t``.
``under = max(0, min - count)`` and ``over = max(0, count - max)`` are soft
with dominant weights, so a roster always comes back and the gap is reported:
cost ``cover_under x g x under + cover_over x g x over`` (person-minutes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.slot.variables import LinearExpr

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def presence_by_minute(m: SlotModel) -> dict[int, list[tuple[int, LinearExpr]]]:
    """Absolute minute -> [(person, presence expression)] for every slot anyone could work."""
    idx = m.index
    out: dict[int, list[tuple[int, LinearExpr]]] = {}
    for (e, d), sv in sorted(m.shifts.items()):
        for i in range(len(sv.on)):
            t = idx.abs_minute(d, sv.window.minute(i, idx.slot))
            out.setdefault(t, []).append((e, sv.present(i)))
    return out


def add_coverage(m: SlotModel) -> None:
    idx = m.index
    g = idx.slot
    w = m.weights
    presence = presence_by_minute(m)
    skills = [set(emp.skills) for emp in idx.employees]
    for req in idx.cover:
        here = [
            (e, p)
            for e, p in presence.get(idx.abs_minute(req.day, req.minute), [])
            if req.skill is None or req.skill in skills[e]
        ]
        n = len(here)
        # One variable per slot and skill: the long sum is written once.
        count = m.model.new_int_var(0, n, f"count[{req.date},{req.minute},{req.skill}]")
        m.model.add(count == sum(p for _, p in here))
        label = f"{req.date} {req.minute // 60:02d}:{req.minute % 60:02d} {req.skill or 'team'}"
        if req.min > 0:
            under = m.max_of(f"under[{label}]", [req.min - count, 0], 0, req.min)
            m.add_term(RuleCode.COVERAGE, under * g, w.cover_under, None, req.date, f"under {label}")
        if req.max is not None and req.max < n:
            over = m.max_of(f"over[{label}]", [count - req.max, 0], 0, n)
            m.add_term(RuleCode.COVERAGE, over * g, w.cover_over, None, req.date, f"over {label}")
