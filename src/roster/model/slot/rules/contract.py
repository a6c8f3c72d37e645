"""CONTRACT_HOURS: rostered time matches the contract (POLICY.md section 3).

``net_e = Σ paid minutes - target_e`` where the target is the contract for the
period less credited leave and closed days (``roster.domain.contract``).
Time is only ever taken back from what is banked: ``net_e >= -usable_e``.
How far ``net_e`` may rise is ACCRUAL's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def net_minutes(m: SlotModel, e: int) -> cp_model.IntVar:
    """``net_e``: paid minutes less the target (one variable, made with the shift variables)."""
    return m.net[e]


def add_contract_hours(m: SlotModel) -> None:
    for e in range(len(m.index.employees)):
        usable = m.index.targets[e].usable_balance
        m.add_hard(RuleCode.CONTRACT_HOURS, e, m.model.add(net_minutes(m, e) >= -usable))
