"""The pattern engine's solve: a proved bound and a whole roster from column generation.

:func:`pattern_solve` runs column generation at the root (the LP bound), then the dive
(an integer roster: one generated column per person, the team rules held by the master's
rows), then, on a small master, the restricted master as an integer programme over the
columns generated (price-and-branch), which can prove the roster optimal. The roster's
objective and its terms are the engine's own (the columns' costs and the master's rows,
:meth:`.master.Master.penalties`); the independent validator then checks the roster, and a
difference between the two figures is a bug the notes name.

Budgets are counted in rounds (``SearchPreset.pattern_iterations`` at the root,
``pattern_dive_iterations`` per dive step), so a run repeats exactly; the wall clock
(``pattern_share`` of the time limit) only guards, and the notes say when it stopped
the engine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from roster.domain import DETERMINISTIC_SHARE, Penalty, Roster, SolverSettings
from roster.domain.request import SolveRequest
from roster.model.columns import ExactPricerFactory
from roster.model.params import SearchPreset
from roster.model.pattern.generation import Generator, StopSignal
from roster.model.pattern.local import (
    best_responses,
    cover_kicks,
    fairness_kicks,
    team_breaks,
    warm_start,
)
from roster.validation import ValidationReport, validate

log = logging.getLogger(__name__)

RMP_CELLS = 2_000_000
"""The restricted master is solved as an integer programme only while columns x rows stay below
this: on the branch library (1,349 columns, 2,100 rows) HiGHS's branch and cut found no roster
in 560 s, its root alone past any node budget."""


@dataclass
class PatternStart:
    """What the pattern engine gives a solve."""

    bound: int
    """Proved lower bound on the objective (0 when nothing was proved)."""
    lp_value: float
    converged: bool
    roster: Roster | None
    """One column per person (None when the engine could not make one)."""
    objective: int | None
    """The engine's own objective of ``roster`` (its columns' costs and its master's rows)."""
    seconds: float
    notes: list[str] = field(default_factory=list)
    penalties: tuple[Penalty, ...] = ()
    """The engine's own terms of the objective of ``roster``."""
    report: ValidationReport | None = None
    """The independent validator's report of ``roster``."""
    optimal: bool = False
    """The roster is proved optimal (its objective meets the bound)."""
    stats: dict[str, float] = field(default_factory=dict)
    """Where the time went and what pricing did (seconds, calls), for the notes and benchmarks."""

    @property
    def publishable(self) -> bool:
        return self.roster is not None and self.report is not None and not self.report.hard_violations


