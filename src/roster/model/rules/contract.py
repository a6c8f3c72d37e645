"""CONTRACT_HOURS: rostered time matches the contract (POLICY.md section 3).

``net_e = Σ paid minutes - target_e`` where the target is the contract for the
period less credited leave and closed days (``roster.domain.contract``).
Time is only ever taken back from what is banked: ``net_e >= -usable_e``.
How far ``net_e`` may rise is ACCRUAL's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from roster.model.builder import RosterModel


def net_minutes(m: RosterModel, e: int) -> cp_model.IntVar:
    """``net_e``: one variable equal to paid minutes less the target."""
    if e not in m.net:
        target = m.index.targets[e].target_minutes
        shifts = m.shifts_of(e)
        most = sum(sv.window.n_slots for sv in shifts) * m.index.slot
        var = m.model.new_int_var(-target, most, f"net[{m.index.employees[e].id}]")
        m.model.add(var == sum(sv.paid_minutes() for sv in shifts) - target)
        m.net[e] = var
    return m.net[e]


def add_contract_hours(m: RosterModel) -> None:
    for e in range(len(m.index.employees)):
        usable = m.index.targets[e].usable_balance
        m.add_hard("CONTRACT_HOURS", e, m.model.add(net_minutes(m, e) >= -usable))
