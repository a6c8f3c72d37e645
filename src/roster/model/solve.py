"""Solve a scenario with CP-SAT and return a :class:`SolveResult` value."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from ortools.sat.python import cp_model

from roster.domain import (
    Penalty,
    ProgressPoint,
    Roster,
    Scenario,
    Shift,
    SolveResult,
    SolverSettings,
)
from roster.model.builder import RosterModel
from roster.model.warmstart import PlannedShift, add_hints, planned_roster, planned_shifts, roster_plan
from roster.timegrid import to_datetime
from roster.validation import validate

log = logging.getLogger(__name__)

ProgressHook = Callable[[ProgressPoint], None]


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, hook: ProgressHook | None) -> None:
        super().__init__()
        self.points: list[ProgressPoint] = []
        self.hook = hook

    def on_solution_callback(self) -> None:
        point = ProgressPoint(
            seconds=self.wall_time, objective=self.objective_value, bound=self.best_objective_bound
        )
        self.points.append(point)
        if self.hook is not None:
            self.hook(point)


LNS_ONLY_FROM = 8
"""Teams with more self-rostered people than this are improved by neighbourhood search only."""
SMALL_TEAM_STRATEGIES = 16
"""Interleaved strategies for a small team's complete search (measured on scenarios/tiny)."""


def solver_parameters(settings: SolverSettings, lns_only: bool = False) -> cp_model.CpSolver:
    """A CP-SAT solver configured from ``settings``.

    With ``deterministic_time`` set the search is interleaved and stopped on
    CP-SAT's deterministic clock, so the same inputs, seed and workers give the
    same roster; the wall-clock ``time_limit`` then only guards against a slow
    machine.

    ``lns_only``: once a complete first roster is in hand, a large team is
    improved by CP-SAT's large-neighbourhood search alone (``use_lns_only``).
    Measured on the 35-person contact centre (2 cores, deterministic budget
    10 s, about 50 s wall): objective 3,985 this way against about 970,000
    with the full interleaved portfolio, whose complete-search workers spend
    the budget on a weak LP. A small team keeps the complete search, which
    proves its optimum.
    """
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = settings.workers
    p.random_seed = settings.seed
    p.max_time_in_seconds = settings.time_limit
    p.relative_gap_limit = settings.relative_gap
    p.log_search_progress = settings.log_progress
    # Probing in presolve costs tens of seconds on the break constraints of a
    # 35-person roster and buys little; measured in benchmarks/.
    p.cp_model_probing_level = 0
    if settings.deterministic_time is not None:
        p.max_deterministic_time = settings.deterministic_time
        p.interleave_search = True
        if not lns_only:
            # The interleaved portfolio is deterministic whatever the thread count;
            # with fewer than 8 strategies it misses the ones that close small models.
            p.num_workers = max(settings.workers, SMALL_TEAM_STRATEGIES)
    p.use_lns_only = lns_only
    return solver


def extract_roster(rm: RosterModel, solver: cp_model.CpSolver) -> Roster:
    idx = rm.index
    g = idx.slot
    shifts: list[Shift] = []
    for (e, _), sv in sorted(rm.shifts.items(), key=lambda kv: (idx.employees[kv[0][0]].id, kv[0][1])):
        if not solver.boolean_value(sv.works):
            continue
        w = sv.window
        start = next(w.minute(i, g) for i, v in sv.start.items() if solver.boolean_value(v))
        end = next(w.minute(j, g) for j, v in sv.end.items() if solver.boolean_value(v))
        brk = [w.minute(i, g) for i, v in sv.brk.items() if solver.boolean_value(v)]
        bs = to_datetime(w.date, brk[0]) if brk else None
        be = bs + timedelta(minutes=sv.break_slots * g) if bs is not None else None
        shifts.append(
            Shift(
                employee_id=idx.employees[e].id,
                date=w.date,
                start=to_datetime(w.date, start),
                end=to_datetime(w.date, end),
                break_start=bs,
                break_end=be,
            )
        )
    return Roster(shifts=tuple(shifts))


def extract_penalties(rm: RosterModel, solver: cp_model.CpSolver) -> tuple[Penalty, ...]:
    out: list[Penalty] = []
    for t in rm.terms:
        measure = int(solver.value(t.expr))
        if measure and t.weight:
            out.append(
                Penalty(
                    rule=t.rule,
                    employee_id=t.employee_id,
                    date=t.date,
                    detail=t.detail,
                    measure=measure,
                    weight=t.weight,
                )
            )
    return tuple(out)


