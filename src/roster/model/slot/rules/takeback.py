"""TAKEBACK_COVER: banked time is taken back only while minimum cover holds (POLICY.md section 3).

"Taken at a time which does not adversely impact on minimum service levels."
A person takes time back when the roster pays them less than their target
(``net_e < 0``). For each self-rostered person ``e`` with banked time to use::

    takes_e = 0  =>  net_e >= -rounding          (rounding: a target off the grid)
    takes_e = 1  =>  count_r >= min_r   for every requirement r that e could fill

where "could fill" is :func:`roster.domain.could_fill` (a date and time inside
the person's bandwidth, clear of leave and days off, for a skill they hold or
the whole team). Requirements with the same set of people who could fill them
share one literal ``protect``, implied by each of their ``takes_e``, which
enforces ``count_r >= min_r`` on every requirement of the group.

Measured on the default contact-centre command (seeds 0, 1, 2): this form
gives 5,980 / 5,902 / 5,947 (without the rule 5,800 / 4,777 / 5,785); one
literal per requirement gave 8,320 / 7,330 / 8,005, and one constraint per
person over COVERAGE's ``under_r`` (``takes_e => Σ under_r == 0``) 98,065 /
112,780 / 29,320.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain import could_fill
from roster.domain.rules import RuleCode
from roster.model.slot.rules.coverage import cover_count

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.TAKEBACK_COVER


def add_takeback_cover(m: SlotModel) -> None:
    idx = m.index
    sc = m.scenario
    rounding = sc.service.takeback_rounding
    takes: dict[int, cp_model.IntVar] = {}
    for e, emp in enumerate(idx.employees):
        if emp.pattern == "self" and not emp.relief and idx.targets[e].usable_balance > rounding:
            lit = m.model.new_bool_var(f"takes_back[{emp.id}]")
            m.add_hard(RULE, e, m.model.add(m.net[e] >= -rounding).only_enforce_if(lit.Not()))
            takes[e] = lit
    if not takes:
        return
    g = idx.slot
    # Requirements with the same people who could fill them share one literal: on a
    # date the bandwidth usually holds the whole opening day, so one a date and skill.
    groups: dict[frozenset[int], list[int]] = {}
    for r, req in enumerate(idx.cover):
        if req.min == 0:
            continue
        fillers = frozenset(
            e
            for e in takes
            if (req.skill is None or req.skill in idx.employees[e].skills)
            and could_fill(sc, idx.employees[e], req.date, req.minute, req.minute + g)
        )
        if fillers:
            groups.setdefault(fillers, []).append(r)
    for k, (fillers, reqs) in enumerate(groups.items()):
        protect = m.model.new_bool_var(f"protect[{k}]")
        for e in sorted(fillers):
            m.model.add_implication(takes[e], protect)
        for r in reqs:
            m.model.add(cover_count(m, r)[0] >= idx.cover[r].min).only_enforce_if(protect)
