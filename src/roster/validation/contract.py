"""CONTRACT_HOURS and ACCRUAL: rostered time against the contract (POLICY.md section 3).

For every person (self-rostered and fixed), with the target from
:func:`roster.domain.contract_target`::

    net = Σ paid minutes - target

* CONTRACT_HOURS (hard): ``net >= -usable_balance``: time is only taken back
  from what is banked and still usable. ``measured`` = net, ``limit`` =
  ``-usable_balance``.
* ACCRUAL (hard): ``net <= Σ_p min(daily_limit x days worked in p, room_p)``
  over the accounting periods ``p`` the roster touches; "days worked in p" are
  the roster dates in ``p`` on which the person has a shift. ``measured`` =
  net, ``limit`` = the right-hand side.
* ACCRUAL (soft): ``banked = max(0, net)``, ``taken = max(0, -net)``,
  ``lapsing = max(0, expiring_balance - taken)``; cost
  ``accrual_minute x banked + takeback_minute x taken + lapse_minute x lapsing``,
  one penalty per nonzero term.

Relief staff (``hours_per_week`` 0) have no target and bank nothing: neither rule applies. In a
flexi team the same two bounds are the flexi balance's (:mod:`roster.domain.flexi`): the roster
may fall short by the opening balance plus the debit allowed, and go over by the credit allowed
less the opening balance; the messages say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from roster.domain import ContractTarget, Employee, FlexiRule, Penalty, contract_target
from roster.domain.rules import RuleCode
from roster.validation.context import Context
from roster.validation.text import duration
from roster.validation.violation import Violation


@dataclass(frozen=True)
class HoursBalance:
    """One person's paid minutes against the target, and what the ACCRUAL rule allows."""

    employee_id: str
    target: ContractTarget
    paid: int
    bankable: int
    """``Σ_p min(daily_limit x days worked in p, room_p)``."""

    @property
    def net(self) -> int:
        return self.paid - self.target.target_minutes

    @property
    def banked(self) -> int:
        return max(0, self.net)

    @property
    def taken(self) -> int:
        return max(0, -self.net)

    @property
    def lapsing(self) -> int:
        return max(0, self.target.expiring_balance - self.taken)


def hours_balance(ctx: Context, emp: Employee) -> HoursBalance:
    tgt = contract_target(ctx.scenario, emp)
    mine = ctx.of(emp.id)
    worked = {v.date for v in mine}
    daily = tgt.daily_limit
    bankable = sum(
        min(daily * len(worked.intersection(dates)), tgt.accrual_room.get(p, 0))
        for p, dates in tgt.period_days.items()
    )
    return HoursBalance(emp.id, tgt, sum(v.paid for v in mine), bankable)


def check_contract(ctx: Context) -> tuple[list[Violation], list[Penalty]]:
    weights = ctx.scenario.weights
    flexi = ctx.scenario.service.flexi or FlexiRule()
    violations: list[Violation] = []
    penalties: list[Penalty] = []
    for emp in ctx.scenario.employees:
        if emp.relief:
            continue  # no contract, nothing banked
        hb = hours_balance(ctx, emp)
        tgt = hb.target
        rostered = (
            f"{emp.id} is rostered {duration(hb.paid)} paid against a target of "
            f"{duration(tgt.target_minutes)}"
        )
        if hb.net < -tgt.usable_balance:
            if tgt.flexi:
                why = (
                    f"{rostered} ({duration(-hb.net)} short); the flexi balance may end the roster "
                    f"at most {duration(flexi.max_debit_minutes)} in debit, so it may fall short by "
                    f"{duration(tgt.usable_balance)} at most"
                )
            else:
                why = (
                    f"{rostered} ({duration(-hb.net)} short); only "
                    f"{duration(tgt.usable_balance)} of banked time can be taken back"
                )
            violations.append(
                Violation(
                    rule=RuleCode.CONTRACT_HOURS,
                    hard=True,
                    employee_id=emp.id,
                    measured=hb.net,
                    limit=-tgt.usable_balance,
                    message=why,
                )
            )
        if hb.net > hb.bankable:
            if tgt.flexi:
                why = (
                    f"{rostered} ({duration(hb.net)} over); the flexi balance may end the roster at "
                    f"most {duration(flexi.max_credit_minutes)} in credit (more would lapse), so it "
                    f"may go over by {duration(hb.bankable)} at most"
                )
            else:
                why = (
                    f"{rostered} ({duration(hb.net)} over); at most {duration(hb.bankable)} can be "
                    f"banked ({tgt.daily_limit} min a day worked, within each accounting period's cap)"
                )
            violations.append(
                Violation(
                    rule=RuleCode.ACCRUAL,
                    hard=True,
                    employee_id=emp.id,
                    measured=hb.net,
                    limit=hb.bankable,
                    message=why,
                )
            )
        penalties.append(
            Penalty(
                rule=RuleCode.ACCRUAL,
                employee_id=emp.id,
                detail="minutes banked",
                measure=hb.banked,
                weight=weights.accrual_minute,
            )
        )
        penalties.append(
            Penalty(
                rule=RuleCode.ACCRUAL,
                employee_id=emp.id,
                detail="minutes taken back",
                measure=hb.taken,
                weight=weights.takeback_minute,
            )
        )
        penalties.append(
            Penalty(
                rule=RuleCode.ACCRUAL,
                employee_id=emp.id,
                detail="banked minutes left to lapse",
                measure=hb.lapsing,
                weight=weights.lapse_minute,
            )
        )
    return violations, [p for p in penalties if p.cost]