def warm_start(
    rm: RosterModel, settings: SolverSettings, seconds: float | None = None
) -> cp_model.CpSolver | None:
    """Complete the hand-built roster into a full solution, then hint all of it.

    The roster from :mod:`roster.model.warmstart` fixes the shift variables;
    one quick single-worker solve fills in the rest (cover gaps, maxima). That
    complete solution becomes the hint of the main search, which then starts
    from a published-quality roster instead of searching for the contracts.
    Returns the solver holding that solution, or ``None`` when the hand-built
    roster breaks a hard rule. The main search then starts from the shifts as a
    partial hint, except in a deterministic (interleaved) search: OR-Tools
    9.15 aborts ("heuristics.fixed_search != nullptr") when an interleaved
    search with a hint meets an infeasible model, so that one starts cold.
    """
    began = time.perf_counter()
    seconds = settings.time_limit if seconds is None else seconds
    planned = _repaired_plan(rm, settings, seconds / 2)
    hinted = add_hints(rm, planned)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.fix_variables_to_their_hinted_value = True
    p.num_workers = 1
    p.random_seed = settings.seed
    # all variables fixed: quick, but large teams take seconds
    p.max_time_in_seconds = max(1.0, seconds - (time.perf_counter() - began))
    status = solver.solve(rm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        log.info("warm start: the %d hinted shifts break a hard rule; starting cold", hinted)
        rm.model.clear_hints()  # type: ignore[no-untyped-call]
        if settings.deterministic_time is None:
            add_hints(rm, planned)
        return None
    rm.model.clear_hints()  # type: ignore[no-untyped-call]
    for i in range(len(rm.model.proto.variables)):
        var = rm.model.get_int_var_from_proto_index(i)
        rm.model.add_hint(var, solver.value(var))
    log.info("warm start: %d shifts, objective %.0f", hinted, solver.objective_value)
    return solver


TEAM_RULES = frozenset({"SUPERVISION", "LONE_WORKING", "JOB_SHARE", "UNKNOWN"})
"""Hard rules of more than one person: a person planned alone cannot be blamed for them."""


def _alone_solver(settings: SolverSettings, guard: float, strategies: int) -> cp_model.CpSolver:
    """A small deterministic solve of one person over 1 deterministic second.

    One strategy with the person's wishes is quickest when it works. Without the
    objective, 8 interleaved strategies found in 0.06 s a legal roster that one
    strategy missed in 5 deterministic seconds (Curtois Instance19, person C).
    """
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = strategies
    p.interleave_search = strategies > 1
    p.random_seed = settings.seed
    # stopped on the deterministic clock; the wall clock is only a guard
    p.max_deterministic_time = 1.0
    p.max_time_in_seconds = max(1.0, guard)
    return solver


def _repaired_plan(
    rm: RosterModel, settings: SolverSettings, seconds: float
) -> dict[tuple[int, int], PlannedShift]:
    """The hand-built plan, with each person whose own plan breaks a hard rule re-planned
    by a small solve of that person alone (their own rules and wishes, no cover).

    The hand rules know contracts, wishes, shift types and young workers' hours; a
    person's rest across the roster start, successions, limits or the 48-hour average
    can still defeat them. The independent validator finds who. Team rules
    (supervision, lone working) are not repaired here: when they break, the search
    starts cold. Measured on the CCTV scenario: leaving everyone on shift on the
    dates involved to the completing solve took 60 s; leaving only the supervised
    and the lone people took 2 s, but the search from that roster ended at 125,528
    against 42,848 from a cold start (a supervisor gap it never closed).
    """
    idx = rm.index
    planned = planned_shifts(idx)
    report = validate(rm.scenario, planned_roster(idx, planned))
    bad = {v.employee_id for v in report.hard_violations if v.employee_id and v.rule not in TEAM_RULES}
    began = time.perf_counter()
    for e, emp in enumerate(idx.employees):
        if emp.id not in bad or emp.pattern != "self":
            continue
        left = seconds - (time.perf_counter() - began)
        if left <= 0:
            log.info("warm start: no time left to re-plan %s and later people", emp.id)
            break
        alone = RosterModel(rm.scenario.for_person(emp.id))
        solver = _alone_solver(settings, left, 1)
        if solver.solve(alone.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Tight limits (e.g. the Curtois instances): any legal roster, by a portfolio.
            alone.model.clear_objective()  # type: ignore[no-untyped-call]
            solver = _alone_solver(settings, left, 8)
            if solver.solve(alone.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                continue  # the person cannot be rostered alone: the diagnosis will say why
        for key in [k for k in planned if k[0] == e]:
            del planned[key]
        for (_, d), ps in roster_plan(idx, extract_roster(alone, solver)).items():
            planned[(e, d)] = ps
        log.info("warm start: %s re-planned alone (%s)", emp.id, ", ".join(sorted(
            {v.rule for v in report.hard_violations if v.employee_id == emp.id})))
    return planned


def solve(
    scenario: Scenario,
    settings: SolverSettings | None = None,
    progress: ProgressHook | None = None,
) -> SolveResult:
    """Build and solve the model; diagnose the hard rules when no roster exists.

    A hand-built roster (:mod:`roster.model.warmstart`), completed by a quick
    solve with its shifts fixed, is the first solution and the hint; CP-SAT's
    search then improves it (see :func:`solver_parameters`). With
    ``settings.deterministic_time`` set the result depends only on the
    inputs, seed and workers; ``settings.time_limit`` (wall clock) is then a
    guard, and the result's notes say when it stopped the search.
    """
    settings = settings or SolverSettings()
    began = time.perf_counter()
    points: list[ProgressPoint] = []

    def emit(objective: float, bound: float | None) -> None:
        point = ProgressPoint(seconds=time.perf_counter() - began, objective=objective, bound=bound)
        points.append(point)
        if progress is not None:
            progress(point)

    rm = RosterModel(scenario)
    log.info("model built in %.1f s: %s", time.perf_counter() - began, _size(rm))
    warm = warm_start(rm, settings, settings.time_limit - (time.perf_counter() - began))
    if warm is not None:
        emit(warm.objective_value, None)

    def relay(p: ProgressPoint) -> None:
        emit(p.objective, p.bound)

    n_self = sum(1 for e in scenario.employees if e.pattern == "self")
    solver = solver_parameters(settings, lns_only=warm is not None and n_self > LNS_ONLY_FROM)
    remaining = settings.time_limit - (time.perf_counter() - began)
    solver.parameters.max_time_in_seconds = max(1.0, remaining)
    status = solver.solve(rm.model, _Progress(relay))
    best: cp_model.CpSolver | None = solver
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and warm is not None:
        best, status = warm, cp_model.FEASIBLE
    name = cp_model.CpSolver().status_name(status)
    wall = time.perf_counter() - began
    notes: list[str] = []
    if warm is None:
        notes.append("the hand-built first roster broke a hard rule; the search started without it")
    if settings.deterministic_time is not None and solver.response_proto.deterministic_time < (
        0.99 * settings.deterministic_time
    ) and status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
        notes.append(
            f"the wall-clock guard of {settings.time_limit:g} s stopped the search before its "
            f"deterministic budget: this roster may differ from a run on a faster machine"
        )
    if best is not None and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = max(solver.best_objective_bound, 0.0) if best is solver else 0.0
        penalties = extract_penalties(rm, best)
        # The objective of the returned values, term by term. CP-SAT's interleaved
        # search can report the objective of an earlier solution than the values
        # it returns (seen with OR-Tools 9.15); the values are what is published.
        objective = sum(p.cost for p in penalties)
        if objective != round(best.objective_value):
            log.info("CP-SAT reported objective %.0f; its values score %d", best.objective_value, objective)
            if not points or objective < points[-1].objective:
                emit(objective, bound)
        return SolveResult(
            status=name,
            raw_status=int(status),
            objective=objective,
            best_bound=bound,
            wall_time=wall,
            settings=settings,
            weights=scenario.weights,
            scenario_hash=scenario.content_hash(),
            roster=extract_roster(rm, best),
            penalties=penalties,
            progress=tuple(points),
            notes=tuple(notes),
        )
    diagnosis: tuple[str, ...] = ()
    if status == cp_model.INFEASIBLE:
        from roster.model.explain import diagnose

        diagnosis = tuple(diagnose(scenario, settings))
    elif status == cp_model.UNKNOWN:
        diagnosis = (
            f"no roster found within {settings.time_limit:g} s; give the solver more time "
            "(--time-limit)",
        )
    return SolveResult(
        status=name,
        raw_status=int(status),
        objective=None,
        best_bound=None,
        wall_time=time.perf_counter() - began,
        settings=settings,
        weights=scenario.weights,
        scenario_hash=scenario.content_hash(),
        diagnosis=diagnosis,
        progress=tuple(points),
        notes=tuple(notes),
    )


def _size(rm: RosterModel) -> str:
    proto = rm.model.proto
    return f"{len(proto.variables)} variables, {len(proto.constraints)} constraints"
