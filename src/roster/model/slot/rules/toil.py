"""TIME_OFF_IN_LIEU (hard): extra shifts worked as granted; the time off in lieu ledger (docs/rules.md).

For each extra shift of person e on date d (``extra_shifts``): ``works = 1`` and the start,
end and break literals of its times, as a pin holds a shift (:mod:`.request`); an extra
shift the date's window cannot hold makes the model infeasible under TIME_OFF_IN_LIEU. The ledger
(:func:`roster.domain.toil_account`) is fixed by the scenario: a balance that falls below 0
or rises above the cap makes the model infeasible under TIME_OFF_IN_LIEU for that person, so the
diagnosis names it. The extra minutes themselves reach CONTRACT_HOURS through the target.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from roster.domain import toil_account
from roster.domain.rules import RuleCode
from roster.domain.toil import as_shift
from roster.model.slot.rules.request import same_shift

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel

RULE = RuleCode.TIME_OFF_IN_LIEU


def _never(m: SlotModel, e: int, name: str, day: dt.date | None) -> None:
    never = m.model.new_bool_var(name)
    m.model.add(never == 0)
    m.add_hard(RULE, e, m.model.add(never == 1), day)


def add_toil(m: SlotModel) -> None:
    sc = m.request.scenario
    day_index = {day: d for d, day in enumerate(m.index.days)}
    brk = sc.service.breaks.break_minutes
    for x in sc.extra_shifts:
        e = m.employee_index(x.employee_id)
        sv = m.shifts.get((e, day_index[x.date]))
        lits = same_shift(m, sv, as_shift(x, brk)) if sv is not None else None
        if sv is None or lits is None:
            _never(m, e, f"extra_impossible[{x.employee_id},{x.date}]", x.date)
            continue
        m.add_hard(RULE, e, m.model.add(sv.works == 1), x.date)
        for lit in lits:
            m.add_hard(RULE, e, m.model.add_bool_and([lit]), x.date)
    for e, emp in enumerate(m.index.employees):
        acc = toil_account(sc, emp)
        if acc.overdrawn or acc.over_cap:
            _never(
                m, e, f"toil_out_of_bounds[{emp.id}]", acc.lowest_date if acc.overdrawn else acc.highest_date
            )
