"""Column generation over person rosters: the LP value and a proved lower bound.

Each iteration solves the master LP (:mod:`.master`), prices every person
(:mod:`.pricing`) at duals smoothed toward the best ones so far (Wentges), and
adds each column with a negative reduced cost at the LP's own duals. After
pricing everyone, the Lagrangian function at the priced duals (the relaxed rows'
constant plus each person's pricing minimum, :meth:`Master.lagrangian_constant`)
is a lower bound on the optimum of the full problem (every relaxation in the
master and the pricer drops cost or constraints, never adds them). When a
round at the LP's own duals prices nothing out, the LP relaxation is solved. Deterministic: GLOP and the
pricing solves (fixed seed, workers, deterministic budgets) repeat exactly.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

from roster.domain import Scenario, SolverSettings
from roster.domain.request import SolveRequest
from roster.model.pattern.master import Duals, Master
from roster.model.pattern.pricing import Column, PersonPricer
from roster.model.slot.index import ModelIndex

log = logging.getLogger(__name__)

TOLERANCE = 1e-6


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


def pattern_bound(
    request: SolveRequest | Scenario,
    settings: SolverSettings | None = None,
    *,
    max_iterations: int = 50,
    pricing_budget: float = 2.0,
    alpha: float = 0.5,
) -> PatternBound:
    """Run column generation on ``request`` and return its lower bound.

    ``pricing_budget`` is each pricing solve's deterministic time; a pricing solve
    stopped before optimality still gives a valid bound (CP-SAT's own bound).
    ``settings.time_limit`` guards the whole run on the wall clock. ``alpha`` is the
    Wentges smoothing weight of the best duals so far (0: price at the LP's duals).
    """
    req = SolveRequest.of(request)
    settings = settings or SolverSettings()
    began = time.perf_counter()
    index = ModelIndex.build(req.scenario)
    pricers = [PersonPricer(req, index, e) for e in range(len(index.employees))]
    master = Master(index, req.scenario)
    seen: set[tuple[int, tuple[object, ...]]] = set()

    def add(column: Column) -> bool:
        key = (column.employee, tuple(column.roster.shifts))
        if key in seen:
            return False
        seen.add(key)
        master.add(column)
        return True

    pricing = lp = 0.0
    # the first columns: each person's own cheapest roster (no duals)
    for pricer in pricers:
        t = time.perf_counter()
        first = pricer.price(settings, {}, pricing_budget)
        pricing += time.perf_counter() - t
        if first.column is None:
            raise ValueError(f"{index.employees[pricer.e].id} has no roster alone: solve it for a diagnosis")
        add(first.column)
    best = -math.inf
    history: list[tuple[float, float, float]] = []
    value = math.inf
    converged = False
    iterations = 0
    centre: Duals | None = None
    smoothing = alpha
    while iterations < max_iterations and time.perf_counter() - began < settings.time_limit:
        iterations += 1
        t = time.perf_counter()
        value, rmp = master.solve()
        lp += time.perf_counter() - t
        # Wentges smoothing: price at a point between the best duals so far and the LP's
        priced_at = rmp if centre is None or smoothing == 0 else centre.mix(rmp, smoothing)
        cover_at, cover_rmp = priced_at.cover(), rmp.cover()
        lagrangian = master.lagrangian_constant(priced_at)
        added = 0
        proved = True
        whole = True
        for pricer in pricers:
            if time.perf_counter() - began > settings.time_limit:
                whole = False  # a round cut short proves nothing: its bound is not counted
                break
            e = pricer.e
            t = time.perf_counter()
            priced = pricer.price(settings, cover_at, pricing_budget, master.fairness_prices(priced_at, e))
            pricing += time.perf_counter() - t
            lagrangian += priced.bound
            proved = proved and priced.optimal
            col = priced.column
            if col is None:
                continue
            on_pref, on_unpop = master.fairness_prices(rmp, e)
            at_rmp = (
                col.cost - sum(cover_rmp.get(r, 0.0) * a for r, a in col.cover.items())
                + on_pref * col.preference_cost + on_unpop * col.unpopular - rmp.pi[e]
            )
            if at_rmp < -TOLERANCE:
                added += add(col)
        if not whole:
            break
        if lagrangian > best:
            best, centre = lagrangian, priced_at
        history.append((time.perf_counter() - began, value, lagrangian))
        log.info("pattern: iteration %d, LP %.1f, bound %.1f (best %.1f), %d columns added",
                 iterations, value, lagrangian, best, added)
        if best >= value - 1e-6 * max(1.0, abs(value)) - 0.5:
            converged = proved  # the bound meets the LP value: nothing left to prove
            break
        if added == 0:
            if smoothing == 0:
                # priced at the LP's own duals, optimally, and nothing prices out: LP solved
                converged = proved
                break
            smoothing = 0.0  # a mispricing: the smoothed point found nothing; price at the LP's duals
        else:
            smoothing = alpha
    return PatternBound(
        lower_bound=max(0, math.ceil(best - 1e-6 * max(1.0, abs(best)))),
        lp_value=value,
        converged=converged,
        iterations=iterations,
        columns=len(master.columns),
        seconds=time.perf_counter() - began,
        history=history,
        pricing_seconds=pricing,
        lp_seconds=lp,
    )
