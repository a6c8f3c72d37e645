"""The master LP: one convex combination of roster columns per person, cover with slack, team rows.

    min  Σ_c cost_c λ_c + Σ_r (w_under g under_r + w_over g over_r) + fairness + M Σ_k s_k
    s.t. Σ_{c of e} λ_c = 1                         (convexity, dual π_e)
         Σ_c a_rc λ_c + under_r >= min_r            (dual μ_r >= 0)
         Σ_c a_rc λ_c - over_r  <= max_r            (dual ν_r <= 0)
         Σ_c b_lc λ_c + under_l >= req_l, ... <= req_l   (SHIFT_COVER line l, same duals)
         F - k_e Σ_{c of e} pref_c λ_c >= 0         (FAIRNESS, per self-rostered e; dual σ_e)
         U - Σ_{c of e} unpopular_c λ_c >= 0        (dual τ_e)
         Σ_c t_kc λ_c (+ under_r) - s_k <= rhs_k    (team row k, dual y_k <= 0)
         λ, under, over, F, U, s >= 0

with ``fairness_max F + unpopular_max U`` in the objective: the largest weighted
preference cost and the most unpopular shifts, linear over the columns.

``a_rc`` is 1 when column c is present (on shift, not on break) in requirement r's
slot; ``b_lc`` is 1 when column c works line l's shift type on its date (and holds its
skill). A SHIFT_COVER line's rows are numbered after the slot requirements
(:func:`roster.model.index.shift_rows`), with its own weights per head.

**Team rows** (:mod:`.team`) hold the rules that bind several people, exactly for
integer choices: SUPERVISION and LONE_WORKING per person and slot, JOB_SHARE's
handover per date and threshold, TAKEBACK_COVER per person and requirement. They are
added when the LP's solution breaks them (row generation: a round's LP value and
bound stay valid without a row, which only removes rosters), and each has a slack at
a high cost ``M`` so the restricted master always has a solution; a slack left above
0 once every person is fixed is a team rule the roster breaks.

Solved with HiGHS (``highspy``), kept between solves: a round adds columns and rows and
the simplex goes on from the last basis. GLOP through ``pywraplp`` starts again after
any change (docs/pattern.md has both measured).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
from ortools.linear_solver import pywraplp

from roster.domain import Penalty, Scenario
from roster.domain.rules import RuleCode
from roster.model.columns import Column, Footprint, PersonPrices
from roster.model.index import ModelIndex, shift_rows
from roster.model.pattern import work
from roster.model.pattern.team import TeamRow, TeamRules

Floats = npt.NDArray[np.float64]


@dataclass
class Duals:
    """A dual vector of the master: convexity ``pi`` and every other row's dual ``y`` (in the LP's
    row order; rows added later than this vector was taken have dual 0)."""

    pi: Floats
    y: Floats

    def mix(self, other: Duals, alpha: float) -> Duals:
        """``alpha x self + (1 - alpha) x other`` (Wentges smoothing toward a stability centre)."""
        n = max(len(self.y), len(other.y))
        a = np.zeros(n)
        a[: len(self.y)] = self.y
        b = np.zeros(n)
        b[: len(other.y)] = other.y
        return Duals(alpha * self.pi + (1 - alpha) * other.pi, alpha * a + (1 - alpha) * b)

    def at(self, row: int) -> float:
        return float(self.y[row]) if row < len(self.y) else 0.0


class MasterError(RuntimeError):
    """The LP solver did not solve the master (it always has a solution: the slacks make it feasible)."""


INF = float("inf")


class _Highs:
    """HiGHS (``highspy``): the model kept between solves, the simplex warm from the last basis."""

    def __init__(self, method: str = "simplex") -> None:
        # The core class, not ``highspy.Highs``: that wrapper enables Python callbacks as it is
        # constructed, which prints HiGHS's banner to the process's stdout before any option
        # can silence it (the roster CLI's output must stay its own); the methods are the same.
        h = self.h = highspy._Highs()  # type: ignore[attr-defined]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("presolve", "off")
        h.setOptionValue("solver", method)
        self.simplex = method == "simplex"
        if method == "ipm":
            # interior duals for pricing, no basis: each solve starts again
            h.setOptionValue("run_crossover", "off")
        self.rows = self.cols = 0
        self.bounds_changed = False
        self.work = 0.0
        """Deterministic work of every solve so far (:mod:`.work`)."""

    @staticmethod
    def _inf(x: float) -> float:
        return highspy.kHighsInf if x == INF else -highspy.kHighsInf if x == -INF else x

    def row(
        self, lower: float, upper: float, cols: list[int] | None = None, values: list[float] | None = None
    ) -> int:
        cols = cols or []
        self.h.addRow(
            self._inf(lower),
            self._inf(upper),
            len(cols),
            np.asarray(cols, dtype=np.int32),
            np.asarray(values or [], dtype=np.float64),
        )
        self.rows += 1
        self.bounds_changed = True  # a new row leaves the basis dual feasible, not primal
        return self.rows - 1

    def col(self, cost: float, upper: float, rows: list[int], values: list[float]) -> int:
        self.h.addCol(
            cost,
            0.0,
            self._inf(upper),
            len(rows),
            np.asarray(rows, dtype=np.int32),
            np.asarray(values, dtype=np.float64),
        )
        self.cols += 1
        return self.cols - 1

    def solve(self) -> tuple[float, Floats]:
        h = self.h
        # After columns are added the last basis is still primal feasible: primal simplex
        # (measured on Curtois Instance 13 after 14 rounds: 0.47 s a solve, against 1.17 s
        # with the dual simplex). After the dive fixes columns, or rows are added, it is still
        # dual feasible: dual.
        if self.simplex:
            h.setOptionValue("simplex_strategy", 1 if self.bounds_changed else 4)
        self.bounds_changed = False
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise MasterError(f"HiGHS returned {h.modelStatusToString(status)} on the master LP")
        info = h.getInfo()
        if self.simplex:  # the work model is fitted on the simplex (the others are measured by time)
            self.work += work.lp(info.simplex_iteration_count, self.rows + self.cols)
        return info.objective_function_value, np.asarray(h.getSolution().row_dual, dtype=np.float64)

    def bounds(self, col: int, lower: float, upper: float) -> None:
        self.h.changeColBounds(col, lower, self._inf(upper))
        self.bounds_changed = True

    def values(self) -> Floats:
        return np.asarray(self.h.getSolution().col_value, dtype=np.float64)

    def rows_count(self) -> int:
        return self.rows


class _Glop:
    """GLOP (OR-Tools' simplex) or PDLP (OR-Tools' first-order method) through ``pywraplp``:
    kept for the measurement beside HiGHS (``benchmarks/pattern_bound.py --lp``)."""

    def __init__(self, name: str = "GLOP") -> None:
        self.s = pywraplp.Solver.CreateSolver(name)
        self.rows_: list[pywraplp.Constraint] = []
        self.cols_: list[pywraplp.Variable] = []

    def row(
        self, lower: float, upper: float, cols: list[int] | None = None, values: list[float] | None = None
    ) -> int:
        inf = self.s.infinity()
        c = self.s.Constraint(max(lower, -inf), min(upper, inf))
        for k, v in zip(cols or [], values or [], strict=True):
            c.SetCoefficient(self.cols_[k], v)
        self.rows_.append(c)
        return len(self.rows_) - 1

    def col(self, cost: float, upper: float, rows: list[int], values: list[float]) -> int:
        var = self.s.NumVar(0.0, min(upper, self.s.infinity()), "")
        self.s.Objective().SetCoefficient(var, cost)
        for r, v in zip(rows, values, strict=True):
            self.rows_[r].SetCoefficient(var, v)
        self.cols_.append(var)
        return len(self.cols_) - 1

    work = 0.0

    def solve(self) -> tuple[float, Floats]:
        status = self.s.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterError(f"GLOP returned status {status} on the master LP")
        return self.s.Objective().Value(), np.array([c.dual_value() for c in self.rows_])

    def bounds(self, col: int, lower: float, upper: float) -> None:
        self.cols_[col].SetBounds(lower, min(upper, self.s.infinity()))

    def values(self) -> Floats:
        return np.array([v.solution_value() for v in self.cols_])

    def rows_count(self) -> int:
        return len(self.rows_)


LP_SOLVERS = ("highs", "highs-ipm", "highs-pdlp", "glop", "pdlp")
"""The master's LP solvers: HiGHS's simplex (the default: warm from the last basis, its work
counted), HiGHS's interior point (without crossover) and first-order PDLP, OR-Tools' GLOP and
PDLP. ``benchmarks/pattern_lp.py`` measures them on the root of the bundled services."""


def _lp_solver(name: str) -> _Highs | _Glop:
    if name not in LP_SOLVERS:
        raise ValueError(f"unknown LP solver {name!r}: one of {', '.join(LP_SOLVERS)}")
    if name.startswith("highs"):
        return _Highs(name.removeprefix("highs-") if "-" in name else "simplex")
    return _Glop(name.upper())


class Master:
    def __init__(self, index: ModelIndex, scenario: Scenario, lp: str = "highs", lazy: bool = True) -> None:
        weights = scenario.weights
        self.lp: _Highs | _Glop = _lp_solver(lp)
        self.index = index
        self.scenario = scenario
        g = self.g = index.slot
        self.columns: list[Column] = []
        self.footprints: list[Footprint] = []
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
        self.under_var: dict[int, int] = {}
        """LP column of each minimum row's under slack."""
        self.fairness_max = float(weights.fairness_max)
        self.unpopular_max = float(weights.unpopular_max)
        self.requirements = len(index.cover) + len(shift_rows(index))
        rows: list[tuple[int, int, int | None, float, float]] = [
            (r, req.min, req.max, float(weights.cover_under * g), float(weights.cover_over * g))
            for r, req in enumerate(index.cover)
        ]
        base = len(index.cover)
        rows += [
            (
                base + x,
                line.requirement if line.under_weight else 0,
                line.requirement if line.over_weight else None,
                float(line.under_weight),
                float(line.over_weight),
            )
            for x, line in enumerate(shift_rows(index))
        ]
        for r, low, high, under_cost, over_cost in rows:
            if low > 0:
                self.row_min[r], self.under_cost[r] = low, under_cost
            if high is not None and high < n:
                self.row_max[r], self.over_cost[r] = high, over_cost
        self.cover_rows: list[npt.NDArray[np.int64]] = []
        self.cover_amounts: list[Floats] = []
        """Each roster column's cover as arrays (requirements, slots present), for numpy."""
        self.cover_cols: dict[int, list[tuple[int, float]]] = {}
        """Requirement -> (roster column, slots present) of every column present for it: a cover
        row added later reads its coefficients from here."""
        self.lazy = lazy
        """Cover rows are in the LP only once its solution would break them (row generation); at
        first every one is out. Without ``lazy``, every row is in from the start."""
        if not lazy:
            for r in sorted(self.row_min):
                self._add_min(r)
            for r in sorted(self.row_max):
                self._add_max(r)
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
        self.team = TeamRules(index, scenario)
        self.penalty = self.team.penalty
        """M: the cost of a team row's slack (dominates every other cost of a roster)."""
        self.team_rows: list[TeamRow] = []
        self.team_lp: list[int] = []
        """LP row of each team row."""
        self.slack_vars: list[int] = []
        self.by_person: list[list[int]] = [[] for _ in range(n)]
        self._values: Floats | None = None
        self._low_r: npt.NDArray[np.int64] | None = None
        self._low_row: npt.NDArray[np.int64] | None = None
        self._high_r: npt.NDArray[np.int64] | None = None
        self._high_row: npt.NDArray[np.int64] | None = None

    # -- columns ----------------------------------------------------------------------------------
    def add(self, column: Column, footprint: Footprint | None = None) -> None:
        e = column.employee
        rows: list[int] = [self.convexity[e]]
        values: list[float] = [1.0]
        if e in self.fair_rows:
            rows.append(self.fair_rows[e])
            values.append(-float(self.fair_weight[e] * column.preference_cost))
        if e in self.unpop_rows:
            rows.append(self.unpop_rows[e])
            values.append(-float(column.unpopular))
        c = len(self.columns)
        cover = sorted(column.cover.items())
        self.cover_rows.append(np.array([r for r, _ in cover], dtype=np.int64))
        self.cover_amounts.append(np.array([a for _, a in cover], dtype=np.float64))
        for r, a in cover:
            self.cover_cols.setdefault(r, []).append((c, float(a)))
            for part in (self.low, self.high):
                if r in part:
                    rows.append(part[r])
                    values.append(float(a))
        if footprint is None:
            footprint = self.team.footprint(column)
        self.team.track(column, footprint)
        self.columns.append(column)
        self.footprints.append(footprint)
        self.by_person[e].append(c)
        for k, coef in self.team.coefficients(c, column, footprint):
            rows.append(self.team_lp[k])
            values.append(coef)
        # at most 1 by convexity: an explicit bound would let a column at it price out again
        self.vars.append(self.lp.col(float(column.cost), INF, rows, values))

    # -- the LP -----------------------------------------------------------------------------------
    def solve(self) -> tuple[float, Duals]:
        """The LP value and its duals."""
        value, dual = self.lp.solve()
        self._values = None
        pi = np.array([dual[r] for r in self.convexity])
        return value, Duals(pi, dual)

    def all_values(self) -> Floats:
        """Every LP column's value in the last solution (padded with 0 for columns added since)."""
        if self._values is None:
            self._values = self.lp.values()
        n = self.lp.cols if isinstance(self.lp, _Highs) else len(self.lp.cols_)
        if len(self._values) < n:
            self._values = np.concatenate([self._values, np.zeros(n - len(self._values))])
        return self._values

    def values(self) -> list[float]:
        """Each roster column's value in the last LP solution (0 for a column added since)."""
        value = self.all_values()
        n = len(value)
        return [float(value[v]) if v < n else 0.0 for v in self.vars]

    def _add_min(self, r: int) -> None:
        """Requirement ``r``'s minimum row (with its under slack) into the LP."""
        cols = [self.vars[c] for c, _ in self.cover_cols.get(r, ())]
        vals = [a for _, a in self.cover_cols.get(r, ())]
        self.low[r] = row = self.lp.row(float(self.row_min[r]), INF, cols, vals)
        self.under_var[r] = self.lp.col(self.under_cost[r], float(self.row_min[r]), [row], [1.0])
        self._low_r = None

    def _add_max(self, r: int) -> None:
        cols = [self.vars[c] for c, _ in self.cover_cols.get(r, ())]
        vals = [a for _, a in self.cover_cols.get(r, ())]
        self.high[r] = row = self.lp.row(-INF, float(self.row_max[r]), cols, vals)
        self.lp.col(self.over_cost[r], float(self.people), [row], [-1.0])
        self._low_r = None

    def coverage(self) -> Floats:
        """People present per requirement in the LP's solution."""
        lam = np.asarray(self.values())
        positive = np.flatnonzero(lam > 1e-9)
        if not len(positive):
            return np.zeros(self.requirements)
        rows = np.concatenate([self.cover_rows[c] for c in positive])
        amounts = np.concatenate([self.cover_amounts[c] * lam[c] for c in positive])
        return np.bincount(rows, weights=amounts, minlength=self.requirements).astype(np.float64)

    def separate_cover(self, chosen: dict[int, int] | None = None) -> int:
        """Add the cover rows the LP's solution breaks (a minimum not met, a maximum passed)
        that are not in it yet, or those one column per person (``chosen``: person -> column)
        breaks; how many."""
        if not self.lazy:
            return 0
        count = self.coverage() if chosen is None else self.counts(chosen)
        added = 0
        for r in sorted(self.row_min):
            if r not in self.low and count[r] < self.row_min[r] - 1e-6:
                self._add_min(r)
                added += 1
        for r in sorted(self.row_max):
            if r not in self.high and count[r] > self.row_max[r] + 1e-6:
                self._add_max(r)
                added += 1
        return added

    def separate(self, limit: int = 2000, only: set[int] | None = None) -> int:
        """Add the team rows the LP's current solution breaks (at most ``limit``; with ``only``,
        rows of those people alone); how many."""
        if not self.team.active:
            return 0
        lam = np.asarray(self.values())
        values = self.all_values()
        count = self.coverage()
        # an absent minimum row has no slack variable: its shortfall is read off the coverage
        under = {
            r: float(values[self.under_var[r]]) if r in self.under_var else max(0.0, low - float(count[r]))
            for r, low in self.row_min.items()
        }
        found = self.team.violated(lam, self.columns, self.footprints, self.by_person, under, limit, only)
        for row in found:
            self.add_team_row(row)
        return len(found)

    def add_team_row(self, row: TeamRow) -> None:
        if row.under is not None and row.under not in self.low:
            self._add_min(row.under)  # TAKEBACK_COVER reads the minimum row's slack
        k = len(self.team_rows)
        cols: list[int] = []
        vals: list[float] = []
        for c, coef in self.team.members(row, self.columns, self.footprints, self.by_person):
            cols.append(self.vars[c])
            vals.append(coef)
        if row.under is not None:
            cols.append(self.under_var[row.under])
            vals.append(1.0)
        lp_row = self.lp.row(-INF, float(row.rhs), cols, vals)
        self.team_rows.append(row)
        self.team_lp.append(lp_row)
        self.team.register(k, row)
        self.slack_vars.append(self.lp.col(self.penalty, INF, [lp_row], [-1.0]))

    def slack(self) -> float:
        """Total slack of the team rows in the LP's solution (0: every team row holds)."""
        if not self.slack_vars:
            return 0.0
        value = self.all_values()
        return float(sum(value[v] for v in self.slack_vars))

    # -- prices -----------------------------------------------------------------------------------
    def cover_prices(self, duals: Duals) -> Floats:
        """Worth of one person present in each requirement: ``mu_r + nu_r``."""
        out = np.zeros(self.requirements)
        if self._low_r is None:
            self._index_rows()
        assert self._low_r is not None and self._low_row is not None
        assert self._high_r is not None and self._high_row is not None
        np.add.at(out, self._low_r, duals.y[self._low_row])
        np.add.at(out, self._high_r, duals.y[self._high_row])
        return out

    def _index_rows(self) -> None:
        """The cover rows as arrays (requirement, LP row, bound, slack cost), for numpy."""
        self._low_r = np.array(list(self.low), dtype=np.int64)
        self._low_row = np.array([self.low[r] for r in self.low], dtype=np.int64)
        self._low_min = np.array([self.row_min[r] for r in self.low], dtype=np.float64)
        self._low_cost = np.array([self.under_cost[r] for r in self.low], dtype=np.float64)
        self._high_r = np.array(list(self.high), dtype=np.int64)
        self._high_row = np.array([self.high[r] for r in self.high], dtype=np.int64)
        self._high_max = np.array([self.row_max[r] for r in self.high], dtype=np.float64)
        self._high_cost = np.array([self.over_cost[r] for r in self.high], dtype=np.float64)

    def fairness_prices(self, duals: Duals, e: int) -> tuple[float, float]:
        """What person ``e``'s preference cost and unpopular shifts cost in pricing."""
        on_pref = duals.at(self.fair_rows[e]) * self.fair_weight[e] if e in self.fair_rows else 0.0
        return on_pref, duals.at(self.unpop_rows[e]) if e in self.unpop_rows else 0.0

    def prices(self, duals: Duals, cover: Floats, e: int) -> PersonPrices:
        """Person ``e``'s prices: the cover worth ``cover`` (:meth:`cover_prices`), the team rows'
        worth of the person's slots, starts, ends and taking time back, the fairness prices."""
        y = np.array([duals.at(r) for r in self.team_lp]) if self.team_lp else np.zeros(0)
        out = PersonPrices(cover, fairness=self.fairness_prices(duals, e))
        if len(y):
            self.team.person_prices(e, y, out)
        return out

    def lagrangian_constant(self, duals: Duals) -> float:
        """The Lagrangian function at ``duals`` without the persons' pricing minima.

        With the cover, fairness and team rows relaxed: ``Σ mu_r min_r + Σ nu_r max_r + Σ y_k rhs_k``
        plus the slack variables at their best (``min(0, reduced cost x bound)``), and minus
        infinity when a price exceeds what its unbounded slack costs (F, U, a team row's M)."""
        if self.fair_rows and sum(duals.at(r) for r in self.fair_rows.values()) > self.fairness_max + 1e-6:
            return -math.inf
        if self.unpop_rows and sum(duals.at(r) for r in self.unpop_rows.values()) > self.unpopular_max + 1e-6:
            return -math.inf
        total = 0.0
        under_extra = np.zeros(self.requirements)
        for k, row in enumerate(self.team_rows):
            y = duals.at(self.team_lp[k])
            if -y > self.penalty * (1 + 1e-9):
                return -math.inf
            total += y * row.rhs
            if row.under is not None:
                under_extra[row.under] -= y
        if self._low_r is None:
            self._index_rows()
        assert self._low_r is not None and self._low_row is not None
        assert self._high_r is not None and self._high_row is not None
        mu = duals.y[self._low_row]
        low = self._low_min
        slack = np.minimum(0.0, (self._low_cost - mu + under_extra[self._low_r]) * low)
        total += float(np.sum(mu * low + slack))
        nu = duals.y[self._high_row]
        total += float(np.sum(nu * self._high_max + np.minimum(0.0, (self._high_cost + nu) * self.people)))
        return total

    def counts(self, chosen: dict[int, int]) -> Floats:
        """People present per requirement when every person works their ``chosen`` column."""
        count = np.zeros(self.requirements)
        for c in chosen.values():
            np.add.at(count, self.cover_rows[c], self.cover_amounts[c])
        return count

    def unders(self, chosen: dict[int, int]) -> dict[int, float]:
        """Each minimum row's shortfall when every person works their ``chosen`` column."""
        count = self.counts(chosen)
        return {r: float(max(0, low - count[r])) for r, low in self.row_min.items()}

    def integer_solve(self, nodes: int, cutoff: float, seconds: float) -> dict[int, int] | None:
        """The master with one whole column per person (HiGHS's MIP on a copy, at most ``nodes``
        nodes, ``seconds`` as a guard, only solutions below ``cutoff``): person -> column."""
        if not isinstance(self.lp, _Highs):
            return None
        h = highspy._Highs()  # type: ignore[attr-defined]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_max_nodes", nodes)
        h.setOptionValue("time_limit", max(1.0, seconds))
        h.setOptionValue("objective_bound", cutoff - 0.5)
        h.passModel(self.lp.h.getLp())
        for v in self.vars:
            h.changeColBounds(v, 0.0, 1.0)
            h.changeColIntegrality(v, highspy.HighsVarType.kInteger)
        h.run()
        self.lp.work += work.lp(h.getInfo().simplex_iteration_count, h.getNumRow() + h.getNumCol())
        if h.getInfo().primal_solution_status != 2:  # no feasible integer solution found
            return None
        value = np.asarray(h.getSolution().col_value)
        chosen: dict[int, int] = {}
        for c, v in enumerate(self.vars):
            if value[v] > 0.5:
                chosen[self.columns[c].employee] = c
        if len(chosen) != self.people:
            return None
        return chosen

    # -- the dive ---------------------------------------------------------------------------------
    def fix(self, c: int) -> None:
        """Column ``c`` is chosen (its person's convexity row then leaves no room for another)."""
        self.lp.bounds(self.vars[c], 1.0, INF)

    def unfix(self, c: int) -> None:
        self.lp.bounds(self.vars[c], 0.0, INF)

    def bar(self, c: int) -> None:
        """Column ``c`` may not be chosen (the dive undid it)."""
        self.lp.bounds(self.vars[c], 0.0, 0.0)

    # -- the engine's own objective ---------------------------------------------------------------
    def penalties(self, chosen: dict[int, int]) -> list[Penalty]:
        """The objective's terms of one column per person (``chosen``: person -> column), from the
        columns' own costs and the master's rows, never from a validator."""
        idx, w8, g = self.index, self.scenario.weights, self.g
        out: list[Penalty] = []
        count = np.zeros(self.requirements, dtype=np.int64)
        pref: dict[int, int] = {}
        unpop: dict[int, int] = {}
        for e, c in sorted(chosen.items()):
            col = self.columns[c]
            emp = idx.employees[e].id
            for rule, cost in col.costs:
                if cost:
                    out.append(
                        Penalty(
                            rule=rule, employee_id=emp, detail="pattern engine column", measure=cost, weight=1
                        )
                    )
            for r, a in col.cover.items():
                count[r] += a
            pref[e], unpop[e] = col.preference_cost, col.unpopular
        for r, req in enumerate(idx.cover):
            n = int(count[r])
            label = f"{req.minute // 60:02d}:{req.minute % 60:02d} {req.skill or 'team'}"
            if req.min > n:
                out.append(
                    Penalty(
                        rule=RuleCode.COVERAGE,
                        date=req.date,
                        detail=f"under {label}",
                        measure=(req.min - n) * g,
                        weight=w8.cover_under,
                    )
                )
            if req.max is not None and n > req.max:
                out.append(
                    Penalty(
                        rule=RuleCode.COVERAGE,
                        date=req.date,
                        detail=f"over {label}",
                        measure=(n - req.max) * g,
                        weight=w8.cover_over,
                    )
                )
        base = len(idx.cover)
        for x, line in enumerate(shift_rows(idx)):
            n = int(count[base + x])
            if n < line.requirement and line.under_weight:
                out.append(
                    Penalty(
                        rule=RuleCode.SHIFT_COVER,
                        date=line.date,
                        detail=f"under {line.label}",
                        measure=line.requirement - n,
                        weight=line.under_weight,
                    )
                )
            if n > line.requirement and line.over_weight:
                out.append(
                    Penalty(
                        rule=RuleCode.SHIFT_COVER,
                        date=line.date,
                        detail=f"over {line.label}",
                        measure=n - line.requirement,
                        weight=line.over_weight,
                    )
                )
        selfish = [e for e, emp in enumerate(idx.employees) if emp.pattern == "self"]
        if selfish and w8.fairness_max:
            top = max(
                (w8.fairness_base + self.scenario.gave_way(idx.employees[e].id)) * pref.get(e, 0)
                for e in selfish
            )
            if top:
                out.append(
                    Penalty(
                        rule=RuleCode.FAIRNESS,
                        detail="largest weighted preference cost",
                        measure=top,
                        weight=w8.fairness_max,
                    )
                )
        if selfish and w8.unpopular_max:
            most = max(unpop.get(e, 0) for e in selfish)
            if most:
                out.append(
                    Penalty(
                        rule=RuleCode.FAIRNESS,
                        detail="most unpopular shifts",
                        measure=most,
                        weight=w8.unpopular_max,
                    )
                )
        return out
