"""ACCRUAL: the 22-minute rule and the accounting-period cap (POLICY.md section 3).

Hard: ``net_e <= Σ_p acc_p`` with, for each accounting period ``p`` the roster
touches, ``0 <= acc_p <= daily_limit x days worked in p`` and
``acc_p <= room_p`` (the pro-rata cap, 7 h 24 min x hours / 37, less what is
already banked in ``p``).

Soft: ``accrual_minute x banked + takeback_minute x taken + lapse_minute x lapsing`` where
``banked = max(0, net)``, ``taken = max(0, -net)`` and
``lapsing = max(0, expiring - taken)``: balance whose one carry-forward period
ends within the roster lapses unless it is taken back (oldest first).
Relief staff (no contracted hours) are outside the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.slot.rules.contract import net_minutes

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def add_accrual(m: SlotModel) -> None:
    w = m.weights
    for e, emp in enumerate(m.index.employees):
        if emp.relief:
            continue  # relief staff bank nothing: paid for what they work
        tgt = m.index.targets[e]
        shifts = m.shifts_of(e)
        acc_terms = []
        for p, dates in sorted(tgt.period_days.items()):
            worked = sum(sv.works for sv in shifts if sv.window.date in dates)
            acc = m.model.new_int_var(0, tgt.accrual_room[p], f"acc[{emp.id},{p}]")
            m.add_hard(RuleCode.ACCRUAL, e, m.model.add(acc <= tgt.daily_limit * worked))
            acc_terms.append(acc)
        net = net_minutes(m, e)
        m.add_hard(RuleCode.ACCRUAL, e, m.model.add(net <= sum(acc_terms)))
        big = 10**6
        banked = m.max_of(f"banked[{emp.id}]", [net, 0], 0, big)
        taken = m.max_of(f"taken[{emp.id}]", [-net, 0], 0, big)
        lapsing = m.max_of(f"lapsing[{emp.id}]", [tgt.expiring_balance - taken, 0], 0, big)
        m.add_term(RuleCode.ACCRUAL, banked, w.accrual_minute, emp.id, detail="minutes banked")
        m.add_term(RuleCode.ACCRUAL, taken, w.takeback_minute, emp.id, detail="minutes taken back")
        m.add_term(RuleCode.ACCRUAL, lapsing, w.lapse_minute, emp.id, detail="banked minutes left to lapse")
