"""JOB_SHARE: the handover overlap of two people sharing a post (POLICY.md section 6).

For each job share with ``handover_minutes`` H > 0 and each date on which both
partners can work: when both work, ``end_a - start_b >= H`` and
``end_b - start_a >= H``, i.e. their shifts overlap by at least H (real
minutes). (Each partner's 16 hours a week is checked when the scenario is read.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster.domain.rules import RuleCode

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel
    from roster.model.slot.variables import ShiftVars

RULE = RuleCode.JOB_SHARE


def add_job_share(m: SlotModel) -> None:
    person = {emp.id: e for e, emp in enumerate(m.index.employees)}
    for js in m.scenario.job_shares:
        h = js.handover_minutes
        if h <= 0:
            continue
        a, b = person[js.first], person[js.second]
        for d in range(len(m.index.days)):
            sa, sb = m.shifts.get((a, d)), m.shifts.get((b, d))
            if sa is None or sb is None:
                continue
            both = m.model.new_bool_var(f"job_share[{js.first},{js.second},{d}]")
            m.model.add(both >= sa.works + sb.works - 1)
            for x, y in ((sa, sb), (sb, sa)):
                m.add_hard(RULE, a, m.model.add(_end(x) - _start(y) >= h).only_enforce_if(both))


def _start(sv: ShiftVars) -> cp_model.LinearExpr:
    """Real minutes from 00:00 of the date to the start (the wall-clock minute but for a clock
    change that day; both partners' windows are of the same date)."""
    base = sv.midnight()
    return cp_model.LinearExpr.weighted_sum(list(sv.start.values()), [sv.real[i] - base for i in sv.start])


def _end(sv: ShiftVars) -> cp_model.LinearExpr:
    base = sv.midnight()
    return cp_model.LinearExpr.weighted_sum(list(sv.end.values()), [sv.real[j] - base for j in sv.end])
