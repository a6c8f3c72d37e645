"""Solve a request with any formulation: first roster, repair, search, status, diagnosis.

The steps, the same for every formulation (:mod:`roster.model.formulation`):

0. **Pattern engine** (``engine`` ``auto`` or ``pattern``): column generation over
   person rosters proves a lower bound, and its dive and best responses build a
   whole roster (:mod:`roster.model.pattern.engine`), whatever rules apply (team
   rules are rows of its master). The better of its bound and the search's is
   reported (``SolveResult.bound_source``).
1. **First roster**: the pattern engine's roster, else the request's base roster
   with its pins applied, or the formulation's hand-built roster
   (:meth:`Formulation.first_roster`); in a re-solve the base with its pins
   whenever it costs no more than the pattern engine's roster.
2. **Repair**: the independent validator names the people whose own hard
   rules that roster breaks; each is re-planned by a small solve of that
   person alone (their own rules, wishes and pins; no cover).
3. **Completion**: the repaired roster fixes the shift variables and one quick
   solve fills in the rest (cover gaps, maxima); that complete solution is the
   search's first solution and hint. When a team rule still breaks, the search
   starts without it and the result says so.
4. **Search**: CP-SAT with a preset (:mod:`roster.model.params`): the
   large-neighbourhood search alone for large teams, the complete interleaved
   portfolio for small ones.
4b. **Person sweep**: unless the search proved its optimum, each self-rostered
   person is re-solved with everyone else's shifts fixed, keeping each
   improvement (``SearchPreset.polish_*``).
5. **Status**: the objective recomputed from the returned values, the roster
   and its penalties; or, with no roster, the diagnosis
   (:mod:`roster.model.explain`).

Deterministic: with ``settings.deterministic_time`` every CP-SAT solve in here
stops on CP-SAT's deterministic clock (the wall clock only guards), uses
``settings.workers`` threads, and the same inputs, seed and workers give the
same roster. ``stop`` (an event, e.g. set by Ctrl-C) ends the search and
returns the best roster found so far; OR-Tools' own SIGINT handler is never
installed (``catch_sigint_signal = False``).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from ortools.sat.python import cp_model

from roster.domain import (
    BoundSource,
    Engine,
    ProgressPoint,
    Roster,
    RosterSource,
    Scenario,
    SolveResult,
    SolverSettings,
    Status,
)
from roster.domain.request import SolveRequest, apply_pins, roster_changes
from roster.domain.rules import TEAM_CODES, RuleCode
from roster.model.cpsat import Progress, sub_solver
from roster.model.cpsat import ProgressHook as ProgressHook
from roster.model.cpsat import StopSignal as StopSignal
from roster.model.cpsat import found as _found
from roster.model.cpsat import run as _run
from roster.model.cpsat import solver_parameters as solver_parameters
from roster.model.formulation import Formulation, FormulationFactory, StageHook
from roster.model.params import DEFAULT_PRESET, SearchPreset
from roster.model.pattern.engine import PatternStart, pattern_solve
from roster.model.pattern.generation import PatternBound
from roster.model.pattern.generation import pattern_bound as _pattern_bound
from roster.model.pattern.size import estimate as pattern_estimate
from roster.model.person_sweep import person_sweep
from roster.model.slot.formulation import SlotModel
from roster.model.slot.pricing import PersonPricer
from roster.validation import validate

log = logging.getLogger(__name__)

FORMULATIONS: dict[str, FormulationFactory] = {"slot": SlotModel}
"""Every formulation by name (``SolveResult.formulation``)."""

ENGINES = tuple(e.value for e in Engine)
"""The engine selector's values (:class:`roster.domain.Engine`): ``auto``, the pattern engine then
the slot model's search where it can help; ``pattern``, the pattern engine; ``slot``, the slot
model's search alone (from the hand-built roster)."""


class _BuildStopped(Exception):
    """Raised from the build's stage hook: stopped, with the pattern engine's roster to return."""


