"""FLEXI (hard): in a flexi team, at most ``leave_days`` of flexi leave a flexi period.

POLICY.md section 6 ("at most 1 day (or two half days) flexi leave per period"; docs/rules.md,
FLEXI; :mod:`roster.domain.flexi`): for each person and flexi period (``period_weeks`` blocks
from the accrual anchor), the days of ``flexi`` leave on dates the service can be worked, a part
day counting half, are at most ``leave_days``. ``measured`` = the days, ``limit`` = the most.
The balance's two bounds are CONTRACT_HOURS's and ACCRUAL's (:mod:`.contract`).
"""

from __future__ import annotations

from roster.domain.flexi import flexi_leave_by_period
from roster.domain.rules import RuleCode
from roster.timegrid import accounting_period_start
from roster.validation.context import Context
from roster.validation.violation import Violation


def check_flexi(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    rule = sc.service.flexi
    if rule is None:
        return []
    out: list[Violation] = []
    for emp in sc.employees:
        for p, days in sorted(flexi_leave_by_period(sc, emp).items()):
            if days <= rule.leave_days:
                continue
            start = accounting_period_start(sc.service.accrual.anchor, rule.period_weeks, p)
            out.append(
                Violation(
                    rule=RuleCode.FLEXI,
                    hard=True,
                    employee_id=emp.id,
                    date=start,
                    measured=days,
                    limit=rule.leave_days,
                    message=(
                        f"{emp.id} takes {days:g} days of flexi leave in the flexi period from {start}; "
                        f"at most {rule.leave_days:g} (one day, or two half days) a period"
                    ),
                )
            )
    return out
