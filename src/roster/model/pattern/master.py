"""The master LP: one convex combination of roster columns per person, cover with slack.

    min  Σ_c cost_c λ_c + Σ_r (w_under g under_r + w_over g over_r)
    s.t. Σ_{c of e} λ_c = 1                         (convexity, dual π_e)
         Σ_c a_rc λ_c + under_r >= min_r            (dual μ_r >= 0)
         Σ_c a_rc λ_c - over_r  <= max_r            (dual ν_r <= 0)
         Σ_c b_lc λ_c + under_l >= req_l, ... <= req_l   (SHIFT_COVER line l, same duals)
         F - k_e Σ_{c of e} pref_c λ_c >= 0         (FAIRNESS, per self-rostered e; dual σ_e)
         U - Σ_{c of e} unpopular_c λ_c >= 0        (dual τ_e)
         λ, under, over, F, U >= 0

with ``fairness_max F + unpopular_max U`` in the objective: the largest weighted
preference cost and the most unpopular shifts, linear over the columns.

``a_rc`` is 1 when column c is present (on shift, not on break) in requirement r's
slot; ``b_lc`` is 1 when column c works line l's shift type on its date (and holds its
skill). A SHIFT_COVER line's rows are numbered after the slot requirements
(:func:`.days.shift_rows`), with its own weights per head. The team rules are not in it
yet: each only removes rosters, so leaving them out keeps every bound valid
(docs/pattern.md).

Solved with HiGHS (``highspy``), kept between solves: a round adds columns and the
simplex goes on from the last basis. GLOP through ``pywraplp`` starts again after any
change (1.2-3.3 s a solve on Curtois Instance 13's master at 4,727 columns). Measured on
Instance 13 at 1,677 columns: 0.47 s a warm HiGHS solve with the primal simplex, 1.17 s
with the dual, 0.65 s GLOP; over column generation at the root, 27.4 s of LP with HiGHS
against 34.8 s with GLOP, and 0.9 s against 4.1 s on the contact centre (docs/pattern.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np
from ortools.linear_solver import pywraplp

from roster.domain import Scenario
from roster.model.pattern.days import shift_rows
from roster.model.pattern.pricing import Column
from roster.model.slot.index import ModelIndex


@dataclass
class Duals:
    """A dual vector of the master: convexity ``pi``, cover ``mu`` (minimum rows, >= 0) and
    ``nu`` (maximum rows, <= 0), fairness ``sigma`` (preference-cost rows) and ``tau``
    (unpopular rows), both >= 0."""

    pi: list[float]
    mu: dict[int, float] = field(default_factory=dict)
    nu: dict[int, float] = field(default_factory=dict)
    sigma: dict[int, float] = field(default_factory=dict)
    tau: dict[int, float] = field(default_factory=dict)

    def cover(self) -> dict[int, float]:
        """``d_r = mu_r + nu_r``: what one person present in requirement r is worth."""
        out: dict[int, float] = {}
        for part in (self.mu, self.nu):
            for r, v in part.items():
                out[r] = out.get(r, 0.0) + v
        return {r: v for r, v in out.items() if abs(v) > 1e-9}

    def mix(self, other: Duals, alpha: float) -> Duals:
        """``alpha x self + (1 - alpha) x other`` (Wentges smoothing toward a stability centre)."""

        def blend(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
            return {k: alpha * a.get(k, 0.0) + (1 - alpha) * b.get(k, 0.0) for k in set(a) | set(b)}

        return Duals(
            [alpha * x + (1 - alpha) * y for x, y in zip(self.pi, other.pi, strict=True)],
            blend(self.mu, other.mu),
            blend(self.nu, other.nu),
            blend(self.sigma, other.sigma),
            blend(self.tau, other.tau),
        )


class MasterError(RuntimeError):
    """The LP solver did not solve the master (it always has a solution: the slacks make it feasible)."""


INF = float("inf")


class _Highs:
    """HiGHS (``highspy``): the model kept between solves, the dual simplex warm from the last basis."""

    def __init__(self) -> None:
        # The core class, not ``highspy.Highs``: that wrapper enables Python callbacks as it is
        # constructed, which prints HiGHS's banner to the process's stdout before any option
        # can silence it (the roster CLI's output must stay its own); the methods are the same.
        h = self.h = highspy._Highs()  # type: ignore[attr-defined]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("presolve", "off")
        h.setOptionValue("solver", "simplex")
        self.rows = self.cols = 0
        self.bounds_changed = False

    @staticmethod
    def _inf(x: float) -> float:
        return highspy.kHighsInf if x == INF else -highspy.kHighsInf if x == -INF else x

    def row(self, lower: float, upper: float) -> int:
        self.h.addRow(self._inf(lower), self._inf(upper), 0, np.zeros(0, dtype=np.int32), np.zeros(0))
        self.rows += 1
        return self.rows - 1

    def col(self, cost: float, upper: float, rows: list[int], values: list[float]) -> int:
        self.h.addCol(cost, 0.0, self._inf(upper), len(rows), np.asarray(rows, dtype=np.int32),
                      np.asarray(values, dtype=np.float64))
        self.cols += 1
        return self.cols - 1

    def solve(self) -> tuple[float, list[float]]:
        h = self.h
        # After columns are added the last basis is still primal feasible: primal simplex
        # (measured on Curtois Instance 13 after 14 rounds: 0.47 s a solve, against 1.17 s
        # with the dual simplex). After the dive fixes columns it is still dual feasible: dual.
        h.setOptionValue("simplex_strategy", 1 if self.bounds_changed else 4)
        self.bounds_changed = False
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise MasterError(f"HiGHS returned {h.modelStatusToString(status)} on the master LP")
        return h.getInfo().objective_function_value, list(h.getSolution().row_dual)

    def bounds(self, col: int, lower: float, upper: float) -> None:
        self.h.changeColBounds(col, lower, self._inf(upper))
        self.bounds_changed = True

    def values(self) -> list[float]:
        return list(self.h.getSolution().col_value)


class _Glop:
    """GLOP (OR-Tools' simplex through ``pywraplp``): kept for the measurement beside HiGHS."""

    def __init__(self) -> None:
        self.s = pywraplp.Solver.CreateSolver("GLOP")
        self.rows_: list[pywraplp.Constraint] = []
        self.cols_: list[pywraplp.Variable] = []

    def row(self, lower: float, upper: float) -> int:
        inf = self.s.infinity()
        self.rows_.append(self.s.Constraint(max(lower, -inf), min(upper, inf)))
        return len(self.rows_) - 1

    def col(self, cost: float, upper: float, rows: list[int], values: list[float]) -> int:
        var = self.s.NumVar(0.0, min(upper, self.s.infinity()), "")
        self.s.Objective().SetCoefficient(var, cost)
        for r, v in zip(rows, values, strict=True):
            self.rows_[r].SetCoefficient(var, v)
        self.cols_.append(var)
        return len(self.cols_) - 1

    def solve(self) -> tuple[float, list[float]]:
        status = self.s.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterError(f"GLOP returned status {status} on the master LP")
        return self.s.Objective().Value(), [c.dual_value() for c in self.rows_]

    def bounds(self, col: int, lower: float, upper: float) -> None:
        self.cols_[col].SetBounds(lower, min(upper, self.s.infinity()))

    def values(self) -> list[float]:
        return [v.solution_value() for v in self.cols_]


LP_SOLVERS = ("highs", "glop")


class Master:
    def __init__(self, index: ModelIndex, scenario: Scenario, lp: str = "highs") -> None:
        weights = scenario.weights
        self.lp: _Highs | _Glop = _Highs() if lp == "highs" else _Glop()
        self.index = index
        g = index.slot
        self.columns: list[Column] = []
        self.vars: list[int] = []
        """LP column of each roster column."""
        n = self.people = len(index.employees)
        self.convexity = [self.lp.row(1.0, 1.0) for _ in range(n)]
        self.low: dict[int, int] = {}
        self.high: dict[int, int] = {}
        self.row_min: dict[int, int] = {}
        self.row_max: dict[int, int] = {}
        self.under_cost: dict[int, float] = {}
        self.over_cost: dict[int, float] = {}
        self.fairness_max = float(weights.fairness_max)
        self.unpopular_max = float(weights.unpopular_max)
        rows: list[tuple[int, int, int | None, float, float]] = [
            (r, req.min, req.max, float(weights.cover_under * g), float(weights.cover_over * g))
            for r, req in enumerate(index.cover)
        ]
        base = len(index.cover)
        rows += [
            (base + x, line.requirement if line.under_weight else 0,
             line.requirement if line.over_weight else None,
             float(line.under_weight), float(line.over_weight))
            for x, line in enumerate(shift_rows(index))
        ]
        for r, low, high, under_cost, over_cost in rows:
            if low > 0:
                self.low[r] = row = self.lp.row(float(low), INF)
                self.lp.col(under_cost, float(low), [row], [1.0])
                self.row_min[r], self.under_cost[r] = low, under_cost
            if high is not None and high < n:
                self.high[r] = row = self.lp.row(-INF, float(high))
                self.lp.col(over_cost, float(n), [row], [-1.0])
                self.row_max[r], self.over_cost[r] = high, over_cost
        self.fair_rows: dict[int, int] = {}
        self.unpop_rows: dict[int, int] = {}
        self.fair_weight: dict[int, int] = {}
        selfish = [e for e, emp in enumerate(index.employees) if emp.pattern == "self"]
        # FAIRNESS at weight 0 adds nothing: its rows are left out
        if self.fairness_max > 0:
            for e in selfish:
                self.fair_weight[e] = weights.fairness_base + scenario.gave_way(index.employees[e].id)
                self.fair_rows[e] = self.lp.row(0.0, INF)
            self.lp.col(self.fairness_max, INF, list(self.fair_rows.values()), [1.0] * len(self.fair_rows))
        if self.unpopular_max > 0:
            for e in selfish:
                self.unpop_rows[e] = self.lp.row(0.0, INF)
            self.lp.col(self.unpopular_max, INF, list(self.unpop_rows.values()), [1.0] * len(self.unpop_rows))

    def add(self, column: Column) -> None:
        e = column.employee
        rows: list[int] = [self.convexity[e]]
        values: list[float] = [1.0]
        if e in self.fair_rows:
            rows.append(self.fair_rows[e])
            values.append(-float(self.fair_weight[e] * column.preference_cost))
        if e in self.unpop_rows:
            rows.append(self.unpop_rows[e])
            values.append(-float(column.unpopular))
        for r, a in sorted(column.cover.items()):
            for part in (self.low, self.high):
                if r in part:
                    rows.append(part[r])
                    values.append(float(a))
        # at most 1 by convexity: an explicit bound would let a column at it price out again
        self.vars.append(self.lp.col(float(column.cost), INF, rows, values))
        self.columns.append(column)

    def solve(self) -> tuple[float, Duals]:
        """The LP value and its duals."""
        value, dual = self.lp.solve()
        return value, Duals(
            pi=[dual[r] for r in self.convexity],
            mu={r: dual[row] for r, row in self.low.items()},
            nu={r: dual[row] for r, row in self.high.items()},
            sigma={e: dual[row] for e, row in self.fair_rows.items()},
            tau={e: dual[row] for e, row in self.unpop_rows.items()},
        )

    def fairness_prices(self, duals: Duals, e: int) -> tuple[float, float]:
        """What person ``e``'s preference cost and unpopular shifts cost in pricing."""
        on_pref = duals.sigma.get(e, 0.0) * self.fair_weight[e] if e in self.fair_rows else 0.0
        return on_pref, duals.tau.get(e, 0.0) if e in self.unpop_rows else 0.0

    def lagrangian_constant(self, duals: Duals) -> float:
        """The Lagrangian function at ``duals`` without the persons' pricing minima.

        With the cover and fairness rows relaxed: ``Σ mu_r min_r + Σ nu_r max_r`` plus the
        slack variables at their best (``min(0, (cost - mu) x bound)``), and minus infinity
        when the fairness prices exceed their objective weights (F and U are unbounded)."""
        if self.fair_rows and sum(duals.sigma.values()) > self.fairness_max + 1e-6:
            return -float("inf")
        if self.unpop_rows and sum(duals.tau.values()) > self.unpopular_max + 1e-6:
            return -float("inf")
        total = 0.0
        for r in self.low:
            mu = duals.mu.get(r, 0.0)
            low = self.row_min[r]
            total += mu * low + min(0.0, (self.under_cost[r] - mu) * low)
        for r in self.high:
            nu = duals.nu.get(r, 0.0)
            total += nu * self.row_max[r] + min(0.0, (self.over_cost[r] + nu) * self.people)
        return total

    def fix(self, c: int) -> None:
        """Column ``c`` is chosen (its person's convexity row then leaves no room for another)."""
        self.lp.bounds(self.vars[c], 1.0, INF)

    def unfix(self, c: int) -> None:
        self.lp.bounds(self.vars[c], 0.0, INF)

    def bar(self, c: int) -> None:
        """Column ``c`` may not be chosen (the dive undid it)."""
        self.lp.bounds(self.vars[c], 0.0, 0.0)

    def values(self) -> list[float]:
        value = self.lp.values()
        return [value[v] for v in self.vars]
