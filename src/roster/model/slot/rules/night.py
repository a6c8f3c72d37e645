"""NIGHT_WORK: a night worker averages at most 8 hours per 24 (POLICY.md section 4; docs/rules.md).

For each employee with ``night_worker`` and each reference period ending on a
roster date (as WTR_AVERAGE): paid minutes worked in the period (history,
missing dates at weekly contract / 7, then roster shifts) at most
``night_average_max_minutes x 6 x C`` for a period of ``C`` weeks: the
period's days less one weekly rest day a week. No opt-out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roster.domain import prior_day, reference_ends
from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.NIGHT_WORK


def night_limit(weeks: int, per_day: int) -> int:
    return per_day * 6 * weeks


def add_night_work(m: SlotModel) -> None:
    sc = m.scenario
    wt = sc.service.working_time
    idx = m.index
    length = 7 * wt.reference_weeks
    limit = night_limit(wt.reference_weeks, wt.night_average_max_minutes)
    first = idx.days[0]
    for e, emp in enumerate(idx.employees):
        if not emp.night_worker:
            continue
        history = {h.date: h for h in sc.history if h.employee_id == emp.id}
        shift_days = {d: sv for (ee, d), sv in m.shifts.items() if ee == e}
        _, longest = idx.shift_bounds(e)
        for end in reference_ends(wt, idx.days):
            t = idx.days.index(end)
            start = end - dt.timedelta(days=length - 1)
            const = 0
            day = start
            while day < first:
                const += prior_day(history, emp.weekly_minutes, day)[0]
                day += dt.timedelta(days=1)
            inside = [d for d in shift_days if d <= t and idx.days[d] >= start]
            if const + longest * len(inside) <= limit:
                continue
            paid = [shift_days[d].paid_minutes() for d in inside]
            m.add_hard(RULE, e, m.model.add(const + sum(paid) <= limit), end)
