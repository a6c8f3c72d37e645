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

from ortools.linear_solver import pywraplp

from roster.domain import Scenario
from roster.model.pattern.pricing import Column
from roster.model.slot.index import ModelIndex


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

    def solve(self) -> tuple[float, list[float], dict[int, float], dict[int, tuple[float, float]]]:
        """The LP value, the convexity duals, the cover duals (μ_r + ν_r per requirement) and
        each person's fairness prices (σ_e k_e, τ_e)."""
        status = self.solver.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterError(f"GLOP returned status {status} on the master LP")
        value = self.solver.Objective().Value()
        pis = [c.dual_value() for c in self.convexity]
        duals: dict[int, float] = {}
        for r, row in self.low.items():
            duals[r] = duals.get(r, 0.0) + row.dual_value()
        for r, row in self.high.items():
            duals[r] = duals.get(r, 0.0) + row.dual_value()
        fairness = {
            e: (row.dual_value() * self.fair_weight[e], self.unpop_rows[e].dual_value())
            for e, row in self.fair_rows.items()
        }
        return value, pis, {r: d for r, d in duals.items() if abs(d) > 1e-9}, fairness

    def values(self) -> list[float]:
        return [v.solution_value() for v in self.vars]
