"""COVERAGE: people present per slot between the minimum and maximum (POLICY.md section 1).

For every slot ``t`` of the Core Service Opening Times and every requirement
in force (per skill ``k``, or the whole team): ``count_k(t)`` is the number of
people holding ``k`` on shift and not on break in ``t``.
``under = max(0, min - count)`` and ``over = max(0, count - max)`` are soft
with dominant weights, so a roster always comes back and the gap is reported:
cost ``cover_under x g x under + cover_over x g x over`` (person-minutes).
A slot of the hour the clocks repeat has a second requirement (``again``), so
a shortfall there counts for its ``2 g`` real minutes; one of the hour they
skip has none (:class:`~roster.model.index.CoverRequirement`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

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


def cover_count(m: SlotModel, r: int) -> tuple[cp_model.IntVar, int]:
    """``count_r``: people present for requirement ``r`` (made once, by whichever rule asks
    first), and how many could be present at most."""
    if r not in m.cover_counts:
        idx = m.index
        if m.presence is None:
            m.presence = presence_by_minute(m)
        req = idx.cover[r]
        here = [
            p
            for e, p in m.presence.get(idx.abs_minute(req.day, req.minute), [])
            if req.skill is None or req.skill in idx.employees[e].skills
        ]
        # One variable per slot and skill: the long sum is written once.
        count = m.model.new_int_var(0, len(here), f"count[{req.date},{req.minute},{req.skill}]")
        m.model.add(count == sum(here))
        m.cover_counts[r] = (count, len(here))
    return m.cover_counts[r]


def _label(m: SlotModel, r: int) -> str:
    req = m.index.cover[r]
    again = " (again)" if req.again else ""
    return f"{req.date} {req.minute // 60:02d}:{req.minute % 60:02d}{again} {req.skill or 'team'}"


def cover_under(m: SlotModel, r: int) -> cp_model.IntVar:
    """``under_r = max(0, min_r - count_r)`` for a requirement with a minimum (made once)."""
    if r not in m.cover_unders:
        count, _ = cover_count(m, r)
        req = m.index.cover[r]
        m.cover_unders[r] = m.max_of(f"under[{_label(m, r)}]", [req.min - count, 0], 0, req.min)
    return m.cover_unders[r]


def add_coverage(m: SlotModel) -> None:
    idx = m.index
    g = idx.slot
    w = m.weights
    for r, req in enumerate(idx.cover):
        count, n = cover_count(m, r)
        label = _label(m, r)
        if req.min > 0:
            under = cover_under(m, r)
            m.add_term(RuleCode.COVERAGE, under * g, w.cover_under, None, req.date, f"under {label}")
        if req.max is not None and req.max < n:
            over = m.max_of(f"over[{label}]", [count - req.max, 0], 0, n)
            m.add_term(RuleCode.COVERAGE, over * g, w.cover_over, None, req.date, f"over {label}")
