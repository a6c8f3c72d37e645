"""REST_DAILY: consecutive rest between shifts (POLICY.md section 4; docs/rules.md).

For a person's shifts on dates ``a < b``: if the shift on ``a`` ends at ``T``
(roster minutes), the shift on ``b`` may not start before ``T + rest``, where
``rest`` is ``daily_rest_minutes`` (11 h), or ``young_daily_rest_minutes``
(12 h) when the person is under 18 on either date. Written as one constraint
per end boundary: ``end_a[j] => no start of b before T_j + rest``. Pairs whose
windows are always far enough apart add nothing. The last shift before the
roster (``history.csv``, ``shift_end``) bounds the first starts the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain import is_young
from roster.timegrid import roster_minute

if TYPE_CHECKING:
    from roster.model.builder import RosterModel
    from roster.model.variables import ShiftVars

RULE = "REST_DAILY"


def rest_minutes(m: RosterModel, e: int, *days: int) -> int:
    wt = m.scenario.service.working_time
    emp = m.index.employees[e]
    young = any(is_young(emp.date_of_birth, m.index.days[d]) for d in days)
    return wt.young_daily_rest_minutes if young else wt.daily_rest_minutes


def _abs(m: RosterModel, sv: ShiftVars, boundary: int) -> int:
    return m.index.abs_minute(sv.window.day, sv.window.minute(boundary, m.index.slot))


def add_daily_rest(m: RosterModel) -> None:
    idx = m.index
    by_person: dict[int, list[int]] = {}
    for e, d in sorted(m.shifts):
        by_person.setdefault(e, []).append(d)
    for e, days in by_person.items():
        emp = idx.employees[e]
        last = m.scenario.last_shift_end(emp.id)
        if last is not None:
            before = roster_minute(m.scenario.service.start_date, last)
            for d in days:
                sv = m.shifts[(e, d)]
                rest = rest_minutes(m, e, d)
                bad = [v for i, v in sv.start.items() if _abs(m, sv, i) < before + rest]
                if bad:
                    m.add_hard(RULE, e, m.model.add(sum(bad) == 0))
        for k, a in enumerate(days):
            sa = m.shifts[(e, a)]
            latest_end = _abs(m, sa, sa.window.n_slots)
            for b in days[k + 1 :]:
                sb = m.shifts[(e, b)]
                rest = rest_minutes(m, e, a, b)
                if _abs(m, sb, 0) >= latest_end + rest:
                    break  # later dates start later still
                for j, end in sa.end.items():
                    limit = _abs(m, sa, j) + rest
                    bad = [v for i, v in sb.start.items() if _abs(m, sb, i) < limit]
                    if bad:
                        m.add_hard(RULE, e, m.model.add(sum(bad) == 0).only_enforce_if(end))
