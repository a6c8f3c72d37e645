"""The master LP: one convex combination of roster columns per person, cover with slack.

    min  Σ_c cost_c λ_c + Σ_r (w_under g under_r + w_over g over_r)
    s.t. Σ_{c of e} λ_c = 1                         (convexity, dual π_e)
         Σ_c a_rc λ_c + under_r >= min_r            (dual μ_r >= 0)
         Σ_c a_rc λ_c - over_r  <= max_r            (dual ν_r <= 0)
         F - k_e Σ_{c of e} pref_c λ_c >= 0         (FAIRNESS, per self-rostered e; dual σ_e)
         U - Σ_{c of e} unpopular_c λ_c >= 0        (dual τ_e)
         λ, under, over, F, U >= 0

with ``fairness_max F + unpopular_max U`` in the objective: the largest weighted
preference cost and the most unpopular shifts, linear over the columns.

``a_rc`` is 1 when column c is present (on shift, not on break) in requirement r's
slot. Solved with GLOP (OR-Tools' own simplex: no extra dependency, and exact
duals from a basic solution). SHIFT_COVER and the team rules are not in
it yet (FAIRNESS is): each only adds non-negative cost or removes rosters, so leaving it out
keeps every bound valid (docs/pattern.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from roster.domain import Scenario
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
    """GLOP did not solve the master (it always has a solution: the slacks make it feasible)."""


class Master:
    def __init__(self, index: ModelIndex, scenario: Scenario) -> None:
        weights = scenario.weights
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        s = self.solver
        self.index = index
        g = index.slot
        self.columns: list[Column] = []
        self.vars: list[pywraplp.Variable] = []
        self.convexity = [s.Constraint(1.0, 1.0, f"convexity[{e}]") for e in range(len(index.employees))]
        self.low: dict[int, pywraplp.Constraint] = {}
        self.high: dict[int, pywraplp.Constraint] = {}
        self.under_cost = float(weights.cover_under * g)
        self.over_cost = float(weights.cover_over * g)
        self.people = len(index.employees)
        self.fairness_max = float(weights.fairness_max)
        self.unpopular_max = float(weights.unpopular_max)
        objective = s.Objective()
        n = len(index.employees)
        for r, req in enumerate(index.cover):
            if req.min > 0:
                under = s.NumVar(0.0, float(req.min), f"under[{r}]")
                objective.SetCoefficient(under, float(weights.cover_under * g))
                row = s.Constraint(float(req.min), s.infinity(), f"min[{r}]")
                row.SetCoefficient(under, 1.0)
                self.low[r] = row
            if req.max is not None and req.max < n:
                over = s.NumVar(0.0, float(n), f"over[{r}]")
                objective.SetCoefficient(over, float(weights.cover_over * g))
                row = s.Constraint(-s.infinity(), float(req.max), f"max[{r}]")
                row.SetCoefficient(over, -1.0)
                self.high[r] = row
        fair = s.NumVar(0.0, s.infinity(), "fairness[max preference cost]")
        most = s.NumVar(0.0, s.infinity(), "fairness[most unpopular shifts]")
        objective.SetCoefficient(fair, float(weights.fairness_max))
        objective.SetCoefficient(most, float(weights.unpopular_max))
        self.fair_rows: dict[int, pywraplp.Constraint] = {}
        self.unpop_rows: dict[int, pywraplp.Constraint] = {}
        self.fair_weight: dict[int, int] = {}
        for e, emp in enumerate(index.employees):
            if emp.pattern != "self":
                continue
            self.fair_weight[e] = weights.fairness_base + scenario.gave_way(emp.id)
            self.fair_rows[e] = s.Constraint(0.0, s.infinity(), f"fair[{e}]")
            self.fair_rows[e].SetCoefficient(fair, 1.0)
            self.unpop_rows[e] = s.Constraint(0.0, s.infinity(), f"unpopular[{e}]")
            self.unpop_rows[e].SetCoefficient(most, 1.0)
        objective.SetMinimization()

    def add(self, column: Column) -> None:
        s = self.solver
        # at most 1 by convexity: an explicit bound would let a column at it price out again
        var = s.NumVar(0.0, s.infinity(), f"col[{len(self.columns)}]")
        s.Objective().SetCoefficient(var, float(column.cost))
        self.convexity[column.employee].SetCoefficient(var, 1.0)
        e = column.employee
        if e in self.fair_rows:
            self.fair_rows[e].SetCoefficient(var, -float(self.fair_weight[e] * column.preference_cost))
            self.unpop_rows[e].SetCoefficient(var, -float(column.unpopular))
        for r, a in column.cover.items():
            if r in self.low:
                self.low[r].SetCoefficient(var, float(a))
            if r in self.high:
                self.high[r].SetCoefficient(var, float(a))
        self.columns.append(column)
        self.vars.append(var)

    def solve(self) -> tuple[float, Duals]:
        """The LP value and its duals."""
        status = self.solver.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterError(f"GLOP returned status {status} on the master LP")
        return self.solver.Objective().Value(), Duals(
            pi=[c.dual_value() for c in self.convexity],
            mu={r: row.dual_value() for r, row in self.low.items()},
            nu={r: row.dual_value() for r, row in self.high.items()},
            sigma={e: row.dual_value() for e, row in self.fair_rows.items()},
            tau={e: row.dual_value() for e, row in self.unpop_rows.items()},
        )

    def fairness_prices(self, duals: Duals, e: int) -> tuple[float, float]:
        """What person ``e``'s preference cost and unpopular shifts cost in pricing."""
        if e not in self.fair_rows:
            return 0.0, 0.0
        return duals.sigma.get(e, 0.0) * self.fair_weight[e], duals.tau.get(e, 0.0)

    def lagrangian_constant(self, duals: Duals) -> float:
        """The Lagrangian function at ``duals`` without the persons' pricing minima.

        With the cover and fairness rows relaxed: ``Σ mu_r min_r + Σ nu_r max_r`` plus the
        slack variables at their best (``min(0, (cost - mu) x bound)``), and minus infinity
        when the fairness prices exceed their objective weights (F and U are unbounded)."""
        if sum(duals.sigma.values()) > self.fairness_max + 1e-6:
            return -float("inf")
        if sum(duals.tau.values()) > self.unpopular_max + 1e-6:
            return -float("inf")
        total = 0.0
        cover = self.index.cover
        for r in self.low:
            mu = duals.mu.get(r, 0.0)
            total += mu * cover[r].min + min(0.0, (self.under_cost - mu) * cover[r].min)
        for r in self.high:
            nu = duals.nu.get(r, 0.0)
            most = cover[r].max
            assert most is not None
            total += nu * most + min(0.0, (self.over_cost + nu) * self.people)
        return total

    def fix(self, c: int) -> None:
        """Column ``c`` is chosen (its person's convexity row then leaves no room for another)."""
        self.vars[c].SetLb(1.0)

    def unfix(self, c: int) -> None:
        self.vars[c].SetLb(0.0)

    def bar(self, c: int) -> None:
        """Column ``c`` may not be chosen (the dive undid it)."""
        self.vars[c].SetUb(0.0)

    def values(self) -> list[float]:
        return [v.solution_value() for v in self.vars]
