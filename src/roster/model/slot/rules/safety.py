"""SUPERVISION and LONE_WORKING: safety rules a service declares (POLICY.md section 5).

SUPERVISION (``safety.supervision``): for a person ``e`` who holds the trainee
skill, or is under 18 on the date, and every slot ``t`` they could work:
``present_e(t) <= Σ_{s != e holding the supervisor skill} present_s(t)``
(present: on shift and not on break).

LONE_WORKING (``safety.min_on_site = N > 1``): for every slot ``t`` anyone
could be on shift, ``busy_t >= on_e(t)`` for each person and
``Σ_e on_e(t) >= N x busy_t`` (a break is still on site). It binds the whole
team, so its diagnosis names "the team".

A slot of the hour the clocks skip does not exist (it lasts no real time):
neither rule constrains it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain import is_young
from roster.domain.rules import RuleCode
from roster.model.slot.rules.coverage import presence_by_minute

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

SUPERVISION = RuleCode.SUPERVISION
LONE_WORKING = RuleCode.LONE_WORKING


def add_supervision(m: SlotModel) -> None:
    rules = m.scenario.service.safety
    if not rules.supervision:
        return
    idx = m.index
    supervisor = [rules.supervisor_skill in emp.skills for emp in idx.employees]
    presence = presence_by_minute(m)
    for (e, d), sv in sorted(m.shifts.items()):
        emp = idx.employees[e]
        if rules.trainee_skill not in emp.skills and not is_young(emp.date_of_birth, sv.window.date):
            continue
        for i in range(len(sv.on)):
            if sv.slot_minutes(i) == 0:
                continue  # the clocks skip this slot
            t = idx.abs_minute(d, sv.window.minute(i, idx.slot))
            others = [q for s, q in presence.get(t, []) if s != e and supervisor[s]]
            m.add_hard(SUPERVISION, e, m.model.add(sv.present(i) <= sum(others)), sv.window.date)


def add_lone_working(m: SlotModel) -> None:
    n = m.scenario.service.safety.min_on_site
    if n <= 1:
        return
    idx = m.index
    on_site: dict[int, list[cp_model.IntVar]] = {}
    for (_, d), sv in sorted(m.shifts.items()):
        for i, on in enumerate(sv.on):
            if sv.slot_minutes(i) == 0:
                continue  # the clocks skip this slot
            on_site.setdefault(idx.abs_minute(d, sv.window.minute(i, idx.slot)), []).append(on)
    for t, ons in sorted(on_site.items()):
        busy = m.model.new_bool_var(f"on_site[{t}]")
        for on in ons:
            m.model.add_implication(on, busy)
        m.add_team_hard(LONE_WORKING, m.model.add(sum(ons) >= n * busy))
