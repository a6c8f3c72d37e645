"""FLEXI (hard): flexi leave at most ``leave_days`` a flexi period (docs/rules.md).

The leave is fixed by the scenario (:func:`roster.domain.flexi.flexi_leave_by_period`): a person
over the limit makes the model infeasible under FLEXI, so the diagnosis names them. The flexi
balance's bounds are CONTRACT_HOURS's and ACCRUAL's, through the person's target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.flexi import flexi_leave_by_period
from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.FLEXI


def add_flexi(m: SlotModel) -> None:
    sc = m.request.scenario
    rule = sc.service.flexi
    if rule is None:
        return
    for e, emp in enumerate(m.index.employees):
        if any(days > rule.leave_days for days in flexi_leave_by_period(sc, emp).values()):
            never = m.model.new_bool_var(f"flexi_leave_over[{emp.id}]")
            m.model.add(never == 0)
            m.add_hard(RULE, e, m.model.add(never == 1))
