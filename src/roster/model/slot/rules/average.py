"""WTR_AVERAGE: the 48-hour average week over the reference period (POLICY.md section 4).

For each person and each reference period ending on a roster date (see
``reference_ends``), with ``C`` weeks and limit ``L = 48 h x C``, unless an
adult's opt-out is in force on its last date:

    K + Σ_{roster dates d in the period} paid_d + B <= L

``K`` is the history before the roster (a missing date: weekly contract / 7),
``X`` the excluded days in the period (history absences and whole-day roster
leave of an excluded type), and ``B`` the paid minutes of the first ``X``
worked dates after the period: for each later roster date ``d``,
``bp_d >= paid_d - M q_d`` with ``q_d => (dates worked after the period and
before d) >= X``, so ``bp_d`` counts ``paid_d`` exactly when ``d`` is one of the
first ``X``; and ``beyond >= X - (dates worked after the period)`` days past
the roster's end at contracted daily minutes. Only lower bounds are needed:
every term enters the ``<=`` with a positive sign. A period whose largest
possible total is within the limit adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roster.domain import EXCLUDED_ABSENCES, prior_day, reference_ends
from roster.domain.rules import RuleCode
from roster.model.slot.variables import LinearExpr

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.WTR_AVERAGE


def add_average(m: SlotModel) -> None:
    sc = m.scenario
    svc = sc.service
    wt = svc.working_time
    idx = m.index
    length = 7 * wt.reference_weeks
    limit = wt.average_max_weekly_minutes * wt.reference_weeks
    first = idx.days[0]
    ends = reference_ends(wt, idx.days)
    for e, emp in enumerate(idx.employees):
        history = {h.date: h for h in sc.history if h.employee_id == emp.id}
        excluded_leave = {
            day
            for lv in sc.leave
            if lv.employee_id == emp.id and lv.whole_day and lv.type in EXCLUDED_ABSENCES
            for day in lv.dates()
        }
        shift_days = {d: sv for (ee, d), sv in m.shifts.items() if ee == e}
        _, longest = idx.shift_bounds(e)
        for end in ends:
            if sc.opted_out(emp.id, end):
                continue
            t = idx.days.index(end)
            start = end - dt.timedelta(days=length - 1)
            const = x = 0
            day = start
            while day < min(first, end + dt.timedelta(days=1)):
                minutes, excluded, _ = prior_day(history, emp.weekly_minutes, day)
                const += minutes
                x += excluded
                day += dt.timedelta(days=1)
            inside = [d for d in shift_days if d <= t and idx.days[d] >= start]
            x += sum(1 for d in range(t + 1) if idx.days[d] >= start and idx.days[d] in excluded_leave)
            after = sorted(d for d in shift_days if d > t)
            # Largest possible total: every date at its longest shift, B at its largest.
            top = const + longest * len(inside) + x * max(longest, emp.daily_minutes)
            if top <= limit:
                continue
            parts: list[LinearExpr] = [shift_days[d].paid_minutes() for d in inside]
            if x:
                for k, d in enumerate(after):
                    sv = shift_days[d]
                    before = [shift_days[c].works for c in after[:k]]
                    bp = m.model.new_int_var(0, longest, f"avg_b[{emp.id},{end},{d}]")
                    if len(before) >= x:
                        q = m.model.new_bool_var(f"avg_q[{emp.id},{end},{d}]")
                        m.model.add(sum(before) >= x).only_enforce_if(q)
                        m.model.add(bp + longest * q >= sv.paid_minutes())
                    else:
                        m.model.add(bp >= sv.paid_minutes())
                    parts.append(bp)
                beyond = m.model.new_int_var(0, x, f"avg_beyond[{emp.id},{end}]")
                m.model.add(beyond >= x - sum(shift_days[d].works for d in after))
                parts.append(beyond * emp.daily_minutes)
            m.add_hard(RULE, e, m.model.add(const + sum(parts) <= limit), end)