class _Pipeline:
    """One solve's state: the request, its formulation, the clock and the progress."""

    def __init__(
        self,
        request: SolveRequest,
        settings: SolverSettings,
        progress: ProgressHook | None,
        stop: StopSignal | None,
        formulation: str,
        preset: SearchPreset,
        stage: StageHook | None = None,
        engine: Engine | str = Engine.AUTO,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine {engine!r}: one of {', '.join(ENGINES)}")
        self.engine = Engine(engine)
        self.pattern: PatternStart | None = None
        self.request = request
        self.stage = stage
        self.settings = settings
        self.progress = progress
        self.stop = stop
        self.formulation = formulation
        self.factory = FORMULATIONS[formulation]
        self.preset = preset
        self.began = time.perf_counter()
        self.points: list[ProgressPoint] = []
        self.notes: list[str] = []

    def elapsed(self) -> float:
        return time.perf_counter() - self.began

    def left(self) -> float:
        return self.settings.time_limit - self.elapsed()

    def emit(self, objective: float, bound: float | None) -> None:
        proved = self.pattern.bound if self.pattern is not None else 0
        if proved and (bound is None or proved > bound):
            bound = float(proved)  # the pattern engine's bound holds for every roster
        point = ProgressPoint(seconds=self.elapsed(), objective=objective, bound=bound)
        self.points.append(point)
        if self.progress is not None:
            self.progress(point)

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _building(self, line: str) -> None:
        """The build's stage lines; a stop with the pattern engine's roster in hand ends the build."""
        if self.stopped and self.pattern is not None and self.pattern.publishable:
            raise _BuildStopped
        if self.stage is not None:
            self.stage(line)

    # -- 1 and 2: first roster and repair -----------------------------------------
    def start_roster(self, f: Formulation) -> Roster:
        """The pattern engine's roster, or in a re-solve the base with its pins when that costs no
        more: the search then starts next to the manager's roster and moves only what pays."""
        pattern = self.pattern.roster if self.pattern is not None else None
        base = self.request.base
        if base is not None:
            pinned = apply_pins(self.request, base)
            if pattern is None or self._start_cost(pinned) <= self._start_cost(pattern):
                if pattern is not None:
                    self.notes.append(
                        "re-solve: the search starts from the roster amended (its pins applied), "
                        "which costs no more than the pattern engine's"
                    )
                return pinned
        if pattern is not None:
            return pattern  # a team rule it breaks is left to the completion
        return apply_pins(self.request, f.first_roster())

    def _start_cost(self, roster: Roster) -> tuple[int, int]:
        """A first roster's standing: hard rules broken (count), then the objective (the validator's)."""
        report = validate(self.request.scenario, roster, self.request)
        return len(report.hard_violations), report.objective

    def repair(self, f: Formulation, roster: Roster) -> Roster:
        """Re-plan alone each person whose own hard rules ``roster`` breaks.

        Team rules (supervision, lone working, job shares) are not repaired: when
        they break, the search starts cold. Measured on the CCTV scenario: leaving
        everyone on shift on the dates involved to the completing solve took 60 s;
        leaving only the supervised and the lone people took 2 s, but the search
        from that roster ended at 125,528 against 42,848 from a cold start.
        """
        report = validate(self.request.scenario, roster, self.request)
        bad = {v.employee_id for v in report.hard_violations if v.employee_id and v.rule not in TEAM_CODES}
        if not bad:
            return roster
        sc = self.request.scenario
        # The budget: deterministic seconds in a deterministic solve (so the same people are
        # re-planned on any machine), else wall seconds; the wall clock always guards.
        deterministic = self.settings.deterministic_time is not None
        allowed = self.preset.repair_share * (
            self.settings.deterministic_time
            if self.settings.deterministic_time is not None
            else self.settings.time_limit
        )
        guard = self.settings.time_limit * self.preset.repair_share
        began = time.perf_counter()
        spent = 0.0
        shifts = list(roster.shifts)
        for emp in sc.employees:
            if emp.id not in bad or emp.pattern != "self":
                continue
            wall = time.perf_counter() - began
            if self.stopped or spent >= allowed or wall > guard:
                log.info("first roster: no time left to re-plan %s and later people", emp.id)
                if wall > guard and deterministic:
                    self.notes.append(
                        "the wall-clock guard stopped the first roster's repair: this roster may differ "
                        "from a run on a faster machine"
                    )
                break
            own, work = self._alone(emp.id, guard - wall)
            spent += work if deterministic else time.perf_counter() - began - wall
            if own is None:
                continue  # the person cannot be rostered alone: the diagnosis will say why
            shifts = [s for s in shifts if s.employee_id != emp.id] + list(own.shifts)
            log.info(
                "first roster: %s re-planned alone (%s)",
                emp.id,
                ", ".join(sorted({v.rule for v in report.hard_violations if v.employee_id == emp.id})),
            )
        log.info(
            "first roster: repair spent %.2f of %.2f (%s)",
            spent,
            allowed,
            "deterministic s" if deterministic else "s",
        )
        return Roster(shifts=tuple(sorted(shifts, key=lambda s: (s.employee_id, s.date))))

    def _alone(self, employee_id: str, guard: float) -> tuple[Roster | None, float]:
        """One person's roster by a small solve of that person alone (or None), and the
        deterministic seconds it took.

        One strategy with the person's wishes is quickest when it works. Without the
        objective, an interleaved portfolio found in 0.06 s a legal roster that one
        strategy missed in 5 deterministic seconds (Curtois Instance19, person C).
        """
        alone = self.factory(self.request.for_person(employee_id))
        solver = sub_solver(self.settings, {}, interleave=False)
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = self.preset.alone_deterministic_time
        solver.parameters.max_time_in_seconds = max(1.0, guard)
        found = _found(_run(solver, alone.model, self.stop))
        work = solver.response_proto.deterministic_time
        if not found:
            alone.model.clear_objective()  # type: ignore[no-untyped-call]
            solver = sub_solver(self.settings, self.preset.alone)
            solver.parameters.max_deterministic_time = self.preset.alone_deterministic_time
            solver.parameters.max_time_in_seconds = max(1.0, guard)
            found = _found(_run(solver, alone.model, self.stop))
            work += solver.response_proto.deterministic_time
            if not found:
                return None, work
        return alone.extract_roster(solver), work

    # -- 3: completion -----------------------------------------------------------
    def complete(self, f: Formulation, roster: Roster) -> cp_model.CpSolver | None:
        """Fix the shifts of ``roster`` and fill in the rest; its solution becomes the hint.

        Returns the solver holding that solution, or ``None`` when the roster
        breaks a hard rule. The main search then starts from the shifts as a
        partial hint, except in a deterministic (interleaved) search: OR-Tools
        9.15 aborts ("heuristics.fixed_search != nullptr") when an interleaved
        search with a hint meets an infeasible model, so that one starts cold.
        """
        hinted = f.hint(roster)
        free = self._team_breakers(roster)
        if len(free) > self.preset.completion_free_share * len(self.request.scenario.employees):
            log.info("first roster: team rules broken by %d people; starting cold", len(free))
            f.model.clear_hints()  # type: ignore[no-untyped-call]
            if self.settings.deterministic_time is None:
                f.hint(roster)
            return None
        if free:
            # the people a team rule is broken by are left free (the completion re-plans them
            # with everyone else fixed, as the person sweep does)
            drop = {i for person in free for i in f.decision_indices(person)}
            hint = f.model.proto.solution_hint
            keep = [(v, x) for v, x in zip(hint.vars, hint.values, strict=True) if v not in drop]
            hint.vars.clear()
            hint.values.clear()
            hint.vars.extend(v for v, _ in keep)
            hint.values.extend(x for _, x in keep)
            log.info("first roster: %s left free to repair a team rule", ", ".join(sorted(free)))
        solver = sub_solver(self.settings, {}, interleave=False)
        p = solver.parameters
        p.fix_variables_to_their_hinted_value = True
        p.num_workers = 1
        # every decision fixed: quick, but a large team takes seconds
        p.max_time_in_seconds = max(1.0, self.left())
        if free and self.settings.deterministic_time is not None:
            p.max_deterministic_time = self.preset.repair_share * self.settings.deterministic_time
        status = _run(solver, f.model, self.stop)
        if not _found(status):
            log.info("first roster: the %d hinted shifts break a hard rule; starting cold", hinted)
            f.model.clear_hints()  # type: ignore[no-untyped-call]
            if self.settings.deterministic_time is None:
                f.hint(roster)
            return None
        f.hint_solution(solver)
        log.info("first roster: %d shifts, objective %.0f", hinted, solver.objective_value)
        return solver

    def _pattern_close(self) -> bool:
        """The pattern engine's roster is within ``pattern_search_gap`` of its bound."""
        p = self.pattern
        if p is None or p.objective is None or p.objective <= 0:
            return p is not None and p.objective is not None
        return (p.objective - p.bound) / p.objective <= self.preset.pattern_search_gap

    def _team_breakers(self, roster: Roster) -> set[str]:
        """The people a team rule (SUPERVISION, LONE_WORKING, JOB_SHARE, TAKEBACK_COVER) is broken by
        in ``roster``: the person named, and for lone working everyone on shift that date."""
        report = validate(self.request.scenario, roster, self.request)
        team = {RuleCode.SUPERVISION, RuleCode.LONE_WORKING, RuleCode.JOB_SHARE, RuleCode.TAKEBACK_COVER}
        out: set[str] = set()
        for v in report.hard_violations:
            if v.rule not in team:
                continue
            if v.employee_id is not None:
                out.add(v.employee_id)
            elif v.date is not None:
                out |= {s.employee_id for s in roster.shifts if s.date == v.date}
        return out

    # -- 4 and 5: search and status -----------------------------------------------
    def run_pattern(self) -> None:
        """Step 0: the pattern engine's bound and roster, unless the slot model alone is asked for."""
        if self.engine == Engine.SLOT:
            return
        size = pattern_estimate(self.request)
        limit = self.settings.memory_limit_mb or available_memory_mb()
        slow = self.preset.pattern_build_share * self.preset.pattern_share * self.settings.time_limit
        if limit is not None and size.memory_mb > limit:
            self.notes.append(
                f"pattern engine not used: its {size} would need more than the {limit:,} MB "
                f"{'allowed' if self.settings.memory_limit_mb else 'free on this machine'}"
            )
            return
        if size.build_seconds > slow:
            self.notes.append(
                f"pattern engine not used: enumerating its {size} would take about "
                f"{size.build_seconds:.0f} s, above {slow:.0f} s of the {self.settings.time_limit:g} s limit"
            )
            return
        if self.stage is not None:
            self.stage(f"pattern engine: column generation over person rosters ({size}, estimate)")
        try:
            self.pattern = pattern_solve(
                self.request, self.settings, self.preset, self.stop, exact=PersonPricer, stage=self.stage
            )
        except ValueError as err:  # a person with no roster alone: the slot model's diagnosis says why
            self.notes.append(f"pattern engine not used: {err}")
            return
        self.notes += self.pattern.notes
        if self.pattern.objective is not None and self.pattern.publishable:
            self.emit(self.pattern.objective, self.pattern.bound or None)

    def run(self) -> SolveResult:
        settings = self.settings
        sc = self.request.scenario
        self.run_pattern()
        p = self.pattern
        usable = p is not None and p.publishable
        if self.stopped and usable:
            self.notes.append("interrupted: this is the pattern engine's roster, not polished")
            return self._pattern_only()
        if p is not None and usable and p.optimal:
            self.notes.append("the pattern engine's roster meets its bound: optimal, no search needed")
            return self._pattern_only()
        if usable and self.engine == Engine.PATTERN:
            return self._pattern_only()
        if (
            p is not None
            and usable
            and p.objective is not None
            and p.bound > 0
            and (p.objective - p.bound <= self.preset.polish_gap * p.objective)
        ):
            self.notes.append(
                f"the pattern engine's roster is within {self.preset.polish_gap:.0%} of its bound: "
                "no search needed"
            )
            return self._pattern_only()
        estimate = self.factory.estimate(self.request)
        slow = self.preset.polish_build_share * settings.time_limit
        if usable and estimate.build_seconds > slow:
            self.notes.append(
                f"polishing skipped: building the slot model ({estimate}) would take about "
                f"{estimate.build_seconds:.0f} s, above {self.preset.polish_build_share:.0%} of the "
                f"{settings.time_limit:g} s limit; this is the pattern engine's roster"
            )
            return self._pattern_only()
        limit = settings.memory_limit_mb or available_memory_mb()
        if limit is not None and estimate.memory_mb > limit:
            if usable:
                self.notes.append(
                    f"polishing skipped: the slot model would need about {estimate.memory_mb:,} MB "
                    f"and {limit:,} MB is available; this is the pattern engine's roster"
                )
                return self._pattern_only()
            return self._empty(
                "MODEL_TOO_LARGE",
                int(cp_model.UNKNOWN),
                (
                    f"the model of {estimate.people} people over {sc.service.weeks} weeks needs "
                    f"about {estimate.memory_mb:,} MB and {limit:,} MB is "
                    f"{'allowed' if settings.memory_limit_mb else 'free on this machine'}; "
                    "nothing was built. Split the team into smaller rosters (by site or skill), "
                    "shorten the period, or use a machine with more memory",
                ),
            )
        if not usable and estimate.build_seconds > settings.time_limit:
            return self._empty(
                "MODEL_TOO_LARGE",
                int(cp_model.UNKNOWN),
                (
                    f"the model of {estimate.people} people over {sc.service.weeks} weeks ({estimate}) "
                    f"would take about {estimate.build_seconds:.0f} s to build, more than the "
                    f"{settings.time_limit:g} s limit; nothing was built. Give it more time (--time-limit), "
                    "or split the team into smaller rosters (by site or skill)",
                ),
            )
        if self.stage is not None:
            self.stage(f"building the model of {estimate.people} people: {estimate} (estimate)")
        try:
            f = self.factory(self.request, stage=self._building)
        except _BuildStopped:
            self.notes.append(
                "interrupted while the slot model was built: this is the pattern engine's "
                "roster, not polished"
            )
            return self._pattern_only()
        log.info("model built in %.1f s: %s", self.elapsed(), f.size())
        if self.stage is not None:
            self.stage(f"model built in {self.elapsed():.1f} s: {f.size()}; finding a first roster")
        if self.stopped and usable:
            self.notes.append("interrupted: this is the pattern engine's roster, not polished")
            return self._pattern_only()
        first: cp_model.CpSolver | None = None
        if not self.stopped:
            first = self.complete(f, self.repair(f, self.start_roster(f)))
        if first is not None:
            self.emit(first.objective_value, None)
        elif not self.stopped:
            self.notes.append("the first roster broke a hard rule; the search started without it")
        n_self = sum(1 for e in sc.employees if e.pattern == "self")
        lns_only = first is not None and n_self > self.preset.lns_only_from
        solver = solver_parameters(settings, lns_only=lns_only, preset=self.preset)
        solver.parameters.max_time_in_seconds = max(1.0, self.left())
        started = first is not None and self.pattern is not None and self.pattern.roster is not None
        if started and settings.deterministic_time is not None:
            close = self._pattern_close()
            share = self.preset.pattern_search_share if close else self.preset.pattern_far_search_share
            solver.parameters.max_deterministic_time = share * settings.deterministic_time
        status = _run(solver, f.model, self.stop, Progress(lambda p: self.emit(p.objective, p.bound)))
        best: cp_model.CpSolver | None = solver
        searched = _found(status)  # the search's bound holds for whatever roster is returned
        if not _found(status) and first is not None:
            best, status = first, int(cp_model.FEASIBLE)
        if not _found(status) and usable and self.stopped:
            # stopped while the first roster was completed: the pattern engine's roster stands
            self.notes.append("interrupted: this is the pattern engine's roster, not polished")
            return self._pattern_only()
        if self.stopped:
            self.notes.append("interrupted: the search was stopped and this is the best roster found so far")
        elif (
            settings.deterministic_time is not None
            and solver.response_proto.deterministic_time < 0.99 * solver.parameters.max_deterministic_time
            and status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
        ):
            self.notes.append(
                f"the wall-clock guard of {settings.time_limit:g} s stopped the search before its "
                f"deterministic budget: this roster may differ from a run on a faster machine"
            )
        name = cp_model.CpSolverStatus(status).name
        if best is not None and _found(status):
            far = started and not self._pattern_close()
            if not self.stopped and status != cp_model.OPTIMAL:
                if far:  # the search took the sweep's share of the time (pattern_far_search_share)
                    self.notes.append(
                        "person sweep skipped: the search had its time after a pattern roster far "
                        "from its bound"
                    )
                else:
                    best = self.polish(f, best)
            bound = max(solver.best_objective_bound, 0.0) if searched else 0.0
            return self._result(f, best, bound, name, status, started)
        diagnosis: tuple[str, ...] = ()
        if status == cp_model.INFEASIBLE:
            from roster.model.explain import diagnose

            diagnosis = tuple(diagnose(self.request, settings, self.factory, self.preset, self.stop))
        elif status == cp_model.UNKNOWN and not self.stopped:
            diagnosis = (
                f"no roster found within {settings.time_limit:g} s; give the solver more time (--time-limit)",
            )
        elif self.stopped:
            diagnosis = ("interrupted before a first roster was found",)
        return self._empty(name, status, diagnosis)

    # -- 4b: the person sweep ----------------------------------------------------------
    def polish(self, f: Formulation, best: cp_model.CpSolver) -> cp_model.CpSolver:
        """Step 4b, the person sweep (:func:`roster.model.person_sweep.person_sweep`)."""
        people = [e.id for e in self.request.scenario.employees if e.pattern == "self"]
        best, notes = person_sweep(
            f, best, people, self.settings, self.preset, self.stop, self.left, self.emit
        )
        self.notes += notes
        return best

    def _bound(self, searched: float) -> tuple[float, BoundSource]:
        """The better of the search's bound and the pattern engine's, and where it came from."""
        proved = self.pattern.bound if self.pattern is not None else 0
        if proved > searched:
            return float(proved), BoundSource.PATTERN_LP
        return searched, BoundSource.CP_SAT

    def _pattern_only(self) -> SolveResult:
        """The pattern engine's roster as the result: its own objective and terms, the validator's
        objective beside them."""
        p = self.pattern
        assert p is not None and p.roster is not None and p.objective is not None and p.report is not None
        bound, source = self._bound(0.0)
        base = self.request.base
        optimal = p.objective <= bound
        return self._value(
            Status.OPTIMAL if optimal else Status.FEASIBLE,
            int(cp_model.OPTIMAL if optimal else cp_model.FEASIBLE),
            objective=p.objective,
            best_bound=bound,
            roster=p.roster,
            penalties=p.penalties,
            changes=roster_changes(base, p.roster) if base is not None else None,
            engine=RosterSource.PATTERN,
            bound_source=source,
            checked_objective=p.report.objective,
        )

    def _result(
        self,
        f: Formulation,
        best: cp_model.CpSolver,
        bound: float,
        name: str,
        status: int,
        started: bool = False,
    ) -> SolveResult:
        penalties = f.extract_penalties(best)
        # The objective of the returned values, term by term. CP-SAT's interleaved
        # search can report the objective of an earlier solution than the values
        # it returns (seen with OR-Tools 9.15); the values are what is published.
        objective = sum(p.cost for p in penalties)
        if objective != round(best.objective_value):
            log.info("CP-SAT reported objective %.0f; its values score %d", best.objective_value, objective)
            if not self.points or objective < self.points[-1].objective:
                self.emit(objective, bound)
        roster = f.extract_roster(best)
        base = self.request.base
        bound, source = self._bound(bound)
        if status == cp_model.FEASIBLE and objective <= bound:
            name, status = "OPTIMAL", int(cp_model.OPTIMAL)  # the pattern bound meets the roster
        checked = validate(self.request.scenario, roster, self.request).objective
        if checked != objective:
            self.notes.append(
                f"ENGINE AND VALIDATOR DISAGREE: the slot model's objective is {objective:,}, the "
                f"validator's {checked:,} (a bug: please report it with the scenario)"
            )
        return self._value(
            Status(name),
            status,
            objective=objective,
            best_bound=bound,
            roster=roster,
            penalties=penalties,
            changes=roster_changes(base, roster) if base is not None else None,
            engine=RosterSource.PATTERN_SLOT if started else RosterSource.SLOT,
            bound_source=source,
            checked_objective=checked,
        )

    def _empty(self, name: str, status: int, diagnosis: tuple[str, ...]) -> SolveResult:
        return self._value(Status(name), status, objective=None, best_bound=None, diagnosis=diagnosis)

    def _value(self, name: Status, status: int, **outcome: Any) -> SolveResult:
        """The result: ``outcome`` (objective, roster, ...) and what every result carries."""
        return SolveResult(
            status=name,
            raw_status=status,
            wall_time=self.elapsed(),
            settings=self.settings,
            weights=self.request.scenario.weights,
            scenario_hash=self.request.scenario.content_hash(),
            progress=tuple(self.points),
            notes=tuple(self.notes),
            formulation=self.formulation,
            preset=self.preset.name,
            interrupted=self.stopped,
            **outcome,
        )


def solve(
    request: SolveRequest | Scenario,
    settings: SolverSettings | None = None,
    progress: ProgressHook | None = None,
    stop: StopSignal | None = None,
    *,
    formulation: str = "slot",
    preset: SearchPreset = DEFAULT_PRESET,
    stage: StageHook | None = None,
    engine: Engine | str = Engine.AUTO,
) -> SolveResult:
    """Solve ``request`` (or a bare scenario) and return a :class:`SolveResult` value.

    ``progress`` is called with each better roster; ``stop`` ends the search
    early with the best roster so far (``result.interrupted``). With
    ``settings.deterministic_time`` set the result depends only on the
    inputs, seed and workers; ``settings.time_limit`` (wall clock) is then a
    guard, and the result's notes say when it stopped the search. ``stage`` is
    told what happens before the first roster (the size estimate, the build).
    A model estimated above ``settings.memory_limit_mb`` (by default the
    memory free on this machine) is not built: the result is
    ``MODEL_TOO_LARGE`` with the estimate in its diagnosis (unless the pattern engine
    has a roster: then that roster, unpolished, and the notes say so). ``engine``:
    one of :data:`ENGINES`.
    """
    return _Pipeline(
        SolveRequest.of(request),
        settings or SolverSettings(),
        progress,
        stop,
        formulation,
        preset,
        stage,
        engine,
    ).run()


def available_memory_mb() -> int | None:
    """Memory this machine can give a new process now (Linux ``MemAvailable``), or ``None``."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20)
    except (OSError, ValueError, AttributeError):
        return None


def pattern_bound(
    request: SolveRequest | Scenario, settings: SolverSettings | None = None, **options: Any
) -> PatternBound:
    """Column generation's lower bound on ``request`` (:func:`roster.model.pattern.pattern_bound`),
    with the slot model's person-alone solve as the exact pricer."""
    options.setdefault("exact", PersonPricer)
    return _pattern_bound(request, settings, **options)
