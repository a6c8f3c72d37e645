"""The pattern engine's part in a solve: a proved bound and a whole roster from column generation.

:func:`pattern_start` runs column generation at the root (the LP bound), then the
dive (an integer roster: one generated column per person), and checks that roster
with the independent validator. The pipeline (:mod:`roster.model.pipeline`) starts
the slot model's search from it and reports the better of the two bounds.

Budgets are counted in rounds (``SearchPreset.pattern_iterations`` at the root,
``pattern_dive_iterations`` per dive step), so a run repeats exactly; the wall clock
(``pattern_share`` of the time limit) only guards, and the notes say when it stopped
the engine.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from roster.domain import Roster, SolverSettings, is_young
from roster.domain.request import SolveRequest
from roster.domain.rules import RuleCode
from roster.model.columns import ExactPricerFactory
from roster.model.params import SearchPreset
from roster.model.pattern.generation import Generator, StopSignal
from roster.validation import ValidationReport, validate

log = logging.getLogger(__name__)

PROBE_ROUNDS = 3
"""Rounds of column generation after which ``auto`` checks that the DP priced everyone exactly."""


def unsupported(request: SolveRequest) -> list[str]:
    """Why the pattern engine cannot plan ``request`` on its own: rules its master does not hold.

    The bound stays valid without them (each only removes rosters or adds non-negative
    cost), but a roster chosen without them is a poor start, so the search starts from
    the hand-built roster instead.
    """
    sc = request.scenario
    out: list[str] = []
    safety = sc.service.safety
    supervised = any(
        safety.trainee_skill in e.skills or any(is_young(e.date_of_birth, d) for d in sc.service.days)
        for e in sc.employees
    )
    if safety.supervision and supervised:
        out.append(f"{RuleCode.SUPERVISION} (trainees and under-18s supervised)")
    if safety.min_on_site > 1:
        out.append(f"{RuleCode.LONE_WORKING} (at least {safety.min_on_site} on site)")
    if any(js.handover_minutes > 0 for js in sc.job_shares):
        out.append(f"{RuleCode.JOB_SHARE} (handover overlap)")
    return out


@dataclass
class PatternStart:
    """What the pattern engine gives a solve."""

    bound: int
    """Proved lower bound on the objective (0 when nothing was proved)."""
    lp_value: float
    converged: bool
    roster: Roster | None
    """The dive's roster when it passes every hard rule; else None (the search starts as before)."""
    objective: int | None
    """The validator's objective of ``roster``."""
    seconds: float
    notes: list[str] = field(default_factory=list)
    report: ValidationReport | None = None
    """The validator's report of ``roster`` (the pipeline returns it as is when nothing polishes it)."""


class PricingNotExact(Exception):
    """The DP relaxes a rule that binds for some people (``auto`` then leaves the engine out)."""

    def __init__(self, broken: dict[str, set[str]]) -> None:
        self.broken = broken
        who = "; ".join(f"{p} ({', '.join(sorted(r))})" for p, r in sorted(broken.items()))
        super().__init__(
            f"its dynamic-programming pricing does not hold every rule that binds here: {who}"
        )


def pattern_bound_start(
    request: SolveRequest, settings: SolverSettings, preset: SearchPreset, stop: StopSignal | None = None,
    exact: ExactPricerFactory | None = None,
) -> PatternStart:
    """Column generation for its bound alone, with no roster: for a scenario whose team rules
    the master does not hold (``unsupported``). The bound stays valid (each such rule only
    removes rosters), and the slot model's search, which holds them, makes the roster.
    Budget: ``pattern_iterations`` rounds, ``pattern_bound_share`` of the time limit as guard."""
    began = time.perf_counter()
    guard = preset.pattern_bound_share * settings.time_limit
    gen = Generator(request, settings, pricing_budget=preset.pattern_pricing_deterministic_time, stop=stop,
                    lp=preset.pattern_lp, exact=exact)
    value, converged = gen.generate(preset.pattern_iterations, guard)
    bound = gen.result(value, converged).lower_bound
    rounds = gen.iterations
    how = f"LP solved in {rounds} rounds" if converged else f"LP not solved after {rounds} rounds"
    notes = [f"pattern engine, bound only (the roster is the slot model's): bound {bound:,} ({how}, "
             f"{gen.elapsed():.1f} s)"]
    if not converged and gen.iterations < preset.pattern_iterations and gen.elapsed() >= guard:
        notes.append(f"the wall-clock guard of {guard:.0f} s stopped column generation: the bound may "
                     "differ from a run on a faster machine")
    log.info("; ".join(notes))
    return PatternStart(bound, value, converged, None, None, time.perf_counter() - began, notes)