def pattern_solve(
    request: SolveRequest,
    settings: SolverSettings,
    preset: SearchPreset,
    stop: StopSignal | None = None,
    *,
    exact: ExactPricerFactory | None = None,
    stage: Callable[[str], None] | None = None,
) -> PatternStart:
    """Column generation's bound, then the dive's roster, within the preset's budgets.

    ``stop`` (set by Ctrl-C) ends column generation; the dive then rounds at once.
    ``exact`` prices a person whose rosters the dynamic programmes cannot hold exactly (the
    slot model's person-alone solve)."""
    began = time.perf_counter()
    guard = preset.pattern_share * settings.time_limit
    budget = (
        preset.pattern_work_share * settings.deterministic_time / DETERMINISTIC_SHARE
        if settings.deterministic_time is not None
        else float("inf")
    )
    """The engine's budget of work (units of about a reference second, :mod:`.work`), from the
    deterministic budget alone (``roster solve --time-limit L`` gives ``DETERMINISTIC_SHARE x L``,
    so the engine's share of L): the phases end on it, and the wall clock (``guard``) only
    guards, so a longer guard never changes the roster."""
    gen = Generator(
        request,
        settings,
        pricing_budget=preset.pattern_pricing_deterministic_time,
        adaptive=preset.pattern_adaptive_alpha,
        stop=stop,
        lp=preset.pattern_lp,
        exact=exact,
        root_gap=preset.pattern_root_gap,
        stage=stage,
    )
    gen.work_end = preset.pattern_root_share * budget
    root = preset.pattern_root_share * guard  # the rest of the guard is the dive's
    if not gen.master.team.presence:
        # not where supervision or lone working applies: from everyone's favourites the pass
        # breaks them (branch library 735,900, control room 9.5 million), and on the branch
        # library the root then ended lower and the roster was half as costly again
        warm_start(gen, preset.pattern_warm_sweeps, root)
    value, converged = gen.generate(preset.pattern_iterations, root)
    root_iterations = gen.iterations
    bound = gen.result(value, converged).lower_bound
    notes: list[str] = []
    root_seconds = gen.elapsed()
    how = (
        f"LP solved in {root_iterations} rounds"
        if converged
        else f"bound within {preset.pattern_root_gap:.1%} of the LP after {root_iterations} rounds"
        if gen.stopped_near
        else f"LP not solved after {root_iterations} rounds"
    )
    notes.append(
        f"pattern engine: bound {bound:,} ({how}, {len(gen.master.columns)} rosters generated, "
        f"{root_seconds:.1f} s)"
    )
    solved = converged or gen.stopped_near
    # the dive leaves a share of what is left to the best responses that follow it; from an LP
    # the root did not solve, it rounds at once: its steps re-priced the people left for
    # rounds that would not end, and the budget they took is the root's (library-leisure: bound
    # 4,833 -> 6,958, roster 19,707 -> 19,593; the branch library 6,419 -> 6,508, 9,375 -> 8,895,
    # medians of seeds 0-2)
    gen.work_end = budget - preset.pattern_sweep_share * (budget - gen.work) if solved else gen.work
    gen.dive(
        guard - preset.pattern_sweep_share * (guard - gen.elapsed()),
        preset.pattern_dive_iterations,
        worse=preset.pattern_dive_worse,
    )
    gen.work_end = budget
    dive_seconds = gen.elapsed() - root_seconds
    if stop is not None and stop.is_set():
        notes.append("interrupted: the pattern engine's dive was cut short")
    pick = {e: c for e, c in gen.fixed.items()}
    penalties = gen.master.penalties(pick)
    objective = sum(p.cost for p in penalties)
    rounded = (
        ", rounded from the root's LP, not solved"
        if not solved
        else f", {gen.rounded} people rounded at its budget"
        if gen.rounded
        else ""
    )
    notes.append(f"pattern engine: roster {objective:,} from the dive ({dive_seconds:.1f} s{rounded})")
    if preset.pattern_sweeps > 0 and not (stop is not None and stop.is_set()):
        # the best responses have their share of the work even when the root or the dive ran past
        # theirs (a round of pricing is not cut short): on a service short of cover they turn the
        # dive's roster into the one that counts
        gen.work_end = max(budget, gen.work + preset.pattern_sweep_share * budget)
        before = objective
        dived = dict(pick)
        broken = team_breaks(gen, pick)
        pick, moves = best_responses(gen, pick, guard, preset.pattern_sweeps)
        responded = sum(p.cost for p in gen.master.penalties(pick))
        if moves:
            # a team rule broken weighs more than any soft cost: the objective may rise as they mend
            left = team_breaks(gen, pick) if broken else 0
            mended = f", team rules broken {broken} -> {left}" if broken else ""
            notes.append(
                f"pattern engine: {moves} people re-planned against the rest, objective "
                f"{before:,} -> {responded:,}{mended}"
            )
        # moves of several people, for what no one person's best response lowers: cover short
        # where everyone able to fill it is needed where they are (the CCTV control room at seed
        # 0: 129,558 -> 28,588), FAIRNESS's maximum (library-leisure: 25,518 -> 21,078)
        gen.work_end = gen.work + preset.pattern_kick_share * budget
        pick, covered = cover_kicks(gen, pick, guard, preset.pattern_kicks)
        kicked = sum(p.cost for p in gen.master.penalties(pick)) if covered else responded
        if covered:
            notes.append(
                f"pattern engine: {covered} move{'s' if covered > 1 else ''} of several people for cover "
                f"short, objective "
                f"{responded:,} -> {kicked:,}"
            )
        pick, kept = fairness_kicks(gen, pick, guard, preset.pattern_kicks)
        if pick != dived:  # sideways moves (no change of objective) change the terms too
            penalties = gen.master.penalties(pick)
            objective = sum(p.cost for p in penalties)
        if kept:
            notes.append(
                f"pattern engine: {kept} move{'s' if kept > 1 else ''} of several people for FAIRNESS's "
                f"maximum, objective "
                f"{kicked:,} -> {objective:,}"
            )
    small = len(gen.master.columns) * gen.master.lp.rows_count() <= RMP_CELLS
    # over the columns of an LP the root did not solve, the integer programme proves nothing and
    # its branch and cut, timed by the wall clock alone, took the rest of the guard (22 s of a
    # 39 s library roster in a year plan, where the whole roster then took 14 s)
    if objective > bound and small and solved and not (stop is not None and stop.is_set()):
        # its branch and cut is stopped by the wall clock alone, so it gets a share of its own:
        # on the CCTV control room it found nothing in the 20 s left of the guard
        rmp_end = min(guard, gen.elapsed() + preset.pattern_rmp_share * settings.time_limit)
        better = gen.restricted_master(preset.pattern_rmp_nodes, objective, rmp_end)
        if better is not None:
            alt = gen.master.penalties(better)
            cost = sum(p.cost for p in alt)
            if cost < objective:
                notes.append(
                    f"pattern engine: {cost:,} from the restricted master over "
                    f"{len(gen.master.columns)} rosters"
                )
                pick, penalties, objective = better, alt, cost
    left = preset.pattern_iterations - root_iterations
    if objective > bound and gen.stopped_near and left > 0 and not gen.over(guard):
        # the roster is in hand: column generation goes on at the root to prove more
        gen.restore_root()
        before = gen.iterations
        value, converged = gen.generate(left, guard)
        proved = gen.result(value, converged).lower_bound
        if proved > bound:
            notes.append(
                f"pattern engine: bound {proved:,} after {gen.iterations - before} more rounds at the root"
            )
            bound = proved
    if gen.guarded and not (stop is not None and stop.is_set()):
        notes.append(
            f"the wall-clock guard of {guard:.0f} s stopped the pattern engine before its budget of "
            "work: this roster may differ from a run on a faster machine"
        )
    shifts = sorted(
        (s for c in pick.values() for s in gen.master.columns[c].roster.shifts),
        key=lambda s: (s.employee_id, s.date),
    )
    roster = Roster(shifts=tuple(shifts))
    report = validate(request.scenario, roster, request)
    if report.objective != objective:
        notes.append(
            f"ENGINE AND VALIDATOR DISAGREE: the pattern engine's objective is {objective:,}, the "
            f"validator's {report.objective:,} (a bug: please report it with the scenario)"
        )
    if report.hard_violations:
        rules = sorted({v.rule for v in report.hard_violations})
        notes.append(f"pattern engine: its roster breaks {', '.join(rules)}; the slot model repairs it")
    stats = {
        "root_seconds": root_seconds,
        "dive_seconds": dive_seconds,
        "lp_seconds": gen.lp_seconds,
        "pricing_seconds": gen.pricing_seconds,
        "root_iterations": float(root_iterations),
        "dive_rounded": float(gen.rounded),
        "columns": float(len(gen.master.columns)),
        "team_rows": float(len(gen.master.team_rows)),
        "fallback_people": float(sum(1 for p in gen.pricers if p.fallback_calls)),
        "fallback_calls": float(sum(p.fallback_calls for p in gen.pricers)),
        "fallback_seconds": sum(p.fallback_seconds for p in gen.pricers),
        "rest_people": float(sum(1 for p in gen.pricers if p.rich)),
        "work": gen.work,
    }
    if stats["fallback_calls"]:
        notes.append(
            f"pattern engine: {int(stats['fallback_people'])} people priced by the slot model's "
            f"person-alone solve {int(stats['fallback_calls'])} times ({stats['fallback_seconds']:.1f} s): "
            + "; ".join(
                f"{gen.index.employees[p.e].id} ({', '.join(sorted(p.broken))})"
                for p in gen.pricers
                if p.fallback_calls
            )
        )
    log.info("; ".join(notes))
    return PatternStart(
        bound,
        value,
        converged,
        roster,
        objective,
        time.perf_counter() - began,
        notes,
        tuple(penalties),
        report,
        optimal=objective <= bound,
        stats=stats,
    )
