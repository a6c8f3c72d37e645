"""Column generation over person rosters: the LP value and a proved lower bound.

Each iteration solves the master LP (:mod:`.master`), prices every person
(:mod:`.pricing`) at duals smoothed toward the best ones so far (Wentges), and
adds each column with a negative reduced cost at the LP's own duals. After
pricing everyone, the Lagrangian function at the priced duals (the relaxed rows'
constant plus each person's pricing minimum, :meth:`Master.lagrangian_constant`)
is a lower bound on the optimum of the full problem (every relaxation in the
master and the pricer drops cost or constraints, never adds them). When a
round at the LP's own duals prices nothing out, the LP relaxation is solved. Deterministic: the LP
solves and the pricing solves (fixed seed, workers, deterministic budgets) repeat exactly.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from roster.domain import Scenario, SolverSettings
from roster.domain.request import SolveRequest
from roster.model.columns import (
    Column,
    ExactPricerFactory,
    Footprint,
    PersonPrices,
    Priced,
)
from roster.model.index import ModelIndex
from roster.model.pattern.master import Duals, Master
from roster.model.pattern.pricing import TOLERANCE, Pricing

log = logging.getLogger(__name__)


class StopSignal(Protocol):
    def is_set(self) -> bool: ...


STAGE_EVERY = 2.0
"""Seconds between two progress lines (as the slot model's build tells its stages)."""

STALL = 0.001
STALL_ROUNDS = 3
"""A dive step's re-pricing stops after ``STALL_ROUNDS`` rounds in which the LP value fell by
less than ``STALL`` of itself (measured on the CCTV control room: most of a step's 30 rounds
moved the LP by hundredths of a percent)."""

RMP_ROUNDS = 8
"""Integer solves of the restricted master, each after the rows its last answer broke were added
(the contact centre: 3, with 10 cover rows added)."""

CUT_GAP = 0.02
"""At the root, team rows are looked for once the bound is within this share of the LP value
(and when no column prices out): rows added earlier would be re-priced round after round."""


ALPHA_LOW, ALPHA_HIGH = 0.1, 0.95
"""The range of the Wentges weight at the root when it adapts (:func:`_adapted`)."""


def _adapted(alpha: float, improved: bool) -> float:
    """The Wentges weight for the next round: 0.1 less after a round whose smoothed duals raised the
    best bound (the step was safe: the next goes further toward the LP's duals), a fifth of the way
    to 1 more after one that did not (the duals overshoot). No one fixed weight suited every
    service: 0.8 raised library-leisure's bound at 40 s more than this does and took the contact
    centre twice the rounds (docs/performance.md has them measured)."""
    if improved:
        return max(ALPHA_LOW, alpha - 0.1)
    return min(ALPHA_HIGH, alpha + 0.2 * (1 - alpha))


@dataclass
class PatternBound:
    """What column generation proved."""

    lower_bound: int
    """The best bound over the iterations, rounded up (objectives are integers)."""
    lp_value: float
    """The last master LP value (an upper bound on the LP relaxation's optimum)."""
    converged: bool
    """No column priced out and every pricing solve was optimal: the LP relaxation is solved."""
    iterations: int
    columns: int
    seconds: float
    history: list[tuple[float, float, float]] = field(default_factory=list)
    """Per iteration: (seconds, LP value, Lagrangian bound)."""
    pricing_seconds: float = 0.0
    lp_seconds: float = 0.0
    exact_prices: int = 0
    """Pricing calls the DP answered exactly (its roster passed every person rule)."""
    fallback_prices: int = 0
    """Pricing calls that needed the person-alone CP-SAT solve (the DP's roster broke a rule it relaxes)."""
    pool: list[Column] = field(default_factory=list)
    """Every column generated (each a roster that meets the person's own rules, or a relaxed one)."""


class Generator:
    """Column generation's state: the master, each person's pricing, the columns seen.

    :meth:`generate` runs rounds of pricing until the LP is solved, a bound is proved
    or the budget ends; :meth:`dive` then fixes people to columns one round at a time,
    re-pricing the rest, until everyone has one (an integer roster).
    """

    def __init__(
        self,
        request: SolveRequest,
        settings: SolverSettings,
        *,
        pricing: str = "dp",
        pricing_budget: float = 1.0,
        alpha: float = 0.5,
        adaptive: bool = True,
        stop: StopSignal | None = None,
        lp: str = "highs",
        exact: ExactPricerFactory | None = None,
        root_gap: float = 0.0,
        stage: Callable[[str], None] | None = None,
    ) -> None:
        self.stop = stop
        self.stage = stage
        self._told = -math.inf
        self.request, self.settings = request, settings
        self.pricing_budget, self.alpha = pricing_budget, alpha
        self.adaptive = adaptive
        """The Wentges weight adapts round by round at the root (:func:`_adapted`); ``alpha`` is
        where it starts."""
        self.began = time.perf_counter()
        self.index = ModelIndex.build(request.scenario)
        self.pricers = [
            Pricing(request, self.index, e, exact, pricing) for e in range(len(self.index.employees))
        ]
        self.master = Master(self.index, request.scenario, lp)
        self.seen: dict[tuple[int, tuple[object, ...]], int] = {}
        """(person, shifts) -> the column's index in the master."""
        self.by_person: list[list[int]] = [[] for _ in self.index.employees]
        """Each person's columns (indices into ``master.columns``)."""
        self.fixed: dict[int, int] = {}
        """Person -> the column the dive fixed them to."""
        self.barred: set[int] = set()
        """Columns the dive tried and undid."""
        self.centre: Duals | None = None
        """The duals of the best bound so far (Wentges' stability centre)."""
        self.pricing_seconds = self.lp_seconds = 0.0
        self.work = 0.0
        """Deterministic work so far (:mod:`.work`): the phases' budgets are counted in it."""
        self.work_end = math.inf
        """The present phase's budget of work (the engine sets it; inf: none)."""
        self.guarded = False
        """The wall-clock guard ended a phase before its budget of work."""
        self.best = -math.inf
        self.history: list[tuple[float, float, float]] = []
        self.iterations = 0
        self.rows_added = 0
        self.cut_at = -1
        """The round team rows were last looked for at the root."""
        self.root_gap = root_gap
        self.rounded = 0
        """People the dive fixed by rounding, past its budget (0: it fixed everyone by steps)."""
        self.stopped_near = False
        """Column generation stopped with the bound within ``root_gap`` of the LP value."""
        zero = PersonPrices(np.zeros(self.master.requirements))
        for n, pricer in enumerate(self.pricers):
            self.tell(f"first rosters, {n} of {len(self.pricers)} people")
            first = self._priced(pricer, settings, zero, pricing_budget)
            if first.column is None:
                raise ValueError(
                    f"{self.index.employees[pricer.e].id} has no roster alone: solve it for a diagnosis"
                )
            self.add(first.column)

    def elapsed(self) -> float:
        return time.perf_counter() - self.began

    def tell(self, line: str) -> None:
        """A progress line for the coordinator's terminal, at most every ``STAGE_EVERY`` seconds."""
        if self.stage is not None and time.perf_counter() - self._told >= STAGE_EVERY:
            self._told = time.perf_counter()
            self.stage(f"pattern engine: {line}")

    def over(self, deadline: float) -> bool:
        """Past the phase's budget of work (:attr:`work_end`), past ``deadline`` on the wall clock
        (seconds from the start: the guard, which sets :attr:`guarded`), or stopped from outside."""
        if self.stop is not None and self.stop.is_set():
            return True
        if self.work >= self.work_end:
            return True
        if self.elapsed() >= deadline:
            self.guarded = True
            return True
        return False

    def _priced(
        self, pricer: Pricing, settings: SolverSettings, prices: PersonPrices, budget: float
    ) -> Priced:
        """One pricing call, its time and its work counted."""
        t = time.perf_counter()
        before = pricer.work
        priced = pricer.price(settings, prices, budget)
        self.work += pricer.work - before
        self.pricing_seconds += time.perf_counter() - t
        return priced

    def add(self, column: Column, footprint: Footprint | None = None) -> bool:
        self.pricers[column.employee].has_column = True
        key = (column.employee, tuple(column.roster.shifts))
        if key in self.seen:
            return False
        self.seen[key] = len(self.master.columns)
        self.by_person[column.employee].append(len(self.master.columns))
        self.master.add(column, footprint)
        return True

    def column_index(self, column: Column) -> int:
        """The master's index of ``column`` (added first when it is new)."""
        self.add(column)
        return self.seen[(column.employee, tuple(column.roster.shifts))]

    def solve_lp(self, separate: int = 20) -> tuple[float, Duals]:
        """Solve the master; while its solution breaks team rows, add them and solve again (at
        most ``separate`` times)."""
        t = time.perf_counter()
        before = self.master.lp.work
        out = self.master.solve()
        while self.master.separate_cover():  # cover rows come in as the LP would break them
            out = self.master.solve()
        # in the dive, rows of the people fixed so far: where the LP's mixtures of the others
        # break a team row, the later steps decide (measured on the CCTV control room: every
        # row the LP broke made 681 rows and a dive twice as slow)
        only = set(self.fixed) if self.fixed else None
        for _ in range(separate):
            added = self.master.separate(only=only)
            self.rows_added += added
            if not added:
                break
            out = self.master.solve()
        self.lp_seconds += time.perf_counter() - t
        self.work += self.master.lp.work - before
        return out

    def _cut(self) -> bool:
        """Add the team rows the LP's solution breaks; whether there were any."""
        added = self.master.separate()
        self.rows_added += added
        if added:
            log.info("pattern: %d team rows added (%d in all)", added, len(self.master.team_rows))
        return added > 0

    def fallbacks(self) -> dict[str, set[str]]:
        """Person id -> the rules the DP's rosters broke, for everyone the DP could not price exactly."""
        return {self.index.employees[p.e].id: p.broken for p in self.pricers if p.broken}

    def generate(self, max_iterations: int, deadline: float) -> tuple[float, bool]:
        """Rounds of pricing over the people not fixed; (last LP value, LP solved).

        With nobody fixed, each whole round's Lagrangian value at the priced duals is a
        lower bound on the full problem, kept in ``best`` (the best over rounds).
        """
        root = not self.fixed
        master, settings = self.master, self.settings
        value = math.inf
        centre: Duals | None = self.centre if root else None  # a later call goes on where one stopped
        smoothing = self.alpha if root else 0.0
        lowest = math.inf
        stalled = 0
        for _ in range(max_iterations):
            if self.over(deadline):
                return value, False
            self.iterations += 1
            # team rows are added once the LP is nearly solved at the root (price first, cut
            # later), and after each step of the dive
            value, rmp = self.solve_lp(separate=0)
            priced_at = rmp if centre is None or smoothing == 0 else centre.mix(rmp, smoothing)
            cover_at, cover_rmp = master.cover_prices(priced_at), master.cover_prices(rmp)
            lagrangian = master.lagrangian_constant(priced_at)
            added = 0
            proved = whole = True
            for pricer in self.pricers:
                e = pricer.e
                if e in self.fixed:
                    continue
                if self.over(deadline):
                    whole = False  # a round cut short proves nothing: its bound is not counted
                    break
                priced = self._priced(
                    pricer, settings, master.prices(priced_at, cover_at, e), self.pricing_budget
                )
                lagrangian += priced.bound
                proved = proved and priced.optimal
                col = priced.column
                if col is None:
                    continue
                fp = master.team.footprint(col)
                worth = master.prices(rmp, cover_rmp, e).worth(col, fp, master.g)
                if col.cost - worth - float(rmp.pi[e]) < -TOLERANCE:
                    added += self.add(col, fp)
            if not whole:
                return value, False
            if not root:
                # in the dive, a step's re-pricing ends once the LP has stopped falling
                if value < lowest - STALL * max(1.0, abs(lowest)):
                    lowest, stalled = value, 0
                else:
                    stalled += 1
                    if stalled >= STALL_ROUNDS:
                        return value, False
            if root:
                if self.adaptive and smoothing > 0:
                    self.alpha = _adapted(self.alpha, lagrangian > self.best)
                if lagrangian > self.best:
                    self.best = lagrangian
                    centre = self.centre = priced_at
                self.history.append((self.elapsed(), value, lagrangian))
                log.info(
                    "pattern: iteration %d, LP %.1f, bound %.1f (best %.1f), %d columns added",
                    self.iterations,
                    value,
                    lagrangian,
                    self.best,
                    added,
                )
                self.tell(
                    f"round {self.iterations}, LP {value:,.0f}, bound {max(self.best, 0):,.0f}, "
                    f"{len(self.master.columns):,} rosters"
                )
                near = self.best >= value - CUT_GAP * max(1.0, abs(value))
                if near and self.cut_at != self.iterations - 1 and self._cut():
                    self.cut_at = self.iterations
                    continue  # team rows the LP breaks, added once the bound is near: the LP may rise
                if self.best >= value - 1e-6 * max(1.0, abs(value)) - 0.5:
                    return value, proved  # the bound meets the LP value: nothing left to prove
                if self.best >= value - self.root_gap * max(1.0, abs(value)):
                    self.stopped_near = True
                    return value, False  # the bound is within root_gap of the LP: enough
            if added == 0:
                if smoothing == 0:
                    if root and self._cut():
                        continue
                    # priced at the LP's own duals, optimally, and nothing prices out: LP solved
                    return value, proved
                smoothing = 0.0  # a mispricing: the smoothed point found nothing; price at the LP's duals
            else:
                smoothing = self.alpha if root else 0.0
        return value, False

    def dive(
        self,
        deadline: float,
        node_iterations: int = 10,
        retries: int = 3,
        worse: float = 0.05,
        batch: float = 0.1,
    ) -> dict[int, Column]:
        """Fix people to columns until everyone has one; each round re-prices the rest.

        A round fixes every person whose best column has LP value 1 (within 1e-6) and,
        when there is none, the ``batch`` share of the people left (at least one) whose
        best columns are nearest to 1. A fix that raises the LP value by more than
        ``worse`` (a share of it) is undone: a batch is then fixed one person at a time,
        and a single person's column is barred, up to ``retries`` times a round (limited
        backtracking: on ``scenarios/tiny`` one such fix left a gap no later choice could
        close). Past the deadline (or the work budget: at once where the root's LP was not
        solved), everyone left takes their column of largest LP value
        (rounding; how many is :attr:`rounded`).
        """
        people = len(self.index.employees)
        supervised = set(self.master.team.supervised_days)
        value, _ = self.solve_lp()
        tries = 0
        single = False
        while len(self.fixed) < people:
            values = self.master.values()
            top: dict[int, tuple[float, int]] = {}
            for c, col in enumerate(self.master.columns):
                e = col.employee
                if e in self.fixed or c in self.barred:
                    continue
                if e not in top or values[c] > top[e][0] + 1e-9:
                    top[e] = (values[c], c)
            late = self.over(deadline)
            chosen = dict(top) if late else {e: vc for e, vc in top.items() if vc[0] >= 1 - 1e-6}
            if late:
                self.rounded = len(chosen)
            fractional = not chosen
            if fractional:
                size = 1 if single else max(1, math.ceil(batch * (people - len(self.fixed))))
                # the supervised are fixed last, around their supervisors' fixed rosters (fixed
                # first, a trainee's roster left no supervisors' rosters to fit it: on the CCTV
                # control room the LP went from 23,052 to 7.6 million and the dive never recovered)
                free = [e for e in top if e not in supervised] or list(top)
                near = sorted(free, key=lambda x: (-top[x][0], x))[:size]
                chosen = {e: top[e] for e in near}
            for e, (_, c) in sorted(chosen.items()):
                self._fix(e, c)
            log.info("pattern dive: %d of %d people fixed", len(self.fixed), people)
            self.tell(f"dive, {len(self.fixed)} of {people} people fixed, LP {value:,.0f}")
            if late:
                break  # everyone is fixed (rounded): no LP to re-solve
            if len(self.fixed) < people:
                self.generate(node_iterations, deadline)
            after, _ = self.solve_lp()
            if fractional and after > value + worse * max(1.0, abs(value)):
                for e, (_, c) in chosen.items():
                    self._unfix(e, c)
                if len(chosen) > 1:
                    single = True  # the batch cost too much: one person at a time this round
                    log.info(
                        "pattern dive: fixing %d people raised the LP %.0f -> %.0f; one at a time",
                        len(chosen),
                        value,
                        after,
                    )
                    value, _ = self.solve_lp()
                    continue
                if tries < retries:
                    ((e, (_, c)),) = chosen.items()
                    self.master.bar(c)
                    self.barred.add(c)
                    tries += 1
                    log.info(
                        "pattern dive: fixing %s raised the LP %.0f -> %.0f; barred, retrying",
                        self.index.employees[e].id,
                        value,
                        after,
                    )
                    value, _ = self.solve_lp()
                    continue
                for e, (_, c) in chosen.items():  # out of retries: keep the fix
                    self._fix(e, c)
                after, _ = self.solve_lp()
            value, tries, single = after, 0, False
        return {e: self.master.columns[c] for e, c in self.fixed.items()}

    def restore_root(self) -> None:
        """Undo the dive: every person free again, no column barred (the root's master, with
        every column and row generated since), so column generation can go on proving."""
        for e, c in list(self.fixed.items()):
            self._unfix(e, c)
        for c in sorted(self.barred):
            self.master.unfix(c)
        self.barred.clear()
        self.root_gap = 0.0

    def restricted_master(self, nodes: int, cutoff: float, deadline: float) -> dict[int, int] | None:
        """The restricted master as an integer programme over every column generated (HiGHS's
        branch and cut, at most ``nodes`` nodes, rosters costing less than ``cutoff`` only):
        person -> column, or None when it found nothing better. Cover rows and team rows its
        answer breaks that are not in the master yet are added and it is solved again (at most
        ``RMP_ROUNDS`` times): without the cover rows the LP never needed, its answer on the
        contact centre was 65,602, where the whole pool holds 2,602."""
        master = self.master
        if nodes <= 0 or not master.columns:
            return None
        for _ in range(RMP_ROUNDS):
            left = deadline - self.elapsed()
            if left <= 1.0 or self.over(deadline):
                return None
            t = time.perf_counter()
            before = master.lp.work
            chosen = master.integer_solve(nodes, cutoff, left)
            self.lp_seconds += time.perf_counter() - t
            self.work += master.lp.work - before
            if chosen is None:
                return None
            if master.separate_cover(chosen):
                continue  # rows the LP never needed: its answer may cost more than it saw
            lam = np.zeros(len(master.columns))
            for c in chosen.values():
                lam[c] = 1.0
            under = master.unders(chosen)
            rows = master.team.violated(lam, master.columns, master.footprints, master.by_person, under, 2000)
            if not rows:
                return chosen
            for row in rows:
                master.add_team_row(row)
            self.rows_added += len(rows)
        return None

    def _fix(self, e: int, c: int) -> None:
        """Person ``e`` takes column ``c``; their other columns are barred while it holds
        (convexity leaves them at 0 anyway: barred, the simplex no longer prices them)."""
        self.fixed[e] = c
        self.master.fix(c)
        for k in self.columns_of(e):
            if k != c and k not in self.barred:
                self.master.bar(k)

    def _unfix(self, e: int, c: int) -> None:
        del self.fixed[e]
        self.master.unfix(c)
        for k in self.columns_of(e):
            if k != c and k not in self.barred:
                self.master.unfix(k)

    def columns_of(self, e: int) -> list[int]:
        return self.by_person[e]

    def result(self, value: float, converged: bool) -> PatternBound:
        best = self.best
        return PatternBound(
            # no whole round within the budget (best still -inf): nothing proved
            lower_bound=max(0, math.ceil(best - 1e-6 * max(1.0, abs(best)))) if math.isfinite(best) else 0,
            lp_value=value,
            converged=converged,
            iterations=self.iterations,
            columns=len(self.master.columns),
            seconds=self.elapsed(),
            history=self.history,
            pricing_seconds=self.pricing_seconds,
            lp_seconds=self.lp_seconds,
            pool=list(self.master.columns),
            exact_prices=sum(p.exact_calls for p in self.pricers),
            fallback_prices=sum(p.fallback_calls for p in self.pricers),
        )


def pattern_bound(
    request: SolveRequest | Scenario,
    settings: SolverSettings | None = None,
    *,
    max_iterations: int = 50,
    pricing_budget: float = 2.0,
    alpha: float = 0.5,
    adaptive: bool = True,
    pricing: str = "dp",
    lp: str = "highs",
    exact: ExactPricerFactory | None = None,
) -> PatternBound:
    """Run column generation on ``request`` and return its lower bound.

    ``pricing_budget`` is each pricing solve's deterministic time; a pricing solve
    stopped before optimality still gives a valid bound (CP-SAT's own bound).
    ``settings.time_limit`` guards the whole run on the wall clock. ``alpha`` is the
    Wentges smoothing weight of the best duals so far (0: price at the LP's duals), where it
    starts when ``adaptive`` (:func:`_adapted`), throughout when not.
    ``pricing``: ``"dp"`` (dynamic programming, the CP-SAT pricer where its roster breaks a
    relaxed rule) or ``"cp-sat"`` (the person-alone CP-SAT solve throughout). ``lp``: the master's
    LP solver, one of :data:`.master.LP_SOLVERS` (HiGHS's simplex by default). ``exact``: the
    exact pricer (the slot model's person-alone solve, :func:`roster.model.pattern_bound` passes
    it).
    """
    settings = settings or SolverSettings()
    gen = Generator(
        SolveRequest.of(request),
        settings,
        pricing=pricing,
        pricing_budget=pricing_budget,
        alpha=alpha,
        adaptive=adaptive,
        lp=lp,
        exact=exact,
    )
    value, converged = gen.generate(max_iterations, settings.time_limit)
    value, _ = gen.solve_lp()  # the columns of the last round get their LP values
    return gen.result(value, converged)