def pattern_start(
    request: SolveRequest,
    settings: SolverSettings,
    preset: SearchPreset,
    stop: StopSignal | None = None,
    *,
    exact_only: bool = False,
    exact: ExactPricerFactory | None = None,
) -> PatternStart:
    """Column generation's bound, then the dive's roster, within the preset's budgets.

    ``stop`` (set by Ctrl-C) ends column generation; the dive then rounds at once.
    ``exact_only``: raise :class:`PricingNotExact` as soon as the DP's roster of someone
    breaks a rule the DP relaxes (each such person would be priced by CP-SAT, seconds a
    round), after the first rounds: how ``auto`` decides the engine fits the scenario."""
    began = time.perf_counter()
    guard = preset.pattern_share * settings.time_limit
    gen = Generator(
        request, settings, pricing_budget=preset.pattern_pricing_deterministic_time, stop=stop,
        lp=preset.pattern_lp, exact=exact,
    )
    root = preset.pattern_root_share * guard  # the rest of the guard is the dive's
    value, converged = gen.generate(min(preset.pattern_iterations, PROBE_ROUNDS) if exact_only
                                    else preset.pattern_iterations, root)
    if exact_only and gen.fallbacks():
        raise PricingNotExact(gen.fallbacks())
    if not converged and gen.iterations < preset.pattern_iterations:
        value, converged = gen.generate(preset.pattern_iterations - gen.iterations, root)
    root_iterations = gen.iterations
    bound = gen.result(value, converged).lower_bound
    notes: list[str] = []
    if not converged and root_iterations < preset.pattern_iterations and gen.elapsed() >= root:
        notes.append(
            f"the wall-clock guard of {root:.0f} s stopped column generation after {root_iterations} "
            "rounds: the bound and roster may differ from a run on a faster machine"
        )
    root_seconds = gen.elapsed()
    how = (
        f"LP solved in {root_iterations} rounds" if converged
        else f"LP not solved after {root_iterations} rounds"
    )
    notes.append(
        f"pattern engine: bound {bound:,} ({how}, {len(gen.master.columns)} rosters generated, "
        f"{root_seconds:.1f} s)"
    )
    node = preset.pattern_dive_iterations if converged else preset.pattern_dive_iterations_unsolved
    chosen = gen.dive(guard, node, worse=preset.pattern_dive_worse)
    if stop is not None and stop.is_set():
        notes.append("interrupted: the pattern engine's dive was cut short")
    elif gen.elapsed() >= guard:
        notes.append(
            f"the wall-clock guard of {guard:.0f} s stopped the pattern engine: this roster may differ "
            "from a run on a faster machine"
        )
    shifts = sorted(
        (s for col in chosen.values() for s in col.roster.shifts), key=lambda s: (s.employee_id, s.date)
    )
    roster = Roster(shifts=tuple(shifts))
    report = validate(request.scenario, roster, request)
    objective: int | None = report.objective
    if report.hard_violations:
        rules = sorted({v.rule for v in report.hard_violations})
        notes.append(
            f"pattern engine: its roster breaks {', '.join(rules)} (rules its master does not hold); "
            "the search starts from the hand-built roster"
        )
        out_roster: Roster | None = None
        objective = None
    else:
        out_roster = roster
        notes.append(
            f"pattern engine: roster {report.objective:,} from the dive "
            f"({gen.elapsed() - root_seconds:.1f} s)"
        )
    log.info("; ".join(notes))
    return PatternStart(
        bound, value, converged, out_roster, objective, time.perf_counter() - began, notes,
        report if out_roster is not None else None,
    )
