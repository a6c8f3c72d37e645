"""Flexi hours: a team that works flexi rather than self-rostering (rule FLEXI; POLICY.md section 6).

POLICY.md: a 4-week accounting period; end within +15 h credit / -10 h debit; at most one day (or
two half days) of flexi leave a period; credit over 15 h lapses. The product's reading
(docs/rules.md, FLEXI):

* A service with ``flexi:`` in ``service.yaml`` is a flexi team: each person's roster need not
  meet the contract exactly. The difference (rostered paid minutes less the target) moves their
  **flexi balance**, which opens at ``flexi.csv`` (carried by ``roster next``) and is settled at
  the end of each roster: it may end no lower than ``-max_debit_minutes`` (10 h) and no higher
  than ``max_credit_minutes`` (15 h). A roster never plans credit that would lapse: the roster
  is the step at which the balance is checked (a team's rosters as long as its flexi period
  make the two the same). This replaces the 22-minute rule: there is no daily limit.
* **Flexi leave** is leave of type ``flexi``: a whole day (or part of one) off, not credited
  against the contract, so it is paid from the balance. At most ``leave_days`` (1) a flexi
  period, a part day counting half: "one day or two half days". Flexi periods are blocks of
  ``period_weeks`` weeks from the accrual anchor.
* CONTRACT_HOURS and ACCRUAL hold the two bounds on the roster's net minutes (their targets are
  written here, :func:`roster.domain.contract_target`); FLEXI holds the leave limit. Relief staff
  have no contract and no balance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from roster.domain.base import Frozen
from roster.domain.employee import Employee
from roster.timegrid import accounting_period_index

if TYPE_CHECKING:
    from roster.domain.scenario import Scenario


class FlexiRule(Frozen):
    """A flexi team's parameters (``service.yaml`` ``flexi:``)."""

    period_weeks: int = Field(4, ge=1, le=13)
    max_credit_minutes: int = Field(900, ge=0)
    """The balance may end a roster at most this far in credit (15 h); over it would lapse."""
    max_debit_minutes: int = Field(600, ge=0)
    """The balance may end a roster at most this far in debit (10 h)."""
    leave_days: float = Field(1.0, ge=0, le=10)
    """Days of flexi leave a flexi period at most (a part day counts half)."""


class FlexiBalance(Frozen):
    """A flexi team member's balance when the roster starts (``flexi.csv``), in minutes; negative
    in debit."""

    employee_id: str
    minutes: int


def flexi_opening(sc: Scenario, emp: Employee) -> int:
    return sum(b.minutes for b in sc.flexi if b.employee_id == emp.id)


def flexi_leave_by_period(sc: Scenario, emp: Employee) -> dict[int, float]:
    """Flexi period index -> days of flexi leave ``emp`` takes in it (a part day counts half), on
    dates the service can be worked."""
    rule = sc.service.flexi
    if rule is None:
        return {}
    anchor = sc.service.accrual.anchor
    out: dict[int, float] = {}
    for lv in sc.leave:
        if lv.employee_id != emp.id or lv.type != "flexi":
            continue
        for day in lv.dates():
            if sc.service.bandwidth_on(day) is None:
                continue
            p = accounting_period_index(anchor, rule.period_weeks, day)
            out[p] = out.get(p, 0.0) + (1.0 if lv.whole_day else 0.5)
    return out
