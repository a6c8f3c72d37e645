"""FAIRNESS (soft): no one person absorbs the changes; unpopular shifts are shared.

docs/rules.md, FAIRNESS; POLICY.md section 1. Over self-rostered people::

    fairness_max  x max_e (fairness_base + gave_way_e) x P_e
  + unpopular_max x max_e U_e

``P_e`` is person e's PREFERENCES cost. ``U_e`` counts, for each shift of e
and each unpopular pattern whose weekdays include the shift's date, 1 if
``start < starts_before`` or ``end > ends_after`` (minutes of the date; a
shift matching both halves of one pattern counts once for it).

Each max is one objective term, not a per-person cost: its penalty carries no
employee (as in the solver's breakdown) and its detail names the people who
reach the maximum.
"""

from __future__ import annotations

from roster.domain import Penalty
from roster.domain.rules import RuleCode
from roster.timegrid import weekday_name
from roster.validation.context import Context, ShiftView

RULE = RuleCode.FAIRNESS


def _unpopular_hits(ctx: Context, v: ShiftView) -> int:
    weekday = weekday_name(v.date)
    hits = 0
    for pat in ctx.scenario.service.unpopular:
        if weekday not in pat.weekdays:
            continue
        early = pat.starts_before is not None and v.start < pat.starts_before
        late = pat.ends_after is not None and v.end > pat.ends_after
        hits += early or late
    return hits


def unpopular_counts(ctx: Context) -> dict[str, int]:
    """``U_e`` for every self-rostered person."""
    return {
        emp.id: sum(_unpopular_hits(ctx, v) for v in ctx.of(emp.id))
        for emp in ctx.scenario.employees
        if emp.pattern == "self"
    }


def _argmax(values: dict[str, int]) -> tuple[int, str]:
    top = max(values.values(), default=0)
    return top, ", ".join(k for k, x in values.items() if x == top)


def check_fairness(ctx: Context, preference_cost: dict[str, int]) -> list[Penalty]:
    """The two FAIRNESS terms, given ``P_e`` per self-rostered person."""
    sc = ctx.scenario
    w = sc.weights
    scaled = {e: (w.fairness_base + sc.gave_way(e)) * p for e, p in preference_cost.items()}
    worst, who = _argmax(scaled)
    most, whom = _argmax(unpopular_counts(ctx))
    penalties = [
        Penalty(
            rule=RULE,
            detail=f"largest weighted preference cost ({who})",
            measure=worst,
            weight=w.fairness_max,
        ),
        Penalty(
            rule=RULE,
            detail=f"most unpopular shifts for one person ({whom})",
            measure=most,
            weight=w.unpopular_max,
        ),
    ]
    return [p for p in penalties if p.cost]
