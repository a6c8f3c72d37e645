"""YOUNG_WORKER: limits for a person under 18 on the date (POLICY.md section 4; docs/rules.md).

Age comes from ``date_of_birth`` on each date (no date of birth: an adult).
On a date the person is under 18:

* paid minutes of the shift ``<= young_max_daily_minutes`` (8 h);
* no slot on duty inside ``young_night`` (22:00-06:00, either side of the date);
* per Monday-to-Sunday week, paid minutes over the dates the person is under
  18 ``<= young_max_weekly_minutes`` (40 h); no averaging, no opt-out.

The break once a shift exceeds 4 h 30 is in :mod:`roster.model.slot.rules.breaks`
(the threshold is the person's on that date).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain import is_young, young_night
from roster.domain.rules import RuleCode
from roster.model.slot.variables import LinearExpr

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.YOUNG_WORKER


def add_young_worker(m: SlotModel) -> None:
    wt = m.scenario.service.working_time
    g = m.index.slot
    night = young_night(wt)
    weeks: dict[tuple[int, int], list[LinearExpr]] = {}
    for (e, d), sv in sorted(m.shifts.items()):
        emp = m.index.employees[e]
        if not is_young(emp.date_of_birth, sv.window.date):
            continue
        paid = sv.paid_minutes()
        m.add_hard(RULE, e, m.model.add(paid <= wt.young_max_daily_minutes), sv.window.date)
        weeks.setdefault((e, d // 7), []).append(paid)
        for i, on in enumerate(sv.on):
            s0 = sv.window.minute(i, g)
            if any(s0 < hi and lo < s0 + g for lo, hi in night):
                m.add_hard(RULE, e, m.model.add(on == 0), sv.window.date)
    for (e, k), paids in weeks.items():
        m.add_hard(RULE, e, m.model.add(sum(paids) <= wt.young_max_weekly_minutes), m.index.days[7 * k])
