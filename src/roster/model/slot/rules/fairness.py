"""FAIRNESS: no one person absorbs the changes; unpopular patterns are shared.

Over self-rostered people (POLICY.md section 1):

* ``fairness_max x max_e (fairness_base + gave_way_e) x P_e``, where ``P_e`` is
  person e's PREFERENCES cost; a person who gave way in earlier rosters weighs
  more, so the solver favours them this time;
* ``unpopular_max x max_e U_e``, where ``U_e`` counts, for each shift of e and
  each unpopular pattern on that weekday, 1 if the shift starts before
  ``starts_before`` or ends after ``ends_after``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.rules import RuleCode
from roster.model.slot.variables import LinearExpr
from roster.timegrid import weekday_name

if TYPE_CHECKING:
    from roster.model.slot.formulation import SlotModel


def add_fairness(m: SlotModel) -> None:
    w = m.weights
    sc = m.scenario
    selfs = [e for e, emp in enumerate(m.index.employees) if emp.pattern == "self"]
    if not selfs:
        return
    scaled = [(w.fairness_base + sc.gave_way(m.index.employees[e].id)) * m.preference_cost[e] for e in selfs]
    worst = m.max_of("fairness[max preference cost]", scaled, 0, 10**12)
    m.add_term(RuleCode.FAIRNESS, worst, w.fairness_max, None, None, "largest weighted preference cost")

    counts = [unpopular_count(m, e) for e in selfs]
    most = m.max_of("fairness[most unpopular shifts]", counts, 0, 10**6)
    m.add_term(RuleCode.FAIRNESS, most, w.unpopular_max, None, None, "most unpopular shifts for one person")


def unpopular_count(m: SlotModel, e: int) -> LinearExpr:
    """How many of person ``e``'s shifts match an unpopular pattern (early start, late finish...)."""
    sc = m.scenario
    g = m.index.slot
    hits: list[LinearExpr] = []
    for sv in m.shifts_of(e):
        day = weekday_name(sv.window.date)
        for k, pat in enumerate(sc.service.unpopular):
            if day not in pat.weekdays:
                continue
            parts: list[LinearExpr] = []
            if pat.starts_before is not None:
                sb = pat.starts_before
                parts.append(sum(v for i, v in sv.start.items() if sv.window.minute(i, g) < sb))
            if pat.ends_after is not None:
                ea = pat.ends_after
                parts.append(sum(v for j, v in sv.end.items() if sv.window.minute(j, g) > ea))
            if len(parts) == 1:
                hits.append(parts[0])
            elif parts:
                hits.append(m.max_of(f"unpopular[{e},{sv.window.day},{k}]", parts, 0, 1))
    return sum(hits)
