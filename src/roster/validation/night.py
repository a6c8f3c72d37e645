"""NIGHT_WORK (hard): a night worker averages at most 8 hours per 24 (POLICY.md section 4; docs/rules.md).

For each employee with ``night_worker`` and each reference period ending on
a roster date (as WTR_AVERAGE, ``C`` weeks): paid minutes worked in it
(history rows; a missing date at weekly contract / 7; roster shifts) divided
by its days less one weekly rest day a week (``6 x C``) is at most
``night_average_max_minutes`` (8 h). No opt-out. One violation per period:
``measured`` = the average minutes per 24 hours (rounded down), ``limit``.
"""

from __future__ import annotations

import datetime as dt

from roster.domain import prior_day, reference_ends
from roster.domain.rules import RuleCode
from roster.validation.context import Context
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.NIGHT_WORK


def check_night_work(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    wt = sc.service.working_time
    days = sc.service.days
    out: list[Violation] = []
    for emp in sc.employees:
        if not emp.night_worker:
            continue
        history = {h.date: h for h in sc.history if h.employee_id == emp.id}
        worked: dict[dt.date, int] = {}
        for v in ctx.of(emp.id):
            worked[v.date] = worked.get(v.date, 0) + v.paid
        for end in reference_ends(wt, days):
            start = end - dt.timedelta(days=7 * wt.reference_weeks - 1)
            total = 0
            day = start
            while day <= end:
                if day < days[0]:
                    total += prior_day(history, emp.weekly_minutes, day)[0]
                else:
                    total += worked.get(day, 0)
                day += dt.timedelta(days=1)
            divisor = 6 * wt.reference_weeks
            if total <= wt.night_average_max_minutes * divisor:
                continue
            average = total // divisor
            out.append(
                Violation(
                    rule=RULE,
                    hard=True,
                    employee_id=emp.id,
                    date=end,
                    measured=average,
                    limit=wt.night_average_max_minutes,
                    message=(
                        f"{emp.id} is a night worker and averages {duration(average)} per 24 hours over "
                        f"{start} to {end} ({duration(total)} over {divisor} days, weekly rest days "
                        f"left out); at most {duration(wt.night_average_max_minutes)}"
                    ),
                )
            )
    return out
